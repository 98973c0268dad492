"""One published version of the index, read-only: its manifest, its catalog of cases, its
lexical index and place names, and its sentence vectors (wherever `core.store` keeps them).

An `Index` is never changed once opened, so any number of threads may read it at once.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from core.cases import Case
from core.store import (FORMAT, GAZETTEER, ChromaServer, ModelMismatchError,
                        NoIndexError, catalog_case, current_id, read_catalog, read_store_record,
                        vector_store, version_path)


@dataclass(frozen=True)
class Passage:
    """A sentence of a case, the unit an answer quotes."""

    id: str
    case_id: str
    article_id: str
    n: int
    text: str


class Index:
    """One published version of the index, read-only (safe to share between threads)."""

    def __init__(self, data_dir: Path, version: str, server: ChromaServer | None = None):
        self.data_dir = data_dir
        self.version = version
        self.path = version_path(data_dir, version)
        self.manifest = json.loads((self.path / "manifest.json").read_text(encoding="utf-8"))
        self.legacy = self.manifest.get("format", 1) < FORMAT
        self.store_record = read_store_record(self.path)
        self._client, self._collection = vector_store(
            self.store_record["backend"], server).open(self.path, self.store_record, self.legacy)
        self._count = self._collection.count()
        self._records: list | None = None
        self._catalog = self._read_catalog()

    def close(self) -> None:
        """Release Chroma's hold on the files (shared clients stay open for their other users)."""
        self._client.close()

    @property
    def model(self) -> str:
        return self.manifest["model"]

    @property
    def articles(self) -> list[dict]:
        return self.manifest["articles"]

    def records(self) -> list[tuple[str, str, dict, list[float]]]:
        """(id, document, metadata, embedding) of every stored vector (sentences; versions built
        before the catalog also hold one per case), read in pages."""
        if self._records is None:
            out, page = [], 2000   # Chroma refuses one get of many thousands ("too many SQL variables")
            for offset in range(0, self._count, page):
                r = self._collection.get(include=["documents", "metadatas", "embeddings"],
                                         limit=page, offset=offset)
                out.extend(zip(r["ids"], r["documents"], r["metadatas"], r["embeddings"]))
            self._records = out
        return self._records

    def vectors(self, ids: list[str]) -> dict:
        """{id: vector (numpy)} of the given sentences that exist."""
        if not ids:
            return {}
        r = self._collection.get(ids=list(ids), include=["embeddings"])
        return dict(zip(r["ids"], r["embeddings"]))

    def _read_catalog(self) -> list[tuple[dict, Case]]:
        """(case metadata, case) of every case, in article order."""
        if self.legacy:
            return self._catalog_from_records()
        rows = read_catalog(self.data_dir, self.version) or []
        return [(r["meta"], catalog_case(r["meta"], r["body"], r["sentences"])) for r in rows]

    def _catalog_from_records(self) -> list[tuple[dict, Case]]:
        sentences: dict[tuple[str, str], list[tuple[int, str]]] = {}
        heads = []
        for _id, doc, meta, _emb in self.records():
            if meta["kind"] == "case":
                heads.append((meta, doc.split("\n", 1)[1] if "\n" in doc else ""))
            else:
                sentences.setdefault((meta["article_id"], meta["case_id"]), []).append((meta["n"], doc))
        out = [(meta, catalog_case(meta, body, [s for _, s in sorted(sentences.get(
            (meta["article_id"], meta["case_id"]), []))])) for meta, body in heads]
        return sorted(out, key=lambda mc: (mc[1].article, mc[1].position))

    def cases(self) -> list[Case]:
        """Every case, in article order."""
        return [case for _, case in self._catalog]

    def keyed_cases(self) -> dict[str, tuple[Case, dict]]:
        """{"<article id>:<case id>": (case, its metadata)}, in article order; unique even when two
        articles have a case of the same organisation (`case_metadata` is by case id alone)."""
        return {f"{m['article_id']}:{c.id}": (c, m) for m, c in self._catalog}

    def case_metadata(self) -> dict[str, dict]:
        """Metadata of each case, by case id (see `keyed_cases` for several articles)."""
        return {m["case_id"]: m for m, _ in self._catalog}

    def case_text(self, article_id: str, case_id: str) -> str:
        """The stored heading + body of one case ("" when absent)."""
        for m, c in self._catalog:
            if m["article_id"] == article_id and c.id == case_id:
                return c.text
        return ""

    def passages(self) -> list[Passage]:
        """Every sentence, sorted by id."""
        out = [Passage(f"{m['article_id']}:{c.id}:{n:03d}", c.id, m["article_id"], n, s)
               for m, c in self._catalog for n, s in enumerate(c.sentences)]
        return sorted(out, key=lambda p: p.id)

    def gazetteer(self):
        """The places of this version's cases: stored at ingest, or built now when the stored one
        was made by other code (or there is none)."""
        from core.places import Gazetteer
        from core.places.aliases import stamp

        try:
            data = json.loads((self.path / GAZETTEER).read_text(encoding="utf-8"))
            if data.get("stamp") == stamp():
                return Gazetteer.from_data(data)
        except FileNotFoundError:
            pass
        return Gazetteer.from_cases(self.cases())

    def lexical(self):
        """The version's `core.lexical.LexicalIndex` (None for versions built before it)."""
        from core.lexical import LexicalIndex

        return None if self.legacy else LexicalIndex.load(self.path)

    def dense(self, vector: list[float], k: int, where: dict | None = None,
              ids: list[str] | None = None) -> list[tuple[str, float]]:
        """Nearest sentences by cosine similarity: [(passage id, similarity)].

        Args:
            where: a Chroma metadata filter (region, level, ...).
            ids: only these sentences (a filter already resolved to its passages).
        """
        if ids is not None and not ids:
            return []
        if self.legacy:
            where = {"kind": "sentence"} if not where else {"$and": [{"kind": "sentence"}, where]}
        n = min(k, self._count, len(ids) if ids is not None else k)
        r = self._collection.query(query_embeddings=[vector], n_results=max(1, n), where=where,
                                   ids=ids, include=["distances"])
        return [(i, 1.0 - d) for i, d in zip(r["ids"][0], r["distances"][0])]


def open_index(data_dir: Path, model: str, server: ChromaServer | None = None) -> Index:
    """The served version, checked against the configured embedding model.

    Args:
        server: the Chroma server, for versions whose vectors live on one.

    Raises:
        NoIndexError: nothing has been ingested into data_dir yet.
        ModelMismatchError: the index was built with another embedding model.
        StoreError: its vectors are on a Chroma server that is not configured or not reachable.
    """
    version = current_id(data_dir)
    if not version or not (version_path(data_dir, version) / "manifest.json").exists():
        raise NoIndexError(f"no index in {data_dir}; run `chatbot ingest corpus/` first")
    with open(version_path(data_dir, version) / "manifest.json", encoding="utf-8") as fh:
        check_model(json.load(fh)["model"], model)   # before touching Chroma
    return Index(data_dir, version, server)


def check_model(built_with: str, configured: str) -> None:
    if built_with != configured:
        raise ModelMismatchError(
            f"the index was built with embedding model {built_with!r} but {configured!r} is "
            "configured; set CHATBOT_EMBEDDINGS/CHATBOT_EMBEDDING_MODEL back, or rebuild with "
            "`chatbot ingest corpus/ --rebuild`")


__all__ = ["Index", "Passage", "check_model", "open_index"]
