"""How an English question's words meet the article: the alternatives it joins with "or", its
phrases of two or three words, the past forms of verbs, the dictionary's glosses the article uses,
and the facet names it writes in katakana. Used by `chatbot.qa.read.words`."""
from __future__ import annotations

import re

from chatbot.qa.read.spelling import article_glosses, article_words
from chatbot.qa.read.understand import Query, glossary_tokens
from core import dictionary

_HIRAGANA = re.compile(r"[ぁ-ゖー]+")


_WORD = re.compile(r"[a-z][a-z'-]*")


def past_of_verb(word: str) -> bool:
    """Whether an English word JMdict does not know is the past form of a verb it glosses
    ("added" → to add, "asked" → to ask, "planned" → to plan, "saved" → to save)."""
    if not word.endswith("ed") or len(word) < 5 or dictionary.japanese(word):
        return False
    stem = word[:-2]
    stems = [stem, stem + "e"] + ([stem[:-1]] if len(stem) > 2 and stem[-1] == stem[-2] else [])
    return any(dictionary.verbs(s) for s in stems)


def or_options(q: Query, k, content: list[tuple[str, ...]], missing=()):
    """The alternatives an English question joins with "or" ("subsidy applications or
    administrative procedures", "a board of education or the fire department"): the words
    before it up to a function word, as many after it, and the question's word groups whose
    English falls in each (a glossary term where its pattern matches, any other group where one of its
    words' Japanese is the group's). Between two single words ("slogans or catchphrases"), a
    word the article lacks (``missing``) is an alternative too: the other one may still be said."""
    text = q.rest.lower()
    words = [(m.group(), m.start(), m.end()) for m in _WORD.finditer(text)]
    stop, generic = k.stopwords.lexical, k.stopwords.generic
    spans: dict[tuple[str, ...], list[tuple[int, int]]] = {}
    for rx, japanese in k.glossary.terms:
        group = tuple(t for t in glossary_tokens(japanese) if t not in generic)
        spans.setdefault(group, []).extend(m.span() for m in rx.finditer(text))
    for w, a, b in words:             # a word the dictionary rendered: its group holds its Japanese
        said = set(article_words(dictionary.japanese(w), {t: 1 for g in content for t in g})) | {w}
        for g in list(content) + list(missing):
            if said & set(g):
                spans.setdefault(g, []).append((a, b))
    options = []
    for i, (w, _, _) in enumerate(words):
        if w != "or":
            continue
        left = _run(words[i - 1::-1] if i else [], stop | generic)
        # as long as the left one: what follows is shared ("block or allow | staff access")
        right = _run(words[i + 1:], stop, skip_first=True)[:len(left)]
        if not left or not right:
            continue
        ranges = [(min(a for _, a, _ in run), max(b for _, _, b in run)) for run in (left, right)]
        pool = list(content) + (list(missing) if len(left) == len(right) == 1 else [])
        # a group also said outside both ("block … access": 'access') is shared, not an alternative
        inside = {g for g in pool if all(any(a < hi and b > lo for lo, hi in ranges)
                                         for a, b in spans.get(g, ()))}
        alts = [tuple(g for g in pool if g in inside and any(a < hi and b > lo for a, b in spans.get(g, ())))
                for lo, hi in ranges]
        if len(alts) == 2 and all(alts) and set(alts[0]) != set(alts[1]):
            options.append(tuple(alts))
    return tuple(options)


def _run(words, stop, skip_first: bool = False) -> list:
    """The words of a conjunct: those next to "or" up to a function word (after the articles
    that open it, on its right)."""
    out = []
    for j, (w, a, b) in enumerate(words):
        if w in stop:
            if skip_first and not out and w in ("the", "a", "an"):
                continue
            break
        out.append((w, a, b))
    return out


def native(japanese: tuple[str, ...]) -> tuple[str, ...]:
    """The dictionary's Japanese for a word other than plain katakana (a loanword's spelling)."""
    return tuple(j for j in japanese if not dictionary.loanword(j))


def glossed(retriever, word: str) -> tuple[str, ...]:
    """The article's words JMdict glosses with ``word`` (水道 "water supply" for "water"; see
    `core.dictionary.gloss_index`), words of one character left out (水 is in too many), and
    words in hiragana alone (こう glossed "meeting", これ "this": function words of the article)."""
    return tuple(w for w in dictionary.glossed(word, article_glosses(retriever))
                 if len(w) > 1 and not _HIRAGANA.fullmatch(w))


def facet_names(retriever, q: Query, unknown: list[str], idf: dict) -> dict[str, tuple[str, ...]]:
    """English words of the question that are the name a facet it names goes by ("Trustbank" of
    'LoGo Chat / LoGo AI Assistant (Trustbank)'), when a case of the article has that facet: the
    article writes the name in katakana (トラストバンク), so it is neither missing nor absent. Each
    maps to the article's words for the facet's Japanese label."""
    out: dict[str, tuple[str, ...]] = {}
    for f in q.facets:
        label = _label_names(f.en)
        named = [w for w in unknown if w in label]
        if not named or not any(f.key in have for have in retriever.facets.values()):
            continue
        group = article_words(tuple(p for p in re.split(r"[/・()（）、\s]+", f.ja) if p), idf)
        if group:
            out.update((w, group) for w in named)
    return out


def _label_names(en: str) -> set[str]:
    """A facet's English label's words, and runs of them written as one ("ShiftPlus" of 'Shift
    Plus (zevo)', "MentalCompass"): a question may write the name closed up."""
    words = [w.lower() for w in re.findall(r"[A-Za-z][A-Za-z+&'-]+", en)]
    return set(words) | {"".join(words[i:j]) for i in range(len(words)) for j in range(i + 2, min(i + 3, len(words)) + 1)}


def word_runs(text: str, k) -> list[str]:
    """Runs of two or three English words of a question (the longest first), that neither
    start nor end with a stop word."""
    words = [w.removesuffix("'s") for w in re.findall(r"[a-z][a-z'-]+", text.lower())]
    stop = k.stopwords.lexical
    out = []
    for n in (3, 2):
        for i in range(len(words) - n + 1):
            run = words[i:i + n]
            if run[0] not in stop and run[-1] not in stop and all(len(w) > 1 for w in run):
                out.append(" ".join(run))
    return out

__all__ = ["or_options", "word_runs", "facet_names", "glossed", "native", "past_of_verb"]
