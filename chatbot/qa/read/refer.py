"""Follow-ups that point back at a case of the conversation by where it stands in it, or leave
out the place of the one case just answered (`chatbot.qa.read.conversation` decides when a
message is one):

* 「福井県以外では？」 after 「越前市は住民からの質問にもChatGPTで答えている？」 — the question that one
  case answered, of the other cases outside the place it leaves out (not every case outside it);
* 「もう一つの自治体は？」 after a list of two and a detail of one of them — that detail, of the
  other one;
* 「最初の市では…？」 after two questions each about one case (no list on screen) — the case the
  conversation was first about.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from chatbot.qa.read.moves import own_words
from chatbot.qa.read.one_case import of_other_cases
from chatbot.qa.read.turns import Reading, TurnState, admits_any
from chatbot.qa.read.understand import Query
from chatbot.qa.read.where import Scope
from core.cases import Case
from core.knowledge import Knowledge


def its_place_left_out(q: Query, prev: TurnState, k: Knowledge, cases: Mapping[str, Case] | None,
                       topic: bool) -> Reading | None:
    """「福井県以外では？」, "Outside Fukui?" right after a question that named one case and was
    answered by it: that question (by the rule its answer stated, for a yes/no one), of the
    other cases outside the place the message leaves out. None: not that message."""
    if not cases or prev.kind != "fact" or prev.reading != "new" or len(set(prev.cited)) != 1 or topic:
        return None
    out = q.scope.without
    if out is None or replace(q.scope, without=None).structural or q.known_places or q.unknown_places or \
            q.asks or k.questions.cases.search(q.text):
        return None         # (「東京都以外で、区か町の事例はある？」 asks cases of its own)
    named = {i for p in prev.q.known_places for i in p.case_ids}
    shown = cases.get(prev.cited[0])
    # the place it leaves out is that case's own (「福井県以外」 after 越前市)
    if shown is None or shown.id not in named or not out.admits(prev.cited[0], shown) or \
            admits_any(q, prev.cited, cases):
        return None
    if not (prev.q.facets or prev.q.conditions or prev.q.content(k)):
        return None
    return of_other_cases(q, prev, k, cases)


def the_other_one(q: Query, prev: TurnState, k: Knowledge, cases: Mapping[str, Case] | None = None) -> Reading | None:
    """「もう一つの自治体は？」, "And the other one?" right after a detail asked of one case of a
    list of two: the detail asked again, of the other case (「もう一つの市は？」 after 茨城県's three
    cases and つくば市's detail: of the list's other city). None: not that message."""
    words = k.questions.conversation
    sc = q.scope
    # (a level or kind is which of the list it means, not a scope of its own)
    placed = bool(sc.regions or sc.prefectures or sc.areas or sc.without) or (sc.structural and not cases)
    if not words["other_one"].search(q.text) or q.known_places or placed or q.facets or \
            own_words(q, ("other_one",), k):
        return None
    base = prev.last_list
    if prev.kind != "fact" or base is None or len(set(prev.cited)) != 1:
        return None
    rest = tuple(key for key in dict.fromkeys(base.cited) if key not in set(prev.cited) and
                 (not cases or key not in cases or Scope(levels=sc.levels, kinds=sc.kinds).admits(key, cases[key])))
    if len(rest) != 1:
        return None
    asked = replace(prev.q, text=f"{q.text} {prev.q.rest}", lang=q.lang, intent="fact", places=(),
                    excluded=(), scope=Scope())
    return Reading(asked, Scope(case_keys=frozenset(rest)), "detail", rest)


__all__ = ["its_place_left_out", "the_other_one"]
