"""Facets of a case: adoption stage, vendors, uses, usage rules and stated facts, read from its
sentences; and the facets a question asks about.

The taxonomy (``core/domain/facets.toml``, loaded and validated by `core.knowledge`) was designed
from 「ChatGPTを導入した自治体の活用事例」 (62 cases of 省庁, 都道府県 and 市区町村 adopting
ChatGPT) but names no case: every facet is found by regular expressions that state an *idea*
("personal data must not be entered", "used to draft greetings"), so next month's article,
phrased differently, still matches. This module is the mechanism; the vocabulary is data.

Groups
------
* ``status``  — how far the organisation itself got: 検討 < 試験導入 < 本格導入. One hit at most.
* ``vendor``  — products, companies and universities involved, plus two generic facets
  (any partner company/university; a dedicated system built for the organisation).
* ``use``     — what ChatGPT is used for (要約, 翻訳, 議事録, …).
* ``rule``    — usage rules (個人情報の入力禁止, 外部向け利用の禁止, 複数人での確認, …).

How a sentence is read (all matching on the NFKC form; evidence is always the verbatim sentence)
-------------------------------------------------------------------------------------------
* A sentence whose subject is *another* organisation (「伊賀市もFIXERと提携し」, 「県内では藤岡市と
  大泉町も試験運用を開始」, 「他の自治体も導入を検討」) is skipped for every facet.
* Polarity. A *use* is rejected when its clause goes on to forbid it (「答弁資料の作成…には使用禁止」,
  「外部向けの資料作成には使用しない」). A *rule* is written with its negation inside the pattern
  (個人情報 … 入力 … 禁止/しない/せず/含まない/扱わない/制限/排除), so a sentence that merely mentions
  個人情報 or 著作権 as a risk is not a rule; a sentence reporting a concern (「…の懸念も確認され
  ました」) is never a rule.
* Stage. A stage cue counts only when it was reached: the rest of its clause must not make it an
  aim (「本格導入を目指す/検討/計画」, 「正式導入を検討する方針」, 「試験運用を目指し」 are not reached;
  「試験導入し、…本格利用に切り替えました」 reaches 本格導入). Weak full-adoption cues (「全職員が利用
  可能」, 「業務に導入しました」) count only when the case states no trial — 「全職員の端末で使用でき」
  during a 試験導入 is still a trial. Announced trials with a start date (「7月末から試験導入すると
  発表」) count as 試験導入; ones the case only aims at (「6月中の試験運用を目指し」) are 検討, and
  that aim is then the preferred evidence of 検討.
* Guidelines and training count only when they exist or are under way, not when planned
  (「ガイドラインの策定も予定」, 「研修も予定」, 「今後…指針を策定し」).

Decisions worth knowing
-----------------------
* ``rule.external_use_banned`` means *generated output must not go outside*: 外部向けの資料作成には
  使用しない / 外部への回答には使わない / 対外的な資料には使用しない / 生成物の利用は内部資料に限定 /
  (当初は職員への支援に限定し)市民への直接のサービスは対象外. It is *not* 「公開情報に限定」, which
  limits the *input* (``rule.public_info_only``), and not 「外部へのメール文の素案」 or 「外部向けの
  あいさつの文章の作成」, which are the use ``use.external_drafting``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Sequence

from core.facet_glossary import ask_banned, glossary_asks
from core.instructions import is_instruction
from core.knowledge import Facet, Glossary, Taxonomy, knowledge
from core.text import nfkc


@dataclass(frozen=True)
class FacetHit:
    key: str
    evidence: str     # one element of the sentences given, verbatim


def taxonomy() -> Taxonomy:
    """The package's taxonomy (a site's additions come with `core.knowledge.knowledge(site)`)."""
    return knowledge().taxonomy


def _clause_after(tax: Taxonomy, s: str, end: int, stops: Iterable[re.Pattern[str]] = ()) -> str:
    """Text from ``end`` to the end of its clause (or the next stage cue)."""
    cut = len(s)
    m = tax.grammar["boundary"].search(s, end)
    if m:
        cut = m.start() + 1    # keep the verb ending (し, て, …) in the clause
    for rx in stops:
        m = rx.search(s, end)
        if m and m.start() < cut:
            cut = m.start()
    return s[end:cut]


def _clause_before(tax: Taxonomy, s: str, start: int) -> str:
    begin = 0
    for m in tax.grammar["boundary"].finditer(s, 0, start):
        begin = m.end()
    return s[begin:start]


def _reached(tax: Taxonomy, s: str, m: re.Match[str], aim: re.Pattern[str], stops=()) -> bool:
    """The cue ``m`` states something done or under way, not an aim or a plan."""
    after = _clause_after(tax, s, m.end(), stops)
    if aim.search(after):
        return False
    if tax.grammar["future_before"].search(_clause_before(tax, s, m.start())) and \
            not tax.grammar["past_after"].search(after):
        return False
    return True


def planned(tax: Taxonomy, s: str, start: int, end: int, group: str) -> bool:
    """Whether ``s[start:end]`` of a normalised sentence is only aimed at or planned in its clause
    (「本格導入を検討します」, 「本格導入に向けた検証」), read as a tentative facet's cue is."""
    m = re.compile(re.escape(s[start:end])).search(s, start)
    return m is not None and not _reached(tax, s, m, tax.grammar["aim_stage" if group == "status" else "aim_rule"])


