"""What the evidence stage hands to the shape stage: the cases that answer, each with its
sentences ranked for the question and the sentence that makes it answer."""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from chatbot.qa.evidence.sentences import Quote
from chatbot.qa.scope import Scoped


@dataclass(frozen=True)
class Row:
    """A row of a table answer: a facet with its cases, a case with its figure, a month with its
    cases, or an aspect with a cell per compared case. Each cell is (case key, what it shows,
    the sentences that state it — none when the case states nothing of it)."""

    label: str
    value: str = ""
    cells: tuple[tuple[str, str, tuple[Quote, ...]], ...] = ()

    def __repr__(self) -> str:
        return f"Row({self.label!r}, {self.value!r}, {len(self.cells)} cells)"


@dataclass(frozen=True)
class Found:
    """The evidence for one question."""

    scoped: Scoped
    source: str                       # named | facet | support | conditions | structure |
                                      # search | none
    keys: tuple[str, ...] = ()        # the cases that answer, in answer order
    quotes: dict[str, list[Quote]] = field(default_factory=dict, repr=False)  # ranked, best first
    reasons: dict[str, Quote] = field(default_factory=dict, repr=False)  # why each case is listed
    why: dict[str, str] = field(default_factory=dict, repr=False)   # what each reason proves:
                                      # facet:<key> | words | figure | scope
    label: str = ""                   # the facet a list is about ("" when none)
    facet: str = ""                   # its key
    none: str = ""                    # why nothing answers: empty | unclear | place | absent | off_topic |
                                      # no_case | facet | unsaid (what narrows a facet) |
                                      # elsewhere (only cases outside the scope: `related`) |
                                      # on_screen (no case on screen writes what narrows them)
    not_stated: str = ""              # what the named case does not state (it is not "no")
    narrowed_by: tuple[str, ...] = () # on_screen: the words none of the cases on screen writes
    verb: str = "state"               # "mention" when a name the article lacks was asked
    closest: str = ""                 # a facet the named case lacks: its closest sentences quoted
    rows: tuple[Row, ...] = ()        # a table answer's rows (aggregate, rank, compare, timeline)
    stated: int = 0                   # a ranking: how many cases in scope state the figure
    asked: int = 0                    # a comparison: how many of its first rows the question asked
    common: tuple[str, ...] | None = None   # a comparison asked what is common: the facets all
                                      # the cases state (None: not asked)
    headline: bool = False            # a named case's date only its reference's headline gives
    silent: tuple[str, ...] = ()      # a detail asked of each case on screen: the cases stating none
    silent_what: str = ""             # and what they do not state (「時期」, "a date")
    claims: tuple[Quote, ...] = ()    # a ranking of starts: sentences saying a case was the first
    related: tuple[str, ...] = ()     # none answers: cases near the question, to read (not cited)
    groups: tuple[tuple[str, tuple[str, ...]], ...] = ()   # a comparison of places shown case by
                                      # case: each place as named and the cases it stands for

    @property
    def request(self):
        return self.scoped.request

    def keeping(self, keys: tuple[str, ...]) -> "Found":
        """The same evidence for ``keys`` only (a subset of its cases, in their order)."""
        if len(keys) == len(self.keys):
            return self
        return replace(self, keys=keys, quotes={k: self.quotes[k] for k in keys if k in self.quotes},
                       reasons={k: self.reasons[k] for k in keys if k in self.reasons},
                       why={k: self.why[k] for k in keys if k in self.why})

    def __repr__(self) -> str:
        return f"Found({self.source}, {list(self.keys)}{', none=' + self.none if self.none else ''})"


__all__ = ["Found", "Row"]
