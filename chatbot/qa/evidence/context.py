"""Helpers every evidence source shares: how much of the question a text holds, whether the
question is about AI adoption at all, and the retriever's search for one question."""
from __future__ import annotations

from chatbot.qa.evidence.sentences import share, words
from chatbot.qa.retrieve import CaseHit, Filters
from chatbot.qa.scope import Scoped


def content(scoped: Scoped) -> list[tuple[str, ...]]:
    return list(scoped.request.words.content)


def coverage(retriever, scoped: Scoped, text: str) -> float:
    """Share of the question's idf-weighted content words found in a text. English words neither
    the glossary nor the dictionary finds in the article count as words the text lacks: they are
    what the question is about ("taxes", "Anthropic's Claude")."""
    w = scoped.request.words
    return share(list(w.content + w.missing), words(text), retriever.bm25.idf)


def on_topic(retriever, scoped: Scoped) -> bool:
    """Whether the question is about AI adoption at all (weather and recipes are not)."""
    q, w, k = scoped.request.q, scoped.request.words, retriever.knowledge
    nouns = [g for g in w.content if not set(g) <= w.verbs]    # 「組む」 says how, not what about
    # the article's own words (「対象」 of a case that states none): still about its cases
    known = all(any(t in retriever.bm25.idf for t in g) for g in nouns)
    if q.facets or ((q.known_places or scoped.scope.case_keys) and known and not w.missing):
        return True          # a named case, or the case a follow-up asks about, is the topic
    if scoped.scope.case_keys and q.asks:
        return True          # a kind of detail (「どのくらいの期間？」) asked of a named case
    if scoped.scope.case_keys and k.questions.quantity.search(q.text) and _in_case(retriever, scoped):
        return True          # how much of what the named case writes, in words no answer type
        # names (「毎月どれくらいの声が届く？」 of 輪島市's 「…から届く…要望」): a figure of it
    if scoped.request.how == "detail" and not w.missing and not w.absent and _in_case(retriever, scoped):
        return True          # 「最初は何から始める？」 of the case on screen: its 「…から始め」
    rx = k.questions.topic_en if q.lang == "en" else k.questions.topic_ja
    return bool(rx.search(q.text)) or bool(q.terms)


def _in_case(retriever, scoped: Scoped) -> bool:
    """Whether a word or verb of the question is one a case in scope writes (「始める」 of 伊賀市's
    「…支援から始め」; 「天気」 of no case)."""
    w = scoped.request.words
    asked = {t for g in w.content for t in g} | set(w.verbs)
    return bool(asked) and any(asked & words(text) for key in scoped.scope.case_keys if key in retriever.cases
                               for text in retriever.cases[key].sentences)


def search(retriever, scoped: Scoped, filters: Filters) -> list[CaseHit]:
    r = scoped.request
    return retriever.search(r.q.text, filters, extra_terms=list(r.words.extra), vector=r.vector)


__all__ = ["content", "coverage", "on_topic", "search"]