def _stage_stops(tax: Taxonomy) -> list[re.Pattern[str]]:
    """Cues of the two reached stages end each other's clause: 「試験導入し、本格導入を目指す」."""
    by_key = tax.by_key
    return [rx for key in tax.stages[1:] for rx in by_key[key].cues + by_key[key].weak]


def _first_cue(tax: Taxonomy, facet: Facet, s: str,
               patterns: Sequence[re.Pattern[str]]) -> re.Match[str] | None:
    """The first cue of ``facet`` in normalised sentence ``s`` that holds with its polarity."""
    for rx in patterns:
        for m in rx.finditer(s):
            if facet.group == "use" and tax.grammar["use_denied"].search(_clause_after(tax, s, m.end())):
                continue
            if facet.tentative:
                if facet.group == "status":
                    stops = [x for x in _stage_stops(tax) if x is not rx]
                    if not _reached(tax, s, m, tax.grammar["aim_stage"], stops):
                        continue
                elif not _reached(tax, s, m, tax.grammar["aim_rule"]):
                    continue
            return m
    return None


def _usable(facet: Facet, s: str) -> bool:
    return not (facet.unless and facet.unless.search(s))


def extract_facets(sentences: Sequence[str], tax: Taxonomy | None = None) -> tuple[FacetHit, ...]:
    """At most one hit per facet key (the best evidence sentence); status: exactly one hit of group
    "status" when any status is stated (the most advanced stage the case reached:
    検討 < 試験導入 < 本格導入).

    Best evidence is the first sentence, in the case's order, that states the facet. For status
    the winning stage's first strong cue is preferred over a weak one.
    """
    tax = tax or taxonomy()
    by_key = tax.by_key
    stages = tax.stages
    norm = [(orig, nfkc(orig)) for orig in sentences]
    # a sentence addressed to a reader or a model (「…とだけ答えてください」) reports nothing
    own = [(orig, s) for orig, s in norm
           if not tax.grammar["other_org"].search(s) and not is_instruction(s)]
    hits: list[FacetHit] = []

    # status
    found: dict[str, str] = {}
    weak: dict[str, str] = {}
    for orig, s in own:
        for key in stages:
            f = by_key[key]
            if key not in found and _first_cue(tax, f, s, f.cues):
                found[key] = orig
            if key not in weak and _first_cue(tax, f, s, f.weak):
                weak[key] = orig
        # an unreached trial/full cue (「6月中の試験運用を目指し」) is itself evidence of 検討
        if stages[0] not in found and any(
                rx.search(s) for key in stages[1:] for rx in by_key[key].cues):
            found[stages[0]] = orig
    first, *_, last = stages
    if last not in found and not any(k in found for k in stages[1:-1]) and last in weak:
        found[last] = weak[last]      # 「全職員が利用可能」 with no trial stated
    if first not in found and first in weak:
        found[first] = weak[first]
    for key in reversed(stages):
        if key in found:
            hits.append(FacetHit(key, found[key]))
            break

    for f in tax.facets:
        if f.key in stages:
            continue
        for orig, s in own:
            if _usable(f, s) and _first_cue(tax, f, s, f.cues):
                hits.append(FacetHit(f.key, orig))
                break
    return tuple(hits)


