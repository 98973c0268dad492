"""Lists over any topic: every case in scope that has a sentence saying what was asked, decided
sentence by sentence — not only the cases a facet names.

A sentence supports the question when it holds at least ``policy.list_share`` of the question's
idf-weighted content words, or at least ``policy.list_share_low`` of them and is close in meaning
(cosine ≥ ``policy.list_dense``). A facet the question names is a boost, not a gate: a case that
has it holds the words that asked for it (「トライアル」 in 「無償トライアル」) in every sentence, so
what remains — the words that make the question narrower than the facet (「無償」) — decides.
The sentence that makes a case qualify is the one quoted.

Sentences are found through the lexical index's postings (the rows holding each word), so the
work grows with the sentences that hold the question's words, not with the article.
"""
from __future__ import annotations

import math
import re
from dataclasses import replace

import numpy as np

from chatbot.qa.evidence.compounds import head_modified, kind_apart, prefix_apart, prefixed, rows_written_together
from chatbot.qa.evidence.context import content
from chatbot.qa.evidence.figures import as_amount, in_a_date
from chatbot.qa.evidence.found import Found
from chatbot.qa.evidence.how_said import capped_verbs, how_words
from chatbot.qa.evidence.loose import loosen
from chatbot.qa.evidence.missing import missing_topics, names_topic
from chatbot.qa.evidence.sentences import Quote, SentenceVectors, answer_type
from chatbot.qa.evidence.shares import best_share
from chatbot.qa.read.understand import glossary_tokens
from chatbot.qa.scope import Scoped
from core.text import modifies_another, tokenize
from core.verbs import verb_nouns


