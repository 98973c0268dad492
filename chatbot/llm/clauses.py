"""Which passage each part of a sentence is: a name written as a list item must be the case its
[n] cites, and in a sentence citing several passages each clause must be the passage of the
[n] next to it."""
from __future__ import annotations

import re

from chatbot.llm.sentences import claim, runs
from chatbot.llm.support import Finding, coverage, evidence, is_place_of, named_places
from chatbot.llm.words import covers_en, covers_ja, english_words, japanese_words
from core.quantities import figures, supports
from core.text import nfkc

_SEPARATORS = re.compile(r"[、,，;；:：\n]")


def items(text: str, start: int, end: int, found, given: dict, places, kind: str) -> Finding | None:
    """A name written as a list item, followed by its [n] ("岡山県[3]"), must be the case
    that [n] cites (or, for a prefecture, the prefecture-level case)."""
    if places is None:
        return None
    last = start
    for run_start, run_end, numbers in runs([f for f in found if start <= f[0] < end]):
        segment = text[last:run_start]
        cut = [m.end() for m in _SEPARATORS.finditer(segment)]
        segment = segment[cut[-1]:] if cut else segment
        last = run_end
        named = named_places(places, segment)
        if not named:
            continue
        rest = segment
        for p in named:
            rest = rest.replace(p.matched, " ")
        lang = "en" if re.search(r"[A-Za-z]{3,}", rest) and not re.search(r"[\u3040-\u9fff]", rest) else "ja"
        empty = evidence([])
        if coverage(rest, empty, lang)[1] > 0:       # a clause, not a bare name: `unsupported` judged it
            continue
        cases = [given[n] for n in numbers]
        for p in named:
            if not any(is_place_of(p, c.case_id, c.case) or (p.kind == "prefecture" and p.name == nfkc(c.case))
                       for c in cases):
                return Finding("extra_case" if kind in ("list", "count") else "name", p.matched or p.name)
    return None


def misattributed(text: str, sentence: tuple[int, int], found, given: dict, spans, ev, lang: str,
                   places, asked: str, extra) -> tuple[Finding | None, list[int]]:
    """In a sentence citing several passages, each clause must be the passage of the [n]
    next to it — the one after it (a claim ends with its [n]) or the one before it (「宮崎県[1]は
    …し、」: the [n] follows the name): its figures are in that passage, and its words are not
    mostly another cited passage's ("広島県[1]は参考としてのみ使い、山口県[2]…" where only [2]
    says 参考). A clause starts after the previous [n] or a colon (an introduction belongs to
    every item); the question's words and figures (a list's) belong to every item too."""
    start, end = sentence
    marked = runs([f for f in found if start <= f[0] < end])
    if len({tuple(r[2]) for r in marked}) < 2:
        return None, []
    shared = evidence([], (), asked)
    last, before = start, None
    for run_start, run_end, numbers in marked:
        colon = max(text.rfind(":", last, run_start), text.rfind("：", last, run_start))
        part = claim(text, max(last, colon + 1), run_start, spans)
        last = run_end
        findings = [_clause_finding(part, evidence([given[n] for n in near], extra), ev, shared, lang, places)
                    for near in (numbers, before) if near]
        before = numbers
        if all(findings):
            return findings[0], numbers
    return None, []


def _clause_finding(part: str, own, ev, shared, lang: str, places) -> Finding | None:
    """Why a clause is not the passage `own` (None: it is)."""
    for f in figures(part):
        if not supports(own.figures, f) and not (supports(shared.figures, f) and supports(ev.figures, f)):
            return Finding("figure", f.text)
    rest = part
    if places is not None:
        for p in named_places(places, part):
            rest = rest.replace(p.matched, " ")
    words = english_words(rest) if lang == "en" else japanese_words(rest)
    covers = covers_en if lang == "en" else covers_ja
    mine = [w for w in words if covers(w, own) or covers(w, shared)]
    other = [w for w in words if w not in mine and covers(w, ev)]
    # Mostly not its own passage's words, and some of them clearly another cited passage's.
    if other and len(words) - len(mine) > len(mine):
        return Finding("unsupported", part.strip())
    return None


__all__ = ["items", "misattributed"]