def _question_form(question: str) -> str:
    """NFKC, lower case, single spaces; spaces next to Japanese text removed."""
    q = re.sub(r"\s+", " ", nfkc(question)).strip().lower()
    return re.sub(r"(?<=[^\x00-\x7f]) | (?=[^\x00-\x7f])", "", q)


def facets_in_question(question: str, tax: Taxonomy | None = None) -> tuple[Facet, ...]:
    """Facets a question (Japanese or English, any case/spacing, NFKC) asks about. Polarity-aware:
    a use mentioned next to a prohibition (「外部向けの資料作成を禁止」, "ban drafting external
    mail") is not asked as a use, and rule facets need their own wording (a ban for
    ``rule.external_use_banned``); a more specific facet drops the broader ones it subsumes."""
    return tuple(f for f, _ in facet_matches(question, tax))


def facet_matches(question: str, tax: Taxonomy | None = None,
                  glossary: Glossary | None = None) -> tuple[tuple[Facet, str], ...]:
    """`facets_in_question`, each facet with the words of the question that asked for it. A question
    whose words ask no facet literally may ask one through the glossary ("rubbish" = 'garbage' =
    「ごみ」; `core.facet_glossary`)."""
    tax = tax or taxonomy()
    q = _question_form(question)
    chosen: list[tuple[Facet, str]] = []
    spans: list[tuple[int, int]] = []
    for f in tax.facets:
        if f.ask_unless and f.ask_unless.search(q):
            continue
        if f.unless and f.unless.search(q):
            continue    # a question in the words that are never its evidence (補助金の申請) asks another thing
        for rx in f.ask:
            m = rx.search(q)
            if not m:
                continue
            if ask_banned(tax, f, q, m):
                continue
            chosen.append((f, m.group(0)))
            spans.append(m.span())
            break
    chosen = _longest_readings(chosen, spans)
    if not chosen:
        chosen = glossary_asks(q, tax, glossary or knowledge().glossary)
    # Two or more kinds of one broader facet asked together (「全国初」「県内初」など) ask for it.
    counts: dict[str, int] = {}
    for f, _ in chosen:
        for k in f.subsumes:
            counts[k] = counts.get(k, 0) + 1
    umbrella = {k for k, n in counts.items() if n > 1 and any(f.key == k for f, _ in chosen)}
    if umbrella:
        chosen = [(f, w) for f, w in chosen if f.key in umbrella or not set(f.subsumes) & umbrella]
    dropped = {k for f, _ in chosen for k in f.subsumes}
    return tuple((f, words) for f, words in chosen if f.key not in dropped)


def _longest_readings(chosen: list, spans: list[tuple[int, int]]) -> list:
    """Words read as one facet inside the longer words another facet was asked by are that
    facet's words, not a second ask: "policy planning" asks 'Ideas / planning and policy
    drafting', not also 'Considering / planning' by its "planning"."""
    return [c for c, (a, b) in zip(chosen, spans)
            if not any(x <= a and b <= y and y - x > b - a for x, y in spans)]


def facet_metadata(case, tax: Taxonomy | None = None) -> dict[str, int]:
    """Chroma metadata for a case's facets: ``facet.<key>`` → index of its evidence sentence."""
    return {f"facet.{h.key}": case.sentences.index(h.evidence)
            for h in extract_facets(case.sentences, tax) if h.evidence in case.sentences}


__all__ = ["Facet", "FacetHit", "extract_facets", "facet_matches", "facet_metadata", "facets_in_question",
           "planned", "taxonomy"]
