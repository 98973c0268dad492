"""The chatbot as one object: settings → embeddings → the served index version → answers; and
the ingest entry point.

The CLI, the Gradio app and the evaluation all go through `Chatbot.ask`, so they give the same
answer to the same question. The served version is re-read when an ingest publishes a new one.
"""
from __future__ import annotations

import ctypes
import gc
import threading
import weakref
from collections import OrderedDict
from contextlib import contextmanager
from pathlib import Path
from typing import Sequence
from types import SimpleNamespace
from typing import TYPE_CHECKING

from chatbot.limits import check_question, replayed
from chatbot.llm.providers import chat_model as get_chat_model
from chatbot.qa.answer import TurnState, answer_turn
from chatbot.qa.catalog import article_lower
from chatbot.qa.compose import Answer
from chatbot.qa.evidence.centered import sentence_mean
from chatbot.qa.evidence.figures import remember_figures
from chatbot.qa.evidence.sentences import sentence_words
from chatbot.qa.read.spelling import article_glosses, same_head
from chatbot.qa.retrieve import Filters, Retriever
from chatbot.settings import Settings, offline_environment
from core.embeddings import get_embeddings, model_name
from core.index import open_index
from core.store import current_id, history, read_manifest
from ingest.versions import IngestBusy, IngestRefused

if TYPE_CHECKING:
    from ingest.build import IngestReport


_REMEMBERED = 512     # conversation states kept (each a few KB)


class _Loaded:
    """A version's retriever and the questions being answered from it right now: a version that
    is no longer served is closed (its Chroma client, which holds the vectors in memory) once
    its last question is answered."""

    def __init__(self, version: str, retriever: Retriever):
        self.version = version
        self.retriever = retriever
        self.users = 0
        self.retired = False      # a newer version is served
        self.closed = False       # set (under the uses lock) when its close is decided


