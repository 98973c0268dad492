"""The kinds of answer a question can ask for, typed once. Each is recognised in one table of the
read stage (`chatbot.qa.read.recognise`) and answered by one module of the shape stage
(`chatbot.qa.shape.SHAPES`)."""
from __future__ import annotations

from enum import Enum


class Kind(str, Enum):
    FACT = "fact"          # a detail of one or a few cases
    LIST = "list"          # every case that has it
    COUNT = "count"        # how many cases have it (the number and the list)
    VERSION = "version"    # what changed since the previous version of the article
    AGGREGATE = "aggregate"  # what the cases have in common: facets with their counts
    RANK = "rank"          # cases ordered by a figure they state (most staff, earliest start)
    COMPARE = "compare"    # named cases or regions side by side
    TIMELINE = "timeline"  # cases by the month they started
    NONE = "none"          # nothing to answer (an empty message)


TABLES = (Kind.AGGREGATE, Kind.RANK, Kind.COMPARE, Kind.TIMELINE)
# How a Kind.NONE message that is only thanks, an acknowledgement or a greeting is read
# (`Request.how`): a short reply that leaves the conversation where it was.
SOCIAL = ("thanks", "ack", "greeting")
# … and the same kind of short reply to a detail asked right after an answer with no case
# (「いつから？」: nothing to ask it of, `read.no_subject`).
SHORT_REPLIES = SOCIAL + ("no_subject",)


__all__ = ["Kind", "SHORT_REPLIES", "SOCIAL", "TABLES"]
