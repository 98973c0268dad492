"""The chatbot as LangChain parts: a standard retriever and the whole answer as a Runnable.

    from chatbot import CaseRetriever, answer_chain

    docs = CaseRetriever(data_dir="data", k=4).invoke("Who uses Azure OpenAI Service?")
    answer_chain.invoke({"question": "外部向けの利用を禁止している県は？"})   # as `chatbot ask --json`

Both run the chatbot's own answer (`Chatbot.ask`): the retriever's documents are its citations,
in order, so retrieval and abstention are the chatbot's (an off-topic query gives none).
`stream_answer` (from `chatbot.answering`, which needs no LangChain) adds the optional LLM
(CHATBOT_LLM): its words as they come, then the answer to show — the LLM's, verified, or the
extractive one with the reason.
"""
from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from langchain_core.callbacks import (AsyncCallbackManagerForRetrieverRun,
                                      CallbackManagerForRetrieverRun)
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from langchain_core.runnables import Runnable, RunnableLambda
from langchain_core.runnables.config import run_in_executor
from pydantic import Field, PrivateAttr

from chatbot.answering import Draft, answer_json, stream_answer
from chatbot.qa.compose import Answer, Citation
from chatbot.qa.retrieve import Filters
from chatbot.service import Chatbot
from chatbot.settings import Settings


class CaseRetriever(BaseRetriever):
    """The served index as a LangChain retriever: one `Document` per cited sentence.

    Args:
        data_dir: the index (default: CHATBOT_DATA_DIR, or ``settings.data_dir``).
        k: at most this many documents (also ``invoke(query, k=…)``).
        filters: region / level / prefecture narrowing (also ``invoke(query, filters=…)``).
        settings: all other settings (embedding model …); default from CHATBOT_* variables.
        bot: an already loaded `Chatbot` to share (then data_dir and settings are its own).
    """

    data_dir: Path | None = None
    k: int = Field(default=4, ge=1)
    filters: Filters = Field(default_factory=Filters)
    settings: Settings | None = None
    bot: Chatbot | None = Field(default=None, exclude=True, repr=False)
    _bot: Chatbot = PrivateAttr()

    def model_post_init(self, context: Any) -> None:
        bot = self.bot
        if bot is None:
            settings = self.settings or Settings.from_env()
            if self.data_dir is not None:
                settings = replace(settings, data_dir=Path(self.data_dir))
            bot = Chatbot(settings)
        bot.retriever()   # load the model and index now, once; no index: a UserError here
        self._bot = bot

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun,
                                k: int | None = None, filters: Filters | None = None) -> list[Document]:
        answer = self._bot.ask(query, filters if filters is not None else self.filters)
        return [citation_document(c, answer) for c in answer.citations[:k or self.k]]

    async def _aget_relevant_documents(self, query: str, *,
                                       run_manager: AsyncCallbackManagerForRetrieverRun,
                                       k: int | None = None,
                                       filters: Filters | None = None) -> list[Document]:
        # Retrieval is CPU-bound (embedding, BM25): run it off the event loop.
        return await run_in_executor(None, self._get_relevant_documents, query,
                                     run_manager=run_manager.get_sync(), k=k, filters=filters)


def citation_document(c: Citation, answer: Answer) -> Document:
    """A cited sentence as a Document: the quote, and where it comes from."""
    return Document(page_content=c.passage, id=f"{c.case_id}#{c.sentence}", metadata={
        "case": c.case, "case_id": c.case_id, "region": c.region, "level": c.level,
        "prefecture": c.prefecture, "source": c.source, "sentence": c.sentence,
        "score": round(c.score, 4), "marker": c.marker, "kind": answer.kind, "as_of": answer.as_of})


def build_answer_chain(bot: Chatbot | None = None) -> Runnable:
    """The whole answer as a Runnable: ``{"question", "filters"?, "confirmed"?, "history"?}`` →
    the dict `chatbot ask --json` prints (``history``: the conversation's earlier questions). Without ``bot``, a `Chatbot` for the CHATBOT_* settings of
    the moment (one per distinct settings, kept)."""

    def answer(inputs: dict | str) -> dict:
        return answer_json(bot or _bot_for(Settings.from_env()), inputs)

    return RunnableLambda(answer, name="answer_chain")


@lru_cache(maxsize=4)
def _bot_for(settings: Settings) -> Chatbot:
    return Chatbot(settings)


answer_chain = build_answer_chain()

__all__ = ["CaseRetriever", "Draft", "answer_chain", "build_answer_chain", "citation_document",
           "stream_answer"]
