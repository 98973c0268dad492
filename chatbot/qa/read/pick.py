"""A follow-up that asks which ONE of the cases on screen does something (`chatbot.qa.read.
conversation` asks it before the narrowings): "Which one has about 750 staff in the trial?",
"Which one plans to build it into approvals?", 「どれが一番最初に始めた？」 right after a list of
two or more cases.

It is no narrowing to the cases that share a facet with it (a facet of "in the trial" is held
by every case of a list of trials): the message's own words are asked of each case on screen,
and the case whose sentence answers them best answers it — a fact of that case, with the one
or two closest after it (`evidence.named`), never a case off the list.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from chatbot.qa.read.moves import own_words
from chatbot.qa.read.turns import Reading, TurnState
from chatbot.qa.read.understand import Query
from chatbot.qa.read.where import Scope
from core.cases import Case
from core.facets import extract_facets
from core.knowledge import Knowledge


def one_of_the_list(q: Query, prev: TurnState, k: Knowledge,
                    cases: Mapping[str, Case] | None = None) -> Reading | None:
    """The message as a fact asked of the cases on screen, best answering first; None when it
    asks no single one of them (or names a place or scope of its own: a question of its own)."""
    words = k.questions.conversation
    if prev.kind not in ("list", "count") or len(set(prev.cited)) < 2 or not words["pick"].search(q.text):
        return None
    if q.places or q.unknown_places or q.scope.structural or words["new"].search(q.text):
        return None
    if not (q.facets or q.conditions or own_words(q, ("pick", "narrow", "those"), k)):
        return None          # ("Which one?" alone: nothing to tell them apart by)
    keys = tuple(dict.fromkeys(prev.cited))
    holding = holding_topic(q, keys, k, cases) if cases else ()
    if holding and len(holding) < len(keys):
        # "Which one works with FIXER …?": a use, rule or vendor it names that only some of them
        # hold tells them apart before any sentence does
        keys = holding
    return Reading(replace(q, intent="fact", scope=Scope()), Scope(case_keys=frozenset(keys)), "narrow", keys,
                   prev.reasons, prev.whys, prev.label, topic=prev.topic)


def holding_topic(q: Query, keys: tuple[str, ...], k: Knowledge, cases: Mapping[str, Case]) -> tuple[str, ...]:
    """The cases that hold a topic facet (a use, rule or vendor: not a stage or a kind of
    statement, which a list of trials all share) the message names."""
    asked = {f.key for f in q.facets if f.group not in ("status", "info")}
    if not asked:
        return ()
    return tuple(key for key in keys if key in cases and
                 asked & {h.key for h in extract_facets(cases[key].sentences, k.taxonomy)})


__all__ = ["holding_topic", "one_of_the_list"]
