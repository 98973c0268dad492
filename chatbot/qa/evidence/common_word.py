"""An English "which …" list left with one common word (issue #16, precision).

"Which cases use ChatGPT to handle applications for public housing?": "housing" is a noun the
dictionary knows (住宅) and no case writes, so the reader drops it; what remains is "public" (住民,
市民), which 14 cases write, and every one of them was listed. When most of the question's weight
is in words no case writes (its topics no case writes, `support.unwritten_groups`, and the nouns
the reader dropped, each weighed like a word no case holds: `support.case_weights`), a case listed
only for words that ``policy.common_share`` of the cases write says nothing of what was asked: the
list keeps the cases whose sentence holds a rarer word of the question, else the article has no
such case (and `gather` shows the related cases, as for any "no such case"). A list of a facet the
question names is left alone: the facet is what it asks.
"""
from __future__ import annotations

import math
import re

from chatbot.qa.evidence.complete import _keeping
from chatbot.qa.evidence.context import content
from chatbot.qa.evidence.found import Found
from chatbot.qa.evidence.support import case_weights, rows_holding, unwritten_groups

# an English word of the question, as `Query.unknown_english` reads it (one class, no nesting)
_WORD = re.compile(r"[A-Za-z][A-Za-z']*")


def without_common_only(retriever, scoped, found: Found) -> Found:
    """The list less the cases qualified only by words many cases write, when most of an English
    question's weight is in words no case writes; "no such case" when none is left."""
    request, policy = scoped.request, retriever.policy
    if request.q.reading != "en" or request.q.intent not in ("list", "count") or request.follow_up \
            or scoped.scope.case_keys or request.q.conditions or found.none \
            or found.source not in ("support", "search") or len(found.keys) < 2 \
            or any(not found.why.get(k, "").startswith("words:") for k in found.keys):
        # (a facet the question names is what it asks: its cases are no leftover common word)
        return found
    n = len(retriever.cases)
    weighted = case_weights(retriever, content(scoped) + list(request.words.missing), request.words.verbs)
    df = {g: retriever.cases_holding(rows_holding(retriever, g)) for g, _ in weighted}
    unwritten = set(unwritten_groups(retriever, scoped))
    lacking = [w for g, w in weighted if g in unwritten]
    dropped = dropped_nouns(retriever, scoped)
    unheld = math.log(1 + (n + 0.5) / 0.5)          # a word no case holds (`case_weights`)
    total = sum(w for _, w in weighted) + unheld * len(dropped)
    if not total or (sum(lacking) + unheld * len(dropped)) / total < policy.common_unwritten:
        return found
    common = policy.common_share * n
    rare = {t for g, _ in weighted if 0 < df[g] < common and not set(g) <= request.words.verbs for t in g}
    keys = tuple(k for k in found.keys if _rare_reason(found.why.get(k, ""), rare))
    if keys:
        return _keeping(found, keys)
    return Found(scoped, "none", none="no_case")


def _tokens(q) -> list[str]:
    return [w.lower().removesuffix("'s").rstrip("'") for w in _WORD.findall(q.rest.replace("’", "'"))]


def _stop(retriever) -> frozenset[str]:
    k = retriever.knowledge
    return frozenset(k.stopwords.generic) | frozenset(k.stopwords.lexical)


def _adverb(tokens: list[str], word: str, stop) -> bool:
    """Whether a word in "-ly" says how or when ("stopped their trial early because …", "nearly
    all"), not what: it ends its phrase (the next word a stop word, a verb's or none), unless
    "the" stands before it ("the elderly"); "elderly citizens" names who."""
    from core import dictionary

    if not word.endswith("ly") or word not in tokens:
        return False
    i = tokens.index(word)
    after = tokens[i + 1] if i + 1 < len(tokens) else ""
    if i and tokens[i - 1] == "the":
        return False
    return not after or after in stop or bool(dictionary.verbs(after))


def _rare_reason(why: str, rare: set[str]) -> bool:
    """Whether a case's reason (``words:a,b``) holds a rare word of the question."""
    return bool(set(why.partition("words:")[2].split(",")) & rare)


def dropped_nouns(retriever, scoped) -> tuple[str, ...]:
    """The English question's nouns the reader left out because no case writes them: a word the
    glossary does not know, whose Japanese (JMdict, other than a loanword's katakana) the article
    never writes and glosses with nothing ("housing" 住宅, "elderly" 年寄り, "festival" 祭り). A
    word that is also a verb ("nurse", "house") counts where a noun or adjective of the question
    stands before it ("hospital nurses", "public housing"), not after "to", a verb ("restrict
    entering") or a word every question shares ("which cases want …")."""
    from chatbot.qa.read.english import glossed, native
    from chatbot.qa.read.spelling import article_words
    from core import dictionary

    q, words = scoped.request.q, scoped.request.words
    k, idf = retriever.knowledge, retriever.bm25.idf
    held = {t for g in words.content + words.missing + words.literal for t in g}
    unknown, phrased = set(q.unknown_english(k)), q.in_glossary_phrases(k)
    tokens, stop = _tokens(q), _stop(retriever)
    out: list[str] = []
    for i, w in enumerate(tokens):
        if w not in unknown or w in held or w in out or _adverb(tokens, w, stop) or dictionary.auxiliary(w):
            continue
        if w in phrased or dictionary.adjective(w):
            continue        # "full" of "full roll-out", "different": not a thing
        japanese = native(dictionary.japanese(w))
        if not japanese or article_words(japanese, idf) or glossed(retriever, w):
            continue
        before = tokens[i - 1] if i else ""
        if dictionary.verbs(w) and (not before or before == "to" or before in stop or dictionary.verbs(before)):
            continue
        out.append(w)
    return tuple(out)


__all__ = ["dropped_nouns", "without_common_only"]
