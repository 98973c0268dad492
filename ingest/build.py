"""Build the index: articles → cases → a complete version (vectors, catalog, lexical index),
switched atomically.

An ingest parses and validates every file first, diffs the cases against the served version's
manifest (no Chroma needed to find out that nothing changed), then writes the next version
(`ingest.write`), reusing the vectors and tokens of unchanged sentences and embedding only new
and edited ones, and switches CURRENT in one rename (`ingest.versions`). A crash at any point
leaves the old version serving. Each version keeps a copy of the site's knowledge files it was
built with.

A case's identity is its article (`Article.id`: the title without its version label) plus its
organisation (`Case.id`), never the file name, encoding or format; `content_hash` tells an edit.
"""
from __future__ import annotations

import hashlib
import json
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from core.cases import Article, Case
from core.facets import facet_metadata
from core.instructions import flagged
from core.knowledge import knowledge, site_files
from core.index import Index, check_model
from core.store import (FORMAT, ChromaServer, configured_store, current_id, read_catalog,
                        read_manifest)
from ingest.parse import NoCasesError, ParseError, parse_article
from ingest.read import article_files, read_text
from ingest.review import review
from ingest.versions import (append_history, ingest_lock, now, prune, publish, recover_history)
from ingest.versions import diff_cases as _diff
from ingest.write import Entry, Reuse, Writer, sentence_rows

_SCALAR = (str, int, float, bool)
_FACET = "facet."


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
    # sentences addressed to a reader or a model ({"case", "sentence", "text"}), never evidence
    instructions: list[dict] = field(default_factory=list)
    seconds: float = 0.0
    time: str = ""
    # Each added and updated case's facets, changed sentences and sentences no facet reads
    # (`ingest.review`; empty on a first ingest). Shown to the administrator, not kept in the
    # history or the manifest.
    changes: list[dict] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed)

    def to_dict(self) -> dict:
        return asdict(self)

    def record(self) -> dict:
        """What the history and the manifest keep of it (not the review of each case)."""
        return {k: v for k, v in self.to_dict().items() if k != "changes"}


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


def case_documents(case: Case, article: Article, extra: dict | None = None):
    """(ids, documents, texts to embed, metadatas) for a case and each of its sentences.

    The first row is the case itself (its metadata, with the facets, goes to the catalog); the
    others are its sentences, the documents the vector store holds.
    """
    key = f"{article.id}:{case.id}"
    meta = {**_metadata(case, article, extra or {}), "kind": "case", "n": -1}
    rows = [(key, case.text, case.text, meta)] + sentence_rows(key, meta, case.sentences)
    return tuple(list(col) for col in zip(*rows))


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

    def entry(self) -> Entry:
        case = self.case
        return Entry(f"{self.article.id}:{case.id}", self.rows[0][3], case.body,
                     list(case.sentences), self.rows[1:], (case.article, case.position))

    def table_row(self) -> dict:
        return {"article_id": self.article.id, "case_id": self.case.id, "title": self.case.title,
                "hash": self.case.content_hash, "level": self.case.level,
                "prefecture": self.case.prefecture, "docs": self.docs}


def _plan(article: Article, case: Case, extra: dict) -> _Plan:
    rows = list(zip(*case_documents(case, article, extra)))
    return _Plan(article, case, rows, _docs_hash((r[0], r[1], r[3]) for r in rows))


