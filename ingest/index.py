"""The case index: a persistent Chroma collection per published version, switched atomically.

Layout under the data directory::

    versions/<id>/        a complete Chroma store + manifest.json, never changed once published
    CURRENT               the id of the version that is served (replaced with os.replace)
    history.jsonl         one line per ingest: time, sources, counts, diff

An ingest parses and validates everything first, builds the next version in a temporary folder
(copying the embeddings of unchanged cases, embedding only new and edited ones), then switches
CURRENT in one rename. A crash at any point leaves the old version serving.
"""
from __future__ import annotations

import fcntl
import json
import os
import shutil
import time
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from ingest.parse import Article, Case, NoCasesError, ParseError, parse_article
from ingest.read import ReadError, article_files, read_text

COLLECTION = "cases"
KEEP_VERSIONS = 3
_SCALAR = (str, int, float, bool)


class IndexError_(RuntimeError):
    """Base for index problems a user can fix; the message says how."""


class NoIndexError(IndexError_):
    pass


class ModelMismatchError(IndexError_):
    pass


class IngestRefused(IndexError_):
    pass


@dataclass(frozen=True)
class Passage:
    """A sentence of a case, the unit an answer quotes."""

    id: str
    case_id: str
    article_id: str
    n: int
    text: str


@dataclass
class IngestReport:
    """What an ingest changed, by case heading."""

    cases: int
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0
    version: str = ""
    articles: list[dict] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    embedded: int = 0
    model: str = ""
    seconds: float = 0.0
    time: str = ""

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed)

    def to_dict(self) -> dict:
        return asdict(self)


def chroma_client(path: Path):
    """A Chroma client on disk with telemetry off."""
    import chromadb  # heavy: only the commands that touch the index pay for it
    from chromadb.config import Settings as ChromaSettings

    return chromadb.PersistentClient(path=str(path),
                                     settings=ChromaSettings(anonymized_telemetry=False))


def _now() -> str:
    return datetime.now(timezone.utc).astimezone().isoformat(timespec="seconds")


def _current_id(data_dir: Path) -> str:
    try:
        return (data_dir / "CURRENT").read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return ""


class Index:
    """One published version of the index, read-only."""

    def __init__(self, data_dir: Path, version: str):
        self.data_dir = data_dir
        self.version = version
        self.path = data_dir / "versions" / version
        self.manifest = json.loads((self.path / "manifest.json").read_text(encoding="utf-8"))
        self._collection = chroma_client(self.path).get_collection(COLLECTION, embedding_function=None)
        self._records: dict | None = None

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

    def cases(self) -> list[Case]:
        """Every case, in article order, rebuilt from the stored documents."""
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
            out.append(Case(id=meta["case_id"], title=meta["title"], region=meta["region"],
                            level=meta["level"], prefecture=meta["prefecture"],
                            body=doc.split("\n", 1)[1] if "\n" in doc else "",
                            source=meta["source"], position=meta["position"],
                            article=meta["article"], sentences=sents))
        return sorted(out, key=lambda c: (c.article, c.position))

    def case_metadata(self) -> dict[str, dict]:
        """Metadata of each case document, by case id."""
        return {m["case_id"]: m for _, _, m, _ in self.records() if m["kind"] == "case"}

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
    version = _current_id(data_dir)
    if not version or not (data_dir / "versions" / version / "manifest.json").exists():
        raise NoIndexError(f"no index in {data_dir}; run `chatbot ingest corpus/` first")
    index = Index(data_dir, version)
    _check_model(index.model, model)
    return index


def _check_model(built_with: str, configured: str) -> None:
    if built_with != configured:
        raise ModelMismatchError(
            f"the index was built with embedding model {built_with!r} but {configured!r} is "
            "configured; set CHATBOT_EMBEDDINGS/CHATBOT_EMBEDDING_MODEL back, or rebuild with "
            "`chatbot ingest corpus/ --rebuild`")


@contextmanager
def _ingest_lock(data_dir: Path):
    data_dir.mkdir(parents=True, exist_ok=True)
    with open(data_dir / ".ingest.lock", "w") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise IngestRefused(f"another ingest is running on {data_dir}; wait for it") from None
        yield


