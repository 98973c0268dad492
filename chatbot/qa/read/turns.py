"""What a turn of a conversation leaves for the next to build on (`TurnState`), and what is read
off it alone: the case a position on the list names (「2番目の事例」), whether a scope keeps any of the
cases on screen, and which case "the prefecture's" refers back to."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from chatbot.qa.read.understand import Query, blank
from chatbot.qa.read.where import Scope
from core.cases import Case
from core.facets import extract_facets, facet_matches
from core.knowledge import Knowledge


@dataclass(frozen=True)
class TurnState:
    """What a turn left for the next one to build on."""

    q: Query
    scope: Scope
    cited: tuple[str, ...] = ()          # case keys the answer cited, in order
    kind: str = "none"                   # fact | list | count | none
    reading: str = "new"                 # new | narrow | widen | place | detail
    reasons: tuple[tuple[str, int], ...] = ()   # each cited case's first quoted sentence
    whys: tuple[tuple[str, str], ...] = ()      # and what it proved (`Citation.why`)
    label: str = ""                      # what the list was of (a facet's label)
    topic: str = ""                      # the question that started the subject, as asked
    last_list: "TurnState | None" = field(default=None, repr=False)   # the last list answered
    before: tuple[str, ...] = ()         # a place swap: the case(s) the turn before was about
    base: "TurnState | None" = field(default=None, repr=False)   # a narrowing: the list it narrowed
    narrowed: "TurnState | None" = field(default=None, repr=False)   # a narrowing: the turn just before it
    quoted: tuple[tuple[str, int], ...] = ()    # every sentence the answer quoted, by case
    subjects: tuple[str, ...] = ()       # the cases asked about one at a time since the last list


@dataclass(frozen=True)
class Reading:
    """How a message is read: the query to answer, the scope to answer it in, and why."""

    q: Query
    scope: Scope | None = None           # None: read the scope from the message itself
    how: str = "new"
    carried: tuple[str, ...] = field(default=())   # case keys carried over
    reasons: tuple[tuple[str, int], ...] = ()      # why each carried case was listed
    whys: tuple[tuple[str, str], ...] = ()
    label: str = ""
    on_screen: bool = False              # only filters the cases on screen
    topic: str = ""                      # the question that started the subject
    anew: str = ""                       # a guess, answered on its own when it finds nothing
                                         # ("cases") or no sentence with its words ("words")
    lacking: tuple[str, ...] = ()        # facet keys the cases kept must not have (「…がないのは？」)


_POSITIONS = {"最初": 1, "先頭": 1, "一番上": 1, "first": 1, "second": 2, "third": 3, "fourth": 4,
              "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10,
              "最後": -1, "一番下": -1, "last": -1}


def listed_facets(prev: TurnState):
    """The facets of the question before that its cases were listed for (`Citation.why`
    names them); all of its facets when no case was listed for one."""
    used = tuple(f for f in prev.q.facets if any(f"facet:{f.key}" in why for _, why in prev.whys))
    return used or prev.q.facets


def left_out_of(prev: TurnState) -> TurnState | None:
    """The list a narrowing left cases out of, for 「残りは？」 / "Any others?": the nearest turn
    before it that showed more cases (「関東以外」 → 「そのうち県は？」 → 「何件？」: the list outside
    Kanto, not the first list, nor the count that showed the same prefectures again); else the
    list it narrowed. None: the turn was no narrowing."""
    if prev.reading != "narrow":
        return None
    shown, up = set(prev.cited), prev
    while up.reading == "narrow" and up.narrowed is not None:
        up = up.narrowed
        if shown < set(up.cited):
            return up
    return prev.base


def narrowed_to(prev: TurnState) -> Scope:
    """The scope whose level and kind a widening keeps: the turn's own, else that of the nearest
    narrowing before it that named one (「関東の事例は？」 → 「市だけ」 → 「横須賀市以外」: 市), else the
    list the narrowings narrowed."""
    up: TurnState | None = prev
    while up is not None and up.reading == "narrow":
        if up.scope.levels or up.scope.kinds:
            return up.scope
        up = up.narrowed
    if prev.scope.levels or prev.scope.kinds:
        return prev.scope
    return prev.base.scope if prev.reading == "narrow" and prev.base is not None else prev.scope


def kept_out(q: Query, prev: TurnState) -> Scope | None:
    """What the narrowing just before left out, when a message leaves out more of its list
    (「県は除いて」 → 「三重県も除いて」, "Leave out Aomori." → "Drop Iwate too."): both stay in
    the scope's words; None: nothing to keep (its cases are on screen already either way)."""
    return prev.scope.without if q.scope.without is not None and prev.reading == "narrow" else None


