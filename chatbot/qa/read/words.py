"""The question's own words, as the later stages weigh them: its content words (groups of
alternatives), the English words the article does not use, Japanese words for retrieval, and
names the article never mentions."""
from __future__ import annotations

import re
from dataclasses import dataclass

from chatbot.qa.catalog import article_lower, article_text
from chatbot.qa.read.understand import Query
from core import dictionary
from core.text import phrases, predicates, tokenize


@dataclass(frozen=True)
class Words:
    """What makes a question specific, beyond its places and scope."""

    content: tuple[tuple[str, ...], ...] = ()   # word groups (alternatives of one meaning)
    missing: tuple[tuple[str, ...], ...] = ()   # English words no dictionary finds in the article
    extra: tuple[str, ...] = ()                 # Japanese words for the lexical search
    absent: tuple[str, ...] = ()                # "Copilot": a name the article never writes
    verbs: frozenset[str] = frozenset()         # content words that are verbs or adjectives
    # 「AやB」, 「AしたりBしたり」: each coordination's alternatives (the groups of each conjunct);
    # a sentence needs the question's other words and one alternative's, not all of them
    options: tuple[tuple[tuple[tuple[str, ...], ...], ...], ...] = ()
    # 「デジタル戦略」: nouns written together, each a group of its own; held only where a
    # sentence writes them together, when one in scope does
    compounds: tuple[tuple[str, ...], ...] = ()


def words_of(retriever, q: Query) -> Words:
    """The question's words.

    An English word the glossary does not know is looked up in the dictionary (JMdict): the
    Japanese words for it that the article uses (each of their words is in the lexical index:
    a set lookup, where a search of the text took 13 ms a word at 10,000 cases) join the
    question's words; when the article uses none, it stays a word the cases lack (``missing``).
    """
    k = retriever.knowledge
    idf = retriever.bm25.idf
    own = q.content(k)
    verbs = predicates(q.rest) if q.reading == "ja" else set()
    # a verb the article never uses is a paraphrase of what it says (「確かめる」 for 確認・検証),
    # not a topic it lacks: it is left out (an absent noun still counts: 「罰則」)
    own = [g for g in own if any(t in idf for t in g) or not set(g) <= verbs]
    if q.reading == "ja":           # 「心配」, which the article never writes, is its 「懸念」
        own = [_as_verb(_with_synonyms(g, idf), idf) for g in own]
    verbs = predicates(q.rest, adjectives=False) if q.reading == "ja" else set()
    content, missing = list(own), []
    unknown = q.unknown_english(k)
    taken: set[str] = set()
    for phrase in _phrases(q.rest, k) if q.reading == "en" else ():
        if set(phrase.split()) & taken:
            continue
        # "interim report" → 中間報告, "local taxes" → 地方税: a phrase the dictionary knows
        group = _article_words(dictionary.japanese(phrase), idf)
        if not group:
            continue
        # "press conference" is 記者会見, not the glossary's word for "press" (報道): the phrase
        # stands for its words' glossary groups that say something else (報道番組 keeps 報道)
        loose = {tuple(t for t in g if t not in k.stopwords.generic) for g in k.glossary.japanese(phrase)}
        content = [g for g in content if g not in loose or set(g) & set(group)]
        if set(phrase.split()) & set(unknown):
            # the phrase's words and its head word's: 地方税 (地方) or 税 for "local taxes"
            head = _article_words(dictionary.japanese(phrase.split()[-1]), idf)
            group = tuple(dict.fromkeys(group + head))
        content.append(group)
        taken.update(phrase.split())
    verbs = set(verbs)
    by_facet = _facet_names(retriever, q, unknown, idf)
    for word, group in by_facet.items():
        content.append(group)        # "Graffer", "Mental Compass": the facet's own グラファー
        taken.add(word)
    for word in unknown:
        if word in taken:
            continue
        group = ((word,) if word in idf else ()) or _article_words(dictionary.japanese(word), idf)
        if group:                    # "DX", "LoGo": as the article writes it, or in Japanese
            content.append(group)
            continue
        # a list ("which cases stop …", "… collect …") is decided sentence by sentence: a verb
        # counts in the article's own verbs, weighed as a verb, and, as in a Japanese question,
        # one the article never uses is a paraphrase, not a topic it lacks (a fact question's
        # sentence is chosen by its nouns: the verb stays a word the cases lack)
        said = dictionary.verbs(word) if q.intent in ("list", "count") else ()
        group = _article_words(said, idf, whole=True)
        if group:
            content.append(group)
            verbs.update(group)
        elif not said:
            missing.append((word,))
    extra = q.lexical_terms + [t for g in content if g not in own for t in g]
    # A capitalised word no dictionary knows and the article never writes, in any script, names
    # something the article does not have ("Anthropic's Claude"); "Web Services" are words.
    names, absent = q.english_names(k), []
    if names:     # the article's text in lower case costs 0.4 s at 10,000 cases: only when asked
        text, lowered = article_text(retriever), article_lower(retriever)
        absent = [w for w in names if not dictionary.japanese(w) and w.lower() not in by_facet
                  and not _named_in(w, text, lowered)]
    options, compounds = _structure(q, content) if q.reading == "ja" else ((), ())
    return Words(tuple(dict.fromkeys(content)), tuple(missing), tuple(extra), tuple(absent),
                 frozenset(verbs), options, compounds)