def by_sentences(retriever, scoped: Scoped, facet: str = "", narrowing=(), nearest: float = 0.0,
                 rare_noun: bool = True) -> Found:
    """The cases in scope with a sentence that supports the question.

    Args:
        facet: a facet the question names: its cases hold the words that asked for it.
        narrowing: the word groups that make the question narrower than that facet; a
            supporting sentence must hold ``policy.narrow_share`` of their weight.
        nearest: when the strict reading found nothing (`by_nearest`), the cosine of the scope's
            sentence nearest to the question: a sentence then supports it when it holds
            ``policy.near_share`` of its words (``policy.near_share_low`` when less than
            ``policy.near_unwritten`` of its weight is in topics no case writes) and is within
            ``policy.near_gap`` of that one.
        rare_noun: a sentence only near in meaning that holds one common noun of the question
            must hold its rarest (off for the sentences `with_nearest` adds by its own bar).
    """
    r, policy = retriever, retriever.policy
    keys = scoped.keys(r)
    # the words a Japanese question lacks are its paraphrase (an English one's: guesses, 構築 for "building")
    near_share = policy.near_share_low if nearest and scoped.request.q.reading == "ja" and \
        unwritten(r, scoped) < policy.near_unwritten else policy.near_share
    asked = content(scoped) + missing_topics(scoped)
    how = how_words(asked, scoped.request.words.verbs)     # 作り of 「議事録づくり」 weighs as a verb
    if scoped.request.q.alternate_actions:     # 「見直したり更新したり」: 見直し capped as a verb's
        how = frozenset(scoped.request.words.verbs)  # noun would leave 更新 to decide alone
    weighted = capped_verbs(case_weights(r, asked, how), how, policy.verb_cap)
    total = sum(w for _, w in weighted)
    if not keys or not total:
        return Found(scoped, "none", none="no_case")
    in_scope = r.lexical.rows_of(keys)
    by_facet = facet_groups(r, scoped) if facet else set()
    words = scoped.request.words
    together, heads = rows_written_together(r, words.compounds, in_scope)
    groups = [g for g, _ in weighted]
    wts = np.array([w for _, w in weighted])
    held_by = np.zeros((len(in_scope), len(groups)))    # the weight of each group a row holds
    holding: dict[tuple[str, ...], set[int]] = {}
    for j, group in enumerate(groups):
        rows_of_group = rows_holding(r, group)
        holding[group] = set(rows_of_group.tolist())
        held_by[rows_of_group, j] = wts[j]
        if len(group) == 1 and group[0].isdigit() and as_amount(scoped.request.q.text, group[0]):
            # 「30秒」 asked: 「9月30日」 is a date, not that amount
            held_by[[i for i in rows_of_group.tolist() if in_a_date(r.passage(i)[2], group[0])], j] = 0
    loosen(r, scoped.request.q, groups, held_by)    # 定期 alone for "contracts" weighs less
    prefixed(r, groups, wts, held_by)               # 多言語 for 「多くの言語」
    prefix_apart(r, words.prefixed, groups, held_by, policy.compound_apart)   # 学校 alone is no 中学校
    for head in heads:        # the head without its compound: its words weigh less
        apart = np.setdiff1d(r.bm25.having(head), together[(head,)])
        for j, group in enumerate(groups):
            if group in together and any(head in c and group[0] in c for c in words.compounds):
                held_by[apart, j] *= policy.compound_apart
    for j, w, c in ((j, g[0], c) for j, g in enumerate(groups) for c in words.compounds
                     if c[-1] in heads and g[0] in c[:-1] and (g[0],) in together):
        # a word of it written only as what modifies another noun (「消費生活センター」 for 生活保護)
        rows = np.setdiff1d(np.flatnonzero(in_scope & (held_by[:, j] > 0)), together[(w,)]).tolist()
        bound = [i for i in rows if modifies_another(r.passage(i)[2], w, c[c.index(w) + 1])]
        held_by[bound, j] *= policy.compound_apart
    kind_apart(r, scoped, groups, heads, held_by)
    ok = in_scope.copy()
    narrow_cols = [j for j, g in enumerate(groups) if g in narrowing]
    if narrow_cols:      # the words themselves, not the facet standing in for them
        ok &= held_by[:, narrow_cols].sum(axis=1) / wts[narrow_cols].sum() >= policy.narrow_share
    if facet:
        has = r.lexical.rows_of([k for k in keys if facet in r.facets.get(k, {})])
        cols = [j for j, g in enumerate(groups) if g in by_facet]
        ok &= has | (held_by[:, cols].sum(axis=1) > 0)     # narrower than the facet, never beside it
        held_by[np.ix_(np.flatnonzero(has), cols)] = wts[cols]   # its cases hold the words that asked for it
    def holds(tokens):
        mask = np.zeros(len(in_scope), dtype=bool)
        mask[rows_holding(r, tuple(tokens))] = True
        return mask
    share = best_share(held_by, wts, groups, words.options, words.verbs, holds)
    ok &= share >= policy.list_share_low
    rows = [row for row in np.flatnonzero(ok).tolist()
            if r.passage(row)[1] not in r.instructions(r.passage(row)[0])]   # never evidence
    rows = np.asarray(rows, dtype=np.int64)
    near = _dense(r, rows, scoped.request.vector) if len(rows) else []
    # no facet asked, one of two words as rare (作業 of 「作業が早くなったという報告」) is not what it asks
    halves = not scoped.request.q.facets
    # (a verb's noun, 狙い of 「…を狙いにしている」, says how it is asked)
    said_how = words.verbs | (verb_nouns(scoped.request.q.rest) if scoped.request.q.reading == "ja" else set())
    nouns = [j for j, g in enumerate(groups) if not set(g) <= said_how and any(len(t) > 1 for t in g)]
    written = [j for j in nouns if np.any(held_by[in_scope, j])]
    # (not with alternatives, 「スキルや意識」: either one is what it asks)
    rarest = max(written, key=lambda j: wts[j]) if len(nouns) > 1 and written and not words.options else None
    best: dict[str, Quote] = {}
    held: dict[str, list[str]] = {}
    for row, sim in zip(rows.tolist(), near):
        s = float(share[row])
        if nearest:
            if s < near_share or sim < nearest - policy.near_gap:
                continue
        elif (s < policy.list_share or halves and abs(s - policy.list_share) < 1e-9) and sim < policy.list_dense:
            continue
        if s < policy.list_share and halves and rarest is not None and not held_by[row, rarest] \
                and _distinct([groups[j] for j in nouns if held_by[row, j]]) < 2 and rare_noun:
            continue      # near in meaning, one common noun of it (質問 of 「音声で質問すると答える」), not its rarest
        key, n, text = r.passage(row)
        quote = Quote(key, n, text, s + policy.quote_dense * sim, 0.0, s, sim)
        if key not in best or (quote.lexical, quote.dense) > (best[key].lexical, best[key].dense):
            best[key] = quote
            held[key] = [t for g, _ in weighted for t in g if row in holding[g]]
    if not best:
        return Found(scoped, "none", none="no_case")
    order = sorted(best, key=lambda k: (-best[k].lexical, r.cases[k].position))
    label = ""
    if facet:
        f = r.knowledge.taxonomy.by_key[facet]
        label = f.ja if scoped.request.q.lang == "ja" else f.en
    # what each quote is cited for: the question's words it holds (and the facet)
    why = {k: (f"facet:{facet}+" if facet in r.facets.get(k, {}) else "") + "words:" +
           ",".join(dict.fromkeys(held[k])) for k in order}
    return Found(scoped, "support", tuple(order), {k: [best[k]] for k in order}, dict(best),
                 why, label=label, facet=facet)


