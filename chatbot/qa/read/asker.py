"""Who is asking, said before the question: 「うちは区役所です。区の事例は？」, 「関西の市役所で働いています。
近くの市で議事録に使っているのは？」, "We are a small town. Which towns use it?".

The sentence that introduces the asker says nothing the article answers (its 区役所 or 町役場 is no
topic of a case); the question after it is read alone — unless it names where the asker is,
which the question may lean on (「近くの市」, 「同じ県」). The wording is `questions.toml`
[conversation] introduce.
"""
from __future__ import annotations

from collections.abc import Callable

from core.knowledge import Knowledge


def past_introduction(question: str, k: Knowledge, placed: Callable[[str], bool]) -> str:
    """The message without the sentence it opens with to say who is asking; the message itself
    when it opens with none, nothing follows it, or it names a place or region (「関西の市役所で
    働いています。近くの市で…」: the question's 「近く」 is that region, read with it)."""
    found = k.questions.conversation["introduce"].match(question)
    if found is None or placed(question[:found.end()]):
        return question
    return question[found.end():].strip() or question


__all__ = ["past_introduction"]
