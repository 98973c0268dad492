"""Follow-ups that step past the list on screen rather than filter it (`chatbot.qa.read.conversation`
asks these before it reads a message as a narrowing):

* **its place left out, added back** — 「関東以外も含めると？」, "including outside Kanto" right after
  a list of 関東: the same question over the whole article (a widening, and `understood_as` says
  so) — not the cases outside 関東 alone;
* **the list before the narrowing** — 「元のリストは何件？」, "How many were in the original list?"
  after 「そのうち関東は？」: the list that was narrowed (first of a chain of narrowings; its count
  when a count is asked) — not a detail asked of the cases on screen;
* **the whole country, with a topic of its own** — 「全国に広げると、県内初の導入は何件？」, "Nationwide,
  which cases have that kind of rule — output for internal use only?" right after a list: that
  question over the whole article (a widening, `understood_as` says so) — not a filter of the
  cases on screen by its words.

The wording is in ``core/domain/questions.toml`` [conversation] (`adding_back`, `original`,
`countrywide`, with the
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
    return past_its_place(q, prev, k) or original_list(q, prev, k) or countrywide(q, prev, k)


def past_its_place(q: Query, prev: TurnState, k: Knowledge) -> Reading | None:
    """「関東以外も含めると？」 right after a list of 関東 (or narrowed to it, or of no place read at
    all): the list's question over the whole article, at the list's level. None: not that message."""
    words = k.questions.conversation
    out, was = q.scope.without, prev.scope
    if out is None or prev.kind not in ("list", "count") or not prev.cited or not words["adding_back"].search(q.text):
        return None
    said = set(out.regions + out.areas + out.prefectures)
    placed = set(was.regions + was.areas + was.prefectures + was.area_prefectures)
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


def countrywide(q: Query, prev: TurnState, k: Knowledge) -> Reading | None:
    """「全国では、研修をしているのは？」, "Nationwide, which cases have …?" right after a list: the
    message's own question over the whole article (at the level it names). None: not that message
    — no list before it, no word for the whole country, no list asked for, a place or a word
    pointing at the list on screen (「それらの市」, "the list above") or at its subject (「同じような」,
    "that kind of rule": the list's question, widened by `conversation`), or no topic of its own
    (「全国では？」)."""
    words, sc = k.questions.conversation, q.scope
    if prev.kind not in ("list", "count") or not prev.cited or not words["countrywide"].search(q.text):
        return None
    if q.intent not in ("list", "count"):
        return None
    if words["those"].search(q.text) or words["listed"].search(q.text) or words["alike"].search(q.text) or q.places or \
            sc.regions or sc.areas or sc.prefectures or sc.without is not None:
        return None
    # (its own topic: what it asks for or content words of its own — "any others there" is none)
    own = [w for w in own_words(q, ("countrywide", "others", "back"), k)
           if not all(words["countrywide"].search(x) for x in w)]
    if not (q.facets or q.conditions or own):
        return None
    return Reading(q, replace(sc, case_keys=frozenset(), named=()), "widen", topic=q.text)


def as_it_was(q: Query, base: TurnState, intent: str = "") -> Reading:
    """The list ``base`` showed, shown again as it was (its question, cases, quotes and label):
    「やっぱり全部見せて」, 「元のリストは何件？」 (asked as ``intent`` when one is given)."""
    merged = replace(base.q, text=f"{base.q.text} {q.text}", lang=q.lang, intent=intent or base.q.intent)
    return Reading(merged, Scope(case_keys=frozenset(base.cited)), "restore", base.cited, base.reasons,
                   base.whys, base.label, on_screen=True, topic=base.topic)


__all__ = ["as_it_was", "countrywide", "original_list", "past_its_place", "past_the_list"]
