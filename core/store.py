"""The index on disk, read side: versions, their manifests, the ingest history, the vector store.

Layout under the data directory (written by `ingest.versions` and `ingest.build`)::

    versions/<id>/        one complete version:
        manifest.json         model, articles, case table, where its vectors are
        catalog.json          every case: metadata (facets), body, sentences
        gazetteer.json        the place names of its cases (`core.places`)
        lexical/              the BM25 index of its sentences (`core.lexical`)
        chroma.sqlite3 ...    its sentence vectors, when Chroma is embedded (the default)
        store.json            the name of its collection, when Chroma is a server
        knowledge/            the site's knowledge files it was built with
    versions/.tmp-<id>/   a version being built (removed by the next ingest if the builder died)
    CURRENT               the id of the version that is served (replaced with os.replace)
    history.jsonl         one line per ingest: time, sources, counts, diff

Every change readers can see is a single rename, so a reader sees either the old complete
version or the new complete one. With a Chroma server (`ChromaServer`, CHROMA_HOST) a version's
vectors are its own collection on the server and everything else stays here; the narrow
`VectorStore` interface below is the only place that knows which.
"""
from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

from core.cases import Case
from core.errors import UserError

COLLECTION = "cases"          # versions built before the catalog: case and sentence documents
SENTENCES = "sentences"       # one document per sentence
CATALOG = "catalog.json"
GAZETTEER = "gazetteer.json"
# What a version's folder holds besides the embedded Chroma's own files.
VERSION_FILES = frozenset({"manifest.json", CATALOG, GAZETTEER, "lexical", "knowledge", "store.json"})
FORMAT = 2                    # 2: catalog + lexical index + sentence vectors only


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


def read_catalog(data_dir: Path, version: str) -> list[dict] | None:
    """A version's catalog rows ({"meta", "body", "sentences"} per case), None when it has none
    (no such version, or one built before catalogs). Needs no vector store."""
    try:
        return json.loads((version_path(data_dir, version) / CATALOG).read_text(encoding="utf-8"))["cases"]
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


# --- where the vectors live: one narrow interface, two backends ---------------------------------

@dataclass(frozen=True)
class ChromaServer:
    """A Chroma server (`chroma run`) reached over HTTP; token is sent as a bearer token."""

    host: str
    port: int = 8000
    token: str = ""

    def client(self):
        import chromadb  # heavy: only the commands that touch the index pay for it
        from chromadb.config import Settings as ChromaSettings

        headers = {"Authorization": f"Bearer {self.token}"} if self.token else None
        try:
            return chromadb.HttpClient(host=self.host, port=self.port, headers=headers,
                                       settings=ChromaSettings(anonymized_telemetry=False))
        except Exception as exc:   # connection refused, DNS, TLS, auth: all mean "cannot reach"
            raise StoreError(f"cannot reach the Chroma server at {self.host}:{self.port} "
                             f"(CHROMA_HOST / CHROMA_PORT): {exc}") from None


def chroma_client(path: Path):
    """A Chroma client on disk with telemetry off."""
    import chromadb  # heavy: only the commands that touch the index pay for it
    from chromadb.config import Settings as ChromaSettings

    return chromadb.PersistentClient(path=str(path),
                                     settings=ChromaSettings(anonymized_telemetry=False))


