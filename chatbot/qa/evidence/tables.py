"""Evidence for questions about all the cases at once, read from what the index already holds:
each case's facets with their evidence sentences, and the figures its sentences state.

* `by_group`: the facets of a group (rules, uses, vendors, stages) with the cases in scope
  that state each — what is common;
* `by_figure`: the cases in scope that state a figure (staff, period, time saved, start),
  with the figure and its sentence — who is largest or first;
* `by_month`: the cases by the month they started — over time.

Side by side (`by_aspects`) is in `compare`.
"""
from __future__ import annotations

from chatbot.qa.evidence.stated import (Stated, article_year, end_stated, period_stated, staff_stated,
                                        start_stated, time_saved_stated, unit_stated)
from chatbot.qa.evidence.found import Found, Row
from chatbot.qa.evidence.lists import listing_facet
from chatbot.qa.evidence.sentences import Quote
from chatbot.qa.read.tables import names_aspect
from chatbot.qa.read.where import LEVELS_EN, LEVELS_JA, Scope
from chatbot.qa.scope import Scoped
from core.places import prefectures


def in_scope(retriever, scoped: Scoped, group: str = "") -> list[str]:
    """The cases in scope, and among them those with the facets the question names outside the
    group it asks about (「Bardを使っている自治体の用途」: the Bard cases' uses)."""
    return _picked(retriever, scoped, group)[0]


def _picked(r, scoped: Scoped, group: str) -> tuple[list[str], str | None]:
    """`in_scope`'s cases and the facet that picked them (None: none did)."""
    keys = scoped.keys(r)
    fkey = _restricting(r, scoped, keys, group)
    return ([k for k in keys if fkey in r.facets.get(k, {})] if fkey else keys), fkey


def _restricting(r, scoped: Scoped, keys: list[str], group: str) -> str | None:
    """The facet that picks the cases a table is of: the rarest the question names outside the
    group it counts — a fact about the rules (「ガイドラインを作った」, 「研修を実施した」) counts as
    outside the rules it has (「研修を実施した自治体で多いルール」)."""
    # (a stage restricts an aggregate — 「本格導入した自治体に共通」 — not a ranking's "trial")
    skip = (group, "info") if group else ("info", "status")
    q = scoped.request.q
    # (not one said as the name of its group: 「多いルールは？」 counts every case's rules)
    asked = [f.key for f in q.facets if f.group not in skip or
             (f.meta and f.group == group and not names_aspect(q, f, r.knowledge))]
    return listing_facet(r.facets, keys, asked) if asked else None


def quote(retriever, key: str, n: int, score: float = 1.0) -> Quote:
    return Quote(key, n, retriever.cases[key].sentences[n], score, 0.0, 0.0, 0.0)


def by_group(retriever, scoped: Scoped, group: str, fewest: bool = False) -> Found:
    """Every facet of the group that a case in scope states, with those cases, most first
    (ties in the order of the knowledge file); regions or levels fewest first when asked so."""
    r, lang = retriever, scoped.request.q.lang
    keys, fkey = _picked(r, scoped, group)
    of = _of_facet(r, fkey, lang)
    if group in ("region", "level", "prefecture"):
        return _by_structure(r, scoped, keys, group, fewest, of)
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
    return Found(scoped, "aggregate", counted, rows=tuple(row for _, row in rows), stated=len(keys), **of)


def _of_facet(r, fkey: str | None, lang: str) -> dict:
    """The facet an aggregate's cases were picked by, as its lead names them."""
    f = next((f for f in r.knowledge.taxonomy.facets if f.key == fkey), None)
    return {"facet": f.key, "label": f.ja if lang == "ja" else f.en} if f else {}


def _by_structure(r, scoped: Scoped, keys: list[str], group: str, fewest: bool = False, of: dict | None = None) -> Found:
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
    return Found(scoped, "aggregate", counted, rows=rows, stated=len(keys), **(of or {}))


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


def by_figure(retriever, scoped: Scoped, figure: str, ascending: bool, top: int = 0, per: str = "",
              ranked: bool = False) -> Found:
    """The cases in scope that state the figure, ordered by it (cases that state none are not
    ranked; ``stated`` says how many did); with ``per`` (region | prefecture | level), the first of
    each — in the article's order, or with ``ranked`` ("Which region started earliest?") in the
    order of their firsts."""
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
    if per:
        return _firsts(r, scoped, found, per, claims, ranked)
    shown = found[:top] if top else found
    rows = tuple(Row(r.cases[k].title, s.text, ((k, s.text, tuple(quote(r, k, n) for n in s.sentences)),))
                 for k, s in shown)
    return Found(scoped, "rank", tuple(k for k, _ in shown), rows=rows, stated=len(found), claims=claims)


def _firsts(r, scoped: Scoped, found: list, per: str, claims, ranked: bool = False) -> Found:
    """「各地方で一番早く導入した自治体」: one row per region (or prefecture), in the article's
    order — or, ``ranked``, in the order of their firsts (``found`` is in ranking order) — with
    the case or cases that come first in it (a tie shows them all)."""
    groups: dict[str, list] = {}
    for k, s in found:
        if getattr(r.cases[k], per):          # (a ministry is in no prefecture)
            groups.setdefault(getattr(r.cases[k], per), []).append((k, s))
    rows = []
    order = list(groups) if ranked else \
        sorted(groups, key=lambda g: min(c.position for c in r.cases.values() if getattr(c, per) == g))
    for g in order:
        best = [(k, s) for k, s in groups[g] if s.value == groups[g][0][1].value]
        rows.append(Row(g, best[0][1].text, tuple((k, r.cases[k].title, tuple(quote(r, k, n) for n in s.sentences))
                                                  for k, s in best)))
    keys = tuple(k for row in rows for k, _, _ in row.cells)
    return Found(scoped, "rank", keys, rows=tuple(rows), stated=len(found), claims=claims)


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
__all__ = ["by_figure", "by_group", "by_month", "first_claims", "in_scope", "quote", "stated"]
