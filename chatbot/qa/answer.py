"""Answer policy: which cases answer a question, and which sentence proves each.

Three routes, chosen from what the question names (see `understand`):

* facets (a rule, use, vendor or status): every case in scope that has the facet, each quoted
  with the evidence sentence found at ingest — a complete list, not the top few;
* places (a city, prefecture or ministry): the best sentences of that organisation's case;
* otherwise: hybrid retrieval, kept only when the question's own words are found in the case.

When nothing in scope answers, the answer says so, cites nothing and may offer related cases.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from functools import lru_cache

from chatbot.qa.compose import Answer, Citation, no_answer, render
from chatbot.qa.retrieve import CaseHit, Filters, Retriever
from chatbot.qa.understand import Query, understand
from core.cases import LEVEL_MUNICIPALITY, LEVEL_PREFECTURE
from core.knowledge import Knowledge
from core.places import Place, prefectures
from core.text import tokenize


def answer_question(retriever: Retriever, question: str, filters: Filters = Filters()) -> Answer:
    """Answer one question from the served index (the answer keeps the question as typed)."""
    answer = _route(retriever, question.strip(), filters)
    return replace(answer, question=question)


def _route(retriever: Retriever, question: str, filters: Filters) -> Answer:
    as_of = _as_of(retriever)
    q = understand(question, retriever.gazetteer, retriever.regions, retriever.knowledge)
    if not question:
        return no_answer(question, q.lang, as_of=as_of)
    scope, missing = _scope(retriever, q, filters)
    if missing is not None:
        return _place_not_in_article(retriever, q, missing, as_of)
    if q.facets:
        return _facet_answer(retriever, q, scope, as_of)
    if scope.case_keys:
        return _case_answer(retriever, q, scope, as_of)
    return _search_answer(retriever, q, scope, as_of)


def _scope(retriever: Retriever, q: Query, filters: Filters) -> tuple[Filters, Place | None]:
    """The cases a question is about, from its places, level and region plus the UI filters.

    Returns:
        The filters, and the place the article has no case for (when that is all it names).
    """
    keys: set[str] = set()
    prefecture = filters.prefecture
    listing = q.intent in ("list", "count") or q.level == LEVEL_MUNICIPALITY
    for place in q.places:
        if place.kind == "prefecture" and listing and q.level == LEVEL_PREFECTURE:
            continue   # "which prefectures (県・都庁など) …": a level, not a place
        if place.kind == "prefecture" and (listing or not place.case_ids):
            if listing and retriever.gazetteer.cases_in_prefecture(place.name):
                prefecture = place.name
                continue
        if place.case_ids:
            keys |= {k for k, c in retriever.cases.items() if c.id in place.case_ids}
    if not keys and not (prefecture and prefecture != filters.prefecture):
        unknown = [p for p in q.places if not p.case_ids]
        # "a Tokyo ward": the prefecture's own name with a municipality word names no city.
        generic = [p for p in unknown if listing and p.prefecture
                   and retriever.gazetteer.cases_in_prefecture(p.prefecture)
                   and _names_prefecture(p)]
        if generic:
            prefecture = generic[0].prefecture
        elif unknown:
            return filters, unknown[0]
    level = filters.level or (q.level if not keys else "")
    region = filters.region or q.region
    return Filters(region, level, prefecture, frozenset(keys) | filters.case_keys), None


def _names_prefecture(place: Place) -> bool:
    name = place.name.lower()
    return any(p.name == place.prefecture and (name.startswith(p.romaji) or name.startswith(p.stem))
               for p in prefectures())


def _place_not_in_article(retriever: Retriever, q: Query, place: Place, as_of: str) -> Answer:
    """The article has no case for this place; offer the cases of its prefecture as related."""
    pref = place.prefecture or (place.name if place.kind == "prefecture" else "")
    related = []
    if pref:
        for cid in retriever.gazetteer.cases_in_prefecture(pref):
            for key, case in retriever.cases.items():
                if case.id == cid:
                    related.append({"case": case.title, "region": case.region, "level": case.level})
    about = f"{place.name}の" if q.lang == "ja" else f"for {place.name}"
    return no_answer(q.text, q.lang, about=about, related=tuple(related), as_of=as_of)


def _facet_answer(retriever: Retriever, q: Query, scope: Filters, as_of: str) -> Answer:
    """Every case in scope with the asked facets, each quoted with its evidence sentence."""
    in_scope = [k for k, c in retriever.cases.items() if scope.admits(k, c)]
    keys = select_facets(retriever.facets, in_scope, [f.key for f in q.facets])
    matched = [(k, retriever.facets[k][keys[0]]) for k in in_scope
               if all(f in retriever.facets.get(k, {}) for f in keys)]
    numbers = _numbers(q.rest)
    if numbers and any(_has_number(retriever.cases[k], numbers) for k, _ in matched):
        # "trials for about 100 staff", "until the end of September": figures pick the cases.
        matched = [(k, n) for k, n in matched if _has_number(retriever.cases[k], numbers)]
    if not matched:
        if scope.case_keys:   # the named case has no such facet: say so, unless its text answers
            answer = _case_answer(retriever, q, scope, as_of)
            if answer.citations and _answers_in_words(retriever, q, answer):
                return answer
            facet = retriever.knowledge.taxonomy.by_key[keys[0]]
            return _case_answer(retriever, q, scope, as_of,
                                not_stated=facet.ja if q.lang == "ja" else facet.en)
        searched = _search_answer(retriever, q, scope, as_of)
        if searched.citations:   # the facet was named in passing; the words still find the case
            return searched
        label = "・".join(f.ja if q.lang == "ja" else f.en for f in q.facets)
        return no_answer(q.text, q.lang, about=_missing_facet(label, scope, q.lang), as_of=as_of)
    ranked = {c.key: c.score for c in _search(retriever, q, scope)}
    matched.sort(key=lambda m: (-ranked.get(m[0], 0.0), retriever.cases[m[0]].position))
    cites = [_cite(retriever, i, key, n, ranked.get(key, 0.0))
             for i, (key, n) in enumerate(matched, start=1)]
    facet = retriever.knowledge.taxonomy.by_key[keys[0]]
    where = "・".join(x for x in (scope.region, scope.prefecture, scope.level) if x)
    heading = (f"記事で{where + 'の' if where else ''}「{facet.ja}」に当たる事例は {len(cites)} 件です。"
               if q.lang == "ja" else
               f"{len(cites)} case{'s' if len(cites) > 1 else ''} in the article"
               f"{' (' + where + ')' if where else ''} match{'' if len(cites) > 1 else 'es'} "
               f"'{facet.en}' (quoted in Japanese):")
    return _listing(q, cites, as_of, heading=heading)


def _answers_in_words(retriever: Retriever, q: Query, answer: Answer) -> bool:
    """Whether the quoted sentences hold most of the question's own words."""
    words = _case_words(" ".join(c.passage for c in answer.citations))
    return _share(_question_terms(q, retriever.knowledge), words, retriever.bm25.idf) >= \
        retriever.policy.min_coverage


