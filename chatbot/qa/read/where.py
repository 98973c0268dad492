"""The article's own structure a question asks about: regions, levels and municipality kinds.

「中国地方の県」, "the cities of Tokai", 「北海道・東北と北陸・甲信越」, "ministries and national
agencies", "the towns" — each is a `Scope`, and a case is in it or not. Regions are the article's
region headings (read from the index, so next month's headings work too); levels are 国 /
都道府県 / 市区町村; kinds split municipalities by the suffix of their name (市, 区, 町, 村).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from chatbot.qa.retrieve import Filters
from core.cases import LEVEL_MUNICIPALITY, LEVEL_NATIONAL, LEVEL_PREFECTURE, Case
from core.knowledge import Knowledge
from core.places import areas, designated_cities, kanji_after, prefectures, regions_en

KINDS_EN = {"市": "cities", "区": "wards", "町": "towns", "村": "villages", "政令市": "designated cities"}
DESIGNATED = "政令市"      # a kind by a list (places.toml designated_cities), not by a suffix
LEVELS_EN = {LEVEL_NATIONAL: "ministries and agencies", LEVEL_PREFECTURE: "prefectures",
             LEVEL_MUNICIPALITY: "municipalities"}
LEVELS_JA = {LEVEL_NATIONAL: "省庁", LEVEL_PREFECTURE: "都道府県", LEVEL_MUNICIPALITY: "市区町村"}


def kind_of(case: Case) -> str:
    """市 / 区 / 町 / 村 for a municipality (by its name's suffix), "" otherwise."""
    return case.id[-1] if case.level == LEVEL_MUNICIPALITY and case.id[-1:] in KINDS_EN else ""


def _of_kinds(case: Case, kinds: tuple[str, ...]) -> bool:
    """Whether a municipality is of one of the kinds (a 政令指定都市 is also a 市)."""
    return kind_of(case) in kinds or (DESIGNATED in kinds and case.id in designated_cities())


@dataclass(frozen=True)
class Scope:
    """Which cases a question is about, as far as the article's structure and places go."""

    regions: tuple[str, ...] = ()
    levels: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()              # municipality kinds; empty: any
    prefectures: tuple[str, ...] = ()       # 「茨城と群馬の事例」
    case_keys: frozenset[str] = field(default_factory=frozenset)
    areas: tuple[str, ...] = ()             # regions staff name by other names (北関東, 東北) …
    area_prefectures: tuple[str, ...] = ()  # … and the 都道府県 they cover
    without: "Scope | None" = None          # what it leaves out: 「関東以外」, "except Tokyo"
    named: tuple[str, ...] = ()             # how the question calls the cases it names

    @property
    def structural(self) -> bool:
        """Whether it narrows by region, level, kind or prefecture (not by named cases)."""
        return bool(self.regions or self.levels or self.kinds or self.prefectures or self.area_prefectures
                    or self.without)

    def admits(self, key: str, case: Case) -> bool:
        if self.case_keys and key not in self.case_keys:
            return False
        # the regions and areas a question names are alternatives: "Tohoku and Chugoku"
        if (self.regions or self.area_prefectures) and case.region not in self.regions \
                and case.prefecture not in self.area_prefectures:
            return False
        if self.prefectures and case.prefecture not in self.prefectures:
            return False
        if self.levels and case.level not in self.levels:
            return False
        if self.kinds and case.level == LEVEL_MUNICIPALITY and not _of_kinds(case, self.kinds):
            return False
        return self.without is None or not self.without.touches(key, case)

    def touches(self, key: str, case: Case) -> bool:
        """Whether a case is in any part of this scope (what an exclusion leaves out: 「県以外」
        leaves out every prefecture, 「市以外」 every city, 「東京都を除いて」 Tokyo's cases)."""
        if key in self.case_keys or case.region in self.regions or case.prefecture in self.prefectures \
                or case.prefecture in self.area_prefectures:
            return True
        if self.kinds and case.level == LEVEL_MUNICIPALITY:
            return _of_kinds(case, self.kinds)
        # 「県庁と区を除くと」: every prefecture and every ward (the kinds only split municipalities)
        return case.level in self.levels and not (self.kinds and case.level == LEVEL_MUNICIPALITY)

    def excluding(self, other: "Scope | None") -> "Scope":
        """This scope with more left out."""
        if other is None:
            return self
        w = self.without or Scope()
        merged = Scope(w.regions + other.regions, w.levels + other.levels, w.kinds + other.kinds,
                       w.prefectures + other.prefectures, w.case_keys | other.case_keys,
                       w.areas + other.areas, w.area_prefectures + other.area_prefectures,
                       named=w.named + other.named)
        return replace(self, without=merged)

    def filters(self) -> Filters:
        """The narrowing retrieval can apply itself (one region, one level); `admits` does the rest."""
        return Filters(self.regions[0] if len(self.regions) == 1 and not self.area_prefectures else "",
                       self.levels[0] if len(self.levels) == 1 else "",
                       self.prefectures[0] if len(self.prefectures) == 1 else "", self.case_keys)

    def describe(self, lang: str, names: tuple[str, ...] = ()) -> str:
        """The scope in plain words: 「中国・四国の県」, 「関東地方以外」 / "prefectures in Chugoku
        and Shikoku", "outside Kanto". ``names``: how to call the cases it names."""
        positive = replace(self, without=None)._describe(lang)
        if self.without is None:
            return positive
        left = self.without._describe_each(lang)
        if lang == "ja":
            return f"{positive}（{left}以外）" if positive else f"{left}以外"
        return f"{positive} (not {left})" if positive else f"not {left}"

    def _describe_each(self, lang: str) -> str:
        """Each part on its own, joined: what an exclusion leaves out is any of them
        (「関東・東北」, 「県・東京都」)."""
        # a region named like a level it also leaves out (省庁) is said once: 「省庁以外」
        named_levels = {LEVELS_JA[lv] for lv in self.levels}
        parts = [Scope(regions=(r,))._describe(lang) for r in self.regions if r not in named_levels]
        others = tuple(lv for lv in self.levels if lv != LEVEL_MUNICIPALITY) if self.kinds else ()
        parts += [Scope(levels=others)._describe(lang)] if others else []     # 「都道府県・区以外」
        parts += [Scope(levels=tuple(lv for lv in self.levels if lv not in others), kinds=self.kinds)._describe(lang)] \
            if self.levels or self.kinds else []
        parts += [a if lang == "ja" else _english_area(a) for a in self.areas]
        parts += list(self.prefectures) + list(self.named)
        return ("・" if lang == "ja" else " or ").join(p for p in parts if p)

    def _describe(self, lang: str, names: tuple[str, ...] = ()) -> str:
        levels = tuple(lv for lv in self.levels if not (lv == LEVEL_PREFECTURE and self.prefectures))
        if self.prefectures and levels != self.levels and not self.kinds:
            levels = ()    # 「福井県の自治体」: the prefecture's own case and its municipalities, all of it
        regions = tuple(r for r in self.regions if r not in {LEVELS_JA[lv] for lv in self.levels})
        if (levels, regions) != (self.levels, self.regions):   # 「東京都の都道府県」, 「省庁の省庁」
            return replace(self, regions=regions, levels=levels)._describe(lang, names)
        places = "・".join(p for p in (*self.prefectures, *self.named, *names) if p)
        if lang == "ja":
            # 「中国地方」, 「北海道・東北地方」; a region named like a level (省庁) takes no 地方
            where = "・".join(self.regions) + ("地方" if self.regions and not
                                               set(self.regions) & set(LEVELS_JA.values()) else "")
            where = "・".join(p for p in (*self.areas, where) if p)
            what = "・".join([*(LEVELS_JA[lv] for lv in self._other_levels()), *self.kinds])
            parts = [p for p in (places, where) if p]
            return ("の".join(parts) + ("の" if parts and what else "") + what) if (parts or what) else ""
        what = " and ".join([*(LEVELS_EN[lv] for lv in self._other_levels()), *(KINDS_EN[k] for k in self.kinds)])
        where = " and ".join([*(_english_area(a) for a in self.areas), *(_english_region(r) for r in self.regions)])
        places = " and ".join(p for p in (*self.prefectures, *self.named, *names) if p)
        parts = [p for p in (what, f"in {where}" if where else "", f"in {places}" if places else "") if p]
        return " ".join(parts)


    def _other_levels(self) -> tuple[str, ...]:
        """The levels a description names beside the kinds: a kind (市, 区) names the municipalities
        it keeps, so only the other levels (「都道府県・市」 for 「市と県」) are said."""
        return tuple(lv for lv in self.levels if not (self.kinds and lv == LEVEL_MUNICIPALITY))


def _english_area(area: str) -> str:
    """"Tohoku (東北)": an area's English name with the name the article's readers know."""
    names = next((a.names for a in areas() if a.name == area), ())
    english = next((n for n in names if n.isascii()), "")
    return f"{english.title()} ({area})" if english else area


def _english_region(region: str) -> str:
    names = regions_en().get(region, ())
    return " / ".join(n.capitalize() for n in names[:2]) + f" ({region})" if names else region


@dataclass(frozen=True)
class Named:
    """A region a question names: one or more of the article's headings, or the 都道府県 of an
    area staff call by another name (「北関東」)."""

    name: str
    regions: tuple[str, ...]
    prefectures: tuple[str, ...]
    start: int
    end: int


def find_regions(text: str, regions: list[str], k: Knowledge,
                 inside: tuple[tuple[int, int], ...] = ()) -> list[Named]:
    """Regions a question names, with each span that named one (with its 地方 / "region" suffix;
    a region may be named twice, as in "Hokuriku-Koshinetsu"). The article's full headings
    (北海道・東北) first, then the areas of ``places.toml`` (北関東, 関西, 九州・沖縄), then the
    headings' parts (東北), then English names; 中国 as in 中国語 or 中国人 is China, not the
    Chugoku region.

    Args:
        regions: the article's region headings, in article order.
        inside: spans of place names the gazetteer read; a region name inside a longer one is
            part of that name (九州 in 北九州市), not a region.
    """
    low = text.lower()
    taken = [False] * len(text)
    found: list[Named] = []

    def claim(name: str, heads: tuple[str, ...], prefs: tuple[str, ...], start: int, end: int) -> None:
        # an area is named by its own name however the question wrote it ("Tohoku" → 東北)
        name = canonical.get(name, name)
        m = k.questions.region_suffix.match(text, end)
        end = m.end() if m else end
        if any(taken[start:end]) or any(a <= start and end <= b and b - a > end - start for a, b in inside):
            return
        for j in range(start, end):
            taken[j] = True
        found.append(Named(name, heads, prefs, start, end))

    heads = set(regions)
    canonical = {n: area.name for area in areas() for n in area.names}
    candidates = [(region, 0, (region,), ()) for region in regions]
    for area in areas():
        means = tuple(r for r in area.regions if r in heads)
        if area.regions and not means:
            continue                          # it means a heading this article does not have
        for name in area.names:
            if not name.isascii():
                candidates.append((name, 1, means, area.prefectures))
    candidates += [(part, 2, (region,), ()) for region in regions for part in region.split("・")
                   if part and part != region]
    places = {p.name for p in prefectures()} | {p.stem for p in prefectures()}
    for name, rank, means, prefs in sorted(candidates, key=lambda c: (-len(c[0]), c[1])):
        for m in re.finditer(re.escape(name), text):
            if name == "中国" and re.match(r"中国(語|人|製)", text[m.start():]):
                continue
            if rank == 2 and name in places and not k.questions.region_suffix.match(text, m.end()):
                continue        # 北海道庁 is the prefecture; 北海道地方 or 北海道・東北 the region
            if rank and _glued(text, m.end(), k):
                continue        # 「東日本大震災」, 「北陸新幹線」, 「東北大学」 name other things (「関西圏」 is the area)
            claim(name, means, prefs, m.start(), m.end())
    romaji = {p.romaji for p in prefectures()}
    english = []
    for area in areas():                # an area's own name first: "Hokuriku" is the narrow 北陸
        means = tuple(r for r in area.regions if r in heads)
        if not area.regions or means:
            english += [(n, means, area.prefectures, ()) for n in area.names if n.isascii()]
    english += [(alias, (region,), (), regions_en().get(region, ())) for region in regions
                for alias in regions_en().get(region, ())]
    for alias, means, prefs, partners in sorted(english, key=lambda e: -len(e[0])):
        # (an ASCII name's edges are ASCII ones: 「Kansaiで」 names Kansai)
        for m in re.finditer(rf"(?<![a-z0-9]){re.escape(alias)}(?![a-z0-9])", low):
            # "Hokkaido" is the prefecture; "the Hokkaido region", "Hokkaido/Tohoku" the region
            partner = any(re.match(rf"\W{{1,5}}(?:and\W{{1,3}})?{re.escape(a)}\b", low[m.end():]) or
                          re.search(rf"\b{re.escape(a)}\W{{1,5}}(?:and\W{{1,3}})?$", low[:m.start()])
                          for a in partners if a != alias)
            if alias in romaji and not partner and not k.questions.region_suffix.match(text, m.end()):
                continue
            claim(alias, means, prefs, m.start(), m.end())
    return sorted(found, key=lambda f: f.start)   # "Hokuriku-Koshinetsu": one region, two spans


_AREA_AFTER = re.compile(r"[圏各全域内一二三四五六七八九十]|地区|管内|(?![一-龥々])")


def _glued(text: str, end: int, k: Knowledge) -> bool:
    """Whether an area's name is the start of a longer kanji word: what follows it is kanji that
    is neither a region word (地方, 地区, 管内), nor one of `kanji_after` (以外), nor 圏, 各, 全, 域,
    内 or a numeral (「東北六県」)."""
    return not (_AREA_AFTER.match(text, end) or k.questions.region_suffix.match(text, end)
                or text.startswith(kanji_after(), end))


def read_levels(text: str, k: Knowledge, widening: bool = True) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The levels and municipality kinds a question's target nouns name: "cities" → (市区町村,),
    (市,); 「県と市」 → both levels; 「市区町村」 → all municipalities. Phrases that only widen
    a list (「県庁も含めて」, "not counting the prefectural government") set nothing (unless
    ``widening`` is off: the words of what an exclusion leaves out)."""
    if widening:
        text = k.questions.including.sub(" ", text)
    firsts = list(k.questions.firsts.finditer(text))
    if len(firsts) >= 2:                # 「県内初や23区初」: alternatives of where, no level
        for m in firsts:
            text = text[:m.start()] + " " * (m.end() - m.start()) + text[m.end():]
    found = {level: bool(rx.search(text)) for level, rx in k.questions.levels}
    generic_muni = re.search(r"市区町村|市町村|基礎自治体|municipalit", text, re.I)
    kinds: tuple[str, ...] = ()
    if found.get(LEVEL_MUNICIPALITY) and not generic_muni:
        kinds = tuple(kind for kind, rx in k.questions.kinds if rx.search(text))
        if DESIGNATED in kinds:
            kinds = tuple(kd for kd in kinds if kd != "市")    # "designated cities" are not every city
        if len(kinds) == len(KINDS_EN) - 1 or len(kinds) >= 3:
            kinds = ()                             # 「市・区・町」: every municipality
    levels = tuple(level for level, hit in found.items() if hit)
    return levels, kinds


__all__ = ["KINDS_EN", "LEVELS_EN", "LEVELS_JA", "Named", "Scope", "find_regions", "kind_of", "read_levels"]
