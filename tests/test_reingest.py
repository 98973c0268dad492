"""Re-ingesting an updated article: the case-level diff, versions, formats, bad input, serving.

Real Chroma in tmp_path; the deterministic fake embedder unless a test is marked `model`.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from conftest import CORPUS, FIXTURES, ROOT, SEED
from core.index import open_index
from core.store import history
from ingest.build import case_documents, ingest, load_articles
from ingest.versions import IngestRefused
from ingest.parse import ParseError, parse_article
from ingest.read import read_text

CHATBOT = str(Path(sys.executable).parent / "chatbot")
NEXT = FIXTURES / "next_month.txt"
FAKE = {"CHATBOT_EMBEDDINGS": "fake"}

# A second, different article: its own title (so its own identity) and a case whose organisation
# (神奈川県厚木市) is also in the seed, to show cases are told apart by article too.
SECOND = """【1月最新版】生成AIで窓口業務を変えた自治体の事例3選

生成AIを住民窓口に取り入れた自治体の事例を紹介します。

北海道・東北

北海道旭川市

旭川市は、窓口での問い合わせ対応に生成AIを使うチャットボットを導入しました。住民からの質問に24時間回答できるようになりました。

参考:旭川市、窓口チャットボットに生成AI

関東

神奈川県厚木市

厚木市は、転入手続きの案内文を生成AIで作成し、窓口の待ち時間を平均10分短縮しました。

参考:厚木市、窓口案内に生成AI

九州

福岡県福岡市

福岡市は、LINE公式アカウントの問い合わせ対応に生成AIを活用しています。

