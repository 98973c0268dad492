"""Stage 4: **shape** — what kind of answer the evidence makes: a fact, a list or a count (or
the article's changes since the last version), or none. One module per shape, registered in
`SHAPES`; `shape` hands a `Shaped` to composition."""
from __future__ import annotations

from chatbot.qa.evidence.found import Found
from chatbot.qa.kinds import Kind
from chatbot.qa.shape.fact import shape_fact
from chatbot.qa.shape.listing import shape_list
from chatbot.qa.shape.shaped import Shaped
from chatbot.qa.shape.version import shape_version

# Evidence source → the shape that answers it (a request's kind picks version answers).
SHAPES = {"named": shape_fact, "facet": shape_list, "support": shape_list, "conditions": shape_list,
          "structure": shape_list, "search": shape_list, "carried": shape_list}


def shape(retriever, found: Found) -> Shaped:
    if found.request.kind is Kind.VERSION:
        return shape_version(retriever, found)
    if found.source == "none":
        return Shaped(found, "none", "none")
    return SHAPES[found.source](retriever, found)


__all__ = ["SHAPES", "Shaped", "shape"]
