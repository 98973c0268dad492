"""Bar charts of the app's tables as plain data — what each bar stands for, its value, the axis
titles — and the keyword arguments that show one in Gradio's own `gr.BarPlot`.

Two shapes: bars of a ranking or a tally (one labelled bar per row, the first row at the top,
read down like the table beside it) and bars over time (months left to right, a month with no
case drawn as zero, so a gap reads as a gap). The figures of a ranking's cells are read with
`core.quantities` (「約5万人」 → 50000 people, 「51時間」 → 51 hours).
"""
from __future__ import annotations

from dataclasses import dataclass

from core.quantities import figures

# Units a chart converts into one (10分 and 51時間 on one axis, in hours): class → (class, factor).
_CONVERT = {"second": ("hour", 1 / 3600), "minute": ("hour", 1 / 60), "weeks": ("months", 12 / 52),
            "years": ("months", 12)}
# A value axis's unit, as the table's language writes it.
UNIT_NAMES = {"people": ("人", "people"), "hour": ("時間", "hours"), "months": ("か月", "months"),
              "days": ("日", "days"), "items": ("件", "items"), "percent": ("%", "%"), "yen": ("円", "yen"),
              "times": ("倍", "times"), "departments": ("部署", "departments"), "bodies": ("団体", "bodies"),
              "languages": ("言語", "languages"), "pages": ("ページ", "pages")}
# Calendar figures (2023年, 4月, 20日) are dates, not amounts: a ranking by date gets no bars.
_CALENDAR = {"year", "month", "day"}
BAR_HEIGHT = 26           # px per bar of a horizontal chart
MAX_HEIGHT = 900


@dataclass(frozen=True)
class Chart:
    """A bar chart of a table: one bar per label, in the table's order."""

    labels: tuple[str, ...]
    values: tuple[float, ...]
    label_title: str               # the axis of the labels (ルール, 月)
    value_title: str               # the axis of the values (件数, 職員数（人）)
    over_time: bool = False        # months left to right (a timeline); else bars top down
    note: str = ""                 # what the chart leaves out, said under it
    title: str = ""                # the plot's label
    ranks: tuple[int, ...] = ()    # the table's numbers of the bars (default 1, 2, 3 …)

    def __repr__(self) -> str:
        return f"Chart({len(self.labels)} bars, {self.value_title!r})"


def amount(text: str) -> tuple[float, str] | None:
    """The one amount a table cell states, as (value, unit class): 「約5万人 [1]」 → (50000,
    "people"), 「10分」 → (10/60, "hour"), 「22」 → (22, ""). None when the cell states none, a
    date, a range or several figures (「5月から8月」, 「20~30人」, 「半日」): those are not drawn."""
    found = figures(strip_markers(text))
    if len(found) != 1 or len(found[0].values) != 1 or found[0].unit in _CALENDAR:
        return None
    unit = found[0].unit
    value = float(next(iter(found[0].values)))
    to, factor = _CONVERT.get(unit, (unit, 1))
    return value * factor, to


def strip_markers(text: str) -> str:
    """A cell without its citation markers (「約5万人 [1][2]」 → 「約5万人」)."""
    out, depth = [], 0
    for ch in str(text):                 # one pass: no regex over text from the article
        if ch == "[":
            depth += 1
        elif ch == "]" and depth:
            depth -= 1
        elif not depth:
            out.append(ch)
    return "".join(out).strip()


def month_of(label: str) -> tuple[int, int] | None:
    """(year, month) of a label such as 「2023年4月」 or "April 2023"; None otherwise."""
    found = figures(str(label))
    years = [f for f in found if f.unit == "year"]
    months = [f for f in found if f.unit == "month"]
    if len(found) != 2 or len(years) != 1 or len(months) != 1:
        return None
    year = max(v for v in years[0].values if isinstance(v, int))
    month = next(iter(months[0].values))
    return (year, month) if 1 <= month <= 12 else None


def months_between(first: tuple[int, int], last: tuple[int, int]) -> list[tuple[int, int]]:
    """Every month from first to last, both included."""
    out, (y, m) = [], first
    while (y, m) <= last and len(out) < 1200:       # a century at most
        out.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def over_months(labels: list[str], counts: list[float], label_title: str, value_title: str,
                title: str = "") -> Chart:
    """Counts by month, every month between the first and the last shown (none: zero); labels
    that are not months are shown as they are, in their order."""
    months = [month_of(x) for x in labels]
    if labels and all(months):
        by_month = dict(zip(months, counts))
        span = months_between(min(by_month), max(by_month))
        labels = [f"{y}年{m}月" for y, m in span]
        counts = [by_month.get(ym, 0) for ym in span]
    return Chart(tuple(labels), tuple(counts), label_title, value_title, over_time=True, title=title)


def ranked(labels: list[str], ranks: list[int] | tuple[int, ...] = ()) -> list[str]:
    """Labels numbered in their order (or by ``ranks``), zero-padded ("01. …"): the plot orders
    the labels of its bars alphabetically, which keeps the table's order only so."""
    ranks = list(ranks) or list(range(1, len(labels) + 1))
    width = len(str(max(ranks, default=0)))
    return [f"{i:0{width}d}. {x}" for i, x in zip(ranks, labels)]


def frame(chart: Chart | None):
    """The chart as the DataFrame `gr.BarPlot` draws: columns 項目 (numbered labels, or months)
    and 値 (a bar's tooltip shows both in full); no rows for no chart."""
    import pandas as pd   # heavy import (gradio's dependency), only when a chart is shown

    if chart is None:
        return pd.DataFrame({"項目": pd.Series([], dtype=str), "値": pd.Series([], dtype=float)})
    labels = list(chart.labels) if chart.over_time else ranked(list(chart.labels), chart.ranks)
    return pd.DataFrame({"項目": labels, "値": [round(float(v), 2) for v in chart.values]})


def bar_props(chart: Chart | None, over_time: bool) -> dict:
    """The keyword arguments of `gr.update` for the bar plot of one shape (``over_time``: the
    plot of months; else the plot of ranked bars): hidden unless the chart has that shape."""
    if chart is None or chart.over_time != over_time or not chart.labels:
        return {"visible": False, "value": None}
    props = {"visible": True, "value": frame(chart), "caption": chart.note or None, "label": chart.title or None}
    if over_time:
        return {**props, "x_title": chart.label_title, "y_title": chart.value_title,
                "sort": list(chart.labels), "x_label_angle": -45 if len(chart.labels) > 8 else 0}
    height = min(MAX_HEIGHT, 80 + BAR_HEIGHT * len(chart.labels))
    return {**props, "x_title": chart.value_title, "y_title": chart.label_title, "height": height}


def steady_props(chart: Chart | None) -> dict:
    """The keyword arguments of `gr.update` for a plot whose counts change in quick succession
    (the 集計 view, as filters are typed): its data and its label only. Gradio's plot draws
    itself anew, asynchronously, whenever an axis title, its size or its visibility changes; two
    such updates close together could leave the first one's bars under the second one's titles."""
    return {"value": frame(chart), "label": chart.title if chart is not None else "グラフ（該当なし）"}


__all__ = ["Chart", "amount", "bar_props", "frame", "month_of", "over_months", "ranked", "steady_props",
           "strip_markers"]
