"""Figures a ranking or a timeline orders cases by, read from a case's own sentences and made
comparable (`core.durations`): the number of staff, when it started, how long its trial ran
(days, whether written as a length or by its two ends, in one sentence or two), and how much
working time it saved (minutes; a per-task saving before a total)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from core.cases import Case
from core.durations import length_days, minutes, months, span_days
from core.figures import extract_staff_counts
from core.knowledge import Knowledge
from core.text import nfkc


@dataclass(frozen=True)
class Stated:
    """A figure a case states, with the sentence that states it (and any other it needs)."""

    value: float          # comparable: staff, months, minutes; year * 12 + month for a start
    text: str             # the figure as written (「約5万人」, 「2023年8月」)
    n: int                # the sentence that states it
    sentence: str
    more: tuple[int, ...] = ()      # other sentences it is read from (a period's start)
    headline: str = ""              # a start only the reference's headline dates: its words

    def __repr__(self) -> str:
        return f"Stated({self.text!r}, #{self.n})"

    @property
    def sentences(self) -> tuple[int, ...]:
        return tuple(dict.fromkeys((*self.more, self.n)))


# --- staff -------------------------------------------------------------------------------------

def staff_stated(case: Case) -> Stated | None:
    """The largest number of staff a case states (who may use it, or take part)."""
    found = [(count, s) for count, s in extract_staff_counts(case.sentences)]
    if not found:
        return None
    count, sentence = max(found, key=lambda x: x[0])
    m = next((m.group(0) for m in _STAFF_SPAN.finditer(nfkc(sentence))), f"{count}人")
    span = _STAFF_RANGE.fullmatch(m)
    # a range ranks by its middle: 「20~30人」 comes before 「約30人」, after 「28人」
    value = (int(span.group(1)) + int(span.group(2))) / 2 if span and int(span.group(2)) == count else float(count)
    return Stated(value, m, case.sentences.index(sentence), sentence)


# 「約30人」, 「20~30人」 as written; a number starts where a number starts (linear on long runs)
_STAFF_SPAN = re.compile(r"[約計およそ]{0,3}(?<![\d,.])(?:[\d,.]{1,9}[~〜～])?[\d,.]+\s{0,2}[万千百]?人")
_STAFF_RANGE = re.compile(r"(\d{1,6})[~〜～](\d{1,6})人")


# --- a count of a unit the knowledge names (departments, FAQ items, languages) ---------------------

_NUMBER = re.compile(r"\d[\d,]*")


def unit_stated(case: Case, find: re.Pattern) -> Stated | None:
    """The largest count of a unit a case states (「18の部署」, 「400件のFAQ」); a mention without
    a number (「多言語」) is not a count."""
    found = []
    for n, sentence in enumerate(case.sentences):
        for m in find.finditer(nfkc(sentence)):
            if num := _NUMBER.search(m.group(0)):
                found.append((int(num.group(0).replace(",", "")), m.group(0).strip(), n, sentence))
    if not found:
        return None
    value, text, n, sentence = max(found, key=lambda x: x[0])
    return Stated(float(value), text, n, sentence)


# --- start -------------------------------------------------------------------------------------

# A start by a target month (「23年9月をメドに運用を開始」), a start within a month (「5月中に
# 事務文書作成の支援から始め」), and any month a case says it decided, announced, held or put
# in force something about its use (when no start is stated).
_AIMED = re.compile(r"(?:(20\d{2}|\d{2})年)?(\d{1,2})月(?:\d{1,2}日)?(?:中|末|上旬|中旬|下旬)?を(?:メド|めど|目途)に[^。]{0,12}?"
                    r"(?:開始|運用|導入|始め)")
_WITHIN = re.compile(r"(?:(20\d{2}|\d{2})年)?(\d{1,2})月(?:\d{1,2}日)?(?:中|上旬|中旬|下旬)?に[^。、]{0,30}?"
                     r"(?:始め|開始し|開始す|導入し|導入す)")
_EVENT = re.compile(r"導入|試験|試行|実証|運用|活用|利用|開始|発表|決定|決め|開催|表明|公表|施行")
_MONTH = re.compile(r"(?:(20\d{2}|\d{2})年)?(\d{1,2})月")
# What a month is not the start of: an end (「7月末まで」), a point of reference (「6月末日時点」).
_NOT_START = re.compile(r"(?:\d{1,2}日|末日?|上旬|中旬|下旬|中)?(?:まで|時点)")
# A start of studying or discussing it, not of using it (「5月から若手職員を中心に勉強会を開く」).
_STUDY = re.compile(r"[^。、]{0,14}?(?:勉強会|研修会|研究会|検討会)")
_YEAR = re.compile(r"(20\d{2}|\d{2})年\s{0,2}$")
# A start in a reference's headline: 「6/1開始」, 「7月から導入」; its date 「(2023/5/30)」.
_SOURCE_START = re.compile(r"(?<![\d/])(\d{1,2})/\d{1,2}(?:から|より)?(?:開始|スタート|導入|運用)"
                           r"|(\d{1,2})月(?:\d{1,2}日)?(?:から|より)(?:開始|スタート|導入|運用)?")
_SOURCE_YEAR = re.compile(r"(20\d{2})[/年]\d{1,2}")
_WRITTEN_YEAR = re.compile(r"(20\d{2})年")


def _dated(month: int, written: str | None, year: int, n: int, sentence: str) -> Stated:
    """A month of ``year``, or of the year the sentence writes beside it (「23年」 is 2023)."""
    when = int(written) if written else year
    when = when + 2000 if when < 100 else when
    return Stated(when * 12 + month, f"{when}年{month}月", n, sentence)


def starts_stated(case: Case, k: Knowledge, year: int) -> list[Stated]:
    """Every start a case states of its use or trial (「7月から」, 「8月23日から」, 「5月中に…始め」,
    「9月をメドに運用を開始」), in ``year`` unless the sentence names another; when it states
    none, the start its reference's headline dates (「実証実験を6/1開始!」). Not the start of a
    study group (「5月から勉強会」) nor the month something was only announced."""
    rx = k.questions.conditions["case_start"]
    found = []

    def consider(n, sentence, month, y):
        if 1 <= month <= 12:
            found.append(_dated(month, y, year, n, sentence))

    for n, sentence in enumerate(case.sentences):
        s = nfkc(sentence)
        for m in rx.finditer(s):
            if _STUDY.match(s, m.end()):
                continue
            y = _YEAR.search(s[:m.start()])
            consider(n, sentence, int(next(g for g in m.groups() if g)), y and y.group(1))
        for m in (*_AIMED.finditer(s), *_WITHIN.finditer(s)):
            consider(n, sentence, int(m.group(2)), m.group(1))
    if not found and case.source:     # only its reference's headline dates it: 「実証実験を6/1開始!」
        m = _SOURCE_START.search(nfkc(case.source))
        if m and case.sentences:
            y = _SOURCE_YEAR.search(nfkc(case.source))
            n = next((n for n, x in enumerate(case.sentences) if _EVENT.search(nfkc(x))), 0)
            consider(n, case.sentences[n], int(m.group(1) or m.group(2)), y and y.group(1))
            found = [Stated(x.value, f"{x.text}（参考記事の見出し「{m.group(0)}」）", x.n, x.sentence,
                            headline=m.group(0)) for x in found]
    return found


def start_stated(case: Case, k: Knowledge, year: int) -> Stated | None:
    """The earliest month a case states its use or trial began (`starts_stated`); when it states
    none, the month it decided, announced or held something about its use."""
    found = starts_stated(case, k, year)
    if found:
        return min(found, key=lambda x: x.value)
    best = None
    for n, sentence in enumerate(case.sentences):
        s = nfkc(sentence)
        if _EVENT.search(s):
            for m in _MONTH.finditer(s):
                if not _NOT_START.match(s, m.end()) and 1 <= (month := int(m.group(2))) <= 12:
                    dated = _dated(month, m.group(1), year, n, sentence)
                    if best is None or dated.value < best.value:
                        best = dated
    return best


def end_stated(case: Case, k: Knowledge, year: int) -> Stated | None:
    """The earliest month a case states a period of it ends (「6月末まで」, 「9月30日まで」, the second
    end of 「5月15日から7月21日の期間」), in ``year`` unless the sentence names another before it."""
    rx = k.questions.conditions["case_end"]
    best = None
    for n, sentence in enumerate(case.sentences):
        s = nfkc(sentence)
        for m in rx.finditer(s):
            month = int(next(g for g in m.groups() if g))
            if not 1 <= month <= 12:
                continue
            y = _YEAR.search(s[:m.start()])
            dated = _dated(month, y and y.group(1), year, n, sentence)
            if best is None or dated.value < best.value:
                best = dated
    return best


def article_year(texts) -> int:
    """The year an article's dates without one are in: the year it writes most often."""
    years = [int(y) for t in texts for y in _WRITTEN_YEAR.findall(nfkc(t))]
    return max(set(years), key=years.count) if years else 0


