"""A detail asked right after an answer that found no case: 「ごみ出し案内を作っている県は？」 (none in
the article) → 「いつから？」, "When did it start?".

The message asks a detail (when, how many, who) of a subject it does not name, and the turn
before it left none: its answer cited no case and its question named no case of its own. Read on
its own it would be a question about every case (a timeline of all 33 starts, or the start of
東京都庁 after 「東京都で…ところは？」 found none there), which answers something nobody asked.
Staff who were just told "no such case" expect to hear that there is nothing to ask it of, so it
gets a short reply saying so (`compose.unclear_answer`, "no_subject") and the conversation stays
where it was. A message with a topic, place, region, level or figure of its own, or that names the
article's cases (「全国で」, 「事例で」), is a question of its own, as before; so is 「何件？」 (a count
asks the cases, not a detail of one: split-half, session 20 — a half-B count after a none lost its
recall when it was read so).
"""
from __future__ import annotations

import re

from dataclasses import replace

from chatbot.qa.read.turns import Reading, TurnState
from chatbot.qa.read.understand import Query
from core.knowledge import Knowledge

NO_SUBJECT = "no_subject"               # `Request.how` of such a message
_WHOLE = re.compile(r"記事|全体|事例|ケース")


def without_subject(q: Query, prev: TurnState | None, k: Knowledge) -> bool:
    """Whether a message asks a detail of a subject the turn before (an answer with no case) did
    not leave."""
    if prev is None or prev.kind != "none" or prev.cited or prev.reading in ("thanks", "ack", "greeting"):
        return False
    words, sc = k.questions.conversation, q.scope
    if q.intent != "fact" or q.places or q.unknown_places or q.facets or q.conditions or sc.structural or \
            sc.without is not None:
        return False
    if k.questions.cases.search(q.text) or k.questions.every.search(q.text) or _WHOLE.search(q.text) or \
            words["new"].search(q.text):
        return False
    asks = bool(q.asks or words["asks"].search(q.rest) or k.questions.conditions["asks_start"].search(q.text))
    short = len(q.text.strip(" ？?")) <= 8 if q.lang == "ja" else len(q.text.split()) <= 4
    return asks and (short or bool(words["back"].search(q.text)) or not q.content(k))


def among_no_list(q: Query, prev: TurnState | None, k: Knowledge) -> Reading | None:
    """「そのうち専門のチームを作るのは？」 right after 「外に出す資料には使わないとしている県は？」 found no
    case: there is no list to narrow, so its own words are asked of the cases the question before
    was about (its level, kind, region, place and what it left out), as a list; None for any other
    message (one with a place or scope of its own, or no words of its own: 「そのうち関東は？」)."""
    if prev is None or prev.kind != "none" or prev.cited:
        return None
    words, sc = k.questions.conversation, q.scope
    if not words["narrow"].search(q.text) or words["new"].search(q.text) or \
            q.places or q.unknown_places or sc.structural or sc.without is not None:
        return None
    bare = replace(q, rest=words["narrow"].sub(" ", q.rest))
    if not (q.facets or q.conditions or bare.content(k)):
        return None
    scope = replace(prev.scope, case_keys=frozenset(), named=())
    return Reading(replace(bare, intent="count" if q.intent == "count" else "list"), scope)


__all__ = ["NO_SUBJECT", "among_no_list", "without_subject"]
