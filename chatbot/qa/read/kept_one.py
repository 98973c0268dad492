"""A detail asked of the one case of the list on screen that the message's level, office or
place keeps (`chatbot.qa.read.conversation` asks it before the narrowings): after 「埼玉県の事例を
教えて」 (埼玉県庁, 戸田市), 「県庁では何人くらいが対象なの？」 or 「そのうち市は何を検討している？」
asks that case's detail — not every prefectural office of the article (a question of its own),
and not the list narrowed to one case.

With 「そのうち」/"of those" said, any list: the narrowing names the cases on screen. Without
it, only a short list (the few a reader holds in view): a level or place that keeps exactly one
of them, with a what, when or how many asked, is about that one. 「つくば以外の方は何に使った？」:
the cases it names to leave out are left out first.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from chatbot.qa.read.turns import Reading, TurnState
from chatbot.qa.read.understand import Query
from chatbot.qa.read.where import Scope
from core.cases import Case
from core.knowledge import Knowledge

# a list this short is in view as a whole: a level or place that keeps one of it names that one
# (the same few as a detail asked of a short list in `conversation`)
SHORT = 3


def kept_one(q: Query, prev: TurnState, k: Knowledge, cases: Mapping[str, Case] | None,
             said: bool) -> Reading | None:
    """The detail reading of the one listed case the message's scope keeps; None when it keeps
    none or several, asks nothing, or names a place that is not a prefecture (a case named by
    name is `pick_named`'s)."""
    words = k.questions.conversation
    if not cases or prev.kind not in ("list", "count") or not prev.cited or q.intent != "fact":
        return None
    if not (q.asks or words["asks"].search(q.rest)):
        return None
    # (a prefecture with no case of its own office is no known place: 「香川県は…？」 after 四国's list)
    prefs = tuple(p.name for p in q.places if p.kind == "prefecture")
    if said:
        if q.places or not q.scope.structural:
            return None
    elif len(set(prev.cited)) > SHORT or len(prefs) != len(q.places) or \
            not (q.scope.structural or prefs):
        return None
    scope = replace(q.scope, prefectures=q.scope.prefectures + prefs)
    out = {i for p in q.excluded if p.kind != "prefecture" or p.office for i in p.case_ids}
    kept = tuple(dict.fromkeys(key for key in prev.cited if key in cases and scope.admits(key, cases[key])
                               and cases[key].id not in out))
    if len(kept) != 1:
        return None
    return Reading(replace(q, intent="fact", scope=Scope(), places=()), Scope(case_keys=frozenset(kept)),
                   "detail", kept)


__all__ = ["SHORT", "kept_one"]
