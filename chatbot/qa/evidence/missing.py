"""The English words of a question that no dictionary finds in the article (``Words.missing``)
and that name a topic the cases lack: a noun JMdict knows in kanji ("library" → 図書館,
"percentages" → 百分率, "elderly" → 高齢) — not a verb ("dispose"), a loanword alone
("feedback" → フィードバック, "let" → レット) nor a form no dictionary knows ("built",
"written", "nicer"). Only those weigh in a sentence's share of the question's words: the others
are grammar or a guess the glossary cannot check, and counted as the rarest word of all they left
every sentence short of ``policy.list_share`` ("Which cases let part-time staff use it too?")."""
from __future__ import annotations

from chatbot.qa.scope import Scoped


def names_topic(word: str, ly_adverb: bool = True) -> bool:
    """Whether an English word the article lacks names a topic (see the module); with
    ``ly_adverb``, a word ending in -ly is read as an adverb ("nearly"), which "elderly" is not."""
    from core import dictionary

    return not (ly_adverb and word.endswith("ly")) and not dictionary.verbs(word) and \
        any(not dictionary.loanword(j) for j in dictionary.japanese(word))


def missing_topics(scoped: Scoped) -> list[tuple[str, ...]]:
    """The question's missing word groups that name a topic."""
    return [g for g in scoped.request.words.missing if names_topic(g[0], ly_adverb=False)]


__all__ = ["missing_topics", "names_topic"]