# --- period ------------------------------------------------------------------------------------

_LENGTH = re.compile(r"\d{1,2}\s{0,2}(?:カ月|ヶ月|か月|ヵ月|ケ月|週間)")
_RANGE = re.compile(r"(\d{1,2})月(?:(\d{1,2})日|(末))?[^。、]{0,10}?から[^。、]{0,10}?(\d{1,2})月(?:(\d{1,2})日|(末))?"
                    r"[^。、]{0,8}?(?:まで|にかけて|の期間|の間)")
# Time since something (「試験利用から2週間の反応」), more of it (「さらに1カ月続けた」): not a period.
_ELAPSED = re.compile(r"(?:から|後|経過|たった|経った|さらに|更に|延長|追加で?)\s{0,2}$")
# A period of something offered to others (「他自治体向けに1ヶ月間の無償トライアル」).
_OFFERED = re.compile(r"他(?:の)?(?:自治体|市町村|市区町村|団体|企業)[^。、]{0,4}向け")
# A trial's end in a sentence of its own (「8月末まで利活用の検証作業を行います」), not a
# deadline (「9月末までに報告書を作成」).
_END = re.compile(r"(\d{1,2})月(?:(\d{1,2})日|(末))?(?:いっぱい)?\s{0,2}まで(?!に)")
_TRIAL = re.compile(r"試験|試行|試用|実証|検証|テスト|トライアル|実験")
_DAY = re.compile(r"月(?:(\d{1,2})日|(末))")


