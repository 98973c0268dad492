"""The answer policy's thresholds in one object, keyed to the embedding model where they depend
on it (a cosine floor tuned for e5 means nothing for another model).

Each value says what measured it. Change them only against ``chatbot eval`` on the tuning set
(``tests/qa/questions.jsonl``), never the held-out set.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

E5 = "e5:multilingual-e5-small-q4"


@dataclass(frozen=True)
class Policy:
    # Retrieval.
    rrf_k: int = 60                 # reciprocal-rank fusion constant (Cormack et al. 2009)
    dense_depth: int = 120          # sentences asked from Chroma per question
    # How deep the lexical ranking and the case list go. Past these ranks a passage adds less
    # than 1/(rrf_k + depth) to a case, far below any case an answer cites; they bound the
    # work per question as the corpus grows (the article's 285 sentences never reach them).
    lexical_depth: int = 300        # best BM25 sentences fused
    case_depth: int = 100           # cases a search returns
    # Which cases are cited.
    max_fact_cases: int = 3         # a fact answer cites at most this many cases
    min_coverage: float = 0.5       # share of the question's idf-weighted words a cited case holds
    relative_cutoff: float = 0.75   # a further case must score this share of the best one
    # Model-dependent: cosine similarity above which a sentence is about the question even when
    # none of its words are (questions made only of generic words). e5-small: 0.83 separated
    # the tuning set's answerable from its off-topic questions.
    dense_floor: float = 0.83


# Embedding model ("backend:model", as recorded in the index) → its policy.
POLICIES: dict[str, Policy] = {
    E5: Policy(),
}


def policy_for(model: str) -> Policy:
    """The policy of an embedding model; models nobody measured get the e5 values, except that
    dense similarity alone is never enough to cite a case (their cosine scale is unknown)."""
    return POLICIES.get(model) or replace(Policy(), dense_floor=1.01)


__all__ = ["E5", "POLICIES", "Policy", "policy_for"]
