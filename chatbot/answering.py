"""The answer to show, with the optional LLM: the one path the CLI, the chat, `/chat` and
`chatbot.chains.answer_chain` share. No LangChain here, so `chatbot ask` starts quickly.

With an LLM, the extractive answer comes first (ready in a fraction of a second: show it at
once), then the LLM's words as they stream (unverified: for progress, not for reading), then the
answer to show: the LLM's, verified, or the extractive one with the reason. Every question that
reached the LLM gets a row in the audit log, whichever front end asked it and even when the
asker leaves mid-answer.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from typing import Iterator, Sequence

from chatbot.llm import destination
from chatbot.llm import stream as llm_stream
from chatbot.llm.notice import reason
from chatbot.llm.prompt import sendable
from chatbot.llm.providers import Delivery
from chatbot.privacy import personal_data_kinds
from chatbot.qa.compose import Answer
from chatbot.qa.retrieve import Filters
from chatbot.service import Chatbot

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Draft:
    """One step of an answer: the extractive answer to show while the LLM works, the LLM's
    words so far, then (last) the answer to show."""

    text: str
    answer: Answer | None = None      # set on the last step only
    sent_to: str = ""                 # where the question went ("": it has not left this machine)
    provisional: Answer | None = None  # the extractive answer, to show until the last step
    audit_id: int | None = None       # its row in the audit log (last step, with an `Audit`)


@dataclass(frozen=True)
class Audit:
    """Who asks, for the audit log (`chatbot.feedback`).

    Args:
        user: the login name ("" without login).
        every_question: log every question (the app); False: only those sent to an LLM (the
            CLI, whose questions otherwise never leave the machine).
    """

    user: str = ""
    every_question: bool = True

    @classmethod
    def command_line(cls) -> "Audit":
        """The CLI's: "cli:<login>", and only the questions sent to an LLM."""
        import getpass

        try:
            who = getpass.getuser()
        except (KeyError, OSError):     # no login name (some containers)
            who = ""
        return cls(f"cli:{who}", every_question=False)


def stream_answer(bot: Chatbot, question: str, filters: Filters = Filters(), *,
                  confirmed: bool = False, history: Sequence[str] = (),
                  audit: Audit | None = None) -> Iterator[Draft]:
    """Answer a question, with the configured LLM when there is one.

    Args:
        history: the conversation's earlier questions (the question may be a follow-up).
        confirmed: the user confirmed sending a question that looks like it holds personal
            data; without it such a question never leaves the machine.
        audit: write the question to the audit log (see `Audit`).

    Yields:
        With an LLM: first a Draft with ``provisional`` (the extractive answer: show it now),
        then Drafts with the LLM's text as it streams (unverified), then one with ``answer``
        set: the LLM's verified answer (``mode="llm"``) or the extractive answer, with
        ``fallback_reason`` when an LLM answer was wanted but is not shown. Without one, only
        the last.
    """
    extractive = bot.ask(question, filters, history)
    model = bot.chat_model()
    why = ""
    if model is None or not extractive.citations:   # nothing to reword: the article has no answer
        model = None
    elif personal_data_kinds(question) and not confirmed:
        why = reason("personal_data", extractive.lang)
    elif not sendable(extractive):
        why = reason("instructions_only", extractive.lang)
    if model is None or why:
        shown = replace(extractive, fallback_reason=why)
        yield Draft(shown.text, shown, "", None, _log(bot, audit, shown, filters, ""))
        return
    to, delivery, final, asked = destination(bot.settings), Delivery(), None, False
    try:
        yield Draft(extractive.text, None, "", extractive)
        asked = True
        for step in llm_stream(extractive, model, bot.settings.llm_timeout, bot.places(), delivery):
            if isinstance(step, Answer):
                final = step
                break
            yield Draft(step, None, to if delivery.reached else "", extractive)
    finally:
        if final is None:    # left mid-answer (a closed tab): the question may still have gone out
            maybe = asked and (delivery.reached or not delivery.tracked)
            _log(bot, audit, extractive, filters, to if maybe else "")
    sent_to = to if delivery.reached else ""
    yield Draft(final.text, final, sent_to, extractive, _log(bot, audit, final, filters, sent_to))


def _log(bot: Chatbot, audit: Audit | None, answer: Answer, filters: Filters, sent_to: str) -> int | None:
    """Write the audit row the `Audit` asks for (None: none written)."""
    if audit is None or not (audit.every_question or sent_to):
        return None
    from chatbot.feedback import log_question, mark_sent

    row = log_question(bot.data_dir, audit.user, answer, filters,
                       warned=bool(personal_data_kinds(answer.question)),
                       retention_days=getattr(getattr(bot, "settings", None), "retention_days", 0))
    if sent_to:
        mark_sent(bot.data_dir, row, sent_to)
    return row


def answer_json(bot: Chatbot, inputs: dict | str, audit: Audit | None = None) -> dict:
    """``{"question", "filters"?, "confirmed"?, "history"?}`` (or the question alone) → the dict
    `chatbot ask --json` prints: the last step of `stream_answer`."""
    if isinstance(inputs, str):
        inputs = {"question": inputs}
    final = None
    for final in stream_answer(bot, str(inputs.get("question", "")), _filters(inputs.get("filters")),
                               confirmed=bool(inputs.get("confirmed", False)),
                               history=[str(h) for h in inputs.get("history") or ()], audit=audit):
        pass
    return final.answer.to_json()


def _filters(value) -> Filters:
    if value is None or isinstance(value, Filters):
        return value or Filters()
    return Filters(**{k: v or "" for k, v in dict(value).items() if k in ("region", "level", "prefecture")})


__all__ = ["Audit", "Draft", "answer_json", "stream_answer"]
