"""The lexical index: built at ingest with bm25s, stored with its version, read (never rebuilt)
when a version is loaded, reused token by token on re-ingest; filters narrow before scoring.

Real Chroma in tmp_path and the fake embedder (the lexical half does not depend on it)."""
from __future__ import annotations

import math
from collections import Counter

import numpy as np
import pytest

from conftest import FIXTURES, SEED
from core.index import open_index
from core.lexical import LexicalIndex
from core.text import tokenize
from ingest.build import ingest

QUERIES = ["厚木市 業務時間 短縮", "個人情報 入力 禁止", "Azure OpenAI Service", "議事録 要約 試験",
           "著作権 注意", "ガイドライン 策定 職員", "存在しない語句だけ"]


def reference_bm25(docs: list[list[str]], query: list[str], k1=1.2, b=0.75) -> list[float]:
    """The hand-written Okapi BM25 the project used before bm25s (kept here as the reference)."""
    tf = [Counter(d) for d in docs]
    avg = sum(len(d) for d in docs) / len(docs)
    df = Counter(t for d in tf for t in d)
    n = len(docs)
    idf = {t: math.log(1 + (n - f + 0.5) / (f + 0.5)) for t, f in df.items()}
    terms = [t for t in set(query) if t in idf]
    out = []
    for d, counts in zip(docs, tf):
        s = 0.0
        for t in terms:
            f = counts.get(t)
            if f:
                s += idf[t] * f * (k1 + 1) / (f + k1 * (1 - b + b * len(d) / avg))
        out.append(s)
    return out


@pytest.fixture(scope="module")
def article_index(tmp_path_factory):
    from core.embeddings import get_embeddings

    d = tmp_path_factory.mktemp("lexical") / "data"
    ingest(SEED, d, get_embeddings("fake"))
    return d


def test_bm25s_scores_and_idf_equal_the_hand_written_bm25(article_index):
    index = open_index(article_index, "fake:hash-256")
    lexical = index.lexical()
    titles = {f"{m['article_id']}:{c.id}": c.title for c, m in index.keyed_cases().values()}
    passages = index.passages()
    docs = [tokenize(f"{titles[f'{p.article_id}:{p.case_id}']} {p.text}") for p in passages]
    assert lexical.ids == [p.id for p in passages] and lexical.tokens() == docs
    n = len(docs)
    df = Counter(t for d in docs for t in set(d))
    assert lexical.idf == pytest.approx({t: math.log(1 + (n - f + 0.5) / (f + 0.5)) for t, f in df.items()},
                                        rel=1e-12)
    for q in QUERIES:
        query = tokenize(q)
        expected = reference_bm25(docs, query)
        rows, scores = lexical.search(query)
        want = sorted((i for i, s in enumerate(expected) if s > 0), key=lambda i: -expected[i])
        assert rows.tolist() == want, q                      # same order, ties by row
        assert scores.tolist() == pytest.approx([expected[i] for i in want], rel=1e-12)


def test_filters_narrow_the_postings_before_scoring(article_index):
    lexical = open_index(article_index, "fake:hash-256").lexical()
    query = tokenize("生成AI 活用 業務")
    all_rows, all_scores = lexical.search(query)
    allowed = np.zeros(len(lexical), dtype=bool)
    allowed[::3] = True
    rows, scores = lexical.search(query, allowed)
    assert rows.size and allowed[rows].all()
    full = dict(zip(all_rows.tolist(), all_scores.tolist()))
    # the same scores as unfiltered (idf over the whole version), only the others are gone
    assert dict(zip(rows.tolist(), scores.tolist())) == {r: s for r, s in full.items() if allowed[r]}
    assert lexical.search(query, depth=5)[0].tolist() == all_rows[:5].tolist()


def test_a_version_keeps_its_index_and_loading_does_not_tokenize(article_index, monkeypatch):
    from chatbot import Chatbot, Settings
    from chatbot.qa import lexical as qa_lexical
    from core.embeddings import get_embeddings

    version = open_index(article_index, "fake:hash-256").path
    assert (version / "lexical" / "data.csc.index.npy").exists()

    def no_sudachi(text, stopwords=None):
        raise AssertionError("a stored version was tokenized again at load")

    monkeypatch.setattr(qa_lexical, "tokenize", no_sudachi)
    bot = Chatbot(Settings(data_dir=article_index), embeddings=get_embeddings("fake"))
    assert len(bot.retriever().bm25.idf) > 500
    assert bot.ask("厚木市はどれくらい業務時間を短縮できましたか？").citations


