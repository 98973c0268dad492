"""How an English question's words read in the article's Japanese, beyond the glossary: the
dictionary's readings a word is mostly meant in, and phrasal verbs read whole.

A JMdict headword glosses many English words in senses other than its own (此れ "this" is also
"special", 持つ "to hold" also "held" of a meeting, 付ける "false" of false eyelashes), and a verb
of a phrasal verb reads as something else alone ("set" 決める of "set up", "look" 様子 of "look
into", "carry" 持つ of "carry out"). A question read with those words lists cases that write
them, or none at all.
"""
from __future__ import annotations

import re

from chatbot.qa.read.spelling import article_glosses, article_words
from core import dictionary

_WORD = re.compile(r"[a-z][a-z'-]*")
_HIRAGANA = re.compile(r"[ぁ-ゖー]+")


def content_glosses(retriever) -> dict[str, tuple[str, ...]]:
    """`article_glosses` without two-word glosses that hold a function word ("before long" 直ぐ
    for "long"; `core.dictionary.gloss_index`)."""
    words = retriever.knowledge.stopwords.function_words
    return retriever.memo("content_gloss_index", lambda: dictionary.gloss_index(retriever.bm25.idf, words))


def glossed_loosely(retriever, word: str) -> bool:
    """Whether the article writes a word JMdict glosses with ``word`` only in a two-word gloss
    with a function word ("long" of "before long"): a reading left out, not a topic it lacks."""
    loose = set(dictionary.glossed(word, article_glosses(retriever))) - set(dictionary.glossed(word, content_glosses(retriever)))
    return any(len(w) > 1 and not _HIRAGANA.fullmatch(w) for w in loose)


def dictionary_words(word: str, idf: dict, lists: bool) -> tuple[str, ...]:
    """The article's words for an English word as JMdict reads it: for a list, in the first sense
    of the entries that gloss it when they have some ("special" 特定, not 此れ; "services" サービス,
    not 勤務), else in any sense (a word read loosely still asks for something)."""
    return (head_words(word, idf) if lists else ()) or article_words(dictionary.japanese(word), idf)


def glossed_words(retriever, word: str, lists: bool = True) -> tuple[str, ...]:
    """The article's words JMdict glosses with ``word`` (水道 "water supply" for "water"; see
    `core.dictionary.gloss_index`), words of one character left out (水 is in too many), and
    words in hiragana alone (こう glossed "meeting", これ "this": function words of the article).
    For a list, not through a gloss with a function word ("before long" 直ぐ for "long")."""
    index = content_glosses(retriever) if lists else article_glosses(retriever)
    return tuple(w for w in dictionary.glossed(word, index) if len(w) > 1 and not _HIRAGANA.fullmatch(w))


def head_words(word: str, idf: dict) -> tuple[str, ...]:
    """The article's words for an English word, from the dictionary entries that gloss it in
    their first sense ("special" → 特定, not 此れ)."""
    return article_words(dictionary.head_japanese(word), idf)


def head_verbs(word: str, idf: dict) -> tuple[str, ...]:
    """The article's verbs for an English verb, from entries glossing it in their first sense."""
    return article_words(dictionary.head_verbs(word), idf, whole=True)


def phrasal_verbs(text: str, stopwords, idf: dict) -> dict[str, tuple[str, ...]]:
    """The words of the phrasal verbs of an English question ("set up", "look into", "came up
    with"), each mapped to the article's verbs for the phrase as the dictionary reads it whole
    in a first sense (nothing when it does not: the verb alone is another word, and the
    particle no topic). A verb with an adverbial particle (up, out, off, …) is one when the
    dictionary knows the verb; with a preposition, only when it knows the phrase ("deal with",
    not "groups on")."""
    words = _WORD.findall(text.lower())
    particles, prepositions = stopwords.particles, stopwords.prepositions
    irregular = dict(stopwords.irregular)
    out: dict[str, tuple[str, ...]] = {}
    for i, word in enumerate(words[:-1]):
        after = words[i + 1:i + 3]
        if after[0] not in particles | prepositions or word in particles | prepositions:
            continue
        plain = [irregular[word]] if word in irregular else list(dictionary.forms(word))
        runs = [after[:2]] if len(after) == 2 and after[1] in particles | prepositions else []
        runs.append(after[:1])
        known = [(f"{p} {' '.join(run)}", run) for run in runs for p in plain if dictionary.verbs(f"{p} {' '.join(run)}")]
        if not known and not (after[0] in particles and any(dictionary.verbs(p) for p in plain)):
            continue
        phrase, run = known[0] if known else (f"{plain[0]} {after[0]}", after[:1])
        out.update((p, ()) for p in run)
        # a verb with a preposition the article does not say whole reads as before ("pay" of "pay
        # for": the verb is what the question asks); one with an adverbial particle is read whole
        if head_verbs(phrase, idf) or run[0] in particles:
            out[word] = head_verbs(phrase, idf)
    return out


__all__ = ["content_glosses", "dictionary_words", "glossed_loosely", "glossed_words", "head_verbs", "head_words", "phrasal_verbs"]
