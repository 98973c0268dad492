"""What the app shows, as plain functions tested without a browser.

Everything from the article or the user is escaped here: case text and questions are shown as
text, so a ``<script>`` in either never runs. The Gradio handlers in `chatbot.app` only call these.
"""
from __future__ import annotations

import csv
import hashlib
import os
import re
import threading
import tempfile
import unicodedata
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import Iterable, Mapping

from chatbot.compose import Answer, Citation
from chatbot.retrieve import Filters
from ingest.parse import LEVEL_MUNICIPALITY, LEVEL_NATIONAL, LEVEL_PREFECTURE, Case

LEVELS = (LEVEL_NATIONAL, LEVEL_PREFECTURE, LEVEL_MUNICIPALITY)
ANY = ""                       # dropdown value meaning "no filter"
ANY_LABEL = "すべて"
EMPTY_SOURCES = "質問すると、回答に引用した事例がここに表示されます。"

# --- guard-rails: personal data in a question -------------------------------------------------

_DASHES = re.compile(r"[\u2010-\u2015\u2212\uff0d]")   # hyphens NFKC leaves alone (‐ – — −)
_MY_NUMBER = re.compile(r"(?<![\d-])\d{4}[-\s]?\d{4}[-\s]?\d{4}(?![\d-])")
_PHONE = re.compile(r"(?<![\d-])(?:0\d{1,4}-\d{1,4}-\d{3,4}|0\d{1,4}\(\d{1,4}\)\d{3,4}"
                    r"|0[5789]0-?\d{4}-?\d{4}|0\d{9,10}|\+81[-\s]?\d{1,4}[-\s]?\d{1,4}[-\s]?\d{3,4})"
                    r"(?![\d-])")
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_ADDRESS = re.compile(r"〒\s*\d{3}-?\d{4}|郵便番号\s*[:]?\s*\d{3}-?\d{4}"
                      r"|[\d一二三四五六七八九十]+\s*丁目|\d*\s*番地|\d+\s*番\s*\d+\s*号")
_DATE = (r"(?:(?:19|20)\d{2}|(?:明治|大正|昭和|平成|令和)\s*(?:\d{1,2}|元))\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日"
         r"|(?:19|20)\d{2}[/.-]\d{1,2}[/.-]\d{1,2}")
_BIRTH = re.compile(rf"生年月日\s*[:は]?\s*(?:{_DATE})|(?:{_DATE})\s*(?:生まれ|生(?=$|[\s、。,)]))"
                    rf"|誕生日\s*[:は]?\s*(?:{_DATE})")
_NAME = re.compile(r"氏名|名前|[一-龥]{1,4}\s?[一-龥ぁ-んァ-ヶ]{1,4}\s*(?:さん|様|氏|君|殿)")

PERSONAL_DATA_MESSAGES = {
    "my_number": "マイナンバー（個人番号）のような12桁の番号が含まれています。",
    "phone": "電話番号のような番号が含まれています。",
    "email": "メールアドレスが含まれています。",
    "address": "住所（郵便番号・丁目・番地など）のような記述が含まれています。",
    "name_birth": "氏名と生年月日のような、個人を特定できる記述が含まれています。",
    "birth": "生年月日のような記述が含まれています。",
}


def personal_data_warnings(text: str) -> list[str]:
    """Japanese warnings for what looks like personal data in a question (empty: nothing found).

    The article's own rules (個人情報の入力禁止) apply to this tool too: the UI shows these and
    asks for a second click before sending.
    """
    s = _DASHES.sub("-", unicodedata.normalize("NFKC", text or ""))
    found = []
    if _MY_NUMBER.search(s):
        found.append("my_number")
    if _PHONE.search(_MY_NUMBER.sub(" ", s)):
        found.append("phone")
    if _EMAIL.search(s):
        found.append("email")
    if _ADDRESS.search(s):
        found.append("address")
    if _BIRTH.search(s):
        found.append("name_birth" if _NAME.search(s) else "birth")
    return [PERSONAL_DATA_MESSAGES[k] for k in found]


