"""Evidence from named cases: a question about named organisations (or the case a follow-up
asks about) is answered by the sentences of their cases that answer it — or by saying what the
case does not state."""
from __future__ import annotations

from dataclasses import replace

from chatbot.qa.evidence.context import content, on_topic
from chatbot.qa.evidence.found import Found
from chatbot.qa.evidence.sentences import Quote, answer_type, holds, rank, sentence_words, typed_text
from chatbot.qa.evidence.support import facet_groups
from chatbot.qa.evidence.tables import stated
from chatbot.qa.scope import Scoped

_ASKED_JA = {"count": "数", "time": "時間", "share": "割合", "duration": "期間", "price": "金額", "date": "時期",
            "org": "企業・サービス", "change": "増減"}
_ASKED_EN = {"count": "a number", "time": "an amount of time", "share": "a share", "duration": "a period",
             "price": "an amount of money", "date": "a date", "org": "a company or service",
             "change": "how much it changed"}


def named(retriever, scoped: Scoped) -> Found:
    """The named cases in scope, best answering first (at most ``policy.max_fact_cases``)."""
    r, q, policy = retriever, scoped.request.q, retriever.policy
    keys = [key for key in r.cases if key in scoped.scope.case_keys]
    quotes = rank(r, q, keys, scoped.request.vector, content=content(scoped))
    if scoped.request.how == "place":
        quotes = _topic_first(r, q, quotes)
    groups = q.groups_named(r.knowledge)
    if groups:                                      # 「横須賀市の導入状況は？」: its stage leads
        quotes = _leading(quotes, lambda key: _group_sentence(r, key, groups))
    if r.knowledge.questions.conditions["asks_start"].search(q.text):
        quotes = _start_first(r, quotes)
    elif "until" in q.asks:
        quotes = _end_first(r, quotes)
    keys.sort(key=lambda key: -quotes[key][0].score if quotes[key] else 0.0)
    # a detail asked of the few cases on screen (「それぞれいつから？」) answers each of them
    each = scoped.request.how == "detail" and len(keys) <= policy.max_each_cases
    keys = keys if each else keys[:policy.max_fact_cases]
    if not keys or not any(quotes[key] for key in keys):
        return Found(scoped, "none", none="no_case")
    if not on_topic(r, scoped) and max(quotes[key][0].lexical for key in keys) == 0:
        return Found(scoped, "none", none="off_topic")   # 「厚木市の天気は？」: no word of it there
    silent = ()
    if each and len(keys) > 1:
        # 「それぞれいつから？」: the cases that state it are answered, the others named as stating none
        # (a period too: 「期間は？」 of the list on screen — a case that gives no length, start nor end
        # is named, not quoted with a sentence of something else; a start or an end answers it)
        types = policy.each_stated_types
        near = policy.related_to(tuple(t for t in q.asks if t in types and t not in policy.stated_types))
        stating = [key for key in keys if not _not_stated(retriever, scoped, [key], quotes, types)
                   or _holding(retriever, scoped, quotes[key], near) is not None]
        if stating and len(stating) < len(keys):
            silent = tuple(key for key in keys if key not in stating)
            keys = stating
            asked = tuple(t for t in q.asks if t in types)
            quotes = _leading(quotes, lambda key: _holding(retriever, scoped, quotes[key], asked))
    found = Found(scoped, "named", tuple(keys), {key: quotes[key] for key in keys}, silent=silent,
                  silent_what=_not_stated(retriever, scoped, list(silent), quotes, types) if silent else "")
    missing = _not_stated(retriever, scoped, keys, quotes)
    related = _related(retriever, scoped, keys, quotes) if missing and not scoped.request.words.absent else ()
    if related:
        # 「約4割削減」 for "how much time": the related statement is quoted first
        asked = replace(q, asks=tuple(dict.fromkeys(q.asks + related)))
        quotes = rank(r, asked, keys, scoped.request.vector, content=content(scoped))
        keys.sort(key=lambda key: -quotes[key][0].score if quotes[key] else 0.0)
        return Found(scoped, "named", tuple(keys), {key: quotes[key] for key in keys})
    if missing and "date" in q.asks and "until" not in q.asks and len(keys) == 1 \
            and (start := stated(r, keys[0], "start")) \
            and start.headline:
        # 「相模原市はいつから？」: only its reference's headline dates it (「実証実験を6/1開始!」) —
        # the sentence of that start is quoted, the headline shown beside it
        return replace(found, quotes=_start_first(r, found.quotes), headline=True)
    if missing:
        verb = "mention" if scoped.request.words.absent else "state"
        return replace(found, not_stated=missing, verb=verb)
    if q.facets and _facet_not_stated(retriever, scoped, keys, quotes, groups):
        facet = topics(q)[0]
        return replace(found, closest=facet.ja if q.lang == "ja" else facet.en)
    return found


