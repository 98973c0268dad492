"""A list one of whose sentences says all that was asked: the cases that only share its common
part are not what was asked.

「市民への直接のサービスは対象外」 holds every word of "which cases say the AI will not serve
citizens directly"; eleven other cases write 「市民サービスの向上」, which holds citizens and
services — the words the article uses everywhere — but not 直接, the one that makes the question
what it is. When a listed case's sentence holds every noun of the question, a case whose sentence
lacks the question's rarest noun is listed only for the words it shares with the rest of the
article, and leaves the list.
"""
from __future__ import annotations

import re
from dataclasses import replace

from chatbot.qa.evidence.context import content
from chatbot.qa.evidence.found import Found
from chatbot.qa.evidence.sentences import answer_type, sentence_words


def _nouns(retriever, found: Found):
    """The question's noun groups (weighted as `case_weights` does) and, for each listed case,
    those its quote holds (None when it has no quote)."""
    from chatbot.qa.evidence.support import case_weights

    words = found.scoped.request.words
    weighted = case_weights(retriever, content(found.scoped) + list(words.missing), words.verbs)
    nouns: list[tuple[tuple[str, ...], float]] = []
    for g, w in weighted:
        if set(g) <= words.verbs or not any(len(t) > 1 for t in g):
            continue
        # groups sharing a word are one noun read two ways ("leaks": 漏洩・流出 and 漏洩・漏れ)
        same = [(h, v) for h, v in nouns if set(h) & set(g)]
        nouns = [(h, v) for h, v in nouns if not set(h) & set(g)]
        nouns.append((tuple(dict.fromkeys(g + tuple(t for h, _ in same for t in h))), max([w] + [v for _, v in same])))

    def held(key):
        quote = found.reasons.get(key)
        if quote is None:
            return None
        toks = sentence_words(retriever, quote.key, quote.n)
        return frozenset(g for g, _ in nouns if set(g) & toks)
    return nouns, {k: held(k) for k in found.keys}


def _keeping(found: Found, keys: tuple[str, ...]) -> Found:
    if len(keys) == len(found.keys):
        return found
    return replace(found, keys=keys, quotes={k: found.quotes[k] for k in keys if k in found.quotes},
                   reasons={k: found.reasons[k] for k in keys if k in found.reasons},
                   why={k: found.why[k] for k in keys if k in found.why})


def _words_list(found: Found, sources=("support", "search")) -> bool:
    """A list of two cases or more decided by the question's words (not a facet's), whose
    question joins no alternatives (「AやB」: each alternative is said in its own sentence)."""
    return found.source in sources and not found.facet and len(found.keys) >= 2 \
        and not found.scoped.request.words.options


def without_common_part(retriever, found: Found) -> Found:
    """``found`` without the cases whose quote lacks the question's rarest noun, when another
    listed case's quote holds every noun of it (a list of words, not of a facet; never emptied:
    the complete case stays). Questions joining alternatives (「AやB」) are left as they are:
    each alternative is said in its own sentence."""
    if not _words_list(found):
        return found
    nouns, have = _nouns(retriever, found)
    if len(nouns) < 2:
        return found
    rarest = max(nouns, key=lambda gw: gw[1])[0]
    if not any(h is not None and len(h) == len(nouns) for h in have.values()):
        return found
    return _keeping(found, tuple(k for k in found.keys if have[k] is None or rarest in have[k]))


def one_reading(retriever, found: Found) -> Found:
    """``found`` with only the cases that read the question as its nearest sentence does, when
    its words are split over the cases: no listed sentence holds two of its nouns and they hold
    different ones (「国のAIに関する会議で…報告した」 lists three 会議 of a city and the 報告 of
    the ministries; 「返事が来るまでの時間」 lists 藤岡市's 「議会答弁」 beside いわき市's 「返答時間」).
    The noun of the sentence nearest in meaning — nearer than every sentence holding another
    by ``policy.near_gap``, as `with_nearest` reads it — is what the question asks of them; the
    others share one of its words in another sense."""
    if not _words_list(found, ("support",)):
        return found
    nouns, have = _nouns(retriever, found)
    held = {k: h for k, h in have.items() if h}
    if len(nouns) < 2 or any(len(h) > 1 for h in held.values()) or len(set(held.values())) < 2:
        return found
    dense = {k: found.reasons[k].dense for k in held}
    nearest = max(held, key=dense.get)
    others = [dense[k] for k in held if held[k] != held[nearest]]
    if max(others) > dense[nearest] - retriever.policy.near_gap:
        return found      # (not clearly nearer: both readings stay)
    return _keeping(found, tuple(k for k in found.keys if k not in held or held[k] == held[nearest]))