class Chatbot:
    """Loads the embedding model once; answers any number of questions."""

    def __init__(self, settings: Settings | None = None, embeddings=None, chat_model=None):
        offline_environment()
        self.settings = settings or Settings.from_env()
        self.embeddings = embeddings or get_embeddings(self.settings.embeddings,
                                                       self.settings.embedding_model)
        self._lock = threading.Lock()           # held while a new version loads
        self._uses = threading.Lock()           # guards users / retired / closed of a _Loaded
        self._served: _Loaded | None = None     # the version being served: swapped in one step
        self._places: tuple[str, object] | None = None       # (version, its gazetteer)
        self._chat_model = chat_model
        self._turns_lock = threading.Lock()
        self._turns: OrderedDict[tuple, TurnState | None] = OrderedDict()   # replayed conversations

    def chat_model(self):
        """The LLM of ``settings.llm`` (None: extractive answers only), set up once.

        Raises:
            LLMConfigError: the LLM settings are incomplete (see `chatbot.llm.providers`).
        """
        if self._chat_model is None:
            self._chat_model = get_chat_model(self.settings)
        return self._chat_model

    @property
    def data_dir(self) -> Path:
        return self.settings.data_dir

    def retriever(self) -> Retriever:
        """The retriever of the version being served, rebuilt when CURRENT moved.

        Safe from any number of threads: a retriever is never changed once built, one thread
        builds the next version's while the others keep answering from the one they have.
        Only its catalog should be read outside `ask`: the version it belongs to is closed
        once a newer one is served and its last question is answered.
        """
        return self._load().retriever

    def warm_up(self) -> None:
        """Load now what the first questions would otherwise wait for (a served app calls it at
        start): the served version, the embedding model, and the word tables read on first use
        — Sudachi, the romaji of place names (≈0.6 s), JMdict and the article's words for English
        glosses, the stored words of sentences, every case's figures, the mean sentence vector."""
        import numpy.ma  # noqa: F401 — numpy imports it on the first np.unique (≈20 ms)

        from core import dictionary
        from core.places.readings import hepburn
        from core.text import tokenize

        r = self.retriever()
        self.embeddings.embed_query("ChatGPT")
        tokenize("自治体の導入事例")
        hepburn("トウキョウ")
        dictionary.synonyms("心配")
        # and the version's own tables, built per case on first use: which sentences address a
        # reader (never evidence) and each sentence's stored words (≈1 s at 10,000 cases)
        article_lower(r)          # read when an English question names something (0.4 s at 10k)
        article_glosses(r)        # the article's words for an English word JMdict glosses
        same_head(r, "住民")      # 住民's 市民・県民・区民: a table over the glossary's words (≈0.2 s)
        remember_figures(r.cases.values(), r.knowledge, r.memo("case_figures", dict))
        sentence_mean(r)          # a list the words leave empty weighs sentences against it (1–2 s at 10k)
        for key, case in r.cases.items():
            r.instructions(key)
            for n in range(len(case.sentences)):
                sentence_words(r, key, n)
        # the loaded version is long-lived (≈600,000 objects at 10,000 cases): moved out of the
        # collector's view, a full collection no longer walks it in the middle of an answer (a
        # 0.2–0.4 s pause every few hundred questions); `_retire` gives it back to the collector
        gc.collect()
        gc.freeze()

    def _load(self) -> _Loaded:
        served = self._served
        if served is not None and (served.version == current_id(self.data_dir) or self._lock.locked()):
            return served
        with self._lock:
            served = self._served
            if served is None or served.version != current_id(self.data_dir):
                index = open_index(self.data_dir, self.embeddings.name,
                                   self.settings.chroma_server())
                old, served = served, _Loaded(index.version, Retriever(index, self.embeddings))
                self._served = served
                if old is not None:
                    self._retire(old)
            return served

    def _retire(self, old: _Loaded) -> None:
        """A version no longer served: close it now if no question uses it, else after the last
        one; forget the conversations replayed on it. So a served app holds the current version
        and at most the one its last questions still use, however many versions are published."""
        weakref.finalize(old.retriever, _give_back_memory)
        gc.unfreeze()              # what warm_up froze can be collected again, this version too
        with self._uses:
            old.retired = True
            old.closed = close = old.users == 0
        with self._turns_lock:
            for key in [k for k in self._turns if k[0] == old.version]:
                del self._turns[key]
        if close:
            old.retriever.index.close()

    @contextmanager
    def _answering(self):
        """The served retriever, kept open while the caller answers from it."""
        while True:
            loaded = self._load()
            with self._uses:
                if not loaded.closed:
                    loaded.users += 1
                    break
        try:
            yield loaded.retriever
        finally:
            with self._uses:
                loaded.users -= 1
                loaded.closed = close = loaded.retired and loaded.users == 0 and not loaded.closed
            if close:
                loaded.retriever.index.close()

    def places(self):
        """The served version's places (`core.places.Gazetteer`): every prefecture, ministry
        and case, with readings; an LLM answer's names are checked against it."""
        index = self.retriever().index
        known = self._places
        if known is None or known[0] != index.version:
            known = self._places = (index.version, index.gazetteer())
        return known[1]

    def ask(self, question: str, filters: Filters = Filters(), history: Sequence[str] = ()) -> Answer:
        """Answer a question from the article, with citations.

        Args:
            history: the conversation's earlier questions, oldest first: the question is read
                as a follow-up of the last of them (「そのうち中国地方は？」, "What about
                Yokosuka?", 「いつまで？」). Empty: the question stands on its own.

        Raises:
            LimitError: the question is longer than ``settings.max_question_chars`` (checked
                before any work).
        """
        check_question(question, self.settings)
        with self._answering() as retriever:
            prev = self._state(retriever, replayed(history, self.settings), filters)
            return answer_turn(retriever, question, filters, prev)[0]

    def converse(self, questions: Sequence[str], filters: Filters = Filters()) -> list[Answer]:
        """Answer questions in order as one conversation."""
        return [self.ask(q, filters, questions[:i]) for i, q in enumerate(questions)]

    def _state(self, retriever: Retriever, history: tuple[str, ...], filters: Filters) -> TurnState | None:
        """What the conversation so far leaves for the next question: its questions replayed in
        order (remembered, so each turn costs one answer, not the whole conversation). Keyed by
        the served version, so a conversation carries on across a re-ingest."""
        if not history:
            return None
        key = (retriever.index.version, history, filters)
        with self._turns_lock:
            if key in self._turns:
                self._turns.move_to_end(key)
                return self._turns[key]
        prev = self._state(retriever, history[:-1], filters)
        state = answer_turn(retriever, history[-1], filters, prev)[1]
        with self._turns_lock:
            self._turns[key] = state
            while len(self._turns) > _REMEMBERED:
                self._turns.popitem(last=False)
        return state

    def ingest(self, path: Path, *, force: bool = False) -> IngestReport:
        """Ingest with this bot's embedding model; the next question uses the new version."""
        return ingest(path, self.settings, embeddings=self.embeddings, force=force)

    def preview(self, path: Path) -> tuple[IngestReport, bool]:
        """What ingesting path would change (see `preview`)."""
        return preview(path, self.settings, embeddings=self.embeddings)


