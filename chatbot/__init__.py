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
from chatbot.llm import LLMConfigError, fallback_notice
from chatbot.qa.compose import Answer, Citation
from chatbot.qa.retrieve import Filters
from chatbot.service import Chatbot, index_status, ingest, preview, versions
from chatbot.settings import Settings
from core.errors import UserError
from ingest.build import IngestReport

__all__ = ["Answer", "CaseRetriever", "Chatbot", "Citation", "Draft", "Filters", "IngestReport",
           "LLMConfigError", "Settings", "UserError", "answer_chain", "build_answer_chain",
           "fallback_notice", "index_status", "ingest", "preview", "stream_answer", "versions"]

# LangChain's retriever and Runnable machinery takes ~0.4 s to import: load `chains` on first
# use, so `chatbot --help` and code that only asks questions stay quick.
_CHAINS = {"CaseRetriever", "Draft", "answer_chain", "build_answer_chain", "stream_answer"}


def __getattr__(name: str):
    if name in _CHAINS:
        from chatbot import chains

        return getattr(chains, name)
    raise AttributeError(f"module 'chatbot' has no attribute {name!r}")
