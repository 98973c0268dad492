"""Stage 3: **evidence** — for the cases in scope, their sentences scored against what was asked,
and which cases answer.

Sources of evidence, each a module: named cases (`named`), facets, figure conditions and the
scope itself (`lists`), and hybrid retrieval (`search`); sentences are scored by `sentences`
(content words, dense similarity, asked answer types, facet evidence). `gather` hands a `Found`
to the shape stage.

Abstention, one rule: the article has no answer when the question names a place it has no case
for, is not about AI adoption at all, or when no case in scope holds at least `min_coverage` of
the question's idf-weighted content words (half of it inside a region or prefecture, where few
cases compete) and none is nearer than `dense_floor` in meaning. A word the article never uses
counts as a word the case lacks; an English word the glossary does not know counts for nothing
either way (the glossary helps retrieval, it is never the gate).
"""
from __future__ import annotations

from dataclasses import replace

from chatbot.qa.evidence.centered import by_centered, by_kin, by_paraphrase, without_near_topic, without_topic_alone
from chatbot.qa.evidence.complete import agreeing, one_reading, without_common_part
from chatbot.qa.evidence.context import content
from chatbot.qa.evidence.elsewhere import asked_within, facet_elsewhere, kept_to_scope, whole_article
from chatbot.qa.evidence.found import Found
from chatbot.qa.evidence.lists import by_carried, by_conditions, by_facet, by_stopped, by_structure, only_stopped_pieces
from chatbot.qa.evidence.named import named
from chatbot.qa.evidence.narrowing import narrowing_groups
from chatbot.qa.evidence.nearest import by_nearest_one, with_nearest
from chatbot.qa.evidence.qualifier import with_qualifier
from chatbot.qa.evidence.quoted_part import by_quoted_part
from chatbot.qa.evidence.rare_part import by_rare_part, rare_part
from chatbot.qa.evidence.search import by_search, related
from chatbot.qa.evidence.sentences import quote_of, weights
from chatbot.qa.evidence.support import (beside_facet, beyond_facet, by_nearest, by_sentences, in_passing,
                                         thin_facet, unsaid_things, unwritten)
from chatbot.qa.evidence.common_word import without_common_only
from chatbot.qa.evidence.other_word import without_other_word
from chatbot.qa.evidence.compare import by_aspects
from chatbot.qa.evidence.tables import by_figure, by_group, by_month
from chatbot.qa.evidence.unsaid import without_unsaid
from chatbot.qa.evidence.verbatim import with_verbatim
from chatbot.qa.kinds import SHORT_REPLIES, Kind
from chatbot.qa.scope import Scoped


def gather(retriever, scoped: Scoped) -> Found:
    """The evidence for a scoped request: a "which …" list the strict reading leaves empty is
    the cases whose sentence holds the question's words and is among the nearest in meaning
    (`by_nearest`), when any is — not "no such case"."""
    found = _gather(retriever, scoped)
    request = scoped.request
    if found.source == "facet" and request.q.intent in ("list", "count") and asked_within(scoped):
        # 「都道府県で条例を作ったところは？」: what narrows the facet is read over the whole
        # article (a city alone writes 条例), then kept to the scope — no such prefecture
        found = kept_to_scope(retriever, scoped, found, _gather(retriever, whole_article(scoped)))
    found = _figure_of_one(retriever, scoped, found) or found
    if request.how == "widen" and request.carried and request.q.intent in ("list", "count"):
        found = _keeping_shown(retriever, scoped, found)
    if found.none in ("no_case", "facet") and request.q.intent in ("list", "count") \
            and request.words.content and not request.follow_up and not scoped.scope.case_keys \
            and not only_stopped_pieces(retriever, request.q.text, request.words.content) \
            and not (request.q.reading == "en" and unwritten(retriever, scoped) >= retriever.policy.unwritten_share):
        # (not when half of an English question is nouns JMdict knows and no case writes: "at
        # its public library" — a Japanese noun the article lacks is often its paraphrase,
        # 「トップ自ら」 for 市長, which the nearest sentence answers)
        # (less a case whose sentence is near for a topic it alone writes: 「レンタカーの予約」)
        found = without_topic_alone(retriever, scoped, by_nearest(retriever, scoped)) or found
        if found.none == "no_case":
            # (nothing within near_gap holds enough of its words: the one sentence clearly
            # nearest once what all sentences share is removed, 「ヒント集めに限り」 for 「手がかり
            # 集めや事務の手伝いに限って」)
            found = by_centered(retriever, scoped) or by_paraphrase(retriever, scoped) \
                or by_kin(retriever, scoped) \
                or without_topic_alone(retriever, scoped, by_nearest_one(retriever, scoped)) or found
    # "… for public housing": 住民 alone is left of what it asks (no case writes 住宅)
    found = without_common_only(retriever, scoped, found)
    if request.q.intent in ("list", "count") and not request.follow_up and not scoped.scope.case_keys:
        found = agreeing(retriever, found)      # 「…には使わない」 / 「…には使用禁止」: not the contrary
        found = without_other_word(retriever, found)    # 「補助的な」 is no "subsidies"
        # 「京都大学と連携して…」: 東京大学's case holds 大学 and no word of 京都, nor says it otherwise
        found = without_unsaid(retriever, found)
        # 「窓口で市民に対応する職員を…」: not every case of 'Answering inquiries', but the one
        # that writes 窓口 (the rare word tied to 市民) — the rest share a word, not what it asks
        found = with_qualifier(retriever, found)
    if found.none in ("no_case", "facet", "unsaid") and request.words.content and not scoped.scope.case_keys \
            and not request.on_screen:
        # "no such case", with the cases nearest to the question to read (not cited)
        found = replace(found, related=related(retriever, scoped))
    return found


