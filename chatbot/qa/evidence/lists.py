"""Evidence for complete lists: every case in scope that has the asked facet or kind of
statement, whose own figures meet the question's conditions, or that the scope alone names —
each with the sentence that makes it answer."""
from __future__ import annotations

import re
from dataclasses import replace

from chatbot.qa.evidence.context import content
from chatbot.qa.evidence.figures import headline_start, meets, named_figures, states, states_any
from chatbot.qa.evidence.found import Found
from chatbot.qa.evidence.sentences import opening, quote_of, rank, sentence_words, share, weighted_share, weights
from chatbot.qa.read.understand import glossary_tokens
from chatbot.qa.scope import Scoped
from core.text import tokenize

# The answer types a figure condition's sentences hold (for choosing the quote).
_CONDITION_ASKS = {"staff": ("count",), "end_month": ("date", "until"), "start_month": ("date",),
                   "start_year": ("date",), "length_months": ("duration",)}


def by_facet(retriever, scoped: Scoped) -> Found | None:
    """Every case in scope with the asked facet; None when no case in scope has it."""
    r, q = retriever, scoped.request.q
    in_scope = scoped.keys(r)
    asked = [f.key for f in q.facets]
    passed = passed_through(r, q)
    if passed:
        asked = [passed[0].key]
    elif q.lang == "ja" and len({f for f in asked if any(f in r.facets.get(k, {}) for k in in_scope)}) > 1:
        # (an English question's Japanese words are the glossary's: too few to weigh facets by)
        asked = _most_said(r, scoped, in_scope, asked)
    fkey = listing_facet(r.facets, in_scope, asked)
    if fkey is None:
        return None
    matched = [key for key in in_scope if fkey in r.facets.get(key, {})]
    label = [r.knowledge.taxonomy.by_key[fkey]]
    alike = _alternatives(r, q, in_scope)
    if len(alike) > 1 and not r.knowledge.questions.all_of.search(q.text):
        # 「知事や市長が発言した」, "translation or summarising": the cases with any of them
        matched = [k for k in in_scope if any(f.key in r.facets.get(k, {}) for f in alike)]
        label = alike
    if len(q.facets) > 1 and r.knowledge.questions.all_of.search(q.text):
        # "both guidelines and a ban on personal data": the cases with each facet it names
        present = [f.key for f in q.facets if any(f.key in r.facets.get(k, {}) for k in in_scope)]
        matched = [k for k in matched if all(f in r.facets.get(k, {}) for f in present)] or matched
    elif len(alike) < 2 and not scoped.scope.case_keys:
        matched = _each_kind(r, q, in_scope, matched)
    if passed:     # 「試行を経て本格導入に」: the cases at the later stage that write the earlier one
        matched = [k for k in matched if any(rx.search(r.cases[k].body) for f in passed[1] for rx in f.cues)] \
            or matched
    numbers = named_figures(q.rest, r.knowledge)
    if numbers:    # "trials for about 100 staff": the cases that state the figure (when any does)
        matched = [key for key in matched if states_any(r.cases[key], numbers)] or matched
    if _names_what_the_article_lacks(retriever, scoped):
        return Found(scoped, "none", none="no_case")
    # the sentence that makes a case qualify is its quote (never one chosen for other words);
    # the cases whose sentence holds more of the question's own words come first
    weighted = weights(content(scoped), r.bm25.idf)
    own = {key: next(f.key for f in label if f.key in r.facets.get(key, {})) for key in matched}
    reasons = {key: quote_of(r, key, r.facets[key][own[key]], weighted) for key in matched}
    matched.sort(key=lambda key: (-reasons[key].lexical, r.cases[key].position))
    return Found(scoped, "facet", tuple(matched), {k: [x] for k, x in reasons.items()}, reasons,
                 {key: f"facet:{own[key]}" for key in matched},
                 label=("」または「" if q.lang == "ja" else "' or '").join(f.ja if q.lang == "ja" else f.en for f in label),
                 facet=fkey)


def passed_through(retriever, q):
    """Two stages the question joins as a sequence (「試行を経て本格導入に移った」, "moved to full
    use after a trial"): the later stage it asks for and the earlier ones its cases passed
    through (their words say how the case got there, not a narrower kind of it); else None."""
    stages = retriever.knowledge.taxonomy.stages
    asked = sorted((f for f in q.facets if f.key in stages), key=lambda f: stages.index(f.key))
    if len(asked) < 2 or not retriever.knowledge.questions.after.search(q.text) \
            or retriever.knowledge.taxonomy.grammar["aim_stage"].search(q.text):
        return None     # (「試行の後、本格導入を目指す」: the later stage only aimed at, not reached)
    return asked[-1], tuple(asked[:-1])


