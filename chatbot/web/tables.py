"""The table under a chat answer about all the cases at once — an aggregate, a ranking, a
comparison, a timeline — as plain functions: the rows to show, one row's cases with their quoted
sentences, and the chart where a picture reads faster than the rows.

They read the answer's JSON (`Answer.to_json()`: what `/chat` and `chatbot ask --json` give),
whose ``table`` is ``{"columns": [...], "rows": [[...]], "cases": [[n, ...] per row]}``; a row's
``n`` are citation markers, ``[n]`` being ``citations[n - 1]``. Anything else — no table, a
malformed one — shows no table, never an error.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from html import escape

from chatbot.web.charts import UNIT_NAMES, Chart, amount, over_months, strip_markers
from chatbot.web.html import empty_sources_html, meta

TABLE_KINDS = {"aggregate": "集計", "rank": "順位", "compare": "比較", "timeline": "時系列"}
ROW_HINT = "表の行を選ぶと、その行の事例と引用文がここに表示されます。"


@dataclass(frozen=True)
class TableView:
    """What the chat shows under an answer: the table (none: the panel is hidden), the same
    table for a phone (without the column listing an aggregate's or a month's cases: a row
    opened lists them) and the chart."""

    headers: list[str] = field(default_factory=list)
    rows: list[list] = field(default_factory=list)
    label: str = ""
    chart: Chart | None = None
    widths: list[str] = field(default_factory=list)
    narrow: int = 0                   # how many leading columns the phone's table shows

    @property
    def visible(self) -> bool:
        return bool(self.headers)

    @property
    def narrow_headers(self) -> list[str]:
        return self.headers[:self.narrow]

    @property
    def narrow_rows(self) -> list[list]:
        return [r[:self.narrow] for r in self.rows]

    @property
    def narrow_widths(self) -> list[str]:
        # a phone's columns are closer in width: a comparison's 観点 still reads a word a line
        return widths([[str(h) for h in self.narrow_headers], *[[str(x) for x in r] for r in self.narrow_rows]],
                      low=6, high=20)


def table_of(data) -> dict | None:
    """The answer's table when it is an answer of a table kind with a well-formed table: columns,
    rows as long as the columns, and one list of markers per row."""
    if not isinstance(data, dict) or data.get("kind") not in TABLE_KINDS:
        return None
    table = data.get("table")
    if not isinstance(table, dict):
        return None
    columns, rows, cases = table.get("columns"), table.get("rows"), table.get("cases", [])
    if not (isinstance(columns, list) and columns and isinstance(rows, list) and isinstance(cases, list)):
        return None
    if any(not isinstance(r, list) or len(r) != len(columns) for r in rows):
        return None
    markers = [[n for n in c if isinstance(n, int) and not isinstance(n, bool)] if isinstance(c, list) else []
               for c in cases]
    markers += [[] for _ in range(len(rows) - len(markers))]
    return {"columns": [str(c) for c in columns], "rows": [[str(x) for x in r] for r in rows],
            "cases": markers[:len(rows)]}


def cell_value(text: str):
    """A cell as the table shows it: a whole number as a number (so the ⋮ menu sorts 22 after
    5), anything else as its text."""
    return int(text) if text.isascii() and text.isdigit() and len(text) < 16 else text


def widths(rows: list[list[str]], low: int = 4, high: int = 40) -> list[str]:
    """Column widths in proportion to each column's longest cell (``low`` to ``high`` characters
    counted), so a column of case names gets the room and a column of counts does not."""
    if not rows or not rows[0]:
        return []
    weights = [min(high, max(low, max(len(strip_markers(r[i])) for r in rows))) for i in range(len(rows[0]))]
    return [f"{round(100 * w / sum(weights))}%" for w in weights]


def table_view(data) -> TableView:
    """The table of an answer's JSON and its chart; `TableView()` (hidden) for any other answer."""
    table = table_of(data)
    if table is None:
        return TableView()
    kind, columns = data["kind"], table["columns"]
    label = (f"{TABLE_KINDS[kind]}の表（{len(table['rows'])}行）— 行を選ぶと、その行の事例と引用文を表の下に"
             "表示します")
    # An aggregate's and a timeline's last column lists every case of the row: too long for a phone.
    narrow = len(columns) - 1 if kind in ("aggregate", "timeline") and len(columns) > 2 else len(columns)
    return TableView(columns, [[cell_value(x) for x in r] for r in table["rows"]], label, chart_of(data),
                     widths([columns, *table["rows"]]), narrow)


def chart_of(data) -> Chart | None:
    """The chart of a table answer: bars of an aggregate's counts, of a ranking's figures (when
    its cells state amounts), counts over months for a timeline; None for a comparison."""
    table = table_of(data)
    if table is None or not table["rows"]:
        return None
    kind, (columns, rows) = data["kind"], (table["columns"], table["rows"])
    ja = data.get("lang", "ja") != "en"
    if kind == "aggregate" and len(columns) >= 2:
        counts = [amount(r[1]) for r in rows]
        if all(c is not None for c in counts):
            return Chart(tuple(r[0] for r in rows), tuple(c[0] for c in counts), columns[0], columns[1],
                         title=_title(columns[0], columns[1], ja))
    if kind == "timeline" and len(columns) >= 2:
        counts = [amount(r[1]) for r in rows]
        if all(c is not None for c in counts):
            return over_months([r[0] for r in rows], [c[0] for c in counts], columns[0], columns[1],
                               title=_title(columns[0], columns[1], ja))
    if kind == "rank" and len(columns) >= 3:
        return _ranking(columns, rows, ja)
    return None


