"""Evidence for questions about all the cases at once, read from what the index already holds:
each case's facets with their evidence sentences, and the figures its sentences state.

* `by_group`: the facets of a group (rules, uses, vendors, stages) with the cases in scope
  that state each — what is common;
* `by_figure`: the cases in scope that state a figure (staff, period, time saved, start),
  with the figure and its sentence — who is largest or first;
* `by_month`: the cases by the month they started — over time;
* `by_aspects`: named cases (or regions) aspect by aspect — side by side.
"""
from __future__ import annotations

import re
from dataclasses import replace

from chatbot.qa.catalog import keys_by_case_id
from chatbot.qa.evidence.stated import (Stated, article_year, end_stated, period_stated, staff_stated,
                                        start_stated, time_saved_stated, unit_stated)
from chatbot.qa.evidence.found import Found, Row
from chatbot.qa.evidence.lists import listing_facet
from chatbot.qa.evidence.sentences import Quote
from chatbot.qa.read.where import LEVELS_EN, LEVELS_JA, Scope
from chatbot.qa.scope import Scoped
from core.cases import LEVEL_MUNICIPALITY, LEVEL_NATIONAL, LEVEL_PREFECTURE
from core.places import areas, prefectures, regions_en

_EMPTY = {"ja": "記載なし", "en": "not stated"}
# Who may use it: 「全職員」, 「希望する職員」, 「利用できる職員を限定」.
_USERS = re.compile(r"全職員|職員全員|すべての職員|全ての職員|全庁|希望する職員|[^、。]{0,12}職員[^、。]{0,6}(?:限定|対象)")


def in_scope(retriever, scoped: Scoped, group: str = "") -> list[str]:
    """The cases in scope, and among them those with the facets the question names outside the
    group it asks about (「Bardを使っている自治体の用途」: the Bard cases' uses)."""
    r, q = retriever, scoped.request.q
    keys = scoped.keys(r)
    # (a stage restricts an aggregate — 「本格導入した自治体に共通」 — not a ranking's "trial")
    skip = (group, "info") if group else ("info", "status")
    asked = [f.key for f in q.facets if f.group not in skip and not f.meta]
    fkey = listing_facet(r.facets, keys, asked) if asked else None
    return [k for k in keys if fkey in r.facets.get(k, {})] if fkey else keys


def quote(retriever, key: str, n: int, score: float = 1.0) -> Quote:
    return Quote(key, n, retriever.cases[key].sentences[n], score, 0.0, 0.0, 0.0)


def by_group(retriever, scoped: Scoped, group: str, fewest: bool = False) -> Found:
    """Every facet of the group that a case in scope states, with those cases, most first
    (ties in the order of the knowledge file); regions or levels fewest first when asked so."""
    r, lang = retriever, scoped.request.q.lang
    keys = in_scope(r, scoped, group)
    if group in ("region", "level", "prefecture"):
        return _by_structure(r, scoped, keys, group, fewest)
    order = {f.key: i for i, f in enumerate(r.knowledge.taxonomy.facets)}
    rows = []
    for f in r.knowledge.taxonomy.facets:
        if f.group != group or f.meta:
            continue
        cells = tuple((k, r.cases[k].title, (quote(r, k, r.facets[k][f.key]),))
                      for k in keys if f.key in r.facets.get(k, {}))
        if cells:
            rows.append((f.key, Row(f.ja if lang == "ja" else f.en, str(len(cells)), cells)))
    rows.sort(key=lambda x: (-len(x[1].cells), order[x[0]]))
    if not rows:
        return Found(scoped, "none", none="no_case")
    counted = tuple(dict.fromkeys(k for _, row in rows for k, _, _ in row.cells))
    return Found(scoped, "aggregate", counted, rows=tuple(row for _, row in rows), stated=len(keys))


