"""Question answering over 「ChatGPTを導入した自治体の活用事例」 with cited case passages.

    from chatbot import Chatbot, Filters, ingest

    ingest("corpus/")                          # index the article (Settings from CHATBOT_* vars)
    bot = Chatbot()
    answer = bot.ask("外部向けの利用を禁止している県は？", Filters(region="中国"))
    answer.text, [c.case for c in answer.citations]

    from chatbot import CaseRetriever, answer_chain   # the same, as LangChain parts
    CaseRetriever(data_dir="data", k=4).invoke("Who uses Azure OpenAI Service?")
    answer_chain.invoke({"question": "厚木市はどれくらい業務時間を短縮できましたか？"})

Layers (imports only go downward): ``core`` (case model, text, knowledge, places, embeddings,
store) ← ``ingest`` (read, parse, build versions) ← ``chatbot.qa`` (understand, retrieve, answer,
compose) ← this API (`Chatbot`, `ingest`, `chains`, the optional ``llm``) ← ``chatbot.web``
(Gradio) and ``chatbot.tools`` (CLI, evaluation, benchmark). See docs/architecture.md.
"""
from __future__ import annotations

import importlib

# Name → module: loaded on first use (PEP 562), so `chatbot --help` and light clients do not pay
# for the models, numpy or LangChain's Runnable machinery (~0.4 s for `chains` alone).
_EXPORTS = {
    "Answer": "chatbot.qa.compose", "Citation": "chatbot.qa.compose", "Filters": "chatbot.qa.retrieve",
    "Chatbot": "chatbot.service", "index_status": "chatbot.service", "ingest": "chatbot.service",
    "preview": "chatbot.service", "versions": "chatbot.service", "Settings": "chatbot.settings",
    "UserError": "core.errors", "IngestReport": "ingest.build", "IngestBusy": "ingest.versions", "load_articles": "ingest.build",
    "LLMConfigError": "chatbot.llm", "fallback_notice": "chatbot.llm",
    "CaseRetriever": "chatbot.chains", "answer_chain": "chatbot.chains",
    "build_answer_chain": "chatbot.chains", "Draft": "chatbot.answering",
    "stream_answer": "chatbot.answering",
}

__all__ = sorted(_EXPORTS, key=str.lower)


def __getattr__(name: str):
    if name not in _EXPORTS:
        raise AttributeError(f"module 'chatbot' has no attribute {name!r}")
    value = getattr(importlib.import_module(_EXPORTS[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))
