"""A list decided by its words, widened by meaning: the cases whose sentence is among the nearest
of all in scope and holds a good part of the question's words, though not enough of them to be
listed by the words alone."""
from __future__ import annotations

from dataclasses import replace

import numpy as np

from chatbot.qa.evidence.context import content
from chatbot.qa.evidence.found import Found
from chatbot.qa.evidence.sentences import Quote
from chatbot.qa.evidence.support import by_nearest, case_weights, rows_holding
from chatbot.qa.scope import Scoped


def with_nearest(retriever, scoped: Scoped, found: Found) -> Found:
    """``found`` with the cases `by_nearest` reads (a sentence within ``policy.near_gap`` of the
    scope's nearest to the question) whose sentence holds ``policy.near_share`` of its words and
    is nearer than every sentence the words listed by more than ``policy.near_gap``: the article
    said it in other words (「働く環境をよくする」 — 「働きやすい職場作り」, .894), while a word of
    the question in another sense (環境 of 「クラウドAI環境」, .868 at best) listed other cases.
    (Not a sentence about as near as theirs: デジタル庁's 「AI戦略チーム」 beside the cases that
    write 「デジタル戦略」.) Nothing is added to an empty list: that is `by_nearest`'s own reading."""
    if not found.keys:
        return found
    # (its own bar — clearly nearer than every listed sentence — decides, not the rarest noun:
    # いわき市's 「返答時間」 for 「返事が来るまでの時間」 holds 時間 alone)
    near = by_nearest(retriever, scoped, rare_noun=False)
    bar = max(found.reasons[k].dense for k in found.keys) + retriever.policy.near_gap
    extra = [k for k in near.keys if k not in found.keys and near.reasons[k].dense > bar
             and near.reasons[k].lexical >= retriever.policy.near_share] if near is not None else []
    if not extra:
        return found
    reasons = {**found.reasons, **{k: near.reasons[k] for k in extra}}
    keys = tuple(sorted(found.keys + tuple(extra), key=lambda k: (-reasons[k].lexical, retriever.cases[k].position)))
    return replace(found, keys=keys, quotes={**found.quotes, **{k: near.quotes[k] for k in extra}},
                   reasons=reasons, why={**found.why, **{k: near.why[k] for k in extra}})


def by_nearest_one(retriever, scoped: Scoped) -> Found | None:
    """A list every other reading left empty, answered by the one sentence nearest in meaning of
    all in scope when it holds the question's rarest noun that the article writes — one written
    by at most ``policy.one_rare_cases`` of the cases, not a noun that says when or how
    (「実際に」) — and ``policy.one_share`` of its words: 横須賀市's 「活用スキルの底上げ」 for
    「スキルアップも目的に」, 三豊市's 「スマートフォンなどを使って音声でごみ出し方法を尋ねる」 for "ask
    about rubbish collection by speaking into a phone". A question about what the article lacks
    (「情報漏えい事故が実際に起きた」) has a nearest sentence too, but one holding only its common
    words. None otherwise."""
    r, request = retriever, scoped.request
    if not request.vector:
        return None
    words = request.words
    weighted = case_weights(r, content(scoped) + list(words.missing), words.verbs)
    total = sum(w for _, w in weighted)
    in_scope = r.lexical.rows_of(scoped.keys(r))
    how = _adverbial(request.q.rest) if request.q.reading == "ja" else set()
    # (a group read from an adverbial noun, 実際 with its synonym 事実, is still how, not what)
    nouns = [(g, w) for g, w in weighted if not set(g) <= words.verbs and not set(g) & how
             and any(len(t) > 1 for t in g) and np.any(in_scope[rows_holding(r, g)])]
    if not nouns or not total:
        return None
    rarest = max(nouns, key=lambda p: p[1])[0]
    if r.cases_holding(rows_holding(r, rarest)) > r.policy.one_rare_cases * len(r.cases):
        return None
    rows = [row for row in r.nearest_rows(request.vector, in_scope).tolist()
            if r.passage(row)[1] not in r.instructions(r.passage(row)[0])]
    if not rows or rows[0] not in set(rows_holding(r, rarest).tolist()):
        return None
    if request.q.reading == "ja" and _of_unwritten(r, request.q.text, rarest):
        # 「水道料金の問い合わせ」 asks inquiries about a thing no case writes: 枚方市's 「メール問い合わせ」
        # holds the noun, not what it is about (a kind of it the article never names)
        return None
    top = rows[0]
    held = [g for g, _ in weighted if top in set(rows_holding(r, g).tolist())]
    lexical = sum(w for g, w in weighted if g in held) / total
    if lexical < r.policy.one_share:
        return None
    key, n, text = r.passage(top)
    quote = Quote(key, n, text, lexical, 0.0, lexical, 0.0)
    return Found(scoped, "support", (key,), {key: [quote]}, {key: quote},
                 {key: "words:" + ",".join(dict.fromkeys(t for g in held for t in g))})


def _of_unwritten(retriever, text: str, group) -> bool:
    """Whether a Japanese question writes a noun of ``group`` as the head of nouns the article
    never writes — before it with の or in one compound (「水道料金の問い合わせ」, 「住民票交付
    申請」): the question names a kind of that thing no case says, not the thing itself."""
    from core.text import morphemes, nfkc

    ms = morphemes(nfkc(text).lower(), "A")
    forms = [m.normalized_form().lower() for m in ms]
    idf, stop = retriever.bm25.idf, retriever.knowledge.stopwords.lexical
    for i in (i for i, f in enumerate(forms) if f in group):
        j = i - 1 - (i > 0 and forms[i - 1] == "の" and ms[i - 1].part_of_speech()[0] == "助詞")
        run = []
        while j >= 0 and ms[j].part_of_speech()[0] == "名詞" and ms[j].part_of_speech()[1] != "数詞":
            run.append(forms[j])
            j -= 1
        if any(len(t) > 1 and t not in idf and t not in stop for t in run):
            return True
    return False


def _adverbial(text: str) -> set[str]:
    """The nouns of a Japanese text that Sudachi reads as able to be adverbs (実際, 今後, 現在):
    when or how something is, not a thing a case is about."""
    from core.text import morphemes, nfkc

    return {m.normalized_form().lower() for m in morphemes(nfkc(text).lower(), "A")
            if m.part_of_speech()[0] == "名詞" and m.part_of_speech()[2] == "副詞可能"}


__all__ = ["by_nearest_one", "with_nearest"]
