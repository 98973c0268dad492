"""An English question's word groups hold the Japanese the glossary and the dictionary give for
each word, and a sentence holding any of them holds the word. Some are only loose renderings:
"contracts" is 契約 and — through 「定期契約」 — 定期, which 「定期的に研究会を開き」 holds. A sentence
that holds only such a member holds ``policy.loose_member`` of the group's weight."""
from __future__ import annotations

import re

import numpy as np

from chatbot.qa.read.understand import glossary_tokens
from core.text import tokenize


def loosen(retriever, q, groups: list[tuple[str, ...]], held_by: np.ndarray) -> None:
    """Scale in place the weight of each group held (``held_by``, rows × groups) by the rows
    that hold only its loose members (an English question's; a Japanese one's are its own words)."""
    if q.reading != "en":
        return
    r = retriever
    # (the glossary's words for the question's terms are meant: 社内 for "internal")
    curated = {t for g in r.knowledge.glossary.japanese(q.text.lower()) for t in glossary_tokens(g)}
    for j, group in enumerate(groups):
        weak = loose(group, q.text, curated)
        if weak:
            rest = tuple(t for t in group if t not in weak)
            rows = np.setdiff1d(_rows_holding(r, weak), _rows_holding(r, rest))
            held_by[rows, j] *= r.policy.loose_member


def loose(group: tuple[str, ...], question: str, curated=frozenset()) -> tuple[str, ...]:
    """The members of an English question's word group that JMdict's first sense glosses with
    none of the question's words, when it glosses another member with one (and the glossary
    does not give it): "contracts" is 契約 ("contract"), and 定期 only loosely; "workplace" is
    職場, not 事業 or 現場. Empty when no member is glossed with one (nothing says which is nearer)."""
    from core import dictionary

    if len(group) < 2:
        return ()
    english = _WORDS.findall(question.lower())
    said = {f for w in english if len(w) > 2 for f in dictionary.forms(w) if len(f) > 2}
    # (a gloss's word that begins with one of them: "leaking" → 漏れ's "leakage", "risks" →
    # "riskiness"; or a word of the Japanese for two of them: "nursery school" → 保育園)
    phrased = {t for a, b in zip(english, english[1:]) for j in dictionary.japanese(f"{a} {b}") for t in tokenize(j)}
    strong = {t for t in group if t in phrased or any(g.startswith(f) for g in dictionary.gloss_words(t) for f in said)}
    return tuple(t for t in group if t not in strong and t not in curated) if strong else ()


_WORDS = re.compile(r"[a-z]+")


def _rows_holding(retriever, group: tuple[str, ...]) -> np.ndarray:
    found = [retriever.bm25.having(t) for t in group]
    return np.unique(np.concatenate(found)) if found else np.zeros(0, dtype=np.int64)


__all__ = ["loose", "loosen"]
