"""Read a question: language, what kind of answer it wants, and the constraints it names.

Everything here is read off wording (Japanese or English), the facet taxonomy and the gazetteer
of the indexed articles — never off a list of known questions.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from core.facets import Facet, facets_in_question
from core.knowledge import Knowledge
from core.places import Gazetteer, Place, regions_en
from core.text import language, tokenize


@dataclass(frozen=True)
class Query:
    """What a question asks, as far as wording tells."""

    text: str
    lang: str
    intent: str                         # fact | list | count
    level: str = ""                     # 国 / 都道府県 / 市区町村 the question is about
    region: str = ""
    places: tuple[Place, ...] = ()
    facets: tuple[Facet, ...] = ()
    terms: tuple[tuple[str, ...], ...] = field(default=())  # Japanese word groups (English questions)
    rest: str = ""                      # the question without its place and region names

    @property
    def term_groups(self) -> list[tuple[str, ...]]:
        """Each glossary phrase as its tokens (alternatives of one meaning)."""
        return [tuple(tokenize(" ".join(group))) for group in self.terms]

    @property
    def lexical_terms(self) -> list[str]:
        return [t for group in self.term_groups for t in group]

    @property
    def known_places(self) -> tuple[Place, ...]:
        return tuple(p for p in self.places if p.case_ids)

    @property
    def unknown_places(self) -> tuple[Place, ...]:
        return tuple(p for p in self.places if not p.case_ids)


def _norm(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def intent_of(text: str, k: Knowledge) -> str:
    if k.questions.count.search(text):
        return "count"
    if k.questions.list.search(text):
        return "list"
    return "fact"


def level_of(text: str, k: Knowledge) -> str:
    """The level named by the question's target noun; "" when it names none or several."""
    text = k.questions.including.sub(" ", text)   # "県庁も含めて" widens a list, not its level
    found = [level for level, rx in k.questions.levels if rx.search(text)]
    return found[0] if len(found) == 1 else ""


def region_of(text: str, regions: set[str]) -> tuple[str, str]:
    """The article region a question names, and the words that named it."""
    low = text.lower()
    for region in regions:
        for p in [region, *region.split("・")]:
            if p and p in text and not (p == "中国" and re.search(r"中国(語|人|製)", text)):
                return region, p
        for alias in regions_en().get(region, ()):
            m = re.search(rf"\b{re.escape(alias)}\b( region)?", low)
            if m:
                return region, text[m.start():m.end()]
    return "", ""


def understand(question: str, gazetteer: Gazetteer, regions: set[str], k: Knowledge) -> Query:
    """Analyse a question against the indexed articles' places and regions and the knowledge."""
    text = _norm(question).strip()
    excluded = [m.group(0) for m in k.questions.excluding.finditer(text)]
    # "Hyogo prefecture (not Kobe City)": a place named only to be excluded is not asked about.
    places = tuple(p for p in gazetteer.resolve(text) if not any(p.matched in e for e in excluded))
    rest = text
    for p in places:
        rest = rest.replace(p.matched, " ")
    region, named = region_of(rest, regions)
    if named:
        rest = rest.replace(named, " ")
    facets = facets_in_question(text, k.taxonomy)
    lang = language(text)
    terms = tuple(k.glossary.japanese(rest)) if lang == "en" else ()
    return Query(text=text, lang=lang, intent=intent_of(rest, k), level=level_of(rest, k),
                 region=region, places=places, facets=facets, terms=terms, rest=rest)
