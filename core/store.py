"""The index on disk, read side: versions, their manifests, the ingest history, the vector store.

Layout under the data directory (written by `ingest.versions` and `ingest.build`)::

    versions/<id>/        one complete version:
        manifest.json         model, articles, case table, where its vectors are
        catalog.json          every case: metadata (facets), body, sentences
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
from dataclasses import dataclass
from pathlib import Path

from core.cases import Case
from core.errors import UserError

COLLECTION = "cases"          # versions built before the catalog: case and sentence documents
SENTENCES = "sentences"       # one document per sentence
CATALOG = "catalog.json"
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


# --- one published version, read-only -----------------------------------------------------------

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

    def _read_catalog(self) -> list[tuple[dict, Case]]:
        """(case metadata, case) of every case, in article order."""
        if self.legacy:
            return self._catalog_from_records()
        rows = json.loads((self.path / CATALOG).read_text(encoding="utf-8"))["cases"]
        return [(r["meta"], _case(r["meta"], r["body"], r["sentences"])) for r in rows]

    def _catalog_from_records(self) -> list[tuple[dict, Case]]:
        sentences: dict[tuple[str, str], list[tuple[int, str]]] = {}
        heads = []
        for _id, doc, meta, _emb in self.records():
            if meta["kind"] == "case":
                heads.append((meta, doc.split("\n", 1)[1] if "\n" in doc else ""))
            else:
                sentences.setdefault((meta["article_id"], meta["case_id"]), []).append((meta["n"], doc))
        out = [(meta, _case(meta, body, [s for _, s in sorted(sentences.get(
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


def _case(meta: dict, body: str, sentences) -> Case:
    return Case(id=meta["case_id"], title=meta["title"], region=meta["region"], level=meta["level"],
                prefecture=meta["prefecture"], body=body, source=meta["source"],
                position=meta["position"], article=meta["article"], sentences=tuple(sentences))


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


__all__ = ["CATALOG", "COLLECTION", "ChromaServer", "EmbeddedStore", "FORMAT", "Index",
           "ModelMismatchError", "NoIndexError", "Passage", "SENTENCES", "ServerStore",
           "StoreError", "check_model", "chroma_client", "configured_store", "current_id",
           "history", "history_rows", "lost_row", "open_index", "read_manifest",
           "read_store_record", "vector_store", "version_path"]
