"""The chat model behind CHATBOT_LLM: one factory, one branch per provider, LangChain's clients.

Every provider gets the same limits: `Settings.llm_timeout` for each network wait (and, in
`generate`, for the whole answer), no automatic retries (a retry would triple the wait the
user sees), temperature 0 and `Settings.llm_max_tokens`.

Every provider's HTTP client (httpx, under each SDK) also reports whether a request reached the
server: a `Delivery` set for the call (`delivering`) is marked once the request's bytes went out
on an open connection, so the audit log's `sent_to` names the LLM only for questions that left
the machine (a refused connection sends nothing).
"""
from __future__ import annotations

import contextvars
import os

from chatbot.settings import Settings
from core.errors import UserError

PROVIDERS = ("none", "openai", "azure", "ollama")
# OpenAI-compatible servers on a site's own machine (llama.cpp, vLLM) need no key, but the
# OpenAI client refuses to start without one.
_NO_KEY = "not-needed"


class Delivery:
    """Whether one request reached the LLM's server.

    ``tracked``: the model's HTTP client reports it (models built here); ``reached``: the
    request was written to an open connection (it may have been read on the other side).
    """

    def __init__(self) -> None:
        self.tracked = False
        self.reached = False


_delivery: contextvars.ContextVar[Delivery | None] = contextvars.ContextVar("llm_delivery", default=None)


def delivering(delivery: Delivery) -> contextvars.Context:
    """A copy of the current context in which the model's requests report to `delivery`: run
    the model's call in it (``ctx.run(fn)``)."""
    ctx = contextvars.copy_context()
    ctx.run(_delivery.set, delivery)
    return ctx


def _on_request(request) -> None:
    """httpx event hook: trace this request's sending for the Delivery of the call, if any."""
    delivery = _delivery.get()
    if delivery is None:
        return
    delivery.tracked = True

    def trace(event: str, info: dict) -> None:
        # httpcore's events: "http11.send_request_body.complete", "http2.send_request_body.complete"
        if event.endswith("send_request_body.complete") or event.endswith("send_request_headers.complete"):
            delivery.reached = True

    request.extensions["trace"] = trace


def _http_client(settings: Settings):
    import httpx  # the SDKs' own HTTP library, already imported with them

    return httpx.Client(timeout=settings.llm_timeout, follow_redirects=True,
                        event_hooks={"request": [_on_request]})


class LLMConfigError(UserError):
    """CHATBOT_LLM and its settings do not describe a usable chat model; the message says why."""


def chat_model(settings: Settings):
    """The configured LangChain chat model, or None for `CHATBOT_LLM=none` (extractive only).

    Raises:
        LLMConfigError: an unknown provider or a missing setting (nothing is contacted here).
    """
    kind = settings.llm.strip().lower()
    if kind == "none":
        return None
    if kind not in PROVIDERS:
        raise LLMConfigError(f"unknown CHATBOT_LLM {settings.llm!r}; choose one of {', '.join(PROVIDERS)}")
    if not settings.llm_model:
        what = "the deployment name" if kind == "azure" else "the model name"
        raise LLMConfigError(f"CHATBOT_LLM={kind} needs CHATBOT_LLM_MODEL ({what})")
    if kind == "azure" and not settings.llm_url:
        raise LLMConfigError("CHATBOT_LLM=azure needs CHATBOT_LLM_URL "
                             "(the endpoint, https://<resource>.openai.azure.com/)")
    try:
        return _build(kind, settings)
    except Exception as exc:  # the clients raise pydantic/openai errors for bad values
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise LLMConfigError(f"cannot set up CHATBOT_LLM={kind}: {first}") from exc


def _build(kind: str, settings: Settings):
    limits = {"temperature": 0}
    if kind == "openai":
        from langchain_openai import ChatOpenAI  # the openai SDK takes seconds to import

        # OPENAI_API_KEY is for OpenAI itself: never send it to another server's URL.
        env_key = "" if settings.llm_url else os.environ.get("OPENAI_API_KEY", "")
        key = settings.llm_api_key or env_key or _NO_KEY
        # OpenAI reads max_completion_tokens (what `max_tokens` becomes); servers that copy its
        # API (llama.cpp, older vLLM) read only the classic max_tokens.
        length = {"extra_body": {"max_tokens": settings.llm_max_tokens}} if settings.llm_url \
            else {"max_tokens": settings.llm_max_tokens}
        return ChatOpenAI(model=settings.llm_model, base_url=settings.llm_url or None, api_key=key,
                          timeout=settings.llm_timeout, max_retries=0, http_client=_http_client(settings),
                          **length, **limits)
    if kind == "azure":
        from langchain_openai import AzureChatOpenAI  # the openai SDK takes seconds to import

        key = settings.llm_api_key or os.environ.get("AZURE_OPENAI_API_KEY") or None
        return AzureChatOpenAI(azure_endpoint=settings.llm_url, azure_deployment=settings.llm_model,
                               api_version=settings.llm_api_version, api_key=key,
                               timeout=settings.llm_timeout, max_retries=0,
                               http_client=_http_client(settings),
                               max_tokens=settings.llm_max_tokens, **limits)
    from langchain_ollama import ChatOllama  # only with an LLM configured

    return ChatOllama(model=settings.llm_model, base_url=settings.llm_url or None,
                      num_predict=settings.llm_max_tokens,
                      client_kwargs={"timeout": settings.llm_timeout,
                                     "event_hooks": {"request": [_on_request]}}, **limits)


def destination(settings: Settings) -> str:
    """Where questions go, as the audit log records it: "openai:gpt-4o-mini@https://…"."""
    kind = settings.llm.strip().lower()
    if kind == "none":
        return ""
    default = {"openai": "https://api.openai.com/v1", "ollama": "http://127.0.0.1:11434"}
    return f"{kind}:{settings.llm_model}@{settings.llm_url or default.get(kind, '')}"
