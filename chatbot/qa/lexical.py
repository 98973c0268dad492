"""The lexical half of hybrid retrieval: Okapi BM25 over Sudachi tokens (`core.text.tokenize`).

Chroma's own full-text search is a substring filter and its BM25 tokenises for English, so the
lexical half lives here, over the sentences the index already holds.
"""
from __future__ import annotations

import math
from collections import Counter


class BM25:
    """Okapi BM25 over pre-tokenised documents."""

    def __init__(self, docs: list[list[str]], k1: float = 1.2, b: float = 0.75):
        self.k1, self.b = k1, b
        self.tf = [Counter(d) for d in docs]
        self.len = [len(d) for d in docs]
        self.avg = (sum(self.len) / len(docs)) if docs else 1.0
        df = Counter(t for d in self.tf for t in d)
        n = len(docs)
        self.idf = {t: math.log(1 + (n - f + 0.5) / (f + 0.5)) for t, f in df.items()}

    def scores(self, query: list[str]) -> list[float]:
        out = []
        terms = [t for t in set(query) if t in self.idf]
        for tf, length in zip(self.tf, self.len):
            s = 0.0
            for t in terms:
                f = tf.get(t)
                if f:
                    s += self.idf[t] * f * (self.k1 + 1) / (f + self.k1 * (1 - self.b + self.b * length / self.avg))
            out.append(s)
        return out
