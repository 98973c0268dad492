"""A follow-up that corrects the turn before it (「いや、市だけで」 after 「近畿の事例は？」 → 「県だけ」,
「違う、鳥取県以外で」, "Sorry, I meant cities." after "Which cases in Kyushu are prefectures?").

Its words replace that turn's, they do not add to them: after a narrowing it is read against the
list that narrowing narrowed (「市だけ」 of the 近畿 list, not of its one prefecture); after any other
turn it is read against that turn with the words that say "no" taken out (a level or place
alone then asks that question in the scope it names: `conversation`'s sibling reading). A
correction that names what it replaces (「県じゃなくて市で」) is read as what replaces it, and one
that only names what was meant (「ごめん、富士市のことでした」) as that name. The wording is
`questions.toml` [conversation] correct, instead and meant.
"""
from __future__ import annotations

from chatbot.qa.read.turns import TurnState
from core.knowledge import Knowledge


def corrected(question: str, prev: TurnState | None, k: Knowledge) -> tuple[str, TurnState] | None:
    """(the message without the words that open it as a correction, the turn to read it
    against); None when it opens with none, or nothing follows them."""
    if prev is None:
        return None
    words = k.questions.conversation
    found = words["correct"].match(question)
    rest = question[found.end():].strip() if found else question
    instead = words["instead"].match(rest)
    if instead is None and found is None:
        return None
    rest = rest[instead.end():].strip() if instead else rest
    rest = words["meant"].sub("", rest).strip() or rest
    if not rest:
        return None
    if prev.reading == "narrow" and prev.base is not None and prev.base.cited:
        return rest, prev.base
    return rest, prev


__all__ = ["corrected"]