def by_nearest(retriever, scoped: Scoped, rare_noun: bool = True) -> Found | None:
    """When the strict reading finds no case, the cases whose sentence both holds a good part
    of the question's words and is among the nearest in meaning of all in scope (「テレビ番組で
    紹介された」: the article writes 報道番組 and never テレビ, yet that sentence is the nearest
    one) — instead of "no such case". None when no sentence is that near."""
    nearest = retriever.nearest(scoped.request.vector, scoped.scope.filters())
    if not nearest:
        return None
    found = by_sentences(retriever, scoped, nearest=nearest, rare_noun=rare_noun)
    return found if found.keys else None


def beside_facet(retriever, scoped: Scoped, listed: Found) -> bool:
    """Whether the facet a list was built from is beside the question, not a cover of it: the
    question's other words weigh ``policy.beside_weight`` of it or more and no case of the facet
    holds a single one of them ("nursery school admission" names 'Schools / education' through
    "school", yet its one case says nothing of 保育, 入園 or 保護者). The question is then answered
    by its own words, sentence by sentence."""
    r, policy = retriever, retriever.policy
    words = scoped.request.words
    weighted = case_weights(r, content(scoped), words.verbs)
    covered = facet_groups(r, scoped)
    total = sum(w for _, w in weighted)
    # a word of one character (「名」 for "named") says too little to set a facet aside
    other = [(g, w) for g, w in weighted if g not in covered and any(len(t) > 1 for t in g)]
    if not total or sum(w for _, w in other) < policy.beside_weight * total:
        return False
    rows = r.lexical.rows_of(list(listed.keys))
    return not any(np.any(rows[rows_holding(r, g)]) for g, _ in other)


def beyond_facet(retriever, scoped: Scoped, listed: Found) -> Found:
    """A facet's list with the cases that lack the facet but have a sentence that writes the
    compound which asked for it — together or with its head modified by the rest (「市議会の一般
    質問に対する答弁」 for 議会答弁) — holds ``policy.list_share`` of the question's words and
    says nothing is not done (「予算編成には使用禁止」 is no use for 予算編成). The facet's cues
    missed how it says it: the list is then of the words, not of the facet."""
    from core.text import written_together

    r = retriever
    asked = facet_groups(r, scoped, labels=False)
    compounds = [c for c in scoped.request.words.compounds if any(set(g) & set(c) for g in asked)]
    if not compounds:
        return listed
    if any(f.key == listed.facet and f.group == "rule" for f in r.knowledge.taxonomy.facets):
        # a rule is what a case says it does not do: the words of its topic alone are no rule
        # ('ban entering personal information' is not 栃木県's 「個人情報の保護…に十分に注意」)
        return listed
    negative = answer_type(r.knowledge, "negative")

    def says(text: str) -> bool:
        toks = tokenize(text)
        return not negative.find.search(text) and \
            any(written_together(toks, c) or head_modified(text, c) for c in compounds)

    wider = by_sentences(r, scoped, listed.facet)
    extra = [k for k in wider.keys if k not in listed.keys
             and wider.reasons[k].lexical >= r.policy.list_share and says(wider.reasons[k].text)]
    if not extra:
        return listed
    keys = sorted(listed.keys + tuple(extra), key=lambda k: r.cases[k].position)
    return replace(listed, source="support", keys=tuple(keys),
                   quotes={**listed.quotes, **{k: wider.quotes[k] for k in extra}},
                   reasons={**listed.reasons, **{k: wider.reasons[k] for k in extra}},
                   why={**listed.why, **{k: wider.why[k] for k in extra}})


