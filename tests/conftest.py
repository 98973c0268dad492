"""Shared fixtures: every test gets its own data directory; the real e5 index is built once."""
from __future__ import annotations

import os
import shutil
from contextlib import contextmanager
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SEED = CORPUS / "chatgpt_jichitai_katsuyo_jirei_62.txt"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
QA = Path(__file__).resolve().parent / "qa" / "questions.jsonl"


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch) -> Path:
    """Each test writes under its own tmp data directory, never ./data."""
    d = tmp_path / "data"
    monkeypatch.setenv("CHATBOT_DATA_DIR", str(d))
    for var in ("CHATBOT_EMBEDDINGS", "CHATBOT_EMBEDDING_MODEL", "CHATBOT_USERS", "CHATBOT_USERS_FILE"):
        monkeypatch.delenv(var, raising=False)
    return d


@pytest.fixture(scope="session")
def e5():
    from core.embeddings import get_embeddings

    return get_embeddings("e5")


@pytest.fixture(scope="session")
def e5_index_dir(tmp_path_factory, e5) -> Path:
    """The seed corpus ingested once with the real bundled e5 model (read-only for tests)."""
    from core.facets import facet_metadata
    from ingest.build import ingest

    d = tmp_path_factory.mktemp("e5") / "data"
    ingest(CORPUS, d, e5, case_extra=facet_metadata)
    return d


@pytest.fixture
def e5_bot(e5_index_dir, e5, tmp_path):
    """A Chatbot over a private copy of the e5 index."""
    from chatbot import Chatbot
    from chatbot.settings import Settings

    d = tmp_path / "e5data"
    shutil.copytree(e5_index_dir, d)
    return Chatbot(Settings(data_dir=d), embeddings=e5)


@pytest.fixture(scope="session")
def shared_e5_bot(e5_index_dir, e5):
    """One Chatbot for read-only question tests (the index is never changed through it)."""
    from chatbot import Chatbot
    from chatbot.settings import Settings

    return Chatbot(Settings(data_dir=e5_index_dir), embeddings=e5)


@pytest.fixture
def fake():
    from core.embeddings import get_embeddings

    return get_embeddings("fake")


@pytest.fixture(scope="session")
def fake_index_dir(tmp_path_factory) -> Path:
    """The seed corpus ingested once with the fake embedder (copy it before writing to it)."""
    from core.embeddings import get_embeddings
    from core.facets import facet_metadata
    from ingest.build import ingest

    d = tmp_path_factory.mktemp("fake") / "data"
    ingest(CORPUS, d, get_embeddings("fake"), case_extra=facet_metadata)
    return d


def fake_bot_over_copy(src: Path, dest: Path, **settings):
    """A Chatbot with the fake embedder over a private copy of an index."""
    from chatbot import Chatbot
    from chatbot.settings import Settings
    from core.embeddings import get_embeddings

    shutil.copytree(src, dest)
    return Chatbot(Settings(data_dir=dest, embeddings="fake", **settings), embeddings=get_embeddings("fake"))


@contextmanager
def serving(bot, users=None):
    """The real Gradio app on a free port of 127.0.0.1 (its URL, ending in /), closed afterwards."""
    import socket

    from chatbot.web.app import serve

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    demo = serve(bot, "127.0.0.1", port, users, block=False, quiet=True)
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        demo.close()
