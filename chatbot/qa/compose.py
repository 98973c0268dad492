"""Stage 5: **compose** — the answer's words: a lead line that answers, then verbatim quotes,
each with a [n] citation marker (`Answer`, `Citation`). The wording of lead lines is in
`chatbot.qa.lead`; `chatbot.qa.wording` composes each shape into its text."""
from __future__ import annotations

from dataclasses import dataclass, field

from core.text import language


@dataclass
class Citation:
    """One cited case and the sentence quoted from it. (Not frozen: a list of thousands of cases
    builds one per case, and a frozen dataclass's __init__ costs seven times as much.)"""

    marker: int
    case: str          # heading as in the article
    case_id: str
    region: str
    level: str
    prefecture: str
    passage: str       # the quoted sentence, verbatim
    score: float
    source: str        # the case's 参考: line
    sentence: int      # index of the sentence within the case
    why: str = ""      # what it proves, in a list: facet:<key> | words | figure | scope ("" in a fact)
    instruction: bool = False   # the sentence speaks to a reader or a model (core.instructions)
    reason: str = ""   # ``why`` in the answer's words: 「『個人情報の入力禁止』に当たる記述」

    def warning(self, lang: str = "ja") -> str:
        """What a quote of an instruction is shown with ("" for the article's reporting)."""
        return WARNINGS[lang if lang in WARNINGS else "ja"] if self.instruction else ""

    def to_json(self) -> dict:
        out = {"case": self.case, "region": self.region, "passage": self.passage,
               "score": round(self.score, 4), "level": self.level, "prefecture": self.prefecture,
               "source": self.source, "case_id": self.case_id, "sentence": self.sentence}
        if self.why:
            out["why"] = self.why
        if self.reason:
            out["reason"] = self.reason
        if self.instruction:
            out.update(instruction=True, warning=self.warning("ja"), warning_en=self.warning("en"))
        return out


# Shown under a quote of a sentence addressed to a reader or a model (issue 18).
WARNINGS = {"ja": "⚠ この文は読み手への指示のようです（記事の事実ではない可能性があります）",
            "en": "⚠ This sentence looks like an instruction to the reader (it may not be a fact of the article)"}


@dataclass(frozen=True)
class Answer:
    """What the user sees: the text, its citations in order of relevance, and related cases."""

    question: str
    text: str
    citations: tuple[Citation, ...] = ()
    related: tuple[dict, ...] = ()
    lang: str = "ja"
    kind: str = "fact"        # fact | list | count | aggregate | rank | compare | timeline | none
    as_of: str = ""           # article version, e.g. 12月最新版
    notes: tuple[str, ...] = field(default=())
    mode: str = "extractive"  # llm (an LLM's words, verified) | extractive (quotes only)
    fallback_reason: str = ""  # why an LLM answer is not shown (one line), when it is not
    understood_as: str = ""   # how a follow-up was read ("" for a question read on its own)
    table: dict | None = None  # a table answer: {"columns": [...], "rows": [[...]], "cases": [[n…]]}

    def to_json(self) -> dict:
        out = {"question": self.question, "answer": self.text,
               "citations": [c.to_json() for c in self.citations],
               "related": list(self.related), "kind": self.kind, "lang": self.lang,
               "as_of": self.as_of, "mode": self.mode, "understood_as": self.understood_as}
        if self.fallback_reason:
            out["fallback_reason"] = self.fallback_reason
        if self.table is not None:
            out["table"] = self.table
        return out

    def __repr__(self) -> str:
        return f"Answer({self.kind}, {[c.case for c in self.citations]})"


def _label(c: Citation, lang: str) -> str:
    where = c.region or c.level
    return f"{c.case}（{where}）" if lang == "ja" else f"{c.case} ({where})"


