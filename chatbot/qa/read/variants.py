"""Other forms of a Japanese word group the article does not write as asked: the verb a noun is
made of (洗い出し → 洗う), the noun of a verb (見直す → 見直し), JMdict synonyms and katakana
compounds headed by the word (バス → コミュニティバス). Used by `chatbot.qa.read.words`."""
from __future__ import annotations

import re

from chatbot.qa.read.spelling import spelt, written_compound
from chatbot.qa.read.understand import glossary_tokens
from core import dictionary
from core.text import tokenize


# 連用形 endings of a noun made of a verb (洗い出し → 洗い出す, 取り決め → 取り決める)
_TO_VERB = {"し": "す", "き": "く", "ぎ": "ぐ", "ち": "つ", "に": "ぬ", "び": "ぶ", "み": "む",
            "り": "る", "い": "う"}
_TO_NOUN = {v: k for k, v in _TO_VERB.items()}     # 見直す → 見直し


def as_verb(group: tuple[str, ...], idf: dict, retriever=None) -> tuple[str, ...]:
    """A group none of whose words the article uses, with the verb a noun of it is made of
    when the article uses that verb (「洗い出し」, which the article writes 洗い出す → 洗う):
    the verb's rarest word; any other group as it is. A verb of several words only when the
    article writes them one after the other: 「やりとり」 (遣り取り) is no 遣る of 「やり方」."""
    if any(t in idf for t in group):
        return group
    found = []
    for t in group:
        if len(t) < 3:
            continue
        forms = [t[:-1] + _TO_VERB[t[-1]]] if t[-1] in _TO_VERB else []
        forms.append(t + "る")
        for form in forms:
            toks = [w for w in tokenize(form) if len(w) > 1]
            if len(toks) > 0 and all(w in idf for w in toks) and (
                    len(toks) == 1 or retriever is None or written_compound(retriever, (form,))):
                found.append(max(toks, key=lambda w: idf[w]))
                break
    return tuple(dict.fromkeys(group + tuple(found)))


def with_noun(group: tuple[str, ...], idf: dict) -> tuple[str, ...]:
    """A group none of whose words the article uses, with the noun (連用形) of a verb of it that
    the article writes, three characters or more (見直す → 見直し; not 集め, ヒント集め's end)."""
    if any(t in idf for t in group):
        return group
    forms = [f for t in group if len(t) > 2 and t[-1] in _TO_NOUN
             for f in [t[:-1] + _TO_NOUN[t[-1]]] + ([t[:-1]] if t[-1] == "る" else [])]
    return tuple(dict.fromkeys(group + tuple(f for f in forms if f in idf and len(f) > 2)))


def with_synonyms(group: tuple[str, ...], idf: dict, k=None) -> tuple[str, ...]:
    """A word group none of whose words the article uses, with the nearest synonyms JMdict
    attests that it uses as a word of its own (`core.dictionary.synonyms`; 気掛かり is not 掛かる);
    any other group as it is."""
    if any(t in idf for t in group):
        return group
    found = [w for t in group if (w := spelt(t, idf))]
    found += [w for t in group if len(t) > 1 for w in dictionary.synonyms(t) if w in idf]
    found += [w for t in group for w in headed_by(t, idf)]
    # a loanword the article never writes, as its English word reads in the glossary (ブロック,
    # "blocking": アクセス, 制限)
    found += [w for t in group if k is not None and dictionary.loanword(t) for gloss in dictionary.english(t)
              for g in k.glossary.japanese(gloss) for w in glossary_tokens(g)
              if w in idf and w not in k.stopwords.generic]
    return tuple(dict.fromkeys(group + tuple(found)))


_KATAKANA = re.compile(r"[ァ-ヺー]{2,}")
_KATAKANA_WORDS: dict[int, tuple[dict, tuple[str, ...]]] = {}


def headed_by(token: str, idf: dict) -> tuple[str, ...]:
    """The article's katakana compounds whose head is a katakana word it never writes alone
    (「バス」 → コミュニティバス, which the tokenizer keeps whole): a compound is a kind of its
    head. At most a few, the rarest first; none for a word of one kana."""
    if not _KATAKANA.fullmatch(token):
        return ()
    known = _KATAKANA_WORDS.get(id(idf))
    if known is None or known[0] is not idf:
        if len(_KATAKANA_WORDS) > 8:
            _KATAKANA_WORDS.clear()
        known = _KATAKANA_WORDS[id(idf)] = (idf, tuple(w for w in idf if _KATAKANA.fullmatch(w)))
    found = [w for w in known[1] if len(w) > len(token) and w.endswith(token)]
    return tuple(sorted(found, key=lambda w: -idf[w])[:_MAX_HEADED])


_MAX_HEADED = 5

_KANJI_WORD = re.compile(r"[一-龥々]{2,}")
def split_as_written(retriever, token: str) -> tuple[str, ...]:
    """The article's words a kanji word of the question is written across when the tokenizer
    reads it there as the start of a longer one (「来年」 of 「来年度」, read 来 + 年度): those
    words, which the question's word begins with the first of (not 「国語」 inside 「外国語」).
    Empty when the article never writes its characters, or writes it whole."""
    from chatbot.qa.catalog import article_lower
    from core.text import morphemes

    idf = retriever.bm25.idf
    if not _KANJI_WORD.fullmatch(token) or token in idf:
        return ()
    text = article_lower(retriever)
    at = text.find(token)
    if at < 0:
        return ()
    start = max(0, at - 8)
    window = text[start:at + len(token) + 8]
    ms = morphemes(window, "A")     # (as `core.text.tokenize` reads the article)
    begin, end = at - start, at - start + len(token)
    over = [m for m in ms if m.end() > begin and m.begin() < end]
    words = tuple(m.normalized_form().lower() for m in over)
    if len(over) < 2 or over[0].begin() != begin or not all(w in idf for w in words):
        return ()
    return words


def with_everyday(retriever, groups: list[tuple[str, ...]], verbs) -> list[tuple[str, ...]]:
    """A Japanese question's nouns in kanji that few cases write, each with its JMdict synonym
    (`core.dictionary.synonyms`) that ``policy.everyday_share`` of the cases or more write
    (「仕事」 → 業務, which the article writes where the question says 仕事): the article's everyday
    word, said in everyday words, is no rare topic the question is about. Only beside another
    noun of the question that fewer cases write (「仕事の負担」: 負担 is what it asks; 「仕事」
    alone still asks 仕事)."""
    idf, n = retriever.bm25.idf, len(retriever.cases)
    common = retriever.policy.everyday_share * n

    def df(w):
        return retriever.cases_holding(retriever.bm25.having(w)) if w in idf else 0
    nouns = [g for g in groups if not set(g) <= verbs]
    out = []
    for g in groups:
        everyday = [] if g not in nouns or len(g) != 1 or not _KANJI_WORD.fullmatch(g[0]) or df(g[0]) >= common \
            else [w for w in dictionary.synonyms(g[0]) if w != g[0] and df(w) >= common]
        if everyday and any(h is not g and max(df(t) for t in h) < common for h in nouns):
            g = tuple(dict.fromkeys(g + tuple(everyday[:1])))
        out.append(g)
    return out

__all__ = ["as_verb", "headed_by", "split_as_written", "with_everyday", "with_noun", "with_synonyms"]