def by_conditions(retriever, scoped: Scoped) -> Found:
    """Every case in scope whose own figures meet the question's conditions ("more than 1,000
    staff", "trials due to end in July"), quoted with the sentence that states the figure."""
    r, q, k = retriever, scoped.request.q, retriever.knowledge
    known = r.memo("case_figures", dict)
    keys = [key for key in scoped.keys(r) if all(meets(r.cases[key], c, k, known) for c in q.conditions)]
    if not keys:
        return Found(scoped, "none", none="no_case")
    if len(keys) > r.policy.max_fact_cases:
        # a list: each case's quote is the sentence stating the figure that holds most of the
        # question's words — no ranking of every sentence of every listed case (thousands at scale)
        weighted = weights(content(scoped), r.bm25.idf)
        reasons = {key: _stating(r, key, q.conditions, weighted) for key in keys}
        quotes = {key: [x] for key, x in reasons.items()}
        return Found(scoped, "conditions", tuple(keys), quotes, reasons, _headlined(r, scoped, quotes, reasons))
    asks = tuple(dict.fromkeys(q.asks + tuple(a for c in q.conditions for a in _CONDITION_ASKS[c.field])))
    quotes = rank(r, replace(q, asks=asks), keys, scoped.request.vector, content=content(scoped))
    reasons = {key: next((x for x in quotes[key] if all(states(x.text, c, k) for c in q.conditions)
                          and x.n not in r.instructions(key)), quotes[key][0]) for key in keys}
    return Found(scoped, "conditions", tuple(keys), quotes, reasons, _headlined(r, scoped, quotes, reasons))


def _headlined(r, scoped: Scoped, quotes: dict, reasons: dict) -> dict[str, str]:
    """Why each case meets the conditions: a figure its quote states — or, when only its
    reference's headline dates its start (「6/1開始」), that headline, and the quote becomes the
    sentence the headline dates (quotes and reasons are updated in place)."""
    q, k = scoped.request.q, r.knowledge
    whys = {}
    for key, reason in reasons.items():
        head = None if all(states(reason.text, c, k) for c in q.conditions) else \
            headline_start(r.cases[key], q.conditions, k)
        if head is None:
            whys[key] = "figure"
            continue
        n, words = head
        reasons[key] = next((x for x in quotes[key] if x.n == n), None) or \
            quote_of(r, key, n, weights(content(scoped), r.bm25.idf))
        quotes[key] = [reasons[key]] + [x for x in quotes[key] if x.n != n]
        whys[key] = f"headline:{words}"
    return whys


def _stating(r, key: str, conditions, weighted: list):
    """The case's sentence that states figures meeting every condition (most question words
    first, then the earliest); the case's first sentence when its figures are spread over
    several."""
    addressed, k = r.instructions(key), r.knowledge
    stating = [quote_of(r, key, n, weighted) for n, text in enumerate(r.cases[key].sentences)
               if n not in addressed and all(states(text, c, k) for c in conditions)]
    if not stating:
        return quote_of(r, key, opening(r, key), weighted)
    return max(stating, key=lambda x: (x.lexical, -x.n))


def by_structure(retriever, scoped: Scoped) -> Found:
    """「四国の事例は？」, "the towns": the scope is the whole question — every case in it."""
    r, q = retriever, scoped.request.q
    keys = [key for key in scoped.keys(r) if r.cases[key].sentences]
    if not keys:
        return Found(scoped, "none", none="no_case")
    if q.asks and q.intent != "count":      # "how many cases": the count is the answer
        quotes = rank(r, q, keys, scoped.request.vector, content=content(scoped))
        reasons = {key: quotes[key][0] for key in keys}
    else:      # nothing to match: each case's opening sentence says what it is about
        reasons = {key: quote_of(r, key, opening(r, key)) for key in keys}
        quotes = {k: [x] for k, x in reasons.items()}
    return Found(scoped, "structure", tuple(keys), quotes, reasons, {key: "scope" for key in keys})


