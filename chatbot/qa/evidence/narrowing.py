"""The words that make a question narrower than the facet its list was built from (「無償」 in
「無償トライアル」): a list of a facet keeps the cases whose sentences also write them."""
from __future__ import annotations

import re

import numpy as np

from chatbot.qa.evidence.context import content
from chatbot.qa.evidence.found import Found
from chatbot.qa.evidence.lists import passed_through
from chatbot.qa.evidence.sentences import weights
from chatbot.qa.evidence.support import facet_groups, in_passing, rows_holding
from chatbot.qa.scope import Scoped
from core.places.readings import is_kanji
from core.text import adverbs, tokenize
from core.verbs import verb_alone, verb_nouns


def narrowing_groups(retriever, scoped: Scoped, listed: Found) -> tuple[tuple[str, ...], ...]:
    """The question's words that make it narrower than the facet a list was built from: words
    the article uses (an English question's glossary words, not the dictionary's guesses) that
    few of the facet's cases hold — 「無償」 in 「無償トライアル」, not 「実施」 in 「アンケートを
    実施」. Empty when they weigh less than ``policy.narrow_weight`` of the question."""
    r, policy, q = retriever, retriever.policy, scoped.request.q
    # (and an English question's literal words: "call centre" → コールセンター, "bot")
    own = set(q.content(r.knowledge)) | set(scoped.request.words.literal)
    # (and a verb's group with the noun the article writes for it: 見直す → 見直し)
    own |= {g for g in scoped.request.words.content for o in own if len(g) > len(o) and g[:len(o)] == o}
    covered = facet_groups(r, scoped)
    labelled = {t for f in q.facets for t in tokenize(f.ja)}
    weighted = weights(content(scoped) + list(scoped.request.words.missing), r.bm25.idf)
    total = sum(w for _, w in weighted)
    listed_keys = set(listed.keys)
    unwritten = _unwritten_facet_words(r, q)
    # (nor the words of a stage the cases passed through: 「試行を経て」 of 「…本格導入に移った」)
    passed = passed_through(r, q)
    unwritten |= {t for f, w in zip(q.facets, q.facet_words) if passed and f in passed[1] for t in tokenize(w)}
    narrowing, labels, rare_labels = [], [], []
    # (and a verb's noun: 「議事録づくり」's 作り, which 職場作り elsewhere writes, is how it is asked)
    verbs = scoped.request.words.verbs | (verb_nouns(q.rest) if q.reading == "ja" else set())
    how = verbs | (adverbs(q.rest) if q.reading == "ja" else set())
    for group, w in weighted:
        if group not in own or not any(t in r.bm25.idf for t in group):
            continue
        # the facet label's own words narrow it only when several of its cases write them and
        # the rest do not (「誤字脱字」 of 'proofreading': 添削 and リライト are not it)
        label_word = group in covered and set(group) & labelled
        if label_word:
            labels.append(group)
        if set(group) <= unwritten:
            continue          # nor do the parts of words that asked for it in other words (外国語)
        # (a verb's group as the question writes it: its verbal noun, 決定 for 「決めた」, widens the
        # cases that hold it, never makes a verb narrow a facet — `read.verbal_nouns`)
        if set(group) <= verbs and q.reading == "ja" and _of_the_facet(q.text, q.facet_words, group[0]):
            continue          # 「研修会や勉強会を開いている」: holding the facet's own thing is having it
        rows = rows_holding(r, tuple(t for t in group if t not in scoped.request.words.said_as))
        if set(group) <= verbs:     # a verb is held where it is written on its own: 取り組む is not 組む
            rows = np.array([row for row in rows.tolist()
                             if any(verb_alone(r.passage(row)[2], t) for t in group)], dtype=np.int64)
        if r.cases_holding(rows) > policy.narrow_rare * len(r.cases):
            continue          # a word many cases use (「実施」) narrows nothing
        holders = r.keys_at(rows)
        # a follow-up narrowing the few cases on screen: a word some of them lack narrows them
        bound = len(listed_keys) if scoped.request.how == "narrow" else policy.narrow_df * len(listed_keys)
        if label_word and _one_part(r, q, scoped, group, rows, holders & listed_keys):
            rare_labels.append(group)
        elif label_word and not policy.label_narrow <= len(holders & listed_keys) < len(listed_keys) / 2:
            continue
        if label_word or len(holders & listed_keys) < bound:
            narrowing.append((group, w, len(holders & listed_keys)))
    if (not set(labels) <= {g for g, _, _ in narrowing} or not _one_word(q.text, labels)) \
            and not (len(labels) == 1 and labels == rare_labels):
        # ... and only when every label word the question asks it by does (「翻訳や多言語」 asks
        # the facet, not the few cases that write 多言語)
        narrowing = [x for x in narrowing if x[0] not in labels]
    if not total or sum(w for _, w, _ in narrowing) < policy.narrow_weight * total:
        return ()
    if all(set(g) <= how and n < policy.verb_narrow for g, _, n in narrowing):
        # a verb one case of the facet happens to write (「作った」: 策定 elsewhere) says how, as
        # does an adverb (「AIが直接答える」: 伊賀市's 「直接のサービスは対象外」 is no such case)
        return ()
    return tuple(g for g, _, _ in narrowing)