def test_reingest_tokenizes_only_new_and_edited_passages(fake, data_dir, monkeypatch):
    import ingest.write as write

    ingest(SEED, data_dir, fake)
    before = open_index(data_dir, fake.name)
    old = {p.id: p.text for p in before.passages()}
    seen: list[str] = []

    def counting(text, stopwords=None):
        seen.append(text)
        return tokenize(text, stopwords)

    monkeypatch.setattr(write, "tokenize", counting)
    report = ingest(FIXTURES / "next_month.txt", data_dir, fake)
    after = open_index(data_dir, fake.name)
    new = [p for p in after.passages() if old.get(p.id) != p.text]
    assert report.updated == ["神奈川県厚木市"] and new
    # only those went through Sudachi, and the heading of a case that is new (札幌市)
    old_titles = {c.title for c, _m in before.keyed_cases().values()}
    new_titles = {c.title for c, _m in after.keyed_cases().values()} - old_titles
    assert new_titles and sorted(seen) == sorted([p.text for p in new] + list(new_titles))
    # and the index equals one built from scratch
    fresh = LexicalIndex.build([p.id for p in after.passages()],
                               [tokenize(f"{after.keyed_cases()[f'{p.article_id}:{p.case_id}'][0].title} {p.text}")
                                for p in after.passages()])
    assert after.lexical().tokens() == fresh.tokens() and after.lexical().idf == fresh.idf


def test_versions_built_before_the_lexical_index_are_still_served(fake, data_dir):
    """A version without lexical/ (older code) is indexed at load, and answers the same."""
    import shutil

    from chatbot import Chatbot, Settings

    ingest(SEED, data_dir, fake)
    q = "個人情報の入力を禁止している自治体は？"
    expected = Chatbot(Settings(data_dir=data_dir), embeddings=fake).ask(q).to_json()
    shutil.rmtree(open_index(data_dir, fake.name).path / "lexical")
    assert Chatbot(Settings(data_dir=data_dir), embeddings=fake).ask(q).to_json() == expected


def test_search_filters_narrow_both_halves(fake, data_dir):
    from chatbot import Chatbot, Filters, Settings

    ingest(SEED, data_dir, fake)
    retriever = Chatbot(Settings(data_dir=data_dir), embeddings=fake).retriever()
    everything = retriever.search("生成AIの業務活用")
    kanto = retriever.search("生成AIの業務活用", Filters(region="関東"))
    assert kanto and all(c.case.region == "関東" for c in kanto)
    assert {c.case.region for c in everything} > {"関東"}
    key = next(iter(retriever.cases))
    one = retriever.search("生成AIの業務活用", Filters(case_keys=frozenset({key})))
    assert [c.key for c in one] == [key]
    # a filter is applied before scoring: lexical scores do not depend on it
    lex = {h.passage_id: h.lexical for c in everything for h in c.hits}
    assert all(h.lexical == pytest.approx(lex[h.passage_id]) for c in kanto for h in c.hits
               if h.passage_id in lex and h.lexical)


def test_each_sentences_own_words_are_stored_with_the_version(article_index, fake, data_dir, monkeypatch):
    """A list over thousands of cases reads each quoted sentence's words from the version
    instead of tokenizing it at its first question: they are exactly the sentence's tokens,
    also after a re-ingest that reused the served ones, and nothing is tokenized to read them."""
    from chatbot import Chatbot, Settings
    from chatbot.qa import lexical as qa_lexical
    from chatbot.qa.evidence import sentences

    ingest(SEED, data_dir, fake)
    ingest(FIXTURES / "next_month.txt", data_dir, fake)            # reuses the served tokens
    for folder in (article_index, data_dir):
        index = open_index(folder, fake.name)
        assert (index.path / "lexical" / "starts.npy").exists()
        bot = Chatbot(Settings(data_dir=folder), embeddings=fake)
        passages = bot.retriever().passages
        monkeypatch.setattr(sentences, "tokenize", lambda *a, **k: pytest.fail("tokenized"))
        monkeypatch.setattr(qa_lexical, "tokenize", lambda *a, **k: pytest.fail("tokenized"))
        stored = {p.id: bot.retriever().lexical.sentence_words(p.id) for p in passages}
        monkeypatch.undo()
        assert stored == {p.id: frozenset(tokenize(p.text)) for p in passages}


def test_a_version_without_stored_sentence_words_answers_the_same(fake, data_dir):
    from chatbot import Chatbot, Settings

    ingest(SEED, data_dir, fake)
    questions = ["個人情報の入力を禁止している自治体は？", "Which cases say more than 1,000 staff can use ChatGPT?",
                 "厚木市はどれくらい業務時間を短縮できましたか？"]
    expected = [Chatbot(Settings(data_dir=data_dir), embeddings=fake).ask(q).to_json() for q in questions]
    (open_index(data_dir, fake.name).path / "lexical" / "starts.npy").unlink()
    bot = Chatbot(Settings(data_dir=data_dir), embeddings=fake)
    assert bot.retriever().lexical.sentence_words(bot.retriever().passages[0].id) is None
    assert [bot.ask(q).to_json() for q in questions] == expected
