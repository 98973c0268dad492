"""Personal data in a question: the article's own rules (個人情報の入力禁止) apply to this tool.

    find_personal_data("090-1234-5678 の件")   # [Finding("phone", 0, 13)]: kind and span
    personal_data_kinds(text)                  # ["phone", ...]: what was found, in a fixed order
    redact(text)                               # "［電話番号］ の件": what the audit log stores

The chat shows the warnings and asks for a second click before sending; `/chat` API callers
get the kinds in the answer's JSON instead. Either way a flagged question is stored redacted.
Code that would send a question out of the machine (an external LLM) can check
`find_personal_data` first.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_DASHES = re.compile(r"[\u2010-\u2015\u2212\uff0d]")   # hyphens NFKC leaves alone (‐ – — −)
_MY_NUMBER = re.compile(r"(?<![\d-])\d{4}[-\s]?\d{4}[-\s]?\d{4}(?![\d-])")
# Japanese phone numbers however they are grouped: 090-1234-5678, 090 1234 5678, 03(1234)5678,
# (090)1234-5678, (03) 1234-5678, 09012345678, +81 90 1234 5678.
_PHONE = re.compile(r"(?<![\d-])(?:0\d{1,4}[-\s]\d{1,4}[-\s]\d{3,4}|0\d{1,4}\(\d{1,4}\)\d{3,4}"
                    r"|\(0\d{1,4}\)\s?\d{1,4}[-\s]?\d{3,4}"
                    r"|0[5789]0-?\d{4}-?\d{4}|0\d{9,10}|\+81[-\s]?\d{1,4}[-\s]?\d{1,4}[-\s]?\d{3,4})"
                    r"(?![\d-])")
_EMAIL = re.compile(r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
# A postcode with the address written after it (「〒100-0001 東京都千代田区千代田1-1」), a place
# name ending in a block number (「千代田区千代田1-1」, 「横浜市中区本町6-50-10」), 丁目 / 番地 / 番…号.
_KANJI_KANA = "一-龥ぁ-んァ-ヶー々"
_ADDRESS = re.compile(r"(?:〒\s*|郵便番号\s*(?:[:：]\s*)?)\d{3}-?\d{4}(?:\s?[^\s、。,，]{1,40})?"
                      rf"|[{_KANJI_KANA}]{{1,12}}?(?:都|道|府|県|市|区|町|村|郡)[一-龥ァ-ヶー々]{{0,10}}"
                      r"\d{1,4}(?:-\d{1,4}){1,3}(?![\d月日年時分%])"
                      r"|(?<![\d一二三四五六七八九十])[\d一二三四五六七八九十]+\s*丁目|(?<![\d\s])\d*\s*番地"
                      r"|(?<!\d)\d+\s*番\s*\d+\s*号")
_DATE = (r"(?:(?:19|20)\d{2}|(?:明治|大正|昭和|平成|令和)\s*(?:\d{1,2}|元))\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日"
         r"|(?:19|20)\d{2}[/.-]\d{1,2}[/.-]\d{1,2}")
_BIRTH = re.compile(rf"生年月日\s*(?:[:：は]\s*)?(?:{_DATE})|(?:{_DATE})\s*(?:生まれ|生(?=$|[\s、。,)]))"
                    rf"|誕生日\s*(?:[:：は]\s*)?(?:{_DATE})")
_NAME = re.compile(r"氏名|名前|[一-龥]{1,4}\s?[一-龥ぁ-んァ-ヶ]{1,4}\s*(?:さん|様|氏|君|殿)")

PERSONAL_DATA_MESSAGES = {
    "my_number": "マイナンバー（個人番号）のような12桁の番号が含まれています。",
    "phone": "電話番号のような番号が含まれています。",
    "email": "メールアドレスが含まれています。",
    "address": "住所（郵便番号・丁目・番地など）のような記述が含まれています。",
    "name_birth": "氏名と生年月日のような、個人を特定できる記述が含まれています。",
    "birth": "生年月日のような記述が含まれています。",
}


KINDS = tuple(PERSONAL_DATA_MESSAGES)
MASKS = {"my_number": "個人番号", "phone": "電話番号", "email": "メールアドレス", "address": "住所",
         "name_birth": "氏名・生年月日", "birth": "生年月日"}
_NAME_WORDS = ("氏名", "名前")   # the words alone are not a name: not masked


@dataclass(frozen=True)
class Finding:
    """One piece of personal data: its kind (a key of PERSONAL_DATA_MESSAGES) and where it is
    in the text as given (``text[start:end]``)."""

    kind: str
    start: int
    end: int


def _normalized(text: str) -> tuple[str, list[int]]:
    """NFKC (dashes unified) character by character, with the index in text of every output
    character, so a span found in the normalized text maps back to the original."""
    out, where = [], []
    for i, ch in enumerate(text):
        n = _DASHES.sub("-", unicodedata.normalize("NFKC", ch))
        out.append(n)
        where.extend([i] * len(n))
    return "".join(out), where


def find_personal_data(text: str) -> list[Finding]:
    """Everything that looks like personal data in text, in order of position."""
    s, where = _normalized(text or "")
    found: list[Finding] = []

    def add(kind: str, m: re.Match) -> None:
        if m.end() > m.start():
            found.append(Finding(kind, where[m.start()], where[m.end() - 1] + 1))

    for m in _MY_NUMBER.finditer(s):
        add("my_number", m)
    for m in _PHONE.finditer(_MY_NUMBER.sub(lambda m: " " * len(m.group()), s)):
        add("phone", m)
    for m in _EMAIL.finditer(s):
        add("email", m)
    for m in _ADDRESS.finditer(s):
        add("address", m)
    births = list(_BIRTH.finditer(s))
    if births:
        names = [m for m in _NAME.finditer(s) if m.group() not in _NAME_WORDS]
        kind = "name_birth" if _NAME.search(s) else "birth"
        for m in births + names:
            add(kind, m)
    return sorted(found, key=lambda f: (f.start, f.end))


def personal_data_kinds(text: str, findings: list[Finding] | None = None) -> list[str]:
    """The kinds of personal data found, each once, in the order of PERSONAL_DATA_MESSAGES."""
    kinds = {f.kind for f in (find_personal_data(text) if findings is None else findings)}
    return [k for k in KINDS if k in kinds]


def redact(text: str, findings: list[Finding] | None = None) -> str:
    """text with every finding replaced by its kind in brackets (「［電話番号］」)."""
    findings = find_personal_data(text) if findings is None else findings
    out, pos = [], 0
    for f in findings:
        if f.start < pos:                       # overlaps the previous mask: extend it
            pos = max(pos, f.end)
            continue
        out += [text[pos:f.start], f"［{MASKS[f.kind]}］"]
        pos = f.end
    out.append(text[pos:])
    return "".join(out)


def personal_data_warnings(text: str) -> list[str]:
    """Japanese warnings for what looks like personal data in a question (empty: nothing found).

    The article's own rules (個人情報の入力禁止) apply to this tool too: the UI shows these and
    asks for a second click before sending.
    """
    return [PERSONAL_DATA_MESSAGES[k] for k in personal_data_kinds(text)]


def warning_markdown(warnings: list[str]) -> str:
    """The warning shown above the send buttons (plain text in Markdown; no user text in it)."""
    rows = ["**⚠ 個人情報が含まれている可能性があります。**"] + [f"- {w}" for w in warnings]
    rows.append("個人情報や機密情報は入力しないでください。質問を修正して「送信」を押すか、"
                "問題がなければ「このまま送信」を押してください。")
    return "\n".join(rows)
