"""Build the index: articles → cases → a complete Chroma store per version, switched atomically.

An ingest parses and validates every file first, diffs the cases against the served version's
manifest (no Chroma needed to find out that nothing changed), then builds the next version in a
temporary folder, copying the embeddings of unchanged cases and embedding only new and edited
ones, and switches CURRENT in one rename (`ingest.versions`). A crash at any point leaves the old
version serving. Each version keeps a copy of the site's knowledge files it was built with.

A case's identity is its article (`Article.id`: the title without its version label) plus its
organisation (`Case.id`), never the file name, encoding or format; `content_hash` tells an edit.
"""
from __future__ import annotations

import hashlib
import json
import shutil
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from core.cases import Article, Case
from core.facets import facet_metadata
from core.files import private_dir
from core.knowledge import copy_site_files, knowledge, site_files
from core.store import (COLLECTION, Index, check_model, chroma_client, current_id, read_manifest,
                        version_path)
from ingest.parse import NoCasesError, ParseError, parse_article
from ingest.read import article_files, read_text
from ingest.versions import (append_history, clean_partial, finish_version, ingest_lock,
                             new_version_id, now, prune, publish, recover_history, write_manifest)
from ingest.versions import diff_cases as _diff

EMBED_BATCH = 64
_SCALAR = (str, int, float, bool)


@dataclass
class IngestReport:
    """What an ingest changed, by case heading."""

    cases: int
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0
    version: str = ""
    as_of: str = ""        # version labels of the articles served after this ingest ("1月最新版")
    articles: list[dict] = field(default_factory=list)
    renamed: list[dict] = field(default_factory=list)   # {"from", "to"}: also listed in updated
    sources: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    embedded: int = 0
    model: str = ""
    knowledge: list[str] = field(default_factory=list)   # the site's knowledge files used
    seconds: float = 0.0
    time: str = ""

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed)

    def to_dict(self) -> dict:
        return asdict(self)


def load_articles(path: Path) -> tuple[list[Article], list[str]]:
    """Read and parse every article at path (a file or a folder).

    Returns:
        The articles, and the files of a folder that hold no case (skipped, e.g. a README).

    Raises:
        ReadError, ParseError: a file cannot be read or parsed; nothing has been touched.
    """
    path = Path(path)
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
                             "keep one of them in the folder, or ingest one file")
        seen[a.id] = a.source_path
    return articles, skipped


def _metadata(case: Case, article: Article, extra: dict) -> dict:
    meta = {"case_id": case.id, "title": case.title, "region": case.region, "level": case.level,
            "prefecture": case.prefecture, "source": case.source, "position": case.position,
            "article": article.title, "article_id": article.id, "article_version": article.version,
            "hash": case.content_hash}
    meta.update(extra)
    return {k: v for k, v in meta.items() if isinstance(v, _SCALAR)}


def _embed_text(doc: str, meta: dict) -> str:
    # The heading gives a lone sentence its place.
    return doc if meta["kind"] == "case" else f"{meta['title']}: {doc}"


def case_documents(case: Case, article: Article, extra: dict | None = None):
    """(ids, documents, texts to embed, metadatas) for a case and each of its sentences."""
    base = _metadata(case, article, extra or {})
    ids = [f"{article.id}:{case.id}"]
    docs = [case.text]
    metas = [{**base, "kind": "case", "n": -1}]
    for n, sentence in enumerate(case.sentences):
        ids.append(f"{article.id}:{case.id}:{n:03d}")
        docs.append(sentence)
        metas.append({**base, "kind": "sentence", "n": n})
    return ids, docs, [_embed_text(d, m) for d, m in zip(docs, metas)], metas


def _docs_hash(rows) -> str:
    """Hash of a case's stored documents [(id, doc, meta)]: equal means nothing to write."""
    blob = json.dumps(sorted(([r[0], r[1], r[2]] for r in rows), key=lambda r: r[0]),
                      ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]


@dataclass
class _Plan:
    """One case of the articles being ingested, with its documents and its diff status."""

    article: Article
    case: Case
    rows: list            # (id, doc, text to embed, meta)
    docs: str             # _docs_hash of rows
    status: str = "added"  # added | updated | unchanged

    @property
    def key(self) -> tuple[str, str]:
        return self.article.id, self.case.id

    def table_row(self) -> dict:
        return {"article_id": self.article.id, "case_id": self.case.id, "title": self.case.title,
                "hash": self.case.content_hash, "level": self.case.level,
                "prefecture": self.case.prefecture, "docs": self.docs}


def _plan(article: Article, case: Case, extra: dict) -> _Plan:
    rows = list(zip(*case_documents(case, article, extra)))
    return _Plan(article, case, rows, _docs_hash((r[0], r[1], r[3]) for r in rows))