def _by_structure(r, scoped: Scoped, keys: list[str], group: str, fewest: bool = False) -> Found:
    """The cases in scope under each of the article's region headings, at each level (省庁 /
    都道府県 / 市区町村) or in each prefecture, most first (ties in the article's order); each case cites its first
    sentence."""
    lang = scoped.request.q.lang
    groups: dict[str, list[str]] = {}
    for k in sorted(keys, key=lambda k: r.cases[k].position):
        if by := getattr(r.cases[k], group):
            groups.setdefault(by, []).append(k)
    if not groups:
        return Found(scoped, "none", none="no_case")
    ordered = sorted(groups.items(), key=lambda x: len(x[1]) if fewest else -len(x[1]))  # stable

    def label(g: str) -> str:
        if group == "level":
            return (LEVELS_JA if lang == "ja" else LEVELS_EN).get(g, g)
        if group == "prefecture":
            return g if lang == "ja" else next((f"{p.romaji.title()} ({g})" for p in prefectures()
                                                if p.name == g), g)
        return g if lang == "ja" else Scope(regions=(g,)).describe(lang).removeprefix("in ")

    rows = tuple(Row(label(g), str(len(ks)), tuple((k, r.cases[k].title, (quote(r, k, 0),)) for k in ks))
                 for g, ks in ordered)
    counted = tuple(k for _, ks in ordered for k in ks)
    return Found(scoped, "aggregate", counted, rows=rows, stated=len(keys))


_FIGURES = {"staff": staff_stated, "time": time_saved_stated}


def stated(retriever, key: str, figure: str, lang: str = "ja") -> Stated | None:
    """The figure of a kind a case states (None when it states none)."""
    case = retriever.cases[key]
    if figure == "uses":
        return _uses(retriever, key, lang)
    if figure in ("start", "end"):      # a month without a year is in the year the article writes most
        year = retriever.memo("article_year", lambda: article_year(c.text for c in retriever.cases.values()))
        return (start_stated if figure == "start" else end_stated)(case, retriever.knowledge, year)
    if figure == "period":
        return period_stated(case, retriever.knowledge)
    if figure.startswith("unit:"):
        unit = next(u for u in retriever.knowledge.questions.units if u.name == figure[5:])
        return unit_stated(case, unit.find)
    return _FIGURES[figure](case)


def _uses(retriever, key: str, lang: str) -> Stated | None:
    """How many uses a case states (its facets of the use group), named, with their sentences:
    「一番多くの業務で使っている自治体」 ranks by it."""
    r = retriever
    facets = r.facets.get(key, {})
    uses = [f for f in r.knowledge.taxonomy.facets if f.group == "use" and not f.meta and f.key in facets]
    if not uses:
        return None
    ns = tuple(dict.fromkeys(facets[f.key] for f in uses))
    names = ("、" if lang == "ja" else ", ").join(f.ja if lang == "ja" else f.en for f in uses)
    return Stated(float(len(uses)), f"{len(uses)}件：{names}" if lang == "ja" else f"{len(uses)}: {names}",
                  ns[-1], r.cases[key].sentences[ns[-1]], more=ns[:-1])


def by_figure(retriever, scoped: Scoped, figure: str, ascending: bool, top: int = 0) -> Found:
    """The cases in scope that state the figure, ordered by it (cases that state none are not
    ranked; ``stated`` says how many did)."""
    r = retriever
    keys = in_scope(r, scoped)
    found = [(k, s) for k in keys if (s := stated(r, k, figure, scoped.request.q.lang)) is not None]
    claims = first_claims(r, keys, scoped.scope.prefectures) if figure == "start" and ascending else ()
    if not found and claims:      # no month stated, but a case says it was the first: that case
        reasons = {x.key: x for x in claims}
        return Found(scoped, "facet", tuple(reasons), {k: [x] for k, x in reasons.items()}, reasons,
                     {k: "facet:info.first" for k in reasons})
    if not found:
        return Found(scoped, "none", none="no_case")
    found.sort(key=lambda x: (x[1].value if ascending else -x[1].value, r.cases[x[0]].position))
    shown = found[:top] if top else found
    rows = tuple(Row(r.cases[k].title, s.text, ((k, s.text, tuple(quote(r, k, n) for n in s.sentences)),))
                 for k, s in shown)
    return Found(scoped, "rank", tuple(k for k, _ in shown), rows=rows, stated=len(found), claims=claims)