def in_passing(retriever, scoped: Scoped) -> bool:
    """Whether the words that named the facet only modify a compound the question writes, whose
    head is none of them: 「学校給食」 is a kind of 給食 and 「教育委員会」 a kind of 委員会, not
    'Schools / education' (「無償トライアル」 is still a トライアル)."""
    words = scoped.request.words
    covered = facet_groups(retriever, scoped)
    if covered and words.prefixed and all(set(g) & {h for _, h in words.prefixed} for g in covered):
        return True     # 「中学校」 asks 'Schools' through 学校, a kind of which it names
    if not covered or not words.compounds:
        return False
    heads = {c[-1] for c in words.compounds}
    modifiers = {t for c in words.compounds for t in c[:-1]}
    return all(set(g) & modifiers and not set(g) & heads for g in covered)


def thin_facet(retriever, scoped: Scoped) -> bool:
    """Whether the words that named the facet weigh less than ``policy.facet_cover`` of the
    question: the question asks far more than the facet ("letters of thanks" names 'Drafting
    documents', "policy-making situations" names 'Guidelines' through "policy")."""
    words = scoped.request.words
    weighted = case_weights(retriever, content(scoped) + list(words.missing), words.verbs)
    # a verb says how, not about what: "Who else runs a trial?" (runs → 出る) is the trials
    weighted = [(g, w) for g, w in weighted if not set(g) <= words.verbs]
    covered = facet_groups(retriever, scoped)      # none: a phrase named it (「県内で初めて」)
    total = sum(w for _, w in weighted)
    return bool(total and covered) and sum(w for g, w in weighted if g in covered) < retriever.policy.facet_cover * total


def unsaid_things(retriever, scoped: Scoped, narrowing, beside: bool = False) -> bool:
    """Whether the things that make a question narrower than its facet — nouns (画像), not a
    verb's noun written with kana (作り of 「記録づくり」, 見直し) nor the words that asked for the
    facet — and the topics no case writes (ポスター) weigh ``policy.beside_weight`` of it; any
    such thing, when the facet is beside the question (`beside_facet`: 自動 and 本番 of 「議会答弁を
    自動作成して本番で読み上げた」, which its one case holds none of)."""
    words = scoped.request.words
    weighted = case_weights(retriever, content(scoped) + list(words.missing), words.verbs)
    total = sum(w for _, w in weighted)
    covered = facet_groups(retriever, scoped)
    things = sum(w for g, w in weighted if g in narrowing and g not in covered
                 and any(_THING.fullmatch(t) for t in g))
    return bool(things) and (beside or things / total + unwritten(retriever, scoped) >= retriever.policy.beside_weight)


_THING = re.compile(r"[一-龥々ァ-ヶーA-Za-z0-9]{2,}")


def unwritten_groups(retriever, scoped: Scoped) -> list[tuple[str, ...]]:
    """The question's word groups in topics no case writes (see `unwritten`)."""
    return [g for g, _ in _unwritten(retriever, scoped)[0]]


def unwritten(retriever, scoped: Scoped) -> float:
    """The share of the question's weight in topics no case writes (`_unwritten`)."""
    lacking, total = _unwritten(retriever, scoped)
    return sum(w for _, w in lacking) / total if total else 0.0


