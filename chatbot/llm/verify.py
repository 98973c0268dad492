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

from chatbot.llm.prompt import LISTING, SYSTEM, USER, lead
from chatbot.llm.prompt import evidence as sent_evidence
from chatbot.llm.notice import markers, reason
from chatbot.llm.support import Finding, evidence, is_place_of, named_places, unsupported
from chatbot.llm.words import covers_en, covers_ja, english_words, japanese_words
from chatbot.qa.compose import Answer, Citation
from core.instructions import is_instruction
from core.quantities import Figure, figures, supports
from core.text import language, nfkc, script_weights

_MARKER = re.compile(r"\[(\d+)\]")
_STRAIGHT = re.compile(r'"([^"\n]+)"|“([^“”\n]+)”')
_BRACKETS = {"「": "」", "『": "』"}
_PARENS = {"（": "）", "(": ")"}
_END = "。！？!?"
_QUOTE_SHOWN = 24   # characters of a bad quote or sentence repeated in the reason
_PROMPT_WORDS = re.compile(r"<<<|>>>|\barticle data\b|\bnot part of the data\b|\bquestion\s*:"
                           r"|\bthe search found\b|\bdata block\b|\bpassage number", re.IGNORECASE)
_ENUMERATION = re.compile(r"^\s*(?:\d{1,2}[.)]|[-*•・])\s+")
_SEPARATORS = re.compile(r"[、,，;；:：\n]")
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
    found = [(m.start(), m.end(), int(m.group(1))) for m in _MARKER.finditer(text)]
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
        cited = _cited_by(found, start, end)
        if not any(nfkc(quoted).strip() in _haystack(given[n]) for n in cited):
            return reason("misquote", lang, quote=_short(quoted), markers=markers(cited))
    extra = _figures_given(answer, sent)
    asked = _asked(answer)
    for start, end in sentences(text, spans):
        cited = sorted({n for s, _, n in found if start <= s < end})
        claim = _claim(text, start, end, spans)
        if not cited:      # fine only when it claims nothing beyond the frame and the count
            if unsupported(claim, evidence([], extra, asked), lang, places) is not None:
                return reason("uncited", lang, sentence=_short(claim.strip()))
            continue
        ev = evidence([given[n] for n in cited], extra, asked)
        finding = unsupported(claim, ev, lang, places)
        if finding is None:
            finding = _items(text, start, end, found, given, places, answer.kind)
        if finding is None:
            finding, cited = _misattributed(text, (start, end), found, given, spans, ev, lang, places,
                                            asked, extra)
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
    detail = _short(_MARKER.sub("", finding.detail).strip())
    if finding.key in ("figure", "name", "extra_case"):
        return reason(finding.key, lang, what=detail, markers=markers(cited))
    return reason(finding.key, lang, sentence=detail, markers=markers(cited))


# --- quotes and sentences -----------------------------------------------------------------------

def quotes(text: str) -> list[tuple[int, int, str]]:
    """Quoted spans (start, end, the words inside): outermost 「」/『』 pairs (they nest, as the
    article's own sentences do); a 「 that is never closed quotes up to the next [n], line end
    or end of text; then "…" and “…” outside them."""
    out: list[tuple[int, int, str]] = []
    stack: list[tuple[str, int]] = []
    for i, ch in enumerate(text):
        if ch in _BRACKETS:
            stack.append((ch, i))
        elif stack and ch == _BRACKETS[stack[-1][0]]:
            _, start = stack.pop()
            if not stack:
                out.append((start, i + 1, text[start + 1:i]))
        elif ch == "\n" and stack:
            out.append(_unclosed(text, stack[0][1]))
            stack = []
    if stack:
        out.append(_unclosed(text, stack[0][1]))
    inside = [(s, e) for s, e, _ in out]
    for m in _STRAIGHT.finditer(text):
        if not any(s <= m.start() < e for s, e in inside):
            out.append((m.start(), m.end(), m.group(1) or m.group(2)))
    return sorted(out)


def _unclosed(text: str, start: int) -> tuple[int, int, str]:
    m = re.compile(r"\[\d+\]|\n").search(text, start)
    end = m.start() if m else len(text)
    return start, end, text[start + 1:end].strip(" 。、.,")


def sentences(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int]]:
    """(start, end) of each sentence: split at 。！？!?, a full stop and line ends, never inside a
    quote; the [n] markers right after a sentence's end belong to it."""
    quoted = [(s, e) for s, e, _ in spans]
    out, start, i, n = [], 0, 0, len(text)
    while i < n:
        ch = text[i]
        if any(s < i < e - 1 for s, e in quoted):
            i += 1
            continue
        stop = ch in _END or ch == "\n" or (ch == "." and i > 0 and not text[i - 1].isdigit()
                                            and (i + 1 == n or text[i + 1] in " \n["))
        if not stop:
            i += 1
            continue
        j = i + 1
        while True:
            k = j
            while k < n and text[k] == " ":
                k += 1
            m = _MARKER.match(text, k)
            if not m or ch == "\n":
                break
            j = m.end()
        if j < n and text[j] in _END + "." and ch != "\n":
            j += 1
        out.append((start, j))
        start = i = j
    out.append((start, n))
    return [(s, e) for s, e in out if text[s:e].strip()]


def _claim(text: str, start: int, end: int, spans) -> str:
    """A sentence's own words: quotes (checked verbatim) and markers taken out."""
    chars = list(text[start:end])
    for s, e, _ in spans:
        for k in range(max(s, start), min(e, end)):
            chars[k - start] = " "
    return _ENUMERATION.sub("", _MARKER.sub(" ", "".join(chars)))


