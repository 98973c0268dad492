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
    return found.keeping(keys)


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
    # (of three nouns or more, the rarest alone is one word in common, not what was asked:
    # 文部科学省's 「…意識を育てることが重要」 for "forbid it for important policy decisions")
    alone = len(nouns) >= 3
    return _keeping(found, tuple(k for k in found.keys if have[k] is None
                                 or rarest in have[k] and not (alone and len(have[k]) == 1)))


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


def agreeing(retriever, found: Found) -> Found:
    """``found`` with the cases whose quote agrees with the question. A question that asks what
    is not done (「住民に直接提供するサービスには使わない」, 「期間がまだ決まっていない」, "not yet
    decided") keeps the cases whose quote says something is not done, when some do (「市民への
    直接のサービスは対象外」, 「期間は未定」): a case listed for saying the thing is done (「住民向け
    サービスでは…に活用します」, 「試験期間は6月9日から7月末まで」) says the contrary. A question
    that asks what a case uses it for drops the cases whose quote says it is not used for every
    thing of the question it writes (「重要な政策の決定に使う」: 「重要政策決定には使用禁止」) — no
    such case when none is left. Not a list of a rule (a ban is its facet's own negation, in
    whatever words its cue reads), nor a requirement (「講習を受けないと使えない」)."""
    k, q = retriever.knowledge, found.scoped.request.q
    if found.source not in ("support", "search", "facet") or k.questions.needs.search(q.text):
        return found
    if found.facet and k.taxonomy.by_key[found.facet].group == "rule":
        return found
    negative = answer_type(k, "negative").find
    if "negative" in q.asks or k.questions.negated.search(q.text):
        if len(found.keys) < 2:
            return found
        says = tuple(key for key in found.keys if key in found.reasons and negative.search(found.reasons[key].text))
        return _keeping(found, says) if says else found
    if negative.search(q.text):
        return found          # (「禁止している」 asks a rule, whatever its facet)
    nouns = [t for g in content(found.scoped) if not set(g) <= found.scoped.request.words.verbs
             for t in g if len(t) > 1]
    kept = tuple(key for key in found.keys if key not in found.reasons
                 or not _unused(k.questions.unused, found.reasons[key].text, nouns))
    if kept:
        return _keeping(found, kept)
    return replace(found, source="none", keys=(), quotes={}, reasons={}, why={}, none="no_case")


def _unused(unused, text: str, nouns: list[str]) -> bool:
    """Whether the sentence says no use is made of each of the question's nouns it writes: every
    place it writes one is followed in its clause by 「には使用禁止」, 「は対象外」, 「には使わない」."""
    at = [m.end() for t in dict.fromkeys(nouns) for m in re.finditer(re.escape(t), text)]
    return bool(at) and all(unused.match(text, end) for end in at)


__all__ = ["agreeing", "one_reading", "without_common_part"]
