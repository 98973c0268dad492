"""Follow-ups of a conversation that wanders: a list, one case of it, then back (`conversation`
decides when a message is one, before its other readings):

* 「さっきのリストで他には？」, "OK, back to the list. Which others?" right after a message that
  picked one case (or a few) of a list by naming it (「鳥取県について教えて」, read as a narrowing):
  the rest of that list — not the picked case again;
* "What about Niigata City?" right after such a pick (「長岡市について」 from the 北陸 list): the
  case it names is on the list that was narrowed, not on the one-case list on screen — read
  against that list (a narrowing of it to the case named, not an empty one);
* 「さっきの県は何人から始める？」 after a question about 鳥取県 and one about 三豊市: the case of that
  level the conversation was about before (`earlier` in questions.toml [conversation]), not the
  one just shown;
* 「いや、都庁だけ」 after a list of Tokyo's wards: the office is the prefecture's own case.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace

from chatbot.qa.read.moves import others, own_words
from chatbot.qa.read.turns import Reading, TurnState
from chatbot.qa.read.understand import Query
from chatbot.qa.read.where import Scope
from core.cases import LEVEL_PREFECTURE, Case
from core.knowledge import Knowledge


def office_as_level(q: Query, prev: TurnState) -> Query:
    """「いや、都庁だけ」, 「県庁だけ」 right after a list: a prefecture named by its office is the
    prefecture's own case — its prefecture at the prefecture level (not every case of Tokyo),
    when no level is named. (After one case's answer 「じゃあ長野県庁は？」 stays a place swap.)"""
    if prev.kind not in ("list", "count") or q.scope.levels or q.scope.kinds or \
            not any(p.kind == "prefecture" and p.office for p in q.known_places):
        return q
    return replace(q, scope=replace(q.scope, levels=(LEVEL_PREFECTURE,)))


def _picked(prev: TurnState) -> bool:
    """Whether the turn was a narrowing that kept only some of the list it narrowed."""
    return prev.reading == "narrow" and prev.base is not None and bool(prev.cited) and \
        set(prev.cited) < set(prev.base.cited)


def back_to_the_list(q: Query, prev: TurnState, k: Knowledge, cases: Mapping[str, Case] | None) -> Reading | None:
    """The rest of the list a pick narrowed, for a message that names that list and asks for the
    others, with no topic, place or scope of its own; None: not that message."""
    words = k.questions.conversation
    if not words["listed"].search(q.text) or not (words["others"].search(q.text) or words["rest"].search(q.text)):
        return None
    if not _picked(prev) or q.facets or q.conditions or q.places or q.unknown_places or q.scope.structural:
        return None
    # (an 「OK」 or 「了解」 it opens with is no word of its own)
    opens = words["ack"].match(q.rest.strip())
    bare = replace(q, rest=q.rest.strip()[opens.end():]) if opens and not q.rest.strip()[opens.end():][:1].isalnum() else q
    if own_words(bare, ("listed", "others", "rest", "narrow"), k):
        return None
    return others(q, prev, cases)


def on_the_list_before(q: Query, prev: TurnState, cases: Mapping[str, Case] | None) -> TurnState:
    """The list a pick narrowed, when the message names only cases (no prefecture) that are on it
    and not on screen; else the turn itself."""
    if not cases or not _picked(prev) or not q.known_places or q.unknown_places:
        return prev
    if any(p.kind == "prefecture" or not p.case_ids for p in q.known_places):
        return prev
    named = {i for p in q.known_places for i in p.case_ids}
    ids = {cases[key].id: key for key in prev.base.cited if key in cases}
    shown = {cases[key].id for key in prev.cited if key in cases}
    if named & shown or not named <= set(ids):
        return prev
    return prev.base


# (what is left of 「さっきの県」 once its level word is read off as a scope)
_BEFORE = re.compile(r"(?:さっき|先ほど|さきほど|先程)の")


def earlier_case(q: Query, prev: TurnState, k: Knowledge, cases: Mapping[str, Case] | None) -> Reading | None:
    """「さっきの県は…？」: the detail asked of the case of that level the conversation was about
    before the one just shown; None when the message says no such thing or no case fits."""
    said = k.questions.conversation["earlier"]
    if not cases or not said.search(q.text) or q.places or q.unknown_places:
        return None
    sc = q.scope
    if sc.regions or sc.prefectures or sc.areas or sc.without:
        return None
    level = Scope(levels=sc.levels, kinds=sc.kinds)
    shown = set(prev.cited)
    pool = prev.subjects + prev.before + (prev.last_list.cited if prev.last_list is not None else ())
    fits = [key for key in dict.fromkeys(reversed(pool)) if key in cases and key not in shown and
            level.admits(key, cases[key])]
    if not fits:
        return None
    key = fits[0]
    asked = replace(q, rest=_BEFORE.sub(" ", said.sub(" ", q.rest)), intent="fact", scope=Scope())
    return Reading(asked, Scope(case_keys=frozenset((key,))), "detail", (key,))


__all__ = ["back_to_the_list", "earlier_case", "office_as_level", "on_the_list_before"]
