"""The readings a follow-up can get beyond a plain narrowing (`chatbot.qa.read.conversation`
decides which one a message gets): the same question elsewhere or of another level, the list
widened by a region it adds, the rest of a subject's cases 「他には？」, a case's prefecture's other
cases 「同じ県の他の事例は？」."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from chatbot.qa.read.turns import Reading, TurnState, left_out_of, listed_facets
from chatbot.qa.read.understand import Query
from chatbot.qa.read.where import Scope, read_levels
from core.cases import LEVEL_MUNICIPALITY, Case
from core.knowledge import Knowledge


def same_prefecture(q: Query, prev: TurnState, k: Knowledge, cases: Mapping[str, Case]) -> Reading | None:
    """「同じ県の他の事例は？」, 「県内の他の市は？」 after one case: its prefecture's other cases (of
    the level the message names besides the prefecture it refers to). None: not that question."""
    shown = cases.get(prev.cited[0])
    # (the level word of 「同じ県」 is read off the rest of a question: 「同じ」 / "same" stay there)
    own = [w for w in own_words(q, ("same_prefecture", "others"), k) if w not in (("同じ",), ("same",))]
    if shown is None or not shown.prefecture or q.facets or own:
        return None
    levels, kinds = read_levels(k.questions.conversation["same_prefecture"].sub(" ", q.text), k)
    scope = Scope(levels=levels, kinds=kinds, prefectures=(shown.prefecture,)).excluding(
        Scope(case_keys=frozenset(prev.cited), named=(shown.title,)))
    intent = "count" if q.intent == "count" else "list"
    # what is left is the place itself: a question of its cases (「神奈川県の市は？」), read anew
    return Reading(replace(q, intent=intent, places=(), scope=Scope(), rest=""), scope, "place")


def own_words(q: Query, kinds: tuple[str, ...], k: Knowledge) -> list:
    """The message's content words once the conversation words of these kinds are taken out."""
    rest = q.rest
    for kind in kinds:
        rest = k.questions.conversation[kind].sub(" ", rest)
    bare = replace(q, rest=rest)
    return bare.content(k) + [(w,) for w in bare.unknown_english(k)]


def of_its_facets(q: Query, groups) -> bool:
    """Whether each word group (of the message's own words) is written within the words that
    asked for its facets or their labels (「議事録だと？」: 議事録 asks 『議事録・会議録の作成』)."""
    named = " ".join((*q.facet_words, *(f.ja for f in q.facets)))
    return all(any(w in named for w in word) for word in groups)


def echoes(q: Query, prev: TurnState, k: Knowledge) -> bool:
    """Whether a message has no words of its own beyond those of the turn before (「逆に組んでいない
    のは？」 after 「そのうち企業と組んでいるのは？」: 組む is that turn's verb)."""
    own = own_words(q, ("opposite", "negated", "narrow", "rest"), k)
    said = prev.q.text
    return all(any(w in said or (len(w) > 1 and w[:-1] in said) for w in word) for word in own)


def same_topic(q: Query, prev: TurnState, k: Knowledge) -> bool:
    """Whether a message asks for the list's own subject again by a word for "that kind"
    (「そういう自治体」, "that kind of rule") — with no facet or with the facets the list was
    built from among its own ("… that kind of rule — output for internal use only?")."""
    if not k.questions.conversation["alike"].search(q.text):
        return False
    return not q.facets or {f.key for f in listed_facets(prev)} <= {f.key for f in q.facets}


def others(q: Query, prev: TurnState, cases: Mapping[str, Case] | None) -> Reading:
    """「他には？」, "Any others?" right after a list: the cases of the same subject not on screen.
    After a narrowing, the rest of the list it narrowed ("Just Chugoku." → "Any others?": the
    other cases of the list before it); else the same question beyond the list's own region or
    place, less the cases just shown (「近畿で翻訳に使っている事例は？」 → the others in Japan), and at
    any level unless the message names one (「Bardを導入した県は？」 → 「他にもある？」: 富士市 too; the
    level of the list was a filter, not the subject)."""
    intent = "count" if q.intent == "count" else "list"
    shown = set(prev.cited)
    base = left_out_of(prev)
    rest = tuple(key for key in base.cited if key not in shown) if base is not None else ()
    named = tuple(cases[key].title for key in prev.cited if cases and key in cases)
    if rest:
        merged = replace(base.q, text=f"{base.q.text} {q.text}", lang=q.lang, intent=intent)
        reasons = tuple(r for r in base.reasons if r[0] in rest)
        whys = tuple(w for w in base.whys if w[0] in rest)
        scope = Scope(case_keys=frozenset(rest)).excluding(Scope(case_keys=frozenset(shown), named=named))
        return Reading(merged, scope, "narrow", rest, reasons, whys,
                       base.label, on_screen=True, topic=base.topic)
    kept = prev.scope.without
    kept = replace(kept, regions=(), prefectures=(), areas=(), area_prefectures=(), case_keys=frozenset(),
                   named=()) if kept is not None else None
    scope = Scope(levels=q.scope.levels, kinds=q.scope.kinds,
                  without=kept if kept is not None and kept.structural else None)
    scope = scope.excluding(Scope(case_keys=frozenset(prev.cited), named=named))
    merged = replace(prev.q, text=f"{prev.q.text} {q.text}", lang=q.lang, places=(), intent=intent,
                     scope=Scope(), excluded=())
    return Reading(merged, scope, "widen", label=prev.label, topic=prev.topic)