def _structure(q: Query, content: list[tuple[str, ...]]):
    """The question's coordinations and compounds (`core.text.phrases`) in terms of its word
    groups: an alternative is the groups holding its conjunct's words (a group every
    alternative shares, the head 「申請・手続き」 joined by `word_groups`, is in each); a compound
    counts when each of its words is a group of its own."""
    coordinations, written = phrases(q.rest)
    options = []
    for conjuncts in coordinations:
        alts = [tuple(g for g in content if set(g) & set(c)) for c in conjuncts]
        alts = [a for a in dict.fromkeys(alts) if a]
        if len(alts) > 1 and any(set(a) != set(alts[0]) for a in alts):
            options.append(tuple(alts))
    singles = {g[0] for g in content if len(g) == 1}
    compounds = [toks for _, toks in written if len(set(toks)) == len(toks) and set(toks) <= singles]
    return tuple(options), tuple(dict.fromkeys(compounds))


# 連用形 endings of a noun made of a verb (洗い出し → 洗い出す, 取り決め → 取り決める)
_TO_VERB = {"し": "す", "き": "く", "ぎ": "ぐ", "ち": "つ", "に": "ぬ", "び": "ぶ", "み": "む",
            "り": "る", "い": "う"}


def _as_verb(group: tuple[str, ...], idf: dict) -> tuple[str, ...]:
    """A group none of whose words the article uses, with the verb a noun of it is made of
    when the article uses that verb (「洗い出し」, which the article writes 洗い出す → 洗う):
    the verb's rarest word; any other group as it is."""
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
            if len(toks) > 0 and all(w in idf for w in toks):
                found.append(max(toks, key=lambda w: idf[w]))
                break
    return tuple(dict.fromkeys(group + tuple(found)))


def _facet_names(retriever, q: Query, unknown: list[str], idf: dict) -> dict[str, tuple[str, ...]]:
    """English words of the question that are the name a facet it names goes by ("Trustbank" of
    'LoGo Chat / LoGo AI Assistant (Trustbank)'), when a case of the article has that facet: the
    article writes the name in katakana (トラストバンク), so it is neither missing nor absent. Each
    maps to the article's words for the facet's Japanese label."""
    out: dict[str, tuple[str, ...]] = {}
    for f in q.facets:
        label = {w.lower() for w in re.findall(r"[A-Za-z][A-Za-z+&'-]+", f.en)}
        named = [w for w in unknown if w in label]
        if not named or not any(f.key in have for have in retriever.facets.values()):
            continue
        group = _article_words(tuple(p for p in re.split(r"[/・()（）、\s]+", f.ja) if p), idf)
        if group:
            out.update((w, group) for w in named)
    return out


def _phrases(text: str, k) -> list[str]:
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


def _with_synonyms(group: tuple[str, ...], idf: dict) -> tuple[str, ...]:
    """A word group none of whose words the article uses, with the nearest synonyms JMdict
    attests that it uses as a word of its own (`core.dictionary.synonyms`; 気掛かり is not 掛かる);
    any other group as it is."""
    if any(t in idf for t in group):
        return group
    found = [w for t in group if len(t) > 1 for w in dictionary.synonyms(t) if w in idf]
    return tuple(dict.fromkeys(group + tuple(found)))


def _article_words(japanese: tuple[str, ...], idf: dict, whole: bool = False) -> tuple[str, ...]:
    """The tokens that stand for each of the dictionary's Japanese words in the article: a
    word's rarest token (地方税 → 税), only for words whose tokens the article all uses.
    ``whole``: only words that are one token (a verb, not an idiom: 実をあげる is not 上げる)."""
    out = []
    for j in japanese:
        toks = [t for t in tokenize(j) if len(t) > 1] if len(j) > 1 else []
        if whole and len(tokenize(j)) != 1:
            continue
        if toks and all(t in idf for t in toks):
            out.append(max(toks, key=lambda t: idf[t]))
    return tuple(dict.fromkeys(out))


def _named_in(name: str, text: str, lowered: str) -> bool:
    """Whether the article (``text``; ``lowered``: its NFKC, lower case) names it: as written
    (NFKC, any case), in katakana (Anotete → アノテテ), or as a translation JMdict gives
    (Amazon → アマゾン)."""
    import jaconv

    if name.lower() in lowered:
        return True
    kana = jaconv.hira2kata(jaconv.alphabet2kana(name.lower()))
    if len(kana) > 1 and not any(c.isascii() for c in kana) and kana in text:
        return True
    return any(len(j) > 1 and j in text for j in dictionary.japanese(name))


__all__ = ["Words", "words_of"]
