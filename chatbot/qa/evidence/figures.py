"""Figures as evidence: whether a case's own sentences meet a question's figure conditions
("more than 1,000 staff", "trials due to end in July"), and whether they state a figure the
question names ("trials for about 100 staff")."""
from __future__ import annotations

import re

from chatbot.qa.evidence.stated import period_stated, starts_stated
from chatbot.qa.read.conditions import Condition
from core.cases import Case
from core.figures import extract_staff_counts
from core.knowledge import Knowledge
from core.text import nfkc


def _period(case: Case, k: Knowledge) -> list[float]:
    period = period_stated(case, k)
    return [period.value] if period else []


def case_figures(case: Case, field: str, k: Knowledge) -> list[float]:
    """The figures of one kind a case states: staff counts, the months its periods end or
    start, the years it dates a start in, the lengths of its periods in months as written, its
    longest period in months however written ("period")."""
    if field == "staff":
        return [n for n, _ in extract_staff_counts(case.sentences)]
    if field == "period":          # in months, as a ranking reads it (`period_stated`)
        return _period(case, k)
    if field == "start_month":     # the starts a ranking and a timeline read too (not a study group's)
        return [int(x.value - 1) % 12 + 1 for x in starts_stated(case, k, 0)]
    rx = k.questions.conditions[{"end_month": "case_end",
                                 "start_year": "case_start_year"}.get(field, "case_length")]
    found = [int(next(g for g in m.groups() if g)) for m in rx.finditer(nfkc(case.text))]
    # 「23年9月」: a year in two digits is this century's
    return [n + 2000 if field == "start_year" and n < 100 else n for n in found]


FIELDS = ("staff", "end_month", "start_month", "start_year", "length_months", "period")   # what a `Condition` reads


def remembered(case: Case, field: str, k: Knowledge, known: dict) -> list[float]:
    """`case_figures`, read once per case, text and kind into ``known`` (a version's memo)."""
    key = (case.id, case.content_hash, field)
    found = known.get(key)
    if found is None:
        found = known[key] = case_figures(case, field, k)
    return found


def remember_figures(cases, k: Knowledge, known: dict) -> None:
    """Read every case's figures of every kind into ``known`` (a served app's warm-up: the first
    figure question at 10,000 cases would otherwise read them all, ≈0.3 s a kind)."""
    for case in cases:
        for field in FIELDS:
            remembered(case, field, k, known)


def meets(case: Case, cond: Condition, k: Knowledge, known: dict | None = None) -> bool:
    """Whether the case's own figures meet the condition (a case that states none does not).

    Args:
        known: figures already read, by (case id, field) — a version's memo: a list over 10,000
            cases reads each case's figures once, not once per question.
    """
    if cond.field == "length_months" and cond.op != "in":
        # a length compared with a number: the period a ranking reads (its length or its two ends)
        found = _period(case, k) if known is None else remembered(case, "period", k, known)
    else:
        found = case_figures(case, cond.field, k) if known is None else remembered(case, cond.field, k, known)
    if not found:
        return False
    # a start compared with a month is its first start (「8月以降に始めた」 is not a case that began
    # in May and plans more for October); a staff count is its largest
    pick = min if cond.field == "start_month" else max
    if cond.op == ">=":
        return pick(found) >= cond.values[0]
    if cond.op == ">":
        return pick(found) > cond.values[0]
    if cond.op == "<":
        return pick(found) < cond.values[0]
    if cond.op == "<=":
        return pick(found) <= cond.values[0]
    return bool(set(found) & set(cond.values))


def headline_start(case: Case, conditions, k: Knowledge) -> tuple[int, str] | None:
    """(sentence, the headline's words) when only a case's reference headline dates the start that
    meets the question's start conditions (「実証実験を6/1開始!」): the sentence it dates is quoted
    and the headline named as the reason."""
    if not conditions or any(c.field != "start_month" for c in conditions):
        return None
    starts = starts_stated(case, k, 0)
    if starts and starts[0].headline and all(meets(case, c, k) for c in conditions):
        return starts[0].n, starts[0].headline
    return None


def states(sentence: str, cond: Condition, k: Knowledge) -> bool:
    """Whether one sentence states a figure that meets the condition (the sentence to quote)."""
    one = Case("", "", "", "", "", sentence, "", 0, "", (sentence,))
    return meets(one, cond, k)


def named_figures(question_rest: str, k: Knowledge) -> set[str]:
    """The figures a question names with their unit (「約100人」 → "100"); 「23区」 names a group."""
    rx = k.questions.conditions["figure"]
    return {next(g for g in m.groups() if g).replace(",", "") for m in rx.finditer(nfkc(question_rest))}


def states_any(case: Case, numbers: set[str]) -> bool:
    text = nfkc(case.text).replace(",", "")
    return bool(numbers & set(re.findall(r"\d+", text)))


# A number a question asks as an amount (「30秒」, "30 seconds", "100 staff"), not as a date: what
# follows it is a word or unit that is none of a date's (year, month, day; 年 月 日).
_AMOUNT_JA = r"(?![\d,.]| ?(?:年|月|日|か月|カ月|ヶ月))"
_AMOUNT_EN = r"(?![\d,.])(?! ?(?:st|nd|rd|th|years?|months?|days?)\b) ?[a-z%]"
_MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]{0,6}\.? ?"


def as_amount(question: str, number: str) -> bool:
    """Whether the question writes ``number`` as an amount followed by its unit, not as a date."""
    text = nfkc(question).lower()
    at = rf"(?<![\d,.]){re.escape(number)}"
    if re.search(rf"{_MONTHS}{at}", text):
        return False
    return bool(re.search(at + _AMOUNT_EN, text) or re.search(at + r" ?[^\x00-\x7f]" + _AMOUNT_JA, text)
                and not re.search(at + r" ?(?:年|月|日)", text))


def in_a_date(sentence: str, number: str) -> bool:
    """Whether every time a sentence writes ``number`` it is part of a date (「9月30日」, 「2023年」)."""
    text = nfkc(sentence)
    found = [m for m in re.finditer(rf"(?<![\d,.]){re.escape(number)}(?![\d,.])", text)]
    return bool(found) and all(text[m.end():m.end() + 2].lstrip()[:1] in ("年", "月", "日") or
                               text[max(m.start() - 2, 0):m.start()].rstrip().endswith("月") for m in found)


__all__ = ["FIELDS", "case_figures", "headline_start", "meets", "named_figures", "remember_figures", "remembered",
           "states", "states_any"]
