"""Turn answers into what the chat shows: plain functions, tested without a browser.

Everything from the article or the user is escaped here: case text and questions are shown as
text, so a ``<script>`` in either never runs.
"""
from __future__ import annotations

from html import escape

from chatbot.compose import Answer


def sources_html(answer: Answer) -> str:
    """The sources panel: one card per citation with heading, region, level and the quote."""
    if not answer.citations:
        msg = "引用した事例はありません。" if answer.lang == "ja" else "No case cited."
        return f'<div class="sources-empty">{escape(msg)}</div>'
    cards = []
    for c in answer.citations:
        meta = " / ".join(escape(x) for x in (c.region, c.level, c.prefecture) if x)
        cards.append(
            f'<div class="source-card" data-case="{escape(c.case)}">'
            f'<div class="source-head"><b>[{c.marker}] {escape(c.case)}</b>'
            f' <span class="source-meta">{meta}</span></div>'
            f'<blockquote class="source-quote">{escape(c.passage)}</blockquote>'
            f'<div class="source-ref">{escape(c.source)}</div></div>')
    return "\n".join(cards)


def chat_text(answer: Answer) -> str:
    """The answer as a chat message (Markdown is off for it: plain text with line breaks)."""
    return answer.text
