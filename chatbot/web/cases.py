"""The cases tab as plain functions: filter choices, the table of every case with its facets,
its CSV, and one case in full."""
from __future__ import annotations

import atexit
import hashlib
import os
import shutil
import tempfile
import threading
import unicodedata
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Iterable, Mapping

from chatbot.csvsafe import write_rows
from chatbot.web.html import empty_sources_html, mark_text, meta
from core.cases import LEVELS, Case
from core.files import private, private_dir
from core.knowledge import Taxonomy
from core.store import history

ANY = ""                       # dropdown value meaning "no filter"
ANY_LABEL = "すべて"


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


FACET_GROUPS = {"status": "導入状況", "vendor": "ベンダー・製品", "use": "用途", "rule": "利用ルール",
                "info": "記載事項"}
CASE_COLUMNS = ["事例", "地域", "区分", "都道府県", *FACET_GROUPS.values(), "最新版での変更"]
# The table on a phone: what a case is, how far it got, what for (the rest: `case_detail_html`).
NARROW_COLUMNS = ["事例", FACET_GROUPS["status"], FACET_GROUPS["use"]]
# The 事例一覧 filter on what the latest version changed.
CHANGE_CHOICES = [("すべて", ""), ("最新版で追加・更新", "changed"), ("追加", "追加"), ("更新", "更新")]


def grouped_facets(facets: Mapping[str, int], taxonomy: Taxonomy | None = None) -> dict[str, list[str]]:
    """Japanese labels of a case's facets by group (status … info), in taxonomy order; a key
    the taxonomy does not know is shown as itself."""
    by_key = taxonomy.by_key if taxonomy is not None else {}
    order = {k: i for i, k in enumerate(by_key)}
    out: dict[str, list[str]] = {g: [] for g in FACET_GROUPS}
    for k in sorted(facets, key=lambda k: (order.get(k, len(order)), k)):
        f = by_key.get(k)
        group, label = (f.group, f.ja) if f is not None else (k.split(".", 1)[0], k)
        out.setdefault(group, []).append(label)
    return out


@dataclass(frozen=True)
class CaseRow:
    key: str                  # "<article id>:<case id>"
    case: Case
    facets: Mapping[str, int]                 # facet key → index of its evidence sentence
    labels: Mapping[str, list[str]]           # group → Japanese labels (`grouped_facets`)
    change: str = ""                          # 追加 / 更新 in the latest version ("" : neither)

    def cells(self) -> list[str]:
        return [self.case.title, self.case.region, self.case.level, self.case.prefecture,
                *("、".join(self.labels.get(k, [])) for k in FACET_GROUPS), self.change]


def catalog(retriever) -> list[CaseRow]:
    """Every case of the served index with its facets and what the latest version changed in it,
    in article order."""
    taxonomy = retriever.knowledge.taxonomy
    changed = latest_changes(retriever.index.data_dir, retriever.index.version)
    rows = [CaseRow(k, c, retriever.facets.get(k, {}), grouped_facets(retriever.facets.get(k, {}), taxonomy),
                    changed.get(c.title, "")) for k, c in retriever.cases.items()]
    return sorted(rows, key=lambda r: (r.case.article, r.case.position))


def latest_changes(data_dir, version: str) -> dict[str, str]:
    """Heading → 追加 / 更新 for the cases the served version added or updated (nothing for a
    first ingest, where every case is new)."""
    rows = [r for r in history(data_dir) if r.get("published") and r.get("version")]
    served = next((i for i, r in enumerate(rows) if r["version"] == version), None)
    if not served:                       # not found, or the first version: nothing is "new"
        return {}
    row = rows[served]
    return {**{t: "追加" for t in row.get("added", [])}, **{t: "更新" for t in row.get("updated", [])}}


