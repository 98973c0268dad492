"""A question that opens with the asker's own situation (「うちの町でも来年度導入を検討しています。
議事録の要約に使っている自治体はありますか？」, 「当市では会議が多く…になっています。…」, "I'm in the
IT department of a small city and we're looking at Azure. Do you know of any councils that …?").

Those sentences say why the asker asks, not what: their words (町, 来年度, 導入, 検討, "small city")
are no topic, place or level of the question. A sentence is such a preamble when it names the asker
(`questions.toml` [conversation] asker: うちの, 当市, 私, "we", "our" …), does not itself ask (no
question mark) and another sentence follows it; a clause that names the asker and ends in 「ので、」,
「のですが、」, 「けど、」 (", so") or a colon opens the question the same way. The question that follows is
read alone — unless it points back at the preamble (「それ」, "it"), which then stays.
"""
from __future__ import annotations

import re

from core.knowledge import Knowledge

# A sentence ends at a full stop, ! or ?, or a line break (an English full stop only before a space:
# 「ver.1」 and "3.5" stay whole).
_END = re.compile(r"[。．！!？?\n]+|\.(?=\s)")
_ASKS = re.compile(r"[？?]")
# A clause that ends with why it is asked (「…検討しているので、」, 「…ですが、」, "…, so", "… asked me to find out:").
_CLAUSE = re.compile(r"(?:ので|のですが|んですが|ですが|けれど|けど|ところ|中で)[、,，]\s*|,\s*so\s+|[:：]\s*", re.I)
# "Is there …?", "Are there any …?": existential, not a pointer back at the sentence before.
_THERE = re.compile(r"\b(?:is|are|was|were)\s+there\b", re.I | re.ASCII)


def past_preamble(question: str, k: Knowledge) -> str:
    """The message without the sentences (or the clause) that open it with the asker's own
    situation; the message as it was when none does, nothing else follows, or what follows
    refers back to them."""
    asker = k.questions.conversation["asker"]
    pieces = _sentences(question)
    cut = 0
    while cut < len(pieces) - 1 and asker.search(pieces[cut]) and not _ASKS.search(pieces[cut]):
        cut += 1
    rest = "".join(pieces[cut:]).strip()
    if (clause := _CLAUSE.search(rest)) is not None and asker.search(rest[:clause.start()]) \
            and not _ASKS.search(rest[:clause.start()]) and rest[clause.end():].strip():
        rest, cut = rest[clause.end():].strip(), cut + 1
    if not cut or _refers_back(rest, k):
        return question
    return rest


def _sentences(text: str) -> list[str]:
    """The text's sentences, each with the marks that end it (one pass: linear time)."""
    out, start = [], 0
    for m in _END.finditer(text):
        out.append(text[start:m.end()])
        start = m.end()
    out.append(text[start:])
    return [p for p in out if p.strip()]


def _refers_back(rest: str, k: Knowledge) -> bool:
    """The question left points at the sentence it followed (「それを使っている自治体は？」, "Which
    councils use it?")."""
    return bool(k.questions.conversation["back"].search(_THERE.sub(" ", rest)))


__all__ = ["past_preamble"]