def _cited_by(found: list[tuple[int, int, int]], start: int, end: int) -> list[int]:
    """The citation a quote belongs to: the run of markers that follows it (a claim ends with
    its [n]), or, when none follows, the run just before it."""
    after = [f for f in found if f[0] >= end]
    if after:
        run = [after[0]]
        for f in after[1:]:
            if f[0] - run[-1][1] > 2:     # "[1][2]", "[1], [2]": one run
                break
            run.append(f)
        return [n for _, _, n in run]
    before = [f for f in found if f[1] <= start]
    if not before:      # only markers inside the quote itself: it cannot be verbatim anyway
        return [n for s, _, n in found if start <= s < end]
    run = [before[-1]]
    for f in reversed(before[:-1]):
        if run[-1][0] - f[1] > 2:
            break
        run.append(f)
    return [n for _, _, n in run]


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
        if is_instruction(c.passage):
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
    return _MARKER.sub(" ", " ".join(parts))


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
    return _MARKER.sub(" ", "\n".join((answer.question, answer.understood_as, lead(answer))))


def _items(text: str, start: int, end: int, found, given: dict, places, kind: str) -> Finding | None:
    """A name written as a list item, followed by its [n] ("岡山県[3]"), must be the case
    that [n] cites (or, for a prefecture, the prefecture-level case)."""
    if places is None:
        return None
    from chatbot.llm.support import coverage, evidence as ev_of

    last = start
    runs = _runs([f for f in found if start <= f[0] < end])
    for run_start, run_end, numbers in runs:
        segment = text[last:run_start]
        cut = [m.end() for m in _SEPARATORS.finditer(segment)]
        segment = segment[cut[-1]:] if cut else segment
        last = run_end
        named = named_places(places, segment)
        if not named:
            continue
        rest = segment
        for p in named:
            rest = rest.replace(p.matched, " ")
        lang = "en" if re.search(r"[A-Za-z]{3,}", rest) and not re.search(r"[\u3040-\u9fff]", rest) else "ja"
        empty = ev_of([])
        if coverage(rest, empty, lang)[1] > 0:       # a clause, not a bare name: `unsupported` judged it
            continue
        cases = [given[n] for n in numbers]
        for p in named:
            if not any(is_place_of(p, c.case_id, c.case) or (p.kind == "prefecture" and p.name == nfkc(c.case))
                       for c in cases):
                return Finding("extra_case" if kind in ("list", "count") else "name", p.matched or p.name)
    return None


def _misattributed(text: str, sentence: tuple[int, int], found, given: dict, spans, ev, lang: str,
                   places, asked: str, extra) -> tuple[Finding | None, list[int]]:
    """In a sentence citing several passages, a clause followed by its own [n] must be that
    passage's: its figures are in it, and its words are not mostly another cited passage's
    ("広島県[1]は参考としてのみ使い、山口県[2]…" where only [2] says 参考). A clause ends at
    the previous [n] or at a colon (an introduction belongs to every item); words of the
    question (a list's) belong to every item too."""
    start, end = sentence
    runs = _runs([f for f in found if start <= f[0] < end])
    if len({tuple(r[2]) for r in runs}) < 2:
        return None, []
    shared = evidence([], (), asked)
    last = start
    for run_start, run_end, numbers in runs:
        colon = max(text.rfind(":", last, run_start), text.rfind("：", last, run_start))
        claim = _claim(text, max(last, colon + 1), run_start, spans)
        last = run_end
        own = evidence([given[n] for n in numbers], extra)
        for f in figures(claim):
            if not supports(own.figures, f):
                return Finding("figure", f.text), numbers
        rest = claim
        if places is not None:
            for p in named_places(places, claim):
                rest = rest.replace(p.matched, " ")
        words = english_words(rest) if lang == "en" else japanese_words(rest)
        covers = covers_en if lang == "en" else covers_ja
        mine = [w for w in words if covers(w, own)]
        other = [w for w in words if not covers(w, own) and covers(w, ev) and not covers(w, shared)]
        if len(other) >= 2 and len(other) > len(mine):
            return Finding("unsupported", claim.strip()), numbers
    return None, []


def _runs(found) -> list[tuple[int, int, list[int]]]:
    """Markers grouped into runs ("[1][2]", "[1], [2]")."""
    runs: list[tuple[int, int, list[int]]] = []
    for s, e, n in found:
        if runs and s - runs[-1][1] <= 2:
            runs[-1] = (runs[-1][0], e, runs[-1][2] + [n])
        else:
            runs.append((s, e, [n]))
    return runs


@lru_cache(maxsize=64)
def _places_for(cases: tuple) -> object:
    from core.cases import Case
    from core.places import Gazetteer
    from core.places.tables import prefecture_prefix

    def prefecture(heading: str, given: str) -> str:
        found = prefecture_prefix(heading)
        return given or (found.name if found else "")

    return Gazetteer.from_cases([Case(cid, title, "", level, prefecture(title, pref), body, "", i, "")
                                 for i, (cid, title, level, pref, body) in enumerate(cases)])


def _cited_places(answer: Answer):
    """A gazetteer of the cited cases (and every prefecture and ministry)."""
    cases: dict[str, list] = {}
    for c in answer.citations:
        entry = cases.setdefault(c.case_id, [c.case_id, c.case, c.level, c.prefecture, []])
        entry[4].append(c.passage)
    return _places_for(tuple((a, b, lv, p, "\n".join(body)) for a, b, lv, p, body in cases.values()))


__all__ = ["check", "quotes", "sentences"]
