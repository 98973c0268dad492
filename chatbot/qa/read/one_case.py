"""Follow-ups that carry the question one case answered to other cases (`chatbot.qa.read.conversation`
decides when a message is one): 「広島県は外部向けの資料に使える？」 → 「それ以外の県だと？」,
「それ以外の中国地方の県だと？」, 「ほかに同じルールの自治体は？」, "Which other places do that?".

A yes/no question about one case (「…に使える？」, 「…を入力してもいい？」) is answered by the rule the
case states (「外部向けの資料作成には使用しない」): what the next turn carries to other cases is that
rule — the facets of the answer's quote that hold the question's words — not the use the question
happened to name (外部向け文書の作成), which no other case would be listed for.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from chatbot.qa.read.moves import others, own_words
from chatbot.qa.read.turns import Reading, TurnState
from chatbot.qa.read.understand import Query
from chatbot.qa.read.where import Scope
from core.cases import Case
from core.facets import extract_facets
from core.knowledge import Knowledge
from core.text import nfkc


def yes_no(q: Query, k: Knowledge) -> bool:
    """Whether a question about one case asks yes or no (「…に使える？」, "Can … use it for …?"):
    a fact question that asks no answer type and no wh-word."""
    return q.intent == "fact" and not q.asks and not k.questions.conversation["asks"].search(q.rest)


def _quote(prev: TurnState, cases: Mapping[str, Case]) -> str:
    """The first sentence the answer quoted of the one case it was about ("" when none)."""
    key = prev.cited[0] if prev.cited else ""
    case = cases.get(key)
    if case is None:
        return ""
    for k_, n in prev.quoted or prev.reasons:
        if k_ == key and 0 <= n < len(case.sentences):
            return case.sentences[n]
    return ""


def answered(prev: TurnState, cases: Mapping[str, Case], k: Knowledge) -> tuple:
    """The facets the answer to a yes/no question about one case stated: those of its quote whose
    cue's clause holds one of the question's words (「外部向けの資料作成には使用しない」 for 「外部向けの資料に
    使える？」: no external use, not the drafting it names). () when the quote states none so."""
    quote = nfkc(_quote(prev, cases))
    if not quote:
        return ()
    words = {t for group in prev.q.content(k) for t in group if len(t) > 1}
    words |= {w for w in prev.q.facet_words if w}
    out = []
    for hit in extract_facets([quote], k.taxonomy):
        facet = k.taxonomy.by_key.get(hit.key)
        if facet is None or facet.meta:       # (「…といったルールを定めている」 names no rule)
            continue
        clauses = [_clause(quote, m.start(), m.end()) for rx in facet.cues for m in rx.finditer(quote)]
        if any(w in clause for clause in clauses for w in words):
            out.append(facet)
    return tuple(out)


def _clause(text: str, start: int, end: int) -> str:
    """The clause of a sentence a span stands in (between 、/。/, around it)."""
    stops = "、。,，;；"
    a = max(text.rfind(c, 0, start) for c in stops) + 1
    ends = [i for i in (text.find(c, end) for c in stops) if i >= 0]
    return text[a:min(ends) if ends else len(text)] if a <= start else text[start:end]


def asked_again(prev: TurnState, cases: Mapping[str, Case], k: Knowledge) -> Query:
    """The question one case answered, as it is asked of other cases: a yes/no question by the
    rule its answer stated (the asked facets it subsumes dropped); any other as it was asked."""
    if not yes_no(prev.q, k):
        return prev.q
    said = answered(prev, cases, k)
    if not said:
        return prev.q
    covered = {key for f in said for key in f.subsumes} | {f.key for f in said}
    kept = tuple((f, w) for f, w in zip(prev.q.facets, prev.q.facet_words) if f.key not in covered)
    facets = tuple(f for f, _ in kept) + said
    words = tuple(w for _, w in kept) + tuple(f.ja for f in said)
    return replace(prev.q, facets=facets, facet_words=words)


def of_other_cases(q: Query, prev: TurnState, k: Knowledge, cases: Mapping[str, Case]) -> Reading:
    """「それ以外の県だと？」, 「それ以外の中国地方の県だと？」, 「それ以外の新潟県の事例だと？」 after one
    case's answer: the question it answered, of the other cases in the scope the message names."""
    prefs = tuple(p.name for p in q.known_places if p.kind == "prefecture")
    said = replace(q.scope, prefectures=q.scope.prefectures + prefs, case_keys=frozenset())
    asked = asked_again(prev, cases, k)
    shown = prev.cited[0]
    named = (cases[shown].title,) if shown in cases else ()
    scope = said.excluding(Scope(case_keys=frozenset(prev.cited), named=named))
    merged = replace(asked, text=f"{asked.text} {q.text}", lang=q.lang, places=(), scope=Scope(), excluded=(),
                     intent="count" if q.intent == "count" else "list")
    return Reading(merged, scope, "widen", label=prev.label, topic=prev.topic)


def alike(q: Query, prev: TurnState, k: Knowledge, cases: Mapping[str, Case]) -> Reading:
    """「他にそういう自治体は？」, 「ほかに同じルールの自治体は？」, "Any others like that?" after one
    case: the question that case answered (by the rule it stated, for a yes/no question), of
    every other case."""
    asked = asked_again(prev, cases, k)
    mine = _own_facets(q, k)
    if mine:        # the facets it repeats are what it asks (「そういう検知の機能」: the detection)
        asked = replace(asked, facets=tuple(f for f, _ in mine), facet_words=tuple(w for _, w in mine))
    return others(q, replace(prev, q=asked, scope=Scope(), reading="new"), cases)


def _own_facets(q: Query, k: Knowledge) -> tuple:
    """The message's facets, less those asked by its words that point at the case (「同じルール」)."""
    said = " ".join(m.group(0) for m in k.questions.conversation["alike"].finditer(q.text))
    return tuple((f, w) for f, w in zip(q.facets, q.facet_words) if not (w and w in said))


def echoed(q: Query, prev: TurnState, cases: Mapping[str, Case], k: Knowledge) -> bool:
    """Whether a message's own facets and words only repeat the one case's question or quote
    (「そういう検知の機能があるところはほかにある？」 after 「江戸川区は…警告が出る？」): it asks
    no new topic of its own."""
    asked = {f.key for f in prev.q.facets} | {f.key for f in answered(prev, cases, k)}
    if any(f.key not in asked for f, _ in _own_facets(q, k)):
        return False
    said = prev.q.text + " " + nfkc(_quote(prev, cases))
    # (the words that asked a facet it repeats repeat it: 検知 of the detection 警告 asked)
    facet_words = " ".join(w for f, w in zip(q.facets, q.facet_words) if w and f.key in asked)
    own = [word for word in own_words(q, ("others", "alike"), k) if not any(w in facet_words for w in word)]
    return all(any(w in said or (len(w) > 1 and w[:-1] in said) for w in word) for word in own)


__all__ = ["alike", "answered", "asked_again", "echoed", "of_other_cases", "yes_no"]
