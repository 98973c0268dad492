"""Lengths of time as the article writes them, made comparable.

* ``span_days``: a period given by its ends (「6月9日から7月末まで」, 「5月から8月」, 「7月末から9月末」)
  in days — a month without a day starts on the 1st and ends on its last day, 「末」 is the last
  day, and an end month before the start month is in the next year.
* ``length_days``: a period given by its length (「3カ月間」, 「2週間」, 「10日間」) in days.
* ``minutes``: an amount of working time (「51時間」, 「半日」, 「10分」, 「1.5時間」, 「2時間半」, 「90秒」) in
  minutes.

Months count 365 / 12 days, so 「2か月間」 and 「8月1日から9月30日」 come out (nearly) the same.
"""
from __future__ import annotations

import calendar
import re
from datetime import date

from core.text import nfkc

MONTH_DAYS = 365 / 12
_WORK_DAY_MINUTES = 8 * 60          # a working day: 「半日」 is four hours, 「1日」 eight
_LENGTH = re.compile(r"(?<!\d)(\d+(?:\.\d+)?)\s{0,2}(カ月|ヶ月|か月|ヵ月|ケ月|箇月|週間|日間|年間?)")
# (「90秒」, 「2時間半」 is two and a half hours; 「3分の1」 is a fraction, not three minutes)
_AMOUNT = re.compile(r"(?<!\d)(\d+(?:\.\d+)?)\s{0,2}(秒|分(?!\s{0,2}の\s{0,2}\d)|時間|日)(半)?|(半日)")
_YEAR = 2023                         # any year that is not a leap year


def _day(month: int, day: int | str | None, end: bool) -> int:
    """The day of the month an end of a span means: 「末」 or (for an end) none → the last."""
    last = calendar.monthrange(_YEAR, month)[1]
    if day == "末" or (day is None and end):
        return last
    return min(int(day), last) if day is not None else 1


def span_days(first_month: int, first_day: int | str | None, last_month: int,
              last_day: int | str | None) -> int | None:
    """Days from one end of a span to the other, both counted (「6月9日から7月末」 → 53); None
    when a month is not a month."""
    if not (1 <= first_month <= 12 and 1 <= last_month <= 12):
        return None
    start = date(_YEAR, first_month, _day(first_month, first_day, False))
    end = date(_YEAR + (last_month < first_month), last_month, _day(last_month, last_day, True))
    if end < start:
        return None
    return (end - start).days + 1


def length_days(text: str) -> float | None:
    """The length of a period written as one (「3カ月間」 → 91.25, 「2週間」 → 14)."""
    m = _LENGTH.search(nfkc(text))
    if not m:
        return None
    n, unit = float(m.group(1)), m.group(2)
    if unit in ("週間",):
        return n * 7
    if unit == "日間":
        return n
    if unit.startswith("年"):
        return n * 365
    return n * MONTH_DAYS


def months(days: float) -> float:
    """Days as months, to one decimal (53 → 1.7)."""
    return round(days / MONTH_DAYS, 1)


def minutes(text: str) -> float | None:
    """An amount of working time in minutes (「51時間」 → 3060, 「半日」 → 240, 「1日」 → 480,
    「2時間半」 → 150, 「90秒」 → 1.5)."""
    m = _AMOUNT.search(nfkc(text))
    if not m:
        return None
    if m.group(4):
        return _WORK_DAY_MINUTES / 2
    n, unit = float(m.group(1)), m.group(2)
    n += 0.5 if m.group(3) and unit in ("時間", "日") else 0.0
    return n * {"秒": 1 / 60, "分": 1, "時間": 60, "日": _WORK_DAY_MINUTES}[unit]


__all__ = ["MONTH_DAYS", "length_days", "minutes", "months", "span_days"]
