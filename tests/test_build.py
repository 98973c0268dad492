"""The index on a real Chroma in tmp_path, with the deterministic fake embedder."""
import json

import pytest

from conftest import CORPUS, SEED
from core.index import open_index
from core.store import ModelMismatchError, NoIndexError, history
from ingest.build import ingest


def test_ingest_builds_one_document_per_case_and_sentence(fake, data_dir):
    report = ingest(SEED, data_dir, fake)
    index = open_index(data_dir, fake.name)
    metas = index.case_metadata()
    assert report.cases == len(metas) == 62
    assert len(report.added) == 62 and report.version
    passages = index.passages()
    assert len(passages) == sum(len(c.sentences) for c in index.cases())
    atsugi = metas["神奈川県厚木市"]
    assert atsugi["title"] == "神奈川県厚木市" and atsugi["region"] == "関東"
    assert atsugi["level"] == "市区町村" and atsugi["prefecture"] == "神奈川県"
    assert atsugi["source"].startswith("参考:厚木市") and atsugi["position"] == 27
    assert atsugi["article"].startswith("【12月最新版】")
    assert index.model == fake.name


def test_reingest_same_article_changes_nothing(fake, data_dir):
    first = ingest(CORPUS, data_dir, fake)
    before = open_index(data_dir, fake.name).records()
    again = ingest(CORPUS, data_dir, fake)
    assert again.version == "" and not again.changed and again.unchanged == 62 and again.embedded == 0
    after = open_index(data_dir, fake.name)
    assert after.version == first.version
    assert sorted(r[0] for r in after.records()) == sorted(r[0] for r in before)
    assert [h["published"] for h in history(data_dir)] == [True, False]


def test_ids_are_stable_across_rebuilds(fake, tmp_path):
    a = ingest(SEED, tmp_path / "a", fake)
    b = ingest(SEED, tmp_path / "b", fake)
    ids_a = sorted(r[0] for r in open_index(tmp_path / "a", fake.name).records())
    ids_b = sorted(r[0] for r in open_index(tmp_path / "b", fake.name).records())
    assert ids_a == ids_b and a.cases == b.cases


def test_other_model_is_refused(fake, data_dir):
    ingest(SEED, data_dir, fake)

    class Other(type(fake)):
        pass

    other = Other(model="other")
    with pytest.raises(ModelMismatchError, match="rebuild"):
        open_index(data_dir, other.name)
    with pytest.raises(ModelMismatchError):
        ingest(SEED, data_dir, other)
    rebuilt = ingest(SEED, data_dir, other, rebuild=True)
    assert rebuilt.embedded > 62 and open_index(data_dir, other.name).model == "fake:other"


def test_no_index_message(data_dir, fake):
    with pytest.raises(NoIndexError, match="chatbot ingest"):
        open_index(data_dir, fake.name)


def test_collection_records_model(fake, data_dir):
    ingest(SEED, data_dir, fake)
    index = open_index(data_dir, fake.name)
    assert index._collection.metadata["embedding_model"] == fake.name
    manifest = json.loads((index.path / "manifest.json").read_text())
    assert manifest["model"] == fake.name and manifest["cases"] == 62