def render(question: str, kind: str, citations: list[Citation], lang: str, *,
           heading: str = "", as_of: str = "") -> str:
    """The answer text: a lead line, then one row per citation with its verbatim quote."""
    if not heading:
        if kind == "count":
            heading = (f"記事で該当する事例は {len(citations)} 件です。" if lang == "ja"
                       else f"The article has {len(citations)} matching cases.")
        elif kind == "list":
            heading = ("記事で該当する事例は次のとおりです。" if lang == "ja"
                       else "These cases in the article match:")
        else:
            heading = ("記事には次の記述があります。" if lang == "ja"
                       else "The article says (quoted in Japanese):")
    rows = [heading]
    for c in citations:
        rows.append(f"[{c.marker}] {_label(c, lang)}：「{c.passage}」" if lang == "ja"
                    else f"[{c.marker}] {_label(c, lang)}: 「{c.passage}」")
        if c.instruction:
            rows.append(f"    {c.warning(lang)}")
    if as_of:
        rows.append(f"（出典：記事【{as_of}】）" if lang == "ja" else f"(Source: the article as of 【{as_of}】)")
    return "\n".join(rows)


def no_answer(question: str, lang: str, *, about: str = "", related: tuple[dict, ...] = (),
              as_of: str = "", partial: bool = False) -> Answer:
    """The plain "the article has no such case" answer: no citations, maybe related cases.

    Args:
        about: what is missing, worded to finish the sentence: "札幌市の" / "about 札幌市"
            (Japanese and English differ, so the caller words it for ``lang``).
        partial: the related cases hold only some of the question's words (to check, not an
            answer), and the text says so.
    """
    if lang == "ja":
        text = f"記事には{about}事例はありません。" if about else "記事には、この質問に当てはまる事例はありません。"
    else:
        text = f"The article has no case {about}." if about else \
            "The article has no case that answers this question."
    if related and partial:
        names = "、".join(r["case"] for r in related)
        text += f"\n参考までに、質問の言葉を一部含む事例: {names}（当てはまるかは各事例の本文でご確認ください）" \
            if lang == "ja" else f"\nCases that share some of the question's words (read them to check): {names}"
    elif related:
        text += ("\n参考までに、関連する事例: " if lang == "ja" else "\nRelated cases you may want to read: ") + \
            "、".join(r["case"] for r in related)
    return Answer(question, text, (), related, lang, "none", as_of)


def unclear_answer(question: str, lang: str, cases: int, as_of: str = "", why: str = "unclear") -> Answer:
    """A message no case could be found by (「ChatGPTとは？」), thanks or a greeting: a short reply —
    what the article holds and what to ask it — with no citations.

    Args:
        why: unclear | thanks | ack | greeting | no_subject (a detail asked right after an
            answer with no case: 「いつから？」 has nothing to be asked of).
    """
    if lang == "ja":
        holds = f"この記事は、ChatGPTを導入した自治体・省庁の事例{cases}件を紹介しています。"
        ask = ("自治体名（例：厚木市）、地域（例：九州）、使い道（例：議事録の要約）、ルール（例：個人情報の入力禁止）"
               "などを入れてお尋ねください。すべての事例は「事例の一覧」で表示できます。")
        text = {"thanks": "どういたしまして。ほかにも記事の事例について、お気軽にお尋ねください。",
                "ack": "ほかにも記事の事例について、お気軽にお尋ねください。",
                "greeting": "こんにちは。" + holds + ask,
                "no_subject": "直前のご質問には記事に当てはまる事例がなかったため、どの事例についてのお尋ねか分かりません。"
                              "事例の自治体名を添えてお尋ねください（例：「厚木市はいつから？」）。",
                "unclear": holds + "ご質問からは、どの事例について何をお尋ねか読み取れませんでした。" + ask}[why]
    else:
        holds = f"The article describes {cases} cases of Japanese local governments and ministries adopting ChatGPT."
        ask = ("Name a place (e.g. Atsugi), a region (e.g. Kyushu), a use (e.g. summarising minutes) or a rule "
               "(e.g. no personal data); \"List all cases\" shows every case.")
        text = {"thanks": "You're welcome. Ask anything else about the article's cases.",
                "ack": "Ask anything else about the article's cases.",
                "greeting": f"Hello. {holds} {ask}",
                "no_subject": "The article had no case for the previous question, so there is no case to ask this "
                              "of. Please name the case (e.g. \"When did Atsugi start?\").",
                "unclear": f"{holds} The question does not say which case or what about them it asks. {ask}"}[why]
    return Answer(question, text, (), (), lang, "none", as_of)


__all__ = ["WARNINGS", "Answer", "Citation", "language", "no_answer", "render", "unclear_answer"]
