"""A conversation, not a form: reading a follow-up in the context of the turn before it.

The subject of a conversation is its last case or list. Staff narrow the list on screen
(「そのうち中国地方はどこ？」, "only the prefectures", 「関東以外は？」, "except Tokyo"), widen it
(「全国では？」, 「近畿全体だと？」), swap the place ("What about Yokosuka?", 「千葉県は？」 — also three
turns later), or ask a detail of the case just shown (「いつまで？」, "how many staff?",
「どれくらい時間を短縮できた？」). A message is read, in this order, as

* **widening** — it says 「全国」/"nationwide"/「…全体」/"all of Kanto" and has no topic of its
  own: the last question, asked in the message's own scope (none: the whole article);
* **narrowing** — it says 「そのうち」/"only"/「以外」/"except", or names only a region, level,
  kind or place, right after a list: the cases on screen, filtered; never a new search (a facet
  or words of its own narrow them by evidence, the cases on screen still the ones in play) —
  unless it asks a kind of answer of the place it names (「広島県はいつから？」): a new question;
* **a place swap** — it names a place and nothing else of its own: the last question, asked
  about that place (also a region or an exclusion after an answer that found nothing in the
  place its question named, or an exclusion that leaves out every case on screen);
* **a detail** — no place, scope or list question of its own, right after one case (or refers
  back with 「それ」/"it"; "the prefecture's" after a city: its prefecture's case): asked of that
  case;
* **a new question** — anything else: answered on its own, nothing carries over.

Rule-based on purpose: it works offline with no LLM. The wording is in
``core/domain/questions.toml`` [conversation]; `understood_as` says how a follow-up was read
(`chatbot.qa.lead.understood_as`), so staff can see a wrong reading and rephrase.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from chatbot.qa.read.back_to_list import list_again, rest_of_its_list, without_limit
from chatbot.qa.read.conditions import without_conditions
from chatbot.qa.read.moves import (adding as _adding, beyond as _beyond, echoes as _echoes, elsewhere as _elsewhere,
                                   others as _others, own_words as _own_words, placed as _placed,
                                   same_prefecture as _same_prefecture, same_topic as _same_topic, sibling as _sibling,
                                   whole_of as _whole_of)
from chatbot.qa.read.kept_one import kept_one
from chatbot.qa.read.list_bounds import as_it_was, past_the_list
from chatbot.qa.read.pick import one_of_the_list
from chatbot.qa.read.pick_named import list_after_pick, named_of_the_list
from chatbot.qa.read.one_case import alike as _alike, asked_again as _asked_again, echoed as _echoed, of_other_cases
from chatbot.qa.read.refer import its_place_left_out, the_other_one
from chatbot.qa.read.restated import restated
from chatbot.qa.read.switch import topic_in_place
from chatbot.qa.read.turns import (Reading, TurnState, admits_any as _admits_any, lacking as _lacking,
                                   left_out_of as _left_out_of, listed_facets as _listed_facets, ordinal as _ordinal,
                                   narrowed_to as _narrowed_to, kept_out as _kept_out,
                                   said_of as _said_of, past_position as _past_position, referred as _referred)
from chatbot.qa.read.understand import Query
from chatbot.qa.read.wander import back_to_the_list, earlier_case, office_as_level, on_the_list_before
from chatbot.qa.read.where import Scope, read_levels
from core.cases import Case
from core.knowledge import Knowledge


# A number of cases (「他の2つ」, "the other two"): no topic of its own.


def read_follow_up(q: Query, content: list, prev: TurnState | None, k: Knowledge,
                   cases: Mapping[str, Case] | None = None) -> Reading:
    """Read a message given the turn before it (``content``: the message's own content words;
    ``cases``: the article's cases by key, to tell which case "the prefecture" refers back to)."""
    if prev is None:
        return Reading(q)
    words = k.questions.conversation
    if words["new"].search(q.text):
        # 「ところで、…」, "By the way, …": a new subject, nothing carries over
        return Reading(q)
    # (「さっきのリストで他には？」, 「さっきの県は…？」, "What about Niigata City?" after a pick: `wander`)
    q, prev = office_as_level(q, prev), on_the_list_before(q, prev, cases)
    prev = list_after_pick(q, prev, k)        # 「静岡県は？」 after 「2番目の事例は？」: the list (`pick_named`)
    again = back_to_the_list(q, prev, k, cases) or earlier_case(q, prev, k, cases) or past_the_list(q, prev, k)
    if again is not None:
        return again
    q = without_limit(q, k)
    if (again := restated(q, prev, k))[0] is not q:
        (q, prev), content = again, _own_words(again[0], (), k)    # "Minus Tohoku — which are left?" (`restated`)
    if (back := list_again(q, prev, k, cases)) is not None:
        # 「鳥取県以外ではどこ？」 after a list and a detail of 鳥取県: the list is the subject (`back_to_list`)
        q, prev = back
        content = _own_words(q, (), k)
    ref = words["listed"].search(q.text)
    if ref:
        # 「さっきのリストのうち政令市だけ」, "from the list above": words that name the list on
        # screen point back at it (like 「そのうち」) and are no topic of their own
        q = replace(q, rest=words["listed"].sub(" ", q.rest))
        content = _own_words(q, (), k)
    picked = _ordinal(q, prev, words["ordinal"])
    if picked:
        # 「2番目の事例はどこと組んでいる？」, "the first one — when did it start?": that case of the list
        q = _past_position(q, words["ordinal"], k)
        return Reading(replace(q, intent="fact", scope=Scope()), Scope(case_keys=frozenset(picked)),
                       "detail", picked)
    one = one_of_the_list(q, prev, k, cases) or named_of_the_list(q, prev, k, cases)
    if one is not None:
        # "Which one has about 750 staff in the trial?", "Tell me about Kobe": that one of the cases on screen
        return one
    own_scope = q.scope.structural
    places = q.known_places or q.unknown_places
    if words["restore"].search(q.text) and prev.reading == "narrow" and prev.base is not None and \
            prev.base.cited and not (q.facets or q.conditions or places or own_scope) and \
            not _own_words(q, ("restore",), k):
        # 「やっぱり全部見せて」 after 「近畿以外」: the list that was narrowed, as it was
        return as_it_was(q, prev.base)
    if (words["opposite"].search(q.text) or words["negated"].search(q.text)) and prev.kind in ("list", "count") and \
            _left_out_of(prev) is not None and not (q.facets or q.conditions or places or own_scope) and \
            _echoes(q, prev, k):
        # 「そのうちガイドラインがあるのは？」 → 「逆にないのは？」, 「組んでいないのは？」, "And the ones that
        # don't?": the cases that narrowing left out of the list before it (its words are the narrowing's)
        return _others(q, prev, cases)
    sc = q.scope
    # (「それ以外の市は？」 after 「そのうち関東の市」: the rest, of that level)
    leveled = bool(sc.levels or sc.kinds) and not (sc.regions or sc.prefectures or sc.areas or sc.without) and _left_out_of(prev) is not None
    if words["rest"].search(q.text) and prev.kind in ("list", "count") and prev.cited and \
            not (q.facets or q.conditions or places or (own_scope and not leveled)) and \
            not _own_words(q, ("rest", "narrow", "others"), k):
        # 「残りは？」, 「それ以外は？」, "the rest?" after 「三重県は？」 (also after a 「何件？」 of it):
        # the cases of the list it narrowed that it left out, not the list on screen again
        rest = _others(q, prev, cases)
        return replace(rest, scope=replace(rest.scope, levels=sc.levels, kinds=sc.kinds)) if leveled else rest
    if (rest := rest_of_its_list(q, prev, k, cases)) is not None:
        # 「東海の事例は？」 → 「富士市は何を導入した？」 → 「他の2つは？」: the rest of that list (`back_to_list`)
        return rest
    named_prefs = tuple(p.name for p in q.known_places if p.kind == "prefecture")
    # (「全国」 the glossary reads off "nationwide" says where, not what)
    topic = bool(q.facets or q.conditions or [w for w in content if not all(words["widen"].search(x) for x in w)])
    # 「もう一つの自治体は？」, 「福井県以外では？」 after one case's answer (`refer`); 「じゃあ議事録は？」 (`switch`)
    other = the_other_one(q, prev, k, cases) or its_place_left_out(q, prev, k, cases, topic) or topic_in_place(q, prev, k)
    if other is not None:
        return other
    # (「それ以外の中国地方の県だと？」, 「それ以外の新潟県の事例だと？」: the rest, in the place it names)
    placed_rest = bool(words["rest"].search(q.text)) and len(named_prefs) == len(places)
    if (words["rest"].search(q.text) or words["others"].search(q.text)) and prev.kind == "fact" and \
            prev.reading == "new" and len(set(prev.cited)) == 1 and prev.q.known_places and cases and \
            not (q.facets or q.conditions or q.asks) and \
            (placed_rest or not (places or q.scope.regions or q.scope.prefectures or q.scope.areas)) and \
            not (words["asks"].search(q.rest) or words["same_prefecture"].search(q.text) or
                 words["alike"].search(q.text) or words["back"].search(words["rest"].sub(" ", q.text))) and \
            (prev.q.facets or prev.q.conditions or prev.q.content(k)) and \
            not _own_words(q, ("rest", "others"), k):
        # 「広島県は外部向けの資料に使える？」 → 「それ以外の県だと？」, "What about other prefectures?":
        # the question asked of the case it named (by the rule its answer stated), of the other
        # cases (of the level and place it names)
        return of_other_cases(q, prev, k, cases)
    if prev.kind == "none" and not prev.reasons and not topic and _placed(prev) and \
            (own_scope or (places and len(named_prefs) == len(places))):
        # 「四国でアンケートをとった事例は？」 found none → 「四国以外では？」, "Outside Okinawa then?":
        # the same question elsewhere, not every case of the article outside that place
        return _elsewhere(q, prev, named_prefs)
    if prev.kind == "fact" and prev.reading == "new" and len(set(prev.cited)) == 1 and not topic and \
            not _placed(prev) and not prev.q.places and prev.q.intent != "count" and \
            q.scope.without is not None and cases and not _admits_any(q, prev.cited, cases):
        # 「チェックするルールがあるのは？」 answered with one case → 「静岡以外は？」 (the place of that
        # case): the same question outside it (a list), not every case of the article outside it
        again = _elsewhere(q, prev, named_prefs)
        return replace(again, q=replace(again.q, intent="list"))
    listed = prev.kind in ("list", "count") and bool(prev.cited)
    if not listed and prev.last_list is not None and (words["narrow"].search(q.text) or ref):
        # "Of those DX ones, …" two turns after the list: that list is what is narrowed
        prev, listed = prev.last_list, True
    asks_cases = q.intent in ("list", "count") and bool(k.questions.cases.search(q.text))
    negated = _lacking(q, k) if listed and not places else ()
    before = _left_out_of(prev) if negated else None
    if before is not None and set(negated) <= {f.key for f in prev.q.facets} - {f.key for f in before.q.facets}:
        # 「そのうちガイドラインがあるのは？」 → 「逆にガイドラインがないのは？」: lacking what that
        # narrowing kept them for, among the list it narrowed (none on screen lacks it)
        prev = before
    if negated:
        # 「そのうちガイドラインがないのは？」, "Which of those don't have guidelines?": the cases on
        # screen less those that have it (never the cases that have it: the opposite was asked)
        merged = replace(prev.q, text=f"{prev.q.text} {q.text}", lang=q.lang,
                         intent="count" if q.intent == "count" else "list", facets=_listed_facets(prev),
                         places=(), excluded=q.excluded)
        scope = replace(q.scope, case_keys=frozenset(prev.cited))
        return Reading(merged, scope, "narrow", prev.cited, prev.reasons, prev.whys, prev.label,
                       on_screen=True, topic=prev.topic, lacking=negated)
    if words["widen"].search(q.text) and listed and words["others"].search(q.text) and not q.places \
            and not q.facets and not words["adding"].search(q.text) and not _own_words(q, ("widen", "others"), k):
        # 「他の地域は？」, "In other regions?": the same subject's cases not on screen
        return _others(q, prev, cases)
    # 「神戸市は何を全国で初めて作った？」: a question of the place it names, not a widening
    of_place = bool(places) and q.intent == "fact" and bool(q.asks or words["asks"].search(q.rest))
    # ("Nationwide, … that kind of rule?": the list's subject, more widely; 「全国で」 + a topic of its own: no narrowing)
    wide = bool(words["widen"].search(q.text))
    if wide and not (topic and asks_cases and not _same_topic(q, prev, k)) and not of_place:
        # 「全国では？」: the last question, in the message's own scope (or the whole article)
        # (its facets, levels, kinds and what it left out stay: 「北陸で県以外」 → 「…全体だと？」)
        merged = replace(prev.q, text=f"{prev.q.text} {q.text}", lang=q.lang, places=(),
                         intent="count" if q.intent == "count" else prev.q.intent,
                         conditions=prev.q.conditions + q.conditions, scope=Scope(), excluded=())
        if merged.intent == "fact":
            merged = replace(merged, intent="list")
        kept = prev.scope.without
        kept = replace(kept, regions=(), prefectures=(), areas=(), area_prefectures=(), case_keys=frozenset(),
                       named=()) \
            if kept is not None else None
        # ("Tokyo as a whole?", 「神奈川県全体では？」: the prefecture it names is its scope)
        said = replace(q.scope, prefectures=q.scope.prefectures + named_prefs) \
            if places and len(named_prefs) == len(places) else q.scope
        beyond = _beyond(said, prev.scope)
        whole = _whole_of(said, prev.scope, beyond, words["not_only"].search(q.text))
        # (the level of a narrowing (or its list) before: 「…市は？」 → 「関東以外は？」 / 「市だけ」 → 「横須賀市以外」 → 「全国では？」)
        was = _narrowed_to(prev)
        scope = replace(whole or beyond, levels=() if whole else q.scope.levels or was.levels,
                        kinds=() if whole else q.scope.kinds or was.kinds,
                        case_keys=frozenset(),
                        without=q.scope.without or (kept if kept is not None and kept.structural else None))
        # the cases on screen answered the same question: the wider list keeps them
        shown = (prev.cited, prev.reasons, prev.whys) if listed else ((), (), ())
        return Reading(merged, scope, "widen", *shown, label=prev.label, topic=prev.topic)
    said = bool(words["narrow"].search(q.text) or ref)
    # (「県も含めると？」: the level it adds, read as the scope 「県庁も含めて」 only widens to)
    added = read_levels(q.text, k, widening=False) if words["adding"].search(q.text) and listed else ((), ())
    if words["adding"].search(q.text) and listed and not (said or q.scope.without) and \
            not (q.facets or q.conditions or _own_words(q, ("adding",), k)) and \
            (q.scope.regions or q.scope.areas or added[0] or added[1] or
             (places and len(named_prefs) == len(places))):
        return _adding(replace(q, scope=replace(q.scope, levels=added[0], kinds=added[1])), prev, named_prefs)
    # 「県内で初めて導入したのはどこ？」 right after a list of two or three, 「研修をしているのは？」 (no
    # word for cases of its own) right after any list: which of them, by its own words (a question
    # of its own when none of them is)
    shown = len(set(prev.cited))
    bare = shown > 3 and q.intent in ("list", "fact") and not k.questions.cases.search(q.text) and \
        not (q.asks or words["asks"].search(q.rest))
    # (「そこで勉強会を開いたのは？」: "the one(s) that …", no what or when: which of them)
    which = q.intent == "list" or bool(words["which_one"].search(q.text)) and not (q.asks or words["asks"].search(q.rest))
    guess = not said and (which and 2 <= shown <= 3 or bare) and topic and \
        not (places or own_scope) and listed and not (words["new"].search(q.text) or words["thing"].search(q.text))
    said = said or guess
    if listed and (one := kept_one(q, prev, k, cases, said)) is not None:
        # 「そのうち市は何を検討している？」, 「県庁では何人が対象？」 after a short list: a detail asked of
        # the one case on screen its level, office or place keeps (`kept_one`)
        return one
    if not said and len(set(prev.cited)) == 1 and words["others"].search(q.text) and cases and \
            words["same_prefecture"].search(q.text) and not places:
        same = _same_prefecture(q, prev, k, cases)
        if same is not None:
            return same
    if not said and len(set(prev.cited)) == 1 and words["others"].search(q.text):
        own = bool(q.facets or q.conditions or _own_words(q, ("others", "alike"), k))
        # (「そういう検知の機能があるところはほかにある？」: its words only repeat that case's question
        # or answer — no topic of its own)
        echo = bool(cases) and prev.kind == "fact" and not q.conditions and _echoed(q, prev, cases, k)
        if (words["alike"].search(q.text) or echo and asks_cases) and not ((own and not echo) or places or own_scope) \
                and prev.q.facets and cases:
            # 「他にそういう自治体は？」, 「ほかに同じルールの自治体は？」, "Any others like that?": the
            # question that case answered (a yes/no one: the rule its answer stated), of every other case
            return _alike(q, prev, k, cases)
        said_of = _said_of(prev, cases, k) if cases and not (own or places or own_scope or prev.q.facets) and \
            (words["alike"].search(q.text) or words["back"].search(q.text)) else ()
        if said_of:
            # 「富士市ではChatGPTのほかに何を導入した？」 → 「他にそういうところは？」, "Who else uses it?":
            # what the answer quoted of that case (Bard), of every other case
            # (its words were about that case — 「ツール」, 「何を導入した」 —: the facets alone ask it)
            asked = replace(prev.q, facets=said_of, facet_words=tuple(f.ja for f in said_of), places=(),
                            rest="", terms=(), asks=(), conditions=())
            return _others(q, replace(prev, q=asked, scope=Scope(), reading="new"), cases)
        # 「神奈川県の他の事例は？」, "Any others in Kanto?" after one case: the place's cases, less it;
        # 「他に全国初の取り組みをした自治体は？」: the cases its own words ask for, less it
        bare_place = (own_scope or named_prefs) and not _own_words(q, ("others",), k)
        if len(named_prefs) == len(places) and (bare_place or own and (asks_cases or q.intent == "list")):
            bare = replace(q, rest=words["others"].sub(" ", q.rest))
            shown = prev.cited[0]
            named = (cases[shown].title,) if cases and shown in cases else ()
            scope = replace(q.scope, prefectures=q.scope.prefectures + named_prefs).excluding(
                Scope(case_keys=frozenset(prev.cited), named=named))
            return Reading(replace(bare, intent="count" if q.intent == "count" else "list", places=()), scope)
    if listed and not said and not places and not own_scope and words["others"].search(q.text) and \
            not (q.facets or q.conditions or _own_words(q, ("others",), k)):
        return _others(q, prev, cases)
    # (「そのうち都城市は何を開発している？」: a case it names by name is no narrowing, 「そのうち」 or not)
    of_named = bool(q.known_places) and all(p.kind != "prefecture" and p.case_ids for p in q.known_places)
    searched = listed or (prev.kind == "none" and prev.q.intent in ("list", "count"))
    if searched and places and (not said or of_named) and q.intent == "fact" and (q.asks or words["asks"].search(q.rest)):
        # 「広島県はいつから？」 after a list (or one that found none) asks a detail of that place: a question of its own
        return Reading(q)
    # 「何件？」, "How many?" right after a list: how many are on screen, not a detail of each
    tally = listed and q.intent == "count" and not (topic or places or own_scope)
    # 「2023年に始めたのは？」 right after a list: a figure condition and nothing else of its own
    # filters the cases on screen
    conditioned = listed and bool(q.conditions) and not q.facets and \
        not replace(q, rest=without_conditions(q.rest, k)).content(k)
    # 「その市はいつから？」, "When did that city start?" right after a list: a detail of the case it
    # refers back to (below), not the list narrowed to that level again
    refers = not said and listed and q.intent == "fact" and not places and \
        bool(words["back"].search(q.text)) and bool(q.asks or words["asks"].search(q.rest))
    narrowing = not refers and not (topic and wide) and (said or tally or conditioned or ((own_scope or places) and not topic))
    prefs_only = named_prefs if places and len(named_prefs) == len(places) else ()
    # "How many are cities?" right after a list names only a level: that list's cities (「市の事例を
    # すべて挙げて」 asks all of them anew)
    level_only = asks_cases and not topic and not places and not k.questions.every.search(q.text)
    kept_levels: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())
    if narrowing and listed and (said or tally or not asks_cases or level_only) or \
            (listed and q.scope.without and not topic):
        if (not said or q.scope.without) and prev.base is not None and cases and \
                not _admits_any(q, prev.cited, cases):
            # "Just Kinki." then "What about Kanto?" / "… outside Kinki and Kanto?": a sibling of
            # the last narrowing, not a narrowing of it (that would be empty by construction):
            # the list before it, narrowed (by the level a narrowing named, when the message names none:
            # 「そのうち市は？」 → 「じゃあ神奈川県は？」, 「県だけ」 → 「東京都は除いて」 → 「九州では？」)
            of = _narrowed_to(prev)
            levels = (of.levels, of.kinds) if not (q.scope.levels or q.scope.kinds) else ((), ())
            kept_levels, prev = levels, prev.base
            if levels[0] or levels[1]:
                prev = replace(prev, scope=replace(prev.scope, levels=levels[0], kinds=levels[1]))
        elif not said and prev.base is None and cases and (own_scope or prefs_only) and \
                prev.scope.structural and not _admits_any(q, prev.cited, cases):
            # "Which prefectures have guidelines?" → "And the cities?", 「千葉県の事例は？」 →
            # 「埼玉県は？」: the same question of another level, region or prefecture the first one
            # left out by its own scope, not an empty filter
            return _sibling(replace(q, scope=replace(q.scope, prefectures=q.scope.prefectures + prefs_only)), prev)
        if (q.scope.without or own_scope or prefs_only) and not topic and cases and \
                not _admits_any(q, prev.cited, cases):
            # 「中国地方以外は？」 after a list all in 中国, 「関東だけ」 after a list with no case of
            # Kanto: the same question asked there (the list on screen may be short of cases),
            # not an empty filter
            return _elsewhere(q, prev, prefs_only)
        # (of the question's facets, those its list was built from: "draft greetings" named
        # drafting and greetings, and listed the greetings — narrowing keeps them, not both)
        facets = q.facets or _listed_facets(prev)
        # the previous question is still what is asked: the quotes and the lead line read it
        merged = replace(prev.q, text=f"{prev.q.text} {q.text}", lang=q.lang,
                         intent="count" if q.intent == "count" else "list",
                         facets=facets, facet_words=q.facet_words if q.facets else prev.q.facet_words,
                         conditions=prev.q.conditions + q.conditions, asks=q.asks or prev.q.asks,
                         places=q.places, excluded=q.excluded)
        if said and q.content(k) and not (q.facets or q.conditions or q.scope.without):
            # 「そのうち外国人に触れているのは？」, "Which of them also use it for e-mails?": its own words narrow
            merged = replace(merged, rest=q.rest, terms=q.terms)
        prefs = tuple(p.name for p in q.places if p.kind == "prefecture")
        scope = replace(q.scope, prefectures=q.scope.prefectures + prefs, case_keys=frozenset(prev.cited))
        scope = scope.excluding(_kept_out(q, prev))     # 「県は除いて」 → 「三重県も除いて」: 都道府県・三重県以外
        if kept_levels[0] or kept_levels[1]:
            # 「その中で県は？」 → 「東北では？」: the whole list's prefectures of 東北
            scope = replace(scope, levels=kept_levels[0], kinds=kept_levels[1])
        elif not scope.structural and prev.scope.structural and (prev.reading == "narrow" or prev.q.facets):
            # 「関東以外は？」 → 「何件？」: the list on screen is still the one outside Kanto — the
            # count and its lead line say so (its cases already are; a first question with no facet
            # is quoted whole, its place with it)
            scope = replace(prev.scope, case_keys=scope.case_keys, named=scope.named)
        named = tuple(p for p in q.known_places if p.kind != "prefecture")
        if named:
            merged = replace(merged, places=named)
        return Reading(merged, scope, "narrow", prev.cited, prev.reasons, prev.whys, prev.label,
                       on_screen=not (q.facets or q.conditions or content), topic=prev.topic, anew="cases" if guess else "")
    if places and not topic and not own_scope and prev.kind == "fact" and q.intent == "fact" and \
            (q.asks or words["asks"].search(q.rest)) and not (prev.q.asks or words["asks"].search(prev.q.rest)):
        # 「佐賀県ではAIの回答をそのまま使ってもいい？」 → 「宮崎県は何に使っている？」: a what or when of
        # its own after a yes/no question is a question of that place, not the yes/no one again
        return Reading(q)
    if places and not topic and not own_scope and (words["swap"].search(q.text) or len(q.rest.split()) <= 3):
        # (after a yes/no question about one case, its question as the rule its answer stated:
        # 「山口県は…外部への回答に使える？」 → 「じゃあ島根県は？」 asks for 島根県's rule on it)
        asked = _asked_again(prev, cases, k) if cases and prev.kind == "fact" and len(set(prev.cited)) == 1 else prev.q
        merged = replace(asked, text=f"{q.text} {prev.q.rest}", lang=q.lang, places=q.places,
                         excluded=(), scope=replace(prev.q.scope, prefectures=(), areas=(), area_prefectures=(),
                                                    without=None))
        if listed and q.known_places:
            # after a list, 「千葉県は？」 asks the same of Chiba: the place is the scope
            scope = Scope(levels=prev.scope.levels, kinds=prev.scope.kinds, prefectures=named_prefs)
            return Reading(merged, scope, "place") if named_prefs \
                else Reading(replace(merged, intent="fact"), None, "place")
        return Reading(merged, None, "place")
    back = bool(words["back"].search(q.text))
    if not places and (not own_scope or back) and prev.cited and not asks_cases:
        single = prev.kind == "fact" or len(set(prev.cited)) == 1
        # 「何人？」, "how many staff?", "when?": too short to be a question of its own
        short = (len(q.text.strip(" ？?")) <= 8 if q.lang == "ja" else len(q.text.split()) <= 4)
        # "How many rules …?" of one case asks a figure of it: a count that names no cases (`asks_cases`) is a detail
        # "Which divisions drew up the policy?" of one case: a thing of it, not a list of cases
        thing = single and q.intent == "list" and bool(words["thing"].search(q.text))
        # 「作った専門チームの名前は？」 right after a list of two or three: a detail asked of them;
        # 「どこと共同開発している？」 after any list: which of them, by its words; anew if none has them
        few = listed and (len(set(prev.cited)) <= 3 and q.intent == "fact" or bool(words["thing"].search(q.text) and q.asks))
        sure = (single and q.intent in ("fact", "count")) or not topic or short or back or thing
        if sure or few:
            keys = prev.cited if prev.kind == "fact" else prev.cited[:8]
            if back and q.scope.levels and cases:
                keys = _referred(prev, q.scope, cases) or keys
            merged = replace(q, intent="fact", facets=q.facets, scope=Scope())
            # only a guess from the few on screen: asked anew when none of their sentences holds it
            return Reading(merged, Scope(case_keys=frozenset(keys)), "detail", tuple(keys),
                           anew="" if sure else "words")
    return Reading(q)


__all__ = ["Reading", "TurnState", "read_follow_up"]
