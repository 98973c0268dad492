"""HTML helpers of the web views: everything from the article or the user is escaped here, so a
``<script>`` in a case or a question is shown as text and never runs."""
from __future__ import annotations

from html import escape
from typing import Iterable

EMPTY_SOURCES = "質問すると、回答に引用した事例がここに表示されます。"


def mark_text(text: str, passages: Iterable[str]) -> str:
    """text as escaped HTML, one <p> per line, with the first occurrence of each passage in <mark>."""
    passages = [p for p in passages if p]
    return "".join(f"<p>{_mark(line, passages)}</p>" for line in text.splitlines() if line.strip())


def mark_passage(text: str, passage: str) -> str:
    return mark_text(text, [passage])


def paragraph_of(body: str, passage: str) -> str:
    """The body's paragraph (line) holding passage; the passage itself when not found."""
    return next((line for line in body.splitlines() if passage and passage in line), passage)


def meta(*values: str) -> str:
    return " / ".join(escape(v) for v in values if v)


def empty_sources_html(message: str = EMPTY_SOURCES) -> str:
    return f'<div class="sources-empty">{escape(message)}</div>'


def _mark(line: str, sentences: list[str]) -> str:
    """line escaped, with the first occurrence of each sentence (not overlapping) in <mark>."""
    spans = sorted({(line.find(s), line.find(s) + len(s)) for s in sentences if s and s in line})
    out, pos = [], 0
    for start, end in spans:
        if start < pos:
            continue
        out += [escape(line[pos:start]), f"<mark>{escape(line[start:end])}</mark>"]
        pos = end
    out.append(escape(line[pos:]))
    return "".join(out)
