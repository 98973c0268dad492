"""Follow-ups that step past the list on screen rather than filter it (`chatbot.qa.read.conversation`
asks these before it reads a message as a narrowing):

* **its place left out, added back** — 「関東以外も含めると？」, "including outside Kanto" right after
  a list of 関東: the same question over the whole article (a widening, and `understood_as` says
  so) — not the cases outside 関東 alone;
* **the list before the narrowing** — 「元のリストは何件？」, "How many were in the original list?"
  after 「そのうち関東は？」: the list that was narrowed (first of a chain of narrowings; its count
  when a count is asked) — not a detail asked of the cases on screen.

The wording is in ``core/domain/questions.toml`` [conversation] (`adding_back`, `original`, with the
exclusion words the scope reads).
"""
from __future__ import annotations

from dataclasses import replace

from chatbot.qa.read.moves import own_words
from chatbot.qa.read.turns import Reading, TurnState
from chatbot.qa.read.understand import Query
from chatbot.qa.read.where import Scope
from core.knowledge import Knowledge


def past_the_list(q: Query, prev: TurnState, k: Knowledge) -> Reading | None:
    """The first of the readings above the message gets, or None: none of them."""
    return past_its_place(q, prev, k) or original_list(q, prev, k)


def past_its_place(q: Query, prev: TurnState, k: Knowledge) -> Reading | None:
    """「関東以外も含めると？」 right after a list of 関東 (or narrowed to it, or of no place read at
    all): the list's question over the whole article, at the list's level. None: not that message."""
    words = k.questions.conversation
    out, was = q.scope.without, prev.scope
    if out is None or prev.kind not in ("list", "count") or not prev.cited or not words["adding_back"].search(q.text):
        return None
    said = set(out.regions + out.areas + out.prefectures)
    placed = set(was.regions + was.areas + was.prefectures)
    sc = q.scope
    # (a list whose question named no place it read — 「都内で…」 — is widened the same way: the place
    # the message adds back is the one the user took the list to be of)
    if not said or placed and not said <= placed or q.facets or q.conditions or \
            sc.regions or sc.areas or sc.prefectures or sc.levels or sc.kinds:
        return None
    if own_words(q, ("adding_back", "adding", "narrow"), k):
        return None
    scope = replace(was, regions=(), areas=(), area_prefectures=(), prefectures=(), case_keys=frozenset(),
                    named=(), without=None)
    merged = replace(prev.q, text=f"{prev.q.text} {q.text}", lang=q.lang, places=(), scope=Scope(), excluded=(),
                     intent="count" if q.intent == "count" else "list")
    return Reading(merged, scope, "widen", prev.cited, prev.reasons, prev.whys, label=prev.label, topic=prev.topic)


def original_list(q: Query, prev: TurnState, k: Knowledge) -> Reading | None:
    """「元のリストは何件？」 after a narrowing: the list it narrowed (the first of several
    narrowings), as it was. None: not that message, or no narrowing before it."""
    words = k.questions.conversation
    if prev.reading != "narrow" or prev.base is None or not words["original"].search(q.text):
        return None
    if q.facets or q.conditions or q.places or q.scope.structural or own_words(q, ("original",), k):
        return None
    first = prev.base
    while first.reading == "narrow" and first.base is not None:
        first = first.base
    if not first.cited:
        return None
    return as_it_was(q, first, intent="count" if q.intent == "count" else "list")


def as_it_was(q: Query, base: TurnState, intent: str = "") -> Reading:
    """The list ``base`` showed, shown again as it was (its question, cases, quotes and label):
    「やっぱり全部見せて」, 「元のリストは何件？」 (asked as ``intent`` when one is given)."""
    merged = replace(base.q, text=f"{base.q.text} {q.text}", lang=q.lang, intent=intent or base.q.intent)
    return Reading(merged, Scope(case_keys=frozenset(base.cited)), "restore", base.cited, base.reasons,
                   base.whys, base.label, on_screen=True, topic=base.topic)


__all__ = ["as_it_was", "original_list", "past_its_place", "past_the_list"]
