"""Stage 1 of a question's way: **read** it — its words, what kind of answer it asks for, and
how it follows the conversation so far.

    understand    language, intent, places, regions/levels/kinds, facets, asked answer types,
                  figure conditions (`Query`)
    conversation  a follow-up read in the context of the turn before it (`TurnState`, `Reading`)
    words         the question's content words, English words the article lacks, absent names
    where         the article's structure a question names (`Scope`: regions, levels, kinds)
    conditions    figure conditions ("more than 1,000 staff")

`read` hands a `Request` to the scope stage.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from chatbot.qa.catalog import keys_by_case_id, regions_of
from chatbot.qa.kinds import SOCIAL, Kind
from chatbot.qa.read.among import among_few
from chatbot.qa.read.asker import past_introduction
from chatbot.qa.read.conversation import TurnState, read_follow_up
from chatbot.qa.read.correct import corrected
from chatbot.qa.read.no_subject import NO_SUBJECT, among_no_list, without_subject
from chatbot.qa.read.pick_named import who_of_the_list
from chatbot.qa.read.preamble import past_preamble
from chatbot.qa.read.resume import resumed
from chatbot.qa.read.turns import ordinal, referred
from chatbot.qa.read.tables import TableAsk, as_share, compared_cities, of_a_topic, read_table, table_follow_up, tallied
from chatbot.qa.read.understand import Query, understand
from chatbot.qa.read.where import Scope
from chatbot.qa.read.words import Words, words_of
from chatbot.qa.retrieve import Filters
from core.cases import LEVEL_MUNICIPALITY, LEVEL_PREFECTURE

LOCAL = (LEVEL_PREFECTURE, LEVEL_MUNICIPALITY)


@dataclass(frozen=True)
class Request:
    """A question as read: what it asks, in which conversation, and its embedding."""

    q: Query
    kind: Kind
    filters: Filters = Filters()
    words: Words = Words()
    vector: list[float] = field(default_factory=list, repr=False)
    how: str = "new"                    # new | narrow | widen | place | detail | compare | restore
                                        # (`conversation`)
    carried: tuple[str, ...] = ()       # case keys carried over from the previous turn
    scope: Scope | None = None          # a follow-up's scope; None: read off the question
    reasons: tuple[tuple[str, int], ...] = ()   # why each carried case was listed (its sentence)
    whys: tuple[tuple[str, str], ...] = ()      # and what that sentence proved
    label: str = ""                     # what the carried list was of
    on_screen: bool = False             # a narrowing that only filters the cases on screen
    topic: str = ""                     # the question that started the conversation's subject
    table: TableAsk | None = None       # a question about all the cases at once
    anew: str = ""                      # a guessed follow-up, answered on its own if it finds
                                        # nothing ("cases") or no sentence with its words ("words")
    lacking: tuple[str, ...] = ()       # facet keys the cases kept must not have (`conversation`)

    @property
    def follow_up(self) -> bool:
        return self.how != "new"


# How a kind is recognised, in order; the first that matches decides (questions that match
# none ask for a fact, a list or a count by their intent words: `Query.intent`).
_VERSION = re.compile(r"前回|前の版|先月|先の版|最新版|今回の(更新|版)|更新(で|され|分|点)|版(から|で|では)|"
                      r"\b(previous|last|latest|new|current|earlier) (version|edition|update|issue)\b|"
                      r"\bsince (the )?last\b|\blast month\b|\bupdate[sd]?\b|\bwhat'?s new\b|\bwhat is new\b", re.I)
_CHANGE = re.compile(r"追加|増え|新し|新た|削除|消え|減|変わ|変更|更新|違い|差分|"
                     r"\b(added|new|removed|dropped|deleted|changed?|changes|differen\w*|updated?)\b", re.I)
RECOGNISE = (
    (Kind.VERSION, lambda q: bool(_VERSION.search(q.text) and _CHANGE.search(q.text))),
)
_BY_INTENT = {"fact": Kind.FACT, "list": Kind.LIST, "count": Kind.COUNT}


def recognise(q: Query) -> Kind:
    """The kind of answer a question asks for."""
    return next((kind for kind, test in RECOGNISE if test(q)), _BY_INTENT[q.intent])


def read(retriever, question: str, filters: Filters = Filters(), prev: TurnState | None = None) -> Request:
    """Read a message (stripped) in the context of the turn before it."""
    k = retriever.knowledge
    if (rest := _past_new_subject(question, k)) is not None:
        # 「ところで、…」, "Different topic: …": a new subject, and the words that say so are
        # not part of it ("different", "topic" are no topic of the article) — also in a first
        # message (a chat reopened, or a user who always writes so)
        question, prev = rest, None
    # 「うちは区役所です。区の事例は？」: who is asking is no part of the question (its place is
    # what a 「近くの」 after it means); then 「うちの町でも導入を検討しています。…自治体はありますか？」:
    # the asker's situation is no part of what is asked (its 町 is no level, its 導入・検討 no topic)
    question = past_preamble(past_introduction(question, k, lambda said: _places_said(retriever, said)), k)
    if (back := resumed(question, prev, k)) is not None:
        # 「議事録の話に戻って、…」, "Back to the list — …": among the cases of the last list
        question, prev = back
    if (fixed := corrected(question, prev, k)) is not None:
        # 「いや、市だけで」, "Sorry, I meant cities.": read instead of the turn it corrects
        question, prev = fixed
    q = understand(question, retriever.gazetteer, regions_of(retriever), k)
    if not question:
        return Request(q, Kind.NONE, filters)
    social, rest = _social(q.text, k)
    if social and not rest:
        # 「ありがとう」, "Hello": a short reply; the conversation stays where it was
        return Request(q, Kind.NONE, filters, how=social)
    if rest:       # 「ありがとう、では九州は？」: the question after the thanks
        return read(retriever, rest, filters, prev)
    if (few := among_few(q, prev, k)) is not None and few[0] != question:
        # 「一番多いのは？」, 「どっちが早い？」 right after two or three cases: ranked among them
        return read(retriever, few[0], filters, few[1])
    if without_subject(q, prev, k):
        # 「いつから？」 right after an answer that found no case: nothing to ask it of (`no_subject`)
        return Request(q, Kind.NONE, filters, how=NO_SUBJECT)
    kind = recognise(q)
    if kind is Kind.VERSION:
        return Request(q, kind, filters)
    subjects = tuple(dict.fromkeys(prev.before + prev.cited)) if prev else ()
    q = compared_cities(q, retriever.gazetteer, k)     # 「大阪と神戸を比べて」: 大阪市 beside 神戸市
    table = read_table(q, k, prev.kind if prev else "", len(subjects))
    if table is not None and table.kind in (Kind.AGGREGATE, Kind.RANK, Kind.TIMELINE) and \
            _of_one_case(q, prev, k, timeline=table.kind is Kind.TIMELINE, cases=retriever.cases):
        # "What was it used for most?", "When did the trial start?" ask of the case just shown
        table = None
    if table is not None and prev is not None and ordinal(q, prev, k.questions.conversation["ordinal"]):
        # "When did the second one start?" after a list: that case's start, not a timeline of all
        table = None
    pair = ()
    if table is not None and table.kind is Kind.COMPARE and len(subjects) == 1 and len(q.known_places) == 1:
        # 「横須賀市と比べて」 right after 厚木市's case: that case beside the one it names (the same
        # case named again is a question about it)
        named = keys_by_case_id(retriever).get(next(iter(q.known_places[0].case_ids), ""), ())[:1]
        pair = tuple(dict.fromkeys(subjects + named))
        pair, table = (pair, table) if len(pair) == 2 else ((), None)
    if table is None and (follow := table_follow_up(q, prev, k)):
        q, table = follow                 # 「そのうち関東は？」 after a table: that table, for 関東
    if table is not None:
        q = tallied(q, table, k)
        if not q.scope.levels and k.questions.tables["local"].search(q.text):
            # 「他の自治体」, "local governments": prefectures and municipalities, not ministries
            q = replace(q, scope=replace(q.scope, levels=LOCAL))
        # 「違いは？」 after a comparison or two cases: those cases, side by side
        # (not when it names regions of its own: 「北陸と四国を比べて」 after a list compares those)
        anew = q.known_places or len(q.scope.regions) + len(q.scope.areas) >= 2 or q.scope.structural
        carried = subjects if table.kind is Kind.COMPARE and prev and not anew else ()
        carried = pair or carried
        how = "compare" if carried else "new"
        if not carried and _of_the_list(q, prev, k):
            # 「その中で一番早く始めたのは？」 after a list: ranked (or tallied) among the cases on screen
            carried, how = prev.cited, "narrow"
        scope = Scope(case_keys=frozenset(carried)) if carried else None
        return Request(q, table.kind, filters, words_of(retriever, q), list(retriever.embed(q.text)),
                       how, carried, scope, table=table, topic=question if how == "new" else prev.topic)
    q = of_a_topic(q, k) or as_share(q, k)     # 「全事例に共通する懸念は？」: the cases stating 懸念
    q = who_of_the_list(q, prev, k, retriever.cases)      # "Who asks staff to …?" right after a list: which of them
    # (「そのうち…のは？」 right after an answer with no case: there is no list to narrow)
    reading = among_no_list(q, prev, k) or \
        read_follow_up(q, q.content(k) + [(w,) for w in q.unknown_english(k)], prev, k, retriever.cases)
    q = reading.q
    return Request(q, _BY_INTENT[q.intent], filters, words_of(retriever, q), list(retriever.embed(q.text)),
                   reading.how, reading.carried, reading.scope, reading.reasons, reading.whys,
                   reading.label, reading.on_screen,
                   reading.topic or (question if reading.how == "new" else ""), anew=reading.anew,
                   lacking=reading.lacking)


def _places_said(retriever, text: str) -> tuple[str, ...]:
    """The regions and prefectures a sentence names (a city's prefecture for a city)."""
    q = understand(text, retriever.gazetteer, regions_of(retriever), retriever.knowledge)
    sc = q.scope
    named = tuple(p.name if p.kind == "prefecture" else p.prefecture for p in q.known_places
                  if p.kind != "national")
    return tuple(dict.fromkeys(n for n in sc.regions + sc.areas + sc.prefectures + named if n))


_LATIN = re.compile(r"[A-Za-z]")
_SAYS_NEW_END = re.compile(r"[^,、:：;；。!！?？—–-]{0,12}[,、:：;；。!！—–-]\s*")


def _past_new_subject(question: str, k) -> str | None:
    """The message after the English words that open it by starting a new subject ("By the way,",
    "Different topic:"), up to the comma or colon that ends them; None when it does not open so
    (or nothing follows them). (English only: its marker's words — "different", "topic",
    "question" — are read as topics through the glossary; a Japanese one's 「ところで」 or
    「話は変わるけど」 is left as it was read.)"""
    m = k.questions.conversation["new"].search(question)
    if m is None or m.start() > 3 or not _LATIN.search(m.group(0)):
        return None
    end = _SAYS_NEW_END.match(question, m.end())
    rest = question[end.end() if end else m.end():].strip()
    return rest or None


_AROUND = " \t\n!！。．.、,，?？~〜♪…ー-"


def _social(text: str, k) -> tuple[str, str]:
    """("thanks" | "ack" | "greeting", "") for a message (its NFKC text, `Query.text`) that is only
    that, its punctuation aside; (that, the rest) for a message it opens, a comma or stop after it
    (「ありがとう、では九州は？」); ("", "") for any other."""
    said = text.strip(_AROUND)
    words = k.questions.conversation
    for name in SOCIAL:
        if words[name].fullmatch(said):
            return name, ""
        m = words[name].match(said)
        if m and m.end() < len(said) and said[m.end()] in _AROUND:
            rest = _THEN.sub("", said[m.end():].strip(_AROUND), count=1).strip(_AROUND)
            if rest:
                return name, rest
    return "", ""


_THEN = re.compile(r"^(?:では|じゃあ|じゃ|それでは|それじゃ|and|now|then|so)(?=[\s、,]|$)", re.I)


def _of_the_list(q: Query, prev: TurnState | None, k) -> bool:
    """A question about all the cases at once that points back at the list just given (「その中で」,
    "of those", "among them", 「それらの市」, "those cities") and names no place or scope of its own."""
    if prev is None or prev.kind not in ("list", "count") or not prev.cited:
        return False
    words = k.questions.conversation
    those = bool(words["those"].search(q.text))
    sc = q.scope
    # ("those cities" names the cases on screen by their level: no scope of its own)
    if q.places or (sc.structural and not (those and not (sc.regions or sc.prefectures or sc.areas or sc.without))):
        return False
    # 「一番早く始めたのは？」 right after a list: Japanese leaves out what it ranks — the cases on
    # screen (the article's cases are named when meant: 「事例で」, 「自治体の」, 「全国で」)
    dropped = q.lang == "ja" and not sc.structural and not _names_cases(q, k)
    return those or dropped or bool(words["narrow"].search(q.text))


def _names_cases(q: Query, k) -> bool:
    """Whether a question names the article's cases as what it asks of (「自治体」, 「全国」, 「全体」)."""
    return bool(k.questions.cases.search(q.text) or k.questions.every.search(q.text)
                or k.questions.tables["many"].search(q.text) or _WHOLE.search(q.text))


def _of_one_case(q: Query, prev: TurnState | None, k, timeline: bool = False, cases=None) -> bool:
    """A message that refers back (「それ」, "it") to the one case just shown, or asks which thing
    of it, naming no place or region of its own: its "most" or 「一番」 is of that case, not a
    table over all the cases (nor its "when did it start?" a timeline)."""
    words = k.questions.conversation
    sc = q.scope
    # ("When did that city start?": the level it refers back with is no scope of its own)
    referring = words["back"].search(q.text) and not (sc.regions or sc.prefectures or sc.areas or sc.without)
    # ("When did the prefecture start?" after a list with one prefecture: that one)
    one = prev is not None and (len(set(prev.cited)) == 1 or bool(referring and (sc.levels or sc.kinds) and cases and
                                len(referred(prev, sc, cases)) == 1 and set(referred(prev, sc, cases)) <= set(prev.cited)))
    if prev is None or q.places or (sc.structural and not referring) or not one:
        return False
    # "Which tasks saved the most time?" after 厚木市: a thing of that case ("Which city …" ranks)
    thing = words["thing"].search(q.text) and not k.questions.cases.search(q.text)
    names_cases = bool(k.questions.cases.search(q.text) or k.questions.every.search(q.text)
                       or k.questions.tables["many"].search(q.text))      # all, 自治体, 全国, …
    # "When did the trial start?" of one case: its start, unless it names cases
    start = timeline and not names_cases
    # 「一番多かった使い道は？」 after 山形県庁: Japanese leaves out the subject it is asking of;
    # the cases of the article are named when meant (「事例で」, 「自治体の」, 「全体で」, 「全国」)
    dropped = q.lang == "ja" and not (names_cases or _WHOLE.search(q.text))
    return bool(words["back"].search(q.text) or thing or start or dropped)


_WHOLE = re.compile(r"記事|全体|事例|ケース")


__all__ = ["Request", "TurnState", "read", "recognise"]
