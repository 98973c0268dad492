"""Figures stated in sentences: staff counts and dates, exactly as the article writes them.

* ``extract_staff_counts``: a range 「20~30人」 gives its upper bound (30: the planned scale);
  「約」 is dropped (約5万人 → 50000); shares (約3割) and non-staff counts (件, 人口) are ignored.
* ``extract_dates`` returns dates with digits, exactly as written (2023年7月20日, 7月末, 23年9月,
  2024年度, 令和5年6月末日); relative words (来年度, 年内) are not dates here.
"""
from __future__ import annotations

import re
from typing import Sequence

from core.text import nfkc

_D = r"[0-9０-９]"
_NUM = rf"{_D}+(?:[,，.．]{_D}+)*"
_STAFF_RX = re.compile(
    rf"(?<!人口)(?<!人口約)(?:約|およそ|計|合計)?(?<![0-9０-９,，.．])(?:({_NUM})[万千百]?\s*[~〜～ー－-]\s*)?({_NUM})([万千百]?)人"
    r"(?![口件分日時月年])")
_STAFF_CONTEXT = re.compile(r"職員|人規模|対象|利用|使用|参加|アクセス|部署|課")
_MULT = {"": 1, "百": 100, "千": 1000, "万": 10000}


def _to_int(num: str, mult: str) -> int:
    n = nfkc(num).replace(",", "")
    return int(round(float(n) * _MULT[mult]))


def extract_staff_counts(sentences: Sequence[str]) -> tuple[tuple[int, str], ...]:
    """(number of staff, evidence sentence) for every staff count stated.

    約5万人 → 50000, 約13,000人 → 13000, 約6千人 → 6000, 28人 → 28; a range 20~30人 gives its
    upper bound 30 (the planned scale). Only sentences about staff/users/targets are read, and
    counts of people that are not staff (人口…人) are skipped.
    """
    out: list[tuple[int, str]] = []
    for orig in sentences:
        s = nfkc(orig)
        if not _STAFF_CONTEXT.search(s):
            continue
        for m in _STAFF_RX.finditer(orig):
            pair = (_to_int(m.group(2), m.group(3)), orig)
            if pair not in out:
                out.append(pair)
    return tuple(out)


_DATE_RX = re.compile(
    rf"(?:(?:令和|平成)?(?:{_D}{{1,4}}|元)年度?)?{_D}{{1,2}}月(?:{_D}{{1,2}}日|末日?|上旬|中旬|下旬|初旬|初め|頭|中)?"
    rf"|(?:(?:令和|平成)(?:{_D}{{1,2}}|元)|{_D}{{2,4}})年度?(?:末|中|内)?(?![0-9０-９])"
)


def extract_dates(sentences: Sequence[str]) -> tuple[tuple[str, str], ...]:
    """(date text exactly as written, evidence sentence): 2023年7月20日, 7月末, 8月23日, 23年9月,
    2024年度, 令和5年6月末日. Needs digits; durations (2カ月, 3カ月間) and relative words (来年度)
    are not dates."""
    out: list[tuple[str, str]] = []
    for orig in sentences:
        for m in _DATE_RX.finditer(orig):
            text = m.group(0)
            if re.fullmatch(rf"{_D}{{1,2}}年", text):   # 「1年」「2年」: a duration, not a year
                continue
            pair = (text, orig)
            if pair not in out:
                out.append(pair)
    return tuple(out)



__all__ = ["extract_dates", "extract_staff_counts"]
