"""A list whose question names a thing the article never writes beside things it does: the
cases listed for the things it does write are not what was asked, unless their sentence says
that thing in other words.

「京都大学と連携して…」 names 'Academic partner' through 大学; the one case of it writes 東京大学,
never 京都. 「警察の捜査に…」 is read with the article's word for 捜査 (調査), and 富山県 is listed
for its 「県警察本部」 alone; 「補助金の申請をAIが審査」 (審査 read as 検討) lists 農林水産省 for its
「補助金申請のマニュアル改訂」. A sentence that neither holds the thing (nor the article's words the
question's word was read as) nor says it in its own words (`said_otherwise`: among the
``policy.paraphrase_cases`` cases nearest in centered meaning to the word alone, at
``policy.paraphrase_dense`` or more, as `by_paraphrase` reads 「長時間勤務」 for 残業) does not
answer it: "no such case" when no listed case is left.

Such a thing is a Japanese noun of two characters or more that no case writes, not one that says
how or when (「実際に」, 「開始時期」: nouns Sudachi reads as adverbial) nor the name of the kind of
answer asked (「割合を示している」 asks a share):
- in a list of words, a noun in kanji read as the article's other words (捜査 as 調査, 審査 as
  検討). A word no case writes at all is there the nearest sentences' paraphrase (「トップ自ら」
  for 市長), which `by_nearest` and `by_paraphrase` already weigh; a katakana word read as the
  article's compounds of it (ネット → インターネット) is often said otherwise (「ホームページ」);
- a proper noun (a place, a person, an organisation: 京都) no case writes in any way, in either.
  Beside a facet, a common noun (スマホ, 講座, 発行) was too often the question's paraphrase of
  what the facet's sentence says in the open-list sets.
"""
from __future__ import annotations

import re

import numpy as np

from chatbot.qa.evidence.centered import nearest_to_word
from chatbot.qa.evidence.context import content
from chatbot.qa.evidence.found import Found
from chatbot.qa.evidence.sentences import answer_type, sentence_words
from chatbot.qa.evidence.support import facet_groups, rows_holding
from chatbot.qa.scope import Scoped
from core.text import morphemes, nfkc

_THING = re.compile(r"[一-龥々ァ-ヶーA-Za-z]{2,}")
_KANJI = re.compile(r"[一-龥々]{2,}")


def without_unsaid(retriever, found: Found) -> Found:
    """``found`` without the cases whose quote neither holds nor says in other words a thing the
    question names that the article never writes (see the module); "no such case" when none is
    left. A Japanese list of a facet or of words only."""
    scoped = found.scoped
    if scoped.request.q.reading != "ja" or not found.keys or found.source not in ("facet", "support"):
        return found
    things = unsaid_topics(retriever, scoped, whole=found.source == "facet")
    if not things:
        return found
    r = retriever
    rows = _rows(r, scoped, found)
    kept = []
    for key in found.keys:
        quote = found.reasons.get(key)
        if quote is None:
            kept.append(key)
            continue
        toks = sentence_words(r, quote.key, quote.n)
        if all(set(g) & toks or said_otherwise(r, rows, key, g[0]) for g in things):
            kept.append(key)
    if len(kept) == len(found.keys):
        return found
    if not kept:
        return Found(scoped, "none", none="unsaid")
    return found.keeping(tuple(kept))


def unsaid_topics(retriever, scoped: Scoped, whole: bool) -> list[tuple[str, ...]]:
    """The question's word groups whose own word (the first) no case writes and that name a thing
    (see the module): a proper noun no case writes in any way; in a list of words (not
    ``whole``, a facet's), a noun in kanji read as other words the article does write."""
    r, request = retriever, scoped.request
    q, words = request.q, request.words
    covered = facet_groups(r, scoped)
    how, proper = _readings(q.rest)
    asked = [answer_type(r.knowledge, a).ask for a in q.asks]
    out = []
    for g in content(scoped):
        own = g[0]
        if g in covered or own in words.verbs or own in how or not _THING.fullmatch(own) \
                or any(a.search(own) for a in asked) or r.cases_holding(rows_holding(r, (own,))):
            continue
        written = len(g) > 1 and r.cases_holding(rows_holding(r, g[1:])) > 0
        if not written and own in proper:
            out.append(g)         # a name no case writes in any way (京都)
        elif written and not whole and _KANJI.fullmatch(own):
            # (not a katakana word read as the article's compounds of it, ネット → インターネット:
            # often said otherwise, 「ホームページ」; beside a facet, its cues read the rest)
            out.append(g)
    return out


def said_otherwise(retriever, rows: list[int], key: str, word: str) -> bool:
    """Whether case ``key`` says ``word`` in its own words: among ``policy.paraphrase_cases``
    cases whose sentences (of ``rows``) are nearest to the word alone once the sentences' mean
    direction is removed, with one at ``policy.paraphrase_dense`` or more."""
    _, best, near = nearest_to_word(retriever, rows, word)
    return key in near and best[key] >= retriever.policy.paraphrase_dense


def _rows(retriever, scoped: Scoped, found: Found) -> list[int]:
    """The sentences a word is compared with: the scope's nearest to the question and the
    listed cases' quotes."""
    r = retriever
    in_scope = r.lexical.rows_of(scoped.keys(r))
    rows = r.nearest_rows(scoped.request.vector, in_scope).tolist() if scoped.request.vector else []
    quoted = {(q.key, q.n) for q in found.reasons.values()}
    for row in np.flatnonzero(r.lexical.rows_of(list(found.keys))).tolist():
        if r.passage(row)[:2] in quoted:
            rows.append(row)
    return [row for row in dict.fromkeys(rows) if r.passage(row)[1] not in r.instructions(r.passage(row)[0])]


def _readings(text: str) -> tuple[set[str], set[str]]:
    """The nouns a question uses to say how or when (Sudachi's 副詞可能: 「実際に」, 「時期」), and
    its proper nouns (places, people, organisations: 京都)."""
    ms = [(m.normalized_form().lower(), m.part_of_speech()) for m in morphemes(nfkc(text).lower(), "A")]
    return {n for n, pos in ms if pos[2] == "副詞可能"}, {n for n, pos in ms if pos[1] == "固有名詞"}


__all__ = ["said_otherwise", "unsaid_topics", "without_unsaid"]
