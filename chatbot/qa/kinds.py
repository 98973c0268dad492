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
    NONE = "none"          # nothing to answer (an empty message)


__all__ = ["Kind"]
