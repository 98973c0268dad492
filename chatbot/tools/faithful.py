"""Quote faithfulness: in a list answer, does each quoted sentence hold what its case is listed
for? Checked from the case and the quote, not from how the answer chose it: a case listed for a
facet quotes the sentence that facet is read from (`core.facets`, run again on the case), one
listed for the question's words quotes a sentence holding those words, one listed for a figure
quotes a figure."""
from __future__ import annotations

import re

from core.facets import extract_facets
from core.text import tokenize


def faithful(why: str, passage: str, sentences, headline: str = "") -> bool | None:
    """Whether a quoted sentence holds what its case is listed for (None: nothing to check —
    a fact's quote, or a case listed because the scope names it).

    Args:
        why: the citation's ``why`` (facet:<key>, words:<w1>,<w2>, said:<word>=<its word>, figure,
            scope, joined by +).
        sentences: the case's sentences.
        headline: its reference's headline (a start only it dates is checked there).
    """
    if not why or why == "scope":
        return None
    checks = []
    for part in why.split("+"):
        if part.startswith("facet:"):
            key = part[len("facet:"):]
            hits = {h.key: h.evidence for h in extract_facets(list(sentences))}
            # narrowed by words, the facet may be read from another sentence of the case
            checks.append(key in hits and (hits[key] == passage or "+words" in why))
        elif part.startswith("words"):
            words = [w for w in part.partition(":")[2].split(",") if w]
            held = set(tokenize(passage))
            checks.append(bool(words) and any(w in held for w in words))
        elif part.startswith("said:"):
            # a word of the question no case writes, said in the sentence's own word
            word = part.partition("=")[2]
            checks.append(bool(word) and word in set(tokenize(passage)))
        elif part == "figure":
            checks.append(bool(re.search(r"\d|[一二三四五六七八九十百千万]", passage)))
        elif part.startswith("headline:"):
            # only its reference's headline dates it: the headline holds those words, the
            # quote is one of the case's sentences
            checks.append(part[len("headline:"):] in headline and passage in sentences)
    return all(checks) if checks else None


def faithfulness(answer, cases: dict, headlines: dict | None = None) -> list[bool]:
    """The checks of a list answer's quotes (empty for any other answer).

    Args:
        cases: case id → its sentences.
        headlines: case id → its reference's headline.
    """
    if answer.kind not in ("list", "count"):
        return []
    out = [faithful(c.why, c.passage, cases.get(c.case_id, ()), (headlines or {}).get(c.case_id, ""))
           for c in answer.citations]
    return [x for x in out if x is not None]


__all__ = ["faithful", "faithfulness"]
