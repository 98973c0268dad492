"""Parse the article's text into one `Case` per case heading.

The structure is read off the text, not hard-coded: a heading is a short line standing alone
between blank lines; it is a case when it names an organisation (省庁, 都道府県, 市区町村), a region
heading otherwise; a case runs from its heading to its ``参考:`` source line.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field

from ingest.gazetteer import prefecture_prefix

LEVEL_NATIONAL, LEVEL_PREFECTURE, LEVEL_MUNICIPALITY = "国", "都道府県", "市区町村"

_SOURCE = re.compile(r"^参考(記事|資料|文献)?\s*[:：]")
_SENTENCE_END = "。！？!?"
_MAX_HEADING = 30
_MUNICIPALITY = re.compile(r"^[^\s、。「」:：]{1,10}[市区町村]$")
_NATIONAL = re.compile(r"^[^\s、。「」:：]{1,12}(省|庁|内閣府|委員会)$")
# Lines that stand alone inside a case but are part of its body, not a new section.
_BODY_FRAGMENT = re.compile(r"^(引用|出典|※|[①-⑳]|[・•(（])|[、:：「」『』]")
_VERSION = re.compile(r"^\s*【([^】]*)】\s*")


class ParseError(ValueError):
    """The text is not an article this tool can read; the message says why."""


class NoCasesError(ParseError):
    """The text parsed, but holds no case heading (a README next to the article, say)."""


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

    @property
    def content_hash(self) -> str:
        """Hash of what a reader sees; position and article title are left out on purpose."""
        text = "\x1f".join((self.title, self.region, self.body, self.source))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]

    @property
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

    @property
    def id(self) -> str:
        return hashlib.sha1(self.key.encode("utf-8")).hexdigest()[:10]

    def __repr__(self) -> str:
        return f"Article({self.title!r}, {len(self.cases)} cases)"


def normalize(text: str) -> str:
    """NFKC plus collapsed whitespace: the form every comparison uses."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip()


def organisation(heading: str) -> tuple[str, str, str] | None:
    """Classify a heading as an organisation.

    Returns:
        ``(id, level, prefecture)``, or None when the heading names no organisation.
    """
    name = normalize(heading).replace(" ", "")
    pref = prefecture_prefix(name)
    if pref:
        rest = name[len(pref.name):]
        if rest in ("", "庁", "庁舎"):
            return pref.name, LEVEL_PREFECTURE, pref.name
        if _MUNICIPALITY.match(rest):
            return name, LEVEL_MUNICIPALITY, pref.name
        if len(rest) <= 12 and not _BODY_FRAGMENT.search(rest):
            return name, LEVEL_PREFECTURE, pref.name   # e.g. 東京都教育委員会
        return None
    if _NATIONAL.match(name):
        return name, LEVEL_NATIONAL, ""
    if _MUNICIPALITY.match(name):
        return name, LEVEL_MUNICIPALITY, ""
    return None


def split_sentences(body: str) -> tuple[str, ...]:
    """Sentences of a body: split at 。！？ and line ends, never inside 「」『』（）."""
    out: list[str] = []
    for line in body.splitlines():
        depth, start = 0, 0
        for i, ch in enumerate(line):
            if ch in "「『（(":
                depth += 1
            elif ch in "」』）)":
                depth = max(0, depth - 1)
            elif ch in _SENTENCE_END and depth == 0:
                out.append(line[start:i + 1])
                start = i + 1
        out.append(line[start:])
    return tuple(s.strip() for s in out if s.strip())


def _heading_shaped(lines: list[str], i: int) -> bool:
    line = lines[i].strip()
    before = i == 0 or not lines[i - 1].strip()
    after = i + 1 >= len(lines) or not lines[i + 1].strip()
    return (before and after and len(line) <= _MAX_HEADING
            and not any(c in line for c in _SENTENCE_END) and not _SOURCE.match(line))


def _prefecture_in(text: str) -> str:
    from ingest.gazetteer import PREFECTURES
    hits = [(text.find(p.name), p.name) for p in PREFECTURES if p.name in text]
    return min(hits)[1] if hits else ""


def parse_article(text: str, source_path: str = "") -> Article:
    """Parse an article's plain text (one paragraph per line) into its cases.

    Raises:
        ParseError: the text holds no recognisable case, or two cases share a heading.
    """
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    title = next((line.strip() for line in lines if line.strip()), "")
    region = ""
    drafts: list[dict] = []
    current: dict | None = None
    for i, raw in enumerate(lines):
        line = raw.strip()
        if not line:
            continue
        if _heading_shaped(lines, i):
            org = organisation(line)
            if org:
                if current is not None and not current["body"]:
                    region = drafts.pop()["title"]   # a heading right above a case: a section (省庁)
                current = {"title": line, "org": org, "region": region, "body": [], "source": ""}
                drafts.append(current)
                continue
            if current is not None and not current["source"] and _BODY_FRAGMENT.search(line):
                current["body"].append(line)
                continue
            region, current = line, None
            continue
        if current is None:
            continue
        if _SOURCE.match(line):
            current["source"] = line
            current = None
        else:
            current["body"].append(line)

    cases: list[Case] = []
    seen: dict[str, str] = {}
    for pos, d in enumerate((d for d in drafts if d["body"]), start=1):
        case_id, level, prefecture = d["org"]
        body = "\n".join(d["body"])
        if level == LEVEL_MUNICIPALITY and not prefecture:
            prefecture = _prefecture_in(body)
        if case_id in seen:
            raise ParseError(f"two cases have the same heading {d['title']!r} "
                             f"(also {seen[case_id]!r}); fix the article and ingest again")
        seen[case_id] = d["title"]
        cases.append(Case(id=case_id, title=d["title"], region=d["region"], level=level,
                          prefecture=prefecture, body=body, source=d["source"], position=pos,
                          article=title, sentences=split_sentences(body)))
    if not cases:
        raise NoCasesError("no recognisable cases: expected headings naming an organisation "
                         "(e.g. 神奈川県横須賀市) followed by paragraphs and a 参考: line")
    return Article(title=title, cases=tuple(cases), source_path=source_path)
