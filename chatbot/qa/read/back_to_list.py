"""A conversation that went from a list to one case of it: the list is still its subject.

Staff ask for a list, ask a detail of one case of it, and then ask for cases again — and mean
the list, not the detail (`chatbot.qa.read.conversation` asks this before its other readings):

* 「鳥取県以外ではどこですか？」 after 「職員の利用状況を記録・報告させている自治体は？」 and
  「鳥取県はどうやって確認しているの？」 — the list without 鳥取県 (静岡県, 島根県), not the detail's
  question of every case outside 鳥取県;
* 「そういう管理をしているところで、中国地方は何件ある？」 after a list and a detail of 静岡県 — the list,
  narrowed to 中国 (「そういう…ところ」 names the list's subject, its 管理 no topic of its own);
* "How about 中国地方 — who has the same rule?" after "In 九州, which places ban entering personal
  information?" and "What else does Saga's guideline require?" — the list's question, in 中国.

A message is read so when it asks for cases (どこ, which, who, 何件) and either leaves out the case
just shown, refers back to the list's subject (そういう…ところ, the same rule), or names only a
place, region or level (「県はどこ？」); with no topic of its own. A message that names a city,
says 「他に」/"other" or starts a new subject is left to the other readings.

And after a list and one case of it, 「他の2つは？」, "And the others?" (「それ以外の市は？」: of that
level) are the rest of that list, not more of that case (`rest_of_its_list`).

Read before it, for any follow-up: a verb that keeps the list to a place or level (「静岡県内に限ると？」,
"Narrow it down to prefectures.") is a narrowing word, never the message's topic (`without_limit`).
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace

from chatbot.qa.read.moves import of_its_facets, own_words
from chatbot.qa.read.turns import Reading, TurnState, admits_any
from chatbot.qa.read.understand import Query, blank
from chatbot.qa.read.where import Scope
from core.cases import Case
from core.facets import facet_matches
from core.knowledge import Knowledge

_COUNTED = re.compile(r"\d{1,2}(?:つ|件|個|ヶ所|か所|カ所)?|two|three|four|five|six|二つ|三つ|四つ|五つ", re.I)


def rest_of_its_list(q: Query, prev: TurnState, k: Knowledge, cases: Mapping[str, Case] | None) -> Reading | None:
    """「東海の事例は？」 → 「富士市は何を導入した？」 → 「他の2つは？」, "And the others?" (「それ以外の市は？」:
    of that level): the rest of the list that case was asked from, not more of that case. None:
    not that message (a topic, place or detail of its own, or words that point at the case)."""
    words, sc = k.questions.conversation, q.scope
    if not (words["rest"].search(q.text) or words["others"].search(q.text)) or prev.kind != "fact" or \
            prev.last_list is None or not prev.cited or not set(prev.cited) < set(prev.last_list.cited):
        return None
    if q.facets or q.conditions or q.known_places or q.unknown_places or sc.regions or sc.prefectures or \
            sc.areas or sc.without or q.asks or words["asks"].search(q.rest) or words["alike"].search(q.text) or \
            words["back"].search(words["rest"].sub(" ", q.text)):
        return None
    if [w for w in own_words(q, ("rest", "narrow", "others"), k) if not _COUNTED.fullmatch(" ".join(w))]:
        return None
    base, of_level = prev.last_list, Scope(levels=sc.levels, kinds=sc.kinds)
    rest = tuple(key for key in base.cited if key not in set(prev.cited) and
                 (key not in (cases or {}) or of_level.admits(key, cases[key])))
    merged = replace(base.q, text=f"{base.q.text} {q.text}", lang=q.lang,
                     intent="count" if q.intent == "count" else "list")
    return Reading(merged, Scope(case_keys=frozenset(rest)), "narrow", rest,
                   tuple(r for r in base.reasons if r[0] in rest), tuple(w for w in base.whys if w[0] in rest),
                   base.label, on_screen=True, topic=base.topic)


def without_limit(q: Query, k: Knowledge) -> Query:
    """「静岡県内に限ると？」, "Narrow it down to prefectures.": the verb that keeps the list to a
    place or level is no topic of its own (its narrowing is read off the text, `narrow`; "filter"
    no detection facet); the message unchanged when it names no place or level."""
    if not (q.places or q.scope.structural):
        return q
    return _without(q, k, "limit")


def _without(q: Query, k: Knowledge, *kinds: str) -> Query:
    """The message without the words of the first of these kinds (in questions.toml
    [conversation]) it has, its facets read again from what is left; unchanged when it has none."""
    words = k.questions.conversation
    said = next((words[kind] for kind in kinds if words[kind].search(q.rest)), None)
    if said is None:
        return q
    rest, text = q.rest, q.text
    for m in said.finditer(q.rest):
        rest = blank(rest, m.start(), m.end())
    for m in said.finditer(q.text):
        text = blank(text, m.start(), m.end())
    matches = facet_matches(text, k.taxonomy, k.glossary)
    return replace(q, rest=rest, facets=tuple(f for f, _ in matches), facet_words=tuple(w for _, w in matches),
                   terms=tuple(k.glossary.japanese(rest)) if q.lang == "en" else q.terms)


def _past_repeated(q: Query, last: TurnState, k: Knowledge) -> Query:
    """The message without the facets it repeats of the list's question (and their words); as it
    was when it names a facet of its own or a word beyond them."""
    listed = {f.key for f in last.q.facets}
    if not q.facets or any(f.key not in listed for f in q.facets):
        return q
    if not of_its_facets(q, own_words(q, ("narrow", "swap", "listed"), k)):
        return q
    rest = q.rest
    for word in filter(None, q.facet_words):
        rest = rest.replace(word, " " * len(word))
    return replace(q, rest=rest, facets=(), facet_words=(), terms=())


def list_again(q: Query, prev: TurnState, k: Knowledge,
               cases: Mapping[str, Case] | None) -> tuple[Query, TurnState] | None:
    """The message (its words that refer back taken out) and the last list, when the message asks
    for cases of that list after a detail of one case of it; None: not that message."""
    words = k.questions.conversation
    last = prev.last_list
    if not cases or prev.kind != "fact" or last is None or not prev.cited or not last.cited or \
            not set(prev.cited) <= set(last.cited):
        return None
    if words["new"].search(q.text) or words["others"].search(q.text) or words["rest"].search(q.text) or \
            q.unknown_places or any(p.kind != "prefecture" for p in q.known_places):
        return None
    if q.intent not in ("list", "count") and not k.questions.cases.search(q.text):
        return None         # (「福井県以外では？」 asks the detail's question elsewhere: `refer`)
    alike = bool(words["alike"].search(q.text))
    bare = _without(q, k, "alike_span", "alike") if alike else q
    if alike:
        # 「同じように翻訳している県は？」: the list's own topic said again is no topic of its own
        bare = _past_repeated(bare, last, k)
    if bare.facets or bare.conditions or own_words(bare, ("narrow", "swap", "listed"), k):
        return None         # a topic of its own: a question of its own
    sc = bare.scope
    # (a level is a place of the list too: "How many are prefectures?", 「県はどこ？」)
    placed = bool(sc.regions or sc.areas or sc.prefectures or sc.levels or sc.kinds or
                  any(p.kind == "prefecture" for p in bare.known_places))
    leaves_out = sc.without is not None and not admits_any(bare, prev.cited, cases)
    if not (alike or leaves_out or placed):
        return None
    if not (alike or leaves_out) and q.intent == "count" and set(prev.q.units) - {"items"} and \
            not (set(q.units) & {"items"} or k.questions.cases.search(q.text)):
        return None         # ("How many in Kyushu?" after "How many staff in Mutsu?": staff, not cases)
    return bare, last


__all__ = ["list_again", "rest_of_its_list", "without_limit"]
