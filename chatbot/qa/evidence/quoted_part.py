"""A facet's list narrowed by what its quotes say beyond the facet.

"Which cases check that generated images do not infringe copyright?" names 'Copyright', whose
ten cases each have a sentence saying so; one of those sentences also says 画像 — the thing that
makes the question narrower than the facet. 「段階別の講習」, 「8つのルール」, 「ワークショップ」: a
question that adds a noun few of the article's cases write, which some of the facet's quoted
sentences hold and most do not, asks for those cases, not for every case of the facet.

`narrowing_groups` and `rare_part` read the same thing for a case's whole text and weigh it
against the rest of the question; this reads the sentence each case is listed for, which says
the facet and the narrower thing together.
"""
from __future__ import annotations

import re

from dataclasses import replace

from chatbot.qa.evidence.complete import _nouns
from chatbot.qa.evidence.found import Found
from chatbot.qa.evidence.rare_part import _INFLECTED, _said_as_verbs
from chatbot.qa.evidence.support import facet_groups, rows_holding
from chatbot.qa.scope import Scoped
from core.text import adverbs
from core.verbs import verb_nouns


def by_quoted_part(retriever, scoped: Scoped, listed: Found) -> Found | None:
    """The cases of a facet's list whose quote holds the question's rarest noun beyond the facet
    — a noun at most ``policy.narrow_rare`` of the article's cases write, held by the quotes of
    some but at most ``policy.quoted_part_share`` of the listed cases. None when there is no
    such noun, or the question joins alternatives (「AやB」: each is said in its own sentence)."""
    r, policy, words, q = retriever, retriever.policy, scoped.request.words, scoped.request.q
    if listed.source != "facet" or len(listed.keys) < 3 or words.options or len(q.facets) > 1 \
            or r.knowledge.questions.any_of.search(q.text) or q.alternate_actions:
        return None     # (two facets asked: `by_facet` reads how they join; "records, usage reports
                        # or administrator checks", 「見直したり更新したり」: each alternative is said
                        # in its own sentence)
    nouns, have = _nouns(r, listed)
    covered = {t for g in facet_groups(r, scoped) for t in g}
    # (an English facet word's head noun is the facet's own phrase: "greeting messages")
    covered |= _heads(r, q)
    # how it is done, not what: a verb's noun or an adverb (「初めて」), a word read as a verb
    # after its subject ("what they learn")
    how = set(words.verbs) | (verb_nouns(q.rest) | adverbs(q.rest) if q.reading == "ja" else set())
    said = _said_as_verbs(r, q)
    held = {k: h for k, h in have.items() if h is not None}
    if len(held) < 2:
        return None
    facet = r.knowledge.taxonomy.by_key[listed.facet]
    # (a stage's cue says how far a case got, not a narrower thing: 「学習させる計画」)
    stages = [rx for key in r.knowledge.taxonomy.stages for rx in r.knowledge.taxonomy.by_key[key].cues]
    rare = []
    for group, w in nouns:
        if set(group) & covered or any(rx.search(t) for rx in facet.cues for t in group) \
                or all(t.isascii() for t in group) \
                or set(group) & how or group in said or any(_INFLECTED.search(t) for t in group) \
                or any(rx.search(t) for rx in stages for t in group):
            # the words that ask for the facet (「ロゴチャット」) and a name in Latin letters
            # ("Microsoft's Azure OpenAI Service"): each case says them its way, or not at all
            continue
        holders = [k for k, h in held.items() if group in h]
        if holders and len(holders) <= policy.quoted_part_share * len(held) \
                and r.cases_holding(rows_holding(r, group)) <= policy.narrow_rare * len(r.cases):
            rare.append((w, group, holders))
    if not rare:
        return None
    _, group, holders = max(rare, key=lambda x: x[0])
    # (a case that writes it in another sentence stays: 「実験期間は…合計で約51時間」 is not the
    # sentence 厚木市 has the facet for)
    writers = r.keys_at(rows_holding(r, group))
    keys = tuple(k for k in listed.keys if k in holders or k in writers)
    if len(keys) == len(listed.keys):
        return None
    lexical = {k: listed.reasons[k].lexical if k in listed.reasons else 0.0 for k in listed.keys}
    if max(lexical[k] for k in holders) < max(lexical[k] for k in listed.keys if k not in keys):
        return None     # (a case left out whose sentence says more of the question: not what it asks)
    return replace(listed, keys=keys, quotes={k: listed.quotes[k] for k in keys},
                   reasons={k: listed.reasons[k] for k in keys},
                   why={k: f"{listed.why[k]}+words:{','.join(group)}" if k in holders else listed.why[k]
                        for k in keys})


def _heads(retriever, q) -> set[str]:
    """The Japanese tokens of the English word right after each word that asked for a facet
    ("greeting messages" → 通信, メール): the noun that word modifies names the facet with it."""
    if q.reading != "en":
        return set()
    from core import dictionary
    from chatbot.qa.read.understand import glossary_tokens
    from core.text import tokenize

    glossary, text = retriever.knowledge.glossary, q.text.lower()
    out: set[str] = set()
    for said in q.facet_words:
        for m in re.finditer(rf"\b{re.escape(said.lower())}\w*\s+([a-z]+)", text):
            head = m.group(1)
            out |= {t for g in glossary.japanese(head) for t in glossary_tokens(g)}
            out |= {t for j in dictionary.japanese(head) for t in tokenize(j)}
    return out


__all__ = ["by_quoted_part"]