class EmbeddedStore:
    """Chroma on disk inside each version's folder: the folder is the version."""

    backend = "embedded"

    def new_record(self, version: str) -> dict:
        return {"backend": self.backend}

    def create(self, folder: Path, record: dict, metadata: dict):
        """(client, collection) for the sentences of a version being built in folder."""
        client = chroma_client(folder)
        return client, client.create_collection(SENTENCES, embedding_function=None, metadata=metadata)

    def open(self, folder: Path, record: dict, legacy: bool = False):
        client = chroma_client(folder)
        return client, client.get_collection(COLLECTION if legacy else SENTENCES,
                                             embedding_function=None)

    def copy(self, index, folder: Path, record: dict):
        """(client, collection) of a copy of a served version's sentences, to be patched into
        the version being built in folder; None when that version cannot be copied."""
        if index.legacy or index.store_record.get("backend") != self.backend:
            return None
        for p in index.path.iterdir():     # Chroma's files: its database and segment folders
            if p.name in VERSION_FILES:
                continue
            (shutil.copytree if p.is_dir() else shutil.copy2)(p, folder / p.name)
        client = chroma_client(folder)
        collection = client.get_collection(SENTENCES, embedding_function=None)
        # Apply and write each change at once, so readers find the graph complete.
        collection.modify(configuration={"hnsw": {"batch_size": 1, "sync_threshold": 1}})
        return client, collection

    def drop(self, record: dict) -> None:
        """Nothing to do: removing the version's folder removes its vectors."""


class ServerStore:
    """A Chroma server: each version is one collection named after it; only the vectors live
    there (the catalog, lexical index, manifest and history stay in the data directory)."""

    backend = "server"

    def __init__(self, server: ChromaServer):
        self.server = server

    def new_record(self, version: str) -> dict:
        import secrets

        # The random part keeps two data directories sharing one server apart.
        return {"backend": self.backend, "collection": f"v{version}-{secrets.token_hex(4)}"}

    def create(self, folder: Path, record: dict, metadata: dict):
        client = self.server.client()
        return client, client.create_collection(record["collection"], embedding_function=None,
                                                metadata=metadata)

    def copy(self, index, folder: Path, record: dict):
        """None: a Chroma server cannot copy a collection, so each version is built whole."""
        return None

    def open(self, folder: Path, record: dict, legacy: bool = False):
        client = self.server.client()
        try:
            return client, client.get_collection(record["collection"], embedding_function=None)
        except Exception as exc:   # chromadb raises NotFoundError or a plain ValueError
            raise StoreError(f"the Chroma server at {self.server.host}:{self.server.port} has no "
                             f"collection {record['collection']!r} for this version; run "
                             "`chatbot ingest corpus/ --rebuild`") from exc

    def drop(self, record: dict) -> None:
        if not record.get("collection"):
            return
        client = self.server.client()
        try:
            client.delete_collection(record["collection"])
        except Exception:  # already gone (a crashed build that never created it): nothing to drop
            pass


def vector_store(backend: str = "embedded", server: ChromaServer | None = None):
    """The store of a backend ("embedded" or "server"): the one place that tells them apart.

    Raises:
        StoreError: a server version with no server configured, or an unknown backend.
    """
    if backend == "embedded":
        return EmbeddedStore()
    if backend == "server":
        if server is None:
            raise StoreError("this index keeps its vectors on a Chroma server; set CHROMA_HOST "
                             "and CHROMA_PORT to reach it")
        return ServerStore(server)
    raise StoreError(f"unknown vector store {backend!r} in the index's manifest")


def configured_store(server: ChromaServer | None = None):
    """The store new versions are written to: the server when one is configured."""
    return vector_store("server" if server is not None else "embedded", server)


def read_store_record(folder: Path) -> dict:
    """Where a version (or a half-built one) keeps its vectors ({"backend": ...})."""
    try:
        return json.loads((Path(folder) / "store.json").read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {"backend": "embedded"}


def catalog_case(meta: dict, body: str, sentences) -> Case:
    """A case from its catalog row (or its case document's metadata and text)."""
    return Case(id=meta["case_id"], title=meta["title"], region=meta["region"], level=meta["level"],
                prefecture=meta["prefecture"], body=body, source=meta["source"],
                position=meta["position"], article=meta["article"], sentences=tuple(sentences))


__all__ = ["CATALOG", "COLLECTION", "ChromaServer", "EmbeddedStore", "FORMAT", "GAZETTEER",
           "ModelMismatchError", "NoIndexError", "SENTENCES", "ServerStore", "StoreError",
           "catalog_case", "chroma_client", "configured_store", "current_id", "history",
           "history_rows", "lost_row", "read_catalog", "read_manifest", "read_store_record",
           "vector_store", "version_path"]
