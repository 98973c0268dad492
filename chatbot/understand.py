"""Read a question: language, what kind of answer it wants, and the constraints it names.

Everything here is read off wording (Japanese or English), the facet taxonomy and the gazetteer
of the indexed articles — never off a list of known questions.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from chatbot.compose import language
from chatbot.glossary import japanese_terms
from ingest.facets import Facet, facets_in_question
from ingest.gazetteer import REGIONS_EN, Gazetteer, Place
from ingest.parse import LEVEL_MUNICIPALITY, LEVEL_NATIONAL, LEVEL_PREFECTURE

# "How many …" — a count answer (the number and the list).
_COUNT = re.compile(r"how many|number of|何(県|件|団体|自治体|市|都道府県|か所|カ所|箇所|つ)|いくつ|"
                    r"数は|何個", re.I)
# "Which …" / "list …" — every matching case, not the top few.
_LIST = re.compile(r"\bwhich\b|\bwhat (prefectures|cities|municipalities|towns|wards|ministries|"
                   r"cases|organi[sz]ations|local governments)\b|\blist\b|\ball (the )?"
                   r"(prefectures|cities|municipalities|cases)\b|\bwho\b|\bany\b|"
                   r"どこ|どの(?!よう|ような|くらい|ぐらい|程度|位)|一覧|すべて|全て|全部|挙げ|"
                   r"(自治体|団体|事例|県|市|区|町|村|省庁)(は|を)(どこ|ありますか|教えて)|事例(は|を)?[?？]?$",
                   re.I)

# The noun a list question asks for decides the level (県 → 都道府県 …).
_LEVEL_WORDS = (
    (LEVEL_NATIONAL, re.compile(r"省庁|中央省庁|国の機関|\bministr(y|ies)\b|national government|"
                                r"central government|\bagenc(y|ies)\b", re.I)),
    (LEVEL_PREFECTURE, re.compile(r"都道府県|(?<![市町村])県(?!内|庁所在)|府県|県庁|都庁|\bprefectur(e|es|al)\b",
                                  re.I)),
    (LEVEL_MUNICIPALITY, re.compile(r"市区町村|市町村|基礎自治体|(?<![都道府県])(市|区|町|村)(?!民|長|役所|場|販|内)|"
                                    r"\b(cit(y|ies)|municipalit(y|ies)|towns?|wards?|villages?)\b",
                                    re.I)),
)


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
        from chatbot.lexical import tokenize

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


def intent_of(text: str) -> str:
    if _COUNT.search(text):
        return "count"
    if _LIST.search(text):
        return "list"
    return "fact"


_INCLUDING = re.compile(r"[^\s、。（(]{1,6}(も|を)含(め|む|んで)|[^\s、。（(]{1,8}(を|は)除(く|いて|き)|"
                        r"(including|not counting|excluding|except|other than) (the )?[a-z' ]{1,30}", re.I)


_EXCLUDING = re.compile(r"\b(not|excluding|except|other than|apart from) (the )?[\w' -]{1,30}|"
                        r"[^\s、。（(]{1,10}(以外|を除(く|いて|き)|ではなく|でなく)", re.I)


def level_of(text: str) -> str:
    """The level named by the question's target noun; "" when it names none or several."""
    text = _INCLUDING.sub(" ", text)   # "県庁も含めて" widens a list, it does not set its level
    found = [level for level, rx in _LEVEL_WORDS if rx.search(text)]
    return found[0] if len(found) == 1 else ""


def region_of(text: str, regions: set[str]) -> tuple[str, str]:
    """The article region a question names, and the words that named it."""
    low = text.lower()
    for region in regions:
        for p in [region, *region.split("・")]:
            if p and p in text and not (p == "中国" and re.search(r"中国(語|人|製)", text)):
                return region, p
        for alias in REGIONS_EN.get(region, ()):
            m = re.search(rf"\b{re.escape(alias)}\b( region)?", low)
            if m:
                return region, text[m.start():m.end()]
    return "", ""


def understand(question: str, gazetteer: Gazetteer, regions: set[str]) -> Query:
    """Analyse a question against the indexed articles' places and regions."""
    text = _norm(question).strip()
    excluded = [m.group(0) for m in _EXCLUDING.finditer(text)]
    # "Hyogo prefecture (not Kobe City)": a place named only to be excluded is not asked about.
    places = tuple(p for p in gazetteer.resolve(text) if not any(p.matched in e for e in excluded))
    rest = text
    for p in places:
        rest = rest.replace(p.matched, " ")
    region, named = region_of(rest, regions)
    if named:
        rest = rest.replace(named, " ")
    facets = facets_in_question(text)
    lang = language(text)
    terms = tuple(japanese_terms(rest)) if lang == "en" else ()
    return Query(text=text, lang=lang, intent=intent_of(rest), level=level_of(rest),
                 region=region, places=places, facets=facets, terms=terms, rest=rest)
