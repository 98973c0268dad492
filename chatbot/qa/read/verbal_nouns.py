"""A verb of a question said in the article as a verbal noun of the same kanji: 「研修会を開く」
where a case writes 「体験会も開催」, 「会議で決めた」 where it writes 「会議で決定」, 「調べる」 where it
writes 調査. The case says it in other words, with the verb's own kanji.

The verbal noun is found, not listed: an article word of kanji only that begins with the verb's
kanji and whose first JMdict sense glosses it with an English word one of the verb's senses has
(stems compared: 開催 "holding" for 開く "to hold (a meeting)", 決定 "determination" for 決める).
The kanji must begin the word (対話 "conversation" is no 話す, 意見 "view" no 見る). It is weighed
as the verb is — a way of saying what is done, never a topic of its own — so the question's nouns
still decide the list, and it never makes a verb narrow a facet (`evidence.narrowing`). Used by
`chatbot.qa.read.words` for Japanese lists (for English ones it found nothing more on the tuning
questions, and made one list of a document's "first draft" six times longer)."""
from __future__ import annotations

import re

from core import dictionary
from core.verbs import of_a_verb

_KANJI = re.compile(r"[\u4e00-\u9fff]+")
_NOTE = re.compile(r"\([^()]*\)")
# English endings dropped before glosses are compared: "making" and "make", "holding" and
# "hold", "determination" and "determine", "preparation" and "prepare"
_ENDINGS = ("ation", "ition", "ment", "ing", "ion", "ed", "es", "e", "s")
# a phrasal verb's particle, kept apart from its verb: "to set up" is "set"
_PARTICLES = frozenset({"up", "out", "down", "off"})


def with_verbal_nouns(retriever, groups: list[tuple[str, ...]], verbs: set[str]) -> list[tuple[str, ...]]:
    """Each group of the question's verbs (or a verb's 連用形 noun, 作り) with the article's verbal
    nouns of the same kanji (`verbal_nouns`); the verbal nouns join ``verbs`` (they say how, as
    the verb does: capped as a verb, never a noun the list is about). A verbal noun that is
    another group's word of the question stays that group's (「会議で決定」 asks 決定 itself)."""
    asked = {t for g in groups for t in g}
    out = []
    for g in groups:
        if not all(t in verbs or of_a_verb(t) for t in g):
            out.append(g)
            continue
        found = tuple(w for t in g for w in verbal_nouns(retriever, t) if w not in asked)
        verbs.update(found)
        out.append(tuple(dict.fromkeys(g + found)))
    return out


def verbal_nouns(retriever, verb: str) -> tuple[str, ...]:
    """The article's words of kanji only that begin with a verb's first kanji and whose first
    JMdict sense shares an English stem with one of the verb's senses (開く → 開催, 決める → 決定),
    each written by at most ``policy.gloss_rare`` of the cases: 作成 for 作る, 開始 for 開く, written
    by most cases, would let a question's one noun and its verb make a list of anything (a
    question no case answers, 「…パンフレットを生成AIで作った」, found cases that 作成 something)."""
    memo = retriever.memo("verbal_nouns", dict)
    if verb in memo:
        return memo[verb]
    found: tuple[str, ...] = ()
    if verb and _KANJI.fullmatch(verb[0]):
        by_kanji = retriever.memo("verbal_noun_heads", lambda: _by_first_kanji(retriever.bm25.idf))
        asked = {s for sense in dictionary.senses(verb) for s in _stems(sense)}
        most = retriever.policy.gloss_rare * len(retriever.cases)
        found = tuple(w for w in by_kanji.get(verb[0], ()) if w != verb and _glossed_as(asked, w)
                      and retriever.cases_holding(retriever.bm25.having(w)) <= most)
    memo[verb] = found
    return found


def _glossed_as(asked: set[str], word: str) -> bool:
    """Whether a word's first JMdict sense says what the verb's glosses (``asked``, stems) say:
    two of its glosses do (開催 "holding", "opening" for 開く), or one of its first two (決定
    "determination" for 決める "to determine", 調査 "investigation" for 調べる). A gloss further
    down is a side meaning: 作業 "work; operation; manufacturing" is no 作る "to manufacture"."""
    first = (dictionary.senses(word) or ((),))[0]
    shared = {s for s in _stems(first) if any(_same(s, a) for a in asked)}
    return len(shared) > 1 or bool(shared & _stems(first[:2]))


def _same(a: str, b: str) -> bool:
    """Two stems of one English word: equal, or one begins the other and is five letters or
    more (investig- of "investigation", investigat- of "to investigate")."""
    short, long = sorted((a, b), key=len)
    return short == long or len(short) >= 5 and long.startswith(short)


def _by_first_kanji(idf: dict) -> dict[str, tuple[str, ...]]:
    """The article's words of two kanji or more, by their first kanji."""
    out: dict[str, list[str]] = {}
    for w in idf:
        if len(w) > 1 and _KANJI.fullmatch(w):
            out.setdefault(w[0], []).append(w)
    return {c: tuple(sorted(ws)) for c, ws in out.items()}


def _stems(glosses) -> set[str]:
    """The stems of a sense's one-word glosses (a verb's "to" and a phrasal particle left out,
    notes in brackets dropped): "to investigate" → investigat; "holding (a meeting)" → hold."""
    out = set()
    for gloss in glosses:
        words = _NOTE.sub(" ", gloss.lower()).split()
        if words[:1] == ["to"]:
            words = words[1:]
        if len(words) == 2 and words[1] in _PARTICLES:
            words = words[:1]
        if len(words) != 1:
            continue
        w = words[0]
        for ending in _ENDINGS:
            if w.endswith(ending) and len(w) - len(ending) >= 4:
                w = w[:-len(ending)]
                break
        out.add(w)
    return out


__all__ = ["verbal_nouns", "with_verbal_nouns"]
