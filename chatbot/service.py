"""The chatbot as one object: settings → embeddings → the served index version → answers.

The CLI, the Gradio app and the evaluation all go through `Chatbot.ask`, so they give the same
answer to the same question. The served version is re-read when an ingest publishes a new one.
"""
from __future__ import annotations

import threading
from pathlib import Path

from chatbot.answer import answer_question
from chatbot.compose import Answer
from chatbot.retrieve import Filters, Retriever
from chatbot.settings import Settings, offline_environment
from ingest.embed import get_embeddings
from ingest.index import open_index
from ingest.versions import current_id


class Chatbot:
    """Loads the embedding model once; answers any number of questions."""

    def __init__(self, settings: Settings | None = None, embeddings=None):
        offline_environment()
        self.settings = settings or Settings.from_env()
        self.embeddings = embeddings or get_embeddings(self.settings.embeddings,
                                                       self.settings.embedding_model)
        self._lock = threading.Lock()
        self._retriever: Retriever | None = None
        self._version = ""

    @property
    def data_dir(self) -> Path:
        return self.settings.data_dir

    def retriever(self) -> Retriever:
        """The retriever of the version being served, rebuilt when CURRENT moved."""
        with self._lock:
            current = current_id(self.data_dir)
            if self._retriever is None or current != self._version:
                index = open_index(self.data_dir, self.embeddings.name)
                self._retriever = Retriever(index, self.embeddings)
                self._version = index.version
            return self._retriever

    def ask(self, question: str, filters: Filters = Filters()) -> Answer:
        """Answer one question from the article, with citations."""
        return answer_question(self.retriever(), question, filters)
