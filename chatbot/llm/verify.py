"""Check an LLM answer against the passages it was given, before anyone sees it.

Verification by support, not by form. The answer may be shown only when:

* it cites passages, and only passages it was given (never one flagged as an instruction:
  those are not sent, see `prompt.evidence`);
* it repeats none of the prompt (the data-block marker, the rules, "Question:") and carries
  no instruction, neither its own nor one planted in the article;
* it is written in the question's language, judged by the share of script of its own words
  (`core.text.language`; quotes, markers and the cases' names left out);
* every quoted span (「…」, 『…』, "…", “…”; a 「 never closed runs to the next [n] or line end)
  is verbatim, after NFKC, in the passage its citation points to;
* every sentence carries [n] (a sentence that claims nothing may go without) and is supported
  by the passages it cites (`support`: figures, names, negation, content words);
* a name written as an item of a list ("広島県[1]、岡山県[1]") is the case its [n] cites;
* a "which …" (list/count) answer names exactly the extractive list's cases: every one of them
  is cited, and no other case appears.
"""
from __future__ import annotations

import re
from functools import lru_cache

from chatbot.llm.clauses import items, misattributed
from chatbot.llm.notice import markers, reason
from chatbot.llm.prompt import LISTING, SYSTEM, USER, lead
from chatbot.llm.prompt import evidence as sent_evidence
from chatbot.llm.sentences import MARKER, cited_by, claim, quotes, sentences
from chatbot.llm.support import Finding, evidence, named_places, unsupported
from chatbot.qa.compose import Answer, Citation
from core.instructions import is_instruction
from core.quantities import Figure
from core.text import language, nfkc, script_weights

_QUOTE_SHOWN = 24   # characters of a bad quote or sentence repeated in the reason
_PROMPT_WORDS = re.compile(r"<<<|>>>|\barticle data\b|\bnot part of the data\b|\bquestion\s*:"
                           r"|\bthe search found\b|\bdata block\b|\bpassage number", re.IGNORECASE)
_NGRAM = 5


def check(text: str, answer: Answer, places=None) -> str:
    """Why the LLM's text must not be shown ("" when it may be), in the answer's language.

    Args:
        text: the LLM's whole answer.
        answer: the extractive answer whose citations (those not flagged as instructions)
            were the LLM's passages.
        places: the served version's `core.places.Gazetteer` (default: one of the cited
            cases and the prefectures only).
    """
    lang = answer.lang
    text = _clean(text)
    if not text.strip():
        return reason("empty", lang)
    found = [(m.start(), m.end(), int(m.group(1))) for m in MARKER.finditer(text)]
    if not found:
        return reason("no_citation", lang)
    sent = sent_evidence(answer)
    given = {c.marker: c for c in sent}
    unknown = sorted({n for _, _, n in found if n not in given})
    if unknown:
        return reason("unknown_marker", lang, markers=markers(unknown))
    if _PROMPT_WORDS.search(text) or _echoes_prompt(text):
        return reason("prompt", lang)
    if _obeys_instruction(text, answer):
        return reason("instruction", lang)
    places = places if places is not None else _cited_places(answer)
    spans = quotes(text)
    if not _in_language(_outside(text, spans), answer, places):
        return reason("language", lang)
    for start, end, quoted in spans:
        cited = cited_by(found, start, end)
        if not any(nfkc(quoted).strip() in _haystack(given[n]) for n in cited):
            return reason("misquote", lang, quote=_short(quoted), markers=markers(cited))
    extra = _figures_given(answer, sent)
    asked = _asked(answer)
    for start, end in sentences(text, spans):
        cited = sorted({n for s, _, n in found if start <= s < end})
        said = claim(text, start, end, spans)
        if not cited:      # fine only when it claims nothing beyond the frame and the count
            if unsupported(said, evidence([], extra, asked), lang, places) is not None:
                return reason("uncited", lang, sentence=_short(said.strip()))
            continue
        ev = evidence([given[n] for n in cited], extra, asked)
        finding = unsupported(said, ev, lang, places)
        if finding is None:
            finding = items(text, start, end, found, given, places, answer.kind)
        if finding is None:
            finding, cited = misattributed(text, (start, end), found, given, spans, ev, lang, places,
                                            asked or answer.question, extra)
        if finding is not None:
            return _reason(finding, lang, cited)
    if answer.kind in ("list", "count"):
        cases = {given[n].case_id for _, _, n in found}
        left_out = sorted({c.marker for c in sent if c.case_id not in cases})
        if left_out:
            return reason("incomplete", lang, markers=markers(left_out))
    return ""


def _clean(text: str) -> str:
    """NFKC, spaces collapsed, line breaks kept (they end sentences and list items)."""
    lines = (re.sub(r"[ \t\u3000]+", " ", line).strip() for line in nfkc(text or "").splitlines())
    return "\n".join(line for line in lines if line)