def _gather(retriever, scoped: Scoped) -> Found:
    request, scope = scoped.request, scoped.scope
    q, words = request.q, request.words
    if request.kind is Kind.NONE:
        return Found(scoped, "none", none=request.how if request.how in SHORT_REPLIES else "empty")
    if request.kind is Kind.VERSION:
        return Found(scoped, "version")
    if request.table is not None and scoped.missing is None:
        return _table(retriever, scoped)
    if scoped.missing is not None:
        return Found(scoped, "none", none="place")
    if request.on_screen:
        return by_carried(retriever, scoped)
    if words.absent and not scope.case_keys:
        return Found(scoped, "none", none="absent")
    if scope.case_keys and q.intent == "fact":
        return named(retriever, scoped)
    if q.conditions:
        return by_conditions(retriever, scoped)
    listing = q.intent in ("list", "count")
    if q.facets and not (listing and _phrase_not_facet(retriever, scoped)):
        listed = by_facet(retriever, scoped)
        if listed is None:
            # "Which prefecture … answers to council questions?": none has 'Assembly answers',
            # nor writes 議会 (a city does) — no such prefecture, not a search of them
            return (listing and facet_elsewhere(retriever, scoped)) or _facet_missing(retriever, scoped)
        # a facet's cases are a list even when no list word asked for them (「…サービスは？」)
        if (listing or not scope.case_keys) and listed.source == "facet":
            narrowing = narrowing_groups(retriever, scoped, listed)
            narrowed = by_sentences(retriever, scoped, listed.facet, narrowing) if narrowing else None
            if narrowed is not None and narrowed.keys and all(set(g) <= words.verbs for g in narrowing) \
                    and not set(narrowed.keys) & set(listed.keys):
                # a verb alone that no case of the facet holds (「…だけに使うと決めている」): it says
                # how the facet is asked, and narrows it to nothing of it — the facet's cases
                narrowing, narrowed = (), None
            if narrowed is not None and narrowed.keys:
                return _detail(retriever, scoped, narrowed) or narrowed
            own = _not_said_to_narrow(retriever, q.text, narrowing)
            if own and narrowed is not None and request.how == "narrow" and scope.case_keys and not request.anew:
                # "Which of them ask staff to report their use?" after four cases none of which
                # writes 報告: none of those on screen, said plainly — not every one of them again
                # (not for the word that said to narrow them: 「関東に限定すると？」's 限定; one only
                # guessed from words of its own, no 「そのうち」, is asked anew when none holds them)
                return Found(scoped, "none", none="on_screen", narrowed_by=tuple("・".join(g) for g in own))
            if narrowing and (q.reading == "ja" or set(narrowing) & set(words.literal)):
                # "a chatbot or a bot" asks 'Answering inquiries', but the cases that write
                # bot / チャットボット have not that facet: the words, not the facet, decide
                beside = without_common_part(retriever, by_sentences(retriever, scoped))
                if beside.keys:
                    return beside
            if listing and not request.follow_up and (q.reading == "ja" or set(narrowing) <= set(words.literal)) \
                    and unsaid_things(retriever, scoped, narrowing, beside_facet(retriever, scoped, listed)):
                # 「生成AIで作った画像を広報のポスターに」 names 'Drafting outward-facing texts'
                # through 広報, but no sentence of any case holds the things that make it narrower
                # (画像, ポスター): the article has no such case, not every case of the facet (nor
                # the nearest sentences, which can only hold the facet's words: no `by_nearest`)
                return Found(scoped, "none", none="unsaid")
            thin = not narrowing and thin_facet(retriever, scoped)
            if thin:
                # "letters of thanks" is far narrower than 'Drafting documents': the cases
                # whose sentences say it, when any does (else the facet, as before)
                own = without_common_part(retriever, by_sentences(retriever, scoped))
                if own.keys:
                    return own
            if not narrowing and in_passing(retriever, scoped):
                # 「学校給食の献立」 names 'Schools / education' through what modifies 給食: the
                # cases whose sentences say it, when any does (else the facet, as before)
                own = without_common_part(retriever, by_sentences(retriever, scoped))
                if own.keys:
                    return own
            beside = not narrowing and beside_facet(retriever, scoped, listed)
            if beside:
                # "nursery school admission" is not 'Schools / education': the cases whose
                # sentences say it, when any does (else the facet, as before)
                own = without_common_part(retriever, by_sentences(retriever, scoped))
                if own.keys and all(_groups_held(request, own.why[k]) >= 2 for k in own.keys):
                    return own
            rare = listing and not request.follow_up and rare_part(retriever, scoped, listed)
            if rare:
                # "… ask by voice how to put out their garbage" names 'Answering inquiries', but
                # 音声, which one of its cases writes, is what it asks: that case, not the facet
                narrowed = by_rare_part(retriever, scoped, listed, rare)
                if narrowed is not None:
                    return narrowed
            split = listing and not request.follow_up and not narrowing and by_quoted_part(retriever, scoped, listed)
            if split:
                # "… check that generated images do not infringe copyright": of the ten cases
                # of 'Copyright', the one whose sentence also says 画像
                return split
            if (thin or beside) and unwritten(retriever, scoped) >= retriever.policy.unwritten_share:
                # "reminder letters for overdue taxes" names 'Drafting documents', but most of
                # what it asks no case writes: the article has no such case, not every draft
                return Found(scoped, "none", none="no_case")
            if listing and not narrowing:
                # a case whose sentence says what asked for the facet, in words its cues do not
                # read (「市議会の一般質問に対する答弁」 for 議会答弁): listed beside the facet's
                listed = beyond_facet(retriever, scoped, listed)
        if listing and listed.source in ("facet", "support"):
            # a case that writes a four-kanji compound of the question word for word (「学校職員」)
            listed = with_verbatim(retriever, scoped, listed)
        return _detail(retriever, scoped, listed) or listed
    if listing and not words.missing and not scope.case_keys and retriever.knowledge.questions.stopped.search(q.text) \
            and only_stopped_pieces(retriever, q.text, words.content):
        # 「利用をやめた市は？」: not every city, nor a search (nor for the pieces of 「見送った」)
        return by_stopped(retriever, scoped)
    if (scope.structural or listing and request.how == "widen") and not words.content and not words.missing \
            and not scope.case_keys:
        # 「中国地方の事例は？」: the scope is the question (and 「全国では？」 after it: every case,
        # not a search for the words of nothing)
        return by_structure(retriever, scoped)
    k = retriever.knowledge
    asks_cases = listing or not q.asks and (k.questions.cases.search(q.text) or k.questions.about_cases.search(q.text))
    if asks_cases and request.how == "new" and not (words.content or words.missing or scope.case_keys or q.places) and \
            (k.questions.every.search(q.text) or k.questions.tables["whole"].search(q.text)
             or words.verbs <= k.stopwords.generic):
        # 「事例は全部で何件？」, "How many cases …?", 「ChatGPTを活用している自治体は？」, 「どんな事例が
        # ある？」 (words every question shares — 載る, 有る — no verb of its own, no detail asked):
        # all of them, not a search for nothing
        return by_structure(retriever, scoped)
    if request.how == "new" and not (listing or q.asks or request.follow_up or words.content or words.missing
                                     or scope.structural or scope.case_keys or q.places):
        # 「ChatGPTとは？」, "Hello": nothing a case could be found by (no topic, place, detail or
        # case): say what can be asked, not three cases nearest to nothing
        return Found(scoped, "none", none="unclear")
    if listing and request.how == "narrow" and words.content:
        return by_sentences(retriever, scoped)     # the cases on screen that say what it adds
    if scope.case_keys:
        return named(retriever, scoped)
    if listing and words.content:
        # a list is decided sentence by sentence: no supporting sentence, no such case
        found = without_common_part(retriever, by_sentences(retriever, scoped))
        if not request.follow_up:
            found = one_reading(retriever, with_nearest(retriever, scoped, found))
            found = without_near_topic(retriever, scoped, found)
        return found
    if listing and _only_unwritten_verbs(retriever, scoped):
        # 「職員の数を減らした自治体は？」: nothing but a verb no case writes — no such case, not
        # the cases a search finds nearest to nothing the article says
        return Found(scoped, "none", none="no_case")
    return without_common_part(retriever, by_search(retriever, scoped)) if listing else by_search(retriever, scoped)