def first_claims(retriever, keys: list[str], prefectures=()) -> tuple[Quote, ...]:
    """Sentences in which a case says it was the first to adopt it — in the country, or in its
    prefecture when one is asked (「全国初で…試験導入」): the article's own word on who was first,
    which a ranking of stated starts cannot give (that case may state no month). A sentence that
    names another case's organisation tells of that one (「横須賀市が全国で初めて導入した事例を
    参考に」), so it is not the claim of the case it stands in."""
    r = retriever
    adopted = r.knowledge.questions.tables["adopted"]
    facets = ("info.first_nationwide", "info.first_local") if prefectures else ("info.first_nationwide",)
    names = r.memo("organisation_names", lambda: {k: c.id.removeprefix(c.prefecture) or c.id
                                                  for k, c in r.cases.items()})
    claims = []
    for k in keys:
        for n in dict.fromkeys(n for f in facets if (n := r.facets.get(k, {}).get(f)) is not None):
            case = r.cases[k]
            sentence = case.sentences[n].replace(case.title, "").replace(names[k], "")
            if adopted.search(sentence) and not any(name in sentence for other, name in names.items()
                                                    if name not in (names[k], case.prefecture)):
                claims.append(quote(r, k, n))
    return tuple(claims)


def by_month(retriever, scoped: Scoped) -> Found:
    """The cases in scope by the month they started (as stated), earliest first."""
    r = retriever
    months: dict[float, list[tuple[str, Stated]]] = {}
    for k in in_scope(r, scoped, "timeline"):      # a stage narrows it: "the ones still in a trial"
        s = stated(r, k, "start")
        if s is not None:
            months.setdefault(s.value, []).append((k, s))
    if not months:
        return Found(scoped, "none", none="no_case")
    rows = tuple(Row(_month(value), str(len(cases)), tuple((k, r.cases[k].title, (quote(r, k, s.n),))
                                                           for k, s in cases))
                 for value, cases in sorted(months.items()))
    keys = tuple(k for row in rows for k, _, _ in row.cells)
    return Found(scoped, "timeline", keys, rows=rows,
                 stated=sum(len(c) for c in months.values()))


def _month(value: float) -> str:
    """A start's month as a timeline labels it (year * 12 + month → 「2023年6月」)."""
    year, month = divmod(int(value) - 1, 12)
    return f"{year}年{month + 1}月"


# The aspects of a comparison, in the order they are shown: (name, ja, en).
ASPECTS = (("status", "導入状況", "Stage"), ("start", "開始時期", "Start"), ("period", "期間", "Period"),
           ("users", "利用する職員", "Who uses it"), ("staff", "職員数", "Staff"),
           ("vendor", "ベンダー・サービス", "Vendor / service"), ("use", "用途", "Uses"),
           ("rule", "ルール", "Rules"), ("time", "短縮した時間", "Time saved"),
           ("info", "特記事項", "Of note"), ("source", "出典", "Source"))


# The words that ask for an aspect (core/domain/questions.toml [tables]); a question naming more
# than _MAX_ASKED of them asks for none in particular.
_ASKED = {"status": "group_status", "start": "figure_start", "period": "figure_period", "staff": "figure_staff",
          "vendor": "group_vendor", "use": "group_use", "rule": "group_rule", "time": "figure_time"}
_MAX_ASKED = 2


def compared(retriever, scoped: Scoped) -> list[str]:
    """The cases a comparison is of: the ones it names (a prefecture's own case), or the ones
    carried from the last answer (「違いは？」)."""
    request = scoped.request
    if request.carried:
        return [k for k in dict.fromkeys(request.carried) if k in retriever.cases]
    by_id = keys_by_case_id(retriever)
    return list(dict.fromkeys(k for p in request.q.known_places for i in p.case_ids[:1]
                              for k in by_id.get(i, ())[:1]))


