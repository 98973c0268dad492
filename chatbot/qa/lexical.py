"""The lexical half of hybrid retrieval, as a question sees it: the version's BM25 index
(`core.lexical`, built at ingest) and the filters resolved to the sentences they admit.

Chroma's own full-text search is a substring filter and its BM25 tokenises for English, so the
lexical half is our own: Sudachi tokens, scored with bm25s's sparse matrix.
"""
from __future__ import annotations

import numpy as np

from core.lexical import LexicalIndex
from core.text import tokenize

_FIELDS = ("region", "level", "prefecture")


class Lexical:
    """The lexical index of one version and, per sentence, the case fields filters look at."""

    def __init__(self, index, cases: dict, passages: list, keys: list[str]):
        ids = [p.id for p in passages]
        lexical = index.lexical()
        if lexical is None or lexical.ids != ids:   # a version built before the lexical index
            lexical = LexicalIndex.build(ids, [tokenize(f"{cases[k].title} {p.text}")
                                               for k, p in zip(keys, passages)])
        self.index = lexical
        self._rows: dict[str, int] | None = None       # passage id → row, built when first asked
        self._ids = np.array(ids, dtype=object)
        self._case_no = {k: i for i, k in enumerate(cases)}
        self._case_of = np.array([self._case_no[k] for k in keys], dtype=np.int64)
        # Per case, each field as a small integer code, so a filter is one comparison per case.
        self._codes: dict[str, dict[str, int]] = {}
        self._fields: dict[str, np.ndarray] = {}
        for field in _FIELDS:
            codes = self._codes[field] = {}
            self._fields[field] = np.array(
                [codes.setdefault(getattr(c, field), len(codes)) for c in cases.values()], dtype=np.int64)

    def allowed(self, filters) -> np.ndarray | None:
        """Which sentences the filters admit (a boolean mask), None when they admit all."""
        if not filters:
            return None
        ok = np.ones(len(self._case_no), dtype=bool)
        for field in _FIELDS:
            value = getattr(filters, field)
            if value:
                ok &= self._fields[field] == self._codes[field].get(value, -1)
        if filters.case_keys:
            wanted = np.zeros(len(self._case_no), dtype=bool)
            wanted[[self._case_no[k] for k in filters.case_keys if k in self._case_no]] = True
            ok &= wanted
        return ok[self._case_of]

    def rows_of(self, keys) -> np.ndarray:
        """Which sentences belong to the given cases (a boolean mask over the index's rows)."""
        wanted = np.zeros(len(self._case_no), dtype=bool)
        wanted[[self._case_no[k] for k in keys if k in self._case_no]] = True
        return wanted[self._case_of]

    def case_numbers(self, rows) -> np.ndarray:
        """The (internal) numbers of the cases the given rows belong to."""
        return self._case_of[np.asarray(rows, dtype=np.int64)]

    def sentence_words(self, passage_id: str) -> frozenset[str] | None:
        """The lexical tokens of one sentence as ingest stored them (None when this version's
        index did not store them, or the passage is not in it)."""
        if self._rows is None:
            self._rows = {pid: i for i, pid in enumerate(self.index.ids)}
        row = self._rows.get(passage_id)
        toks = None if row is None else self.index.sentence_tokens(row)
        return None if toks is None else frozenset(toks)

    def ids_of(self, allowed: np.ndarray) -> list[str]:
        """The admitted sentences' ids."""
        return self._ids[np.flatnonzero(allowed)].tolist()


__all__ = ["Lexical"]
