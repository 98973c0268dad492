"""Evidence from retrieval: no facet, figure or named case picks the cases, so hybrid retrieval
does, and a case is kept only where the question's own words (or, for a question of generic
words only, its meaning) are found."""
from __future__ import annotations

from dataclasses import replace

from chatbot.qa.evidence.context import content, coverage, on_topic, search
from chatbot.qa.evidence.found import Found
from chatbot.qa.evidence.named import named
from chatbot.qa.evidence.sentences import rank, words
from chatbot.qa.scope import Scoped


def by_search(retriever, scoped: Scoped) -> Found:
    r, q, policy, scope = retriever, scoped.request.q, retriever.policy, scoped.scope
    ranked = None
    if not on_topic(r, scoped):
        ranked = [c for c in search(r, scoped, scope.filters()) if scope.admits(c.key, c.case)]
        if not _asked_in_its_words(r, scoped, ranked):
            return Found(scoped, "none", none="off_topic")
    if ranked is None:
        ranked = [c for c in search(r, scoped, scope.filters()) if scope.admits(c.key, c.case)]
    need = policy.min_coverage / (2 if (scope.prefectures or scope.regions) else 1)
    plain = not scoped.request.words.content
    kept = [c for c in ranked if coverage(r, scoped, c.case.text) >= need
            or (plain and max(h.dense for h in c.hits) >= policy.dense_floor)]
    if not kept:
        return Found(scoped, "none", none="no_case")
    top = kept[0]
    limit = len(kept) if q.intent in ("list", "count") else policy.max_fact_cases
    chosen = [c.key for c in kept if c.score >= policy.relative_cutoff * top.score][:limit]
    if len(chosen) == 1 and q.intent == "fact":
        # one case answers a fact question: it is asked about as if named
        return named(r, replace(scoped, scope=replace(scope, case_keys=frozenset(chosen))))
    quotes = rank(r, q, chosen, scoped.request.vector, content=content(scoped))
    return Found(scoped, "search", tuple(chosen), quotes, {key: quotes[key][0] for key in chosen})


def _asked_in_its_words(retriever, scoped: Scoped, ranked) -> bool:
    """Whether a question with no word of AI adoption asks a kind of detail (a count, a date …)
    of what a case says in all the question's own nouns: 「花火大会の警備計画は何
    ページ？」, 「秩父夜祭の見物客はどのくらい？」 ask about a case's 「約80ページある警備計画」 (「今日の天気は？」 is asked of nothing)."""
    q, w = scoped.request.q, scoped.request.words
    nouns = [g for g in w.content if not set(g) <= w.verbs]
    # (「見物客はどのくらい？」: how much, in words no answer type names, is a detail asked too)
    asks = q.asks or retriever.knowledge.questions.quantity.search(q.text)
    if not asks or not nouns or w.missing or w.absent or not ranked:
        return False
    held = frozenset().union(*(words(text) for text in ranked[0].case.sentences))
    return all(not held.isdisjoint(g) for g in nouns)


def related(retriever, scoped: Scoped) -> tuple[str, ...]:
    """When no case answers, the cases the search ranks first that hold ``policy.related_share``
    of the question's words (at most ``policy.related_max``): offered to read beside "no such
    case", never cited — the words may have missed a case that says it in other words."""
    r, scope, policy = retriever, scoped.scope, retriever.policy
    if not on_topic(r, scoped):
        return ()
    ranked = [c for c in search(r, scoped, scope.filters()) if scope.admits(c.key, c.case)]
    near = [c.key for c in ranked[:3 * policy.related_max]
            if coverage(r, scoped, c.case.text) >= policy.related_share]
    return tuple(near[:policy.related_max])


__all__ = ["by_search", "related"]