def _ranges(s: str):
    for m in _RANGE.finditer(s):
        days = span_days(int(m.group(1)), m.group(2) or m.group(3), int(m.group(4)), m.group(5) or m.group(6))
        if days:
            yield days, re.sub(r"(?:まで|にかけて|の期間|の間)$", "", m.group(0))


def period_stated(case: Case, k: Knowledge | None = None) -> Stated | None:
    """The longest period a case states, in months: a length (「3カ月間」, 「2週間」), both ends in
    one sentence (「5月から8月まで」, 「6月9日から7月末まで」), or — when it states neither — a
    trial's start and its end in two (「6月から実証実験を開始」 … 「8月末まで検証作業」)."""
    best = None
    for n, sentence in enumerate(case.sentences):
        s = nfkc(sentence)
        if _OFFERED.search(s):
            continue
        spans = [(length_days(m.group(0)), m.group(0)) for m in _LENGTH.finditer(s)
                 if not _ELAPSED.search(s[max(0, m.start() - 6):m.start()])]
        spans += list(_ranges(s))
        for days, text in spans:
            if days and (best is None or days > best.value):
                best = Stated(days, text, n, sentence)
    if best is None and k is not None:
        best = _across(case, k)
    return best and Stated(months(best.value), best.text, best.n, best.sentence, best.more)


def _across(case: Case, k: Knowledge) -> Stated | None:
    """A trial's start in one sentence and its end in a later one, in days."""
    rx = k.questions.conditions["case_start"]
    starts = []
    for n, sentence in enumerate(case.sentences):
        s = nfkc(sentence)
        if _TRIAL.search(s):
            starts += [(n, int(next(g for g in m.groups() if g)), _DAY.search(m.group(0)), m.group(0))
                       for m in rx.finditer(s)]
    for n0, month, day, text in starts:
        for n, sentence in enumerate(case.sentences[n0 + 1:], start=n0 + 1):
            s = nfkc(sentence)
            end = _END.search(s) if _TRIAL.search(s) else None
            if end and int(end.group(1)) >= month:
                first = day and (day.group(2) or int(day.group(1)))
                days = span_days(month, first, int(end.group(1)), end.group(2) or end.group(3))
                if days:
                    return Stated(days, f"{text}…{end.group(0)}", n, sentence, (n0,))
    return None


# --- time saved --------------------------------------------------------------------------------

