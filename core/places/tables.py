"""Places of Japan known without any article, read from ``core/domain/places.toml``: the 47
都道府県 with readings, the article's region headings in English, the national ministries and
agencies, and the words that mark a municipality or a prefecture."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from core.knowledge import knowledge

MUNI_SUFFIXES = "市区町村"
KIND_PREFECTURE, KIND_MUNICIPALITY, KIND_NATIONAL = "prefecture", "municipality", "national"


@dataclass(frozen=True)
class Prefecture:
    name: str      # 埼玉県
    stem: str      # 埼玉
    kana: str      # さいたま
    romaji: str    # saitama


@dataclass(frozen=True)
class Area:
    """A region as staff name it: 「北関東」 (its 都道府県) or 「関西」 (the article's 近畿)."""

    name: str
    names: tuple[str, ...]          # Japanese and English names, lower case
    prefectures: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()   # the article's headings it means


@dataclass(frozen=True)
class Tables:
    prefectures: tuple[Prefecture, ...]
    regions_en: dict[str, tuple[str, ...]]       # region heading → English names
    national: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]   # name, short, English
    suffix_readings: dict[str, tuple[str, ...]]  # 町 → (マチ, チョウ)
    suffix_words: dict[str, tuple[str, ...]]     # 町 → (town, machi, cho, chou)
    suffix_english: dict[str, str]               # machi → Town
    prefecture_words: tuple[str, ...]            # prefecture, pref, prefectural government, ...
    prefecture_suffix_words: dict[str, tuple[str, ...]]
    prefecture_suffix_kana: dict[str, str]
    prefecture_offices: dict[str, tuple[str, ...]]
    prefecture_inside: dict[str, tuple[str, ...]]   # 東京都 → (都内,): the whole prefecture
    not_names: frozenset[str]
    not_after: frozenset[str]
    not_before: frozenset[str]
    kanji_after: tuple[str, ...] = ()           # 以外, 全体: kanji that may follow a bare name
    areas: tuple[Area, ...] = ()
    designated: frozenset[str] = frozenset()    # 政令指定都市, as headed: 兵庫県神戸市


@lru_cache(maxsize=1)
def tables() -> Tables:
    d = knowledge().places

    def tuples(table):
        return {k: tuple(v) for k, v in table.items()}

    return Tables(
        prefectures=tuple(Prefecture(n, n if n == "北海道" else n[:-1], k, r) for n, k, r in d["prefectures"]),
        regions_en=tuples(d["regions"]),
        national=tuple((name, tuple(short), tuple(en)) for name, (short, en) in d["national"].items()),
        suffix_readings=tuples(d["suffix_readings"]), suffix_words=tuples(d["suffix_words"]),
        suffix_english=dict(d["suffix_english"]), prefecture_words=tuple(d["prefecture_words"]),
        prefecture_suffix_words=tuples(d["prefecture_suffix_words"]),
        prefecture_suffix_kana=dict(d["prefecture_suffix_kana"]),
        prefecture_offices=tuples(d["prefecture_offices"]),
        prefecture_inside=tuples(d.get("prefecture_inside", {})),
        not_names=frozenset(d["not_names"]), not_after=frozenset(d["not_after"]),
        not_before=frozenset(d["not_before"]), kanji_after=tuple(d.get("kanji_after", ())),
        designated=frozenset(d.get("designated_cities", ())),
        areas=tuple(Area(name, tuple(n.lower() for n in a["names"]), tuple(a.get("prefectures", ())),
                         tuple(a.get("regions", ()))) for name, a in d.get("areas", {}).items()))


def prefectures() -> tuple[Prefecture, ...]:
    return tables().prefectures


def regions_en() -> dict[str, tuple[str, ...]]:
    """The article's region headings and how staff may name them in English."""
    return tables().regions_en


def areas() -> tuple[Area, ...]:
    """Regions staff name beyond the article's headings (「北関東」, 「関西」, "Tohoku")."""
    return tables().areas


def kanji_after() -> tuple[str, ...]:
    """Kanji words that may follow a bare place name without being part of it (以外, 全体)."""
    return tables().kanji_after


def designated_cities() -> frozenset[str]:
    """The 政令指定都市, as the article heads them (兵庫県神戸市)."""
    return tables().designated


def prefecture_prefix(text: str) -> Prefecture | None:
    """The 都道府県 a name starts with (``神奈川県横須賀市`` → 神奈川県), if any."""
    for pref in prefectures():
        if text.startswith(pref.name):
            return pref
    return None
