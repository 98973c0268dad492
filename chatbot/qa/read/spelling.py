"""How the article spells a question's words: the tokens it writes for a Japanese word (in
either kana, or as a noun's reading), for the dictionary's Japanese for an English word, and the
compounds it writes one word after the other (自然言語, 内部資料)."""
from __future__ import annotations

import re
from functools import lru_cache

import numpy as np

from chatbot.qa.read.understand import glossary_tokens
from core import dictionary
from core.text import morphemes, tokenize, written_together


def written_compound(retriever, japanese: tuple[str, ...]) -> tuple[str, ...]:
    """The words of the first of the dictionary's Japanese for a phrase that is a compound the
    article writes (some sentence holds its words one after the other: 自然言語, 行政手続き);
    empty when none is. Reads only the sentences holding all its words, at most a few hundred."""
    idf, bm25 = retriever.bm25.idf, retriever.bm25
    generic = retriever.knowledge.stopwords.generic
    # then with a prefix of one character, when the article writes the word whole: 古文書
    # ("historical documents") is 古 and 文書 together, not any 文書 (a head of one character
    # says less: 勉強会 stays 勉強; 自治体's 体 says nothing of which case is meant)
    for whole in (False, True):
        for j in japanese:
            toks = tuple(t for t in tokenize(j) if whole or len(t) > 1)
            if len(toks) < 2 or not all(t in idf and not t.isdigit() for t in toks) or whole and (
                    all(len(t) > 1 for t in toks) or len(toks[-1]) == 1 or set(toks) & generic):
                continue
            rows = bm25.having(toks[0])
            for t in toks[1:]:
                rows = np.intersect1d(rows, bm25.having(t))
            together = _run_in if whole else written_together
            if any(together(tokenize(retriever.passage(row)[2]), toks) for row in rows[:300].tolist()):
                return toks
    return ()


def _run_in(tokens: list[str], run: tuple[str, ...]) -> bool:
    """Whether tokens hold ``run`` one after the other, tokens of one character too."""
    return any(tuple(tokens[i:i + len(run)]) == run for i in range(len(tokens) - len(run) + 1))


_KANA = re.compile(r"[ぁ-ゖァ-ヶー]+")

def joined_japanese(k, phrase: str, idf: dict) -> tuple[str, ...]:
    """The Japanese of a phrase's first word joined to that of its second (glossary, then the
    dictionary's words the article uses; at most 8 of each): 内部資料 for "internal documents"."""
    def of(w):
        found = [t for g in k.glossary.japanese(w) for t in glossary_tokens(g)]
        return list(dict.fromkeys(found + list(article_words(dictionary.japanese(w), idf))))[:8]
    first, second = map(of, phrase.split())       # a word both could be (研究) joins nothing
    return tuple(a + b for a in first for b in second if a not in second and b not in first)


def article_words(japanese: tuple[str, ...], idf: dict, whole: bool = False) -> tuple[str, ...]:
    """The tokens that stand for each of the dictionary's Japanese words in the article: a
    word's rarest token (地方税 → 税), only for words whose tokens the article all uses.
    ``whole``: only words that are one token (a verb, not an idiom: 実をあげる is not 上げる).
    A token of one character is too little of a word (水 of 水道), unless it is the whole of a
    word written in kana (JMdict's イノシシ for "wild boar", read as 猪 as the article's is)."""
    out = []
    for j in japanese:
        if _phrase(j):
            continue
        # (a number is no word for it: 「蟻が十匹」, JMdict's pun for "thanks", is not 10)
        toks = [t for t in tokenize(j) if len(t) > 1 and not t.isdigit()] if len(j) > 1 else []
        if not toks and len(j) > 1 and _KANA.fullmatch(j) and len(whole_word := tokenize(j)) == 1:
            toks = whole_word
        if whole and len(tokenize(j)) != 1:
            continue
        toks = [spelt(t, idf) for t in toks]
        if toks and all(toks):
            out.append(max(toks, key=lambda t: idf[t]))
    return tuple(dict.fromkeys(out))


def whole_word(japanese: tuple[str, ...], idf: dict) -> bool:
    """Whether the article writes one of the dictionary's Japanese for a phrase as one token of
    its own (教材 for "teaching materials"): the phrase is that word."""
    return any(len(j) > 1 and tokenize(j) == [j] and j in idf for j in japanese)


