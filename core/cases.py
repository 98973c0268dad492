"""The case model every layer hands around: an `Article` and its `Case`s, and their levels."""
from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property

LEVEL_NATIONAL, LEVEL_PREFECTURE, LEVEL_MUNICIPALITY = "国", "都道府県", "市区町村"
LEVELS = (LEVEL_NATIONAL, LEVEL_PREFECTURE, LEVEL_MUNICIPALITY)

_VERSION = re.compile(r"^\s*【([^】]*)】\s*")


@dataclass(frozen=True)
class Case:
    """One organisation's case, as the article tells it."""

    id: str            # organisation key: NFKC heading without 庁 (東京都庁 → 東京都)
    title: str         # heading exactly as written
    region: str        # region heading it sits under ("" when the article has none)
    level: str         # 国 / 都道府県 / 市区町村
    prefecture: str    # 都道府県 the organisation belongs to ("" for 国)
    body: str          # paragraphs, one per line
    source: str        # the 参考: line ("" when missing)
    position: int      # 1-based order in the article
    article: str       # the article's title as printed
    sentences: tuple[str, ...] = field(default=(), repr=False)

    @cached_property
    def content_hash(self) -> str:
        """Hash of what a reader sees; position and article title are left out on purpose
        (computed once: lists over 10,000 cases key their memos by it)."""
        text = "\x1f".join((self.title, self.region, self.body, self.source))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]

    @cached_property
    def text(self) -> str:
        return f"{self.title}\n{self.body}"

    def __repr__(self) -> str:
        return f"Case({self.id!r}, {self.level}, {self.region}, {len(self.sentences)} sentences)"


@dataclass(frozen=True)
class Article:
    """One article: its title, the version label in its title, and its cases in order."""

    title: str
    cases: tuple[Case, ...]
    source_path: str = ""

    @property
    def version(self) -> str:
        """The label in the title's leading brackets: 【12月最新版】 → 12月最新版."""
        m = _VERSION.match(self.title)
        return m.group(1) if m else ""

    @property
    def key(self) -> str:
        """The article's identity across months: title without the version and numbers."""
        base = _VERSION.sub("", unicodedata.normalize("NFKC", self.title))
        return re.sub(r"\d+", "N", base).strip()

    @cached_property
    def id(self) -> str:
        return hashlib.sha1(self.key.encode("utf-8")).hexdigest()[:10]

    def __repr__(self) -> str:
        return f"Article({self.title!r}, {len(self.cases)} cases)"


__all__ = ["Article", "Case", "LEVELS", "LEVEL_MUNICIPALITY", "LEVEL_NATIONAL", "LEVEL_PREFECTURE"]
