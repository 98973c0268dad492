"""The forms of a question its asked kind of answer is read from: as written, and in the plain
wording the answer types' cues (`core/domain/questions.toml`, [answer.*]) are written in.

People ask the same detail in many registers: 「連携している企業は？」 and 「組んでる会社ってどこ？」,
「使用が禁止されている業務は？」 and 「使っちゃダメな業務は？」, "Which date …" and "What are the
dates …", "Which company …" and "Which companies …". The cues are written once, in the plain
form; a question is read in that form as well, so a colloquial or English wording asks the same
kind of answer (a company, a date, what is not done) and the sentence that holds it is quoted.
The forms only add: a cue that matches the question as written still does.
"""
from __future__ import annotations

import re

from core.text import morphemes

# 「駄目」, 「NG」 after 「ちゃ」/「じゃ」/「ては」/「では」 (or on its own before a noun or the end):
# 「…いけない」, the plain form the negative cue reads
_PROHIBITED = re.compile(r"(ちゃ|じゃ|ては|では)?(ダメ|だめ|駄目|NG)(な|だ|です)?")
# "What are the dates …", "Which is the company …": the copula and article between the question
# word and what it asks ("what dates", "which company")
_COPULA = re.compile(r"\b(what|which)\s+(?:is|are|was|were|will be)\s+(?:the|its|their)\s+", re.I)
# "companies", "universities": the singular the cues name (a plural in -s still holds its singular)
_IES = re.compile(r"\b([A-Za-z]{3,})ies\b")


def forms(text: str, lang: str) -> tuple[str, ...]:
    """The question (NFKC, as `understand` reads it) and its plain forms, first the question."""
    if lang == "en":
        plain = _IES.sub(r"\1y", _COPULA.sub(r"\1 ", text))
    else:
        plain = _PROHIBITED.sub(_prohibited, _topic_marker(text))
    return (text,) if plain == text else (text, plain)


def _prohibited(m: re.Match) -> str:
    joined = {"ちゃ": "ては", "じゃ": "では"}.get(m.group(1) or "", m.group(1) or "")
    return f"{joined}いけない" if joined else "禁止の"


def _topic_marker(text: str) -> str:
    """「会社ってどこ？」 → 「会社はどこ？」: the particle 「って」 after a noun is the topic marker
    (not the 「って」 of a verb: 「使って」, 「組んでる」)."""
    if "って" not in text:
        return text
    out, last = [], 0
    previous = None
    for m in morphemes(text, "C"):
        if m.surface() == "って" and m.part_of_speech()[1] == "副助詞" and previous is not None \
                and previous.part_of_speech()[0] in ("名詞", "代名詞", "接尾辞"):
            out.append(text[last:m.begin()] + "は")
            last = m.end()
        previous = m
    out.append(text[last:])
    return "".join(out)


__all__ = ["forms"]