def topics(q) -> list:
    """The facets a question names that are a topic — a use, a rule, a vendor — not a stage or a
    kind of statement ("plan to …", "a first")."""
    return [f for f in q.facets if f.group not in ("status", "info")]


def _topic_first(retriever, q, quotes: dict[str, list[Quote]]) -> dict[str, list[Quote]]:
    """A place swap asks the last question's topic of another place: 「日光市のワークショップは
    いつ？」 → 「青森県は？」 is about 青森県's 体験会, not any date of 青森県. The sentence that
    proves the use, rule or vendor it names leads (scored as the best, so the sentences that
    scored close to the best still follow: the date, when the case gives one)."""
    asked = [f.key for f in topics(q)]

    def proving(key: str) -> int | None:
        has = retriever.facets.get(key, {})
        return next((has[f] for f in asked if f in has), None)
    return _leading(quotes, proving)


def _group_sentence(retriever, key: str, groups: frozenset[str]) -> int | None:
    """The sentence stating the case's first facet (in the taxonomy's order) of the groups named."""
    has = retriever.facets.get(key, {})
    return next((has[f.key] for f in retriever.knowledge.taxonomy.facets
                 if f.group in groups and not f.meta and f.key in has), None)


def _start_first(retriever, quotes: dict[str, list[Quote]]) -> dict[str, list[Quote]]:
    """「千代田区はいつから？」: the sentence that dates the case's start (「8月に行うテスト」, as the
    ranking of starts reads it) leads, not the one that dates an end (「テストは10月まで」)."""
    def dating(key: str) -> int | None:
        start = stated(retriever, key, "start")
        return None if start is None else start.n
    return _leading(quotes, dating)


def _end_first(retriever, quotes: dict[str, list[Quote]]) -> dict[str, list[Quote]]:
    """「ログミーツの追加機能はいつまで使われましたか？」: when the case's best sentence holds the
    question's other words and none of the kinds asked (no date, no end: 「…「ログミーツ」の追加機能
    として利用されます」), its best-ranked sentence that states an end (「5月15日から7月21日の期間で
    使用し」, the asked kind `until` itself) leads. (A best sentence with a date or a period stays:
    「7月24日から…2か月間試行」 dates Nerima's end better than 「検証期間終了後」.)"""
    k = retriever.knowledge
    until = answer_type(k, "until")

    def ending(key: str) -> int | None:
        if quotes[key][0].typed > 0:
            return None
        return next((x.n for x in quotes[key] if x.score >= 0 and holds(until, typed_text(x.text), k)), None)
    return _leading(quotes, ending)


def _leading(quotes: dict[str, list[Quote]], sentence_of) -> dict[str, list[Quote]]:
    """Each case's quotes with the sentence ``sentence_of(key)`` names first, scored as the best
    (so the sentences that scored close to the best still follow); unchanged when it names none
    or that sentence was not ranked."""
    out = dict(quotes)
    for key, ranked in quotes.items():
        n = sentence_of(key) if ranked else None
        if n is None or ranked[0].n == n:
            continue
        lead = next((x for x in ranked if x.n == n and x.score >= 0), None)
        if lead is not None:
            out[key] = [replace(lead, score=ranked[0].score)] + [x for x in ranked if x is not lead]
    return out


