"""The lexical index of a version: BM25 over each passage's Sudachi tokens, built once at ingest.

The tokens are `core.text.tokenize` of ``"<case title> <sentence>"``. The ingest stores them
(token ids, so a re-ingest reuses the tokens of unchanged passages instead of running Sudachi
again) and the sparse score matrix of `bm25s`, so loading a version reads arrays and never
tokenizes.

Scoring is Okapi BM25 with k1 = 1.2, b = 0.75 and idf = ln(1 + (N - df + 0.5) / (df + 0.5)):
bm25s's ``method="atire"`` term frequency part, tf·(k1+1) / (tf + k1·(1 - b + b·len/avg)), with
its ``idf_method="lucene"``, in float64. (bm25s's "lucene" method drops the (k1+1) factor, which
ranks the same but gives other numbers.) A question's score for a passage is the sum over its
distinct tokens of the precomputed matrix entries; filters remove passages from the token's
postings before they are added, so a narrowed question never touches the others.
"""
from __future__ import annotations

import hashlib
import json
import math
from functools import cached_property
from pathlib import Path

import numpy as np

from core.files import private_dir

K1, B = 1.2, 0.75
FORMAT = 1
FOLDER = "lexical"
_META = "passages.json"


def stoplist_digest() -> str:
    """Tokens depend on the lexical stoplist: a version's tokens are reused only under the same."""
    from core.knowledge import knowledge

    words = "\n".join(sorted(knowledge().stopwords.lexical))
    return hashlib.sha256(words.encode("utf-8")).hexdigest()[:16]


