"""A list decided by its words, widened by meaning: the cases whose sentence is among the nearest
of all in scope and holds a good part of the question's words, though not enough of them to be
listed by the words alone."""
from __future__ import annotations

from dataclasses import replace

from chatbot.qa.evidence.found import Found
from chatbot.qa.evidence.support import by_nearest
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


__all__ = ["with_nearest"]
