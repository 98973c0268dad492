"""A question's way, one direction: **read** → **scope** → **evidence** → **shape** → **compose**.

    read      its words, the kind of answer it asks for, how it follows the conversation (`Request`)
    scope     the cases in play (`Scoped`)
    evidence  for each case in scope, its sentences scored against what was asked (`Found`)
    shape     fact, list, count, changes since the last version, or none (`Shaped`)
    compose   the lead line and the quotes with their [n] markers (`Answer`)

Each stage is a module (or package) with one entry point; none calls back into an earlier one.
"""
from __future__ import annotations

from dataclasses import replace

from chatbot.qa.catalog import keys_by_case_id
from chatbot.qa.compose import Answer
from chatbot.qa.evidence import gather
from chatbot.qa.evidence.named import topics
from chatbot.qa.read import Request, TurnState, read
from chatbot.qa.retrieve import Filters, Retriever
from chatbot.qa.scope import Scoped, resolve
from chatbot.qa.shape import shape
from chatbot.qa.wording import compose


def answer_question(retriever: Retriever, question: str, filters: Filters = Filters()) -> Answer:
    """Answer one question on its own (the answer keeps the question as typed)."""
    return answer_turn(retriever, question, filters)[0]


def answer_turn(retriever: Retriever, question: str, filters: Filters = Filters(),
                prev: TurnState | None = None) -> tuple[Answer, TurnState]:
    """Answer a message of a conversation, read in the context of the turn before it.

    Returns:
        The answer (with ``understood_as`` when it was read as a follow-up), and what the next
        message may build on.
    """
    request = read(retriever, question.strip(), filters, prev)
    scoped = resolve(retriever, request)
    found = gather(retriever, scoped)
    answer = compose(retriever, shape(retriever, found))
    if request.anew and (not answer.citations or request.anew == "words" and (not any(
            qs and qs[0].lexical > 0 for qs in found.quotes.values()) or _lacks_topic(retriever, request, found))):
        # none of the cases on screen holds what was asked: a question of its own
        return answer_turn(retriever, question, filters)
    # (「東京大学と組んだ市は？」 found none in 東京都 but names 三豊市 outside that scope: 「何カ国語に
    # 対応してる？」 next asks the one case the answer named)
    # (「四国だけ」 found none but named 三豊市 as sharing the question's words: the one case shown)
    offered = tuple(found.related) if not answer.citations and len(found.related) == 1 else ()
    state = _next_state(retriever, answer, scoped, found.label, prev, offered)
    if prev is not None and state.reading != "new" and not answer.citations and not offered:
        if found.not_stated and len(scoped.scope.case_keys) == 1 and request.q.intent == "fact":
            # 「職員は何人？」 of 横須賀市, not stated: still that question of that case (「厚木市は？」
            # next asks it of 厚木市, 「いつから？」 asks 横須賀市)
            state = replace(state, cited=tuple(scoped.scope.case_keys))
        else:
            state = prev    # a follow-up that found nothing: the next one builds on what was found
    return replace(answer, question=question), state


def _lacks_topic(retriever: Retriever, request: Request, found) -> bool:
    """A guess from the cases on screen names a topic (a use, a rule, a vendor) none of them has:
    "Who uses Azure OpenAI Service?" after a list of prefectures with a rule is asked of the
    article, not of them (their sentences share its everyday words, 使用)."""
    asked = [f.key for f in topics(request.q)]
    return bool(asked) and not any(f in retriever.facets.get(key, {}) for key in found.keys for f in asked)


def _next_state(retriever: Retriever, answer: Answer, scoped: Scoped, label: str,
                prev: TurnState | None, offered: tuple[str, ...] = ()) -> TurnState:
    """What the next message may build on: the cases this answer cited (or, when it cited
    none, the one case it named outside the question's scope, else the places the question
    named: 「横須賀市の利用者数は？」 → not stated; 「そこはいつから？」 still asks about 横須賀市)."""
    request: Request = scoped.request
    keys = keys_by_case_id(retriever)
    reasons, whys = {}, {}
    for c in answer.citations:
        if c.case_id in keys:
            reasons.setdefault(keys[c.case_id][0], c.sentence)
            whys.setdefault(keys[c.case_id][0], c.why)
    cited = tuple(reasons)
    if not cited:
        # (「東京都でごみ出し案内を作っているところは？」 found none: a prefecture a list question names
        # is where it looked, not a case the next 「いつから？」 asks about — 東京都庁 is no subject)
        named = [p for p in request.q.known_places
                 if not (request.q.intent in ("list", "count") and p.kind == "prefecture" and not p.office)]
        cited = offered or tuple(dict.fromkeys(keys[i][0] for p in named for i in p.case_ids if i in keys))
    state = TurnState(request.q, scoped.scope, cited, answer.kind, request.how, tuple(reasons.items()),
                      tuple(whys.items()), label, request.topic)
    state = replace(state, quoted=tuple((keys[c.case_id][0], c.sentence) for c in answer.citations
                                        if c.case_id in keys))
    if request.how == "place" and prev is not None:
        state = replace(state, before=prev.cited)    # 「違いは？」 next compares the two
    if request.how == "narrow" and prev is not None:
        state = replace(state, base=_base(prev), narrowed=prev)   # "What about Kanto?" after "Just Kinki."
    if answer.kind in ("list", "count") and cited:
        return replace(state, last_list=None)
    # 「最初の市では…？」 after two questions each about one case: the first of them
    subjects = prev.subjects if prev is not None else ()
    if answer.kind == "fact" and len(cited) == 1:
        subjects = tuple(dict.fromkeys(subjects + cited))
    return replace(state, last_list=_as_list(prev), subjects=subjects)


def _base(prev: TurnState) -> TurnState | None:
    """The list a narrowing narrowed: the one before it when it was itself a narrowing."""
    if prev.reading == "narrow" and prev.base is not None:
        return prev.base
    return prev if prev.kind in ("list", "count") and prev.cited else prev.last_list


def _as_list(prev: TurnState | None) -> TurnState | None:
    """The last list a conversation answered (kept through the detail turns after it)."""
    if prev is None:
        return None
    if prev.kind in ("list", "count") and prev.cited:
        return replace(prev, last_list=None)
    return prev.last_list


__all__ = ["TurnState", "answer_question", "answer_turn"]