def warning_markdown(warnings: list[str]) -> str:
    """The warning shown above the send buttons (plain text in Markdown; no user text in it)."""
    rows = ["**⚠ 個人情報が含まれている可能性があります。**"] + [f"- {w}" for w in warnings]
    rows.append("個人情報や機密情報は入力しないでください。質問を修正して「送信」を押すか、"
                "問題がなければ「このまま送信」を押してください。")
    return "\n".join(rows)


# --- chat ---------------------------------------------------------------------------------------

def filters_from(region: str | None = ANY, level: str | None = ANY,
                 prefecture: str | None = ANY) -> Filters:
    """The UI's dropdown values as retrieval `Filters` ("" or None: no filter)."""
    return Filters(region=region or "", level=level or "", prefecture=prefecture or "")


def chat_messages(history: list | None, question: str, answer: Answer | None) -> list[dict]:
    """The chat history plus one turn, in Gradio's messages format (escaped: shown as text)."""
    out = [{"role": m["role"], "content": m["content"]} if isinstance(m, dict) else m
           for m in (history or [])]
    out.append({"role": "user", "content": escape(question, quote=False)})
    if answer is not None:
        out.append({"role": "assistant", "content": chat_text(answer)})
    return out


def chat_text(answer: Answer) -> str:
    """The answer as a chat message, escaped: the Chatbot sanitises HTML (dropping a quoted
    ``<script>`` silently), so entities make it show every character as typed.
    The [n] markers match the numbered source cards."""
    return escape(answer.text, quote=False)


def case_lookup(cases: Iterable[Case]) -> dict[tuple[str, str], Case]:
    """Cases by (case id, heading), the pair a `Citation` carries."""
    return {(c.id, c.title): c for c in cases}


def mark_text(text: str, passages: Iterable[str]) -> str:
    """text as escaped HTML, one <p> per line, with the first occurrence of each passage in <mark>."""
    passages = [p for p in passages if p]
    return "".join(f"<p>{_mark(line, passages)}</p>" for line in text.splitlines() if line.strip())


def mark_passage(text: str, passage: str) -> str:
    return mark_text(text, [passage])


def paragraph_of(body: str, passage: str) -> str:
    """The body's paragraph (line) holding passage; the passage itself when not found."""
    return next((line for line in body.splitlines() if passage and passage in line), passage)


def _meta(*values: str) -> str:
    return " / ".join(escape(v) for v in values if v)


def source_card(citations: list[Citation], case: Case | None) -> str:
    """One cited case: its markers, heading, region/level, each quote highlighted inside its
    paragraph, the 参考: line, and the whole case one click away (<details>)."""
    c = citations[0]
    quotes = [x.passage for x in citations]
    body = case.body if case is not None else "\n".join(quotes)
    source = c.source or (case.source if case is not None else "")
    paragraphs = "\n".join(dict.fromkeys(paragraph_of(body, q) for q in quotes))
    markers = "".join(f"[{x.marker}]" for x in citations)
    full = (f'<details class="source-full"><summary>事例の全文を表示</summary>'
            f'<div class="case-body">{mark_text(body, quotes)}</div></details>'
            if case is not None else "")
    return (f'<div class="source-card" data-case="{escape(c.case)}">'
            f'<div class="source-head"><span class="marker">{markers}</span> '
            f'<b class="source-title">{escape(c.case)}</b> '
            f'<span class="source-meta">{_meta(c.region, c.level, c.prefecture)}</span></div>'
            f'<div class="source-passage">{mark_text(paragraphs, quotes)}</div>'
            f'<div class="source-ref">{escape(source)}</div>{full}</div>')


def by_case(citations: Iterable[Citation]) -> list[list[Citation]]:
    """Citations grouped by case, in the order each case is first cited."""
    groups: dict[tuple[str, str], list[Citation]] = {}
    for c in citations:
        groups.setdefault((c.case_id, c.case), []).append(c)
    return list(groups.values())