def _numbers(text: str) -> set[str]:
    return set(re.findall(r"\d+", text.replace(",", "")))


def _has_number(case, numbers: set[str]) -> bool:
    found = set(re.findall(r"\d+", unicodedata.normalize("NFKC", case.text).replace(",", "")))
    return bool(found & numbers)


def select_facets(facets: dict[str, dict[str, int]], keys: list[str], asked: list[str]) -> list[str]:
    """The facet a list is built from: the rarest one the question names.

    Long questions name facets in passing ("…the ward's test uses Azure OpenAI under its
    guideline", "use or plan to use it for translation"); the rarest facet is the one that
    picks the cases, and the broader ones would only drop cases that do not mention them.
    """
    def count(f):
        return sum(1 for k in keys if f in facets.get(k, {}))

    present = [f for f in dict.fromkeys(asked) if count(f)]
    return [min(present, key=lambda f: (count(f), f))] if present else list(asked[:1])


def _missing_facet(label: str, scope: Filters, lang: str) -> str:
    where = "・".join(x for x in (scope.region, scope.prefecture, scope.level) if x)
    if lang == "ja":
        return f"{where}で「{label}」に当たる" if where else f"「{label}」に当たる"
    return f"matching '{label}'" + (f" ({where})" if where else "")


def _case_answer(retriever: Retriever, q: Query, scope: Filters, as_of: str,
                 not_stated: str = "") -> Answer:
    """A question about named organisations: their best sentences.

    Args:
        not_stated: the label of a facet the case does not mention: the answer then says the
            article does not say it (which is not "no") and quotes the closest sentences.
    """
    ranked = _search(retriever, q, scope)
    if not ranked:
        return no_answer(q.text, q.lang, as_of=as_of)
    k = retriever.knowledge
    if not not_stated and not on_topic(q, k) and \
            _coverage(ranked[0], _question_terms(q, k), retriever.bm25.idf) == 0:
        return no_answer(q.text, q.lang, as_of=as_of)
    chosen = ranked[:max(1, min(len(scope.case_keys), retriever.policy.max_fact_cases))]
    per_case = 2 if len(chosen) == 1 else 1   # one organisation: its two best sentences
    cites = []
    for c in chosen:
        for h in _best_sentences(c, q, k)[:per_case]:
            cites.append(_cite(retriever, len(cites) + 1, c.key, h.n, h.score))
    heading = ""
    if not_stated:
        label = not_stated
        names = "、".join(dict.fromkeys(c.case for c in cites))
        heading = (f"記事の{names}の事例には「{label}」についての記述はありません"
                   "（「いいえ」という意味ではなく、記事に書かれていないということです）。"
                   "最も関連する記述は次のとおりです。" if q.lang == "ja" else
                   f"The article's case for {names} does not say anything about '{label}' "
                   "(that is not the same as 'no'). The closest passage:")
    return Answer(q.text, render(q.text, "fact", cites, q.lang, heading=heading, as_of=as_of),
                  tuple(cites), (), q.lang, "fact", as_of)


