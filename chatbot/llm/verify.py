"""Check an LLM answer against the passages it was given, before anyone sees it.

The answer may be shown only when: it cites at least one passage; every [n] is one of the
passages given; it is written in the question's language; every quoted span (「…」, 『…』,
"…", “…”) appears verbatim, after NFKC, in the passage its citation points to; and, for a
"which …" (list/count) answer, it cites every case of the extractive answer — the LLM may
reword a list, never shorten it. (Adding a case is impossible: it could only cite a number
that is not a passage.)
"""
from __future__ import annotations

import re

from chatbot.llm.notice import markers, reason
from chatbot.qa.compose import Answer, Citation
from core.text import normalize

_MARKER = re.compile(r"\[(\d+)\]")
_STRAIGHT = re.compile(r'"([^"\n]+)"|“([^“”\n]+)”')
_BRACKETS = {"「": "」", "『": "』"}
_JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
_LATIN_WORD = re.compile(r"[A-Za-z]{3,}")
_QUOTE_SHOWN = 24   # characters of a bad quote repeated in the reason


def check(text: str, answer: Answer) -> str:
    """Why the LLM's text must not be shown ("" when it may be), in the answer's language.

    Args:
        text: the LLM's whole answer.
        answer: the extractive answer whose citations were the LLM's passages.
    """
    lang = answer.lang
    text = normalize(text)
    if not text:
        return reason("empty", lang)
    found = [(m.start(), m.end(), int(m.group(1))) for m in _MARKER.finditer(text)]
    if not found:
        return reason("no_citation", lang)
    given = {c.marker: c for c in answer.citations}
    unknown = sorted({n for _, _, n in found if n not in given})
    if unknown:
        return reason("unknown_marker", lang, markers=markers(unknown))
    spans = quotes(text)
    if not _in_language(_outside(text, spans), lang):
        return reason("language", lang)
    for start, end, quoted in spans:
        cited = _cited_by(found, start, end)
        if not any(normalize(quoted) in _haystack(given[n]) for n in cited):
            shown = quoted if len(quoted) <= _QUOTE_SHOWN else quoted[:_QUOTE_SHOWN] + "…"
            return reason("misquote", lang, quote=shown, markers=markers(cited))
    if answer.kind in ("list", "count"):
        cases = {given[n].case_id for _, _, n in found}
        left_out = sorted({c.marker for c in answer.citations if c.case_id not in cases})
        if left_out:
            return reason("incomplete", lang, markers=markers(left_out))
    return ""


def quotes(text: str) -> list[tuple[int, int, str]]:
    """Quoted spans (start, end, the words inside): outermost 「」/『』 pairs (they nest, as
    the article's own sentences do), then "…" and “…” outside them."""
    out: list[tuple[int, int, str]] = []
    stack: list[tuple[str, int]] = []
    for i, ch in enumerate(text):
        if ch in _BRACKETS:
            stack.append((ch, i))
        elif stack and ch == _BRACKETS[stack[-1][0]]:
            _, start = stack.pop()
            if not stack:
                out.append((start, i + 1, text[start + 1:i]))
    inside = [(s, e) for s, e, _ in out]
    for m in _STRAIGHT.finditer(text):
        if not any(s <= m.start() < e for s, e in inside):
            out.append((m.start(), m.end(), m.group(1) or m.group(2)))
    return sorted(out)


def _cited_by(found: list[tuple[int, int, int]], start: int, end: int) -> list[int]:
    """The citation a quote belongs to: the run of markers that follows it (a claim ends with
    its [n]), or, when none follows, the run just before it."""
    after = [f for f in found if f[0] >= end]
    if after:
        run = [after[0]]
        for f in after[1:]:
            if f[0] - run[-1][1] > 2:     # "[1][2]", "[1], [2]": one run
                break
            run.append(f)
        return [n for _, _, n in run]
    before = [f for f in found if f[1] <= start]
    if not before:      # only markers inside the quote itself: it cannot be verbatim anyway
        return [n for s, _, n in found if start <= s < end]
    run = [before[-1]]
    for f in reversed(before[:-1]):
        if run[-1][0] - f[1] > 2:
            break
        run.append(f)
    return [n for _, _, n in run]


def _haystack(c: Citation) -> str:
    return normalize(f"{c.case} {c.passage}")


def _outside(text: str, spans: list[tuple[int, int, str]]) -> str:
    """The text without its quotes and markers: the LLM's own words."""
    parts, last = [], 0
    for start, end, _ in spans:
        parts.append(text[last:start])
        last = max(last, end)
    parts.append(text[last:])
    return _MARKER.sub(" ", " ".join(parts))


def _in_language(words: str, lang: str) -> bool:
    if lang == "ja":
        return bool(_JAPANESE.search(words))
    return bool(_LATIN_WORD.search(words))