def by_aspects(retriever, scoped: Scoped) -> Found:
    """Named cases side by side, one row per aspect; a cell quotes the sentence it comes from.
    Two or more regions (no named case) compare their counts of cases, stages, uses and rules."""
    r, q = retriever, scoped.request.q
    keys = compared(r, scoped)
    if len(keys) < 2 and not scoped.request.carried and (facets := list(dict.fromkeys(q.facets))):
        # 「LoGoチャットを使っている自治体を比較して」: the cases of the facet side by side; two of
        # one group (「試験導入と本格導入の自治体を比べて」) each facet's cases as a column
        in_scope = scoped.keys(r)
        held = [[k for k in in_scope if all(f.key in r.facets.get(k, {}) for f in part)]
                for part in ([[f] for f in facets] if len({f.group for f in facets}) == 1 else [facets])]
        if len(held) >= 2:
            return _regions(r, scoped, [Scope(case_keys=frozenset(h)) for h in held],
                            [f.ja if q.lang == "ja" else f.en for f in facets])
        keys = held[0]
        if len(keys) > _FEW:      # many: an overview, one column per level
            levels = [lv for lv in (LEVEL_PREFECTURE, LEVEL_MUNICIPALITY, LEVEL_NATIONAL)
                      if any(r.cases[k].level == lv for k in keys)]
            return _regions(r, scoped, [Scope(case_keys=frozenset(keys), levels=(lv,)) for lv in levels])
    elif len(keys) < 2 and len(q.scope.regions) + len(q.scope.areas) < 2 and not scoped.request.carried \
            and (scoped.scope.structural or scoped.scope.prefectures):
        # one region, level or prefecture (「九州の県を比べて」): its cases, or an overview of many —
        # one column per level when it names two (「県と市の違い」, "prefectures and municipalities")
        keys = scoped.keys(r)
        if len(keys) > _FEW:
            levels = scoped.scope.levels
            parts = [replace(scoped.scope, levels=(lv,), kinds=scoped.scope.kinds if lv == LEVEL_MUNICIPALITY else ())
                     for lv in levels] if len(levels) >= 2 else [scoped.scope]
            return _regions(r, scoped, parts)
    elif len(keys) < 2 and len(q.scope.regions) + len(q.scope.areas) >= 2:
        parts = _parts(q)
        members = [k for p in parts for k, c in r.cases.items() if p.admits(k, c)]
        if len(members) > _FEW:
            return _regions(r, scoped)
        # few enough: every case of the regions, side by side, in the article's order
        keys = sorted(dict.fromkeys(members), key=lambda k: r.cases[k].position)
    if len(keys) < 2:
        return Found(scoped, "none", none="no_case")
    # the aspects the question names ("on time saved", 「ルールを比べて」) come first
    asked = [a for a in ASPECTS if a[0] in _ASKED and r.knowledge.questions.tables[_ASKED[a[0]]].search(q.text)]
    asked = asked if len(asked) <= _MAX_ASKED else []
    rows = []
    for name, ja, en in asked + [a for a in ASPECTS if a not in asked]:
        cells = tuple(_cell(r, k, name, q.lang) for k in keys)
        rows.append(Row(ja if q.lang == "ja" else en, "", cells))
    rows.append(_rest(r, keys, rows, q.lang))
    common = tuple(f.ja if q.lang == "ja" else f.en for f in r.knowledge.taxonomy.facets
                   if not f.meta and all(f.key in r.facets.get(k, {}) for k in keys)) \
        if r.knowledge.questions.tables["common"].search(q.text) else None
    return Found(scoped, "compare", tuple(keys), rows=tuple(rows), asked=len(asked), common=common)


def _rest(r, keys: list[str], rows: list[Row], lang: str) -> Row:
    """What else each case says: the sentences no aspect above cites (a side-by-side view leaves
    nothing a case states unshown)."""
    cells = []
    for i, k in enumerate(keys):
        cited = {x.n for row in rows for x in row.cells[i][2]}
        rest = [n for n in range(len(r.cases[k].sentences)) if n not in cited and n not in r.instructions(k)]
        text = (f"ほか{len(rest)}文" if lang == "ja" else f"{len(rest)} more sentence{'s' * (len(rest) > 1)}") \
            if rest else ("なし" if lang == "ja" else "nothing more")
        cells.append((k, text, tuple(quote(r, k, n) for n in rest)))
    return Row("その他の記載" if lang == "ja" else "Also stated", "", tuple(cells))


def _cell(r, key: str, aspect: str, lang: str) -> tuple[str, str, tuple[Quote, ...]]:
    case = r.cases[key]
    if aspect == "source":
        return key, case.source or _EMPTY[lang], ()
    if aspect == "users":
        n = next((n for n, s in enumerate(case.sentences) if _USERS.search(s)
                  and n not in r.instructions(key)), None)
        return (key, _USERS.search(case.sentences[n]).group(0), (quote(r, key, n),)) if n is not None \
            else (key, _EMPTY[lang], ())
    if aspect in ("start", "period", "staff", "time"):
        s = stated(r, key, aspect)
        return (key, s.text, tuple(quote(r, key, n) for n in s.sentences)) if s else (key, _EMPTY[lang], ())
    facets = [(f, r.facets[key][f.key]) for f in r.knowledge.taxonomy.facets
              if f.group == aspect and not f.meta and f.key in r.facets.get(key, {})]
    if not facets:
        return key, _EMPTY[lang], ()
    labels = ("・" if lang == "ja" else "; ").join(f.ja if lang == "ja" else f.en for f, _ in facets)
    sentences = tuple(dict.fromkeys(n for _, n in facets))[:4]      # each facet's own sentence
    return key, labels, tuple(quote(r, key, n) for n in sentences)


