"""Complete lists: every case in scope that has the asked facet or kind of statement, or every
case of a region, level or kind — each quoted with the sentence that answers the question (the
facet's evidence sentence when nothing answers better), led by the count and the scope in
plain words.
"""
from __future__ import annotations

import re
from dataclasses import replace

from chatbot.qa.compose import Answer, no_answer, render
from chatbot.qa.context import Context, cite
from chatbot.qa.lead import list_lead
from chatbot.qa.select import Quote, rank, share
from core.text import nfkc, tokenize


def facet_answer(ctx: Context) -> Answer | None:
    """Every case in scope with the asked facet; None when no case in scope has it."""
    r, q, scope = ctx.retriever, ctx.q, ctx.scope
    in_scope = [key for key, c in r.cases.items() if scope.admits(key, c)]
    fkey = listing_facet(r.facets, in_scope, [f.key for f in q.facets])
    if fkey is None:
        return None
    matched = [key for key in in_scope if fkey in r.facets.get(key, {})]
    matched = _by_figures(ctx, matched)
    if _names_what_the_article_lacks(ctx):
        return no_answer(q.text, q.lang, as_of=ctx.as_of)
    facet = r.knowledge.taxonomy.by_key[fkey]
    evidence = {key: r.facets[key][fkey] for key in matched}
    quotes = rank(r, q, matched, ctx.vector, evidence=evidence, content=ctx.content)
    matched.sort(key=lambda key: (-quotes[key][0].score, r.cases[key].position))
    return listing(ctx, [quotes[key][0] for key in matched], facet.ja if q.lang == "ja" else facet.en)


# The answer types a figure condition's sentences hold (for choosing the quote).
_CONDITION_ASKS = {"staff": ("count",), "end_month": ("date", "until"), "length_months": ("duration",)}


def condition_answer(ctx: Context) -> Answer:
    """Every case in scope whose own figures meet the question's conditions ("more than 1,000
    staff", "trials due to end in July"), quoted with the sentence that states the figure."""
    r, q, scope, k = ctx.retriever, ctx.q, ctx.scope, ctx.k
    keys = [key for key, c in r.cases.items() if scope.admits(key, c)
            and all(cond.holds(c, k) for cond in q.conditions)]
    if not keys:
        return no_answer(q.text, q.lang, as_of=ctx.as_of)
    asks = tuple(dict.fromkeys(q.asks + tuple(a for c in q.conditions for a in _CONDITION_ASKS[c.field])))
    quotes = rank(r, replace(q, asks=asks), keys, ctx.vector, content=ctx.content)
    keys.sort(key=lambda key: r.cases[key].position)
    return listing(ctx, [quotes[key][0] for key in keys], "")


def scope_answer(ctx: Context) -> Answer:
    """「四国の事例は？」, "the towns": the scope is the whole question — every case in it."""
    r, q, scope = ctx.retriever, ctx.q, ctx.scope
    keys = [key for key, c in r.cases.items() if scope.admits(key, c)]
    quotes = rank(r, q, keys, ctx.vector, content=ctx.content)
    if not q.asks:      # nothing to match: each case's opening sentence says what it is about
        return listing(ctx, [min(quotes[key], key=lambda x: x.n) for key in keys if quotes[key]], "")
    return listing(ctx, [quotes[key][0] for key in keys if quotes[key]], "")


def listing(ctx: Context, quotes: list[Quote], what: str) -> Answer:
    """The list answer: count and scope first, then one quote per case."""
    q, r = ctx.q, ctx.retriever
    if not quotes:
        return no_answer(q.text, q.lang, as_of=ctx.as_of)
    cites = [cite(r, i, x) for i, x in enumerate(quotes, start=1)]
    kind = q.intent if q.intent != "fact" else ("fact" if len(cites) == 1 else "list")
    heading = list_lead(q, ctx.scope, what, [c.case for c in cites])
    return Answer(q.text, render(q.text, kind, cites, q.lang, heading=heading, as_of=ctx.as_of),
                  tuple(cites), (), q.lang, kind, ctx.as_of)


def listing_facet(facets: dict[str, dict[str, int]], keys: list[str], asked: list[str]) -> str | None:
    """The facet a list is built from: the rarest one the question names that a case in scope has.

    Long questions name facets in passing ("…the ward's test uses Azure OpenAI under its
    guideline", "use or plan to use it for translation"); the rarest facet is the one that
    picks the cases, and the broader ones would only drop cases that do not mention them.
    """
    def count(f):
        return sum(1 for k in keys if f in facets.get(k, {}))

    present = [f for f in dict.fromkeys(asked) if count(f)]
    return min(present, key=lambda f: (count(f), f)) if present else None


def _by_figures(ctx: Context, keys: list[str]) -> list[str]:
    """"Trials for about 100 staff", "until the end of September": figures the question names
    (a number with its unit; 「23区」 is a group, not a figure) pick the cases that state them
    (when any does)."""
    rx = ctx.k.questions.conditions["figure"]
    numbers = {next(g for g in m.groups() if g).replace(",", "")
               for m in rx.finditer(nfkc(ctx.q.rest))}
    if not numbers:
        return keys

    def states(key):
        text = nfkc(ctx.retriever.cases[key].text).replace(",", "")
        return bool(numbers & set(re.findall(r"\d+", text)))

    kept = [key for key in keys if states(key)]
    return kept or keys


def _names_what_the_article_lacks(ctx: Context) -> bool:
    """The question's own words beyond the facet it names are mostly words the article never
    uses (「…ルールに違反した職員への罰則や処分…」): there is no such case, whatever the facet.
    Only a Japanese question's own words count: an English question's Japanese words are the
    glossary's, and one it renders badly says nothing about the article."""
    if ctx.q.lang != "ja":
        return False
    asked = {t for words in ctx.q.facet_words for t in tokenize(words)}
    leftover = [g for g in ctx.content if not set(g) & asked]
    if not leftover:
        return False
    idf = ctx.retriever.bm25.idf
    return share(leftover, frozenset(idf), idf) < ctx.policy.min_coverage


__all__ = ["condition_answer", "facet_answer", "listing", "listing_facet", "scope_answer"]
