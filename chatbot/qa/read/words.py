"""The question's own words, as the later stages weigh them: its content words (groups of
alternatives), the English words the article does not use, Japanese words for retrieval, and
names the article never mentions."""
from __future__ import annotations

from dataclasses import dataclass

from chatbot.qa.catalog import article_lower, article_text
from chatbot.qa.read.understand import Query
from core import dictionary
from core.text import tokenize


@dataclass(frozen=True)
class Words:
    """What makes a question specific, beyond its places and scope."""

    content: tuple[tuple[str, ...], ...] = ()   # word groups (alternatives of one meaning)
    missing: tuple[tuple[str, ...], ...] = ()   # English words no dictionary finds in the article
    extra: tuple[str, ...] = ()                 # Japanese words for the lexical search
    absent: tuple[str, ...] = ()                # "Copilot": a name the article never writes


def words_of(retriever, q: Query) -> Words:
    """The question's words.

    An English word the glossary does not know is looked up in the dictionary (JMdict): the
    Japanese words for it that the article uses (each of their words is in the lexical index:
    a set lookup, where a search of the text took 13 ms a word at 10,000 cases) join the
    question's words; when the article uses none, it stays a word the cases lack (``missing``).
    """
    k = retriever.knowledge
    own = q.content(k)
    content, missing = list(own), []
    idf = retriever.bm25.idf
    for word in q.unknown_english(k):
        group: list[str] = []
        for j in dictionary.japanese(word):
            toks = [t for t in tokenize(j) if len(t) > 1] if len(j) > 1 else []
            if toks and all(t in idf for t in toks):
                group += toks
        if group:
            content.append(tuple(dict.fromkeys(group)))
        else:
            missing.append((word,))
    extra = q.lexical_terms + [t for g in content[len(own):] for t in g]
    # A capitalised word no dictionary knows and the article never writes, in any script, names
    # something the article does not have ("Anthropic's Claude"); "Web Services" are words.
    text, lowered = article_text(retriever), article_lower(retriever)
    absent = [w for w in q.english_names(k) if not dictionary.japanese(w) and not _named_in(w, text, lowered)]
    return Words(tuple(dict.fromkeys(content)), tuple(missing), tuple(extra), tuple(absent))


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


__all__ = ["Words", "words_of"]
