"""What the shape stage hands to composition: the kind of answer, the sentences it cites in
order, and how its first line reads."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from chatbot.qa.evidence.found import Found
from chatbot.qa.evidence.sentences import Quote

if TYPE_CHECKING:
    from chatbot.qa.compose import Answer


@dataclass(frozen=True)
class Shaped:
    """An answer's shape, before its words."""

    found: Found
    kind: str                          # fact | list | count | none (as `Answer.kind`)
    lead: str                          # fact | list | closest | not_stated | none | whole
    quotes: tuple[Quote, ...] = ()     # cited in this order: marker n is quotes[n - 1]
    whole: "Answer | None" = None      # an answer worded by its shape module (version questions)

    def __repr__(self) -> str:
        return f"Shaped({self.kind}, {self.lead}, {[x.key for x in self.quotes]})"


__all__ = ["Shaped"]