def stopped_pieces(retriever, text: str) -> set[str]:
    """The words `tokenize` splits a question's "a use ended" verb into (「見送った」 → 見る, 送る;
    「取りやめた」 → 取る, やめる): pieces of that verb, not content words of their own (送る
    would find 「質問を送信する」)."""
    from core.text import morphemes

    found = list(retriever.knowledge.questions.stopped.finditer(text))
    if not found:
        return set()        # (no Sudachi pass for the many questions that say no use ended)
    spans = [m.span() for m in found]
    # (an English verb's pieces are the article's words the glossary reads it as: "decided
    # not to" → 決定, 決める)
    english = {t for m in found for w in re.findall(r"[a-z]+", m.group(0).lower())
               for g in retriever.knowledge.glossary.japanese(w) for t in glossary_tokens(g)}
    return english | {t for m in morphemes(text, "C") if any(m.begin() < e and b < m.end() for b, e in spans)
                      for t in tokenize(m.surface())}


def only_stopped_pieces(retriever, text: str, content) -> bool:
    """Whether every content group is a piece of the question's "a use ended" verb (the pieces
    are read once, not once a group)."""
    pieces = stopped_pieces(retriever, text)
    return all(set(g) & pieces for g in content)


def by_stopped(retriever, scoped: Scoped) -> Found:
    """「利用をやめた市は？」, "Which cities quit ChatGPT?": a scope and that a use ended — the
    cases in scope with a sentence that says a use stopped (「…すぐに利用を停止する」), quoted with
    it; no such case when none does (not every case of the scope)."""
    r = retriever
    stopped = r.knowledge.questions.stopped
    reasons, why = {}, {}
    for key in scoped.keys(r):       # (the question has no content word to weigh its quote by)
        addressed = r.instructions(key)
        said = next(((n, m) for n, text in enumerate(r.cases[key].sentences)
                     if n not in addressed and (m := stopped.search(text))), None)
        if said:
            reasons[key], why[key] = quote_of(r, key, said[0]), "words:" + _said_words(r.cases[key].sentences[said[0]], said[1])
    if not reasons:
        return Found(scoped, "none", none="no_case")
    return Found(scoped, "support", tuple(reasons), {k: [x] for k, x in reasons.items()}, reasons, why)


def _said_words(text: str, match) -> str:
    """The sentence's own words its "a use ended" verb is written in (「見送った」: 見る, 送る — as
    its words are indexed), else the matched text."""
    from core.text import morphemes

    b, e = match.span()
    held = set(tokenize(text))
    words = [t for m in morphemes(text, "C") if m.begin() < e and b < m.end()
             for t in tokenize(m.surface()) if t in held]
    return ",".join(dict.fromkeys(words)) or match.group(0)


def by_carried(retriever, scoped: Scoped) -> Found:
    """「そのうち近畿は？」, 「関東以外は？」: the cases on screen that the narrowed scope admits,
    each quoted with the sentence it was listed for — never a new search."""
    r, request = retriever, scoped.request
    reasons = dict(request.reasons)
    keys = [key for key in request.carried if key in r.cases and scoped.scope.admits(key, r.cases[key])]
    named = {i for p in request.q.known_places if p.kind != "prefecture" for i in p.case_ids}
    if named:                                         # 「三豊市だけ」
        keys = [key for key in keys if r.cases[key].id in named]
    if not keys:
        return Found(scoped, "none", none="no_case")
    weighted = weights(content(scoped), r.bm25.idf)
    chosen = {key: quote_of(r, key, reasons.get(key, 0), weighted) for key in keys}
    return Found(scoped, "carried", tuple(keys), {k: [x] for k, x in chosen.items()}, chosen,
                 {key: dict(request.whys).get(key, "") for key in keys}, label=request.label)


def _alternatives(retriever, q, keys: list[str]) -> list:
    """The facets of one kind a question joins as alternatives, each named right before or after
    an "or" (「知事または市長」, "the governor or the mayor" — not "commenting on or announcing",
    whose "or" joins two ways of saying one facet): the cases with any of them answer."""
    text, rx = q.text.lower(), retriever.knowledge.questions.any_of
    spans = {}
    for f, said in zip(q.facets, q.facet_words):
        at = text.find(said.lower()) if said else -1
        if at >= 0 and any(f.key in retriever.facets.get(k, {}) for k in keys):
            spans.setdefault(f, (at, at + len(said)))
    ordered = sorted(spans.items(), key=lambda item: item[1])
    joined = set()
    for (f, (_, end)), (g, (start, _)) in zip(ordered, ordered[1:]):
        if f.group == g.group and 0 <= start - end <= _JOIN and rx.search(text, end, start):
            joined |= {f, g}
    return [f for f, _ in ordered if f in joined]


_JOIN = 12      # at most this many characters between two facets' words and the "or" joining them


