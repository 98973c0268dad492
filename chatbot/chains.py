"""The chatbot as LangChain parts: a standard retriever and the whole answer as a Runnable.

    from chatbot import CaseRetriever, answer_chain

    docs = CaseRetriever(data_dir="data", k=4).invoke("Who uses Azure OpenAI Service?")
    answer_chain.invoke({"question": "外部向けの利用を禁止している県は？"})   # as `chatbot ask --json`

Both run the chatbot's own answer (`Chatbot.ask`): the retriever's documents are its citations,
in order, so retrieval and abstention are the chatbot's (an off-topic query gives none).
`stream_answer` adds the optional LLM (CHATBOT_LLM): its words as they come, then the answer
to show — the LLM's, verified, or the extractive one with the reason.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator, Sequence

from langchain_core.callbacks import (AsyncCallbackManagerForRetrieverRun,
                                      CallbackManagerForRetrieverRun)
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from langchain_core.runnables import Runnable, RunnableLambda
from langchain_core.runnables.config import run_in_executor
from pydantic import Field, PrivateAttr

from chatbot.llm import destination
from chatbot.llm import stream as llm_stream
from chatbot.llm.notice import reason
from chatbot.privacy import personal_data_warnings
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


@dataclass(frozen=True)
class Draft:
    """One step of an answer: the LLM's words so far, then (last) the answer to show."""

    text: str
    answer: Answer | None = None    # set on the last step only
    sent_to: str = ""               # where the question went ("" : it stayed on this machine)


def stream_answer(bot: Chatbot, question: str, filters: Filters = Filters(), *,
                  confirmed: bool = False, history: Sequence[str] = ()) -> Iterator[Draft]:
    """Answer a question, with the configured LLM when there is one.

    Args:
        history: the conversation's earlier questions (the question may be a follow-up).
        confirmed: the user confirmed sending a question that looks like it holds personal
            data; without it such a question never leaves the machine.

    Yields:
        Drafts with the LLM's text as it streams (unverified: show it as provisional), then
        one with ``answer`` set: the LLM's verified answer (``mode="llm"``) or the extractive
        answer, with ``fallback_reason`` when an LLM answer was wanted but is not shown.
    """
    extractive = bot.ask(question, filters, history)
    model = bot.chat_model()
    if model is None or not extractive.citations:   # nothing to reword: the article has no answer
        yield Draft(extractive.text, extractive)
        return
    if personal_data_warnings(question) and not confirmed:
        yield Draft(extractive.text, replace(extractive, fallback_reason=reason("personal_data", extractive.lang)))
        return
    sent_to = destination(bot.settings)
    for step in llm_stream(extractive, model, bot.settings.llm_timeout):
        if isinstance(step, Answer):
            yield Draft(step.text, step, sent_to)
        else:
            yield Draft(step, None, sent_to)


def build_answer_chain(bot: Chatbot | None = None) -> Runnable:
    """The whole answer as a Runnable: ``{"question", "filters"?, "confirmed"?, "history"?}`` →
    the dict `chatbot ask --json` prints (``history``: the conversation's earlier questions). Without ``bot``, a `Chatbot` for the CHATBOT_* settings of
    the moment (one per distinct settings, kept)."""

    def answer(inputs: dict | str) -> dict:
        if isinstance(inputs, str):
            inputs = {"question": inputs}
        question = str(inputs.get("question", ""))
        final = None
        for final in stream_answer(bot or _bot_for(Settings.from_env()), question,
                                   _filters(inputs.get("filters")),
                                   confirmed=bool(inputs.get("confirmed", False)),
                                   history=[str(h) for h in inputs.get("history") or ()]):
            pass
        return final.answer.to_json()

    return RunnableLambda(answer, name="answer_chain")


def _filters(value) -> Filters:
    if value is None or isinstance(value, Filters):
        return value or Filters()
    return Filters(**{k: v or "" for k, v in dict(value).items() if k in ("region", "level", "prefecture")})


@lru_cache(maxsize=4)
def _bot_for(settings: Settings) -> Chatbot:
    return Chatbot(settings)


answer_chain = build_answer_chain()

__all__ = ["CaseRetriever", "Draft", "answer_chain", "build_answer_chain", "citation_document",
           "stream_answer"]