def load_articles(path: Path) -> tuple[list[Article], list[str]]:
    """Read and parse every article at path (a file or a folder).

    Returns:
        The articles, and the files of a folder that hold no case (skipped, e.g. a README).

    Raises:
        ReadError, ParseError: a file cannot be read or parsed; nothing has been touched.
    """
    files = article_files(path)
    articles, skipped = [], []
    for f in files:
        try:
            articles.append(parse_article(read_text(f), source_path=str(f)))
        except NoCasesError as exc:
            if path.is_file():
                raise NoCasesError(f"{f}: {exc}") from None
            skipped.append(str(f))
        except ParseError as exc:
            raise ParseError(f"{f}: {exc}") from None
    if not articles:
        raise NoCasesError(f"no article with recognisable cases in {path}")
    seen: dict[str, str] = {}
    for a in articles:
        if a.id in seen:
            raise ParseError(f"{a.source_path} and {seen[a.id]} are versions of the same article; "
                             "ingest one of them")
        seen[a.id] = a.source_path
    return articles, skipped


def _metadata(case: Case, article: Article, extra: dict) -> dict:
    meta = {"case_id": case.id, "title": case.title, "region": case.region, "level": case.level,
            "prefecture": case.prefecture, "source": case.source, "position": case.position,
            "article": article.title, "article_id": article.id, "article_version": article.version,
            "hash": case.content_hash}
    meta.update(extra)
    return {k: v for k, v in meta.items() if isinstance(v, _SCALAR)}


def case_documents(case: Case, article: Article, extra: dict | None = None):
    """(ids, documents, texts to embed, metadatas) for a case and each of its sentences."""
    base = _metadata(case, article, extra or {})
    ids = [f"{article.id}:{case.id}"]
    docs = [case.text]
    texts = [case.text]
    metas = [{**base, "kind": "case", "n": -1}]
    for n, sentence in enumerate(case.sentences):
        ids.append(f"{article.id}:{case.id}:{n:03d}")
        docs.append(sentence)
        texts.append(f"{case.title}: {sentence}")   # the heading gives a lone sentence its place
        metas.append({**base, "kind": "sentence", "n": n})
    return ids, docs, texts, metas


def ingest(path: Path, data_dir: Path, embeddings, *, force: bool = False,
           rebuild: bool = False, case_extra=None) -> IngestReport:
    """Bring the index in line with the article(s) at path, case by case.

    Args:
        path: an article file or a folder of them.
        data_dir: where versions live.
        embeddings: a LangChain `Embeddings` with a ``name``.
        force: allow a version that removes more than half of an article's cases.
        rebuild: re-embed everything (needed after changing the embedding model).
        case_extra: optional ``f(case) -> dict`` of extra scalar metadata (facets).

    Returns:
        The report; ``version`` is "" when nothing changed and no version was published.
    """
    started = time.perf_counter()
    path = Path(path)
    articles, skipped = load_articles(path)          # all validation before any write
    case_extra = case_extra or (lambda case: {})
    with _ingest_lock(data_dir):
        old_version = _current_id(data_dir)
        old = Index(data_dir, old_version) if old_version and \
            (data_dir / "versions" / old_version / "manifest.json").exists() else None
        if old is not None and not rebuild:
            _check_model(old.model, embeddings.name)
        old_records = old.records() if old is not None and not rebuild else []
        old_cases = {(m["article_id"], m["case_id"]): m for _, _, m, _ in old_records
                     if m["kind"] == "case"}
        report = IngestReport(cases=0, sources=[a.source_path for a in articles], skipped=skipped,
                              model=embeddings.name, time=_now())
        keep_embeddings: dict[str, list[float]] = {}
        new_ids = set()
        plan = []   # (case, article, reuse: bool)
        for article in articles:
            report.articles.append({"title": article.title, "version": article.version,
                                    "id": article.id, "cases": len(article.cases)})
            before = {cid: m for (aid, cid), m in old_cases.items() if aid == article.id}
            for case in article.cases:
                prev = before.get(case.id)
                if prev is None:
                    report.added.append(case.title)
                elif prev["hash"] != case.content_hash:
                    report.updated.append(case.title)
                else:
                    report.unchanged += 1
                plan.append((case, article, prev is not None and prev["hash"] == case.content_hash))
                new_ids.add((article.id, case.id))
            gone = [m["title"] for cid, m in before.items() if cid not in {c.id for c in article.cases}]
            report.removed.extend(gone)
            if before and len(gone) * 2 > len(before) and not force:
                raise IngestRefused(
                    f"{article.source_path} would remove {len(gone)} of {len(before)} cases of "
                    f"{article.title!r} (a truncated file?); check it, or pass --force")
        carried = [r for r in old_records
                   if (r[2]["article_id"], r[2]["case_id"]) not in new_ids
                   and r[2]["article_id"] not in {a.id for a in articles}]
        for rid, _doc, _meta, emb in old_records:
            keep_embeddings[rid] = emb
        titles_same = old is not None and {a["id"]: a["title"] for a in old.articles} \
            .items() >= {a.id: a.title for a in articles}.items()
        positions_same = all(old_cases.get((a.id, c.id), {}).get("position") == c.position
                             for c, a, _ in plan)
        if old is not None and not rebuild and not report.changed and titles_same and positions_same:
            report.cases = len(old_cases)
            report.version = ""
            report.seconds = round(time.perf_counter() - started, 3)
            _append_history(data_dir, report, published=False)
            return report

        version = _new_version_id(data_dir)
        tmp = data_dir / "versions" / f".tmp-{version}"
        _clean_partial(data_dir)
        tmp.mkdir(parents=True)
        try:
            collection = chroma_client(tmp).create_collection(
                COLLECTION, embedding_function=None,
                metadata={"hnsw:space": "cosine", "embedding_model": embeddings.name})
            batch = _Batch(collection)
            for rid, doc, meta, emb in carried:
                batch.add(rid, doc, meta, emb)
            to_embed = []
            for case, article, reuse in plan:
                ids, docs, texts, metas = case_documents(case, article, case_extra(case))
                for rid, doc, text, meta in zip(ids, docs, texts, metas):
                    if reuse and rid in keep_embeddings:
                        batch.add(rid, doc, meta, keep_embeddings[rid])
                    else:
                        to_embed.append((rid, doc, text, meta))
            for start in range(0, len(to_embed), 64):
                chunk = to_embed[start:start + 64]
                vectors = embeddings.embed_documents([t for _, _, t, _ in chunk])
                for (rid, doc, _t, meta), vec in zip(chunk, vectors):
                    batch.add(rid, doc, meta, vec)
            batch.flush()
            report.embedded = len(to_embed)
            report.cases = sum(1 for r in carried if r[2]["kind"] == "case") + len(plan)
            report.version = version
            report.seconds = round(time.perf_counter() - started, 3)
            manifest = {"version": version, "model": embeddings.name, "time": report.time,
                        "articles": _merge_articles(old, report.articles, rebuild),
                        "cases": report.cases, "sources": report.sources}
            (tmp / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1),
                                               encoding="utf-8")
            del collection, batch
            os.rename(tmp, data_dir / "versions" / version)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        _publish(data_dir, version)
        _append_history(data_dir, report, published=True)
        _prune(data_dir)
        return report