class _Served:
    """The version served before this ingest; Chroma is opened only if its data is needed."""

    def __init__(self, data_dir: Path, version: str, manifest: dict | None,
                 server: ChromaServer | None = None):
        self.data_dir, self.version, self.manifest = data_dir, version, manifest
        self.server = server
        self.facets = ""          # digest of the facet extractor used for this ingest
        self.taxonomy = None      # the facets this ingest reads (the package's and the site's)
        self._index: Index | None = None

    @property
    def index(self) -> Index:
        if self._index is None:
            self._index = Index(self.data_dir, self.version, self.server)
        return self._index

    def table(self) -> dict[tuple[str, str], dict]:
        """{(article id, case id): case row} from the manifest (older manifests: from Chroma)."""
        if self.manifest is None:
            return {}
        rows = self.manifest.get("case_table")
        if rows is None:   # a manifest from before case tables: the catalog tells the same
            rows = []
            for key, (case, m) in self.index.keyed_cases().items():
                docs = [(key, case.text, m)] + [(r[0], r[1], r[3]) for r in
                                                 sentence_rows(key, m, case.sentences)]
                rows.append({"article_id": m["article_id"], "case_id": case.id, "title": m["title"],
                             "hash": m["hash"], "level": m["level"], "prefecture": m["prefecture"],
                             "docs": _docs_hash(docs)})
        return {(r["article_id"], r["case_id"]): r for r in rows}

    def old_sentences(self) -> dict[tuple[str, str], list[str]]:
        """{(article id, case id): its sentences} as served (older versions: from Chroma)."""
        rows = read_catalog(self.data_dir, self.version) if self.manifest is not None else None
        if rows is not None:
            return {(r["meta"]["article_id"], r["meta"]["case_id"]): list(r["sentences"]) for r in rows}
        return {(m["article_id"], case.id): list(case.sentences)
                for case, m in self.index.keyed_cases().values()} if self.manifest is not None else {}

    def reuse(self, rebuild: bool) -> Reuse:
        return Reuse(self.index if self.manifest is not None else None, rebuild)

    def carried(self, ingested: set[str]) -> list[Entry]:
        """The cases of articles this ingest does not touch, as they are served."""
        if self.manifest is None:
            return []
        return [Entry(key, meta, case.body, list(case.sentences),
                      sentence_rows(key, meta, case.sentences), (case.article, case.position))
                for key, (case, meta) in self.index.keyed_cases().items()
                if meta["article_id"] not in ingested]

    def close(self) -> None:
        if self._index is not None:
            self._index.close()


def site_knowledge_dir(data_dir: Path) -> Path:
    """Where a site keeps its own facets.toml / glossary.toml (see `core.knowledge`)."""
    return Path(data_dir) / "knowledge"


def _facets_digest(data_dir: Path) -> str:
    """What a case's facets depend on besides its sentences: the extractor and the taxonomy."""
    core = Path(__file__).resolve().parent.parent / "core"
    files = [core / "facets.py", core / "knowledge.py", core / "domain" / "facets.toml",
             *(p for p in site_files(site_knowledge_dir(data_dir)) if p.name == "facets.toml")]
    return hashlib.sha256(b"".join(p.read_bytes() for p in files)).hexdigest()[:16]


def _served_facets(data_dir: Path, version: str, digest: str) -> dict[tuple[str, str], dict]:
    """{(case id, content hash): its facet metadata} of the served version, when it was
    extracted by the same extractor and taxonomy (so an unchanged case is not read again)."""
    manifest = read_manifest(data_dir, version)
    rows = read_catalog(data_dir, version) if manifest and manifest.get("facets") == digest else None
    return {(r["meta"]["case_id"], r["meta"]["hash"]):
            {k: v for k, v in r["meta"].items() if k.startswith(_FACET)} for r in rows or ()}


def _knowledge_digest(data_dir: Path) -> str:
    blob = b"".join(p.name.encode() + b"\0" + p.read_bytes() for p in site_files(site_knowledge_dir(data_dir)))
    return hashlib.sha256(blob).hexdigest()[:16] if blob else ""