def _title(label_title: str, value_title: str, ja: bool) -> str:
    return f"グラフ：{label_title}ごとの{value_title}" if ja else f"Chart: {value_title} by {label_title}"


def _ranking(columns: list[str], rows: list[list[str]], ja: bool) -> Chart | None:
    """Bars of the figures a ranking's cells state, in the unit most of them state (「半日」,
    「5月から8月」 and dates are left out, and said to be); drawn when the first row, at least half
    the rows and two or more state one — else the bars would show another case as the first."""
    read = [(r, amount(r[2])) for r in rows]
    units = [a[1] for _, a in read if a is not None]
    if not units:
        return None
    unit = max(dict.fromkeys(units), key=units.count)
    shown = [(r, a) for r, a in read if a is not None and a[1] == unit]
    if len(shown) < 2 or 2 * len(shown) < len(rows) or shown[0][0] is not rows[0]:
        return None
    name = UNIT_NAMES.get(unit, ("", ""))[0 if ja else 1]
    value_title = f"{columns[2]}（{name}）" if name and ja else f"{columns[2]} ({name})" if name else columns[2]
    left = [strip_markers(r[2]) for r, a in read if a is None or a[1] != unit]
    note = ""
    if left:
        some = "、".join(f"「{x}」" for x in left[:3]) if ja else ", ".join(f'"{x}"' for x in left[:3])
        note = (f"グラフは数値で記載された{len(shown)}件です（{some}{'など' if len(left) > 3 else ''}の"
                f"{len(left)}件は表のみ）。" if ja else
                f"The chart shows the {len(shown)} rows stated as amounts ({some}: table only).")
    ranks = tuple(int(r[0]) if r[0].isdigit() else i for i, (r, _) in enumerate(shown, start=1))
    return Chart(tuple(r[1] for r, _ in shown), tuple(a[0] for _, a in shown), columns[1], value_title,
                 note=note, title=_title(columns[1], value_title, ja), ranks=ranks)


def find_row(table: dict, row_value=None, index=None) -> int | None:
    """The row a selection in the table points at: the row whose cells are the selected row's
    (the ⋮ menu may have sorted the table; the phone's table shows the leading cells), else its
    position."""
    rows = table["rows"]
    if isinstance(row_value, (list, tuple)) and row_value:
        shown = [str(x) for x in row_value]          # all the cells, or the phone's leading ones
        hit = next((i for i, r in enumerate(rows) if r[:len(shown)] == shown), None)
        if hit is not None:
            return hit
    if isinstance(index, (list, tuple)) and index:
        index = index[0]
    return index if isinstance(index, int) and 0 <= index < len(rows) else None


def row_cases_html(data, row_value=None, index=None) -> str:
    """One row of the table opened: each case it counts, ranks or compares, with the sentence
    quoted for it and its [n] (the marker of the answer and of its source card)."""
    table = table_of(data)
    i = find_row(table, row_value, index) if table is not None else None
    if i is None:
        return empty_sources_html(ROW_HINT)
    cites = data.get("citations") if isinstance(data.get("citations"), list) else []
    row = table["rows"][i]
    head = row[1] if data["kind"] == "rank" and len(row) > 1 else row[0]
    items = []
    for n in dict.fromkeys(table["cases"][i]):
        c = cites[n - 1] if 1 <= n <= len(cites) and isinstance(cites[n - 1], dict) else None
        if c is None:
            continue
        warning = f'<div class="source-warning">{escape(str(c["warning"]))}</div>' if c.get("warning") else ""
        items.append(f'<li class="row-case" data-case="{escape(str(c.get("case", "")))}">'
                     f'<span class="marker">[{n}]</span> <b class="source-title">{escape(str(c.get("case", "")))}</b> '
                     f'<span class="source-meta">{meta(str(c.get("region", "")), str(c.get("level", "")))}</span>'
                     f'<div class="source-passage">「{escape(str(c.get("passage", "")))}」</div>{warning}</li>')
    if not items:
        body = '<div class="sources-empty">この行には引用した文がありません（記事に記載なし）。</div>'
    else:
        body = f"<ul>{''.join(items)}</ul>"
    return (f'<div class="table-row-cases" data-row="{i}"><div class="row-head"><b>{escape(strip_markers(head))}</b>'
            f' <span class="source-meta">{len(items)}件の引用</span></div>{body}</div>')


__all__ = ["ROW_HINT", "TABLE_KINDS", "TableView", "cell_value", "chart_of", "find_row", "row_cases_html",
           "table_of", "table_view"]
