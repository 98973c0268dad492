"""Stage 2: **scope** — the cases in play. From the question's places, regions, levels and kinds
(or a follow-up's scope) plus the UI's filters; a place the article has no case for is reported
instead (the answer then says so and offers its prefecture's cases)."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from chatbot.qa.catalog import keys_by_case_id
from chatbot.qa.kinds import Kind
from chatbot.qa.read import Request
from chatbot.qa.read.where import Scope
from chatbot.qa.retrieve import Filters
from core.cases import LEVEL_MUNICIPALITY, LEVEL_PREFECTURE
from core.places import Place, prefectures


@dataclass(frozen=True)
class Scoped:
    """A request and the cases it is about."""

    request: Request
    scope: Scope
    missing: Place | None = None     # the place named that the article has no case for

    def keys(self, retriever) -> list[str]:
        """The cases in scope, in article order."""
        if not (self.scope.case_keys or self.scope.structural):
            return list(retriever.cases)          # the whole article: no case to test
        return [key for key, c in retriever.cases.items() if self.scope.admits(key, c)]


def resolve(retriever, request: Request) -> Scoped:
    """The scope of a request (a follow-up's own, with the UI's filters still applied)."""
    if request.scope is not None:
        scope = _with_filters(request.scope, request.filters)
        keys = _case_keys(retriever, request.q.excluded)
        if keys:               # 「大阪市を除いて」 after a list: that case leaves it
            scope = scope.excluding(Scope(case_keys=keys))
        if request.lacking:    # 「そのうちガイドラインがないのは？」: the cases that have it leave it
            having = frozenset(key for key in scope.case_keys
                               if any(f in retriever.facets.get(key, {}) for f in request.lacking))
            # (kept by their keys, not left out by them: 「記事で以外の事例は」 would name no one)
            scope = replace(scope, case_keys=scope.case_keys - having)
        return Scoped(request, scope)
    scope, missing = _scope(retriever, request)
    return Scoped(request, scope, missing)


def _with_filters(scope: Scope, filters: Filters) -> Scope:
    return replace(scope, regions=(filters.region,) if filters.region else scope.regions,
                   levels=(filters.level,) if filters.level else scope.levels,
                   prefectures=(filters.prefecture,) if filters.prefecture else scope.prefectures,
                   case_keys=scope.case_keys | filters.case_keys)


def _scope(retriever, request: Request) -> tuple[Scope, Place | None]:
    """The cases a question is about, from its places, regions, levels and kinds plus the UI
    filters; and the place the article has no case for (when that is all it names)."""
    q, filters = request.q, request.filters
    keys: set[str] = set()
    prefs = [filters.prefecture] if filters.prefecture else []
    # a ranking, tally, timeline or comparison bounded by a prefecture ("Who was first in Fukui?",
    # 「神奈川県内の事例を比較して」) is of its cases
    kind = request.table.kind if request.table is not None else None
    over = kind in (Kind.RANK, Kind.AGGREGATE, Kind.TIMELINE) or (kind == Kind.COMPARE and len(q.places) == 1)
    listing = q.intent in ("list", "count") or LEVEL_MUNICIPALITY in q.scope.levels or over
    located = _locators(q)
    for place in q.places:
        if place.name in located:
            continue   # 「青森県のむつ市」, "Mutsu City in Aomori": where the city is, not a case of its own
        if place.kind == "prefecture" and listing and q.level == LEVEL_PREFECTURE \
                and len(q.places) == 1:
            continue   # "which prefectures (県・都庁など) …": a level, not a place
        office = place.case_ids and place.matched.endswith("庁")   # 「千葉県庁の事例」: the case
        if place.kind == "prefecture" and (listing or not place.case_ids) and not office:
            if listing and retriever.gazetteer.cases_in_prefecture(place.name):
                prefs.append(place.name)
                continue
        if place.case_ids:
            by_id = keys_by_case_id(retriever)
            keys |= {k for i in place.case_ids for k in by_id.get(i, ())}
        elif place.kind == "prefecture" and not listing:
            keys |= _same_named_city(retriever, place)
    if not keys and prefs == ([filters.prefecture] if filters.prefecture else []):
        unknown = [p for p in q.places if not p.case_ids]
        # "a Tokyo ward": the prefecture's own name with a municipality word names no city.
        generic = [p for p in unknown if listing and p.prefecture
                   and retriever.gazetteer.cases_in_prefecture(p.prefecture)
                   and _names_prefecture(p)]
        if generic:
            prefs.append(generic[0].prefecture)
        elif unknown:
            return Scope(), unknown[0]
    levels = (filters.level,) if filters.level else (q.scope.levels if not keys else ())
    regions = (filters.region,) if filters.region else q.scope.regions
    if q.scope.regions and not filters.prefecture:
        # "Kyushu or Okinawa", 「九州や沖縄の事例」: a prefecture named as an alternative to the
        # region it lies in adds nothing to it (「九州の沖縄県」 still narrows it)
        prefs = [p for p in prefs if not _alternative_within(retriever, q, p, q.scope.regions)]
    kinds = q.scope.kinds if not keys else ()
    if kinds == ("町",) and q.reading == "en" and listing and request.words.content and not request.follow_up:
        # "Which towns let AI draft replies to residents' emails?": in everyday English a town is
        # any municipality, not the 町 of its name; only "the towns" asked for themselves (no
        # topic: "Which towns have a case?") or set against cities and wards are 町
        kinds = ()
    scope = Scope(regions, levels, kinds, tuple(dict.fromkeys(prefs)), frozenset(keys) | filters.case_keys,
                  areas=q.scope.areas, area_prefectures=q.scope.area_prefectures)
    return scope.excluding(left_out(retriever, request.q)), None


def _locators(q) -> set[str]:
    """The prefectures a question names only to say where a municipality it also names lies
    (「青森県のむつ市の取り組みは？」, "Tell me about Mutsu City in Aomori."): not a case of their
    own — unless the two are joined as two things asked (「青森県とむつ市」, "Aomori and Mutsu")."""
    out = set()
    for pref in q.places:
        if pref.kind != "prefecture" or pref.office or not pref.matched:
            continue
        for city in q.places:
            if city.kind != "municipality" or city.prefecture != pref.name or not city.matched:
                continue
            a, b = q.text.find(pref.matched), q.text.find(city.matched)
            if a < 0 or b < 0:
                continue
            between = q.text[min(a + len(pref.matched), b + len(city.matched)):max(a, b)]
            if len(between) <= _LOCATOR_GAP and not _JOINED.search(between):
                out.add(pref.name)
    return out


# what may stand between a municipality and its prefecture named as where it lies (「の」, " in ",
# ", "), and what makes them two things asked
_LOCATOR_GAP = 6
_JOINED = re.compile(r"と|や|及び|および|または|か|・|、|/|\band\b|\bor\b|&|比べ|vs", re.I)


_OR = re.compile(r"(?:\bor\b|\band\b|または|もしくは|や|か|と|/|・) ?$")
_OR_AFTER = re.compile(r"^ ?(?:\bor\b|\band\b|または|もしくは|や|か|と|/|・)")


def _alternative_within(retriever, q, prefecture: str, regions: tuple[str, ...]) -> bool:
    """Whether a prefecture lies in one of the regions and the question joins its name to
    another by "or", "and", 「や」, 「か」 …: an alternative to the region, not a part of it."""
    if not any(c.prefecture == prefecture and c.region in regions for c in retriever.cases.values()):
        return False
    others = [p.matched for p in q.places if p.name != prefecture and p.matched]
    for place in q.places:
        if place.name != prefecture or not place.matched:
            continue
        for m in re.finditer(re.escape(place.matched), q.text):
            # (「関東のうち東京都や神奈川県」 joins two prefectures: parts of the region)
            before, after = q.text[max(0, m.start() - 8):m.start()], q.text[m.end():m.end() + 8]
            if _OR.search(before) and not any(o in before for o in others) or \
                    _OR_AFTER.search(after) and not any(o in after for o in others):
                return True
    return False


def left_out(retriever, q) -> Scope | None:
    """What a question leaves out, its places resolved to cases: 「東京都を除いて」 → Tokyo's
    cases; 「三豊市以外」 → 三豊市's case."""
    if q.scope.without is None:
        return None
    return replace(q.scope.without, case_keys=q.scope.without.case_keys | _case_keys(retriever, q.excluded))