def ordinal(q: Query, prev: TurnState, said) -> tuple[str, ...]:
    """The case of the last list a message names by its position (「2番目の事例」, "the first
    one") — with no list, of the cases asked about one at a time; () when it names none or
    there is no case at that position."""
    shown = prev if prev.kind in ("list", "count") and prev.cited else prev.last_list
    found = said.search(q.text)
    # (no list: 「最初の市では…」 after two questions each about one case names the first of them)
    # (「横須賀市と厚木市の事例を教えて」 → 「2つ目の市は…」: the cases a fact was asked of, as shown)
    named = {i for p in prev.q.known_places if p.kind != "prefecture" for i in p.case_ids}
    asked = tuple(dict.fromkeys(prev.cited)) if prev.kind == "fact" and len(named) > 1 else ()
    keys = tuple(dict.fromkeys(shown.cited)) if shown is not None else \
        prev.subjects if len(prev.subjects) > 1 else asked if len(asked) > 1 else ()
    if not keys or found is None:
        return ()
    text = found.group(0)
    digits = "".join(ch for ch in text if ch.isdigit())
    kanji = next((i + 1 for i, ch in enumerate("一二三四五六七八九十") if ch in text[:1]), 0)
    word = next((n for w, n in _POSITIONS.items() if w in text.lower()), 0)
    at = int(digits) if digits else kanji or word
    if at == -1:
        return keys[-1:]
    return (keys[at - 1],) if 0 < at <= len(keys) else ()


def past_position(q: Query, said, k: Knowledge) -> Query:
    """The message without the words that named a position on the list: "the first one — how
    will they check the effect?" asks how they check the effect, not about a case that was the
    first (初) to do something."""
    found = said.search(q.rest)
    if found is None:
        return q
    rest = blank(q.rest, found.start(), found.end())
    matches = facet_matches(rest, k.taxonomy, k.glossary)
    return replace(q, rest=rest, facets=tuple(f for f, _ in matches), facet_words=tuple(w for _, w in matches),
                   terms=tuple(k.glossary.japanese(rest)) if q.terms else q.terms)


def lacking(q: Query, k: Knowledge) -> tuple[str, ...]:
    """The facets a message asks in the negative (「ガイドラインがないのは？」, 「個人情報の入力を禁止して
    いないのは？」, "Which of those don't have guidelines?"): those whose word is followed by
    「がない」/「…ていない」 or follows "don't have"/"without"; () when it asks none so."""
    words = k.questions.conversation
    text = q.text.lower()
    out = []
    for facet, word in zip(q.facets, q.facet_words):
        at = text.find(word.lower())
        if at < 0:
            continue
        after, before = text[at + len(word):], text[:at]
        # (「…を作っているところを除くと？」, "Leave out the ones that have …": it, left out)
        if words["lacking_after"].search(after) or words["lacking_before"].search(before) or \
                words["leaving_after"].search(after) or words["leaving_before"].search(before):
            out.append(facet.key)
    return tuple(dict.fromkeys(out))


def said_of(prev: TurnState, cases: Mapping[str, Case], k: Knowledge) -> tuple:
    """The facets the sentences quoted of the one case just shown state, rarest in the article
    first: what 「他にそういうところは？」, "Who else uses it?" ask for when the question before named
    none (「富士市ではChatGPTのほかに何を導入した？」 → the sentence naming Bard)."""
    key = prev.cited[0] if prev.cited else ""
    case = cases.get(key)
    if case is None:
        return ()
    lines = [case.sentences[n] for k_, n in prev.quoted or prev.reasons if k_ == key and 0 <= n < len(case.sentences)]
    hits = extract_facets(lines, k.taxonomy)
    return tuple(dict.fromkeys(k.taxonomy.by_key[h.key] for h in hits
                               if h.key in k.taxonomy.by_key and k.taxonomy.by_key[h.key].group != "status"))


def admits_any(q: Query, keys: tuple[str, ...], cases: Mapping[str, Case]) -> bool:
    """Whether the scope a message names (its regions, levels, kinds, prefectures, what it leaves
    out) keeps any of these cases; True when it names a city or ministry (not a scope)."""
    if any(p.kind != "prefecture" for p in q.places):
        return True
    scope = replace(q.scope, prefectures=q.scope.prefectures + tuple(p.name for p in q.places))
    return any(scope.admits(key, cases[key]) for key in keys if key in cases)


def referred(prev: TurnState, said: Scope, cases: Mapping[str, Case]) -> tuple[str, ...]:
    """The cases "the prefecture's" / 「その市の」 refers back to: those just shown of that level;
    else (a city shown, the prefecture asked) the conversation's case of that level in the same
    prefecture — the last list's, else the article's own. () when none is found."""
    shown = [key for key in prev.cited if key in cases]
    level = Scope(levels=said.levels, kinds=said.kinds)
    if not shown:
        return ()
    of_level = tuple(key for key in shown if level.admits(key, cases[key]))
    if of_level:              # 「その市の…」 after a prefecture and its city: the city
        return of_level
    prefs = {cases[key].prefecture for key in shown}
    listed = prev.before + (prev.last_list.cited if prev.last_list is not None else ())
    for pool in (listed, tuple(cases)):
        found = tuple(dict.fromkeys(key for key in pool if key in cases and
                                    cases[key].prefecture in prefs and level.admits(key, cases[key])))
        if found:
            return found
    return ()


__all__ = ["Reading", "TurnState", "admits_any", "lacking", "left_out_of", "listed_facets", "kept_out", "narrowed_to", "ordinal", "past_position", "referred", "said_of"]
