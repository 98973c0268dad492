"""Figures as evidence: whether a case's own sentences meet a question's figure conditions
("more than 1,000 staff", "trials due to end in July"), and whether they state a figure the
question names ("trials for about 100 staff")."""
from __future__ import annotations

import re
from dataclasses import dataclass

from chatbot.qa.read.conditions import Condition
from core.cases import Case
from core.figures import extract_staff_counts
from core.knowledge import Knowledge
from core.text import nfkc


def case_figures(case: Case, field: str, k: Knowledge) -> list[int]:
    """The figures of one kind a case states: staff counts, the months its periods end, the
    lengths of its periods in months."""
    if field == "staff":
        return [n for n, _ in extract_staff_counts(case.sentences)]
    rx = k.questions.conditions[{"end_month": "case_end", "start_month": "case_start"}.get(field, "case_length")]
    return [int(next(g for g in m.groups() if g)) for m in rx.finditer(nfkc(case.text))]


def meets(case: Case, cond: Condition, k: Knowledge, known: dict | None = None) -> bool:
    """Whether the case's own figures meet the condition (a case that states none does not).

    Args:
        known: figures already read, by (case id, field) — a version's memo: a list over 10,000
            cases reads each case's figures once, not once per question.
    """
    if known is None:
        found = case_figures(case, cond.field, k)
    else:
        found = known.get((case.id, case.content_hash, cond.field))
        if found is None:
            found = known[(case.id, case.content_hash, cond.field)] = case_figures(case, cond.field, k)
    if not found:
        return False
    if cond.op == ">=":
        return max(found) >= cond.values[0]
    if cond.op == "<":
        return max(found) < cond.values[0]
    return bool(set(found) & set(cond.values))


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




# --- figures a ranking or a timeline orders cases by ------------------------------------------

@dataclass(frozen=True)
class Stated:
    """A figure a case states, with the sentence that states it."""

    value: float          # comparable: staff, months, minutes; year * 12 + month for a start
    text: str             # the figure as written (「約5万人」, 「2023年8月」)
    n: int                # the sentence that states it
    sentence: str

    def __repr__(self) -> str:
        return f"Stated({self.text!r}, #{self.n})"


_PERIOD = re.compile(r"(\d{1,2})\s{0,2}(?:カ月|ヶ月|か月|ヵ月|ケ月)|(\d{1,2})\s{0,2}週間")
_RANGE = re.compile(r"(\d{1,2})月(?:(\d{1,2})日)?[^。、]{0,10}?から[^。、]{0,10}?(\d{1,2})月(?:(\d{1,2})日|末)?"
                    r"[^。、]{0,8}?(?:まで|にかけて)")
# A start by a target month (「23年9月をメドに運用を開始」), and any month a case says it decided,
# announced or held something about its use (when no start is stated).
_AIMED = re.compile(r"(?:(20\d{2}|\d{2})年)?(\d{1,2})月(?:\d{1,2}日)?(?:中|末|上旬|中旬|下旬)?を(?:メド|めど|目途)に[^。]{0,12}?"
                    r"(?:開始|運用|導入|始め)")
_EVENT = re.compile(r"導入|試験|試行|実証|運用|活用|利用|開始|発表|決定|決め|開催|表明|公表")
_MONTH = re.compile(r"(?:(20\d{2}|\d{2})年)?(\d{1,2})月")
_SAVING = re.compile(r"短縮|削減|効率化|浮い|浮く|減[らっ少]|軽減|かからず|で完了|節約")
_TIME = re.compile(r"(\d+(?:\.\d+)?)\s{0,2}(分|時間)|半日")
_YEAR = re.compile(r"(20\d{2}|\d{2})年\s{0,2}$")
_WRITTEN_YEAR = re.compile(r"(20\d{2})年")


def staff_stated(case: Case) -> Stated | None:
    """The largest number of staff a case states (who may use it, or take part)."""
    found = [(count, s) for count, s in extract_staff_counts(case.sentences)]
    if not found:
        return None
    count, sentence = max(found, key=lambda x: x[0])
    m = next((m.group(0) for m in re.finditer(r"[約計およそ]{0,3}[\d,.]+\s{0,2}[万千百]?人", nfkc(sentence))), f"{count}人")
    return Stated(float(count), m, case.sentences.index(sentence), sentence)


def start_stated(case: Case, k: Knowledge, year: int) -> Stated | None:
    """The earliest month a case states its use or trial began (「7月から」, 「8月23日から」),
    in ``year`` unless the sentence names another (「2023年6月20日から」)."""
    rx = k.questions.conditions["case_start"]
    best = None

    def consider(n, sentence, month, y):
        nonlocal best
        if not 1 <= month <= 12:
            return
        when = int(y) if y else year
        when = when + 2000 if when < 100 else when
        found = Stated(when * 12 + month, f"{when}年{month}月", n, sentence)
        if best is None or found.value < best.value:
            best = found

    for n, sentence in enumerate(case.sentences):
        s = nfkc(sentence)
        for m in rx.finditer(s):
            y = _YEAR.search(s[:m.start()])
            consider(n, sentence, int(next(g for g in m.groups() if g)), y and y.group(1))
        for m in _AIMED.finditer(s):
            consider(n, sentence, int(m.group(2)), m.group(1))
    if best is None:     # no start stated: the month it decided, announced or held something
        for n, sentence in enumerate(case.sentences):
            s = nfkc(sentence)
            if _EVENT.search(s):
                for m in _MONTH.finditer(s):
                    consider(n, sentence, int(m.group(2)), m.group(1))
    return best


_ELAPSED = re.compile(r"(?:から|後|経過|たった|経った)\s{0,2}$")


def period_stated(case: Case) -> Stated | None:
    """The longest period a case states (「3カ月間」, 「5月から8月まで」), in months; time elapsed
    since something (「試験利用から2週間の反応」) is not a period."""
    best = None
    for n, sentence in enumerate(case.sentences):
        s = nfkc(sentence)
        spans = [(int(m.group(1)), m.group(0)) if m.group(1) else (round(int(m.group(2)) / 4.3, 1), m.group(0))
                 for m in _PERIOD.finditer(s) if not _ELAPSED.search(s[:m.start()])]
        for m in _RANGE.finditer(s):
            a, b = int(m.group(1)), int(m.group(3))
            first, last = int(m.group(2) or 1), int(m.group(4) or 30)
            months = round((b - a) % 12 + (last - first + 1) / 30, 1)    # 6月20日から9月30日: 3.4
            spans.append((months, m.group(0).rstrip("までにかけて")))
        for months, text in spans:
            if months and (best is None or months > best.value):
                best = Stated(float(months), text, n, sentence)
    return best


def time_saved_stated(case: Case) -> Stated | None:
    """The largest amount of working time a case states was saved, in minutes."""
    best = None
    for n, sentence in enumerate(case.sentences):
        s = nfkc(sentence)
        if not _SAVING.search(s):
            continue
        for m in _TIME.finditer(s):
            minutes = 240.0 if m.group(0) == "半日" else float(m.group(1)) * (60 if m.group(2) == "時間" else 1)
            if best is None or minutes > best.value:
                best = Stated(minutes, m.group(0), n, sentence)
    return best


def article_year(texts) -> int:
    """The year an article's dates without one are in: the year it writes most often."""
    years = [int(y) for t in texts for y in _WRITTEN_YEAR.findall(nfkc(t))]
    return max(set(years), key=years.count) if years else 0


__all__ = ["Stated", "article_year", "case_figures", "meets", "named_figures", "period_stated",
           "staff_stated", "start_stated", "states", "states_any", "time_saved_stated"]
