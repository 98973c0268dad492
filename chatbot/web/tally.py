"""The 集計 view of the 事例一覧 tab as plain functions: for the cases the tab's filters leave, how
many state each rule, use, vendor or stage — a table, its CSV and a bar chart — and one row
opened to its cases with the sentence that states it.

A facet is counted as the chat's aggregates count it (「どんなルールが多い？」 in the chat and this
view agree for the same cases): each case once per facet, facets that are about the rules
rather than one of them (ガイドライン・利用ルールの策定, 研修・講習の実施) left out, most first, ties
in the order of the knowledge files.
"""
from __future__ import annotations

import hashlib
import os
import threading
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from chatbot.csvsafe import write_rows
from chatbot.web.cases import FACET_GROUPS, CaseRow, catalog, filter_rows, private_temp_folder
from chatbot.web.charts import Chart
from chatbot.web.html import empty_sources_html, mark_text, meta
from core.files import private, private_dir
from core.knowledge import Taxonomy

# The groups the view counts, in the order of its choices (value, Japanese label).
GROUPS = ("rule", "use", "vendor", "status")
GROUP_CHOICES = [(FACET_GROUPS[g], g) for g in GROUPS]
COLUMNS = ["項目", "件数", "割合"]
CSV_COLUMNS = ["分類", "項目", "件数", "割合", "対象の事例数", "事例"]
CHART_HEIGHT = 560        # px: the longest group (ベンダー・製品, 16 bars) at a readable bar width
ROW_HINT = "集計の行を選ぶと、その項目を記載している事例と該当する文がここに表示されます。"


@dataclass(frozen=True)
class Count:
    """One facet and the cases (among those counted) that state it."""

    key: str
    label: str
    rows: tuple[CaseRow, ...]

    def __repr__(self) -> str:
        return f"Count({self.key}, {len(self.rows)})"


def tally(rows: list[CaseRow], group: str, taxonomy: Taxonomy | None = None) -> list[Count]:
    """The facets of ``group`` the rows state, each with the rows stating it, most first (ties
    in taxonomy order). Facets about the rules rather than one of them (``meta``) are left out."""
    by_key = taxonomy.by_key if taxonomy is not None else {}
    order = {k: i for i, k in enumerate(by_key)}
    held: dict[str, list[CaseRow]] = {}
    for r in rows:
        for k in r.facets:
            f = by_key.get(k)
            if (f.group if f is not None else k.split(".", 1)[0]) != group or (f is not None and f.meta):
                continue
            held.setdefault(k, []).append(r)
    keys = sorted(held, key=lambda k: (-len(held[k]), order.get(k, len(order)), k))
    return [Count(k, by_key[k].ja if k in by_key else k, tuple(held[k])) for k in keys]


def share(n: int, total: int) -> str:
    """n of total as a whole percentage (「35%」)."""
    return f"{round(100 * n / total)}%" if total else "-"


def table(counts: list[Count], total: int) -> list[list]:
    """The view's rows: 項目, 件数, 割合 (of the cases counted)."""
    return [[c.label, len(c.rows), share(len(c.rows), total)] for c in counts]


def chart(counts: list[Count], group: str) -> Chart | None:
    """Bars of the counts, most first; None when nothing is counted."""
    if not counts:
        return None
    name = FACET_GROUPS.get(group, group)
    return Chart(tuple(c.label for c in counts), tuple(float(len(c.rows)) for c in counts), name, "件数",
                 title=f"グラフ：{name}ごとの件数")


def label(group: str, shown: int, total: int) -> str:
    """What the counts are of: the group and how many cases the filters leave."""
    name = FACET_GROUPS.get(group, group)
    scope = f"全{total}件の事例" if shown == total else f"絞り込んだ{shown}件の事例（全{total}件中）"
    return f"{name}の集計：{scope}のうち、それぞれを記載している事例の数"