_FEW = 8        # regions with at most this many cases in all are compared case by case


def _parts(q) -> list[Scope]:
    """The regions (or areas) a comparison names, each a scope of its own, in the order the
    question names them (「東北と九州の違い」: 東北 first)."""
    low = q.text.lower()

    def at(*names: str) -> int:
        return min((i for n in names if n and (i := low.find(n.lower())) >= 0), default=len(low))

    parts = [(at(g, *regions_en().get(g, ())), Scope(regions=(g,))) for g in q.scope.regions]
    named = set(q.scope.areas)          # an area as the question names it: 北陸 or "hokuriku"
    parts += [(at(a.name, *a.names), Scope(areas=(a.name,), area_prefectures=a.prefectures)) for a in areas()
              if a.prefectures and ({a.name, *a.names} & named)]
    return [p for _, p in sorted(parts, key=lambda x: x[0])]


def _regions(r, scoped: Scoped, parts: list[Scope] | None = None, names: list[str] | None = None) -> Found:
    """Two regions side by side (or one scope too large to show case by case): how many cases,
    and the stages, uses and rules most of them state. ``names``: the columns' (else the parts')."""
    q = scoped.request.q
    parts = parts or _parts(q)
    names = [n.replace(" / ", "/") for n in names] if names else \
        [p.describe(q.lang).removeprefix("in ").replace(" / ", "/") for p in parts]   # " / " joins them
    members = [[k for k, c in r.cases.items() if p.admits(k, c)] for p in parts]
    rows = [Row("事例数" if q.lang == "ja" else "Cases", "",
                tuple(("", f"{len(m)}", ()) for m in members))]
    for group, ja, en in (("status", "導入状況", "Stage"), ("use", "主な用途", "Main uses"),
                          ("rule", "主なルール", "Main rules"),
                          ("vendor", "主なベンダー・連携先", "Main vendors / partners")):
        cells = []
        for m in members:
            counts = {}
            for f in r.knowledge.taxonomy.facets:
                if f.group == group and not f.meta:
                    held = [k for k in m if f.key in r.facets.get(k, {})]
                    if held:
                        counts[f] = held
            top = sorted(counts.items(), key=lambda x: -len(x[1]))[:3]
            text = "、".join(f"{(f.ja if q.lang == 'ja' else f.en)} {len(h)}" for f, h in top) or _EMPTY[q.lang]
            first = top[0] if top else None
            cells.append((first[1][0] if first else "", text,
                          (quote(r, first[1][0], r.facets[first[1][0]][first[0].key]),) if first else ()))
        rows.append(Row(ja if q.lang == "ja" else en, "", tuple(cells)))
    rows.append(_starts(r, members, q.lang))
    keys = tuple(k for m in members for k in m)
    return Found(scoped, "compare", keys, rows=tuple(rows), label=" / ".join(names))


def _starts(r, members: list[list[str]], lang: str) -> Row:
    """When each region's cases started: the first and last month stated, and how many state one."""
    cells = []
    for m in members:
        found = sorted(((s, k) for k in m if (s := stated(r, k, "start")) is not None), key=lambda x: x[0].value)
        if not found:
            cells.append(("", _EMPTY[lang], ()))
            continue
        (first, k), (last, _) = found[0], found[-1]
        span = first.text.split("（")[0] if first.value == last.value else \
            f"{first.text.split('（')[0]}〜{last.text.split('（')[0]}"
        text = f"{span}（{len(found)}件が記載）" if lang == "ja" else f"{span} ({len(found)} state one)"
        cells.append((k, text, (quote(r, k, first.n),)))
    return Row("開始時期" if lang == "ja" else "Start", "", tuple(cells))


__all__ = ["ASPECTS", "by_aspects", "by_figure", "by_group", "by_month", "compared", "in_scope"]
