"""Evidence for a comparison: named cases, the cases of a prefecture, region or facet, or a
comparison's regions, aspect by aspect — side by side. Each cell quotes the sentence it comes from."""
from __future__ import annotations

import re
from dataclasses import replace

from chatbot.qa.catalog import keys_by_case_id
from chatbot.qa.evidence.found import Found, Row
from chatbot.qa.evidence.sentences import Quote
from chatbot.qa.evidence.tables import quote, stated
from chatbot.qa.read.tables import groups_compared, names_aspect
from chatbot.qa.read.where import Scope
from chatbot.qa.scope import Scoped
from core.cases import LEVEL_MUNICIPALITY, LEVEL_NATIONAL, LEVEL_PREFECTURE
from core.places import areas, regions_en

_EMPTY = {"ja": "記載なし", "en": "not stated"}
# Who may use it: 「全職員」, 「希望する職員」, 「利用できる職員を限定」.
_USERS = re.compile(r"全職員|職員全員|すべての職員|全ての職員|全庁|希望する職員|[^、。]{0,12}職員[^、。]{0,6}(?:限定|対象)")


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
    keys, groups = compared(r, scoped), ()
    if keys and not scoped.request.carried and (groups_compared(q) or q.scope.regions or q.scope.areas):
        # 「大阪府と神戸市を比べて」, "Compare Kanto and Yokosuka": a case beside the cases of a
        # prefecture (with none of its own) or a region — each place a column
        parts, names, places = _mixed(r, q, keys)
        members = [[k for k, c in r.cases.items() if p.admits(k, c)] for p in parts]
        if missing := next((p for p, m in zip(places, members) if p and not m), None):
            if sum(1 for m in members if m) < 2:      # 「北海道と神戸市を比べて」: nothing to compare with
                return Found(replace(scoped, missing=missing), "none", none="place")
        if len(parts) >= 2 and sum(map(len, members)) > _FEW:
            return _regions(r, scoped, parts, names)
        if len(parts) >= 2:
            keys = sorted(dict.fromkeys(k for m in members for k in m), key=lambda k: r.cases[k].position)
            groups = tuple(zip(names, map(tuple, members)))
    regions = len(q.scope.regions) + len(q.scope.areas)
    if len(keys) < 2 and regions < 2 and not scoped.request.carried and (facets := list(dict.fromkeys(q.facets))):
        # 「LoGoチャットを使っている自治体を比較して」: the cases of the facet side by side; two of
        # one group (「試験導入と本格導入の自治体を比べて」) each facet's cases as a column
        in_scope = scoped.keys(r)
        columns, rest = _facet_columns(r, q, facets)
        held = [[k for k in in_scope if all(f.key in r.facets.get(k, {}) for f in part + rest)] for part in columns]
        if len(held) >= 2:
            return _regions(r, scoped, [Scope(case_keys=frozenset(h)) for h in held],
                            [f.ja if q.lang == "ja" else f.en for [f] in columns])
        keys = held[0]
        if len(keys) > _FEW:      # many: an overview, one column per level
            levels = [lv for lv in (LEVEL_PREFECTURE, LEVEL_MUNICIPALITY, LEVEL_NATIONAL)
                      if any(r.cases[k].level == lv for k in keys)]
            return _regions(r, scoped, [Scope(case_keys=frozenset(keys), levels=(lv,)) for lv in levels])
    elif len(keys) < 2 and regions < 2 and not scoped.request.carried \
            and (scoped.scope.structural or scoped.scope.prefectures):
        # one region, level or prefecture (「九州の県を比べて」): its cases, or an overview of many —
        # one column per level when it names two (「県と市の違い」, "prefectures and municipalities")
        keys = scoped.keys(r)
        if len(keys) > _FEW:
            levels = scoped.scope.levels
            parts = [replace(scoped.scope, levels=(lv,), kinds=scoped.scope.kinds if lv == LEVEL_MUNICIPALITY else ())
                     for lv in levels] if len(levels) >= 2 else [scoped.scope]
            return _regions(r, scoped, parts)
    elif len(keys) < 2 and regions >= 2:
        # (「関東と近畿でガイドラインを作った自治体を比べて」: each region's cases with that facet;
        # "the most common rules in Kanto and Kyushu": the rules are the aspect asked)
        [facets], rest = _facet_columns(r, q, list(dict.fromkeys(q.facets))) if q.facets else ([[]], [])
        picked = frozenset(k for k in r.cases if all(f.key in r.facets.get(k, {}) for f in facets + rest
                                                       if not names_aspect(q, f, r.knowledge)))
        parts = [replace(p, case_keys=picked) for p in _parts(q)] if q.facets else _parts(q)
        members = [k for p in parts for k, c in r.cases.items() if p.admits(k, c)]
        if len(members) > _FEW:
            return _regions(r, scoped, parts)
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
    return Found(scoped, "compare", tuple(keys), rows=tuple(rows), asked=len(asked), common=common, groups=groups)


