"""Figure conditions a question states: "more than 1,000 staff", 「50人未満」, "trials due to end
in July", "started in August", 「2023年に始めた」, 「2カ月間または3カ月間」, read with the patterns of ``core/domain/questions.toml``
[conditions]. Whether a case meets one is evidence (`chatbot.qa.evidence.figures`)."""
from __future__ import annotations

from dataclasses import dataclass

from core.knowledge import Knowledge
from core.text import nfkc

_MULT = {"千": 1000, "万": 10000}


@dataclass(frozen=True)
class Condition:
    field: str                 # staff | end_month | start_month | start_year | length_months
    op: str                    # ">=" | ">" | "<" | "<=" | "in"
    values: tuple[int, ...]


def _int(text: str, k: Knowledge) -> int | None:
    text = text.lower()
    if text in k.questions.months:
        return k.questions.months.index(text) + 1
    if text in k.questions.numbers:
        return k.questions.numbers.index(text) + 1
    digits = text.replace(",", "")
    return int(digits) if digits.isdigit() else None


def _values(m, k: Knowledge) -> list[int]:
    groups = [g for g in m.groups() if g]
    out, mult = [], 1
    for g in groups:
        if g in _MULT:
            mult = _MULT[g]
        elif (n := _int(g, k)) is not None:
            out.append(n)
    if not out and mult > 1:
        out = [1]                      # 「千人以上」: the multiplier alone is the number
    return [n * mult for n in out]


def read_conditions(question: str, k: Knowledge) -> tuple[Condition, ...]:
    """The figure conditions a question states ("" when none)."""
    text = nfkc(question)
    rx = k.questions.conditions
    out = []
    # a start or a length compared with a number first: 「6月までに導入した」 is not a trial that ends
    # in June, 「6月より前に」 not one that starts in it, 「3カ月以上」 not a trial of three months
    for name, field, op in (("starts_after", "start_month", ">="), ("starts_before", "start_month", "<"),
                            ("starts_by", "start_month", "<"), ("lasts_at_least", "length_months", ">="),
                            ("lasts_over", "length_months", ">"), ("lasts_below", "length_months", "<"),
                            ("lasts_at_most", "length_months", "<=")):
        m = rx[name].search(text)
        if m and (values := _values(m, k)):
            # a bound that takes its month in: 「8月以降」 (≥ 8); "by June", 「6月までに」 (< 7);
            # one that leaves it out: "after June" (≥ 7), 「6月より前に」, "before June" (< 6)
            shift = 1 if (name == "starts_by" or (name == "starts_after" and m.group(1) is None)) else 0
            out.append(Condition(field, op, (values[0] + shift,)))
            text = rx[name].sub(" ", text)
    for name, field, op in (("staff_at_least", "staff", ">="), ("staff_below", "staff", "<")):
        m = rx[name].search(text)
        if m and (values := _values(m, k)):
            out.append(Condition(field, op, (values[0],)))
    months = [v for m in rx["ends_in"].finditer(text) for v in _values(m, k)]
    if months:
        out.append(Condition("end_month", "in", tuple(dict.fromkeys(months))))
    starts = [v for m in rx["starts_in"].finditer(text) for v in _values(m, k)]
    if starts and not months:
        out.append(Condition("start_month", "in", tuple(dict.fromkeys(starts))))
    years = [v for m in rx["starts_in_year"].finditer(text) for v in _values(m, k)]
    if years:
        out.append(Condition("start_year", "in", tuple(dict.fromkeys(years))))
    lengths = [v for m in rx["lasts"].finditer(text) for v in _values(m, k)]
    if lengths and not months:
        out.append(Condition("length_months", "in", tuple(dict.fromkeys(lengths))))
    return tuple(out)


_QUESTION_SIDE = ("lasts_at_least", "lasts_over", "lasts_below", "lasts_at_most", "staff_at_least",
                  "staff_below", "starts_after", "starts_before", "starts_by", "ends_in", "starts_in",
                  "starts_in_year", "lasts")


def without_conditions(text: str, k: Knowledge) -> str:
    """The text with the figure conditions it states taken out (what else it asks)."""
    text = nfkc(text)
    for name in _QUESTION_SIDE:
        text = k.questions.conditions[name].sub(" ", text)
    return text


__all__ = ["Condition", "read_conditions", "without_conditions"]
