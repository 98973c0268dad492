"""The chat model behind CHATBOT_LLM: one factory, one branch per provider, LangChain's clients.

Every provider gets the same limits: `Settings.llm_timeout` for each network wait (and, in
`generate`, for the whole answer), no automatic retries (a retry would triple the wait the
user sees), temperature 0 and `Settings.llm_max_tokens`.
"""
from __future__ import annotations

import os

from chatbot.settings import Settings
from core.errors import UserError

PROVIDERS = ("none", "openai", "azure", "ollama")
# OpenAI-compatible servers on a site's own machine (llama.cpp, vLLM) need no key, but the
# OpenAI client refuses to start without one.
_NO_KEY = "not-needed"


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
                          timeout=settings.llm_timeout, max_retries=0, **length, **limits)
    if kind == "azure":
        from langchain_openai import AzureChatOpenAI  # the openai SDK takes seconds to import

        key = settings.llm_api_key or os.environ.get("AZURE_OPENAI_API_KEY") or None
        return AzureChatOpenAI(azure_endpoint=settings.llm_url, azure_deployment=settings.llm_model,
                               api_version=settings.llm_api_version, api_key=key,
                               timeout=settings.llm_timeout, max_retries=0,
                               max_tokens=settings.llm_max_tokens, **limits)
    from langchain_ollama import ChatOllama  # only with an LLM configured

    return ChatOllama(model=settings.llm_model, base_url=settings.llm_url or None,
                      num_predict=settings.llm_max_tokens,
                      client_kwargs={"timeout": settings.llm_timeout}, **limits)


def destination(settings: Settings) -> str:
    """Where questions go, as the audit log records it: "openai:gpt-4o-mini@https://…"."""
    kind = settings.llm.strip().lower()
    if kind == "none":
        return ""
    default = {"openai": "https://api.openai.com/v1", "ollama": "http://127.0.0.1:11434"}
    return f"{kind}:{settings.llm_model}@{settings.llm_url or default.get(kind, '')}"