class _Served:
    """The version served before this ingest; Chroma is opened only if its data is needed."""

    def __init__(self, data_dir: Path, version: str, manifest: dict | None):
        self.data_dir, self.version, self.manifest = data_dir, version, manifest
        self._index: Index | None = None

    @property
    def index(self) -> Index:
        if self._index is None:
            self._index = Index(self.data_dir, self.version)
        return self._index

    def table(self) -> dict[tuple[str, str], dict]:
        """{(article id, case id): case row} from the manifest (older manifests: from Chroma)."""
        if self.manifest is None:
            return {}
        rows = self.manifest.get("case_table")
        if rows is None:
            groups: dict[tuple[str, str], list] = {}
            for rid, doc, meta, _ in self.index.records():
                groups.setdefault((meta["article_id"], meta["case_id"]), []).append((rid, doc, meta))
            rows = []
            for (aid, cid), docs in groups.items():
                m = next(d[2] for d in docs if d[2]["kind"] == "case")
                rows.append({"article_id": aid, "case_id": cid, "title": m["title"], "hash": m["hash"],
                             "level": m["level"], "prefecture": m["prefecture"], "docs": _docs_hash(docs)})
        return {(r["article_id"], r["case_id"]): r for r in rows}

    def records(self) -> dict[str, tuple[str, dict, list[float]]]:
        if self.manifest is None:
            return {}
        return {rid: (doc, meta, emb) for rid, doc, meta, emb in self.index.records()}

    def close(self) -> None:
        if self._index is not None:
            self._index.close()


def site_knowledge_dir(data_dir: Path) -> Path:
    """Where a site keeps its own facets.toml / glossary.toml (see `core.knowledge`)."""
    return Path(data_dir) / "knowledge"


def _knowledge_digest(data_dir: Path) -> str:
    blob = b"".join(p.name.encode() + b"\0" + p.read_bytes() for p in site_files(site_knowledge_dir(data_dir)))
    return hashlib.sha256(blob).hexdigest()[:16] if blob else ""


def ingest(path: Path, data_dir: Path, embeddings, *, force: bool = False,
           rebuild: bool = False, case_extra=None, loaded=None, dry_run: bool = False) -> IngestReport:
    """Bring the index in line with the article(s) at path, case by case.

    Articles of the index that are not at path are kept as they are.

    Args:
        path: an article file or a folder of them.
        data_dir: where versions live.
        embeddings: a LangChain `Embeddings` with a ``name``.
        force: allow a version that removes more than half of an article's cases.
        rebuild: re-embed everything (needed after changing the embedding model).
        case_extra: ``f(case) -> dict`` of extra scalar metadata; default the case's facets,
            read with the package's knowledge plus the site's (``<data dir>/knowledge/``).
        loaded: what ``load_articles(path)`` returned, when the caller has already run it.
        dry_run: only compute the diff (an admin's preview): nothing is embedded or written.

    Returns:
        The report; ``version`` is "" when nothing changed and no version was published.

    Raises:
        ReadError, ParseError, KnowledgeError: bad input; IngestRefused, ModelMismatchError:
        see the message.
        In every case the served version is left as it was.
    """
    started = time.perf_counter()
    path, data_dir = Path(path), Path(data_dir)
    articles, skipped = loaded or load_articles(path)   # all validation before any write
    if case_extra is None:
        taxonomy = knowledge(site_knowledge_dir(data_dir)).taxonomy   # validated before any write
        case_extra = lambda case: facet_metadata(case, taxonomy)   # noqa: E731
    plans = [_plan(a, c, case_extra(c)) for a in articles for c in a.cases]
    with ingest_lock(data_dir):
        old_version = current_id(data_dir)
        served = _Served(data_dir, old_version, read_manifest(data_dir, old_version))
        try:
            return _ingest(data_dir, articles, skipped, plans, served, embeddings, force, rebuild,
                           started, dry_run)
        finally:
            served.close()


