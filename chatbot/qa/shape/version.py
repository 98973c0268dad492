"""What changed since the previous version: answered from the ingest history
(`chatbot.qa.changes`), not from the sentences' evidence."""
from __future__ import annotations

from chatbot.qa import changes
from chatbot.qa.catalog import as_of
from chatbot.qa.evidence.found import Found
from chatbot.qa.shape.shaped import Shaped


def shape_version(retriever, found: Found) -> Shaped:
    q = found.request.q
    keys = [key for key, c in retriever.cases.items() if any(c.id in p.case_ids for p in q.places)]
    gone = [p.matched for p in q.places if not p.case_ids]
    answer = changes.version_answer(retriever, q, keys, as_of(retriever), gone)
    return Shaped(found, answer.kind, "whole", whole=answer)


__all__ = ["shape_version"]