def sources_html(answer: Answer, cases: Mapping[tuple[str, str], Case] | None = None) -> str:
    """The sources panel: one card per cited case, then related cases (when no citation)."""
    cases = cases or {}
    cards = [source_card(g, cases.get((g[0].case_id, g[0].case))) for g in by_case(answer.citations)]
    if not cards:
        msg = "回答に引用した事例はありません。" if answer.lang == "ja" else "No case cited."
        cards.append(f'<div class="sources-empty">{escape(msg)}</div>')
    if answer.related:
        items = "".join(f"<li>{escape(str(r.get('case', '')))}"
                        f" <span class=\"source-meta\">{_meta(r.get('region', ''), r.get('level', ''))}</span></li>"
                        for r in answer.related)
        cards.append(f'<div class="related"><b>関連する事例</b><ul>{items}</ul></div>')
    return "\n".join(cards)


def empty_sources_html(message: str = EMPTY_SOURCES) -> str:
    return f'<div class="sources-empty">{escape(message)}</div>'


@dataclass
class Turn:
    """What one question changes in the chat tab."""

    history: list[dict]
    sources: str
    answer: dict = field(default_factory=dict)     # Answer.to_json(), as `chatbot ask --json`
    last: dict | None = None                       # what feedback on this answer refers to


def chat_turn(bot, question: str, history: list | None, filters: Filters = Filters(),
              user: str = "") -> Turn:
    """Ask the bot, write the audit log, and render the answer and its sources."""
    from chatbot.feedback import log_question

    question = (question or "").strip()
    if not question:
        return Turn(list(history or []), empty_sources_html("質問を入力してください。"))
    answer = bot.ask(question, filters)
    audit_id = log_question(bot.data_dir, user, answer, filters,
                            warned=bool(personal_data_warnings(question)))
    cases = case_lookup(bot.retriever().cases.values())
    data = answer.to_json()
    last = {"audit_id": audit_id, "question": answer.question, "answer": answer.text,
            "cited": [c.case for c in answer.citations]}
    return Turn(chat_messages(history, question, answer), sources_html(answer, cases), data, last)


# --- filters and the cases table ----------------------------------------------------------------

def choices(values: Iterable[str]) -> list[tuple[str, str]]:
    """Dropdown choices: "すべて" (no filter) first, then each distinct value in first-seen order."""
    seen = list(dict.fromkeys(v for v in values if v))
    return [(ANY_LABEL, ANY)] + [(v, v) for v in seen]


def filter_choices(cases: Iterable[Case], region: str = ANY) -> dict[str, list[tuple[str, str]]]:
    """Choices of the region, level and prefecture dropdowns, from the index's cases.

    Prefectures are narrowed to the chosen region.
    """
    cases = list(cases)
    levels = [lv for lv in LEVELS if any(c.level == lv for c in cases)]
    return {"region": choices(c.region for c in cases),
            "level": choices(levels),
            "prefecture": choices(c.prefecture for c in cases if not region or c.region == region)}


def _facets_module():
    try:
        from ingest import facets
        return facets
    except ImportError:   # taxonomy not there: show raw keys
        return None


def facet_label(key: str) -> tuple[str, str]:
    """(group, Japanese label) of a facet key; the key itself when the taxonomy is unknown."""
    mod = _facets_module()
    facet = getattr(mod, "FACETS", {}).get(key) if mod else None
    if facet is not None:
        return facet.group, facet.ja
    return key.split(".", 1)[0], key


FACET_GROUPS = {"status": "導入状況", "vendor": "ベンダー・製品", "use": "用途", "rule": "利用ルール"}
CASE_COLUMNS = ["事例", "地域", "区分", "都道府県", *FACET_GROUPS.values()]


def grouped_facets(facets: Mapping[str, int]) -> dict[str, list[str]]:
    """Facet labels of a case, by group key (status, vendor, use, rule), in taxonomy order."""
    mod = _facets_module()
    order = list(getattr(mod, "FACETS", {})) if mod else []
    keys = sorted(facets, key=lambda k: (order.index(k) if k in order else len(order), k))
    out: dict[str, list[str]] = {g: [] for g in FACET_GROUPS}
    for k in keys:
        group, label = facet_label(k)
        out.setdefault(group, []).append(label)
    return out


@dataclass(frozen=True)
class CaseRow:
    key: str                  # "<article id>:<case id>"
    case: Case
    facets: Mapping[str, int]

    def cells(self) -> list[str]:
        g = grouped_facets(self.facets)
        return [self.case.title, self.case.region, self.case.level, self.case.prefecture,
                *("、".join(g.get(k, [])) for k in FACET_GROUPS)]


