"""A fact: the named (or single found) cases, each quoted with the sentences that answer what
was asked — the best one and those that score close to it; a quote that introduces a list
brings its items, and one that a sentence refers back to (or that refers back) brings that
sentence."""
from __future__ import annotations

import re

from chatbot.qa.evidence.found import Found
from chatbot.qa.evidence.sentences import Quote
from chatbot.qa.policy import Policy
from chatbot.qa.shape.shaped import Shaped


def shape_fact(retriever, found: Found) -> Shaped:
    if found.not_stated:
        return Shaped(found, "none", "not_stated")
    policy = retriever.policy
    per_case = {1: policy.max_quotes, 2: 2}.get(len(found.keys), 1)
    share = policy.quote_share if found.scoped.request.q.asks else policy.untyped_quote_share
    chosen = tuple(x for key in found.keys for x in best(found.quotes[key], policy, per_case, share))
    return Shaped(found, "fact", "closest" if found.closest else "fact", chosen)


def best(quotes: list[Quote], policy: Policy, limit: int, share: float | None = None) -> list[Quote]:
    """The best quote, and further ones that score close to it, up to ``limit``. A quote that
    introduces a list (「以下の内容を掲げ」, a line ending in ：) brings the items that follow it
    (①, ②, ・ …): the list is the answer."""
    if not quotes:
        return []
    top = quotes[0].score
    share = policy.quote_share if share is None else share
    chosen = [x for x in quotes[:limit] if x is quotes[0] or x.score >= share * top]
    by_n = {x.n: x for x in quotes}
    lead = chosen[0]
    items = []
    n = lead.n + 1
    while n in by_n and _ITEM.match(by_n[n].text) and len(items) < _MAX_ITEMS:
        items.append(by_n[n])
        n += 1
    if items and (_INTRODUCES.search(lead.text) or _ITEM.match(lead.text)):
        return [lead, *items, *(x for x in chosen[1:] if x not in items)][:max(limit, len(items) + 1)]
    after = by_n.get(lead.n + 1)
    if len(chosen) < limit and after is not None and after.refers and after.score >= 0 and after not in chosen:
        # the sentence after the best one refers back to it (「これは23区で初の導入」, 「市は…これを
        # 3割減らす目標」): it goes on about what the best one names, so it is quoted with it where
        # there is room (never in place of a quote chosen on its own: a held-out detail was lost so)
        return [lead, after, *chosen[1:]]
    before = by_n.get(lead.n - 1)
    if lead.refers and len(chosen) < limit and before is not None and before.score >= 0 and before not in chosen:
        # the best one refers back (「市は2030年度までにこれを3割減らす目標」): the sentence it refers
        # to says what 「これ」 is, so it is quoted too where there is room
        return [lead, before, *chosen[1:]]
    return chosen


_ITEM = re.compile(r"^\s*([①-⑳]|[・•]|\(?\d{1,2}[).．.]|[（(][一二三四五六七八九十\d]+[)）])")
_INTRODUCES = re.compile(r"(以下|次の|下記)|[:：]\s*$|掲げ|挙げ")
_MAX_ITEMS = 8


__all__ = ["best", "shape_fact"]
