"""Scoring a table answer (aggregate, rank, compare, timeline) against a gold row set.

A table is correct when
* aggregate — its first row is the gold first row (or one tied with it), and at least two thirds
  of the gold rows are in it with a count within ±1;
* rank — its first case is the gold first, and at least 80 % of the gold order is in it in the
  same relative order;
* compare — it has a column for every gold case, at least five aspects, and at least 80 % of the
  gold cells' text is in that case's column (its cells or the sentences they cite);
* timeline — at least 80 % of the gold (month, case) pairs are in it.
"""
from __future__ import annotations

import re
import unicodedata

TABLE_TYPES = ("aggregate", "rank", "compare", "timeline")


def _n(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def _markers(text: str) -> list[int]:
    return [int(m) for m in re.findall(r"\[(\d+)\]", text)]


def table_correct(q: dict, table: dict | None, passages: dict[int, str]) -> bool:
    """Whether the answer's table (``Answer.table``; ``passages``: marker → quoted sentence) is
    correct for the gold question ``q``."""
    if not table or not table.get("rows"):
        return False
    rows = table["rows"]
    kind = q["type"]
    if kind == "aggregate":
        gold = q.get("rows", [])
        if not gold:
            return False

        def find(g):
            return next((r for r in rows if any(_n(m).lower() in _n(r[0]).lower() for m in g["match"])), None)

        firsts = [g for g in gold if g["count"] == gold[0]["count"]]
        first_ok = any(find(g) is rows[0] for g in firsts)
        found = [g for g in gold if (r := find(g)) is not None and abs(int(r[1]) - g["count"]) <= 1]
        return first_ok and len(found) >= (2 * len(gold)) / 3
    if kind == "rank":
        order = [o["case"] for o in q.get("order", [])]
        ranked = [r[1] for r in rows]
        if not order or not ranked or ranked[0] != order[0]:
            return False
        kept = [c for c in order if c in ranked]
        in_order = kept == sorted(kept, key=ranked.index)
        return in_order and len(kept) >= 0.8 * len(order)
    if kind == "compare":
        columns = table.get("columns", [])[1:]
        if not all(c in columns for c in q.get("cases", [])) or len(rows) < 5:
            return False
        cells = q.get("cells", [])
        hit = 0
        for cell in cells:
            col = columns.index(cell["case"]) + 1
            texts = [r[col] for r in rows] + [passages.get(m, "") for r in rows for m in _markers(r[col])]
            hit += any(_n(cell["contains"]) in _n(t) for t in texts)
        return not cells or hit >= 0.8 * len(cells)
    if kind == "timeline":
        pairs = {(g["when"], c) for g in q.get("rows", []) for c in g["cases"]}
        got = set()
        for r in rows:
            m = re.search(r"(\d{4})\D+(\d{1,2})", _n(r[0]))
            if m:
                when = f"{m.group(1)}-{int(m.group(2)):02d}"
                got |= {(when, c.strip()) for c in re.split(r"[、,]", re.sub(r"(?<!\s)\s*\[\d+\]", "", r[2]))}
        return bool(pairs) and len(pairs & got) >= 0.8 * len(pairs)
    return False


__all__ = ["TABLE_TYPES", "table_correct"]
