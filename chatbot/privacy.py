"""Personal data in a question: the article's own rules (個人情報の入力禁止) apply to this tool.

The chat shows these warnings and asks for a second click before sending; the same check runs
for every caller of the chat API.
"""
from __future__ import annotations

import re
import unicodedata

_DASHES = re.compile(r"[\u2010-\u2015\u2212\uff0d]")   # hyphens NFKC leaves alone (‐ – — −)
_MY_NUMBER = re.compile(r"(?<![\d-])\d{4}[-\s]?\d{4}[-\s]?\d{4}(?![\d-])")
_PHONE = re.compile(r"(?<![\d-])(?:0\d{1,4}-\d{1,4}-\d{3,4}|0\d{1,4}\(\d{1,4}\)\d{3,4}"
                    r"|0[5789]0-?\d{4}-?\d{4}|0\d{9,10}|\+81[-\s]?\d{1,4}[-\s]?\d{1,4}[-\s]?\d{3,4})"
                    r"(?![\d-])")
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_ADDRESS = re.compile(r"〒\s*\d{3}-?\d{4}|郵便番号\s*[:]?\s*\d{3}-?\d{4}"
                      r"|[\d一二三四五六七八九十]+\s*丁目|\d*\s*番地|\d+\s*番\s*\d+\s*号")
_DATE = (r"(?:(?:19|20)\d{2}|(?:明治|大正|昭和|平成|令和)\s*(?:\d{1,2}|元))\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日"
         r"|(?:19|20)\d{2}[/.-]\d{1,2}[/.-]\d{1,2}")
_BIRTH = re.compile(rf"生年月日\s*[:は]?\s*(?:{_DATE})|(?:{_DATE})\s*(?:生まれ|生(?=$|[\s、。,)]))"
                    rf"|誕生日\s*[:は]?\s*(?:{_DATE})")
_NAME = re.compile(r"氏名|名前|[一-龥]{1,4}\s?[一-龥ぁ-んァ-ヶ]{1,4}\s*(?:さん|様|氏|君|殿)")

PERSONAL_DATA_MESSAGES = {
    "my_number": "マイナンバー（個人番号）のような12桁の番号が含まれています。",
    "phone": "電話番号のような番号が含まれています。",
    "email": "メールアドレスが含まれています。",
    "address": "住所（郵便番号・丁目・番地など）のような記述が含まれています。",
    "name_birth": "氏名と生年月日のような、個人を特定できる記述が含まれています。",
    "birth": "生年月日のような記述が含まれています。",
}


def personal_data_warnings(text: str) -> list[str]:
    """Japanese warnings for what looks like personal data in a question (empty: nothing found).

    The article's own rules (個人情報の入力禁止) apply to this tool too: the UI shows these and
    asks for a second click before sending.
    """
    s = _DASHES.sub("-", unicodedata.normalize("NFKC", text or ""))
    found = []
    if _MY_NUMBER.search(s):
        found.append("my_number")
    if _PHONE.search(_MY_NUMBER.sub(" ", s)):
        found.append("phone")
    if _EMAIL.search(s):
        found.append("email")
    if _ADDRESS.search(s):
        found.append("address")
    if _BIRTH.search(s):
        found.append("name_birth" if _NAME.search(s) else "birth")
    return [PERSONAL_DATA_MESSAGES[k] for k in found]


def warning_markdown(warnings: list[str]) -> str:
    """The warning shown above the send buttons (plain text in Markdown; no user text in it)."""
    rows = ["**⚠ 個人情報が含まれている可能性があります。**"] + [f"- {w}" for w in warnings]
    rows.append("個人情報や機密情報は入力しないでください。質問を修正して「送信」を押すか、"
                "問題がなければ「このまま送信」を押してください。")
    return "\n".join(rows)
