"""Answer policy: which cases answer a question, and which of their sentences are quoted.

Routes pick cases; the question picks sentences (`chatbot.qa.select`):

* a named place (a city, prefecture or ministry) and a question about it: that case, quoted with
  the sentences that answer what was asked;
* a facet or a kind of statement in a "which / how many" question: every case in scope that has
  it — a complete list, not the top few (`chatbot.qa.lists`);
* the article's structure alone (「中国地方の事例は？」, "the towns"): every case in scope;
* otherwise hybrid retrieval, kept only where the question's own words are found.

Abstention, one rule: the article has no answer when the question names a place it has no case
for, is not about AI adoption at all, or when no case in scope holds at least `min_coverage` of
the question's idf-weighted content words (half of it inside a region or prefecture, where few
cases compete) and none is nearer than `dense_floor` in meaning. A word the article never uses
counts as a word the case lacks; an English word the glossary does not know counts for nothing
either way (the glossary helps retrieval, it is never the gate).
"""
from __future__ import annotations

from dataclasses import replace

from chatbot.qa import changes, conversation, lists
from chatbot.qa.compose import Answer, Citation, no_answer, render
from chatbot.qa.conversation import TurnState
from chatbot.qa.context import (Context, as_of, cite, context, coverage, keys_by_case_id, on_topic,
                                regions_of, search)
from chatbot.qa.lead import fact_lead
from chatbot.qa.retrieve import Filters, Retriever
from chatbot.qa.scope import Scope
from chatbot.qa.select import Quote, best, holds, rank
from chatbot.qa.understand import Query, understand
from core.cases import LEVEL_MUNICIPALITY, LEVEL_PREFECTURE
from core.places import Place, prefectures
from core.text import nfkc


def answer_question(retriever: Retriever, question: str, filters: Filters = Filters()) -> Answer:
    """Answer one question on its own (the answer keeps the question as typed)."""
    return answer_turn(retriever, question, filters)[0]


def answer_turn(retriever: Retriever, question: str, filters: Filters = Filters(),
                prev: TurnState | None = None) -> tuple[Answer, TurnState]:
    """Answer a message of a conversation, read in the context of the turn before it.

    Returns:
        The answer (with ``understood_as`` when it was read as a follow-up), and what the next
        message may build on.
    """
    answer, state = _route(retriever, question.strip(), filters, prev)
    if prev is not None and state.reading != "new" and not answer.citations:
        state = prev        # a follow-up that found nothing: the next one builds on what was found
    return replace(answer, question=question), state


def _route(retriever: Retriever, question: str, filters: Filters,
           prev: TurnState | None) -> tuple[Answer, TurnState]:
    when, k = as_of(retriever), retriever.knowledge
    q = understand(question, retriever.gazetteer, regions_of(retriever), k)
    if not question:
        return no_answer(question, q.lang, as_of=when), TurnState(q, Scope())
    if changes.is_version_question(q.text):
        keys = [key for key, c in retriever.cases.items() if any(c.id in p.case_ids for p in q.places)]
        gone = [p.matched for p in q.places if not p.case_ids]
        return _turn(retriever, changes.version_answer(retriever, q, keys, when, gone), q, Scope(), "new")
    reading = conversation.read(q, q.content(k) + [(w,) for w in q.unknown_english(k)], prev, k)
    q = reading.q
    if reading.scope is not None:
        scope, missing = _with_filters(reading.scope, filters), None
    else:
        scope, missing = _scope(retriever, q, filters)
    if missing is not None:
        answer = _place_not_in_article(retriever, q, missing, when)
    else:
        answer = _answer(context(retriever, q, scope, when), follow_up=reading.how != "new")
    names = _names(retriever, q, reading)
    said = conversation.understood_as(reading, names, q.lang)
    if said:
        answer = replace(answer, text=f"{said}\n{answer.text}", understood_as=said)
    return _turn(retriever, answer, q, scope, reading.how)


