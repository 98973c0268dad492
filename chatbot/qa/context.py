"""What answering one question needs, shared by the routes (`answer`, `lists`): the question,
its scope and embedding, and the helpers that cite, measure coverage and search."""
from __future__ import annotations

from dataclasses import dataclass, field

from chatbot.qa.compose import Citation
from chatbot.qa.retrieve import CaseHit, Filters, Retriever
from chatbot.qa.scope import Scope
from chatbot.qa.select import Quote, share, words
from chatbot.qa.understand import Query
from core import dictionary
from core.text import nfkc, tokenize


@dataclass
class Context:
    """One question being answered: what it asks, its scope, its embedding."""

    retriever: Retriever
    q: Query
    scope: Scope
    vector: list[float]
    as_of: str
    content: list[tuple[str, ...]] = field(default_factory=list)   # the question's words
    missing: list[tuple[str, ...]] = field(default_factory=list)   # English words not found
    extra_terms: list[str] = field(default_factory=list)           # Japanese words for retrieval
    absent_names: list[str] = field(default_factory=list)          # "Copilot": not in the article

    @property
    def k(self):
        return self.retriever.knowledge

    @property
    def policy(self):
        return self.retriever.policy


def context(retriever: Retriever, q: Query, scope: Scope, as_of: str) -> Context:
    """Everything the routes need about one question, its embedding computed once.

    An English word the glossary does not know is looked up in the dictionary (JMdict): the
    Japanese words for it that the article uses (each of their words is in the lexical index:
    a set lookup, where a search of the text took 13 ms a word at 10,000 cases) join the
    question's words; when the article uses none, it stays a word the cases lack (``missing``).
    """
    k = retriever.knowledge
    own = q.content(k)
    content, missing = list(own), []
    text = _article_text(retriever)
    idf = retriever.bm25.idf
    looked_up: dict[str, list[str]] = {}     # a word a long question repeats is looked up once
    for word in q.unknown_english(k):
        if word not in looked_up:
            looked_up[word] = []
            for j in dictionary.japanese(word):
                toks = [t for t in tokenize(j) if len(t) > 1] if len(j) > 1 else []
                if toks and all(t in idf for t in toks):
                    looked_up[word] += toks
        group = looked_up[word]
        if group:
            content.append(tuple(dict.fromkeys(group)))
        else:
            missing.append((word,))
    extra = q.lexical_terms + [t for g in content[len(own):] for t in g]
    # A capitalised word no dictionary knows and the article never writes, in any script, names
    # something the article does not have ("Anthropic's Claude"); "Web Services" are words.
    absent = [w for w in q.english_names(k)
              if not dictionary.japanese(w) and not _named_in(w, text, _article_lower(retriever))]
    return Context(retriever, q, scope, retriever.embeddings.embed_query(q.text), as_of,
                   list(dict.fromkeys(content)), missing, extra, absent)


def _named_in(name: str, text: str, lowered: str) -> bool:
    """Whether the article (``text``; ``lowered``: its NFKC, lower case) names it: as written
    (NFKC, any case), in katakana (Anotete → アノテテ), or as a translation JMdict gives
    (Amazon → アマゾン)."""
    import jaconv

    if name.lower() in lowered:
        return True
    kana = jaconv.hira2kata(jaconv.alphabet2kana(name.lower()))
    if len(kana) > 1 and not any(c.isascii() for c in kana) and kana in text:
        return True
    return any(len(j) > 1 and j in text for j in dictionary.japanese(name))


def _article_text(retriever: Retriever) -> str:
    return retriever.memo("article_text", lambda: "\n".join(c.text for c in retriever.cases.values()))


def _article_lower(retriever: Retriever) -> str:
    return retriever.memo("article_lower", lambda: nfkc(_article_text(retriever)).lower())


def keys_by_case_id(retriever: Retriever) -> dict[str, tuple[str, ...]]:
    """Case id → the keys of its cases (one per article that has it), in article order."""
    def build():
        found: dict[str, list[str]] = {}
        for key, c in retriever.cases.items():
            found.setdefault(c.id, []).append(key)
        return {i: tuple(k) for i, k in found.items()}

    return retriever.memo("keys_by_case_id", build)


def regions_of(retriever: Retriever) -> list[str]:
    """The article's region headings in article order."""
    return list(retriever.memo("regions_in_order", lambda: tuple(
        dict.fromkeys(c.region for c in retriever.cases.values() if c.region))))


def search(ctx: Context, filters: Filters) -> list[CaseHit]:
    return ctx.retriever.search(ctx.q.text, filters, extra_terms=ctx.extra_terms,
                                vector=ctx.vector)


def coverage(ctx: Context, text: str) -> float:
    """Share of the question's idf-weighted content words found in a text. English words neither
    the glossary nor the dictionary finds in the article count as words the text lacks: they are
    what the question is about ("taxes", "Anthropic's Claude")."""
    return share(ctx.content + ctx.missing, words(text), ctx.retriever.bm25.idf)


def on_topic(ctx: Context) -> bool:
    """Whether the question is about AI adoption at all (weather and recipes are not)."""
    q, k = ctx.q, ctx.k
    if q.facets or ((q.known_places or ctx.scope.case_keys) and not ctx.content and not ctx.missing):
        return True          # a named case, or the case a follow-up asks about, is the topic
    rx = k.questions.topic_en if q.lang == "en" else k.questions.topic_ja
    return bool(rx.search(q.text)) or (q.lang == "en" and bool(q.terms))


def cite(retriever: Retriever, marker: int, quote: Quote) -> Citation:
    case = retriever.cases[quote.key]
    return Citation(marker, case.title, case.id, case.region, case.level, case.prefecture,
                    quote.text, round(quote.score, 4), case.source, quote.n,
                    instruction=quote.n in retriever.instructions(quote.key))


def as_of(retriever: Retriever) -> str:
    versions = [a.get("version", "") for a in retriever.index.articles]
    return " / ".join(v for v in versions if v)


__all__ = ["Context", "as_of", "cite", "context", "coverage", "keys_by_case_id", "on_topic", "regions_of",
           "search"]
