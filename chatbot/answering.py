"""The answer to show, with the optional LLM: the one path the CLI, the chat, `/chat` and
`chatbot.chains.answer_chain` share. No LangChain here, so `chatbot ask` starts quickly.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Iterator, Sequence

from chatbot.llm import destination
from chatbot.llm import stream as llm_stream
from chatbot.llm.notice import reason
from chatbot.privacy import personal_data_warnings
from chatbot.qa.compose import Answer
from chatbot.qa.retrieve import Filters
from chatbot.service import Chatbot


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


def answer_json(bot: Chatbot, inputs: dict | str) -> dict:
    """``{"question", "filters"?, "confirmed"?, "history"?}`` (or the question alone) → the dict
    `chatbot ask --json` prints: the last step of `stream_answer`."""
    if isinstance(inputs, str):
        inputs = {"question": inputs}
    final = None
    for final in stream_answer(bot, str(inputs.get("question", "")), _filters(inputs.get("filters")),
                               confirmed=bool(inputs.get("confirmed", False)),
                               history=[str(h) for h in inputs.get("history") or ()]):
        pass
    return final.answer.to_json()


def _filters(value) -> Filters:
    if value is None or isinstance(value, Filters):
        return value or Filters()
    return Filters(**{k: v or "" for k, v in dict(value).items() if k in ("region", "level", "prefecture")})


__all__ = ["Draft", "answer_json", "stream_answer"]