def _case_keys(retriever, places) -> frozenset[str]:
    """The cases of the named organisations among places (not of the prefectures; a prefecture's
    office is its case)."""
    by_id = keys_by_case_id(retriever)
    return frozenset(k for p in places if p.kind != "prefecture" or p.office for i in p.case_ids
                     for k in by_id.get(i, ()))


# A prefecture named with its suffix (熊本県, "Nara Prefecture", "Osaka-fu"), not by its bare name.
_SUFFIXED = re.compile(r"[県府都道庁]$|prefect|\b(?:ken|fu|to)\b", re.I)


def _same_named_city(retriever, place: Place) -> set[str]:
    """"When did Kumamoto start?", 「熊本は？」: a prefecture's bare name (no 県, no "Prefecture")
    the article has no prefecture case for names its city of the same name when it has one
    (熊本県 → 熊本県熊本市); none when the question says 県."""
    stem = next((p.stem for p in prefectures() if p.name == place.name), "")
    if not stem or _SUFFIXED.search(place.matched.removesuffix("'s")):
        return set()
    by_id = keys_by_case_id(retriever)
    keys = {k for i in retriever.gazetteer.cases_in_prefecture(place.name) for k in by_id.get(i, ())}
    return {k for k in keys if k in retriever.cases and retriever.cases[k].title.endswith(f"{place.name}{stem}市")}


def _names_prefecture(place: Place) -> bool:
    name = place.name.lower()
    return any(p.name == place.prefecture and (name.startswith(p.romaji) or name.startswith(p.stem))
               for p in prefectures())


__all__ = ["Scoped", "left_out", "resolve"]