def _best_sentences(hit: CaseHit, q: Query, k: Knowledge):
    """A case's sentences for a question, best first; "how much / when" prefers a stated figure."""
    hits = list(hit.hits)
    if k.questions.quantity.search(q.text):
        top = hits[:3]
        top.sort(key=lambda h: (not re.search(r"[0-9０-９]", h.text), -h.score))
        hits = top + hits[3:]
    return hits


def _search_answer(retriever: Retriever, q: Query, scope: Filters, as_of: str) -> Answer:
    """No facet and no place: hybrid retrieval, kept only where the evidence holds."""
    k, policy = retriever.knowledge, retriever.policy
    terms = _question_terms(q, k)
    scoped = bool(scope.region or scope.level or scope.prefecture)
    ranked = _search(retriever, q, scope)
    if not terms and scoped and q.intent in ("list", "count"):
        # "四国の事例は？": the scope is the whole question — every case in it.
        keys = [k for k, c in retriever.cases.items() if scope.admits(k, c)]
        by_score = {c.key: c for c in ranked}
        keys.sort(key=lambda k: retriever.cases[k].position)
        cites = [_cite(retriever, i, k, by_score[k].hits[0].n if k in by_score else 0,
                       by_score[k].score if k in by_score else 0.0)
                 for i, k in enumerate(keys, start=1)]
        return _listing(q, cites, as_of)
    if not on_topic(q, k):
        return no_answer(q.text, q.lang, as_of=as_of)
    idf = retriever.bm25.idf
    # Inside a prefecture or region few cases compete: half the usual evidence will do.
    need = policy.min_coverage / (2 if (scope.prefecture or scope.region) else 1)
    kept = [c for c in ranked if _coverage(c, terms, idf) >= need
            or (not terms and max(h.dense for h in c.hits) >= policy.dense_floor)]
    if not kept:
        return no_answer(q.text, q.lang, as_of=as_of)
    top = kept[0]
    limit = len(kept) if q.intent in ("list", "count") else policy.max_fact_cases
    chosen = [c for c in kept if c.score >= policy.relative_cutoff * top.score][:limit]
    cites = [_cite(retriever, i, c.key, c.hits[0].n, c.score) for i, c in enumerate(chosen, start=1)]
    return _listing(q, cites, as_of)