def _each_kind(retriever, q, keys: list[str], matched: list[str]) -> list[str]:
    """A list question that joins facets of different kinds as two conditions — a use and a
    partner (「議事録の作成に使う市で、企業と連携しているのは？」, "… for minutes and partner with a
    company") — asks for the cases with each of them: the rarest alone answers only half of it.
    Only facets the question itself says, with a clause joiner between their words: a facet said
    in passing ("check results with a staff questionnaire": what the questionnaire is for) or
    carried from an earlier turn is no condition. Unless no case in scope has them all, when the
    rarest decides, as before. A stage (「試験導入して」, "plan to use") is how most questions are
    asked, not a condition of them."""
    text, rx = q.text.lower(), retriever.knowledge.questions.each_of
    spans = {}
    for f, said in zip(q.facets, q.facet_words):
        at = text.find(said.lower()) if said else -1
        if at >= 0 and f.group != "status" and any(f.key in retriever.facets.get(k, {}) for k in keys):
            spans.setdefault(f, (at, at + len(said)))
    ordered = sorted(spans.items(), key=lambda item: item[1])
    joined = set()
    for (f, (_, end)), (g, (start, _)) in zip(ordered, ordered[1:]):
        if f.group != g.group and end <= start and rx.search(text, end, start):
            joined |= {f.key, g.key}
    if not joined:
        return matched
    return [k for k in matched if all(f in retriever.facets.get(k, {}) for f in joined)] or matched


def _most_said(retriever, scoped: Scoped, keys: list[str], asked: list[str]) -> list[str]:
    """Of several facets a question names, those whose evidence sentences hold most of its words
    (「アンケートで効果や利用状況を確かめる」: the questionnaires, whose sentences say アンケート and
    効果, not the usage logs that say 利用状況) — ties go on to the rarest."""
    weighted = weights(content(scoped), retriever.bm25.idf)
    if not weighted:
        return asked

    def said(f):
        # the mean over the facet's first cases in article order (all of them in an article of
        # tens; a sample of a few hundred estimates it at 10,000 without reading every sentence)
        having = [k for k in keys if f in retriever.facets.get(k, {})][:retriever.policy.facet_said_sample]
        evidence = [sentence_words(retriever, k, retriever.facets[k][f]) for k in having]
        return round(sum(weighted_share(weighted, found) for found in evidence) / len(evidence), 2) \
            if evidence else -1.0

    scores = {f: said(f) for f in dict.fromkeys(asked)}
    best = max(scores.values())
    return [f for f in asked if scores[f] >= best - retriever.policy.facet_said_margin]


def listing_facet(facets: dict[str, dict[str, int]], keys: list[str], asked: list[str]) -> str | None:
    """The facet a list is built from: the rarest one the question names that a case in scope has.

    Long questions name facets in passing ("…the ward's test uses Azure OpenAI under its
    guideline", "use or plan to use it for translation"); the rarest facet is the one that
    picks the cases, and the broader ones would only drop cases that do not mention them.
    """
    def count(f, among):
        return sum(1 for k in among if f in facets.get(k, {}))

    present = [f for f in dict.fromkeys(asked) if count(f, keys)]
    # rarest in the article: a scope ("which of the cities …") never changes what the question means
    return min(present, key=lambda f: (count(f, facets), count(f, keys), f)) if present else None


def _names_what_the_article_lacks(retriever, scoped: Scoped) -> bool:
    """The question's own words beyond the facet it names are mostly words the article never
    uses (「…ルールに違反した職員への罰則や処分…」): there is no such case, whatever the facet.
    Only a Japanese question's own words count: an English question's Japanese words are the
    glossary's, and one it renders badly says nothing about the article."""
    q = scoped.request.q
    if q.reading != "ja":
        return False
    asked = {t for words in q.facet_words for t in tokenize(words)}
    verbs, idf = scoped.request.words.verbs, retriever.bm25.idf
    # (a word the article never writes is a topic it lacks only when it is one: not a verb or a
    # single character, which say how it is asked — 「気をつける」 — as in `unwritten`)
    leftover = [g for g in content(scoped) if not set(g) & asked
                and (any(t in idf for t in g) or any(len(t) > 1 for t in g) and not set(g) <= verbs)]
    if not leftover:
        return False
    return share(leftover, frozenset(idf), idf) < retriever.policy.min_coverage


__all__ = ["by_carried", "by_conditions", "by_facet", "by_stopped", "by_structure", "listing_facet"]