def _names(retriever: Retriever, q: Query, reading) -> list[str]:
    """The places or cases a follow-up was read as being about, in the answer's language."""
    if reading.how == "place":
        ids = [(p.case_ids[0] if p.case_ids else "", p.name) for p in q.places]
    elif reading.how == "detail":
        ids = [(retriever.cases[key].id, retriever.cases[key].title) for key in reading.carried]
    else:
        return []
    if q.lang == "ja":
        return [name for _, name in ids]
    return [f"{retriever.gazetteer.english_name(cid)} ({name})" if cid and
            retriever.gazetteer.english_name(cid) else name for cid, name in ids]


def _answer(ctx: Context, follow_up: bool = False) -> Answer:
    q, scope = ctx.q, ctx.scope
    if ctx.absent_names and not scope.case_keys:
        return no_answer(q.text, q.lang, about=f"mentioning {', '.join(ctx.absent_names)}",
                         as_of=ctx.as_of)
    if scope.case_keys and q.intent == "fact":
        return case_answer(ctx)
    if q.conditions:
        return lists.condition_answer(ctx)
    if q.facets:
        listed = lists.facet_answer(ctx)
        if listed is not None:
            return listed
        return _facet_missing(ctx, search=not follow_up)
    if q.intent in ("list", "count") and scope.structural and not ctx.content and not ctx.missing:
        return lists.scope_answer(ctx)
    if scope.case_keys:
        return case_answer(ctx)
    return search_answer(ctx)


def _turn(retriever: Retriever, answer: Answer, q: Query, scope: Scope, how: str) -> tuple[Answer, TurnState]:
    keys = keys_by_case_id(retriever)
    cited = tuple(dict.fromkeys(keys[c.case_id][0] for c in answer.citations if c.case_id in keys))
    if not cited:
        # 「横須賀市の利用者数は？」 → not stated; 「そこはいつから？」 still asks about 横須賀市
        cited = tuple(dict.fromkeys(keys[i][0] for p in q.known_places for i in p.case_ids if i in keys))
    return answer, TurnState(q, scope, cited, answer.kind, how)


def _with_filters(scope: Scope, filters: Filters) -> Scope:
    """A follow-up's scope with the UI's filters still applied."""
    return Scope((filters.region,) if filters.region else scope.regions,
                 (filters.level,) if filters.level else scope.levels, scope.kinds,
                 (filters.prefecture,) if filters.prefecture else scope.prefectures,
                 scope.case_keys | filters.case_keys)


def _scope(retriever: Retriever, q: Query, filters: Filters) -> tuple[Scope, Place | None]:
    """The cases a question is about, from its places, regions, levels and kinds plus the UI
    filters.

    Returns:
        The scope, and the place the article has no case for (when that is all it names).
    """
    keys: set[str] = set()
    prefectures = [filters.prefecture] if filters.prefecture else []
    listing = q.intent in ("list", "count") or LEVEL_MUNICIPALITY in q.scope.levels
    for place in q.places:
        if place.kind == "prefecture" and listing and q.level == LEVEL_PREFECTURE \
                and len(q.places) == 1:
            continue   # "which prefectures (県・都庁など) …": a level, not a place
        if place.kind == "prefecture" and (listing or not place.case_ids):
            if listing and retriever.gazetteer.cases_in_prefecture(place.name):
                prefectures.append(place.name)
                continue
        if place.case_ids:
            by_id = keys_by_case_id(retriever)
            keys |= {k for i in place.case_ids for k in by_id.get(i, ())}
    if not keys and prefectures == ([filters.prefecture] if filters.prefecture else []):
        unknown = [p for p in q.places if not p.case_ids]
        # "a Tokyo ward": the prefecture's own name with a municipality word names no city.
        generic = [p for p in unknown if listing and p.prefecture
                   and retriever.gazetteer.cases_in_prefecture(p.prefecture)
                   and _names_prefecture(p)]
        if generic:
            prefectures.append(generic[0].prefecture)
        elif unknown:
            return Scope(), unknown[0]
    levels = (filters.level,) if filters.level else (q.scope.levels if not keys else ())
    regions = (filters.region,) if filters.region else q.scope.regions
    kinds = q.scope.kinds if not keys else ()
    return Scope(regions, levels, kinds, tuple(dict.fromkeys(prefectures)),
                 frozenset(keys) | filters.case_keys), None


