"""Lists filtered by stated figures: "more than 1,000 staff", 「50人未満」, "trials due to end in
July", 「2カ月間または3カ月間」. The question's comparison is read with the patterns of
``core/domain/questions.toml`` [conditions]; each case's figures are read off its own sentences
(`core.figures` for staff counts)."""
from __future__ import annotations

from dataclasses import dataclass

from core.cases import Case
from core.figures import extract_staff_counts
from core.knowledge import Knowledge
from core.text import nfkc

_MULT = {"千": 1000, "万": 10000}


@dataclass(frozen=True)
class Condition:
    field: str                 # staff | end_month | length_months
    op: str                    # ">=" | "<" | "in"
    values: tuple[int, ...]

    def holds(self, case: Case, k: Knowledge) -> bool:
        found = case_figures(case, self.field, k)
        if not found:
            return False
        if self.op == ">=":
            return max(found) >= self.values[0]
        if self.op == "<":
            return max(found) < self.values[0]
        return bool(set(found) & set(self.values))


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


def read(question: str, k: Knowledge) -> tuple[Condition, ...]:
    """The figure conditions a question states ("" when none)."""
    text = nfkc(question)
    rx = k.questions.conditions
    out = []
    for name, field, op in (("staff_at_least", "staff", ">="), ("staff_below", "staff", "<")):
        m = rx[name].search(text)
        if m and (values := _values(m, k)):
            out.append(Condition(field, op, (values[0],)))
    months = [v for m in rx["ends_in"].finditer(text) for v in _values(m, k)]
    if months:
        out.append(Condition("end_month", "in", tuple(dict.fromkeys(months))))
    lengths = [v for m in rx["lasts"].finditer(text) for v in _values(m, k)]
    if lengths and not months:
        out.append(Condition("length_months", "in", tuple(dict.fromkeys(lengths))))
    return tuple(out)


def case_figures(case: Case, field: str, k: Knowledge) -> list[int]:
    if field == "staff":
        return [n for n, _ in extract_staff_counts(case.sentences)]
    rx = k.questions.conditions["case_end" if field == "end_month" else "case_length"]
    return [int(next(g for g in m.groups() if g)) for m in rx.finditer(nfkc(case.text))]


__all__ = ["Condition", "case_figures", "read"]