def _give_back_memory() -> None:
    """Return the heap a dropped version used to the system (glibc keeps freed memory otherwise,
    and a served app's RSS would grow with every version published)."""
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)     # dlopen of the loaded libc: no search, no subprocess
    except (OSError, AttributeError):   # not glibc: nothing to trim
        pass


def ingest(path: Path, settings: Settings | None = None, *, embeddings=None, force: bool = False,
           rebuild: bool = False, dry_run: bool = False) -> IngestReport:
    """Bring the index in ``settings.data_dir`` in line with the article(s) at path.

    Args:
        path: an article file (.txt, .md, .html) or a folder of them.
        settings: where the index lives and which embedding model builds it.
        embeddings: an already loaded model (default: the configured one).
        force: allow a version that removes more than half of an article's cases.
        rebuild: re-embed everything (after changing the embedding model).
        dry_run: only compute the case-level diff (nothing is embedded or written).

    Returns:
        The report: cases added / updated / removed, the version published ("" when nothing
        changed).

    Raises:
        UserError: a bad file, a refused ingest, another embedding model; the index is untouched.
    """
    offline_environment()
    settings = settings or Settings.from_env()
    # Reading articles needs BeautifulSoup and friends: only ingests pay for them, not `ask`.
    from ingest.build import ingest as build_index
    from ingest.build import load_articles

    loaded = load_articles(Path(path))   # bad input fails before the model loads
    if embeddings is None:
        name = model_name(settings.embeddings, settings.embedding_model)
        embeddings = SimpleNamespace(name=name) if dry_run else \
            get_embeddings(settings.embeddings, settings.embedding_model)
    return build_index(path, settings.data_dir, embeddings, force=force, rebuild=rebuild,
                       loaded=loaded, dry_run=dry_run, server=settings.chroma_server())


def preview(path: Path, settings: Settings | None = None, *,
            embeddings=None) -> tuple[IngestReport, bool]:
    """What ingesting path would change, computed by the ingest itself run dry (nothing written).

    Returns:
        The report, and whether a real ingest would be refused without ``force`` (it would
        remove more than half of an article's cases: a truncated file?).
    """
    try:
        return ingest(path, settings, embeddings=embeddings, dry_run=True), False
    except IngestBusy:
        raise
    except IngestRefused:
        return ingest(path, settings, embeddings=embeddings, dry_run=True, force=True), True


def index_status(settings: Settings | None = None) -> dict:
    """The served version, its article version(s), case count, embedding model, build time, and
    the last ingest's time."""
    data_dir = (settings or Settings.from_env()).data_dir
    version = current_id(data_dir)
    status = {"version": version, "articles": [], "cases": 0, "model": "", "built": "",
              "last_ingest": "", "ingests": 0}
    manifest = read_manifest(data_dir, version)
    if manifest is not None:
        status.update(articles=manifest.get("articles", []), cases=manifest.get("cases", 0),
                      model=manifest.get("model", ""), built=manifest.get("time", ""))
    rows = history(data_dir)
    if rows:
        status.update(last_ingest=rows[-1].get("time", ""), ingests=len(rows))
    return status


def versions(settings: Settings | None = None) -> list[dict]:
    """Past ingests, oldest first, each with ``current`` true for the version being served."""
    data_dir = (settings or Settings.from_env()).data_dir
    rows = history(data_dir)
    current = current_id(data_dir)
    served = max((i for i, r in enumerate(rows) if r.get("version") == current), default=-1)
    return [{**r, "current": i == served} for i, r in enumerate(rows)]


__all__ = ["Chatbot", "index_status", "ingest", "preview", "versions"]