def ingest(path: Path, data_dir: Path, embeddings, *, force: bool = False,
           rebuild: bool = False, case_extra=None, loaded=None, dry_run: bool = False,
           server: ChromaServer | None = None) -> IngestReport:
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
        server: write the vectors to this Chroma server (default: Chroma embedded in the
            version's folder).

    Returns:
        The report; ``version`` is "" when nothing changed and no version was published.

    Raises:
        ReadError, ParseError, KnowledgeError: bad input; IngestRefused, ModelMismatchError,
        StoreError: see the message.
        In every case the served version is left as it was.
    """
    started = time.perf_counter()
    path, data_dir = Path(path), Path(data_dir)
    articles, skipped = loaded or load_articles(path)   # all validation before any write
    facets = ""
    # validated (and its patterns timed) before any write
    taxonomy = knowledge(site_knowledge_dir(data_dir), timed=True).taxonomy
    if case_extra is None:
        facets = _facets_digest(data_dir)
        known = _served_facets(data_dir, current_id(data_dir), facets)

        def case_extra(case):
            found = known.get((case.id, case.content_hash))
            return found if found is not None else facet_metadata(case, taxonomy)
    plans = [_plan(a, c, case_extra(c)) for a in articles for c in a.cases]
    with ingest_lock(data_dir):
        old_version = current_id(data_dir)
        served = _Served(data_dir, old_version, read_manifest(data_dir, old_version), server)
        served.facets, served.taxonomy = facets, taxonomy
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
    report.instructions = instructions(plans)
    table = served.table()
    _diff(articles, plans, table, lambda aid, cid: served.index.case_text(aid, cid),
          report, force)
    if served.manifest is not None:          # a first ingest: every case is new, nothing to review
        report.changes = review(plans, table, report.renamed, served.old_sentences, served.taxonomy)
    ingested = {a.id for a in articles}
    carried = {k: row for k, row in table.items() if k[0] not in ingested}
    if dry_run:
        report.cases = len(carried) + len(plans)
        report.as_of = _as_of(report.articles)
        return report
    store = configured_store(served.server)
    if (served.manifest is not None and not rebuild and not report.changed
            and all(table[p.key]["docs"] == p.docs for p in plans)
            and served.manifest.get("knowledge", "") == _knowledge_digest(data_dir)
            and served.manifest.get("format") == FORMAT
            and served.manifest.get("store", {}).get("backend") == store.backend):
        report.cases = len(table)
        report.as_of = _as_of(served.manifest["articles"])
        report.seconds = round(time.perf_counter() - started, 3)
        append_history(data_dir, {**report.record(), "published": False})
        return report
    version = _build(data_dir, served, store, plans, carried, ingested, embeddings, report,
                     rebuild, started)
    publish(data_dir, version)                   # the atomic switch
    append_history(data_dir, {**report.record(), "published": True})
    prune(data_dir, served.server)
    return report


def _build(data_dir: Path, served: _Served, store, plans: list[_Plan], carried: dict,
           ingested: set, embeddings, report: IngestReport, rebuild: bool, started: float) -> str:
    """Write the next version completely (`ingest.write`), then rename it into place."""
    writer = Writer(data_dir, store, served.server)
    try:
        reuse = served.reuse(rebuild)
        entries = served.carried(ingested) + [p.entry() for p in plans]
        case_table = list(carried.values()) + [p.table_row() for p in plans]
        kept = {aid for aid, _ in carried}
        articles = [a for a in (served.manifest or {}).get("articles", []) if a["id"] in kept]
        articles += report.articles
        report.cases = len(case_table)
        report.version = writer.version
        report.as_of = _as_of(articles)

        def manifest(embedded: int) -> dict:
            report.embedded = embedded
            report.seconds = round(time.perf_counter() - started, 3)
            return {"model": embeddings.name, "time": report.time, "articles": articles,
                    "cases": report.cases, "sources": report.sources, "case_table": case_table,
                    "knowledge": _knowledge_digest(data_dir), "facets": served.facets,
                    "report": report.record()}

        writer.write(entries, reuse, embeddings, manifest, site_knowledge_dir(data_dir))
    except BaseException:
        writer.discard()
        raise
    return writer.version


def instructions(plans: list[_Plan]) -> list[dict]:
    """The ingested cases' sentences that speak to a reader or a model (`core.instructions`)."""
    return [{"case": p.case.title, "sentence": n, "text": p.case.sentences[n]}
            for p in plans for n in sorted(flagged(p.case.sentences))]


def _as_of(articles: list[dict]) -> str:
    return " / ".join(a["version"] for a in articles if a.get("version"))
