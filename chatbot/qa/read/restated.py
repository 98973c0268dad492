"""A message that leaves cases out of a list and names that list again: the words that name it are
no topic of its own.

Staff leave cases out of a list — right after it or after a detail or two — and say which list
they mean by what is left of it or by the list's own topic, said again:

* "Minus the Tohoku ones, which are left?", 「関東を除くと残るのは？」 — "left" / 「残る」 asks for the
  list less what the message leaves out, not for cases that say 残る;
* "Drop Fukushima — which of the Tohoku summarizing ones are left?" after a list of 東北's
  summarizing cases and a detail of 福島県: "summarizing" is the list's own facet, said again;
* 「最初の一覧から中国地方は抜きで」: 「最初の一覧」 names the list (`listed`), not a first (初) of a case.

Only a message that leaves something out is read so, and only the list's own facets count as said
again (a facet of its own is a narrowing by evidence, as before). What is left is then read as
any exclusion is (`chatbot.qa.read.conversation`, `back_to_list.list_again`). Wording: `left`,
`listed`, `original` in ``core/domain/questions.toml`` [conversation].
"""
from __future__ import annotations

from dataclasses import replace

from chatbot.qa.read.moves import of_its_facets, own_words
from chatbot.qa.read.turns import TurnState
from chatbot.qa.read.understand import Query, blank
from core.facets import facet_matches
from core.knowledge import Knowledge


def restated(q: Query, prev: TurnState, k: Knowledge) -> tuple[Query, TurnState]:
    """The message without the words that name again the list it leaves cases out of (what is
    left of it, the list named, the list's own facets), and the list to read it against: the last
    one (also after a detail or two), or the first of a chain of narrowings when it names the
    original one (「最初の一覧から九州を除くと？」 after 「そのうち中国地方は？」 and a detail). Both as
    they were when it leaves nothing out, names no list again, or there is no list before it."""
    shown = prev if prev.kind in ("list", "count") and prev.cited else prev.last_list
    if q.scope.without is None or shown is None or not shown.cited:
        return q, prev
    words = k.questions.conversation
    rest, text = q.rest, q.text
    for m in words["left"].finditer(q.rest):
        rest = blank(rest, m.start(), m.end())
    for m in words["left"].finditer(q.text):
        text = blank(text, m.start(), m.end())
    # (「最初の一覧」 still points back at the list — `listed` — but names no facet)
    named = text
    for kind in ("listed", "original"):
        for m in words[kind].finditer(named):
            named = blank(named, m.start(), m.end())
    bare = q
    if named != q.text:
        matches = facet_matches(named, k.taxonomy, k.glossary)
        bare = replace(q, text=text, rest=rest, facets=tuple(f for f, _ in matches),
                       facet_words=tuple(w for _, w in matches),
                       terms=tuple(k.glossary.japanese(rest)) if q.lang == "en" else q.terms)
    first = shown
    while words["original"].search(q.text) and first.reading == "narrow" and first.base is not None and \
            first.base.cited:
        first = first.base
    said = _past_its_facets(bare, first, k)
    if said.text == q.text and said.facets == q.facets and not words["listed"].search(q.text):
        return q, prev          # it names no list again: read as it was
    # (what is left, said after a question of a case not on the list — 「広島県は…使える？」 → 「広島県を
    # 除いた残りの県は？」 — is that question's: only the list's topic or the list named say the list)
    if said is bare and not words["listed"].search(q.text) and prev is not shown and \
            not set(prev.cited) <= set(shown.cited):
        return q, prev
    # (after a detail, or a question of a place not on it — "Is there a case for Iwate?" —: that list)
    return said, first


def _past_its_facets(q: Query, shown: TurnState, k: Knowledge) -> Query:
    """The message without the facets of the list's own question it says again (and their words);
    as it was when it names a facet of its own or a word beyond them."""
    listed = {f.key for f in shown.q.facets}
    if not q.facets or any(f.key not in listed for f in q.facets):
        return q
    if not of_its_facets(q, own_words(q, ("narrow", "swap", "listed", "original", "others"), k)):
        return q
    rest = q.rest
    for word in filter(None, q.facet_words):
        rest = _blank_word(rest, word)
    return replace(q, rest=rest, facets=(), facet_words=(), terms=())


def _blank_word(text: str, word: str) -> str:
    """The text with each occurrence of ``word`` blanked, with the rest of the English word it
    begins or ends ("summariz" of "summarizing": no "ing" left to read as a word of its own)."""
    at = text.find(word)
    while at >= 0:
        start, end = at, at + len(word)
        while start > 0 and text[start - 1].isascii() and text[start - 1].isalpha():
            start -= 1
        while end < len(text) and text[end].isascii() and text[end].isalpha():
            end += 1
        text = blank(text, start, end)
        at = text.find(word, end)
    return text


__all__ = ["restated"]
