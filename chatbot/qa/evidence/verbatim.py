"""Cases beside a facet's list that write a compound of the question word for word: 「学校職員も
使える自治体は？」 names 'Schools / education', whose cases do not include 東京都庁 — yet its
sentence writes 「学校職員を含む約5万人の都職員」. A compound of four kanji or more is specific
enough to be evidence when few cases write it."""
from __future__ import annotations

import re
from dataclasses import replace

import numpy as np

from chatbot.qa.evidence.context import content
from chatbot.qa.evidence.found import Found
from chatbot.qa.evidence.sentences import Quote, answer_type, quote_of, sentence_words, weights
from chatbot.qa.evidence.support import facet_groups
from chatbot.qa.scope import Scoped
from core.text import nfkc, tokenize

_KANJI_RUN = re.compile(r"[一-龥々]{4,}")


def with_verbatim(retriever, scoped: Scoped, listed: Found) -> Found:
    """A facet's list, and the few cases in scope that write a compound of the question word for
    word although the facet does not name them (「学校職員も使える自治体」: 東京都庁's 「学校職員を含む
    約5万人の都職員」 beside the facet 'Schools / education'). A compound of four kanji or more
    is specific; one that many cases write is not evidence of anything (at most
    ``policy.verbatim_cases`` cases add it)."""
    r, policy, q = retriever, retriever.policy, scoped.request.q
    k = r.knowledge
    # not a place or a level (「市区町村」, 「神奈川県」): the scope, not what is asked
    named = [p.matched for p in q.places] + list(q.scope.regions) + list(q.scope.areas)
    phrases = [m.group(0) for m in _KANJI_RUN.finditer(nfkc(q.text))]
    phrases = list(dict.fromkeys(x for x in phrases if not any(n and n in x for n in named)
                                 and not any(rx.search(x) for _, rx in k.questions.levels)))
    if not phrases:
        return listed
    # a sentence that says it is not done (「予算編成には使用禁止」) is no evidence it is, unless asked so
    negative = answer_type(k, "negative").find
    asked_not = bool(negative.search(nfkc(q.text)))
    # narrower than the facet, never beside it: the sentence holds the words that asked for it
    # (「学校」 of 「学校職員」; not 「利用状況」 of a survey question in a sentence with no survey)
    covered = facet_groups(r, scoped)
    # a facet reached, not planned (本格導入): 「その後本格導入を検討します」 writes the compound of a plan
    tentative = k.taxonomy.by_key[listed.facet] if listed.facet and k.taxonomy.by_key[listed.facet].tentative else None
    keys = set(scoped.keys(r))
    weighted = weights(content(scoped), r.bm25.idf)
    added: dict[str, Quote] = {}
    held: dict[str, str] = {}
    for phrase in phrases:
        tokens = tokenize(phrase, frozenset())
        rows = r.bm25.having(tokens[0]) if tokens else np.zeros(0, dtype=np.int64)
        for token in tokens[1:]:
            rows = np.intersect1d(rows, r.bm25.having(token))
        writers: dict[str, list[int]] = {}       # the cases in scope that write it, and where
        for row in rows.tolist():
            key, n, text = r.passage(row)
            if key in keys and phrase in nfkc(text) and n not in r.instructions(key):
                writers.setdefault(key, []).append(n)
                if len(writers) > policy.verbatim_cases:
                    break                  # written by many: not specific (and no more reading)
        if len(writers) > policy.verbatim_cases:
            continue
        for key, ns in writers.items():
            n = next((n for n in ns if (asked_not or not negative.search(nfkc(r.cases[key].sentences[n])))
                      and not _only_planned(k, tentative, nfkc(r.cases[key].sentences[n]), phrase)
                      and any(set(g) & sentence_words(r, key, n) for g in covered)), None)
            if n is not None and key not in listed.reasons and key not in added:
                added[key], held[key] = quote_of(r, key, n, weighted), "words:" + ",".join(tokens)
    if not added:
        return listed
    # the list is no longer all of the facet: it is not named as one (each case says why it is listed)
    return replace(listed, keys=(*listed.keys, *added), facet="", label="", source="support",
                   quotes={**listed.quotes, **{k: [x] for k, x in added.items()}},
                   reasons={**listed.reasons, **added}, why={**listed.why, **held})


def _only_planned(knowledge, facet, text: str, phrase: str) -> bool:
    """Whether every place ``text`` writes ``phrase`` is only aimed at or planned in its clause,
    when the list is of a facet that counts only once reached (``facet`` None otherwise)."""
    if facet is None:
        return False
    from core.facets import planned

    spans = [m.span() for m in re.finditer(re.escape(phrase), text)]
    return bool(spans) and all(planned(knowledge.taxonomy, text, a, b, facet.group) for a, b in spans)


__all__ = ["with_verbatim"]
