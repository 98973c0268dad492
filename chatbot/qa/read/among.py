"""A comparison asked of the few cases just shown (`read` asks it before anything else of a
follow-up):

* 「一番多いのは？」, "Which is the biggest?" right after 「東京都庁と埼玉県庁の利用人数は？」 — a
  superlative with no measure of its own (no staff, time, period or start word, no topic):
  the measure of the question before, ranked among the two or three cases it was about — not
  a tally of the uses of every case of the article;
* 「どっちが早く始めた？」, "Which of the two?" right after a turn about two or three cases (a list
  of them, or one answer about each): ranked among those cases (a superlative with a measure
  or topic of its own and no 「どっち」 is a question of its own, as before).

The message is handed back as the narrowing 「その中で…」 of those cases, which `read` answers
as a ranking (or tally) of the cases on screen (`_of_the_list`).
"""
from __future__ import annotations

import re
from dataclasses import replace

from chatbot.qa.read.moves import own_words
from chatbot.qa.read.turns import TurnState
from chatbot.qa.read.understand import Query
from core.knowledge import Knowledge

_FIGURES = ("figure_staff", "figure_time", "figure_period", "figure_start", "figure_end")
_STOPS = re.compile(r"[?？。、,，!！]")


def among_few(q: Query, prev: TurnState | None, k: Knowledge) -> tuple[str, TurnState] | None:
    """(the message as a narrowing of the few cases just shown, the turn that showed them as a
    list); None when the message is no such comparison."""
    if prev is None or not 2 <= len(set(prev.cited)) <= 3 or q.places or q.unknown_places or q.scope.structural:
        return None
    words, tables = k.questions.conversation, k.questions.tables
    few = words["which_few"].search(q.text)
    if not (few or tables["rank"].search(q.text)):
        return None
    measured = bool(q.facets) or any(tables[f].search(q.text) for f in _FIGURES)
    # (a measure-less superlative has no word of its own but 「一番」, 「多い」, "most": 「一番多い用途は？」
    # asks of the uses, not of the question before)
    own = [w for w in own_words(q, ("which_few", "narrow", "those"), k)
           if not (tables["what"].fullmatch(" ".join(w)) or tables["rank"].search(" ".join(w)))]
    if measured and prev.kind in ("list", "count") and (words["narrow"].search(q.text) or words["those"].search(q.text)):
        return None                   # (「その中で一番早く始めたのは？」: read as it is)
    if not (few or not (measured or own)):
        return None
    said = words["which_few"].sub(" ", q.text).strip() if few else q.text
    if not measured:
        # the measure of the question before (「利用人数」), its places taken out
        said = f"{_STOPS.sub(' ', prev.q.rest).strip()} {said}"
    shown = tuple(dict.fromkeys(prev.cited))
    return f"その中で {said}", replace(prev, kind="list", cited=shown)


__all__ = ["among_few"]
