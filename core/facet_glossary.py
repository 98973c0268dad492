"""Facets an English question asks through the glossary: a word the glossary equates with a
facet's ask word asks that facet too.

A facet's asks (``core/domain/facets.toml``) are matched on the question's literal text, so the
application rule, whose asks name 'register' and 「申請」, is not asked by "apply", "request" or
"sign up", although the glossary (``core/domain/glossary.toml``) says
'apply|application|register|registration|sign up|request' are all 「申請」 / 「届け出」. Here the
question's English words are read through the glossary: a term the question uses asks a facet when
the term is one of the facet's own English ask words and *every* Japanese reading of the term is a
word the facet's asks name. So no word is added to facets.toml for a synonym, and a term with
several readings ('documents' = 文章 / 文書 / 作成 / 下書き) cannot pull in a facet that names only
one of them: a facet is asked only when it means everything the question's word means.

A use is asked so only when the readings are evidence of the use itself (its cues): 'rubbish' =
'garbage' = 「ごみ」 is a word the inquiry use's asks name, but one topic of it — the cases that
write ごみ are found by their sentences, not as every case of 'Answering inquiries'.

The glossary speaks only for a question whose own words ask no facet: in "draft answers for the
council" or "write computer programs" the literal ask (drafting, programming) says what is asked,
and 'council' (議会) or 'computer' (端末) is a detail of it, not a second facet.

The question's polarity is read as for a literal ask (`core.facets.facet_matches`): the facet's
``ask_unless`` / ``unless`` hold for the whole question, and a use named next to a ban is not asked.
"""
from __future__ import annotations

import re
from typing import Sequence

from core.knowledge import Facet, Glossary, Taxonomy


_WORD = re.compile(r"[a-z][a-z '-]*[a-z]")     # an ask that is a plain English word or phrase


def _names_all(facet: Facet, readings: Sequence[str]) -> bool:
    """Every reading of a glossary term is a word the facet's asks name."""
    return all(any(rx.search(w.lower()) for rx in facet.ask) for w in readings)


def _is_use(facet: Facet, readings: Sequence[str]) -> bool:
    """For a use, every reading is evidence of the use itself (one of its cues): 「ごみ」 is a word
    the inquiry use's asks name, but only 「ごみ出し案内」 is the use — a question about rubbish
    asks for the cases that write ごみ, not every case of 'Answering inquiries' (measured: "Which
    town lets people ask about rubbish collection by speaking into a phone?" lost 三豊市's
    precision when 'rubbish' asked the facet)."""
    return facet.group != "use" or all(any(rx.search(w) for rx in facet.cues) for w in readings)


def _equates(facet: Facet, term: re.Pattern) -> bool:
    """The glossary term is one of the facet's own English ask words ('garbage' of
    'garbage|rubbish|trash|waste'): the question's word is a synonym of an ask, not a neighbour."""
    return any(_WORD.fullmatch(rx.pattern) and term.fullmatch(rx.pattern) for rx in facet.ask)


def ask_banned(tax: Taxonomy, facet: Facet, q: str, m: re.Match[str]) -> bool:
    """A use asked next to a prohibition (「外部向けの資料作成を禁止」, "ban drafting external mail")."""
    return facet.group == "use" and tax.grammar["ask_ban"].search(q[max(0, m.start() - 25):m.end() + 15]) is not None


def glossary_asks(q: str, tax: Taxonomy, glossary: Glossary,
                  taken: Sequence[str] = ()) -> list[tuple[Facet, str]]:
    """Facets not in ``taken`` that question form ``q`` asks through a glossary term, each with the
    question's words that asked it (first term in the glossary's order)."""
    out: list[tuple[Facet, str]] = []
    used = [(m, rx, words) for rx, words in glossary.terms for m in [rx.search(q)] if m]
    if not used:
        return out
    for f in tax.facets:
        if f.key in taken or not f.ask:
            continue
        if (f.ask_unless and f.ask_unless.search(q)) or (f.unless and f.unless.search(q)):
            continue
        for m, term, words in used:
            if not (_names_all(f, words) and _equates(f, term) and _is_use(f, words)):
                continue
            if ask_banned(tax, f, q, m):
                continue
            out.append((f, m.group(0)))
            break
    return out


__all__ = ["ask_banned", "glossary_asks"]
