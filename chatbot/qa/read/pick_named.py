"""A case of the list on screen picked by its name, and the list after it (`chatbot.qa.read.
conversation` asks both before its other readings).

* 「その中で横須賀市について詳しく」, "Tell me about Kobe", 「鳥取県について教えて」, "Sorry, I meant Kasama."
  right after a list that holds that case: that case (a fact of it, no list of one quoting why it
  was listed), read as a narrowing of the list so 「さっきのリストで他には？」 and "What about Niigata
  City?" still read against the list (`wander`). A prefecture named without 「について」 / "tell me
  about" (「静岡県は？」) is no pick: it narrows the list to its cases or asks the list's question there.
* Right after a case picked with no words of its own (that pick, or 「2番目の事例は？」), a message
  that names only a prefecture, a region or a level (「静岡県は？」, 「その中で近畿は？」, "What about
  Kinki?") is read against the list, as right after it: the picked case asked nothing, so the
  list is still the subject. (A pick that asked something — 「2番目の事例のベンダーは？」 — is the
  subject: 「静岡県は？」 then asks 静岡県 the same.)

* "Who asks staff to report their use?" right after a list: which of them (`who_of_the_list`).

The words that ask to be told about a case are `tell`, a subject "who" `who_does`, in questions.toml
[conversation].
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from chatbot.qa.read.moves import own_words
from chatbot.qa.read.pick import holding_topic
from chatbot.qa.read.turns import Reading, TurnState
from chatbot.qa.read.understand import Query
from chatbot.qa.read.where import Scope
from core.cases import Case
from core.knowledge import Knowledge

# (conversation words that are no words of the message's own when it picks a case)
_NOT_OWN = ("tell", "narrow", "swap", "ordinal", "listed")


def named_of_the_list(q: Query, prev: TurnState, k: Knowledge,
                      cases: Mapping[str, Case] | None) -> Reading | None:
    """The case of the list on screen the message names and asks nothing else of; None: not
    such a message."""
    words = k.questions.conversation
    if not cases or prev.kind not in ("list", "count") or len(set(prev.cited)) < 2 or not q.known_places:
        return None
    sc = q.scope
    if q.unknown_places or q.excluded or q.facets or q.conditions or q.asks or sc.structural or \
            sc.without is not None or words["asks"].search(q.rest) or words["new"].search(q.text):
        return None
    told = bool(words["tell"].search(q.text))
    if not told and any(p.kind == "prefecture" and not p.office for p in q.known_places):
        return None          # 「静岡県は？」: the list's cases there, not one case
    on_list = {cases[key].id: key for key in prev.cited if key in cases}
    picked = tuple(dict.fromkeys(on_list[i] for p in q.known_places for i in p.case_ids if i in on_list))
    if len(picked) != 1 or any(not set(p.case_ids) & set(on_list) for p in q.known_places):
        return None          # (「神戸市と大阪市について」: a narrowing to both, as before)
    prefectures = {p.name for p in q.known_places if p.kind == "prefecture" and not p.office}
    if prefectures and any(cases[key].prefecture in prefectures for key in prev.cited if key in cases and key != picked[0]):
        return None          # 「静岡県について教えて」 after the 東海 list: 静岡県's cases on it, not its office alone
    if own_words(q, _NOT_OWN, k):
        return None
    asked = replace(q, intent="fact", scope=Scope())
    return Reading(asked, Scope(case_keys=frozenset(picked)), "narrow", picked,
                   tuple(r for r in prev.reasons if r[0] in picked), tuple(w for w in prev.whys if w[0] in picked),
                   prev.label, topic=prev.topic)


def list_after_pick(q: Query, prev: TurnState, k: Knowledge) -> TurnState:
    """The list a bare pick was made from, for a message naming only a prefecture, region or
    level; else the turn itself."""
    the_list = _bare_pick(prev, k)
    if the_list is None:
        return prev
    sc = q.scope
    if not (sc.regions or sc.areas or sc.prefectures or sc.levels or sc.kinds or
            any(p.kind == "prefecture" and not p.office for p in q.known_places)):
        return prev
    if q.unknown_places or q.facets or q.conditions or q.asks or \
            any(p.kind != "prefecture" for p in q.known_places):
        return prev
    words = k.questions.conversation
    if words["asks"].search(q.rest) or own_words(q, _NOT_OWN + ("others", "rest"), k):
        return prev
    return the_list


def who_of_the_list(q: Query, prev: TurnState | None, k: Knowledge, cases: Mapping[str, Case] | None) -> Query:
    """"Who asks staff to report their use?" right after a list: "which of them asks …" — a
    narrowing of the cases on screen by its own words, not a person asked of each of them (the
    `who_does` wording: "who" the subject of its verb). Else the message as it was — also when
    it names a use, rule or vendor none of them has ("Who uses Azure OpenAI Service?" after the
    prefectures with a rule: a question of its own)."""
    said = k.questions.conversation["who_does"]
    if prev is None or prev.kind not in ("list", "count") or len(set(prev.cited)) < 2 or q.lang != "en" or \
            not said.search(q.text) or not cases:
        return q
    if any(f.group not in ("status", "info") for f in q.facets) and not holding_topic(q, tuple(prev.cited), k, cases):
        return q
    which = lambda m: m.group(0)[:-3] + "which of them"
    return replace(q, text=said.sub(which, q.text, count=1), rest=said.sub(which, q.rest, count=1),
                   asks=tuple(a for a in q.asks if a != "person"), intent="count" if q.intent == "count" else "list")


def _bare_pick(prev: TurnState, k: Knowledge) -> TurnState | None:
    """The list a one-case turn picked its case from by name or place only, asking nothing of it."""
    if prev.kind != "fact" or len(set(prev.cited)) != 1:
        return None
    the_list = prev.base if prev.reading == "narrow" else prev.last_list if prev.reading == "detail" else None
    if the_list is None or not set(prev.cited) <= set(the_list.cited) or len(set(the_list.cited)) < 2:
        return None
    asked = prev.q
    if asked.facets or asked.conditions or asked.asks or own_words(asked, _NOT_OWN, k):
        return None
    return the_list


__all__ = ["list_after_pick", "named_of_the_list", "who_of_the_list"]
