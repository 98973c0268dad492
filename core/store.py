"""The index on disk, read side: versions, their manifests, the ingest history, the Chroma store.

Layout under the data directory (written by `ingest.versions` and `ingest.build`)::

    versions/<id>/        a complete Chroma store + manifest.json (+ knowledge/ a site's files)
    versions/.tmp-<id>/   a version being built (removed by the next ingest if the builder died)
    CURRENT               the id of the version that is served (replaced with os.replace)
    history.jsonl         one line per ingest: time, sources, counts, diff

Every change readers can see is a single rename, so a reader sees either the old complete
version or the new complete one.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from core.cases import Case
from core.errors import UserError

COLLECTION = "cases"


class StoreError(UserError):
    """The index cannot be used as it is; the message says how to fix it."""


class NoIndexError(StoreError):
    pass


class ModelMismatchError(StoreError):
    pass


def current_id(data_dir: Path) -> str:
    """The served version's id, "" before the first ingest."""
    try:
        return (Path(data_dir) / "CURRENT").read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return ""


def version_path(data_dir: Path, version: str) -> Path:
    return Path(data_dir) / "versions" / version


def read_manifest(data_dir: Path, version: str) -> dict | None:
    """A published version's manifest, None when there is no such complete version."""
    if not version:
        return None
    try:
        return json.loads((version_path(data_dir, version) / "manifest.json").read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None


def history_rows(data_dir: Path) -> list[dict]:
    """The rows of history.jsonl as written (a killed writer's fragment is skipped)."""
    try:
        lines = (Path(data_dir) / "history.jsonl").read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return []
    rows = []
    for line in lines:
        try:
            rows.append(json.loads(line))
        except ValueError:
            continue   # the fragment of a writer that was killed
    return rows


def lost_row(data_dir: Path, rows: list[dict]) -> dict | None:
    """The served version's row when its ingest died between publishing and writing history."""
    current = current_id(data_dir)
    manifest = read_manifest(data_dir, current)
    if current and manifest and "report" in manifest and \
            not any(r.get("version") == current for r in rows):
        return {**manifest["report"], "published": True}
    return None


def history(data_dir: Path) -> list[dict]:
    """Past ingests, oldest first; the served version is always listed (see `lost_row`)."""
    rows = history_rows(Path(data_dir))
    lost = lost_row(Path(data_dir), rows)
    return rows + [lost] if lost else rows


@dataclass(frozen=True)
class Passage:
    """A sentence of a case, the unit an answer quotes."""

    id: str
    case_id: str
    article_id: str
    n: int
    text: str


def chroma_client(path: Path):
    """A Chroma client on disk with telemetry off."""
    import chromadb  # heavy: only the commands that touch the index pay for it
    from chromadb.config import Settings as ChromaSettings

    return chromadb.PersistentClient(path=str(path),
                                     settings=ChromaSettings(anonymized_telemetry=False))


class Index:
    """One published version of the index, read-only."""

    def __init__(self, data_dir: Path, version: str):
        self.data_dir = data_dir
        self.version = version
        self.path = version_path(data_dir, version)
        self.manifest = json.loads((self.path / "manifest.json").read_text(encoding="utf-8"))
        self._client = chroma_client(self.path)
        self._collection = self._client.get_collection(COLLECTION, embedding_function=None)
        self._records: dict | None = None

    def close(self) -> None:
        """Release Chroma's hold on the files (shared clients stay open for their other users)."""
        self._client.close()

    @property
    def model(self) -> str:
        return self.manifest["model"]

    @property
    def articles(self) -> list[dict]:
        return self.manifest["articles"]

    def _all(self) -> dict:
        if self._records is None:
            self._records = self._collection.get(include=["documents", "metadatas", "embeddings"])
        return self._records

    def records(self) -> list[tuple[str, str, dict, list[float]]]:
        """(id, document, metadata, embedding) of every stored document."""
        r = self._all()
        return list(zip(r["ids"], r["documents"], r["metadatas"], r["embeddings"]))

    def _cases(self) -> list[tuple[dict, Case]]:
        sentences: dict[tuple[str, str], list[tuple[int, str]]] = {}
        heads = []
        for _id, doc, meta, _emb in self.records():
            key = (meta["article_id"], meta["case_id"])
            if meta["kind"] == "case":
                heads.append((meta, doc))
            else:
                sentences.setdefault(key, []).append((meta["n"], doc))
        out = []
        for meta, doc in heads:
            sents = tuple(s for _, s in sorted(sentences.get((meta["article_id"], meta["case_id"]), [])))
            out.append((meta, Case(id=meta["case_id"], title=meta["title"], region=meta["region"],
                                   level=meta["level"], prefecture=meta["prefecture"],
                                   body=doc.split("\n", 1)[1] if "\n" in doc else "",
                                   source=meta["source"], position=meta["position"],
                                   article=meta["article"], sentences=sents)))
        return sorted(out, key=lambda mc: (mc[1].article, mc[1].position))

    def cases(self) -> list[Case]:
        """Every case, in article order, rebuilt from the stored documents."""
        return [case for _, case in self._cases()]

    def keyed_cases(self) -> dict[str, tuple[Case, dict]]:
        """{"<article id>:<case id>": (case, its metadata)}, in article order; unique even when two
        articles have a case of the same organisation (`case_metadata` is by case id alone)."""
        return {f"{m['article_id']}:{c.id}": (c, m) for m, c in self._cases()}

    def case_metadata(self) -> dict[str, dict]:
        """Metadata of each case document, by case id (see `keyed_cases` for several articles)."""
        return {m["case_id"]: m for _, _, m, _ in self.records() if m["kind"] == "case"}

    def case_text(self, article_id: str, case_id: str) -> str:
        """The stored heading + body of one case ("" when absent)."""
        r = self._collection.get(ids=[f"{article_id}:{case_id}"], include=["documents"])
        return r["documents"][0] if r["documents"] else ""

    def passages(self) -> list[Passage]:
        return [Passage(i, m["case_id"], m["article_id"], m["n"], d)
                for i, d, m, _ in self.records() if m["kind"] == "sentence"]

    def dense(self, vector: list[float], k: int, where: dict | None = None) -> list[tuple[str, float]]:
        """Nearest sentences by cosine similarity: [(passage id, similarity)]."""
        clause = {"kind": "sentence"} if not where else {"$and": [{"kind": "sentence"}, where]}
        count = self._collection.count()
        r = self._collection.query(query_embeddings=[vector], n_results=max(1, min(k, count)),
                                   where=clause, include=["distances"])
        return [(i, 1.0 - d) for i, d in zip(r["ids"][0], r["distances"][0])]


def open_index(data_dir: Path, model: str) -> Index:
    """The served version, checked against the configured embedding model.

    Raises:
        NoIndexError: nothing has been ingested into data_dir yet.
        ModelMismatchError: the index was built with another embedding model.
    """
    version = current_id(data_dir)
    if not version or not (version_path(data_dir, version) / "manifest.json").exists():
        raise NoIndexError(f"no index in {data_dir}; run `chatbot ingest corpus/` first")
    index = Index(data_dir, version)
    check_model(index.model, model)
    return index


def check_model(built_with: str, configured: str) -> None:
    if built_with != configured:
        raise ModelMismatchError(
            f"the index was built with embedding model {built_with!r} but {configured!r} is "
            "configured; set CHATBOT_EMBEDDINGS/CHATBOT_EMBEDDING_MODEL back, or rebuild with "
            "`chatbot ingest corpus/ --rebuild`")




__all__ = ["COLLECTION", "Index", "ModelMismatchError", "NoIndexError", "Passage", "StoreError",
           "check_model", "chroma_client", "current_id", "history", "history_rows", "lost_row",
           "open_index", "read_manifest", "version_path"]
