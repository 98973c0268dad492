"""A facet's list narrowed to what the question asks beyond the facet (issue #16, "no facet
substituted for a narrower question"): "Which case lets residents ask by voice how to put out
their garbage?" names 'Answering inquiries', yet 音声 — which one of its seven cases writes —
is what it asks; 「中核となる職員を対象に研修会」 is the one case of 'Training' that writes 中核.

`narrowing_groups` reads the same thing for the words the question was asked in; it gives up when
words no case writes ("versus", "lets") or the dictionary's other readings of an English word
weigh the question down. This reads only the words the article writes, beside the facet."""
from __future__ import annotations

import re
from dataclasses import replace

from chatbot.qa.evidence.context import content
from chatbot.qa.evidence.found import Found
from chatbot.qa.evidence.sentences import Quote
from chatbot.qa.evidence.support import case_weights, facet_groups, rows_holding
from chatbot.qa.scope import Scoped
from core.text import adverbs
from core.verbs import verb_nouns


def rare_part(retriever, scoped: Scoped, listed: Found) -> tuple[tuple[str, ...], ...]:
    """The question's written word groups beyond the facet that at most ``policy.narrow_rare`` of
    the article's cases write and some but fewer than ``policy.narrow_df`` of the facet's cases
    do — when they weigh ``policy.narrow_share`` or more of the question's written words beyond
    the facet and ``policy.facet_cover`` of all its words (those no case writes too). Empty when
    the facet is what was asked, when its list has fewer than ``policy.rare_part_min`` cases, or
    when the words that asked for the facet are themselves rare among its cases (「条例」 for
    the guidelines: `narrowing_groups` reads that)."""
    r, policy, words, q = retriever, retriever.policy, scoped.request.words, scoped.request.q
    if len(listed.keys) < policy.rare_part_min or words.options:
        return ()     # (「連携・協力・協定・共同開発」: alternatives, each what the facet is)
    listed_keys = set(listed.keys)

    def held(rows) -> int:
        return len(r.keys_at(rows) & listed_keys)

    if any(0 < held(rows_holding(r, g)) < policy.narrow_df * len(listed_keys)
           for g in facet_groups(r, scoped, labels=False)):
        return ()
    covered = facet_groups(r, scoped)
    # the words asked (an English question's glossary words and literal ones, not the
    # dictionary's guesses: "tools" → ツール, "rulebooks" → 規則), as in `narrowing_groups`
    own = set(q.content(r.knowledge)) | set(words.literal)
    own |= {g for g in words.content for o in own if len(g) > len(o) and g[:len(o)] == o}
    # how it was done, not what: a verb, its noun (「使い方」) or an adverb (「直接答える」), and
    # a word read as a verb or adjective ("decided" → 決める, "not" / 「だけでなく」 → 無い)
    how = set(words.verbs) | (verb_nouns(q.rest) | adverbs(q.rest) if q.reading == "ja" else set())
    written, beyond, rare = 0.0, 0.0, []
    for group, w in case_weights(r, content(scoped), words.verbs):
        rows = rows_holding(r, group)
        if not len(rows):
            continue           # a word no case writes is weighed by `unwritten`, not here
        written += w
        if group in covered or group not in own or not any(len(t) > 1 for t in group) \
                or set(group) & how or any(t.startswith(h) for t in group for h in how) \
                or any(_INFLECTED.search(t) for t in group) or group in _said_as_verbs(r, q) \
                or all(_verbal_noun(t) for t in group):
            continue
        beyond += w
        if 0 < held(rows) < policy.narrow_df * len(listed_keys) and r.cases_holding(rows) <= policy.narrow_rare * len(r.cases):
            rare.append((group, w))
    said = sum(w for _, w in rare)
    # (English words no case writes count in the question's weight: "built" of "what they've
    # built or learned" is what it asks as much as 学習 is)
    whole = written + sum(w for _, w in case_weights(r, list(words.missing)))
    if not said or said < policy.narrow_share * beyond or said < policy.facet_cover * whole:
        return ()
    return tuple(g for g, _ in rare)


_INFLECTED = re.compile(r"[一-龥々][ぁ-ん]+$")     # 決める, 無い: a verb's or adjective's ending
_SUBJECT_VERB = re.compile(r"\b(?:they|we|it|he|she|you|i)\s+([a-z]+)")


def _verbal_noun(token: str) -> bool:
    """Whether a word is one noun that makes a verb with する (支援, 学習: 「職員の支援に使う」
    says what is done for them, as 「支える」 would), not a thing (音声, 中核, 無料)."""
    from core.text import morphemes

    ms = morphemes(token, "A")
    return len(ms) == 1 and tuple(ms[0].part_of_speech()[:3]) == ("名詞", "普通名詞", "サ変可能")


def _said_as_verbs(retriever, q) -> set[tuple[str, ...]]:
    """The glossary groups of an English question's words written as a verb after its subject
    ("what they learn" → 学習): what the cases do, not a topic that narrows the facet."""
    if q.reading != "en":
        return set()
    from chatbot.qa.read.understand import glossary_tokens

    glossary = retriever.knowledge.glossary
    return {glossary_tokens(j) for m in _SUBJECT_VERB.finditer(q.text.lower()) for j in glossary.japanese(m.group(1))}


def by_rare_part(retriever, scoped: Scoped, listed: Found, groups) -> Found | None:
    """The facet's cases with a sentence holding any of the given groups (each rare part is
    something the question asks of the facet: "free versus paid versions, or free trials" is
    宮城県's 「無料サービス」 as much as 飯島町's 「無料版と有料版」), each quoted with its sentence
    holding the most of their weight; None when none has one (the facet stands)."""
    r = retriever
    weighted = case_weights(r, list(groups), scoped.request.words.verbs)
    total = sum(w for _, w in weighted)
    listed_keys = set(listed.keys)
    held: dict[int, float] = {}
    names: dict[int, list[str]] = {}
    for group, w in weighted:
        for row in rows_holding(r, group).tolist():
            held[row] = held.get(row, 0.0) + w
            names.setdefault(row, []).extend(group)
    best: dict[str, tuple[Quote, int]] = {}
    for row, w in held.items():
        key, n, text = r.passage(row)
        if key not in listed_keys or n in r.instructions(key):
            continue
        share = w / total
        if key not in best or share > best[key][0].lexical:
            best[key] = (Quote(key, n, text, share, 0.0, share, 0.0), row)
    if not best:
        return None
    keys = tuple(k for k in listed.keys if k in best)
    quotes = {k: best[k][0] for k in keys}
    whys = {k: f"facet:{listed.facet}+words:" + ",".join(dict.fromkeys(names[best[k][1]])) for k in keys}
    return replace(listed, source="support", keys=keys, quotes={k: [q] for k, q in quotes.items()},
                   reasons=quotes, why=whys)


__all__ = ["by_rare_part", "rare_part"]