def catalog(retriever) -> list[CaseRow]:
    """Every case of the served index with its facets, in article order."""
    rows = [CaseRow(k, c, retriever.facets.get(k, {})) for k, c in retriever.cases.items()]
    return sorted(rows, key=lambda r: (r.case.article, r.case.position))


def filter_rows(rows: list[CaseRow], text: str = "", region: str = ANY,
                level: str = ANY) -> list[CaseRow]:
    """Rows matching every given filter; text matches any cell or the case body (NFKC, any case)."""
    needle = unicodedata.normalize("NFKC", text or "").strip().lower()
    out = []
    for r in rows:
        if region and r.case.region != region or level and r.case.level != level:
            continue
        if needle:
            hay = unicodedata.normalize("NFKC", " ".join(r.cells()) + " " + r.case.body).lower()
            if not all(w in hay for w in needle.split()):
                continue
        out.append(r)
    return out


def count_label(shown: int, total: int) -> str:
    """The cases table's label: how many rows the filters leave."""
    return f"事例一覧（{total}件）" if shown == total else f"事例一覧（{shown}件 / 全{total}件）"


def table(rows: list[CaseRow]) -> list[list[str]]:
    return [r.cells() for r in rows]


def write_csv(rows: list[CaseRow], folder: Path | None = None) -> Path:
    """The rows as a CSV (UTF-8 with BOM, so Excel reads the Japanese), with the case text.

    Written once per distinct content (under a folder named by its hash, in the temp folder by
    default), so refreshing the table does not pile up files.
    """
    digest = hashlib.sha1("\n".join(f"{r.key}\x1f{r.case.content_hash}\x1f{sorted(r.facets)}"
                                     for r in rows).encode("utf-8")).hexdigest()[:16]
    target = Path(folder or Path(tempfile.gettempdir()) / "jichitai-cases") / digest
    path = target / "jichitai_cases.csv"
    if path.exists():
        return path
    target.mkdir(parents=True, exist_ok=True)
    tmp = target / f".{os.getpid()}-{threading.get_ident()}.tmp"
    with open(tmp, "w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow([*CASE_COLUMNS, "本文", "参考"])
        for r in rows:
            w.writerow([*r.cells(), r.case.body, r.case.source])
    os.replace(tmp, path)
    return path


def case_detail_html(row: CaseRow | None) -> str:
    """One case in full: heading, where, facets with their evidence, body, 参考: line."""
    if row is None:
        return empty_sources_html("表の行を選ぶと、事例の全文がここに表示されます。")
    c = row.case
    evidence = {n for n in row.facets.values() if isinstance(n, int) and 0 <= n < len(c.sentences)}
    body = mark_text(c.body, [c.sentences[n] for n in sorted(evidence)])
    groups = grouped_facets(row.facets)
    facets = "".join(f"<li><b>{escape(FACET_GROUPS.get(g, g))}</b>: {escape('、'.join(v))}</li>"
                     for g, v in groups.items() if v)
    return (f'<div class="case-detail" data-case="{escape(c.title)}">'
            f'<h3>{escape(c.title)}</h3><div class="source-meta">{_meta(c.region, c.level, c.prefecture)}</div>'
            f'<ul class="facets">{facets}</ul><div class="case-body">{body}</div>'
            f'<div class="source-ref">{escape(c.source)}</div></div>')


def _mark(line: str, sentences: list[str]) -> str:
    """line escaped, with the first occurrence of each sentence (not overlapping) in <mark>."""
    spans = sorted({(line.find(s), line.find(s) + len(s)) for s in sentences if s and s in line})
    out, pos = [], 0
    for start, end in spans:
        if start < pos:
            continue
        out += [escape(line[pos:start]), f"<mark>{escape(line[start:end])}</mark>"]
        pos = end
    out.append(escape(line[pos:]))
    return "".join(out)


def find_row(rows: list[CaseRow], row_value) -> CaseRow | None:
    """The row a table selection points at, by its heading (the first cell)."""
    title = row_value[0] if isinstance(row_value, (list, tuple)) and row_value else row_value
    return next((r for r in rows if r.case.title == title), None)