_SAVING = re.compile(r"短縮|削減|効率化|浮い|浮く|減[らっ少りる]|軽減|かからず|で完了|節約|できるようになった|縮[まめん]|短く")
_TIME = re.compile(r"(?<!\d)\d+(?:\.\d+)?\s{0,2}(?:分(?!\s{0,2}の\s{0,2}\d)|時間)|半日")
# Before and after: 「半日かかる作業が1時間ほどでできるようになった」 saved the difference.
_BEFORE_AFTER = re.compile(r"(?<!\d)(\d+(?:\.\d+)?\s{0,2}(?:分|時間|日)|半日)(?:かかる|かかって|かかった|を要する|要する|要して)"
                           r"[^。、]{0,12}?が(\d+(?:\.\d+)?\s{0,2}(?:分|時間)|半日)(?:ほど|程度|くらい|ぐらい)?で")
# From one amount to a smaller one: 「平均約90秒から約40秒に縮まり」, 「50分から20分程度になった」,
# 「2時間半から1時間ほどに」, 「10日前後から3日ほどに」 — the fall is the saving, whatever the verb
# (not a date: 「5月15日から7月21日」).
_AMOUNT = r"(?<![\d.月])\d+(?:\.\d+)?\s{0,2}(?:秒|分(?!\s{0,2}の)|時間|日)半?|半日"
_FROM_TO = re.compile(rf"({_AMOUNT})(?:ほど|程度|近く|前後|あまり)?から(?:約|およそ|平均)?\s{{0,2}}({_AMOUNT})")
# An amount it took, then the fraction of it it takes now: 「30分近くかかっていましたが、今はその3分の1
# ほどで済んでいます」 saved two thirds of it; 「半分」 half.
_FRACTION = re.compile(rf"({_AMOUNT})(?:ほど|程度|近く|前後|あまり)?(?:かか|を要)[^。]{{0,24}}?"
                       r"(?:(?<![\d.])(\d+)\s{0,2}分の\s{0,2}(\d+)|半分)")
# A total over a whole trial (「合計で約51時間」) is not comparable with a saving per task or day.
_TOTAL = re.compile(r"(?:合計|累計|延べ|総計|総|計|全体)で?(?:約|およそ)?\s{0,2}$")
# What a saving is per (「1件当たり平均」, 「1日」), shown with it.
_PER = re.compile(r"1\s{0,2}(?:件|日|回|人|週|か月|カ月|ヶ月)(?:当たり|あたり)?(?:平均|約|およそ)?$|毎[日月週]$|平均$"
                  r"|(?<![\d])(?:月|年|週)(?:間|に|当たり|あたり)(?:平均|約|およそ)?$")


def time_saved_stated(case: Case) -> Stated | None:
    """The largest amount of working time a case states was saved, in minutes — per task or day
    where it says so; a total (「合計で約51時間」) only when it states nothing else."""
    best, total = None, None
    for n, sentence in enumerate(case.sentences):
        s = nfkc(sentence)
        found, covered = [], []
        for m in _FROM_TO.finditer(s):
            before, after = minutes(m.group(1)), minutes(m.group(2))
            if before and after is not None and before > after:
                found.append((before - after, m.group(0), False))
                covered.append(range(m.start(), m.end()))
        for m in _FRACTION.finditer(s):
            before = minutes(m.group(1))
            den, num = (int(m.group(2)), int(m.group(3))) if m.group(2) else (2, 1)
            if before and 0 < num < den and not any(m.start() in c for c in covered):
                found.append((before * (1 - num / den), m.group(0), False))
                covered.append(range(m.start(), m.end()))
        saving = bool(_SAVING.search(s))
        for m in _BEFORE_AFTER.finditer(s) if saving else ():
            before, after = minutes(m.group(1)), minutes(m.group(2))
            if before and after is not None and before > after:
                found.append((before - after, m.group(0).rstrip("で"), False))
                covered.append(range(m.start(), m.end()))
        for m in _TIME.finditer(s) if saving else ():
            if any(m.start() in c for c in covered):
                continue
            window = s[max(0, m.start() - 8):m.start()]
            per = _PER.search(window)
            found.append((minutes(m.group(0)), (per.group(0) if per else "") + m.group(0),
                          bool(_TOTAL.search(window))))
        for amount, text, is_total in found:
            if not amount:
                continue
            stated = Stated(amount, text, n, sentence)
            if is_total:
                total = total if total and total.value >= amount else stated
            elif best is None or amount > best.value:
                best = stated
    return best or total


__all__ = ["Stated", "article_year", "period_stated", "staff_stated", "start_stated", "starts_stated", "time_saved_stated",
           "unit_stated"]