class _Batch:
    """Buffers adds so Chroma sees a few large writes instead of hundreds of small ones."""

    def __init__(self, collection, size: int = 256):
        self.collection, self.size, self.rows = collection, size, []

    def add(self, rid, doc, meta, emb):
        self.rows.append((rid, doc, meta, list(emb)))
        if len(self.rows) >= self.size:
            self.flush()

    def flush(self):
        if self.rows:
            ids, docs, metas, embs = zip(*self.rows)
            self.collection.add(ids=list(ids), documents=list(docs), metadatas=list(metas),
                                embeddings=list(embs))
            self.rows = []


def _merge_articles(old: Index | None, new: list[dict], rebuild: bool) -> list[dict]:
    merged = {} if old is None or rebuild else {a["id"]: a for a in old.articles}
    merged.update({a["id"]: a for a in new})
    return list(merged.values())


def _new_version_id(data_dir: Path) -> str:
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S")
    n = 1
    while (data_dir / "versions" / f"{stamp}-{n}").exists():
        n += 1
    return f"{stamp}-{n}"


def _publish(data_dir: Path, version: str) -> None:
    tmp = data_dir / "CURRENT.tmp"
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write(version + "\n")
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, data_dir / "CURRENT")   # the atomic switch


def _clean_partial(data_dir: Path) -> None:
    """Remove folders left by an ingest that crashed before publishing."""
    for p in (data_dir / "versions").glob(".tmp-*"):
        shutil.rmtree(p, ignore_errors=True)


def _prune(data_dir: Path) -> None:
    current = _current_id(data_dir)
    versions = sorted(p for p in (data_dir / "versions").iterdir()
                      if p.is_dir() and not p.name.startswith("."))
    for p in versions[:-KEEP_VERSIONS]:
        if p.name != current:
            shutil.rmtree(p, ignore_errors=True)


def _append_history(data_dir: Path, report: IngestReport, published: bool) -> None:
    row = {**report.to_dict(), "published": published}
    with open(data_dir / "history.jsonl", "a", encoding="utf-8") as fh:
        fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def history(data_dir: Path) -> list[dict]:
    """Past ingests, oldest first."""
    try:
        lines = (data_dir / "history.jsonl").read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return []
    return [json.loads(line) for line in lines if line.strip()]