参考:福岡市、LINEで生成AI活用
"""


def cli(*args, data_dir: Path, check: bool = True, env: dict | None = None):
    e = {**os.environ, **FAKE, "CHATBOT_DATA_DIR": str(data_dir), **(env or {})}
    p = subprocess.run([CHATBOT, *args], capture_output=True, text=True, env=e, cwd=ROOT, timeout=600)
    if check:
        assert p.returncode == 0, p.stderr
    return p


def snapshot(data_dir: Path) -> dict[str, str]:
    """Every file under data_dir with its content hash (the lock file aside)."""
    if not data_dir.exists():
        return {}
    return {str(p.relative_to(data_dir)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(data_dir.rglob("*")) if p.is_file() and p.name != ".ingest.lock"}


def version_dirs(data_dir: Path) -> list[str]:
    return sorted(p.name for p in (data_dir / "versions").iterdir())


def by_id(data_dir: Path, model: str) -> dict[str, tuple[str, dict, list[float]]]:
    return {rid: (doc, meta, list(emb)) for rid, doc, meta, emb in open_index(data_dir, model).records()}


def new_sentences(case, before: dict) -> int:
    """How many of a case's sentences an ingest must embed: those whose text (with the heading)
    no sentence of the served version had; the others keep their vectors."""
    served = {(m["title"], doc) for doc, m, _ in before.values()}
    return sum((case.title, s) not in served for s in case.sentences)


# --- the diff -----------------------------------------------------------------------------------

def test_exact_diff_seed_to_next_month(fake, data_dir):
    ingest(SEED, data_dir, fake)
    before = by_id(data_dir, fake.name)
    report = ingest(NEXT, data_dir, fake)

    assert report.added == ["北海道札幌市"]
    assert report.updated == ["神奈川県厚木市"]
    assert report.removed == ["三重県桑名市"]
    assert report.unchanged == 60 and report.cases == 62 and report.renamed == []
    nxt = {c.id: c for c in parse_article(read_text(NEXT)).cases}
    assert report.embedded == len(nxt["北海道札幌市"].sentences) + 1 == \
        new_sentences(nxt["北海道札幌市"], before) + new_sentences(nxt["神奈川県厚木市"], before)
    assert report.as_of == "1月最新版"
    assert report.articles[0]["version"] == report.articles[0]["as_of"] == "1月最新版"

    index = open_index(data_dir, fake.name)
    after = by_id(data_dir, fake.name)
    assert not any(m["case_id"] == "三重県桑名市" for _, m, _ in after.values())
    assert not any("メンタルコンパス" in doc for doc, _, _ in after.values())   # 桑名市's own text
    assert len(index.case_metadata()) == 62 == report.cases
    atsugi = [doc for doc, m, _ in after.values() if m["case_id"] == "神奈川県厚木市"]
    assert any("平均25分" in d for d in atsugi) and not any("平均21分" in d for d in atsugi)
    # Unchanged cases: the catalog says 【1月最新版】 and the new position; their sentences keep
    # their vectors as they were.
    for case, meta in index.keyed_cases().values():
        if case.id in ("北海道札幌市", "神奈川県厚木市"):
            continue
        assert meta["article"].startswith("【1月最新版】") and meta["article_version"] == "1月最新版"
        assert meta["position"] == nxt[case.id].position
    for rid, (doc, meta, emb) in after.items():
        if meta["case_id"] in ("北海道札幌市", "神奈川県厚木市"):
            continue
        assert before[rid][0] == doc and max(abs(a - b) for a, b in zip(before[rid][2], emb)) < 1e-6
    assert index.manifest["articles"][0]["version"] == "1月最新版"
    assert index.articles[0]["title"].startswith("【1月最新版】")


def test_cli_diff_and_versions(data_dir):
    first = json.loads(cli("ingest", str(SEED), "--json", data_dir=data_dir).stdout)
    assert first["cases"] == 62 and len(first["added"]) == 62 and first["as_of"] == "12月最新版"
    out = json.loads(cli("ingest", str(NEXT), "--json", data_dir=data_dir).stdout)
    assert (out["added"], out["updated"], out["removed"]) == (["北海道札幌市"], ["神奈川県厚木市"],
                                                              ["三重県桑名市"])
    assert out["unchanged"] == 60 and out["cases"] == 62 and out["version"]
    assert out["as_of"] == "1月最新版"

    rows = json.loads(cli("versions", "--json", data_dir=data_dir).stdout)
    assert [r["version"] for r in rows] == [first["version"], out["version"]]
    assert [r["current"] for r in rows] == [False, True]
    for r, src in zip(rows, (SEED, NEXT)):
        assert r["time"] and r["sources"] == [str(src)] and r["cases"] == 62 and r["published"]
    assert rows[1]["added"] == ["北海道札幌市"] and rows[1]["removed"] == ["三重県桑名市"]
    assert rows[1]["articles"][0]["version"] == "1月最新版"

    text = cli("versions", data_dir=data_dir).stdout
    assert "【12月最新版】" in text and "【1月最新版】" in text and str(NEXT) in text
    assert "+ 北海道札幌市" in text and "~ 神奈川県厚木市" in text and "- 三重県桑名市" in text
    served = [line for line in text.splitlines() if line.startswith("* ")]
    assert len(served) == 1 and out["version"] in served[0]   # the served version is marked
    assert "more (see --json)" in text                      # 62 added names are not all printed

    human = cli("ingest", str(SEED), data_dir=data_dir, check=True).stdout   # back to December
    assert "as of 【12月最新版】" in human and "added: 三重県桑名市" in human


@pytest.mark.parametrize("name", ["seed_sjis.txt", "seed_eucjp.txt", "seed_bom.txt", "seed.html"])
def test_same_article_in_another_encoding_or_format_is_no_change(name, fake, data_dir):
    first = ingest(SEED, data_dir, fake)
    before = snapshot(data_dir / "versions")
    again = ingest(FIXTURES / name, data_dir, fake)
    assert not again.changed and again.unchanged == 62 and again.embedded == 0
    assert again.version == "" and again.cases == 62
    assert snapshot(data_dir / "versions") == before   # not even opened
    assert open_index(data_dir, fake.name).version == first.version


def test_markdown_next_month_is_the_same_diff_as_text(fake, data_dir):
    ingest(SEED, data_dir, fake)
    md = ingest(FIXTURES / "next_month.md", data_dir, fake)
    assert (md.added, md.updated, md.removed, md.unchanged) == (
        ["北海道札幌市"], ["神奈川県厚木市"], ["三重県桑名市"], 60)
    txt = ingest(NEXT, data_dir, fake)
    assert not txt.changed and txt.version == ""


def test_reingest_twice_is_no_change_and_publishes_nothing(fake, data_dir):
    first = ingest(SEED, data_dir, fake)
    dirs, files = version_dirs(data_dir), snapshot(data_dir / "versions")
    current = (data_dir / "CURRENT").read_bytes()
    second = ingest(SEED, data_dir, fake)
    assert second.version == "" and second.embedded == 0 and not second.changed
    assert second.unchanged == 62 and second.cases == 62 and second.as_of == "12月最新版"
    assert version_dirs(data_dir) == dirs == [first.version]
    assert (data_dir / "CURRENT").read_bytes() == current
    assert snapshot(data_dir / "versions") == files
    assert [h["published"] for h in history(data_dir)] == [True, False]
    print(f"\nfake embedder: first ingest {first.seconds:.3f} s, second {second.seconds:.3f} s")


@pytest.mark.model
def test_reingest_twice_with_e5(e5_index_dir, e5, tmp_path):
    """The second ingest of the same article embeds nothing and publishes no version."""
    from core.facets import facet_metadata

    d = tmp_path / "e5copy"
    shutil.copytree(e5_index_dir, d)
    first = history(d)[0]
    dirs = version_dirs(d)
    started = time.perf_counter()
    second = ingest(CORPUS, d, e5, case_extra=facet_metadata)
    took = time.perf_counter() - started
    print(f"\ne5: first ingest {first['seconds']:.2f} s ({first['embedded']} passages), "
          f"second {took:.3f} s ({second.embedded} passages)")
    assert second.version == "" and second.embedded == 0 and second.unchanged == 62
    assert version_dirs(d) == dirs
    assert took < 0.25 * first["seconds"]


@pytest.mark.model
def test_answers_follow_the_edit_with_e5(e5_bot, e5):
    from core.facets import facet_metadata

    q = "厚木市はどれくらい業務時間を短縮できましたか？"
    before = e5_bot.ask(q)
    assert before.as_of == "12月最新版"
    assert any(c.case == "神奈川県厚木市" and "21分" in c.passage for c in before.citations)
    report = ingest(NEXT, e5_bot.data_dir, e5, case_extra=facet_metadata)
    assert report.embedded == 5 and report.updated == ["神奈川県厚木市"]   # 札幌市's 4, 厚木市's edit
    after = e5_bot.ask(q)
    assert after.as_of == "1月最新版" and "1月最新版" in after.text
    assert any(c.case == "神奈川県厚木市" and "25分" in c.passage for c in after.citations)
    assert "21分" not in after.text
    for question in ("桑名市のChatGPT実証実験は？", "メンタルコンパスと協力した自治体は？",
                     "三重県の自治体の事例は？"):
        assert all(c.case != "三重県桑名市" for c in e5_bot.ask(question).citations)


def test_index_from_before_case_tables_still_diffs_without_re_embedding(fake, data_dir):
    """A version published before manifests had a case table: the diff reads Chroma instead."""
    from core.facets import facet_metadata

    first = ingest(SEED, data_dir, fake, case_extra=facet_metadata)
    manifest = data_dir / "versions" / first.version / "manifest.json"
    old = json.loads(manifest.read_text(encoding="utf-8"))
    del old["case_table"], old["report"]
    manifest.write_text(json.dumps(old, ensure_ascii=False), encoding="utf-8")
    again = ingest(SEED, data_dir, fake, case_extra=facet_metadata)
    assert again.version == "" and again.embedded == 0
    nxt = ingest(NEXT, data_dir, fake, case_extra=facet_metadata)
    assert (nxt.added, nxt.updated, nxt.removed, nxt.embedded) == (
        ["北海道札幌市"], ["神奈川県厚木市"], ["三重県桑名市"], 5)   # 札幌市's 4 and 厚木市's edited one


# --- renames ------------------------------------------------------------------------------------

def test_heading_typo_fix_is_an_update_not_remove_and_add(fake, data_dir, tmp_path):
    ingest(SEED, data_dir, fake)
    fixed = tmp_path / "fixed.txt"
    fixed.write_text(SEED.read_text(encoding="utf-8").replace("\n茨城県笹間市\n", "\n茨城県笠間市\n"),
                     encoding="utf-8")
    report = ingest(fixed, data_dir, fake)
    assert report.added == [] and report.removed == []
    assert report.updated == ["茨城県笠間市"]
    assert report.renamed == [{"from": "茨城県笹間市", "to": "茨城県笠間市"}]
    assert report.unchanged == 61 and report.cases == 62
    ids = {m["case_id"] for m in open_index(data_dir, fake.name).case_metadata().values()}
    assert "茨城県笠間市" in ids and "茨城県笹間市" not in ids


def test_other_organisation_one_character_apart_is_not_a_rename(fake, data_dir, tmp_path):
    ingest(SEED, data_dir, fake)
    other = tmp_path / "other.txt"   # 藤沢市 is nowhere in 藤岡市's text: a different organisation
    other.write_text(SEED.read_text(encoding="utf-8").replace("\n群馬県藤岡市\n", "\n群馬県藤沢市\n"),
                     encoding="utf-8")
    report = ingest(other, data_dir, fake)
    assert report.added == ["群馬県藤沢市"] and report.removed == ["群馬県藤岡市"]
    assert report.renamed == [] and report.updated == []


# --- bad input ----------------------------------------------------------------------------------

def _big_file(tmp_path: Path) -> Path:
    big = tmp_path / "big.txt"
    with open(big, "wb") as fh:                 # sparse: 21 MB on paper, nothing on disk
        fh.write(SEED.read_bytes())
        fh.truncate(21 * 1024 * 1024)
    return big


BAD = {
    "empty": (lambda tmp: FIXTURES / "empty.txt", ["empty"]),
    "binary": (lambda tmp: FIXTURES / "binary.txt", ["binary"]),
    "no_cases": (lambda tmp: FIXTURES / "no_cases.txt", ["no recognisable cases"]),
    "duplicate": (lambda tmp: FIXTURES / "duplicate_heading.txt", ["same heading", "神奈川県厚木市"]),
    "too_big": (_big_file, ["20 MB", "too big"]),
}


@pytest.mark.parametrize("kind", sorted(BAD))
def test_bad_input_is_refused_and_the_index_untouched(kind, fake, data_dir, tmp_path):
    make, words = BAD[kind]
    path = make(tmp_path)
    ingest(SEED, data_dir, fake)
    before = snapshot(data_dir)
    p = cli("ingest", str(path), data_dir=data_dir, check=False)
    assert p.returncode != 0
    assert "Traceback" not in p.stderr and p.stderr.startswith("Error: ")
    for w in words:
        assert w in p.stderr, p.stderr
    assert str(path) in p.stderr                # says which file
    assert snapshot(data_dir) == before          # ids, CURRENT, versions, history: byte for byte
    assert open_index(data_dir, fake.name).case_metadata()["三重県桑名市"]


def test_bad_input_before_any_index_writes_nothing(tmp_path):
    d = tmp_path / "fresh"
    p = cli("ingest", str(FIXTURES / "binary.txt"), data_dir=d, check=False)
    assert p.returncode == 1 and "binary" in p.stderr and not d.exists()


def test_truncated_article_needs_force(fake, data_dir):
    ingest(SEED, data_dir, fake)
    before = snapshot(data_dir)
    p = cli("ingest", str(FIXTURES / "truncated.txt"), data_dir=data_dir, check=False)
    assert p.returncode == 1 and "Traceback" not in p.stderr
    assert "--force" in p.stderr and "42 of 62" in p.stderr
    assert snapshot(data_dir) == before
    with pytest.raises(IngestRefused):
        ingest(FIXTURES / "truncated.txt", data_dir, fake)
    out = json.loads(cli("ingest", str(FIXTURES / "truncated.txt"), "--force", "--json",
                         data_dir=data_dir).stdout)
    assert out["cases"] == 20 and len(out["removed"]) == 42 and out["unchanged"] == 20
    assert len(open_index(data_dir, fake.name).case_metadata()) == 20


def test_script_in_the_text_is_stored_as_text(fake, data_dir):
    ingest(SEED, data_dir, fake)
    report = ingest(FIXTURES / "script_injection.txt", data_dir, fake)
    assert report.updated and not report.added and not report.removed
    docs = [doc for _, doc, _, _ in open_index(data_dir, fake.name).records()]
    assert any('<script>alert("x")</script>' in d for d in docs)   # kept verbatim, never run


# --- several articles ---------------------------------------------------------------------------

def test_several_articles_each_case_remembers_its_article(fake, data_dir, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEED, corpus / SEED.name)
    (corpus / "madoguchi.txt").write_text(SECOND, encoding="utf-8")
    (corpus / "README.md").write_text("# notes\n\nこのフォルダには記事を置きます。\n", encoding="utf-8")
    report = ingest(corpus, data_dir, fake)
    assert report.cases == 65 and len(report.added) == 65
    assert report.skipped == [str(corpus / "README.md")]
    assert {a["version"] for a in report.articles} == {"12月最新版", "1月最新版"}
    second_title = SECOND.split("\n", 1)[0]
    index = open_index(data_dir, fake.name)
    metas = [m for _, m in index.keyed_cases().values()]
    by_article = {}
    for m in metas:
        by_article.setdefault(m["article"], set()).add(m["case_id"])
    assert by_article[second_title] == {"北海道旭川市", "神奈川県厚木市", "福岡県福岡市"}
    assert len(by_article["【12月最新版】ChatGPTを導入した自治体の活用事例62選"]) == 62
    atsugi = {m["article_id"] for m in metas if m["case_id"] == "神奈川県厚木市"}
    assert len(atsugi) == 2                     # one per article, kept apart

    # Ingesting one of the two files later leaves the other article's cases alone.
    (corpus / "madoguchi.txt").write_text(SECOND.replace("平均10分", "平均12分"), encoding="utf-8")
    only_second = ingest(corpus / "madoguchi.txt", data_dir, fake)
    assert only_second.updated == ["神奈川県厚木市"] and only_second.removed == []
    assert only_second.cases == 65 and only_second.embedded == 1   # the edited sentence
    assert {a["version"] for a in open_index(data_dir, fake.name).articles} == {"12月最新版", "1月最新版"}
    only_seed = ingest(SEED, data_dir, fake)
    assert not only_seed.changed and only_seed.version == "" and only_seed.cases == 65
    # The seed moves on a month: the second article is carried over untouched.
    nxt = ingest(NEXT, data_dir, fake)
    assert nxt.removed == ["三重県桑名市"] and nxt.cases == 65
    metas = [m for _, m in open_index(data_dir, fake.name).keyed_cases().values()]
    assert sum(m["article"] == second_title for m in metas) == 3


def _two_articles(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEED, corpus / SEED.name)
    (corpus / "madoguchi.txt").write_text(SECOND, encoding="utf-8")
    return corpus


def test_keyed_cases_keep_the_same_organisation_of_two_articles_apart(fake, data_dir, tmp_path):
    ingest(_two_articles(tmp_path), data_dir, fake)
    keyed = open_index(data_dir, fake.name).keyed_cases()
    assert len(keyed) == 65
    atsugi = {key: case for key, (case, meta) in keyed.items() if case.id == "神奈川県厚木市"}
    assert len(atsugi) == 2
    assert {c.article[:8] for c in atsugi.values()} == {"【12月最新版】", "【1月最新版】生"}
    for key, (case, meta) in keyed.items():
        assert key == f"{meta['article_id']}:{case.id}" and meta["article"] == case.article


def test_chatbot_answers_over_two_articles_sharing_an_organisation(fake, data_dir, tmp_path):
    from chatbot import Chatbot
    from chatbot.settings import Settings

    ingest(_two_articles(tmp_path), data_dir, fake)
    answer = Chatbot(Settings(data_dir=data_dir), embeddings=fake).ask("厚木市 窓口 待ち時間 平均10分")
    assert any(c.case == "神奈川県厚木市" and "10分" in c.passage for c in answer.citations)


def test_two_versions_of_one_article_in_a_folder_is_an_error(fake, data_dir, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEED, corpus / "december.txt")
    shutil.copy(NEXT, corpus / "january.txt")
    with pytest.raises(ParseError, match="versions of the same article"):
        load_articles(corpus)
    ingest(SEED, data_dir, fake)
    before = snapshot(data_dir)
    p = cli("ingest", str(corpus), data_dir=data_dir, check=False)
    assert p.returncode == 1 and "Traceback" not in p.stderr
    assert "january.txt" in p.stderr and "december.txt" in p.stderr and "same article" in p.stderr
    assert snapshot(data_dir) == before


def test_rebuild_keeps_other_articles(fake, data_dir, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEED, corpus / SEED.name)
    (corpus / "madoguchi.txt").write_text(SECOND, encoding="utf-8")
    ingest(corpus, data_dir, fake)
    rebuilt = ingest(SEED, data_dir, fake, rebuild=True)
    assert rebuilt.cases == 65 and not rebuilt.changed
    assert rebuilt.embedded == len(open_index(data_dir, fake.name).records())


# --- serving while a re-ingest runs ------------------------------------------------------------

ATSUGI_Q = "厚木市 業務時間 短縮 平均"
KUWANA_Q = "桑名市 メンタルコンパス 実証実験"


def _check(answer, seen: list) -> None:
    """An answer given mid-switch comes wholly from one version: 12月 (21分) or 1月 (25分)."""
    seen.append(answer.as_of)
    atsugi = [c.passage for c in answer.citations if c.case == "神奈川県厚木市"]
    if answer.as_of == "12月最新版":
        assert not any("25分" in p for p in atsugi)
    else:
        assert answer.as_of == "1月最新版"
        assert not any("21分" in p for p in atsugi)
        assert all(c.case != "三重県桑名市" for c in answer.citations)


def _bot(data_dir, fake):
    from core.facets import facet_metadata
    from chatbot import Chatbot
    from chatbot.settings import Settings

    ingest(SEED, data_dir, fake, case_extra=facet_metadata)
    bot = Chatbot(Settings(data_dir=data_dir), embeddings=fake)
    first = bot.ask(ATSUGI_Q)
    assert first.as_of == "12月最新版"
    assert any(c.case == "神奈川県厚木市" and "21分" in c.passage for c in first.citations)
    assert any(c.case == "三重県桑名市" for c in bot.ask(KUWANA_Q).citations)   # findable before
    return bot


def _after_switch(bot) -> None:
    atsugi = bot.ask(ATSUGI_Q)
    assert atsugi.as_of == "1月最新版"
    assert any(c.case == "神奈川県厚木市" and "25分" in c.passage for c in atsugi.citations)
    assert "21分" not in atsugi.text
    assert all(c.case != "神奈川県厚木市" or "21分" not in c.passage for c in atsugi.citations)
    assert not any(c.id == "三重県桑名市" for c in bot.retriever().index.cases())
    for q in (KUWANA_Q, "三重県の自治体", "桑名市", "メンタルコンパスと協力して実証実験をした市は？"):
        assert all(c.case != "三重県桑名市" for c in bot.ask(q).citations)


def test_queries_keep_answering_while_another_process_reingests(fake, data_dir):
    bot = _bot(data_dir, fake)
    proc = subprocess.Popen([CHATBOT, "ingest", str(NEXT)], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True,
                            env={**os.environ, **FAKE, "CHATBOT_DATA_DIR": str(data_dir)})
    seen: list[str] = []
    while proc.poll() is None:
        _check(bot.ask(ATSUGI_Q), seen)
        _check(bot.ask(KUWANA_Q), seen)
    out, err = proc.communicate()
    assert proc.returncode == 0, err
    assert "published version" in out
    assert seen.count("12月最新版") >= 2          # answers kept coming while the ingest ran
    print(f"\n{len(seen)} answers during the ingest: {seen.count('12月最新版')} from 12月最新版, "
          f"{seen.count('1月最新版')} from 1月最新版")
    _after_switch(bot)


def test_queries_keep_answering_while_a_thread_reingests(fake, data_dir):
    bot = _bot(data_dir, fake)
    errors: list[BaseException] = []

    def run():
        try:
            ingest(NEXT, data_dir, fake)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    t = threading.Thread(target=run)
    t.start()
    seen: list[str] = []
    while t.is_alive():
        _check(bot.ask(ATSUGI_Q), seen)
        _check(bot.ask(KUWANA_Q), seen)
    t.join()
    assert not errors
    assert seen
    print(f"\n{len(seen)} answers while the thread ingested")
    _after_switch(bot)


def test_case_documents_ids_are_by_article_and_organisation():
    a = parse_article(SEED.read_text(encoding="utf-8"))
    b = parse_article(read_text(FIXTURES / "seed_sjis.txt"))
    atsugi_a = next(c for c in a.cases if c.id == "神奈川県厚木市")
    atsugi_b = next(c for c in b.cases if c.id == "神奈川県厚木市")
    assert case_documents(atsugi_a, a)[0] == case_documents(atsugi_b, b)[0]
    assert atsugi_a.content_hash == atsugi_b.content_hash