def _ingest(data_dir: Path, articles: list[Article], skipped: list[str], plans: list[_Plan],
            served: _Served, embeddings, force: bool, rebuild: bool, started: float,
            dry_run: bool = False) -> IngestReport:
    """Diff, then publish a new version or record that nothing changed (the lock is held)."""
    if not dry_run:
        recover_history(data_dir)
    if served.manifest is not None and not rebuild:
        check_model(served.manifest["model"], embeddings.name)
    report = IngestReport(cases=0, sources=[a.source_path for a in articles], skipped=skipped,
                          model=embeddings.name, time=now(),
                          knowledge=[p.name for p in site_files(site_knowledge_dir(data_dir))])
    table = served.table()
    _diff(articles, plans, table, lambda aid, cid: served.index.case_text(aid, cid),
          report, force)
    ingested = {a.id for a in articles}
    carried = {k: row for k, row in table.items() if k[0] not in ingested}
    if dry_run:
        report.cases = len(carried) + len(plans)
        report.as_of = _as_of(report.articles)
        return report
    if (served.manifest is not None and not rebuild and not report.changed
            and all(table[p.key]["docs"] == p.docs for p in plans)
            and served.manifest.get("knowledge", "") == _knowledge_digest(data_dir)):
        report.cases = len(table)
        report.as_of = _as_of(served.manifest["articles"])
        report.seconds = round(time.perf_counter() - started, 3)
        append_history(data_dir, {**report.to_dict(), "published": False})
        return report
    version = _build(data_dir, served, plans, carried, ingested, embeddings, report, rebuild,
                     started)
    publish(data_dir, version)                   # the atomic switch
    append_history(data_dir, {**report.to_dict(), "published": True})
    prune(data_dir)
    return report


def _build(data_dir: Path, served: _Served, plans: list[_Plan], carried: dict, ingested: set,
           embeddings, report: IngestReport, rebuild: bool, started: float) -> str:
    """Write the next version completely under versions/.tmp-<id>, then rename it into place."""
    version = new_version_id(data_dir)
    clean_partial(data_dir)
    tmp = version_path(data_dir, f".tmp-{version}")
    private_dir(tmp.parent)                      # owner-only, like everything in data_dir
    private_dir(tmp)
    client = None
    try:
        old = served.records()
        client = chroma_client(tmp)
        collection = client.create_collection(
            COLLECTION, embedding_function=None,
            # Persist the HNSW graph while building, so readers never have to write it.
            metadata={"hnsw:space": "cosine", "embedding_model": embeddings.name,
                      "hnsw:batch_size": _Batch.SIZE, "hnsw:sync_threshold": _Batch.SIZE})
        batch = _Batch(collection)
        to_embed = []
        for rid, (doc, meta, emb) in old.items():    # other articles' cases, as they were
            if meta["article_id"] not in ingested:
                if rebuild:
                    to_embed.append((rid, doc, _embed_text(doc, meta), meta))
                else:
                    batch.add(rid, doc, meta, emb)
        for p in plans:
            for rid, doc, text, meta in p.rows:
                prev = old.get(rid)
                if (p.status == "unchanged" and not rebuild and prev is not None
                        and prev[0] == doc and prev[1].get("title") == meta["title"]):
                    batch.add(rid, doc, meta, prev[2])   # metadata refreshed, embedding reused
                else:
                    to_embed.append((rid, doc, text, meta))
        for start in range(0, len(to_embed), EMBED_BATCH):
            chunk = to_embed[start:start + EMBED_BATCH]
            vectors = embeddings.embed_documents([t for _, _, t, _ in chunk])
            for (rid, doc, _t, meta), vec in zip(chunk, vectors):
                batch.add(rid, doc, meta, vec)
        batch.flush()
        case_table = list(carried.values()) + [p.table_row() for p in plans]
        kept = {aid for aid, _ in carried}
        articles = [a for a in (served.manifest or {}).get("articles", []) if a["id"] in kept]
        articles += report.articles
        report.embedded = len(to_embed)
        report.cases = len(case_table)
        report.version = version
        report.as_of = _as_of(articles)
        report.seconds = round(time.perf_counter() - started, 3)
        copy_site_files(site_knowledge_dir(data_dir), tmp)
        write_manifest(tmp, {"version": version, "model": embeddings.name, "time": report.time,
                             "articles": articles, "cases": report.cases, "sources": report.sources,
                             "case_table": case_table, "knowledge": _knowledge_digest(data_dir),
                             "report": report.to_dict()})
        del collection, batch
        client.close()                               # every write is on disk before the rename
        finish_version(tmp, version_path(data_dir, version))
    except BaseException:
        if client is not None:
            client.close()
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return version


def _as_of(articles: list[dict]) -> str:
    return " / ".join(a["version"] for a in articles if a.get("version"))


class _Batch:
    """Buffers adds so Chroma sees a few large writes instead of hundreds of small ones."""

    SIZE = 256

    def __init__(self, collection):
        self.collection, self.rows = collection, []

    def add(self, rid, doc, meta, emb):
        self.rows.append((rid, doc, meta, list(emb)))
        if len(self.rows) >= self.SIZE:
            self.flush()

    def flush(self):
        if self.rows:
            ids, docs, metas, embs = zip(*self.rows)
            self.collection.add(ids=list(ids), documents=list(docs), metadatas=list(metas),
                                embeddings=list(embs))
            self.rows = []
