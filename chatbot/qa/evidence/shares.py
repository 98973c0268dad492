"""A sentence's share of a question's words when the question joins alternatives (「AやB」):
the best over the alternatives, each said in its own words."""
from __future__ import annotations

import itertools

import numpy as np


def best_share(held_by: np.ndarray, wts: np.ndarray, groups: list, options, verbs=frozenset(),
                holds=None) -> np.ndarray:
    """Each row's share of the question's weight it holds: with coordinations (「AやB」), the
    best of the share of all its words and, over their alternatives, of the share of the other
    words and that alternative's — the latter for a row that holds some of that alternative and
    one of the other nouns when there are any (「来年度や2024年からの本格導入」: not 「2023年度中に」 alone)."""
    def column(g):        # an alternative's words: the group holding them
        return next((j for j, whole in enumerate(groups) if set(g) <= set(whole)), None)

    def columns(alt):
        return frozenset(j for g in alt if (j := column(g)) is not None)

    # (alternatives all in the same groups are one: 「ガイドラインや方針」 is the group of both)
    kept = [[alt for alt in alts if columns(alt)] for alts in options]
    kept = [alts for alts in kept if len({columns(alt) for alt in alts}) > 1][:4]
    options = [[[j for g in alt if (j := column(g)) is not None] for alt in alts] for alts in kept]

    def elsewhere(alt):
        """The rows that hold an alternative's groups only through the words another conjunct
        shares them with (対策 of 温暖化対策, for 脱炭素): they do not say it."""
        own = {t for g in alt for t in g}
        foreign = {t for g in alt if (j := column(g)) is not None for t in groups[j]} - own
        if not holds or not foreign:
            return np.zeros(held_by.shape[0], dtype=bool)
        return holds(foreign) & ~holds(own)
    unsaid = [[elsewhere(alt) for alt in alts] for alts in kept]
    optional = {j for alts in options for alt in alts for j in alt}
    outside = [j for j in range(len(groups)) if j not in optional]
    best = held_by.sum(axis=1) / wts.sum()          # every word, as without alternatives
    nouns = [j for j in outside if not set(groups[j]) <= verbs]
    anchored = held_by[:, nouns].sum(axis=1) > 0 if nouns and options else np.ones(held_by.shape[0], bool)
    for picked in itertools.islice(itertools.product(*[range(len(alts)) for alts in options]), 64):
        choice = [options[i][a] for i, a in enumerate(picked)]
        cols = sorted(set(outside).union(*choice)) if choice else outside
        total = wts[cols].sum()
        if total:
            share = held_by[:, cols].sum(axis=1) / total
            # the row says one of the alternatives it is counted for, each of them
            # (in its own words, not through a group it shares with another: see `elsewhere`)
            said = np.all([(held_by[:, options[i][a]].sum(axis=1) > 0) & ~unsaid[i][a]
                           for i, a in enumerate(picked)], axis=0) if choice else True
            best = np.maximum(best, np.where(anchored & said, share, 0.0))
    return best


__all__ = ["best_share"]
