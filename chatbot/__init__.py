"""Question answering over 「ChatGPTを導入した自治体の活用事例」 with cited case passages.

    from chatbot import Chatbot, Filters, ingest

    ingest("corpus/")                          # index the article (Settings from CHATBOT_* vars)
    bot = Chatbot()
    answer = bot.ask("外部向けの利用を禁止している県は？", Filters(region="中国"))
    answer.text, [c.case for c in answer.citations]

Layers (imports only go downward): ``core`` (case model, text, knowledge, places, embeddings,
store) ← ``ingest`` (read, parse, build versions) ← ``chatbot.qa`` (understand, retrieve, answer,
compose) ← this API (`Chatbot`, `ingest`) ← ``chatbot.web`` (Gradio) and ``chatbot.tools`` (CLI,
evaluation, benchmark). See docs/architecture.md.
"""
from chatbot.qa.compose import Answer, Citation
from chatbot.qa.retrieve import Filters
from chatbot.service import Chatbot, index_status, ingest, preview, versions
from chatbot.settings import Settings
from core.errors import UserError
from ingest.build import IngestReport

__all__ = ["Answer", "Chatbot", "Citation", "Filters", "IngestReport", "Settings", "UserError",
           "index_status", "ingest", "preview", "versions"]
