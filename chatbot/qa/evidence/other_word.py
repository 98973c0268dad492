"""A list of an English question's words: a case whose quote writes the asked word only as
another word is not what was asked.

"Which cases relate to applying for subsidies?" reads "subsidies" as 補助; 福島県 and 松戸市 write
it only in 「補助的な利用」 — auxiliary, another word of another class. "Which cases have not said
what exactly they will use ChatGPT for?" reads "exactly" as 正確; three cases write only
正確性, accuracy. A Japanese noun written with 的 (an adjective) or 性 (a quality) is a word of its
own; when a case's quote holds each of the question's words it holds only in such a form and no
English word of the question is that form's word (JMdict: 暫定的 is "provisional", 危険性
"riskiness"), the case shares a written stem with the question, not what it asks, and leaves the
list. A list of a facet is left alone: the facet is what it asks.
"""
from __future__ import annotations

import re
from dataclasses import replace

from chatbot.qa.evidence.complete import _keeping, _nouns, _words_list
from chatbot.qa.evidence.found import Found
from core import dictionary

_SUFFIXES = ("的", "性")
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")   # one class, no nesting


def without_other_word(retriever, found: Found) -> Found:
    """``found`` less the cases whose quote writes the English question's words it holds only
    as another word (X的, X性) the question does not say; "no such case" when none is left."""
    q = found.scoped.request.q
    if q.reading != "en" or not _words_list(found, ("support", "search")):
        return found
    nouns, have = _nouns(retriever, found)
    english = {f for w in _WORD.findall(q.text.lower()) for f in dictionary.forms(w)}
    kept = tuple(k for k in found.keys if have[k] is None
                 or not _only_other(found.reasons[k].text, have[k], english))
    if kept:
        return _keeping(found, kept)
    return replace(found, source="none", keys=(), quotes={}, reasons={}, why={}, none="no_case")


def _only_other(text: str, held, english: set[str]) -> bool:
    """Whether every noun group the sentence holds is written in it only as X的 / X性, a word
    none of the question's English words glosses."""
    for group in held:
        written = [t for t in group if t in text]
        if not written:
            return False              # held as the tokenizer reads it (水道管's 管), not a stem
        for token in written:
            at = [m.end() for m in re.finditer(re.escape(token), text)]
            if any(e >= len(text) or text[e] not in _SUFFIXES for e in at):
                return False          # written as the word itself somewhere
            for e in at:
                word = token + text[e]
                if any(_same(g, w) for g in dictionary.gloss_words(word) for w in english):
                    return False      # 危険性 ("riskiness") for "risks": the question's own word
    return bool(held)


def _same(gloss: str, word: str) -> bool:
    """Whether a gloss and a question's word are one word ("riskiness" of "risk", "provisional"
    of "provisionally"): one begins with the other, four letters or more."""
    return min(len(gloss), len(word)) >= 4 and (gloss.startswith(word) or word.startswith(gloss))


__all__ = ["without_other_word"]