def _detail(retriever, scoped: Scoped, listed: Found) -> Found | None:
    """「zevoを試すときの料金は？」, 「ログミーツの追加機能はいつまで？」: a detail asked of the few
    cases the facet (or the sentences that narrow it) names, answered from their sentences as of a
    named case (「無償トライアル」, 「7月21日の期間で」), not as a list of them; None for a list."""
    q = scoped.request.q
    if q.intent in ("list", "count") or not q.asks or not 0 < len(listed.keys) <= retriever.policy.max_fact_cases:
        return None
    detail = named(retriever, replace(scoped, scope=replace(scoped.scope, case_keys=frozenset(listed.keys))))
    return detail if detail.keys or detail.not_stated else None


def _only_unwritten_verbs(retriever, scoped: Scoped) -> bool:
    """Whether a Japanese list question names no topic word, place or case and each of its own
    verbs (not one every question shares) is one no case writes."""
    request = scoped.request
    words, q = request.words, request.q
    if q.reading != "ja" or words.content or words.missing or q.places or scoped.scope.case_keys \
            or scoped.scope.structural or request.follow_up:
        return False
    own = words.verbs - retriever.knowledge.stopwords.generic
    return bool(own) and all(t not in retriever.bm25.idf for t in own)


def _figure_of_one(retriever, scoped: Scoped, found: Found) -> Found | None:
    """「港の使用許可の申請は年に何件？」, 「空き店舗の相談から何件が出店した？」: "how many" of a thing
    that is not the cases (no 事例 / 自治体 / "cases" counted), which one case alone says, asks
    that case's figure — answered as a detail of it, quoting the sentence that states the count
    (not the sentence it was listed for), when one does in the question's words."""
    request, q = scoped.request, scoped.request.q
    if q.intent != "count" or len(found.keys) != 1 or found.source not in ("facet", "support", "search") \
            or q.places or q.every or request.follow_up or scoped.scope.case_keys or "count" not in q.asks \
            or retriever.knowledge.questions.cases.search(q.text):
        return None
    detail = named(retriever, replace(scoped, scope=replace(scoped.scope, case_keys=frozenset(found.keys))))
    best = detail.quotes.get(found.keys[0], [None])[0] if detail.keys == found.keys else None
    if best is None or detail.not_stated or best.typed <= 0 or best.lexical <= 0:
        return None
    return detail


