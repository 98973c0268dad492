"""Parse the article's text into one `Case` per case heading.

The structure is read off the text, not hard-coded: a heading is a short line standing alone
between blank lines; it is a case when it names an organisation (省庁, 都道府県, 市区町村), a region
heading otherwise; a case runs from its heading to its ``参考:`` source line.
"""
from __future__ import annotations

import re

from core.cases import LEVEL_MUNICIPALITY, LEVEL_NATIONAL, LEVEL_PREFECTURE, Article, Case
from core.errors import UserError
from core.places import prefecture_prefix, prefectures
from core.text import SENTENCE_END, normalize, split_sentences

_SOURCE = re.compile(r"^参考(記事|資料|文献)?\s*[:：]")
_MAX_HEADING = 30
_MUNICIPALITY = re.compile(r"^[^\s、。「」:：]{1,10}[市区町村]$")
_NATIONAL = re.compile(r"^[^\s、。「」:：]{1,12}(省|庁|内閣府|委員会)$")
# Lines that stand alone inside a case but are part of its body, not a new section.
_BODY_FRAGMENT = re.compile(r"^(引用|出典|※|[①-⑳]|[・•(（])|[、:：「」『』]")


class ParseError(UserError):
    """The text is not an article this tool can read; the message says why."""


class NoCasesError(ParseError):
    """The text parsed, but holds no case heading (a README next to the article, say)."""


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


def _heading_shaped(lines: list[str], i: int) -> bool:
    line = lines[i].strip()
    before = i == 0 or not lines[i - 1].strip()
    after = i + 1 >= len(lines) or not lines[i + 1].strip()
    return (before and after and len(line) <= _MAX_HEADING
            and not any(c in line for c in SENTENCE_END) and not _SOURCE.match(line))


def _prefecture_in(text: str) -> str:
    hits = [(text.find(p.name), p.name) for p in prefectures() if p.name in text]
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


__all__ = ["Article", "Case", "NoCasesError", "ParseError", "organisation", "parse_article",
           "split_sentences"]
