"""Back to a list after a detour: 「議事録の話に戻って、その中で条例を作ったのは？」, 「さっきの九州のリストで
県は？」, 「東京の一覧に戻って、一番人数が多いのは？」, "Back to the list — which ones are in Gunma?" after
questions about one case or another.

The words that say so are no topic of their own; the rest of the message is read against the
last list the conversation answered, as a question among its cases (「その中で…」, "Of those, …")
when it does not already point back at them. Right after the list itself they change nothing,
and 「さっきのリストで他には？」 stays with `wander` (the rest of a list a pick narrowed). The wording
is `questions.toml` [conversation] resume.
"""
from __future__ import annotations

import re

from chatbot.qa.read.turns import TurnState
from core.knowledge import Knowledge

# the words that already point back at the cases of a list, or at one of them
_POINTING = ("narrow", "those", "others", "rest", "ordinal", "other_one", "listed", "back", "which_few", "earlier")
_JAPANESE = re.compile(r"[ぁ-ゖァ-ヺ一-龥]")


def resumed(question: str, prev: TurnState | None, k: Knowledge) -> tuple[str, TurnState] | None:
    """(the message read among the cases of the last list, that list's turn); None when the
    message says no return to a list, the list is still on screen, or there is none."""
    if prev is None:
        return None
    words = k.questions.conversation
    found = words["resume"].match(question)
    target = prev if prev.kind in ("list", "count") and prev.cited else prev.last_list
    while target is not None and len(set(target.cited)) == 1 and target.base is not None:
        # (「江戸川区について」 picked one case of the list: back to the list it was picked from)
        target = target.base
    if found is None or target is None or target is prev or not target.cited:
        return None
    target = _named(found.group(0), target, k)
    rest = question[found.end():].strip()
    if not rest or words["others"].search(rest) or words["rest"].search(rest):
        return None         # (the rest of a list a pick narrowed: `wander`)
    if not any(words[name].search(rest) for name in _POINTING):
        rest = f"その中で{rest}" if _JAPANESE.search(rest) else f"Of those, {rest}"
    return rest, target


_SAYS_RETURN = re.compile(r"\b(?:ok|okay|so|now|and|right|going|coming|getting|returning|back|to|the|that|list|"
                          r"results?)\b|(?:さっき|先ほど|さきほど|先程)の|(?:話|リスト|一覧)(?:に|を).*$", re.I)


def _named(said: str, target: TurnState, k: Knowledge) -> TurnState:
    """The list of a chain of narrowings the words that name it belong to: 「九州の一覧に戻って」 after
    「九州の事例は？」 → 「そのうち県庁は？」 and a detail names the list of 九州 (the one the narrowing
    narrowed: its words are in that list's question, not in the narrowing's), 「最初の一覧」 the first;
    else the last list, as before."""
    first = target.base
    if target.reading != "narrow" or first is None or not first.cited:
        return target
    if k.questions.conversation["original"].search(said):
        return first
    own = target.q.text[len(first.q.text):] if target.q.text.startswith(first.q.text) else target.q.text
    named = [w for w in re.split(r"[\sの、,，.:;—–-]+", _SAYS_RETURN.sub(" ", said)) if len(w) > 1]
    if named and all(w.lower() in first.q.text.lower() and w.lower() not in own.lower() for w in named):
        return first
    return target


__all__ = ["resumed"]