def _phrase_not_facet(retriever, scoped: Scoped) -> bool:
    """Whether an English question's facets were each asked for only by a word of a phrase the
    dictionary reads as one word the article writes, a word none of the facet's ("family
    registers" is 戸籍, not 'Application required' for "register"): the phrase, not the facet,
    is what it asks, and its words decide the list."""
    import re

    from chatbot.qa.read.understand import glossary_tokens
    from core.text import tokenize

    q, phrased = scoped.request.q, scoped.request.words.phrased
    if q.reading != "en" or not phrased or not q.facet_words:
        return False
    labelled = {t for f in q.facets for t in tokenize(f.ja)}
    glossary = retriever.knowledge.glossary
    for word in q.facet_words:
        word = word.lower().strip()
        asked = labelled | {t for g in glossary.japanese(word) for t in glossary_tokens(g)}
        # (a phrase longer than the word: "personal data" asks for what its facet is named by)
        inside = [toks for phrase, toks in phrased
                  if re.search(rf"\b{re.escape(word)}", phrase) and len(phrase.split()) > len(word.split())]
        if not inside or any(set(toks) & asked for toks in inside):
            return False
    return True


def _keeping_shown(retriever, scoped: Scoped, found: Found) -> Found:
    """A widening (「全国だと？」, "and in the whole country?") asks the same question more widely:
    the cases on screen answered it, so the wider list keeps every one its scope admits, quoted
    with the sentence it was listed for — a narrower scope may have read the question by another
    route (a facet no case in Shikoku has, then the words) than the whole article does."""
    r, request = retriever, scoped.request
    if found.none not in ("", "no_case", "facet"):
        return found
    reasons, whys = dict(request.reasons), dict(request.whys)
    extra = [key for key in dict.fromkeys(request.carried) if key in r.cases and key not in found.keys
             and scoped.scope.admits(key, r.cases[key])]
    if not extra:
        return found
    weighted = weights(content(scoped), r.bm25.idf)
    kept = {key: quote_of(r, key, reasons.get(key, 0), weighted) for key in extra}
    keys = sorted(found.keys + tuple(extra), key=lambda key: r.cases[key].position)
    if found.facet and any(found.facet not in r.facets.get(key, {}) for key in extra):
        # a case kept that lacks the wider reading's facet: the list is not of that facet
        found = replace(found, facet="", label=request.label)
    return replace(found, source=found.source if found.keys else "carried", keys=tuple(keys),
                   quotes={**found.quotes, **{k: [x] for k, x in kept.items()}},
                   reasons={**found.reasons, **kept}, why={**found.why, **{k: whys.get(k, "") for k in extra}},
                   none="")