def _listing(q: Query, cites: list[Citation], as_of: str, heading: str = "") -> Answer:
    if not cites:
        return no_answer(q.text, q.lang, as_of=as_of)
    kind = q.intent if q.intent != "fact" else ("fact" if len(cites) == 1 else "list")
    return Answer(q.text, render(q.text, kind, cites, q.lang, heading=heading, as_of=as_of),
                  tuple(cites), (), q.lang, kind, as_of)


def _search(retriever: Retriever, q: Query, scope: Filters) -> list[CaseHit]:
    return retriever.search(q.text, scope, extra_terms=q.lexical_terms)


def _question_terms(q: Query, k: Knowledge) -> list[tuple[str, ...]]:
    """What makes the question specific, as groups of alternative words: Japanese content
    words one by one, or the glossary groups of an English question."""
    generic = k.stopwords.generic
    if q.lang == "en":
        groups = [tuple(t for t in g if t not in generic) for g in q.term_groups]
        # English words the glossary does not know stay in, as words no case contains.
        unknown = [(w,) for w in english_words(q.rest) if w not in generic and not k.glossary.japanese(w)]
        numbers = [(n,) for n in re.findall(r"\d+", q.rest.replace(",", ""))]
        return [g for g in groups if g] + unknown + numbers
    return [(t,) for t in tokenize(q.rest) if t not in generic and not k.stopwords.scope_token.fullmatch(t)]


def _coverage(hit: CaseHit, groups: list[tuple[str, ...]], idf: dict[str, float]) -> float:
    """Share of the question's word groups (weighted by rarity) found in the case's text."""
    return _share(groups, _case_words(hit.case.text), idf)


def _share(groups: list[tuple[str, ...]], words: frozenset[str], idf: dict[str, float]) -> float:
    """Share of word groups (weighted by rarity) of which some word is in ``words``."""
    if not groups:
        return 0.0
    top = max(idf.values(), default=1.0)
    total = found = 0.0
    for group in dict.fromkeys(groups):
        # A word no case contains weighs like a rare word: it is what the question is about.
        weight = max(idf.get(t, top) for t in group)
        total += weight
        if any(t in words for t in group):
            found += weight
    return found / total


def english_words(text: str) -> list[str]:
    words = (w.removesuffix("'s") for w in re.findall(r"[a-z][a-z'-]+", text.lower()))
    return [w for w in words if len(w) > 2]


@lru_cache(maxsize=4096)
def _case_words(text: str) -> frozenset[str]:
    return frozenset(tokenize(text))


def on_topic(q: Query, k: Knowledge) -> bool:
    """Whether the question is about AI adoption at all (weather and recipes are not)."""
    if q.facets:
        return True
    if q.known_places and not _question_terms(q, k):
        return True
    rx = k.questions.topic_en if q.lang == "en" else k.questions.topic_ja
    return bool(rx.search(q.text)) or (q.lang == "en" and bool(q.terms))


def _cite(retriever: Retriever, marker: int, key: str, n: int, score: float) -> Citation:
    case = retriever.cases[key]
    n = n if 0 <= n < len(case.sentences) else 0
    return Citation(marker, case.title, case.id, case.region, case.level, case.prefecture,
                    case.sentences[n], score, case.source, n)


def _as_of(retriever: Retriever) -> str:
    versions = [a.get("version", "") for a in retriever.index.articles]
    return " / ".join(v for v in versions if v)