def _names_prefecture(place: Place) -> bool:
    name = place.name.lower()
    return any(p.name == place.prefecture and (name.startswith(p.romaji) or name.startswith(p.stem))
               for p in prefectures())


def _place_not_in_article(retriever: Retriever, q: Query, place: Place, as_of: str) -> Answer:
    """The article has no case for this place; offer the cases of its prefecture as related."""
    pref = place.prefecture or (place.name if place.kind == "prefecture" else "")
    related = []
    if pref:
        ids = set(retriever.gazetteer.cases_in_prefecture(pref))
        related = [{"case": c.title, "region": c.region, "level": c.level}
                   for c in retriever.cases.values() if c.id in ids]
    about = f"{place.name}の" if q.lang == "ja" else f"for {place.name}"
    return no_answer(q.text, q.lang, about=about, related=tuple(related), as_of=as_of)


def case_answer(ctx: Context, not_stated: str = "") -> Answer:
    """A question about named organisations: the sentences of their cases that answer it.

    Args:
        not_stated: the label of a facet the case does not mention: the answer then says the
            article does not say it (which is not "no") and quotes the closest sentences.
    """
    r, q, policy = ctx.retriever, ctx.q, ctx.policy
    keys = [key for key in r.cases if key in ctx.scope.case_keys]
    quotes = rank(r, q, keys, ctx.vector, content=ctx.content)
    keys.sort(key=lambda key: -quotes[key][0].score if quotes[key] else 0.0)
    keys = keys[:policy.max_fact_cases]
    if not keys or not any(quotes[key] for key in keys):
        return no_answer(q.text, q.lang, as_of=ctx.as_of)
    if not not_stated and not on_topic(ctx) and max(quotes[key][0].lexical for key in keys) == 0:
        return no_answer(q.text, q.lang, as_of=ctx.as_of)   # 「厚木市の天気は？」: no word of it there
    missing = _not_stated(ctx, keys, quotes)
    if missing:
        return _not_in_case(ctx, keys, missing)
    if not not_stated and q.facets and _facet_not_stated(ctx, keys, quotes):
        facet = next(f for f in q.facets if f.group not in ("status", "info"))
        return case_answer(ctx, facet.ja if q.lang == "ja" else facet.en)
    per_case = {1: policy.max_quotes, 2: 2}.get(len(keys), 1)
    chosen = [x for key in keys for x in best(quotes[key], policy, per_case)]
    cites = [cite(r, i, x) for i, x in enumerate(chosen, start=1)]
    if not_stated:
        names = "、".join(dict.fromkeys(c.case for c in cites))
        heading = (f"記事の{names}の事例には「{not_stated}」についての記述はありません"
                   "（「いいえ」という意味ではなく、記事に書かれていないということです）。"
                   "最も関連する記述は次のとおりです。" if q.lang == "ja" else
                   f"The article's case for {names} does not say anything about '{not_stated}' "
                   "(that is not the same as 'no'). The closest passage:")
    else:
        heading = "\n".join(
            fact_lead(q, ctx.k, r.cases[key], quotes[key][0], _marker(cites, key), 
                      r.gazetteer.english_name(r.cases[key].id), ctx.content, r.bm25.idf)
            for key in keys)
    return Answer(q.text, render(q.text, "fact", cites, q.lang, heading=heading, as_of=ctx.as_of),
                  tuple(cites), (), q.lang, "fact", ctx.as_of)


def _not_stated(ctx: Context, keys: list[str], quotes: dict[str, list[Quote]]) -> str:
    """What the question asks of the named case that the case does not state: a name the
    article never mentions ("Copilot"), or a figure of a kind no sentence holds (asked how many
    staff of a case that gives no number). "" when the case may answer."""
    if ctx.absent_names:
        return ", ".join(ctx.absent_names)
    asked = [t for t in ctx.q.asks if t in ctx.policy.stated_types]
    if not asked:
        return ""
    types = [t for t in ctx.k.questions.answer_types if t.name in asked]
    sentences = (x.text for key in keys for x in quotes[key])
    if any(holds(t, nfkc(s), ctx.k, ctx.q.units) for s in sentences for t in types):
        return ""
    return "・".join(_ASKED_JA.get(t, t) for t in asked) if ctx.q.lang == "ja" else \
        " or ".join(_ASKED_EN.get(t, t) for t in asked)