def write_csv(counts: list[Count], group: str, total: int, folder: Path | None = None) -> Path:
    """The counts as a CSV (UTF-8 with BOM for Excel): 分類, 項目, 件数, 割合, the number of cases
    counted, and the cases; no cell is a spreadsheet formula (`chatbot.csvsafe`), the file is
    owner-only, written once per distinct content in this process's private temporary folder."""
    name = FACET_GROUPS.get(group, group)
    lines = [[name, c.label, len(c.rows), share(len(c.rows), total), total, "、".join(r.case.title for r in c.rows)]
             for c in counts]
    digest = hashlib.sha1(repr((CSV_COLUMNS, lines)).encode("utf-8")).hexdigest()[:16]
    target = Path(folder or private_temp_folder()) / f"tally-{digest}"
    path = target / f"jichitai_tally_{group}.csv"
    if path.exists():
        return path
    private_dir(target)
    tmp = target / f".{os.getpid()}-{threading.get_ident()}.tmp"
    with open(tmp, "w", encoding="utf-8-sig", newline="", opener=private) as fh:
        write_rows(fh, CSV_COLUMNS, lines)
    os.replace(tmp, path)
    return path


def find(counts: list[Count], row_value=None, index=None) -> Count | None:
    """The count a selection in the table points at: by its 項目 (the ⋮ menu may have sorted
    the table), else by position."""
    title = row_value[0] if isinstance(row_value, (list, tuple)) and row_value else None
    hit = next((c for c in counts if c.label == title), None)
    if hit is not None or title is not None:
        return hit
    if isinstance(index, (list, tuple)) and index:
        index = index[0]
    return counts[index] if isinstance(index, int) and 0 <= index < len(counts) else None


def row_html(count: Count | None) -> str:
    """One count opened: each case that states it, with the sentence that does (highlighted)."""
    if count is None:
        return empty_sources_html(ROW_HINT)
    items = []
    for r in count.rows:
        n = r.facets.get(count.key)
        sentence = r.case.sentences[n] if isinstance(n, int) and 0 <= n < len(r.case.sentences) else ""
        quote = mark_text(sentence, [sentence]) if sentence else ""
        items.append(f'<li class="row-case" data-case="{escape(r.case.title)}"><b class="source-title">'
                     f'{escape(r.case.title)}</b> <span class="source-meta">{meta(r.case.region, r.case.level)}'
                     f'</span><div class="source-passage">{quote}</div></li>')
    return (f'<div class="table-row-cases tally-row"><div class="row-head"><b>{escape(count.label)}</b> '
            f'<span class="source-meta">{len(count.rows)}件の事例</span></div><ul>{"".join(items)}</ul></div>')


@dataclass(frozen=True)
class TallyView:
    """The 集計 view for the current filters."""

    label: str
    rows: list[list] = field(default_factory=list)
    chart: Chart | None = None
    csv: Path | None = None
    counts: list[Count] = field(default_factory=list)


def view(retriever, text: str = "", region: str = "", level: str = "", change: str = "",
         group: str = "rule") -> TallyView:
    """The counts of ``group`` over the cases the 事例一覧 filters leave (the same `filter_rows`
    as its table), with the table's rows, the chart and the CSV."""
    group = group if group in GROUPS else GROUPS[0]
    everything = catalog(retriever)
    rows = filter_rows(everything, text, region, level, change)
    counts = tally(rows, group, retriever.knowledge.taxonomy)
    if not rows:
        return TallyView("該当する事例がありません。絞り込みの条件を変えてください。")
    return TallyView(label(group, len(rows), len(everything)), table(counts, len(rows)), chart(counts, group),
                     write_csv(counts, group, len(rows)), counts)


__all__ = ["COLUMNS", "CSV_COLUMNS", "Count", "GROUPS", "GROUP_CHOICES", "TallyView", "chart", "find",
           "label", "row_html", "share", "table", "tally", "view", "write_csv"]
