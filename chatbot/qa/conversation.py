"""A conversation, not a form: reading a follow-up in the context of the turn before it.

Staff narrow a list (「そのうち中国地方はどこ？」, "only the prefectures", "which of them are in
Kyushu?"), swap the place ("What about Yokosuka?", 「千葉県は？」), or ask a detail of the case
just shown (「いつまで？」, "how many staff?"). A message is read, in this order, as

* **narrowing** — it says 「そのうち」/"of them"/"only", or names only a region, level or kind,
  right after a list: the previous scope, facets and figure conditions are kept, the cases are
  those just cited, and what the message adds (a region, a level, a facet, a figure) narrows them;
* **a place swap** — it names a place and nothing else of its own: the previous question, asked
  about that place;
* **a detail** — it has no topic, place or scope of its own (or refers back with 「それ」/"it"):
  asked of the case(s) just cited;
* **a new question** — anything with a topic of its own: answered on its own, nothing carries over.

Rule-based on purpose: it works offline with no LLM. `understood_as` says how a follow-up was
read, in the answer's language, so staff can see a wrong reading and rephrase.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from chatbot.qa.scope import Scope
from chatbot.qa.understand import Query
from core.knowledge import Knowledge

# Words that point back at the previous answer's cases.
_NARROW = re.compile(r"そのうち|その中|このうち|この中|うち(で|の)?|\b(of|among) (them|those|these)\b|"
                     r"\bonly (the )?|\bjust (the )?|\bwhich of (them|those|these)\b|だけ|のみ", re.I)
_BACK = re.compile(r"それ|そこ|その(事例|自治体|県|市|町|区|取り組み|ルール|システム)|同(市|県|区|町|村)|"
                   r"\b(it|its|they|their|them|there|that (city|prefecture|ward|town|case|one)|"
                   r"this (city|prefecture|ward|town|case|one))\b", re.I)
# "What about Yokosuka?", 「千葉県は？」, 「では横浜市は？」: a place and a question mark, nothing more.
_SWAP = re.compile(r"^\s*(what|how)\s+about\b|^\s*(and|then)\b|^\s*(では|じゃあ|それでは|なら|では、)|"
                   r"(は|だと|では|なら)\s*(?:[?？]\s*)?$", re.I)


@dataclass(frozen=True)
class TurnState:
    """What a turn left for the next one to build on."""

    q: Query
    scope: Scope
    cited: tuple[str, ...] = ()          # case keys the answer cited, in order
    kind: str = "none"                   # fact | list | count | none
    reading: str = "new"                 # new | narrow | place | detail


@dataclass(frozen=True)
class Reading:
    """How a message is read: the query to answer, the scope to answer it in, and why."""

    q: Query
    scope: Scope | None = None           # None: read the scope from the message itself
    how: str = "new"
    carried: tuple[str, ...] = field(default=())   # case keys carried over


def read(q: Query, content: list, prev: TurnState | None, k: Knowledge) -> Reading:
    """Read a message given the turn before it (`content`: the message's own content words)."""
    if prev is None:
        return Reading(q)
    own_scope = bool(q.scope.regions or q.scope.levels or q.scope.kinds)
    places = q.known_places or q.unknown_places
    topic = bool(q.facets or q.conditions or content)
    narrowing = bool(_NARROW.search(q.text)) or (own_scope and not topic and not places)
    if narrowing and prev.kind in ("list", "count") and prev.cited and not places:
        facets = q.facets or prev.q.facets
        # the previous question is still what is asked: retrieval and the quotes read both
        merged = replace(prev.q, text=f"{prev.q.text} {q.text}", lang=q.lang,
                         intent="count" if q.intent == "count" else "list",
                         facets=facets, facet_words=q.facet_words if q.facets else prev.q.facet_words,
                         conditions=prev.q.conditions + q.conditions,
                         asks=q.asks or prev.q.asks, places=(), rest=prev.q.rest)
        scope = Scope(q.scope.regions or prev.scope.regions, q.scope.levels or prev.scope.levels,
                      q.scope.kinds or prev.scope.kinds, prev.scope.prefectures, frozenset(prev.cited))
        return Reading(merged, scope, "narrow", prev.cited)
    if places and not topic and not own_scope and (_SWAP.search(q.text) or len(q.rest.split()) <= 3):
        merged = replace(prev.q, text=f"{q.text} {prev.q.rest}", lang=q.lang, places=q.places,
                         scope=replace(prev.q.scope, prefectures=()))
        if prev.kind in ("list", "count") and q.known_places:
            # after a list, 「千葉県は？」 asks the same of Chiba: the place is the scope
            prefs = tuple(p.name for p in q.known_places if p.kind == "prefecture")
            scope = Scope(levels=prev.scope.levels, kinds=prev.scope.kinds, prefectures=prefs)
            return Reading(merged, scope, "place") if prefs \
                else Reading(replace(merged, intent="fact"), None, "place")
        return Reading(merged, None, "place")
    # 「何人？」, "how many staff?", "when?": too short to be a question of its own
    short = (len(q.text.strip(" ？?")) <= 8 if q.lang == "ja" else len(q.text.split()) <= 4) \
        and not k.questions.cases.search(q.text)
    if not places and not own_scope and prev.cited and (not topic or short or _BACK.search(q.text)):
        keys = prev.cited if prev.kind == "fact" else prev.cited[:8]
        merged = replace(q, intent="fact", facets=q.facets)
        return Reading(merged, Scope(case_keys=frozenset(keys)), "detail", tuple(keys))
    return Reading(q)


def understood_as(reading: Reading, names: list[str], lang: str) -> str:
    """「『外部向け利用の禁止』× 中国地方 として回答しました（直前の事例から絞り込み）」 /
    "Read as: No external-facing use; Chugoku (narrowing the cases just listed)"; "" for a new
    question."""
    if reading.how == "new":
        return ""
    q = reading.q
    parts = [(f"『{f.ja}』" if lang == "ja" else f.en) for f in q.facets]
    if reading.scope is not None and reading.how == "narrow":
        where = Scope(reading.scope.regions, reading.scope.levels, reading.scope.kinds,
                      reading.scope.prefectures).describe(lang)
        if where:
            parts.append(where)
    parts += names
    if lang == "ja":
        why = {"narrow": "直前に挙げた事例から絞り込み", "place": "前の質問を別の場所について",
               "detail": "直前の回答の事例について"}[reading.how]
        return f"{' × '.join(parts) or '前の質問の続き'} として回答しました（{why}）"
    why = {"narrow": "narrowing the cases just listed", "place": "the previous question, for this place",
           "detail": "about the case just shown"}[reading.how]
    return f"Read as: {'; '.join(parts) or 'a follow-up'} ({why})"


__all__ = ["Reading", "TurnState", "read", "understood_as"]
