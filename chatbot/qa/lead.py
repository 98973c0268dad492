"""The answer's first line: the answer itself, in the user's language, then the quotes.

A fact leads with the case's name and the clause of the best quote that answers —
「相模原市：使用する情報は公開済の情報等に限定 [1]」 / "Sagamihara City (相模原市): 「使用する情報は
公開済の情報等に限定」 [1]" — the span kept verbatim Japanese (no machine translation). A list
leads with its count and scope in plain words, then the names.
"""
from __future__ import annotations

import re
from calendar import month_name
from dataclasses import replace

from chatbot.qa.evidence.sentences import Quote, share, typed_share, words
from chatbot.qa.read.where import Scope
from core.cases import LEVEL_MUNICIPALITY, Case
from core.knowledge import Knowledge

# Openings that only join a sentence to the one before it.
_CONNECTIVE = re.compile(r"^(また|さらに|これにより|これは|その結果|ただし|なお|一方|このほか|そのため)、?")
_SHORT = 8          # a clause shorter than this takes the clause before it along
# A clause that only names the topic, or says what it was before a contrast (「…30分近くかかって
# いましたが、」), takes the next along: that is where the answer is.
_TOPIC = re.compile(r"(は|では|には|(ました|ていた|でした|だった)が)、$")


def short_name(case: Case) -> str:
    """相模原市 for 神奈川県相模原市; the heading itself for a prefecture or ministry."""
    if case.level == LEVEL_MUNICIPALITY and case.prefecture and case.id.startswith(case.prefecture):
        return case.id[len(case.prefecture):]
    return case.title


def answer_clause(text: str, q, k: Knowledge, content: list[tuple[str, ...]], idf: dict,
                  name: str, related: tuple[str, ...] = ()) -> str:
    """The clause of a sentence that answers: the one holding the asked kind of answer and the
    most question words, without the sentence's subject and polite ending. When no clause holds
    the asked kind, one holding a ``related`` kind answers (「5月中に…始め」 for a period asked)."""
    body = text.rstrip("。！？!? ")
    clauses = [c for c in re.split(r"(?<=、)", body) if c.strip("、 ")]
    if not clauses:
        return body
    typed = [typed_share(c, q.asks, k, q.units) for c in clauses]
    if related and not any(typed):
        typed = [typed_share(c, related, k) for c in clauses]
    # ties go to the later clause: a Japanese sentence says what happened at its end
    scored = [(typed[i] * 2 + share(content, words(c), idf), i) for i, c in enumerate(clauses)]
    _, i = max(scored)
    span = clauses[i]
    if _TOPIC.search(span) and i + 1 < len(clauses):
        span += clauses[i + 1]       # 「浮いた時間は、」: what the answer is about, then the answer
    elif len(span.strip("、")) < _SHORT and i > 0:
        span = clauses[i - 1] + span
    span = _CONNECTIVE.sub("", span.strip("、 "))
    span = re.sub(rf"^{re.escape(name)}(は|が|では|も|の)、?", "", span)
    for _ in range(2):
        span = k.questions.lead_endings.sub("", span).rstrip("、 ")
    span = re.sub(r"(は|が|も|では)$", "", span)     # 「花角知事は」 → 「花角知事」
    return span or body


def fact_lead(q, k: Knowledge, case: Case, quote: Quote, marker: int, english: str,
              content: list[tuple[str, ...]], idf: dict, related: tuple[str, ...] = ()) -> str:
    name = short_name(case)
    span = answer_clause(quote.text, q, k, content, idf, name, related)
    if q.lang == "ja":
        return f"{name}：{span} [{marker}]"
    return f"{english or name} ({name}): 「{span}」 [{marker}]"


def list_lead(q, scope: Scope, what: str, names: list[str], total: int = 0) -> str:
    """「記事で中国地方の都道府県のうち『外部向け利用の禁止』に当たるのは 4 件です：…」; with the
    ``total`` of cases in scope when a share was asked: 「…11 件です（62件中、約18%）：…」."""
    n = len(names)
    where = scope.describe(q.lang)
    # the figure conditions the cases meet are part of what they are listed for (「8月以降に開始」)
    what = (" × " if q.lang == "ja" else "; ").join([*([what] if what else []),
                                                     *(_condition(c, q.lang) for c in q.conditions)])
    if q.lang == "ja":
        scope_words = f"{where}のうち" if where and what else (f"{where}の事例は" if where else "")
        if what:
            head = f"記事で{scope_words}「{what}」に当たるのは {n} 件です"
        else:
            head = f"記事で{scope_words or '該当する事例は'} {n} 件です"
        return f"{head}{f'（{total}件中、約{round(100 * n / total)}%）' if total else ''}：{'、'.join(names)}"
    cases = f"{n} case{'s' if n != 1 else ''}"
    where = f" ({where})" if where else ""
    verb = "match" if n != 1 else "matches"
    head = f"{cases} in the article{where} {verb} '{what}'" if what else f"{cases} in the article{where}"
    share = f" ({n} of {total}, about {round(100 * n / total)}%)" if total else ""
    return f"{head}{share}: {', '.join(names)}"


