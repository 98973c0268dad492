"""The words that say how a thing is asked, not what: a question's verbs weigh at most a share
of its nouns.

A case-level idf makes a word rarer in the article weigh more, which is right for a noun (it is
what the question is about) and wrong for a verb or adjective the question asks in (「住民への
サービスを良くすることも狙っている」: no case writes 良くする or 狙う — they write 向上 and 目指す —
so the two verbs outweighed 住民 and サービス, and the cases that say 「市民サービスの向上を目指す」
held less than half of the question). Capped, the nouns decide, as `case_weights` intends.

Applied where a list is decided sentence by sentence (`support.by_sentences`) only: the other
users of `case_weights` (a facet set aside, what no case writes) keep their measured weights.
"""
from __future__ import annotations

from core.verbs import of_a_verb


def how_words(groups, verbs) -> frozenset[str]:
    """The question's verbs and the words of its groups that are a verb's 連用形 noun (「議事録
    づくり」's 作り, 「…を狙いにしている」's 狙い, 「知事発言あり」's 有り): they say what is done or
    how it is asked, as a verb does, and weigh as one."""
    return frozenset(verbs) | {t for g in groups for t in g if of_a_verb(t)}


def capped_verbs(weighted: list[tuple[tuple[str, ...], float]], verbs, cap: float) -> list[tuple[tuple[str, ...], float]]:
    """Each verb group's weight, at most ``cap`` times the mean weight of the question's noun
    groups — when it has two nouns or more: one noun alone (「文章をわかりやすくする」) says
    what it asks through its verb too, and a question of verbs only has nothing else to say."""
    nouns = [w for g, w in weighted if not set(g) <= verbs]
    if len(nouns) < 2 or len(nouns) == len(weighted):
        return weighted
    most = cap * sum(nouns) / len(nouns)
    return [(g, min(w, most) if set(g) <= verbs else w) for g, w in weighted]


__all__ = ["capped_verbs", "how_words"]