def filter_rows(rows: list[CaseRow], text: str = "", region: str = ANY,
                level: str = ANY, change: str = ANY) -> list[CaseRow]:
    """Rows matching every given filter; text matches any cell or the case body (NFKC, any case);
    change: "changed" (added or updated in the latest version), 追加 or 更新."""
    needle = unicodedata.normalize("NFKC", text or "").strip().lower()
    out = []
    for r in rows:
        if region and r.case.region != region or level and r.case.level != level:
            continue
        if change and not (r.change if change == "changed" else r.change == change):
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


def narrow_table(rows: list[CaseRow]) -> list[list[str]]:
    """The rows' `NARROW_COLUMNS` cells: the table a phone shows."""
    at = [CASE_COLUMNS.index(c) for c in NARROW_COLUMNS]
    return [[cells[i] for i in at] for cells in table(rows)]


_private_tmp: Path | None = None
_private_tmp_lock = threading.Lock()


def private_temp_folder() -> Path:
    """This process's own temporary folder (mkdtemp: an unpredictable name, owner-only), removed
    at exit. Nobody else can plant a file where the CSVs are written."""
    global _private_tmp
    with _private_tmp_lock:
        if _private_tmp is None or not _private_tmp.is_dir():
            _private_tmp = Path(tempfile.mkdtemp(prefix="jichitai-cases-"))
            atexit.register(shutil.rmtree, _private_tmp, ignore_errors=True)
        return _private_tmp


def write_csv(rows: list[CaseRow], folder: Path | None = None) -> Path:
    """The rows as a CSV (UTF-8 with BOM, so Excel reads the Japanese), with the case text; no
    cell is a spreadsheet formula (`chatbot.csvsafe`), the file is owner-only.

    Written once per distinct content (under a folder named by its hash, in this process's
    private temporary folder by default), so refreshing the table does not pile up files.
    """
    digest = hashlib.sha1("\n".join(f"{r.key}\x1f{r.case.content_hash}\x1f{sorted(r.facets)}"
                                     for r in rows).encode("utf-8")).hexdigest()[:16]
    target = Path(folder or private_temp_folder()) / digest
    path = target / "jichitai_cases.csv"
    if path.exists():
        return path
    private_dir(target)
    tmp = target / f".{os.getpid()}-{threading.get_ident()}.tmp"
    with open(tmp, "w", encoding="utf-8-sig", newline="", opener=private) as fh:
        write_rows(fh, [*CASE_COLUMNS, "本文", "参考"],
                   ([*r.cells(), r.case.body, r.case.source] for r in rows))
    os.replace(tmp, path)
    return path


def case_detail_html(row: CaseRow | None) -> str:
    """One case in full: heading, where, facets with their evidence, body, 参考: line."""
    if row is None:
        return empty_sources_html("表の行を選ぶと、事例の全文がここに表示されます。")
    c = row.case
    evidence = {n for n in row.facets.values() if isinstance(n, int) and 0 <= n < len(c.sentences)}
    body = mark_text(c.body, [c.sentences[n] for n in sorted(evidence)])
    facets = "".join(f"<li><b>{escape(FACET_GROUPS.get(g, g))}</b>: {escape('、'.join(v))}</li>"
                     for g, v in row.labels.items() if v)
    if row.change:
        facets += f"<li><b>{CASE_COLUMNS[-1]}</b>: {escape(row.change)}</li>"
    return (f'<div class="case-detail" data-case="{escape(c.title)}">'
            f'<h3>{escape(c.title)}</h3><div class="source-meta">{meta(c.region, c.level, c.prefecture)}</div>'
            f'<ul class="facets">{facets}</ul><div class="case-body">{body}</div>'
            f'<div class="source-ref">{escape(c.source)}</div></div>')


def find_row(rows: list[CaseRow], row_value) -> CaseRow | None:
    """The row a table selection points at, by its heading (the first cell)."""
    title = row_value[0] if isinstance(row_value, (list, tuple)) and row_value else row_value
    return next((r for r in rows if r.case.title == title), None)