def _not_stated(retriever, scoped: Scoped, keys: list[str], quotes: dict[str, list[Quote]],
                types: tuple[str, ...] = ()) -> str:
    """What the question asks of the named case that the case does not state: a name the
    article never mentions ("Copilot"), or a figure of a kind no sentence holds (asked how many
    staff of a case that gives no number; of these ``types``, by default the policy's
    ``stated_types``). "" when the case may answer."""
    q, k, policy = scoped.request.q, retriever.knowledge, retriever.policy
    if scoped.request.words.absent:
        return ", ".join(scoped.request.words.absent)
    asked = [t for t in q.asks if t in (types or policy.stated_types)]
    if not asked:
        return ""
    types = [t for t in k.questions.answer_types if t.name in asked]
    sentences = (x.text for key in keys for x in quotes[key])
    if any(holds(t, _dating(s, q, k), k, q.units) for s in sentences for t in types):
        return ""
    return "・".join(_ASKED_JA.get(t, t) for t in asked) if q.lang == "ja" else \
        " or ".join(_ASKED_EN.get(t, t) for t in asked)


def _holding(retriever, scoped: Scoped, ranked: list[Quote], types: tuple[str, ...]) -> int | None:
    """The best-ranked sentence of a case that holds one of these answer ``types``, or None."""
    q, k = scoped.request.q, retriever.knowledge
    asked = [t for t in k.questions.answer_types if t.name in types]
    return next((x.n for x in ranked if x.score >= 0 and any(holds(t, _dating(x.text, q, k), k, q.units) for t in asked)),
                None)


def _related(retriever, scoped: Scoped, keys: list[str], quotes: dict[str, list[Quote]]) -> tuple[str, ...]:
    """The answer types related to the asked ones that a sentence about what was asked holds, or
    () when none does. A sentence is about it when it shares a content word with the question,
    when what it holds is a topic type (it names what the figure would measure: 「費用」), or
    when it counts in the asked unit (「28人の職員」 for 「職員の何割」)."""
    q, k, policy = scoped.request.q, retriever.knowledge, retriever.policy
    related = policy.related_to(q.asks)
    types = [t for t in k.questions.answer_types if t.name in related]

    def about(t, x) -> bool:
        return (t.name in policy.topic_types or x.lexical >= policy.related_about
                or (t.name == "count" and bool(q.units) and holds(t, typed_text(x.text), k, q.units)))

    held = {t.name for key in keys for x in quotes[key] for t in types
            if holds(t, _dating(x.text, q, k), k) and about(t, x)}
    return tuple(t for t in related if t in held)


def _dating(text: str, q, k) -> str:
    """A sentence as its answer types are read for the question: asked when a case began, without
    the dates that come round every year (「毎年4月から6月に集中して」 is no start)."""
    text = typed_text(text)
    conditions = k.questions.conditions
    return conditions["recurring"].sub("", text) if conditions["asks_start"].search(q.text) else text


def _facet_not_stated(retriever, scoped: Scoped, keys: list[str], quotes: dict[str, list[Quote]],
                      groups: frozenset[str] = frozenset()) -> bool:
    """The named case has none of the asked facets and its text does not answer in words."""
    facets = retriever.facets
    asked = topics(scoped.request.q)
    if not asked:        # a stage or a kind of statement ("plan to …") is not a rule the case lacks
        return False
    if any(_group_sentence(retriever, key, groups) is not None for key in keys):
        return False     # 「つくば市のルールは？」: a rule it states answers, guidelines or not
    if any(f.key in facets.get(key, {}) for key in keys for f in asked):
        return False
    said = facet_groups(retriever, scoped)
    if any(quotes[key][0].typed > 0 and any(not sentence_words(retriever, key, quotes[key][0].n).isdisjoint(g)
                                            for g in said) for key in keys if quotes[key]):
        # "How many years of council minutes …?": the sentence that holds the asked figure and
        # the words that asked for the facet (「過去10年分の会議録」) answers it, facet or not
        return False
    return max(quotes[key][0].lexical for key in keys) < retriever.policy.min_coverage


__all__ = ["named", "topics"]