_ASKED_JA = {"count": "数", "time": "時間", "share": "割合", "duration": "期間", "price": "金額", "date": "時期"}
_ASKED_EN = {"count": "a number", "time": "an amount of time", "share": "a share", "duration": "a period",
             "price": "an amount of money", "date": "a date"}


def _not_in_case(ctx: Context, keys: list[str], what: str) -> Answer:
    """The named case does not state what was asked: say so, cite nothing, offer the case."""
    r, q = ctx.retriever, ctx.q
    cases = [r.cases[key] for key in keys]
    names = "、".join(c.title for c in cases)
    verb = "mention" if ctx.absent_names else "state"
    text = (f"記事の{names}の事例には、お尋ねの{what}についての記述はありません。"
            if q.lang == "ja" else f"The article's case for {names} does not {verb} {what}.")
    related = tuple({"case": c.title, "region": c.region, "level": c.level} for c in cases)
    return Answer(q.text, text, (), related, q.lang, "none", ctx.as_of)


def _marker(cites: list[Citation], key: str) -> int:
    case_id = key.split(":", 1)[1]
    return next((c.marker for c in cites if c.case_id == case_id), 1)


def _facet_not_stated(ctx: Context, keys: list[str], quotes: dict[str, list[Quote]]) -> bool:
    """The named case has none of the asked facets and its text does not answer in words."""
    facets = ctx.retriever.facets
    asked = [f for f in ctx.q.facets if f.group not in ("status", "info")]
    if not asked:        # a stage or a kind of statement ("plan to …") is not a rule the case lacks
        return False
    if any(f.key in facets.get(key, {}) for key in keys for f in asked):
        return False
    return max(quotes[key][0].lexical for key in keys) < ctx.policy.min_coverage


def search_answer(ctx: Context) -> Answer:
    """No facet and no named case: hybrid retrieval, kept only where the evidence holds."""
    r, q, policy, scope = ctx.retriever, ctx.q, ctx.policy, ctx.scope
    if not on_topic(ctx):
        return no_answer(q.text, q.lang, as_of=ctx.as_of)
    ranked = [c for c in search(ctx, scope.filters()) if scope.admits(c.key, c.case)]
    need = policy.min_coverage / (2 if (scope.prefectures or scope.regions) else 1)
    kept = [c for c in ranked if coverage(ctx, c.case.text) >= need
            or (not ctx.content and max(h.dense for h in c.hits) >= policy.dense_floor)]
    if not kept:
        return no_answer(q.text, q.lang, as_of=ctx.as_of)
    top = kept[0]
    limit = len(kept) if q.intent in ("list", "count") else policy.max_fact_cases
    chosen = [c.key for c in kept if c.score >= policy.relative_cutoff * top.score][:limit]
    if len(chosen) == 1 and q.intent == "fact":
        return case_answer(replace(ctx, scope=replace(scope, case_keys=frozenset(chosen))))
    quotes = rank(r, q, chosen, ctx.vector, content=ctx.content)
    return lists.listing(ctx, [quotes[key][0] for key in chosen], "")


def _facet_missing(ctx: Context, search: bool = True) -> Answer:
    """No case in scope has the asked facet: a named case says so unless its text answers; a
    facet named in passing may still be answered by the question's words (not so in a
    follow-up, whose facet was asked on purpose); else no such case."""
    q = ctx.q
    if ctx.scope.case_keys and q.intent == "fact":
        return case_answer(ctx)
    searched = search_answer(ctx) if search else None
    if searched is not None and searched.citations:
        return searched
    label = "・".join(f.ja if q.lang == "ja" else f.en for f in q.facets)
    where = ctx.scope.describe(q.lang)
    about = (f"{where}で「{label}」に当たる" if where else f"「{label}」に当たる") if q.lang == "ja" \
        else f"matching '{label}'" + (f" ({where})" if where else "")
    return no_answer(q.text, q.lang, about=about, as_of=ctx.as_of)


__all__ = ["TurnState", "answer_question", "answer_turn", "case_answer", "search_answer"]