def within_facet(retriever, found: Found) -> Found:
    """``found``, a facet's list, without the cases that write none of the question's rare words
    beyond the facet, when another listed case's quote holds them all: the facet is wider than the
    question (「中核となる職員を対象に研修会を開いた」 names 'Training', whose other cases' 体験会 and
    勉強会 say nothing of 中核; "greetings meant for people outside the office": 静岡県's 「外部向けの
    あいさつの文章」, not every greeting). Rare: a noun in kanji or katakana that at most
    ``policy.narrow_rare`` of the cases write — a common word (職員, 業務) never decides —, not a
    verb, its noun or an adverb (how it is asked: 予定, 既に), not a name in Latin letters
    ("Microsoft's Azure"), nor the head of the facet's own phrase (「著作権の問題」 is the copyright
    facet). Not when the question joins alternatives ("records, reports or checks", 「LoGoチャット
    （ロゴチャット）」): each is said in its own sentence."""
    from chatbot.qa.evidence.support import case_weights, facet_groups, rows_holding
    from core.text import adverbs
    from core.verbs import verb_nouns

    r, scoped = retriever, found.scoped
    words, q = scoped.request.words, scoped.request.q
    if found.source != "facet" or len(found.keys) < 2 or words.options \
            or r.knowledge.questions.any_of.search(q.text) or _PAREN.search(q.text):
        return found
    covered = facet_groups(r, scoped)
    asked = {t for g in covered for t in g}
    how = set(words.verbs) | (verb_nouns(q.rest) | adverbs(q.rest) if q.reading == "ja" else set())
    heads = [w for w in q.facet_words if w] if q.reading == "ja" else []
    rare = [g for g, _ in case_weights(r, content(scoped) + list(words.missing), words.verbs)
            if not set(g) & asked and not set(g) <= how and all(_NOUN.fullmatch(t) for t in g)
            and not any(h + t in q.text or any(h + j + t in q.text for j in _JOINS) for h in heads for t in g)
            and 0 < r.cases_holding(rows_holding(r, g)) <= r.policy.narrow_rare * len(r.cases)]
    if not rare:
        return found
    complete = False
    for key in found.keys:
        quote = found.reasons.get(key)
        if quote is not None and all(set(g) & sentence_words(r, quote.key, quote.n) for g in rare):
            complete = True
    if not complete:
        return found
    # (the case is weighed whole: a rare word its quote lacks may be in another of its sentences)
    holders = set().union(*(r.keys_at(rows_holding(r, g)) for g in rare))
    return _keeping(found, tuple(k for k in found.keys if k in holders))


# A noun the question is narrowed by: kanji or katakana (not 無い, nor a Latin name).
_NOUN = re.compile(r"[一-龥々ァ-ヶー]{2,}")
_PAREN = re.compile(r"[(（]")
_JOINS = ("の", "な", "的な", "的")


def agreeing(retriever, found: Found) -> Found:
    """``found`` with only the cases whose quote says something is not done, when the question
    asks what is not done (「住民に直接提供するサービスには使わない」, 「期間がまだ決まっていない」,
    "not yet decided") and some listed quote says so (「市民への直接のサービスは対象外」, 「期間は
    未定」): a case listed for saying the thing is done (「住民向けサービスでは…に活用します」, 「試験
    期間は6月9日から7月末まで」) shares the question's words but says the contrary. Not a list of a
    rule (a ban is its facet's own negation, in whatever words its cue reads), nor a requirement
    (「講習を受けないと使えない」)."""
    k, q = retriever.knowledge, found.scoped.request.q
    if found.source not in ("support", "search", "facet") or len(found.keys) < 2 \
            or not ("negative" in q.asks or k.questions.negated.search(q.text)) or k.questions.needs.search(q.text):
        return found
    if found.facet and k.taxonomy.by_key[found.facet].group == "rule":
        return found
    negative = answer_type(k, "negative").find
    says = tuple(key for key in found.keys if key in found.reasons and negative.search(found.reasons[key].text))
    return _keeping(found, says) if says else found


__all__ = ["agreeing", "one_reading", "within_facet", "without_common_part"]
