"""Figures in any text — numbers with their units, dates, shares, counts — read for comparison.

    figures("合計で約5万人、3割が利用") → (Figure({50000}, "people"), Figure({30}, "percent"))
    figures("about 50,000 staff; 30% use it") → the same two figures
    supports(passages, figure)          → whether a figure of the passages says the same

Normalised so that two wordings of one figure compare equal: NFKC (全角/半角), thousands
separators (13,000), multipliers (5万, 1.2億, "3 million"), 割 (3割 = 30%), eras (令和5年 =
2023), two-digit years (23年 = 2023), English month names ("July" = 7月) and number words
("three cases"). The units and spellings are data: `core/domain/units.toml`.

Unlike `core.figures`, which reads the article's staff counts and dates as written, this reads
any text, in Japanese or English, and keeps only what makes two figures the same or different.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from core.datafile import KnowledgeError, keys_of, read_toml, strings
from core.text import nfkc

FILE = Path(__file__).resolve().parent / "domain" / "units.toml"

# A number: 13,000 / 1.5 / 2023, never started inside another number (linear: one start per run).
_NUMBER = re.compile(r"(?<![\d.,])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")
_WORD = re.compile(r"[A-Za-z]+")
_LOOKAHEAD = 24          # characters read after a number for its multiplier and unit


@dataclass(frozen=True)
class Figure:
    """A figure: the values it may stand for (令和5年 is 5 and 2023) and its unit class ("" for
    a bare number), with the text it was read from."""

    values: frozenset
    unit: str
    text: str

    def same(self, other: "Figure") -> bool:
        """The same value, and the same unit when both have one."""
        return bool(self.values & other.values) and (not self.unit or not other.unit
                                                     or self.unit == other.unit)


@dataclass(frozen=True)
class _Units:
    spellings: tuple[tuple[str, str], ...]       # (spelling, unit), longest first
    multipliers: tuple[tuple[str, int], ...]
    scale: dict
    eras: dict
    numbers: dict
    months: dict
    kanji: dict


@lru_cache(maxsize=1)
def _units() -> _Units:
    data = read_toml(FILE)
    where = str(FILE)
    keys_of(data, {"multipliers", "units", "scale", "eras", "words"}, where)
    spellings = []
    for unit, words in data.get("units", {}).items():
        for w in strings(words, f"{where}: units.{unit}"):
            spellings.append((nfkc(w).lower(), unit))
    if not spellings:
        raise KnowledgeError(f"{where}: units: expected at least one unit")
    words = data.get("words", {})
    keys_of(words, {"numbers", "months", "months_short", "kanji"}, f"{where}: words")

    def numbers(key):
        return {w.lower(): n for n, w in enumerate(strings(words.get(key, []), f"{where}: words.{key}"))}

    def ints(table, key):
        out = {}
        for k, v in table.items():
            if not isinstance(v, int) or isinstance(v, bool):
                raise KnowledgeError(f"{where}: {key}.{k}: expected an integer")
            out[nfkc(k).lower()] = v
        return out

    months = {w: n + 1 for w, n in numbers("months").items()}
    months.update({w: n + 1 for w, n in numbers("months_short").items()})
    return _Units(tuple(sorted(spellings, key=lambda s: -len(s[0]))),
                  tuple(sorted(ints(data.get("multipliers", {}), "multipliers").items(),
                               key=lambda m: -len(m[0]))),
                  ints(data.get("scale", {}), "scale"), ints(data.get("eras", {}), "eras"),
                  numbers("numbers"), months, numbers("kanji"))


def _is_latin(s: str) -> bool:
    return bool(s) and s.isascii() and s.isalpha()


def _prefix(text: str, pos: int, options) -> tuple[str, object] | None:
    """The first option (longest first) that text has at pos; an English word must end there."""
    low = text[pos:pos + _LOOKAHEAD].lower()
    for spelling, value in options:
        if low.startswith(spelling):
            end = pos + len(spelling)
            if _is_latin(spelling[-1:]) and end < len(text) and text[end].isalpha():
                continue
            if _is_latin(spelling[:1]) and pos > 0 and text[pos - 1].isalpha():
                continue
            return spelling, value
    return None


def _skip_spaces(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t":
        pos += 1
    return pos


def _unit_after(text: str, pos: int, units: _Units) -> tuple[int, str, int, int]:
    """(multiplier, unit, scale, end) of what follows a number at pos (「27の課」, 「3つの県」:
    a Japanese counter after の counts too)."""
    mult, at = 1, _skip_spaces(text, pos)
    found = _prefix(text, at, units.multipliers)
    if found:
        mult, at = found[1], _skip_spaces(text, at + len(found[0]))
    found = _prefix(text, at, units.spellings)
    if not found:
        for joint in ("つの", "の"):
            if text.startswith(joint, at):
                counter = _prefix(text, at + len(joint), units.spellings)
                if counter and not counter[0].isascii() and counter[1] not in ("year", "month", "day"):
                    found, at = counter, at + len(joint)
                    break
    if not found:
        return mult, "", 1, pos
    spelling, unit = found
    end = at + len(spelling)
    if spelling in ("分", "分間") and text[end:end + 1] == "の":      # 3分の1: a fraction
        return mult, "", 1, pos
    return mult, unit, units.scale.get(spelling, 1), end


def figures(text: str) -> tuple[Figure, ...]:
    """Every figure of a text, in order (see the module's notes for what is normalised)."""
    units = _units()
    t = nfkc(text or "")
    out: list[Figure] = []
    for m in _NUMBER.finditer(t):
        raw = m.group(0)
        value = float(raw.replace(",", ""))
        mult, unit, scale, end = _unit_after(t, m.end(), units)
        out.append(_figure(value * mult * scale, unit, t, m.start(), end, units))
    out += _word_figures(t, units)
    out += _kanji_figures(t, units)
    out += _approximate(t, units)
    return tuple(out)


_ABOUT_JA = re.compile(r"(?<![0-9])(数|十数|数十)(百|千|万|十万|百万|億)")
_ABOUT_EN = re.compile(r"\b(dozens|hundreds|thousands|tens of thousands|hundreds of thousands|millions)\b",
                       re.IGNORECASE)
_ORDERS = {"十": 10, "百": 100, "千": 1000, "万": 10000, "十万": 100000, "百万": 1000000, "億": 10 ** 8}
_ORDERS_EN = {"dozens": 10, "hundreds": 100, "thousands": 1000, "tens of thousands": 10000,
              "hundreds of thousands": 100000, "millions": 1000000}


def _approximate(t: str, units: _Units) -> list[Figure]:
    """A count given by its order only: 数千ページ, "thousands of pages" (value: "~1000")."""
    out = []
    for m in _ABOUT_JA.finditer(t):
        order = _ORDERS[m.group(2)] * (10 if m.group(1) == "数十" else 1)
        _, unit, _, end = _unit_after(t, m.end(), units)
        out.append(Figure(frozenset({f"~{order}"}), unit, t[m.start():end]))
    for m in _ABOUT_EN.finditer(t):
        unit, end = "", m.end()
        if t[m.end():m.end() + 4].lower() == " of ":            # "thousands of pages"
            _, unit, _, end = _unit_after(t, m.end() + 4, units)
            end = end if unit else m.end()
        out.append(Figure(frozenset({f"~{_ORDERS_EN[m.group(1).lower()]}"}), unit, t[m.start():end]))
    return out


def _figure(value: float, unit: str, t: str, start: int, end: int, units: _Units) -> Figure:
    values = {_clean(value)}
    if unit == "year":
        era = next((y for name, y in units.eras.items() if t[max(0, start - len(name)):start] == name), None)
        if era is not None:
            values.add(_clean(value + era))
        elif value < 100:                      # 23年: 2023
            values.add(_clean(2000 + value))
    return Figure(frozenset(values), unit, t[start:end] or t[start:start + 1])


def _clean(value: float):
    return int(value) if float(value).is_integer() else round(value, 6)


def _word_figures(t: str, units: _Units) -> list[Figure]:
    """English month names (capitalised: "May" the month, not "may" the verb, and only next to
    a number or after a preposition) and number words before a unit ("three prefectures")."""
    out = []
    for m in _WORD.finditer(t):
        word, low = m.group(0), m.group(0).lower()
        if low in units.months and word[0].isupper():
            before = t[max(0, m.start() - 12):m.start()].lower().split()
            near_number = bool(_NUMBER_NEAR_AFTER.match(t, m.end())) or \
                bool(_NUMBER_NEAR_BEFORE.search(t[max(0, m.start() - 4):m.start()]))
            if low != "may" or near_number or (before and before[-1] in _MONTH_PREPOSITIONS):
                out.append(Figure(frozenset({units.months[low]}), "month", word))
        elif low in units.numbers:
            mult, unit, scale, end = _unit_after(t, m.end(), units)
            if unit:
                out.append(Figure(frozenset({_clean(units.numbers[low] * mult * scale)}), unit, t[m.start():end]))
    return out


_NUMBER_NEAR_AFTER = re.compile(r"[ ,.]{0,2}\d")
_NUMBER_NEAR_BEFORE = re.compile(r"\d ?$")
_MONTH_PREPOSITIONS = {"in", "from", "to", "until", "till", "since", "by", "through", "of", "early",
                       "late", "mid", "mid-", "end", "during", "before", "after", "and", "or"}


def _kanji_figures(t: str, units: _Units) -> list[Figure]:
    """A kanji numeral directly before a unit: 三割, 二人, 一件 (not 十分 or 四日市: only 〇–九,
    and never a place name's numeral followed by more kanji of the name)."""
    out = []
    for i, ch in enumerate(t):
        if ch not in units.kanji or (i > 0 and t[i - 1] in units.kanji):
            continue
        mult, unit, scale, end = _unit_after(t, i + 1, units)
        if unit and unit not in ("day", "month", "year") and end > i + 1:
            out.append(Figure(frozenset({_clean(units.kanji[ch] * mult * scale)}), unit, t[i:end]))
    return out


def supports(passage_figures, figure: Figure) -> bool:
    """Whether any of the passages' figures states this figure."""
    return any(figure.same(p) for p in passage_figures)


__all__ = ["FILE", "Figure", "figures", "supports"]