def adding(q: Query, prev: TurnState, prefs: tuple[str, ...]) -> Reading:
    """「中国地方も入れると？」 after a list of 四国: the last question in its place and the one the
    message adds (regions and prefectures are alternatives: a prefecture beside a region is
    one of its `area_prefectures`, named like an area)."""
    said, was = q.scope, prev.scope
    out = was.without
    back = set(said.regions + said.prefectures + prefs) & set(out.regions + out.prefectures) if out else set()
    if back:
        # 「関東以外で…」 → 「関東も含めると？」: what the list left out comes back (not instead)
        left = replace(out, regions=tuple(r for r in out.regions if r not in back),
                       prefectures=tuple(p for p in out.prefectures if p not in back))
        was = replace(was, without=left if left.structural or left.case_keys else None)
        said = replace(said, regions=tuple(r for r in said.regions if r not in back),
                       prefectures=tuple(p for p in said.prefectures if p not in back))
        prefs = tuple(p for p in prefs if p not in back)
    regions = tuple(dict.fromkeys(was.regions + said.regions))
    areas = tuple(dict.fromkeys(was.areas + said.areas))
    covered = tuple(dict.fromkeys(was.area_prefectures + said.area_prefectures))
    named = tuple(dict.fromkeys(was.prefectures + said.prefectures + prefs))
    if regions or covered:
        areas, covered, named = tuple(dict.fromkeys(named + areas)), tuple(dict.fromkeys(covered + named)), ()
    # 「県も含めると？」 after 九州's cities, "Add the towns too.": the level or kind joins the list's
    levels = tuple(dict.fromkeys(was.levels + said.levels)) if was.levels and said.levels else was.levels
    kinds = tuple(dict.fromkeys(was.kinds + said.kinds)) if was.kinds and said.kinds else \
        () if LEVEL_MUNICIPALITY in said.levels and not said.kinds else was.kinds
    scope = replace(was, regions=regions, areas=areas, area_prefectures=covered, prefectures=named,
                    levels=levels, kinds=kinds, case_keys=frozenset())
    merged = replace(prev.q, text=f"{prev.q.text} {q.text}", lang=q.lang, places=(), scope=Scope(), excluded=(),
                     intent="count" if q.intent == "count" else "list")
    return Reading(merged, scope, "widen", prev.cited, prev.reasons, prev.whys, label=prev.label, topic=prev.topic)


def sibling(q: Query, prev: TurnState) -> Reading:
    """The previous question asked in the scope the message names instead of its own (the
    levels, kinds and places it names replace the previous ones; the rest is kept)."""
    said, was = q.scope, replace(prev.scope, case_keys=frozenset(), without=None)
    scope = replace(was, levels=said.levels or was.levels, kinds=said.kinds or was.kinds)
    if said.regions or said.areas or said.prefectures:
        scope = replace(scope, regions=said.regions, areas=said.areas, area_prefectures=said.area_prefectures,
                        prefectures=said.prefectures)
    if said.levels and not said.kinds:
        scope = replace(scope, kinds=())
    merged = replace(prev.q, text=f"{prev.q.text} {q.text}", lang=q.lang, scope=Scope(), places=(),
                     excluded=(), intent="count" if q.intent == "count" else prev.q.intent)
    return Reading(merged, replace(scope, without=said.without), "place", label=prev.label, topic=prev.topic)


def placed(prev: TurnState) -> bool:
    """Whether a turn's question named a place or region of its own (a follow-up can move it)."""
    was = prev.scope
    return bool(was.regions or was.areas or was.prefectures or was.area_prefectures or
                any(p.kind == "prefecture" for p in prev.q.known_places))


def elsewhere(q: Query, prev: TurnState, prefs: tuple[str, ...]) -> Reading:
    """The previous question in the place a message names, or without the places it leaves out."""
    out, was = q.scope.without or Scope(), prev.scope
    gone = set(out.areas) & set(was.areas)
    was = replace(was, regions=tuple(r for r in was.regions if r not in out.regions),
                  prefectures=tuple(p for p in was.prefectures if p not in out.prefectures),
                  areas=() if gone else was.areas, area_prefectures=() if gone else was.area_prefectures)
    return sibling(replace(q, scope=replace(q.scope, prefectures=q.scope.prefectures + prefs)), replace(prev, scope=was))


def beyond(said: Scope, before: Scope) -> Scope:
    """A widening's own scope without the regions and prefectures the list was already in: "Not
    only Chugoku — all regions", 「中国地方だけでなく」 widen from 中国, not to it."""
    if said.regions and set(said.regions) <= set(before.regions) or \
            said.areas and set(said.areas) <= set(before.areas):
        said = replace(said, regions=(), areas=(), area_prefectures=())
    if said.prefectures and set(said.prefectures) <= set(before.prefectures):
        said = replace(said, prefectures=())
    return said


def whole_of(said: Scope, before: Scope, beyond: Scope, not_only: bool) -> Scope | None:
    """"All of Kanto", 「関東全体だと？」 after a list of Kanto's cities: the region the list was
    already in, every level and kind of it (None when the message widens beyond the region:
    "not only Chugoku", or names no region of the list's)."""
    if not_only or not (before.levels or before.kinds) or said.levels or said.kinds:
        return None
    same = said.regions and set(said.regions) <= set(before.regions) or \
        said.areas and set(said.areas) <= set(before.areas) or \
        said.prefectures and set(said.prefectures) <= set(before.prefectures)
    if not same or beyond.regions or beyond.areas or beyond.prefectures:
        return None
    return replace(said, levels=(), kinds=())


__all__ = ["adding", "beyond", "echoes", "elsewhere", "of_its_facets", "others", "own_words", "placed",
           "same_prefecture", "same_topic", "sibling", "whole_of"]
