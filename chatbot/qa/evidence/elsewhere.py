"""A question asked within a scope (a region, a level, a kind of municipality) means what it means
over the whole article: a scope never changes what narrows a facet. "Which municipality uses AI to
answer garbage questions from foreign residents?" is over the article the one case of 'Answering
inquiries' that writes ごみ and 外国 — a municipality — not the five municipalities of the facet,
though among five cases a word one of them writes looks common (`rare_part`, `narrowing_groups`
weigh a word against the list they are given). And 「都道府県で条例を作ったところは？」, whose
条例 only 兵庫県神戸市 (a city) writes, has no such case among the prefectures — not every
prefecture with guidelines: the cases that do write it are named, not cited. So too a facet the
scope has no case of, whose words no case in it writes (`facet_elsewhere`)."""
from __future__ import annotations

import re
from dataclasses import replace

import numpy as np

from chatbot.qa.evidence.context import content
from chatbot.qa.evidence.found import Found
from chatbot.qa.evidence.lists import by_facet
from chatbot.qa.evidence.narrowing import narrowing_groups
from chatbot.qa.evidence.sentences import answer_type
from chatbot.qa.evidence.support import facet_groups, rows_holding
from chatbot.qa.read.where import Scope
from chatbot.qa.scope import Scoped


def asked_within(scoped: Scoped, prefectures: bool = True) -> bool:
    """Whether a question of its own (no follow-up) bounds its cases by a region, level, kind,
    area or prefecture — not only by what it leaves out, nor by the cases it names.

    Args:
        prefectures: a prefecture alone counts (off: a few cases, its question often of its
            own case, 「青森県で…どこの部署？」, where a word no case in it writes is no answer).
    """
    scope = scoped.scope
    return not scoped.request.follow_up and not scope.case_keys and \
        bool(scope.regions or scope.levels or scope.kinds or scope.areas or prefectures and scope.prefectures)


def whole_article(scoped: Scoped) -> Scoped:
    """The same request over the whole article."""
    return replace(scoped, scope=Scope())


def kept_to_scope(retriever, scoped: Scoped, found: Found, whole: Found) -> Found:
    """A facet's list in scope, when the whole article answers the question (``whole``) with
    some of that facet's cases only — the words that narrow it, read against all its cases: those
    of them in scope; none when no case in scope writes the nouns that narrow it (`_unwritten_here`).
    Otherwise the list as found."""
    if found.source != "facet" or not whole.keys:
        return found
    listed = by_facet(retriever, whole_article(scoped))
    if listed is None or listed.source != "facet" or not set(whole.keys) < set(listed.keys):
        return found
    inside = tuple(k for k in whole.keys if scoped.scope.admits(k, retriever.cases[k]))
    if inside:
        return replace(whole.keeping(inside), scoped=scoped)
    if asked_within(scoped, prefectures=False) and _unwritten_here(retriever, scoped, listed):
        return Found(scoped, "none", none="elsewhere", related=whole.keys)
    return found


def facet_elsewhere(retriever, scoped: Scoped) -> Found | None:
    """No case in scope has the facet asked, though cases outside it do, and no case in scope
    writes the nouns that asked for it nor any noun of the question few cases write, but to say
    it is not done ("Which prefecture … answers to council questions?": no prefecture writes 議会,
    鳥取県 答弁 only as banned; 群馬県藤岡市 does): no such case in scope, not a search of it for
    the question's other words. None otherwise."""
    if not asked_within(scoped, prefectures=False):
        return None
    wide = by_facet(retriever, whole_article(scoped))
    if wide is None or wide.source != "facet" or any(scoped.scope.admits(k, retriever.cases[k]) for k in wide.keys):
        return None
    nouns = [g for g in facet_groups(retriever, scoped, labels=False) if _thing(scoped, g)]
    # (nor any noun of the question few cases write: "In Shikoku, which cases use voice input or
    # speech?" names 'Greetings and speeches' by "speech", but 三豊市 in Shikoku writes 音声)
    rare = [g for g in content(scoped) if _thing(scoped, g) and 0 < retriever.cases_holding(
        rows_holding(retriever, g)) <= retriever.policy.narrow_rare * len(retriever.cases)]
    if not nouns or any(_written_here(retriever, scoped, g, said=True) for g in nouns + rare):
        return None
    return Found(scoped, "none", label=wide.label, facet=wide.facet, none="elsewhere", related=wide.keys)


def _thing(scoped: Scoped, group) -> bool:
    return not set(group) & scoped.request.words.verbs and all(_THING.fullmatch(t) for t in group)


def _written_here(retriever, scoped: Scoped, group, said: bool = False) -> bool:
    """Whether a case in scope writes any word of group, in any sentence (``said``: in one that
    does not say it is not done — 鳥取県's 「答弁資料の作成…には使用禁止」 is no use for 答弁)."""
    rows = rows_holding(retriever, group)
    rows = rows[retriever.lexical.rows_of(scoped.keys(retriever))[rows]]
    if said:
        negative = answer_type(retriever.knowledge, "negative")
        rows = [i for i in rows.tolist() if not negative.find.search(retriever.passage(i)[2])]
    return len(rows) > 0


def _unwritten_here(retriever, scoped: Scoped, listed: Found) -> bool:
    """Whether a noun that narrows the question's facet over the whole article (条例 of the
    guidelines) is written by no case in scope, in any sentence."""
    return any(_thing(scoped, g) and not _written_here(retriever, scoped, g)
               for g in narrowing_groups(retriever, whole_article(scoped), listed))


_THING = re.compile(r"[一-龥々ァ-ヶーA-Za-z0-9]{2,}")


__all__ = ["asked_within", "facet_elsewhere", "kept_to_scope", "whole_article"]