def understood_as(how: str, q, scope: Scope | None, names: list[str], lang: str, topic: str = "",
                  lacking=()) -> str:
    """「『外部向け利用の禁止』× 中国地方 として回答しました（直前の事例から絞り込み）」,
    「『…』 × 関東地方以外 …」 / "Read as: No external-facing use; Chugoku (narrowing the cases
    just listed)"; "" for a new question.

    Args:
        topic: what the list was of when no facet names it (its label or question).
        lacking: the facets the cases kept do not have (「『ガイドライン…』なし」, "without: …").
    """
    if how == "new":
        return ""
    parts = [(f"『{f.ja}』" if lang == "ja" else f.en) for f in q.facets]
    if not parts and topic and how in ("narrow", "widen", "restore"):
        parts.append(f"『{topic}』" if lang == "ja" else f"'{topic}'")
    if how in ("narrow", "widen", "restore"):
        parts += [_condition(c, lang) for c in q.conditions]
    parts += [(f"『{f.ja}』なし" if lang == "ja" else f"without: {f.en}") for f in lacking]
    if scope is not None and how in ("narrow", "widen"):
        where = replace(scope, case_keys=frozenset()).describe(lang)
        if where:
            parts.append(where)
        elif how == "widen":
            parts.append("記事全体" if lang == "ja" else "the whole article")
    if scope is not None and how in ("place", "topic") and not names:      # 「市は？」 after a list of 県
        where = replace(scope, case_keys=frozenset()).describe(lang)
        if where:
            parts.append(where)
    parts += names
    if lang == "ja":
        why = {"narrow": "直前に挙げた事例から絞り込み", "widen": "前の質問の範囲を広げて",
               "place": "前の質問を別の場所について", "detail": "直前の回答の事例について",
               "compare": "直前の回答の事例を比較", "topic": "前の質問の範囲で別の話題",
               "restore": "絞り込む前の一覧"}[how]
        return f"{' × '.join(parts) or '前の質問の続き'} として回答しました（{why}）"
    why = {"narrow": "narrowing the cases just listed", "widen": "the previous question, more widely",
           "place": "the previous question, for this place", "detail": "about the case just shown",
           "compare": "the cases just shown, side by side", "topic": "a new topic, in the previous question's scope",
           "restore": "the list before the narrowing"}[how]
    return f"Read as: {'; '.join(parts) or 'a follow-up'} ({why})"


def _condition(c, lang: str) -> str:
    """A figure condition as `understood_as` names it: 「2023年に開始」, "started in 2023"."""
    values = "・".join(str(v) for v in c.values) if lang == "ja" else " or ".join(str(v) for v in c.values)
    if c.field == "staff":
        more = c.op == ">="
        return (f"{values}人{'以上' if more else '未満'}" if lang == "ja"
                else f"{'at least' if more else 'fewer than'} {values} staff")
    if c.field == "length_months" and c.op != "in":
        ja, en = {">=": ("{}カ月以上", "at least {} months long"), ">": ("{}カ月超", "longer than {} months"),
                  "<": ("{}カ月未満", "shorter than {} months"), "<=": ("{}カ月以内", "at most {} months long")}[c.op]
        return (ja if lang == "ja" else en).format(values)
    if c.field in ("start_month", "end_month") and lang != "ja":
        months = " or ".join(month_name[v] for v in c.values if 1 <= v <= 12)
        if c.op != "in":
            return f"started in {months} or later" if c.op == ">=" else f"started before {months}"
        return f"{'started' if c.field == 'start_month' else 'ending'} in {months}"
    if c.field == "start_month" and c.op != "in":
        return f"{values}月以降に開始" if c.op == ">=" else f"{values}月より前に開始"
    ja, en = {"end_month": ("{}月に終了", "ending in month {}"), "start_month": ("{}月に開始", "starting in month {}"),
              "start_year": ("{}年に開始", "started in {}")}.get(c.field, ("{}カ月間", "{} months long"))
    return (ja if lang == "ja" else en).format(values)


__all__ = ["answer_clause", "fact_lead", "list_lead", "short_name", "understood_as"]