@lru_cache(maxsize=8192)
def _phrase(japanese: str) -> bool:
    """Whether one of the dictionary's Japanese for an English word is a phrase, not a word: a
    particle joins its words (年の行った, 歳の行った for "elderly"), so its rarest token is a verb
    of the idiom (行く), not what the word means."""
    if len(japanese) < 3 or not any("\u3041" <= c <= "\u3096" for c in japanese):
        return False
    if japanese.endswith(("ない", "ぬ", "ず")):
        return False     # 訳には行かない for "must not": a prohibition, what the question asks
    ms = morphemes(japanese, "A")
    if ms and ms[-1].part_of_speech()[0] not in ("動詞", "助動詞", "形容詞"):
        return False     # 「個人情報の入力禁止」 (a facet's words): a noun phrase, not an idiom
    # (or an idiom in the past tense: 年取った, "aged")
    return len(ms) > 2 and any(m.part_of_speech()[0] == "助詞" for m in ms[1:-1]) or \
        len(ms) > 1 and japanese.endswith("た") and ms[-1].part_of_speech()[0] == "助動詞"


def spelt(token: str, idf: dict) -> str:
    """The token as the article spells it: itself, or, when the article never writes it, the
    same word in the other kana or in kana for its kanji (JMdict's ガン and 癌 are the article's
    がん); "" when the article writes it in none of these."""
    if token in idf:
        return token
    return next((f for f in _other_spellings(token) if len(f) > 1 and f in idf), "")


@lru_cache(maxsize=16384)
def _other_spellings(token: str) -> tuple[str, ...]:
    import jaconv

    forms = [jaconv.kata2hira(token), jaconv.hira2kata(token)]
    ms = morphemes(token, "A")
    if len(ms) == 1 and ms[0].reading_form() and is_noun(ms[0]):
        # a noun's reading, read back as a noun (癌 → がん; 建つ is not the article's たつ)
        forms += [f for f in (jaconv.kata2hira(ms[0].reading_form()), ms[0].reading_form())
                  if all(is_noun(m) for m in morphemes(f, "A")[:1])]
    return tuple(forms)


def joined_verbs(retriever, groups: list[tuple[str, ...]], text: str) -> list[tuple[str, ...]]:
    """A Japanese question's word groups with each compound verb the tokenizer split in two
    (「問い合わせてくる」 → 問う, 合わせる) read as one: its first verb's group holds the noun of the
    whole (問い合わせ), when the article writes it, and its second verb (合わせる, 込む: half of
    a word) is no group of its own — the article writes 「問い合わせへの回答」, not 問う."""
    from core.verbs import compound_verbs

    idf = retriever.bm25.idf
    for first, second, noun in compound_verbs(text):
        at = [i for i, g in enumerate(groups) if first in g]
        if not at or noun not in idf:
            continue
        groups = [g + (noun,) if i == at[0] else g for i, g in enumerate(groups) if g != (second,)]
    return groups


def read_as(retriever, name: str) -> tuple[str, ...]:
    """The article's words a romanised name reads as: a katakana word (Anotete → アノテテ) or a
    proper noun in kanji, by its reading (Fujitsu → 富士通, フジツウ; long vowels aside). Empty
    for a name of fewer than four letters. The readings are gathered once per version."""
    kana = _katakana(name)
    if len(name) < 4 or any(c.isascii() for c in kana):
        return ()
    readings = retriever.memo("name_readings", lambda: _readings(retriever.bm25.idf))
    return tuple(readings.get(_long_vowels(kana), ()))


def _readings(idf: dict) -> dict[str, list[str]]:
    import re

    out: dict[str, list[str]] = {}
    for token in idf:
        if len(token) < 2:
            continue
        if re.fullmatch(r"[ァ-ヶー]+", token):
            reading = token
        elif re.fullmatch(r"[一-龥ァ-ヶー]+", token):
            ms = morphemes(token, "A")
            pos = ms[0].part_of_speech() if len(ms) == 1 else ()
            if not pos or pos[1] != "固有名詞" or pos[2] == "地名":   # places: the gazetteer's
                continue
            reading = ms[0].reading_form()
        else:
            continue
        if len(reading) > 2:
            out.setdefault(_long_vowels(reading), []).append(token)
    return out


def _long_vowels(kana: str) -> str:
    """Katakana without its long vowels (トウシバ, トーシバ → トシバ), as a romanised name writes them."""
    import re

    return re.sub(r"(?<=[ウクスツヌフムユルグズヅブプュョオコソトノホモヨロゴゾドボポ])ウ", "", kana.replace("ー", ""))


