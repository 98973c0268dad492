"""CSV that a spreadsheet opens as data, never as formulas.

Every CSV the project writes (feedback export, the cases table) holds text staff or an article
wrote; Excel runs a cell such as ``=HYPERLINK("…")`` as a formula. OWASP's rule: a cell that
starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading ``'``, which
Excel shows as text (https://owasp.org/www-community/attacks/CSV_Injection).

    with open(path, "w", encoding="utf-8-sig", newline="", opener=private) as fh:
        write_rows(fh, header, rows)
"""
from __future__ import annotations

import csv
from typing import Any, Iterable, TextIO

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Excel holds at most 32,767 characters in a cell and spreads a longer CSV cell over the cells
# and rows after it, which shifts every column of the rows that follow (a feedback row on the
# answer to a list of thousands of cases). A longer cell is cut and says so; the database keeps
# the whole text.
EXCEL_CELL = 32767
CUT = "…（{n:,}文字のうち先頭だけを出力）"


def cell(value: Any) -> str:
    """A value as a CSV cell that is never a formula and fits a spreadsheet cell (None: empty)."""
    text = "" if value is None else str(value)
    whole = len(text)
    text = "'" + text if text.startswith(FORMULA_START) else text
    if len(text) > EXCEL_CELL:
        note = CUT.format(n=whole)
        text = text[:EXCEL_CELL - len(note)] + note
    return text


def write_rows(out: TextIO, header: list[str], rows: Iterable[Iterable[Any]]) -> int:
    """Write the header and rows, every cell through `cell`. Returns the number of rows."""
    w = csv.writer(out)
    w.writerow([cell(h) for h in header])
    n = 0
    for row in rows:
        w.writerow([cell(v) for v in row])
        n += 1
    return n


__all__ = ["EXCEL_CELL", "FORMULA_START", "cell", "write_rows"]
