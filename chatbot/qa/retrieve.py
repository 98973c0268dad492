"""Hybrid retrieval: dense search in Chroma + BM25 over Sudachi tokens, fused, then per case.

A `Retriever` is built once per index version and then only read, so any number of threads may
search at once. Filters are resolved to the sentences they admit before either search: Chroma is
asked for those sentences only, and the lexical index drops the others from its postings before
adding up scores (`chatbot.qa.lexical`).
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from chatbot.qa.lexical import Lexical
from chatbot.qa.policy import Policy, policy_for
from core.cases import Case
from core.knowledge import Knowledge, knowledge
from core.places import Gazetteer
from core.index import Index
from core.instructions import flagged
from core.text import tokenize

FACET_PREFIX = "facet."
# Dense search under a filter. At 46,000 sentences Chroma answers an unfiltered query in 3-6 ms,
# a query restricted to given ids in 20-70 ms and one with a metadata filter in 60-320 ms. So a
# filter admitting at most EXACT_LIMIT sentences (a few named cases) is searched exactly over
# those sentences' vectors; a broad one asks for OVERFETCH times as many unfiltered neighbours as
# it needs on average (when that is at most FETCH_LIMIT) and keeps the admitted
# ones; the others, and a broad one that came back short, are restricted to the admitted ids.
# (Up to FETCH_LIMIT sentences, as in the article, every search is exhaustive and exact.)
EXACT_LIMIT = 200
OVERFETCH = 1.5
FETCH_LIMIT = 2000


@dataclass(frozen=True)
class Hit:
    """A sentence scored for a question."""

    passage_id: str
    case_key: str
    n: int
    text: str
    score: float      # fused
    dense: float      # cosine similarity (0 when not in the dense top)
    lexical: float    # BM25

    def __repr__(self) -> str:
        return f"Hit({self.case_key} #{self.n}, {self.score:.4f}, {self.text[:20]!r})"


@dataclass(frozen=True)
class CaseHit:
    """A case scored by its best sentences."""

    key: str
    case: Case
    score: float
    hits: tuple[Hit, ...]   # best first

    def __repr__(self) -> str:
        return f"CaseHit({self.case.title}, {self.score:.4f})"


@dataclass(frozen=True)
class Filters:
    """Optional narrowing chosen by the user (UI) or read off the question."""

    region: str = ""
    level: str = ""
    prefecture: str = ""
    case_keys: frozenset[str] = frozenset()

    def __bool__(self) -> bool:
        return bool(self.region or self.level or self.prefecture or self.case_keys)

    def where(self) -> dict | None:
        clauses = [{k: v} for k, v in (("region", self.region), ("level", self.level),
                                       ("prefecture", self.prefecture)) if v]
        if self.case_keys:
            # keys are "<article id>:<case id>"; Chroma stores the case id as its own field
            clauses.append({"case_id": {"$in": sorted({k.split(":", 1)[1] for k in self.case_keys})}})
        if not clauses:
            return None
        return clauses[0] if len(clauses) == 1 else {"$and": clauses}

    def admits(self, key: str, case: Case) -> bool:
        return ((not self.region or case.region == self.region)
                and (not self.level or case.level == self.level)
                and (not self.prefecture or case.prefecture == self.prefecture)
                and (not self.case_keys or key in self.case_keys))


class Retriever:
    """Searches one index version; build once per version, query many times (from any thread)."""

    def __init__(self, index: Index, embeddings, policy: Policy | None = None):
        self.index = index
        self.embeddings = embeddings
        self.policy = policy or policy_for(index.model)
        # The knowledge the version was built with: the package's plus the site's files it kept.
        self.knowledge: Knowledge = knowledge(index.path / "knowledge")
        self.cases: dict[str, Case] = {}
        self.meta: dict[str, dict] = {}
        for key, (case, meta) in index.keyed_cases().items():
            self.cases[key], self.meta[key] = case, meta
        # Facets stored at ingest as metadata "facet.<key>" = index of the evidence sentence.
        self.facets: dict[str, dict[str, int]] = {
            key: {k[len(FACET_PREFIX):]: v for k, v in meta.items() if k.startswith(FACET_PREFIX)}
            for key, meta in self.meta.items()}
        self.gazetteer: Gazetteer = index.gazetteer()
        self.regions = {c.region for c in self.cases.values() if c.region}
        self.passages = index.passages()            # sorted by id: the lexical index's rows
        self._pos = {p.id: i for i, p in enumerate(self.passages)}
        self._keys = [f"{p.article_id}:{p.case_id}" for p in self.passages]
        self.lexical = Lexical(index, self.cases, self.passages, self._keys)
        # The answer policy may search twice for one question (a facet, then its words), and
        # staff ask the same questions: each question's text is embedded once (thread-safe).
        self._embed_query = lru_cache(maxsize=512)(lambda text: tuple(embeddings.embed_query(text)))
        self._memo: dict[str, object] = {}
        self._flagged: dict[str, frozenset[int]] = {}     # `instructions`, read thousands of times

    def memo(self, name: str, build):
        """What the answer policy derives from this version (the article's text, case keys by
        id …), built by ``build()`` on first use and kept as long as the version is served.
        Threads that race build it twice and keep one: every build gives the same value."""
        try:
            return self._memo[name]
        except KeyError:
            return self._memo.setdefault(name, build())

    def passage(self, row: int) -> tuple[str, int, str]:
        """The sentence in a row of the lexical index: (case key, its index in the case, text)."""
        p = self.passages[row]
        return self._keys[row], p.n, p.text

    def keys_at(self, rows) -> set[str]:
        """The case keys of the sentences in the given rows."""
        return {self._keys[i] for i in rows}

    def cases_holding(self, rows) -> int:
        """How many cases the sentences in the given rows belong to (counted in numpy: a common
        word is held by tens of thousands of sentences at 10,000 cases)."""
        return len(np.unique(self.lexical.case_numbers(rows))) if len(rows) else 0

    def embed(self, text: str) -> tuple[float, ...]:
        """A question's embedding (remembered: follow-ups and repeated questions embed once)."""
        return self._embed_query(text)

    def instructions(self, key: str) -> frozenset[int]:
        """The sentences of a case addressed to a reader or a model (`core.instructions`): never
        evidence, quoted only with a warning. Read once per case and version."""
        try:
            return self._flagged[key]
        except KeyError:
            return self._flagged.setdefault(key, flagged(self.cases[key].sentences))

    @property
    def bm25(self):
        """The lexical index (its ``idf``: {token: idf} weighs a question's words)."""
        return self.lexical.index

    def search(self, question: str, filters: Filters = Filters(), *, extra_terms: list[str] = (),
               vector: list[float] | None = None) -> list[CaseHit]:
        """Cases for a question, best first, each with its sentences ranked.

        Args:
            question: as the user typed it.
            filters: narrowing to apply to both searches.
            extra_terms: lexical tokens to add (e.g. Japanese terms for an English question).
            vector: the question's embedding, when the caller already has it.
        """
        vector = vector if vector is not None else list(self._embed_query(question))
        allowed = self.lexical.allowed(filters)
        dense = dict(self._dense(vector, allowed))
        rows, scores = self.lexical.index.search(tokenize(question) + list(extra_terms), allowed,
                                                 depth=self.policy.lexical_depth)
        lex = dict(zip(rows.tolist(), scores.tolist()))
        dense_rank = sorted((self._pos[pid] for pid in dense if pid in self._pos),
                            key=lambda i: -dense[self.passages[i].id])
        fused: dict[int, float] = {}
        for ranking in (dense_rank, lex):
            for rank, i in enumerate(ranking):
                fused[i] = fused.get(i, 0.0) + 1.0 / (self.policy.rrf_k + rank + 1)
        by_case: dict[str, list[Hit]] = {}
        for i, score in fused.items():
            p = self.passages[i]
            if p.n in self.instructions(self._keys[i]):     # never evidence for a case
                continue
            by_case.setdefault(self._keys[i], []).append(
                Hit(p.id, self._keys[i], p.n, p.text, score, dense.get(p.id, 0.0), lex.get(i, 0.0)))
        out = []
        for key, hits in by_case.items():
            hits.sort(key=lambda h: -h.score)
            score = hits[0].score + 0.5 * (hits[1].score if len(hits) > 1 else 0.0)
            out.append(CaseHit(key, self.cases[key], score, tuple(hits)))
        out.sort(key=lambda c: -c.score)
        return out[:self.policy.case_depth]

    def nearest(self, vector, filters: Filters = Filters()) -> float:
        """The cosine similarity of the admitted sentence nearest to a question (0 when none)."""
        found = self._dense(vector, self.lexical.allowed(filters))
        return max((sim for _, sim in found), default=0.0)

    def nearest_rows(self, vector, allowed) -> np.ndarray:
        """The rows of the dense_depth sentences nearest to a question among the allowed rows."""
        return np.asarray([self._pos[pid] for pid, _ in self._dense(vector, allowed) if pid in self._pos],
                          dtype=np.int64)

    def _dense(self, vector, allowed) -> list[tuple[str, float]]:
        """The dense_depth nearest admitted sentences: [(passage id, cosine similarity)]."""
        depth = self.policy.dense_depth
        if allowed is None:
            return self.index.dense(vector, depth)
        rows = np.flatnonzero(allowed)
        if len(rows) <= EXACT_LIMIT:
            return self._exact(vector, rows, depth)
        total = len(self.passages)
        k = min(total, math.ceil(OVERFETCH * depth * total / len(rows)))
        if k <= FETCH_LIMIT:
            found = [(pid, sim) for pid, sim in self.index.dense(vector, k)
                     if pid in self._pos and allowed[self._pos[pid]]]
            if len(found) >= depth or k == total:
                return found[:depth]
        return self.index.dense(vector, depth, ids=self.lexical.ids_of(allowed))

    def _exact(self, vector, rows, depth: int) -> list[tuple[str, float]]:
        ids = [self.passages[i].id for i in rows]
        stored = self.index.vectors(ids)
        ids = [i for i in ids if i in stored]
        if not ids:
            return []
        # As Chroma computes it: cosine distance 1 - q·v in float32 (vectors are normalised).
        distances = np.float32(1.0) - np.stack([stored[i] for i in ids]).astype(np.float32) @ \
            np.asarray(vector, dtype=np.float32)
        order = np.argsort(distances, kind="stable")[:depth]
        return [(ids[i], 1.0 - float(distances[i])) for i in order]
