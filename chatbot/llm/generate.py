"""Ask the chat model to reword the extractive answer, stream its words, and decide what the
user sees: the LLM's verified answer, or the extractive answer with a one-line reason.

Nothing here can crash or hang a chat: a server that is down, slow or returns nonsense gives
the extractive answer. The timeout bounds the whole answer: the client reads in a thread and
this side stops waiting when the time is up, however the server trickles (the client's own
timeout, the same number, ends the thread's wait too).
"""
from __future__ import annotations

import logging
import queue
import threading
import time
from dataclasses import replace
from typing import Iterator

from chatbot.llm.notice import reason
from chatbot.llm.prompt import messages
from chatbot.llm.providers import Delivery, delivering
from chatbot.llm.verify import check
from chatbot.qa.compose import Answer, render

log = logging.getLogger(__name__)


class _Deadline(Exception):
    """The whole answer took longer than the timeout."""


_DONE = object()


def stream(answer: Answer, model, timeout: float, places=None,
           delivery: Delivery | None = None) -> Iterator[str | Answer]:
    """The LLM's text as it grows (str, unverified), then the Answer to show (always last).

    Args:
        answer: the extractive answer; its citations (all but instructions) are the LLM's
            passages.
        model: a LangChain chat model.
        timeout: seconds the whole answer may take.
        places: the served version's `core.places.Gazetteer`, to check the names the LLM uses.
        delivery: told whether the request reached the server (see `providers.Delivery`).
    """
    deadline = time.monotonic() + timeout
    delivery = delivery if delivery is not None else Delivery()
    text, finish = "", ""
    try:
        for chunk in _chunks(model, messages(answer), deadline, delivery):
            delivery.reached = True         # words came back: the question got there
            piece = _text(chunk.content)
            meta = chunk.response_metadata or {}
            finish = meta.get("finish_reason") or meta.get("done_reason") or finish
            if piece:
                text += piece
                yield text
    except Exception as exc:  # whatever the remote model does, the user gets an answer
        log.warning("LLM answer failed: %s: %s", type(exc).__name__, exc)
        if not delivery.tracked:        # a client that does not report: judge by the failure
            delivery.reached = not _never_sent(exc)
        yield fallback(answer, _failure(exc, answer.lang, timeout))
        return
    if not delivery.tracked:
        delivery.reached = True
    why = reason("cut_off", answer.lang) if finish == "length" else check(text, answer, places)
    if why:
        log.info("LLM answer not shown: %s", why)
        yield fallback(answer, why)
        return
    # The LLM's words, then the article-version line the extractive answer ends with; a
    # follow-up keeps its first line saying how it was read. The citations stay those of the
    # extractive answer, all of them and in order, so that [n] is the n-th citation in
    # `to_json` as well.
    shown = render(answer.question, answer.kind, [], answer.lang, heading=text.strip(), as_of=answer.as_of)
    if answer.understood_as:
        shown = f"{answer.understood_as}\n{shown}"
    yield replace(answer, text=shown, mode="llm", fallback_reason="")


def _chunks(model, prompt: list, deadline: float, delivery: Delivery):
    """The model's stream, read in a thread, given up at the deadline (raises `_Deadline`)."""
    out: queue.Queue = queue.Queue()
    stop = threading.Event()

    def pump():
        try:
            chunks = model.stream(prompt)
            for chunk in chunks:
                out.put(chunk)
                if stop.is_set():
                    chunks.close()      # closes the HTTP response
                    return
            out.put(_DONE)
        except BaseException as exc:  # handed to the reader, which decides
            out.put(exc)

    # The context: LangChain's callbacks (tracing) follow the call into the thread, and the
    # HTTP client reports to `delivery`.
    threading.Thread(target=delivering(delivery).run, args=(pump,), daemon=True,
                     name="llm-stream").start()
    try:
        while True:
            try:
                item = out.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                raise _Deadline from None
            if item is _DONE:
                return
            if isinstance(item, BaseException):
                raise item
            yield item
            if time.monotonic() > deadline:
                raise _Deadline
    finally:
        stop.set()


def fallback(answer: Answer, why: str) -> Answer:
    """The extractive answer, marked with why the LLM's was not shown."""
    return replace(answer, mode="extractive", fallback_reason=why)


def _text(content) -> str:
    """A chunk's text: a string, or a list of content blocks (some providers)."""
    if isinstance(content, str):
        return content
    return "".join(b if isinstance(b, str) else str(b.get("text", "")) for b in content or []
                   if isinstance(b, (str, dict)))


_UNSENT = {"APIConnectionError", "ConnectError", "ConnectionError", "NetworkError", "ConnectTimeout"}


def _never_sent(exc: Exception) -> bool:
    """Whether a failure shows the request never left (no connection), for clients that do not
    report their sending; a timeout or an HTTP error means the server had it."""
    names = {c.__name__ for c in type(exc).__mro__}
    cause = exc.__cause__ or exc.__context__
    if "APIConnectionError" in names and cause is not None and "Timeout" in type(cause).__name__ \
            and "Connect" not in type(cause).__name__:
        return False
    return bool(names & _UNSENT) and not isinstance(exc, _Deadline)


def _failure(exc: Exception, lang: str, timeout: float) -> str:
    """A one-line reason for an exception from any provider's client (openai, httpx, ollama),
    told apart by class names so that no client library is imported here."""
    names = {c.__name__ for c in type(exc).__mro__}
    if isinstance(exc, _Deadline) or any("Timeout" in n for n in names):
        return reason("timeout", lang, seconds=timeout)
    if names & {"APIConnectionError", "ConnectError", "ConnectionError", "NetworkError"}:
        return reason("unreachable", lang)
    status = getattr(exc, "status_code", None)
    if status is not None:
        return reason("refused", lang, detail=f"HTTP {status}")
    return reason("failed", lang, detail=type(exc).__name__)