def _kanji(word: str) -> set[str]:
    return {c for c in word if "\u4e00" <= c <= "\u9fff"}


def with_siblings(retriever, group: tuple[str, ...]) -> tuple[str, ...]:
    """A Japanese question's word group with the glossary's other words for its meaning that
    the article uses (無償 → 無料), for a word at most ``policy.sibling_rare`` cases write: the
    article says it its own way. Only siblings as rare, that share a kanji with the word: a
    common one (確認 for チェック) makes a narrow question a broad one, and the glossary's groups
    are English words' alternatives, not synonyms (SNS and 広報, 計算 and プログラム)."""
    k, idf, most = retriever.knowledge, retriever.bm25.idf, retriever.policy.sibling_rare
    generic = k.stopwords.generic
    found: list[str] = []
    for t in group:
        if t not in generic:        # 住民 → 市民・県民・区民, however many cases write them
            found += [w for w in same_head(retriever, t) if w not in group]
        if t in generic or (t in idf and retriever.cases_holding(retriever.bm25.having(t)) > most):
            continue
        for _, japanese in k.glossary.terms:
            toks = glossary_tokens(japanese)
            if t in toks:
                found += [w for w in toks if w in idf and w not in generic and w not in group
                          and _kanji(w) & _kanji(t) and retriever.cases_holding(retriever.bm25.having(w)) <= most]
    return tuple(dict.fromkeys(group + tuple(found)))


def same_head(retriever, word: str) -> tuple[str, ...]:
    """`_same_head` of a word, from a table built once per version over the glossary's words
    (it scans the glossary, ≈0.7 ms a word, and every word of every Japanese question asks it;
    a word no glossary group holds has none)."""
    return retriever.memo("same_head", lambda: _same_head_table(retriever)).get(word, ())


def _same_head_table(retriever) -> dict[str, tuple[str, ...]]:
    k, idf = retriever.knowledge, retriever.bm25.idf
    words = {w for _, japanese in k.glossary.terms for w in glossary_tokens(japanese)}
    return {w: found for w in words if (found := _same_head(k, w, idf))}


def _same_head(k, word: str, idf: dict) -> tuple[str, ...]:
    """The article's words for the people of each kind of place when a word is one of them
    (住民 → 市民・県民・区民・都民: each case names its own by its level): two kanji ending in the
    word's kanji and beginning with a level's (市, 区, 町, 村, 都, 道, 府, 県), for a word the
    glossary groups with such a word. A word of one level reads the generic one only (市民 →
    住民): a ward's 区民 are not what a question about a city's 市民 asks. Not other words that end alike (回答, 返答; 庁内, 社内:
    another thing each), nor those that only begin alike (無償, 無料)."""
    if len(word) != 2 or not _KANJI.fullmatch(word):
        return ()
    levels = set(k.places.get("suffix_readings", {})) | set(k.places.get("prefecture_suffix_words", {}))
    group = {w for _, japanese in k.glossary.terms if word in (toks := glossary_tokens(japanese)) for w in toks}
    if not any(len(w) == 2 and w[0] in levels and w[-1] == word[-1] for w in group - {word}):
        return ()
    same = [w for w in sorted(group) if len(w) == 2 and w[-1] == word[-1]] + [c + word[-1] for c in sorted(levels)]
    if word[0] in levels:           # 市民 is a city's: 住民, not a ward's 区民 nor a prefecture's 県民
        same = [w for w in same if w[0] not in levels]
    return tuple(w for w in dict.fromkeys(same) if w != word and w in idf)


def with_kin(retriever, group: tuple[str, ...]) -> tuple[str, ...]:
    """A Japanese noun group none of whose words the article writes (「妊婦」), with the article's
    words in kanji that share a kanji with it, are written by at most ``policy.sibling_rare``
    cases and that e5 finds as close as ``policy.kin_dense`` (妊娠 .955, 創業 for 起業 .948): the
    article names the same thing by another word of the same root. Not 作業 for 残業 (.91, six
    cases), 消火 for 噴火 (.917), 応用 for 応対 (.924); any other group as it is."""
    idf, policy = retriever.bm25.idf, retriever.policy
    if any(t in idf for t in group) or policy.kin_dense > 1:
        return group
    by_char = retriever.memo("kanji_words", lambda: _kanji_words(idf))
    found = []
    for t in group:
        if len(t) < 2 or not _KANJI.fullmatch(t):
            continue
        near = {w for c in _kanji(t) for w in by_char.get(c, ())}
        asked = _unit(retriever.embed(t)) if near else None
        for w in sorted(near):
            if retriever.cases_holding(retriever.bm25.having(w)) <= policy.sibling_rare \
                    and float(_unit(retriever.embed(w)) @ asked) >= policy.kin_dense:
                found.append(w)
    return tuple(dict.fromkeys(group + tuple(found)))