def _one_part(r, q, scoped: Scoped, group, rows, held) -> bool:
    """Whether a label word alone asked for the facet and names one part of a label of several
    (「講習」 of 「研修・講習の実施」, 「リライト」 of 「校正・誤字脱字チェック・リライト」) that at most
    ``policy.narrow_one`` of the article's cases write, some of the facet's among them: the
    question asks that part, not every case of the facet (no alternatives: 「翻訳や多言語」)."""
    if scoped.request.words.options or not held or r.cases_holding(rows) > r.policy.narrow_one * len(r.cases) \
            or in_passing(r, scoped):
        return False     # (「学校給食の献立」: 学校 only modifies 給食 — not the facet, nor a part of it)
    asked = [tuple(tokenize(w)) for w in q.facet_words if w]
    parts = [p for f in q.facets for p in re.split(r"[・/()（）]", f.ja) if p]
    return asked == [group] and len(parts) > 1 and any(group[0] in p for p in parts)


def _of_the_facet(text: str, facet_words, verb: str) -> bool:
    """Whether the question writes the verb with the words that asked for the facet as its
    object (「研修会や勉強会を開いている」, 「ガイドラインを設けた」): the verb is how the facet's
    thing is had, not a narrower topic — 開催 written by half the training cases is no narrowing
    of 『研修・講習の実施』. Between the facet's word and を only more of the same noun phrase
    (「会や勉強会」: no particle but や), each of its coordinated nouns within ``_OBJECT_SPAN``
    of the last ・ or や (「研修・講習・勉強会・体験会などを開く」); the verb's kanji right after を."""
    stem = verb[:next((i for i, ch in enumerate(verb) if not is_kanji(ch)), len(verb))]
    if not stem:
        return False
    for word in facet_words:
        start = text.find(word) if word else -1
        if start < 0:
            continue
        end = start + len(word)
        since = end           # where the noun phrase's last coordinated noun began
        for i in range(end, len(text)):
            if i - since >= _OBJECT_SPAN:
                break
            if text[i] == "を":
                if text.startswith(stem, i + 1):
                    return True
                break
            if text[i] in _COORDINATING:
                since = i + 1
            elif text[i] in _PARTICLES:
                break
    return False


# how far after the facet's word its を may be (「研修会や勉強会を」), and what ends the noun phrase
_OBJECT_SPAN = 12
_PARTICLES = frozenset("がはにでのへとも、。？?！!「」")
_COORDINATING = frozenset("・や")


def _one_word(text: str, groups) -> bool:
    """Whether the label words are several written as one word of the question (「誤字脱字」):
    a part of the label named as such, not a word the facet is asked by (「窓口」, 「FAQ」)."""
    firsts = [g[0] for g in groups]
    return len(firsts) > 1 and "".join(firsts) in text


def _unwritten_facet_words(retriever, q) -> set[str]:
    """The tokens of the words that asked a Japanese question's facets which the article never
    writes as the question does: 「外国語に訳す」 asks for translation, and 外国 (of 外国人 in one
    case) is no narrower topic; 「条例」, which the article writes, still narrows its guidelines."""
    if q.reading != "ja" or not q.facet_words:
        return set()
    from chatbot.qa.catalog import article_lower

    text = article_lower(retriever)     # NFKC, as the question is read (ＳＮＳ is SNS)
    return {t for w in q.facet_words if w.lower() not in text for t in tokenize(w)}


__all__ = ["narrowing_groups"]