def _short(s: str) -> str:
    return s if len(s) <= _QUOTE_SHOWN else s[:_QUOTE_SHOWN] + "…"


def _reason(finding: Finding, lang: str, cited: list[int]) -> str:
    detail = _short(MARKER.sub("", finding.detail).strip())
    if finding.key in ("figure", "name", "extra_case"):
        return reason(finding.key, lang, what=detail, markers=markers(cited))
    return reason(finding.key, lang, sentence=detail, markers=markers(cited))


def _haystack(c: Citation) -> str:
    return re.sub(r"\s+", " ", nfkc(f"{c.case} {c.passage}"))


# --- what the whole answer may not do ------------------------------------------------------------

@lru_cache(maxsize=1)
def _prompt_ngrams() -> frozenset[tuple[str, ...]]:
    """Runs of words of the prompt's fixed text (its rules and labels)."""
    fixed = re.sub(r"\{[a-z_]+\}", " ", SYSTEM + " " + LISTING + " " + USER)
    words = re.findall(r"[a-z]+", fixed.lower())
    return frozenset(tuple(words[i:i + _NGRAM]) for i in range(len(words) - _NGRAM + 1))


def _echoes_prompt(text: str) -> bool:
    words = re.findall(r"[a-z]+", text.lower())
    grams = _prompt_ngrams()
    return any(tuple(words[i:i + _NGRAM]) in grams for i in range(len(words) - _NGRAM + 1))


def _obeys_instruction(text: str, answer: Answer) -> bool:
    """The answer gives an instruction, or repeats what a flagged sentence of the article
    told the model to say (its quoted words)."""
    if any(is_instruction(text[s:e]) for s, e in sentences(text, quotes(text))):
        return True
    for c in answer.citations:
        if c.instruction or is_instruction(c.passage):
            for _, _, demanded in quotes(nfkc(c.passage)):
                if len(demanded.strip()) >= 4 and nfkc(demanded).strip() in text:
                    return True
    return False


def _outside(text: str, spans: list[tuple[int, int, str]]) -> str:
    """The text without its quotes and markers: the LLM's own words."""
    parts, last = [], 0
    for start, end, _ in spans:
        parts.append(text[last:start])
        last = max(last, end)
    parts.append(text[last:])
    return MARKER.sub(" ", " ".join(parts))


def _in_language(words: str, answer: Answer, places) -> bool:
    """Whether the answer's own words are in the question's language; the names of places
    and cited cases are left out (神奈川県厚木市 in an English answer is a name)."""
    for c in answer.citations:
        for name in (c.case, c.case_id, c.prefecture):
            if name:
                words = words.replace(nfkc(name), " ")
    if places is not None:
        for p in named_places(places, words):
            if p.matched:
                words = words.replace(p.matched, " ")
    if script_weights(words) == (0, 0):
        return True          # nothing but names and markers: nothing to judge
    return language(words) == answer.lang


def _figures_given(answer: Answer, sent) -> tuple[Figure, ...]:
    """Figures an answer may state though no passage does: the number of cases of a list."""
    if answer.kind not in ("list", "count"):
        return ()
    n = len({c.case_id for c in sent})
    return tuple(Figure(frozenset({n}), unit, str(n)) for unit in ("items", "bodies", ""))


def _asked(answer: Answer) -> str:
    """What a list answer may restate without a passage: the question, how a follow-up was
    read, and the search's summary line — the extractive answer found that its cases match
    them. A fact answer restates nothing unbacked ("" )."""
    if answer.kind not in ("list", "count"):
        return ""
    return MARKER.sub(" ", "\n".join((answer.question, answer.understood_as, lead(answer))))


@lru_cache(maxsize=64)
def _places_for(cases: tuple) -> object:
    from core.cases import Case
    from core.places import Gazetteer
    from core.places.tables import prefecture_prefix

    def prefecture(heading: str, given: str) -> str:
        found = prefecture_prefix(heading)
        return given or (found.name if found else "")

    def level(cid: str, given: str, pref: str) -> str:    # a case that is its prefecture is one
        return "都道府県" if cid == pref and given == "市区町村" else given

    return Gazetteer.from_cases([Case(cid, title, "", level(cid, lv, prefecture(title, pref)),
                                      prefecture(title, pref), body, "", i, "")
                                 for i, (cid, title, lv, pref, body) in enumerate(cases)])


def _cited_places(answer: Answer):
    """A gazetteer of the cited cases (and every prefecture and ministry)."""
    cases: dict[str, list] = {}
    for c in answer.citations:
        entry = cases.setdefault(c.case_id, [c.case_id, c.case, c.level, c.prefecture, []])
        entry[4].append(c.passage)
    return _places_for(tuple((a, b, lv, p, "\n".join(body)) for a, b, lv, p, body in cases.values()))


__all__ = ["check"]