def _facet_columns(r, q, facets: list) -> tuple[list[list], list]:
    """The facets a comparison of facets puts side by side, each a column, and the ones every
    column's cases must have: two or more of one group (「本格導入した自治体と試験導入の自治体で、
    ルールの違いは？」: the stages) are the columns; a facet said as the name of its group beside the
    words that compare (「ルールの違い」) names the aspect asked, it picks no case. One facet, or none of a group twice: one
    column of the cases with all of them."""
    said = dict(zip(q.facets, q.facet_words))
    split = next((fs for g in dict.fromkeys(f.group for f in facets)
                  if len(fs := [f for f in facets if f.group == g]) >= 2), None)
    if split is None:
        return [facets], []
    at = {f: q.text.find(said[f]) if said.get(f) and said[f] in q.text else len(q.text) for f in split}
    return [[f] for f in sorted(split, key=at.get)], [f for f in facets if f not in split and not names_aspect(q, f, r.knowledge)]



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
    return [p for _, p in sorted(_placed(q), key=lambda x: x[0])]


def _placed(q) -> list[tuple[int, Scope]]:
    """The regions and areas a question names, each a scope with where the question names it."""
    low = q.text.lower()

    def at(*names: str) -> int:
        return min((i for n in names if n and (i := low.find(n.lower())) >= 0), default=len(low))

    parts = [(at(g, *regions_en().get(g, ())), Scope(regions=(g,))) for g in q.scope.regions]
    named = set(q.scope.areas)          # an area as the question names it: 北陸 or "hokuriku"
    parts += [(at(a.name, *a.names), Scope(areas=(a.name,), area_prefectures=a.prefectures)) for a in areas()
              if a.prefectures and ({a.name, *a.names} & named)]
    return parts


def _mixed(r, q, keys: list[str]) -> tuple[list[Scope], list[str], list]:
    """The places of a comparison that names cases beside prefectures or regions, each a scope of
    its own with its column's name and the prefecture it stands for (None: a case or a region),
    in the order the question names them."""
    low = q.text.lower()
    by_id = keys_by_case_id(r)
    parts = [(low.find(p.matched.lower()), Scope(case_keys=frozenset(by_id[p.case_ids[0]][:1])),
              p.name if q.lang == "ja" else p.matched, None) for p in q.known_places
             if p.case_ids and by_id.get(p.case_ids[0]) and by_id[p.case_ids[0]][0] in keys]
    parts += [(low.find(p.matched.lower()), Scope(prefectures=(p.name,)), p.name if q.lang == "ja" else p.matched, p)
              for p in groups_compared(q)]
    parts += [(at, s, s.describe(q.lang).removeprefix("in ").replace(" / ", "/"), None) for at, s in _placed(q)]
    parts.sort(key=lambda x: x[0])
    return [x[1] for x in parts], [x[2] for x in parts], [x[3] for x in parts]


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
            text = ("、" if q.lang == "ja" else ", ").join(f"{(f.ja if q.lang == 'ja' else f.en)} {len(h)}"
                                                         for f, h in top) or _EMPTY[q.lang]
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


__all__ = ["ASPECTS", "by_aspects", "compared"]
