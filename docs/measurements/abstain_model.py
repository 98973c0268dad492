"""The features of a learned answer-or-abstain decision (measurement only, not wired into the
answers — see learned_abstain.md): when the rules find no case for a "which …" question but the
search offers related cases (`search.related`), each related case's features as the evidence stage
computes them — how near in meaning its sentence is, how far below the scope's nearest sentence,
how much of the question's words it holds, the question's reading … — for
`abstain_features.py` to record and `abstain_fit.py` to fit a small model on (half A only).
"""
from __future__ import annotations

import math

import numpy as np

from chatbot.qa.evidence.context import content
from chatbot.qa.evidence.sentences import Quote, SentenceVectors, weighted_share, weights, words
from chatbot.qa.scope import Scoped

# the features the model reads, in the order of the policy's coefficients (after the intercept)
MODEL = ("dense", "below_nearest", "english")
# every feature `candidates` computes (the measurement scripts try others)
FEATURES = ("rank", "cover", "lexical", "dense", "dense_of_lexical", "below_nearest", "unwritten",
            "groups", "english", "facet", "related", "elsewhere", "below_lexical", "below_dense")


def candidates(retriever, scoped: Scoped, keys: tuple[str, ...], unwritten: float) -> list[tuple[dict, Quote]]:
    """For each related case (best first), its features and the sentence that would be quoted
    (the one holding the most of the question's words, the nearer in meaning on a tie)."""
    r, request = retriever, scoped.request
    weighted = weights(content(scoped) + list(request.words.missing), r.bm25.idf)
    nearest = r.nearest(request.vector, scoped.scope.filters())
    vectors = r.memo("sentence_vectors", lambda: SentenceVectors(r.index))
    total = sum(w for _, w in weighted)
    out = []
    for rank, key in enumerate(keys):
        rows = [row for row in np.flatnonzero(r.lexical.rows_of([key])).tolist()
                if r.passage(row)[1] not in r.instructions(key)]
        if not rows:
            continue
        ids = [r.passages[i].id for i in rows]
        sims = vectors.scores(ids, request.vector)
        scored = []
        for row, pid in zip(rows, ids):
            _, n, text = r.passage(row)
            scored.append((weighted_share(weighted, words(text)), sims.get(pid, 0.0), n, text))
        best = max(scored, key=lambda s: (s[0], s[1]))
        dense = max(s[1] for s in scored)
        whole = frozenset().union(*(words(s[3]) for s in scored))
        # the weight of the words it lacks that other cases write: what it asks is elsewhere
        lacking = [w for g, w in weighted if whole.isdisjoint(g) and any(t in r.bm25.idf for t in g)]
        x = {"rank": rank, "cover": weighted_share(weighted, whole), "lexical": best[0], "dense": dense,
             "dense_of_lexical": best[1], "below_nearest": nearest - dense, "unwritten": unwritten,
             "groups": len(weighted), "english": float(request.q.reading == "en"),
             "facet": float(bool(request.q.facets)), "related": len(keys),
             "elsewhere": sum(lacking) / total if total else 0.0}
        quote = Quote(key, best[2], best[3], best[0] + r.policy.quote_dense * best[1], 0.0, best[0], best[1])
        out.append((x, quote))
    for x, _ in out:        # how far below the best related case, in words and in meaning
        x["below_lexical"] = max(y["lexical"] for y, _ in out) - x["lexical"]
        x["below_dense"] = max(y["dense"] for y, _ in out) - x["dense"]
    return out


def nearest_of(items, features):
    """The item whose features are nearest in meaning (the first, on a tie)."""
    return min(items, key=lambda item: features(item)["below_dense"])


def probability(coefficients: tuple[float, ...], x: dict) -> float:
    """The model's probability that a related case answers (intercept first, then `MODEL`)."""
    z = coefficients[0] + sum(c * float(x[f]) for c, f in zip(coefficients[1:], MODEL))
    return 1.0 / (1.0 + math.exp(-z))


__all__ = ["FEATURES", "MODEL", "candidates", "nearest_of", "probability"]
