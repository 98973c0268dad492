"""The chatbot as LangChain parts: `CaseRetriever` passes LangChain's own standard retriever
tests on the real e5 index, and `answer_chain` gives what `chatbot ask --json` prints."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from langchain_core.documents import Document
from langchain_tests.integration_tests import RetrieversIntegrationTests

from chatbot import CaseRetriever, Filters, UserError, answer_chain, build_answer_chain
from conftest import ROOT

# A "which …" question whose answer cites 9 prefectures, so k=1 and k=3 can both be honoured.
LIST_Q = "Which prefectures ban entering personal information?"
ATSUGI_Q = "厚木市はどれくらい業務時間を短縮できましたか？"
AZURE_Q = "Who uses Azure OpenAI Service?"
OFF_TOPIC = "今日の天気は？"


@pytest.mark.model
class TestCaseRetrieverStandard(RetrieversIntegrationTests):
    """langchain-tests' RetrieversIntegrationTests, unmodified, on the real index."""

    @pytest.fixture(autouse=True)
    def _index(self, e5_index_dir):
        self.index = e5_index_dir

    @property
    def retriever_constructor(self) -> type[CaseRetriever]:
        return CaseRetriever

    @property
    def retriever_constructor_params(self) -> dict:
        return {"data_dir": self.index, "k": 4}

    @property
    def retriever_query_example(self) -> str:
        return LIST_Q


@pytest.fixture(scope="module")
def retriever(shared_e5_bot):
    return CaseRetriever(bot=shared_e5_bot, k=4)


@pytest.mark.model
def test_documents_are_the_answers_citations_in_order(retriever, shared_e5_bot):
    answer = shared_e5_bot.ask(LIST_Q)
    docs = retriever.invoke(LIST_Q, k=20)
    assert len(answer.citations) >= 3 and len(docs) == len(answer.citations)
    for doc, c in zip(docs, answer.citations):
        assert isinstance(doc, Document)
        assert doc.page_content == c.passage
        assert doc.metadata["case"] == c.case and doc.metadata["source"] == c.source
        assert {k: doc.metadata[k] for k in ("region", "level", "prefecture", "sentence")} == \
            {"region": c.region, "level": c.level, "prefecture": c.prefecture, "sentence": c.sentence}
        assert doc.metadata["score"] == round(c.score, 4) and doc.metadata["marker"] == c.marker
        assert doc.metadata["source"].startswith("参考")
        assert doc.metadata["level"] == "都道府県"
    assert [d.metadata["case"] for d in retriever.invoke(LIST_Q)] == [c.case for c in answer.citations[:4]]


@pytest.mark.model
def test_off_topic_query_returns_no_documents(retriever):
    assert retriever.invoke(OFF_TOPIC) == []


@pytest.mark.model
async def test_async_honours_k_and_filters(retriever):
    docs = await retriever.ainvoke("個人情報の入力を禁止している自治体は？", k=2,
                                   filters=Filters(region="中国"))
    assert len(docs) == 2 and {d.metadata["region"] for d in docs} == {"中国"}


@pytest.mark.model
def test_filters_field_narrows_retrieval(shared_e5_bot):
    narrowed = CaseRetriever(bot=shared_e5_bot, k=10, filters=Filters(region="中国"))
    docs = narrowed.invoke("個人情報の入力を禁止している自治体は？")
    assert docs and {d.metadata["region"] for d in docs} == {"中国"}


@pytest.mark.model
def test_index_and_model_load_once_per_retriever(e5_index_dir):
    r = CaseRetriever(data_dir=e5_index_dir, k=2)
    loaded = r._bot.retriever()
    r.invoke(ATSUGI_Q)
    r.invoke(AZURE_Q)
    assert r._bot.retriever() is loaded


def test_no_index_is_a_user_error(tmp_path):
    with pytest.raises(UserError, match="chatbot ingest"):
        CaseRetriever(data_dir=tmp_path / "empty", k=2)


# --- answer_chain ------------------------------------------------------------------------------

def cli_json(data_dir: Path, *questions: str) -> list[dict]:
    cli = subprocess.run([str(Path(sys.executable).parent / "chatbot"), "--data-dir", str(data_dir),
                          "ask", *questions, "--json"], capture_output=True, text=True, cwd=ROOT,
                         timeout=600, env=os.environ)
    assert cli.returncode == 0, cli.stderr
    return [json.loads(line) for line in cli.stdout.splitlines()]


@pytest.mark.model
def test_answer_chain_gives_what_the_cli_prints(e5_index_dir, monkeypatch):
    monkeypatch.setenv("CHATBOT_DATA_DIR", str(e5_index_dir))   # the module-level chain reads it
    questions = [ATSUGI_Q, AZURE_Q, OFF_TOPIC]
    expected = cli_json(e5_index_dir, *questions)
    got = [answer_chain.invoke({"question": q}) for q in questions]
    assert got == expected
    assert got[0]["citations"] and got[2]["citations"] == []
    assert all(g["mode"] == "extractive" and "fallback_reason" not in g for g in got)
    assert answer_chain.batch([{"question": q} for q in questions]) == expected
    chunks = list(answer_chain.stream({"question": AZURE_Q}))
    assert chunks[-1] == expected[1]


@pytest.mark.model
def test_answer_chain_takes_filters(shared_e5_bot):
    chain = build_answer_chain(shared_e5_bot)
    q = "個人情報の入力を禁止している自治体は？"
    as_dict = chain.invoke({"question": q, "filters": {"region": "中国"}})
    assert as_dict["citations"] and {c["region"] for c in as_dict["citations"]} == {"中国"}
    assert chain.invoke({"question": q, "filters": Filters(region="中国")}) == as_dict
    assert shared_e5_bot.ask(q, Filters(region="中国")).to_json() == as_dict
    assert len(chain.invoke({"question": q})["citations"]) > len(as_dict["citations"])