def _groups_held(request, why: str) -> int:
    """How many of the question's word groups a quote holds (its ``why``: "…words:a,b")."""
    held = set(why.rpartition("words:")[2].split(","))
    return sum(1 for g in request.words.content if held & set(g))


def _table(retriever, scoped: Scoped) -> Found:
    """A question about all the cases at once (`chatbot.qa.evidence.tables`)."""
    t = scoped.request.table
    if t.kind is Kind.AGGREGATE:
        return by_group(retriever, scoped, t.group, t.ascending)
    if t.kind is Kind.RANK:
        return by_figure(retriever, scoped, t.figure, t.ascending, t.top, t.per, ranked=t.which)
    if t.kind is Kind.TIMELINE:
        return by_month(retriever, scoped)
    return by_aspects(retriever, scoped)


def _not_said_to_narrow(retriever, text: str, groups) -> tuple:
    """The word groups not written inside the words that say to narrow a list (「に限定」, "limit
    to", 「だけ」: `narrow` in questions.toml [conversation])."""
    said = " ".join(m.group(0) for m in retriever.knowledge.questions.conversation["narrow"].finditer(text))
    return tuple(g for g in groups if not any(t in said for t in g))


def _facet_missing(retriever, scoped: Scoped) -> Found:
    """No case in scope has the asked facet: a named case says so unless its text answers; a
    facet named in passing may still be answered by the question's words (not so in a
    follow-up, whose facet was asked on purpose); else no such case."""
    if scoped.scope.case_keys and scoped.request.q.intent == "fact":
        return named(retriever, scoped)
    if not scoped.request.follow_up:
        searched = by_search(retriever, scoped)
        if scoped.request.q.intent in ("list", "count"):
            searched = without_common_part(retriever, searched)
        if searched.keys:
            return searched
    return Found(scoped, "none", none="facet")


__all__ = ["Found", "gather"]
