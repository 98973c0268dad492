"""A follow-up that changes the topic and keeps the place (「大阪府でFAQを作っているところは？」 →
「じゃあ議事録は？」, "Which places in Kinki use ChatGPT for minutes?" → "And for translation?",
"Which places use ChatGPT for translation?" → "What about minutes?").

It opens as a move on from the turn before (「じゃあ」, 「では」, "And", "What about") — or is a topic
and nothing else, ending as a swap does (「議事録だと？」, 「アイデア出しは？」) —, names a topic
of its own (a facet) and no place, scope or list word of its own, right after a question that
asked for cases on a topic: the new topic asked in that question's place and levels (none: the
whole article), every case of it — not a detail of the cases on screen (they were found for the
old topic: "What about minutes?" quoted each of eight translation cases), nor, when it named a
place, the whole article.
"""
from __future__ import annotations

from dataclasses import replace

from chatbot.qa.read.moves import of_its_facets
from chatbot.qa.read.turns import Reading, TurnState
from chatbot.qa.read.understand import Query
from core.knowledge import Knowledge


def topic_in_place(q: Query, prev: TurnState, k: Knowledge) -> Reading | None:
    """The message's topic in the place of the question before; None: not that message."""
    words = k.questions.conversation
    was = prev.q
    if not q.facets or not (words["swap"].match(q.text) or _only_a_topic(q, k)) or q.places or q.excluded or q.scope.structural or \
            q.conditions or q.asks or words["asks"].search(q.rest) or words["narrow"].search(q.text) or \
            words["back"].search(q.text) or words["others"].search(q.text) or words["adding"].search(q.text) or \
            words["widen"].search(q.text) or words["rest"].search(q.text):
        return None
    if not (was.facets and was.intent in ("list", "count")) or \
            {f.key for f in q.facets} <= {f.key for f in was.facets}:
        return None
    scope = replace(prev.scope, case_keys=frozenset())
    asked = replace(q, intent="count" if q.intent == "count" else "list", scope=scope)
    return Reading(asked, scope, "topic", topic=q.text)


def _only_a_topic(q: Query, k: Knowledge) -> bool:
    """「議事録だと？」, 「アイデア出しは？」: a topic and nothing else, ending as a swap ends (no word
    for cases, no word beyond those of the facets it names)."""
    if q.lang != "ja" or q.intent != "fact" or not k.questions.conversation["swap"].search(q.text) or \
            k.questions.cases.search(q.text):
        return False
    return of_its_facets(q, q.content(k))


__all__ = ["topic_in_place"]