class LexicalIndex:
    """BM25 over the passages of one version (read-only once built; safe to share by threads)."""

    def __init__(self, ids: list[str], vocab: dict[str, int], data: np.ndarray,
                 indices: np.ndarray, indptr: np.ndarray, folder: Path | None = None,
                 tokens: list[list[str]] | None = None, stoplist: str = "",
                 starts: list[int] | None = None):
        self.ids = ids                    # passage ids, in matrix row order (sorted)
        self.vocab = vocab                # token → column
        self._data, self._indices, self._indptr = data, indices, indptr
        self._folder = folder
        self._tokens = tokens
        self._starts = starts             # per row, where the sentence's own tokens begin
        self._flat = None                 # (token ids, offsets, starts) read from the files
        self.stoplist = stoplist

    def __len__(self) -> int:
        return len(self.ids)

    # -- building and storing ------------------------------------------------------------------

    @classmethod
    def build(cls, ids: list[str], tokens: list[list[str]],
              starts: list[int] | None = None) -> "LexicalIndex":
        """Index passages (ids sorted, one token list each) with bm25s.

        Args:
            starts: per passage, how many of its tokens are its heading's: the rest are the
                sentence's own, which answers read for every quote without tokenizing again.
        """
        import bm25s  # scipy underneath: only ingest and loading pay for it

        vocab: dict[str, int] = {}
        for doc in tokens:
            for t in doc:
                vocab.setdefault(t, len(vocab))
        rows = [[vocab[t] for t in doc] for doc in tokens]
        model = bm25s.BM25(k1=K1, b=B, method="atire", idf_method="lucene", dtype="float64")
        if any(rows):
            model.index((rows, vocab), create_empty_token=False, show_progress=False)
            data, indices, indptr = (model.scores[k] for k in ("data", "indices", "indptr"))
        else:   # no passage has a content word: an empty matrix
            data, indices, indptr = np.zeros(0), np.zeros(0, np.int32), np.zeros(len(vocab) + 1, np.int64)
        return cls(list(ids), vocab, np.asarray(data, dtype=np.float64), indices, indptr,
                   tokens=[list(t) for t in tokens], stoplist=stoplist_digest(),
                   starts=None if starts is None else list(starts))

    def save(self, version_folder: Path) -> None:
        """Write the index into ``<version>/lexical/`` (bm25s's files plus the token ids)."""
        folder = Path(version_folder) / FOLDER
        private_dir(folder)
        np.save(folder / "data.csc.index.npy", self._data)
        np.save(folder / "indices.csc.index.npy", self._indices)
        np.save(folder / "indptr.csc.index.npy", self._indptr)
        (folder / "vocab.index.json").write_text(json.dumps(self.vocab, ensure_ascii=False),
                                                 encoding="utf-8")
        (folder / "params.index.json").write_text(json.dumps(
            {"k1": K1, "b": B, "delta": 0.5, "method": "atire", "idf_method": "lucene",
             "dtype": "float64", "int_dtype": "int32", "num_docs": len(self.ids)}), encoding="utf-8")
        tokens = self.tokens()
        np.save(folder / "tokens.npy", np.array([self.vocab[t] for doc in tokens for t in doc],
                                                dtype=np.int32))
        np.save(folder / "offsets.npy", np.cumsum([0] + [len(doc) for doc in tokens], dtype=np.int64))
        if self._starts is not None:
            np.save(folder / "starts.npy", np.asarray(self._starts, dtype=np.int32))
        (folder / _META).write_text(json.dumps({"format": FORMAT, "stoplist": self.stoplist,
                                                "ids": self.ids}, ensure_ascii=False),
                                    encoding="utf-8")

    @classmethod
    def load(cls, version_folder: Path) -> "LexicalIndex | None":
        """The index stored with a version, None when the version has none (built before it)."""
        folder = Path(version_folder) / FOLDER
        try:
            meta = json.loads((folder / _META).read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        if meta.get("format") != FORMAT:
            return None
        vocab = json.loads((folder / "vocab.index.json").read_text(encoding="utf-8"))
        arrays = [np.load(folder / f"{name}.csc.index.npy") for name in ("data", "indices", "indptr")]
        return cls(meta["ids"], vocab, *arrays, folder=folder, stoplist=meta.get("stoplist", ""))

    def tokens(self) -> list[list[str]]:
        """Each passage's tokens, in row order (read from the version's files when loaded)."""
        if self._tokens is None:
            flat = np.load(self._folder / "tokens.npy")
            offsets = np.load(self._folder / "offsets.npy")
            words = self.words
            self._tokens = [[words[i] for i in flat[a:b]] for a, b in zip(offsets[:-1], offsets[1:])]
        return self._tokens

    def tokens_by_id(self) -> dict[str, list[str]]:
        return dict(zip(self.ids, self.tokens()))

    def starts(self) -> list[int] | None:
        """Per passage, how many of its tokens are its heading's (None: not stored)."""
        if self._starts is None and self._folder is not None:
            try:
                self._starts = np.load(self._folder / "starts.npy").tolist()
            except FileNotFoundError:
                return None
        return self._starts

    def sentence_tokens(self, row: int) -> list[str] | None:
        """The tokens of a passage's own sentence (its heading's left out), read from the
        stored arrays without building every passage's list; None for an index built before
        the heading's share was stored."""
        if self._tokens is not None:
            return None if self._starts is None else self._tokens[row][self._starts[row]:]
        if self._flat is None:
            try:
                self._flat = tuple(np.load(self._folder / f"{name}.npy")
                                   for name in ("tokens", "offsets", "starts"))
            except (FileNotFoundError, TypeError):
                self._flat = ()
        if not self._flat:
            return None
        flat, offsets, starts = self._flat
        words = self.words
        return [words[i] for i in flat[offsets[row] + starts[row]:offsets[row + 1]].tolist()]

    # -- querying ------------------------------------------------------------------------------

    @cached_property
    def words(self) -> list[str]:
        """Tokens by column."""
        out = [""] * len(self.vocab)
        for t, i in self.vocab.items():
            out[i] = t
        return out

    @cached_property
    def idf(self) -> dict[str, float]:
        """{token: idf} of every token some passage contains (the answer policy weighs words)."""
        df = np.diff(self._indptr).tolist()
        n = len(self.ids)
        return {t: math.log(1 + (n - f + 0.5) / (f + 0.5)) for t, f in zip(self.words, df) if f}

    def having(self, token: str) -> np.ndarray:
        """The rows of the passages that hold a token (empty when none does)."""
        c = self.vocab.get(token)
        if c is None:
            return np.zeros(0, dtype=np.int64)
        return np.asarray(self._indices[self._indptr[c]:self._indptr[c + 1]], dtype=np.int64)

    def search(self, query: list[str], allowed: np.ndarray | None = None,
               depth: int | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Passages that share a word with the query, best first.

        Args:
            query: tokens (repeats count once).
            allowed: a boolean mask over passages (filters); others are dropped from the
                postings before any score is added.
            depth: keep only this many best passages.

        Returns:
            (row numbers, scores), by score descending, ties in row order.
        """
        cols = [self.vocab[t] for t in dict.fromkeys(query) if t in self.vocab]
        if not cols:
            return np.zeros(0, dtype=np.int64), np.zeros(0)
        spans = [(self._indptr[c], self._indptr[c + 1]) for c in cols]
        rows = np.concatenate([self._indices[a:b] for a, b in spans])
        vals = np.concatenate([self._data[a:b] for a, b in spans])
        if allowed is not None:
            keep = allowed[rows]
            rows, vals = rows[keep], vals[keep]
        if not len(rows):
            return np.zeros(0, dtype=np.int64), np.zeros(0)
        docs, inverse = np.unique(rows, return_inverse=True)
        scores = np.bincount(inverse, weights=vals)
        order = np.lexsort((docs, -scores))
        if depth is not None:
            order = order[:depth]
        return docs[order].astype(np.int64), scores[order]


__all__ = ["B", "FOLDER", "K1", "LexicalIndex", "stoplist_digest"]
