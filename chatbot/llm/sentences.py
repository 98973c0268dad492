"""An LLM answer cut into what verification checks: quoted spans, sentences with the [n] that
belong to them, a sentence's own words, and runs of markers."""
from __future__ import annotations

import re

MARKER = re.compile(r"\[(\d+)\]")
_STRAIGHT = re.compile(r'"([^"\n]+)"|“([^“”\n]+)”')
_BRACKETS = {"「": "」", "『": "』"}
_END = "。！？!?"
_ENUMERATION = re.compile(r"^\s*(?:\d{1,2}[.)]|[-*•・])\s+")
_UNCLOSED_END = re.compile(r"\[\d+\]|\n")


def quotes(text: str) -> list[tuple[int, int, str]]:
    """Quoted spans (start, end, the words inside): outermost 「」/『』 pairs (they nest, as the
    article's own sentences do); a 「 that is never closed quotes up to the next [n], line end
    or end of text; then "…" and “…” outside them."""
    out: list[tuple[int, int, str]] = []
    stack: list[tuple[str, int]] = []
    for i, ch in enumerate(text):
        if ch in _BRACKETS:
            stack.append((ch, i))
        elif stack and ch == _BRACKETS[stack[-1][0]]:
            _, start = stack.pop()
            if not stack:
                out.append((start, i + 1, text[start + 1:i]))
        elif ch == "\n" and stack:
            out.append(_unclosed(text, stack[0][1]))
            stack = []
    if stack:
        out.append(_unclosed(text, stack[0][1]))
    inside = [(s, e) for s, e, _ in out]
    for m in _STRAIGHT.finditer(text):
        if not any(s <= m.start() < e for s, e in inside):
            out.append((m.start(), m.end(), m.group(1) or m.group(2)))
    return sorted(out)


def _unclosed(text: str, start: int) -> tuple[int, int, str]:
    m = _UNCLOSED_END.search(text, start)
    end = m.start() if m else len(text)
    return start, end, text[start + 1:end].strip(" 。、.,")


def sentences(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int]]:
    """(start, end) of each sentence: split at 。！？!?, a full stop and line ends, never inside a
    quote; the [n] markers right after a sentence's end belong to it."""
    quoted = [(s, e) for s, e, _ in spans]
    out, start, i, n = [], 0, 0, len(text)
    while i < n:
        ch = text[i]
        if any(s < i < e - 1 for s, e in quoted):
            i += 1
            continue
        stop = ch in _END or ch == "\n" or (ch == "." and i > 0 and not text[i - 1].isdigit()
                                            and (i + 1 == n or text[i + 1] in " \n["))
        if not stop:
            i += 1
            continue
        j = i + 1
        while True:
            k = j
            while k < n and text[k] == " ":
                k += 1
            m = MARKER.match(text, k)
            if not m or ch == "\n":
                break
            j = m.end()
        if j < n and text[j] in _END + "." and ch != "\n":
            j += 1
        out.append((start, j))
        start = i = j
    out.append((start, n))
    return [(s, e) for s, e in out if text[s:e].strip()]


def claim(text: str, start: int, end: int, spans) -> str:
    """A sentence's own words: quotes (checked verbatim) and markers taken out."""
    chars = list(text[start:end])
    for s, e, _ in spans:
        for k in range(max(s, start), min(e, end)):
            chars[k - start] = " "
    return _ENUMERATION.sub("", MARKER.sub(" ", "".join(chars)))


def cited_by(found: list[tuple[int, int, int]], start: int, end: int) -> list[int]:
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


def runs(found) -> list[tuple[int, int, list[int]]]:
    """Markers grouped into runs ("[1][2]", "[1], [2]")."""
    runs: list[tuple[int, int, list[int]]] = []
    for s, e, n in found:
        if runs and s - runs[-1][1] <= 2:
            runs[-1] = (runs[-1][0], e, runs[-1][2] + [n])
        else:
            runs.append((s, e, [n]))
    return runs


__all__ = ["MARKER", "claim", "cited_by", "quotes", "runs", "sentences"]
