"""A table answer — an aggregate, a ranking, a comparison or a timeline: the rows the evidence
found, and every sentence a row cites, in the order the rows cite them (composition numbers them
and words the lead line)."""
from __future__ import annotations

from chatbot.qa.evidence.found import Found
from chatbot.qa.shape.shaped import Shaped


def shape_table(retriever, found: Found) -> Shaped:
    if not found.rows:
        return Shaped(found, "none", "none")
    quotes = {(quote.key, quote.n): quote for quote in found.claims}     # the article's "first" leads
    for row in found.rows:
        for _, _, cited in row.cells:
            for quote in cited:
                quotes.setdefault((quote.key, quote.n), quote)
    return Shaped(found, found.source, "table", tuple(quotes.values()))


__all__ = ["shape_table"]