def _kanji_words(idf: dict) -> dict[str, tuple[str, ...]]:
    """The article's words of two kanji or more, by each kanji they hold."""
    out: dict[str, list[str]] = {}
    for w in idf:
        if len(w) > 1 and _KANJI.fullmatch(w):
            for c in set(w):
                out.setdefault(c, []).append(w)
    return {c: tuple(ws) for c, ws in out.items()}


def by_glosses(retriever, group: tuple[str, ...]) -> tuple[str, ...]:
    """A Japanese question's verb the article never writes, with the nouns in kanji it writes
    that JMdict glosses with the same English (first sense) and that e5 finds as close as
    ``policy.gloss_dense`` (「増える」 "increase" → 増加 .94 — not 「答える」 → 返答 .90, 「決める」
    → 策定 .85): the article's way of saying what the question asks in a verb. At most
    ``policy.gloss_words``, the closest first, each written by at most ``policy.gloss_rare`` of
    the cases (開始 for 「始める」 or 作成 for 「作る」 would make any list about everything);
    any other group as it is."""
    idf, policy = retriever.bm25.idf, retriever.policy
    if any(t in idf for t in group) or policy.gloss_dense > 1:
        return group
    index = article_glosses(retriever)
    most = policy.gloss_rare * len(retriever.cases)
    close: dict[str, float] = {}
    for t in group:
        if len(t) < 2 or not _verb(t):
            continue
        found = {w for gloss in dictionary.first_glosses(t) for w in dictionary.glossed(gloss, index)
                 if len(w) > 1 and _KANJI.fullmatch(w)}
        asked = _unit(retriever.embed(t)) if found else None
        for w in found:
            sim = float(asked @ _unit(retriever.embed(w)))
            if sim >= policy.gloss_dense and retriever.cases_holding(retriever.bm25.having(w)) <= most:
                close[w] = max(sim, close.get(w, 0.0))
    best = sorted(close, key=lambda w: -close[w])[:policy.gloss_words]
    return tuple(dict.fromkeys(group + tuple(best)))


def article_glosses(retriever) -> dict[str, tuple[str, ...]]:
    """The version's English word → article words table, built once (0.1 s at 10,000 cases)."""
    return retriever.memo("gloss_index", lambda: dictionary.gloss_index(retriever.bm25.idf))


def named_in(name: str, text: str, lowered: str) -> bool:
    """Whether the article (``text``; ``lowered``: its NFKC, lower case) names it: as written
    (NFKC, any case), in katakana (Anotete → アノテテ), or as a translation JMdict gives
    (Amazon → アマゾン). A name in capitals ("LINE") is that name only: a whole word, never a
    part of one (guide*line*, ガイド*ライン*) nor the dictionary's common word (線)."""
    if name.isupper():
        kana = re.escape(_katakana(name))
        return bool(re.search(rf"(?<![a-z]){re.escape(name.lower())}(?![a-z])", lowered)
                    or re.search(rf"(?<![ァ-ヺー]){kana}(?![ァ-ヺー])", text))
    if name.lower() in lowered:
        return True
    kana = _katakana(name)
    if len(kana) > 1 and not any(c.isascii() for c in kana) and kana in text:
        return True
    return any(len(j) > 1 and j in text for j in dictionary.japanese(name))


def _katakana(name: str) -> str:
    """A romanised name in katakana (Anotete → アノテテ); letters it cannot read stay ASCII."""
    import jaconv

    return jaconv.hira2kata(jaconv.alphabet2kana(name.lower()))


def _verb(token: str) -> bool:
    ms = morphemes(token)
    return len(ms) == 1 and ms[0].part_of_speech()[0] == "動詞"


def _unit(vector) -> np.ndarray:
    v = np.asarray(vector, dtype=np.float32)
    n = float(np.linalg.norm(v))
    return v / n if n else v


_KANJI = re.compile(r"[\u4e00-\u9fff]+")


def is_noun(m) -> bool:
    return m.part_of_speech()[0] == "名詞"


__all__ = ["article_glosses", "article_words", "by_glosses", "named_in", "is_noun", "joined_japanese", "read_as", "same_head", "spelt", "with_kin", "with_siblings", "written_compound"]