def _unwritten(retriever, scoped: Scoped):
    """The question's word groups in topics no case writes, with their weights, and the
    question's whole weight. Such a topic is a Japanese noun the article never uses (「下水道」)
    or an English noun JMdict knows in kanji that it never writes ("library" → 図書館) — not a
    word the dictionary lacks ("they've"), a verb or an adverb ("nearly")."""
    words = scoped.request.words
    weighted = case_weights(retriever, content(scoped) + list(words.missing), words.verbs)
    total = sum(w for _, w in weighted)
    english = scoped.request.q.reading == "en"

    def topic(g):
        if g in words.missing:
            return names_topic(g[0])
        return not english and any(len(t) > 1 for t in g) and not set(g) <= words.verbs
    lacking = [(g, w) for g, w in weighted
               if topic(g) and not retriever.cases_holding(rows_holding(retriever, g))]
    return lacking, total


def facet_groups(retriever, scoped: Scoped, labels: bool = True) -> set[tuple[str, ...]]:
    """The question's word groups its facets cover: the words that asked for them (「外部向けの
    利用を禁止」; in English, the glossary's Japanese for them) and the words of their labels
    (「職員アンケートを実施する」: 実施 is the label 「アンケートの実施」's own word)."""
    from core.text import nfkc, tokenize

    q = scoped.request.q
    groups = content(scoped)
    labelled = {t for f in q.facets for t in tokenize(f.ja)} if labels else set()
    if q.reading == "ja":
        asked = {t for words in q.facet_words for t in tokenize(words)}
        return {g for g in groups if set(g) & (asked | labelled)}
    glossary = retriever.knowledge.glossary
    asked_groups = {glossary_tokens(g) for words in q.facet_words for g in glossary.japanese(words)}
    return {g for g in groups if g in asked_groups or set(g) & labelled}


def case_weights(retriever, groups: list[tuple[str, ...]], verbs=frozenset()) -> list[tuple[tuple[str, ...], float]]:
    """Each word group weighted by how few cases hold it (a case-level idf): for "which cases
    …", a word many cases use says less than one few cases use. A group no case holds weighs
    like the rarest word of all: it is what the question is about. A verb weighs
    ``policy.verb_weight`` of that: the article says the same thing in other verbs more often
    than in other nouns (「相談業務を支える」 — 相談 is what to find)."""
    n = len(retriever.cases)

    def idf(df):
        return math.log(1 + (n - df + 0.5) / (df + 0.5))

    out = []
    for group in dict.fromkeys(groups):
        df = retriever.cases_holding(rows_holding(retriever, group))
        weight = idf(df) if df else idf(0.0)
        out.append((group, weight * (retriever.policy.verb_weight if set(group) <= verbs else 1.0)))
    return out


def _distinct(groups) -> int:
    """How many nouns the word groups are, groups sharing a word being one noun read two ways
    ("real time": 時間・分 and 時間・手間)."""
    merged: list[set[str]] = []
    for g in groups:
        same = [m for m in merged if m & set(g)]
        merged = [m for m in merged if not m & set(g)] + [set(g).union(*same)]
    return len(merged)


def rows_holding(retriever, group: tuple[str, ...]) -> np.ndarray:
    found = [retriever.bm25.having(t) for t in group]
    return np.unique(np.concatenate(found)) if found else np.zeros(0, dtype=np.int64)


def _dense(retriever, rows: np.ndarray, vector) -> list[float]:
    """Cosine similarity of the question to the sentences in the given rows."""
    vectors = retriever.memo("sentence_vectors", lambda: SentenceVectors(retriever.index))
    ids = [retriever.passages[i].id for i in rows.tolist()]
    sims = vectors.scores(ids, vector)
    return [sims.get(i, 0.0) for i in ids]


__all__ = ["beside_facet", "rows_holding", "beyond_facet", "by_nearest", "in_passing", "by_sentences", "facet_groups", "thin_facet",
           "unsaid_things", "unwritten"]
