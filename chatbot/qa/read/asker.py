"""Who is asking, said before the question: 「うちは区役所です。区の事例は？」, 「関西の市役所で働いています。
近くの市で議事録に使っているのは？」, "I work at a city hall in Kyushu. Which cities nearby use it?".

The sentence that introduces the asker says nothing the article answers (its 区役所 or 町役場 is no
topic of a case); the question after it is read alone. Where the asker is, when the sentence names
it, is what the question's 「近くの」 or "nearby" means: the place is read there instead. The
wording is `questions.toml` [conversation] introduce and nearby.
"""
from __future__ import annotations

import re
from collections.abc import Callable

from core.knowledge import Knowledge

_JAPANESE = re.compile(r"[ぁ-ゖァ-ヺ一-龥]")


def past_introduction(question: str, k: Knowledge, where: Callable[[str], tuple[str, ...]]) -> str:
    """The message without the sentence it opens with to say who is asking (its 「近くの」 read as
    the place that sentence names, by `where`); the message itself when it opens with none or
    nothing follows it."""
    words = k.questions.conversation
    found = words["introduce"].match(question)
    rest = question[found.end():].strip() if found else ""
    if not rest:
        return question
    near = words["nearby"].search(rest)
    places = where(question[:found.end()]) if near else ()
    if not places:
        return rest
    said = f"{'と'.join(places)}の" if _JAPANESE.search(rest[near.start():near.end()]) else \
        f"in {' and '.join(places)}"
    return f"{rest[:near.start()]}{said}{rest[near.end():]}"


__all__ = ["past_introduction"]
