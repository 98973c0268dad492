"""Whether one sentence of an LLM answer is supported by the passages it cites.

A sentence is supported when:

* every figure it states (a number with its unit, a date, a share, a count) is one of the
  passages' figures after normalisation (`core.quantities`);
* every place it names is one of the cited cases, the prefecture of one, or named in the
  passages; every other name (a company, a person, a product) is in the passages;
* it negates only when a passage negates or forbids something, and it does not state plainly
  what a passage negates (「使わない」 → 「使う」);
* enough of its content words are the passages' own (`Policy`): in Japanese, the same word or
  a glossary synonym; in English, a word the passages contain (Azure, ChatGPT) or whose
  translation they contain (the glossary, then JMdict), or the reading of a name in them.

The words any answer may use without support (framing, the topic's own name) and the negation
words are data: `core/domain/verification.toml`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

from chatbot.llm.words import (covers_en, covers_ja, english_words, is_content, japanese_words,
                               katakana, latin_in, negated_next, negated_word, negates, possessive, romaji,
                               vocabulary)
from core.knowledge import knowledge
from core.quantities import Figure, figures, supports
from core.text import morphemes, nfkc


@dataclass(frozen=True)
class Policy:
    """How much of a sentence's content its passages must cover.

    Chosen on the verifier bench (`chatbot llm-bench tests/qa/llm_bench/*.jsonl`, 128
    adversarial answers, 73 faithful rewordings; rates in the README's "Optional LLM
    answers"). Per sentence, Japanese faithful rewordings covered 0.80–1.00 of their words
    (one short sentence 0.67), unsupported claims 0.00–0.67; English rewordings are matched
    through translations, which find fewer words: faithful 0.50–1.00 (two at 0.25 and 0.38
    that the translations miss), unsupported claims 0.00–0.40. So the bars sit at 0.7 and
    0.5, and the hard checks (figures, names, negation, opposites, quotes) carry the rest.
    """

    coverage_ja: float = 0.7
    coverage_en: float = 0.5


POLICY = Policy()

_NAME = re.compile(r"(?<![A-Za-z0-9])[A-Z][A-Za-z0-9]*(?:[-'’][A-Za-z0-9]+)*(?![A-Za-z0-9])")
_LATIN = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z]")


@dataclass(frozen=True)
class Evidence:
    """What the passages a sentence cites say: their text, words, figures and names."""

    text: str                        # NFKC, lower-case: passages and their cases' headings
    words: frozenset[str]            # content words (Sudachi normalized forms and surfaces)
    figures: tuple[Figure, ...]
    negative: bool                   # some passage negates or forbids something
    negated: frozenset[str]          # words a passage negates and never states plainly
    case_ids: frozenset[str]
    headings: tuple[str, ...]        # the cited cases' headings and prefectures (NFKC)
    readings: frozenset[str]         # romaji of the passages' names and of the cases


@dataclass(frozen=True)
class Finding:
    """Why a sentence is not supported: a `chatbot.llm.notice` key and what to show."""

    key: str
    detail: str


def evidence(citations: Iterable, extra_figures: Iterable[Figure] = (), extra_text: str = "") -> Evidence:
    """The evidence of the given citations (`Citation`s), plus what the answer may state
    without a passage: figures (the number of cases of a list) and text (for a list, the
    question: the extractive answer already found that these cases answer it)."""
    citations = list(citations)
    passages = [nfkc(c.passage) for c in citations] + ([nfkc(extra_text)] if extra_text else [])
    headings = tuple(dict.fromkeys(nfkc(x) for c in citations
                                   for x in (c.case, c.case_id, c.prefecture, c.region) if x))
    return _evidence(tuple(passages), headings, frozenset(c.case_id for c in citations),
                     tuple(extra_figures))


@lru_cache(maxsize=256)
def _evidence(passages: tuple[str, ...], headings: tuple[str, ...], case_ids: frozenset,
              extra: tuple[Figure, ...]) -> Evidence:
    v = vocabulary()
    words: set[str] = set()
    readings: set[str] = set()
    plain: set[str] = set()
    negated: set[str] = set()
    negative = False
    for text in passages + headings:
        ms = morphemes(text, "A")
        for i, m in enumerate(ms):
            if is_content(m):
                words.update((m.surface().lower(), m.normalized_form().lower()))
            if negates(m, v.negation_ja):
                negative = True
                head = negated_word(ms, i)
                if head:
                    negated.add(head)
            elif is_content(m) and not negated_next(ms, i, v.negation_ja):
                plain.add(m.normalized_form().lower())
        for m in ms + morphemes(text, "C"):
            if m.part_of_speech()[1] == "固有名詞" or katakana(m.surface()):
                readings.update(romaji(m.reading_form()))
            if is_content(m):
                words.update((m.surface().lower(), m.normalized_form().lower()))
    text = " ".join(passages + headings).lower()
    negative = negative or any(w in text for w in v.forbidding)
    found = tuple(f for p in passages for f in figures(p)) + extra
    return Evidence(text, frozenset(words), found, negative, frozenset(negated - plain), case_ids,
                    headings, frozenset(readings))


def unsupported(sentence: str, ev: Evidence, lang: str, places=None,
                policy: Policy = POLICY) -> Finding | None:
    """Why a sentence (its quotes and markers taken out) is not supported by ev (None: it is).

    Args:
        places: a `core.places.Gazetteer` to find the places the sentence names.
    """
    s = nfkc(sentence)
    stated = figures(s)
    for f in stated:
        if not supports(ev.figures, f):
            return Finding("figure", f.text)
    rest, finding = _places(s, ev, places)
    if finding:
        return finding
    finding = _names(rest, ev, lang)
    if finding:
        return finding
    if _polarity_differs(rest, ev, lang):
        return Finding("negation", sentence)
    for f in stated:             # a figure's words ("51 hours", "August") were checked as figures
        rest = rest.replace(f.text, " ")
    covered, total = coverage(rest, ev, lang)
    bar = policy.coverage_ja if lang == "ja" else policy.coverage_en
    if total and (covered == 0 or covered / total < bar) or contradicts(rest, ev, lang):
        return Finding("unsupported", sentence)
    return None


def contradicts(s: str, ev: Evidence, lang: str) -> bool:
    """A word the passages do not use whose opposite they do (有料 where they say 無償)."""
    opposites = vocabulary().opposites
    if lang == "en":
        for w in english_words(s):
            if covers_en(w, ev):
                continue
            for group in knowledge().glossary.japanese(w):
                if any(o in ev.text for x in group for o in opposites.get(nfkc(x).lower(), ())):
                    return True
        return False
    for m in morphemes(s, "A"):
        if not is_content(m):
            continue
        for w in {m.normalized_form().lower(), m.surface().lower()}:
            if w in opposites and not covers_ja(w, ev) and any(o in ev.text for o in opposites[w]):
                return True
    # phrases of grammar, not words: 「入力してもよい」 where the passage says 「入力禁止」
    return any(w in s and w not in ev.text and any(o in ev.text for o in opposites[w])
               for w in opposites if re.fullmatch(r"[ぁ-ん]{2,}", w))


def _places(s: str, ev: Evidence, places) -> tuple[str, Finding | None]:
    """The sentence with its places blanked out, or the first place ev does not support."""
    if places is None:
        return s, None
    rest = s
    for p in named_places(places, s):
        ok = bool(set(p.case_ids) & ev.case_ids) or any(p.name and (p.name in h or h in p.name)
                                                         for h in ev.headings) \
            or (p.name and p.name.lower() in ev.text) or p.matched.lower() in ev.text
        if not ok:
            return s, Finding("name", p.matched or p.name)
        if p.matched:
            rest = rest.replace(p.matched, " ")
    return rest, None


def named_places(places, text: str) -> list:
    """The places a text names (`Gazetteer.resolve`), without English phrases the gazetteer
    reads as an unknown town ("a Japanese city" is not a city named Japanese)."""
    frame = vocabulary().frame_en
    out = []
    for p in places.resolve(text):
        first = p.matched.split()[0].lower() if p.matched.isascii() and p.matched.split() else ""
        if not (p.kind == "municipality" and not p.case_ids and first in frame):
            out.append(p)
    return out


def is_place_of(place, case_id: str, heading: str) -> bool:
    """Whether a resolved place is the case itself (by id or by its name in the heading)."""
    return case_id in place.case_ids or bool(place.name) and place.kind != "prefecture" and \
        place.name in nfkc(heading)


def _names(s: str, ev: Evidence, lang: str) -> Finding | None:
    """A name (Sudachi's proper nouns; capitalised English words no dictionary knows) that is
    neither in the passages nor the reading of one of their names."""
    from core.dictionary import japanese

    for m in morphemes(s, "C"):      # Japanese names; Latin ones are read below, in both languages
        if m.part_of_speech()[1] != "固有名詞" or m.surface().isascii():
            continue
        surface, norm = m.surface().lower(), m.normalized_form().lower()
        if not (surface in ev.text or norm in ev.text or surface in ev.words
                or set(romaji(m.reading_form())) & ev.readings or not surface.strip()):
            return Finding("name", m.surface())
    v = vocabulary()
    for m in _NAME.finditer(s):
        word = m.group(0)
        low = possessive(word.lower())
        if low in v.frame_en or latin_in(low, ev.text) or low in ev.readings or japanese(low) \
                or low in knowledge().stopwords.lexical or figures(word):
            continue
        return Finding("name", word)
    return None


def _polarity_differs(s: str, ev: Evidence, lang: str) -> bool:
    """The sentence negates though no passage negates or forbids anything, or states plainly a
    word every passage negates (Japanese only: an English verb's translation is too loose)."""
    v = vocabulary()
    if lang == "en":
        words = {w.lower() for w in _LATIN.findall(s)}
        negative = bool(words & v.negation_en) or "n't" in s.lower() or "n’t" in s.lower()
        return negative and not ev.negative
    ms = morphemes(s, "A")
    negative = any(negates(m, v.negation_ja) for m in ms) or any(w in s for w in v.forbidding)
    if negative:
        return not ev.negative
    return bool(ev.negated and {m.normalized_form().lower() for m in ms if is_content(m)} & ev.negated)


def coverage(s: str, ev: Evidence, lang: str) -> tuple[int, int]:
    """(covered, total) content words of a sentence (its places already blanked out)."""
    words = english_words(s) if lang == "en" else japanese_words(s)
    covered = sum(1 for w in words if (covers_en if lang == "en" else covers_ja)(w, ev))
    return covered, len(words)


__all__ = ["Evidence", "Finding", "POLICY", "Policy", "contradicts", "coverage", "evidence", "is_place_of",
           "named_places", "unsupported"]
