"""Limits on what one request may ask, checked before any work (the numbers are in `Settings`).

    question = check_question(text, settings)     # LimitError: too long (nothing was asked)
    history = clean_history(history, settings)    # [{"role": "user" | "assistant", "content": text}]
    asked = replayed(questions, settings)         # the earlier questions a follow-up re-reads

A question is refused when it is too long: retrieval and the tokenizer would hold a worker for
tens of seconds on 100,000 characters. A chat history is a list of Gradio messages; only user
and assistant messages with text are kept, the newest first up to a number of turns and of
characters, so a long conversation keeps working and a huge one costs nothing. Content is text,
never markup: what comes back from the chat (which shows it HTML-escaped) is unescaped to the
text that was typed, and every front end escapes it again when it shows it.
"""
from __future__ import annotations

from html import unescape
from typing import Any

from chatbot.settings import Settings
from core.errors import UserError

ROLES = ("user", "assistant")


class LimitError(UserError):
    """A request over a limit or of the wrong shape; the message is for staff (Japanese),
    `detail` is one line for the server log (numbers only, never the request's text)."""

    def __init__(self, message: str, detail: str):
        super().__init__(message)
        self.detail = detail


def check_question(text: str | None, settings: Settings | None = None) -> str:
    """The question stripped of surrounding white space ("" when empty).

    Raises:
        LimitError: longer than ``settings.max_question_chars`` characters.
    """
    limit = (settings or Settings()).max_question_chars
    question = (text if isinstance(text, str) else "").strip()
    if len(question) > limit:
        raise LimitError(f"質問が長すぎます（{len(question):,}文字）。{limit:,}文字以内に短くして"
                         "ください。", f"question of {len(question)} characters > {limit}")
    return question


def clean_history(history: Any, settings: Settings | None = None) -> list[dict]:
    """The chat history as plain messages, newest turns kept within the limits.

    Args:
        history: Gradio's messages format: a list of {"role", "content"} where content is a
            string, a {"type": "text", "text"} part, or a list of those (None: no history).
        settings: ``max_history_turns`` (a turn is a question and its answer) and
            ``max_history_chars`` (all kept contents together).

    Returns:
        [{"role": "user" | "assistant", "content": plain text}], oldest first, starting with a
        question. Other roles and messages without text (files, components) are left out;
        only the newest messages are read at all.

    Raises:
        LimitError: not a list, or a message that is not a {"role", "content"} mapping.
    """
    settings = settings or Settings()
    if history is None or history == "":
        return []
    if not isinstance(history, (list, tuple)):
        raise LimitError("会話の履歴の形式が正しくありません。ページを再読み込みしてください。",
                         f"chat history is a {type(history).__name__}, not a list")
    kept: list[dict] = []
    chars = 0
    for n, message in enumerate(reversed(history)):
        if len(kept) >= 2 * settings.max_history_turns:
            break
        if not isinstance(message, dict) or not isinstance(message.get("role"), str) \
                or "content" not in message:
            raise LimitError("会話の履歴の形式が正しくありません。ページを再読み込みしてください。",
                             f"chat history message {len(history) - n - 1} is not a role/content mapping")
        text = _text(message["content"])
        if message["role"] not in ROLES or text is None:
            continue
        if chars + len(text) > settings.max_history_chars:   # measured before unescaping: never
            break                                            # more work than the limit allows
        chars += len(text)
        kept.append({"role": message["role"], "content": unescape(text)})
    kept.reverse()
    while kept and kept[0]["role"] != "user":
        kept.pop(0)
    return kept


def replayed(questions, settings: Settings | None = None) -> tuple[str, ...]:
    """The conversation's earlier questions a follow-up is read after, oldest first.

    Each is answered again to know what the conversation was about (remembered while the
    server runs, but a request may bring any history), so the newest are kept up to
    ``max_history_turns`` questions and ``max_replay_chars`` characters together (the newest
    one always). A question
    over ``max_question_chars`` was refused when it was asked and is left out, as are empty
    ones. Bounded this way a full 20,000-character history costs what one long question does
    (issue 18: one 3 KB history turn held a worker for 25 s).
    """
    settings = settings or Settings()
    kept: list[str] = []
    chars = 0
    for question in reversed(tuple(questions or ())):
        if len(kept) >= settings.max_history_turns:
            break
        text = question.strip() if isinstance(question, str) else ""
        if not text or len(text) > settings.max_question_chars:
            continue
        if kept and chars + len(text) > settings.max_replay_chars:
            break                     # the newest question is always kept: it is what a
                                      # follow-up most often builds on
        chars += len(text)
        kept.append(text)
    return tuple(reversed(kept))


def _text(content: Any) -> str | None:
    """A message's text as sent (HTML-escaped), None when it holds anything but text."""
    parts = content if isinstance(content, (list, tuple)) else [content]
    texts = []
    for part in parts:
        if isinstance(part, dict) and part.get("type", "text") == "text" and isinstance(part.get("text"), str):
            part = part["text"]
        if not isinstance(part, str):
            return None
        texts.append(part)
    return "\n".join(texts) if texts else None


__all__ = ["LimitError", "check_question", "clean_history", "replayed"]
