"""A list or a count: every case that answers, each quoted with the sentence that makes it
answer; led (in composition) by the count and the scope in plain words."""
from __future__ import annotations

from chatbot.qa.evidence.found import Found
from chatbot.qa.shape.shaped import Shaped


def shape_list(retriever, found: Found) -> Shaped:
    quotes = tuple(found.reasons[key] for key in found.keys if key in found.reasons)
    if not quotes:
        return Shaped(found, "none", "none")
    intent = found.request.q.intent
    kind = intent if intent != "fact" else ("fact" if len(quotes) == 1 and found.source != "structure"
                                            else "list")
    return Shaped(found, kind, "list", quotes)


__all__ = ["shape_list"]
