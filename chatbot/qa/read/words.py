"""The question's own words, as the later stages weigh them: its content words (groups of
alternatives), the English words the article does not use, Japanese words for retrieval, and
names the article never mentions."""
from __future__ import annotations

import re
from dataclasses import dataclass

from chatbot.qa.catalog import article_lower, article_text
from chatbot.qa.read.spelling import (article_glosses, article_words, by_glosses, named_in, joined_japanese, joined_verbs, read_as,
                                        spelt, with_siblings, written_compound)
from chatbot.qa.read.understand import Query, glossary_tokens
from core import dictionary
from core.text import adverbs, phrases, predicates, suru_nouns, tokenize

_HIRAGANA = re.compile(r"[ぁ-ゖー]+")


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
    # an English question's words the article writes as such ("bot", "DX"), as a loanword
    # (コールセンター) or as a phrase's compound (自然言語): not the dictionary's guesses
    literal: tuple[tuple[str, ...], ...] = ()
    # English phrases read as one word the article writes ("family registers", (戸籍,))
    phrased: tuple[tuple[str, tuple[str, ...]], ...] = ()


def words_of(retriever, q: Query) -> Words:
    """The question's words.

    An English word the glossary does not know is looked up in the dictionary (JMdict): the
    Japanese words for it that the article uses, and the article's words JMdict glosses with it
    (`core.dictionary.gloss_index`: 水道 for "water") (each of their words is in the lexical index:
    a set lookup, where a search of the text took 13 ms a word at 10,000 cases) join the
    question's words; when the article uses none, it stays a word the cases lack (``missing``).
    """
    k = retriever.knowledge
    idf = retriever.bm25.idf
    own = joined_verbs(retriever, q.content(k), q.rest) if q.reading == "ja" else q.content(k)
    verbs = predicates(q.rest) if q.reading == "ja" else set()
    # a verb the article never uses is a paraphrase of what it says (「確かめる」 for 確認・検証),
    # not a topic it lacks: it is left out (an absent noun still counts: 「罰則」)
    own = [_with_noun(g, idf) if q.reading == "ja" else g for g in own]   # 「見直したり」: 見直し
    # so is an adverb: how or when, never what the cases hold (「まだ明らかになっていない」)
    verbs |= adverbs(q.rest) if q.reading == "ja" else set()
    # and a noun made a verb with する (「やりとりする」): a way of saying what it does
    verbs |= suru_nouns(q.rest) if q.reading == "ja" else set()
    # (unless JMdict glosses it as a noun the article writes, as close: 「増える」 → 増加; a list only)
    acts = predicates(q.rest, adjectives=False) if q.reading == "ja" and q.intent in ("list", "count") else ()
    own = [by_glosses(retriever, g) if set(g) <= set(acts) else g for g in own]
    own = [g for g in own if any(t in idf for t in g) or not set(g) <= verbs]
    coordinations, written = phrases(q.rest) if q.reading == "ja" else ([], [])
    if q.reading == "ja":           # 「心配」, which the article never writes, is its 「懸念」
        own = [with_siblings(retriever, _as_verb(_with_synonyms(g, idf, k), idf, retriever)) for g in own]
    verbs = predicates(q.rest, adjectives=False) if q.reading == "ja" else set()
    content, missing = list(own), []
    unknown = q.unknown_english(k)
    phrased = q.in_glossary_phrases(k)
    taken: set[str] = set()
    compounds: list[tuple[str, ...]] = []
    literal: list[tuple[str, ...]] = []
    dict_phrases: list[tuple[str, tuple[str, ...]]] = []     # Words.phrased
    for phrase in _phrases(q.rest, k) if q.reading == "en" else ():
        if set(phrase.split()) & taken:
            continue
        # "interim report" → 中間報告, "local taxes" → 地方税: a phrase the dictionary knows
        japanese = dictionary.japanese(phrase)
        # else, for two words only the dictionary knows (the glossary's are read as they were),
        # their Japanese as the article writes them together: "digital strategy" → デジタル戦略,
        # not デジタル and 対策 anywhere; nothing when the article does not
        joined = () if japanese or phrase.count(" ") != 1 or set(phrase.split()) & k.stopwords.generic \
            or any(k.glossary.japanese(w) for w in phrase.split()) else joined_japanese(k, phrase, idf)
        group = tuple(t for t in article_words(japanese or joined, idf) if t not in k.stopwords.generic)
        if not group:       # ("local governments" → 地方自治体: words every question shares)
            continue
        # "press conference" is 記者会見, not the glossary's word for "press" (報道): the phrase
        # stands for its words' glossary groups that say something else (報道番組 keeps 報道)
        loose = {tuple(t for t in glossary_tokens(g) if t not in k.stopwords.generic)
                 for g in k.glossary.japanese(phrase)}
        if joined:       # only as the article writes it (each pair it writes: first words, heads)
            found = [w for j in joined if len(w := written_compound(retriever, (j,))) == 2]
            if found:
                pair = tuple(tuple(dict.fromkeys(w[i] for w in found)) for i in (0, 1))
                content = [g for g in content if not set(g) & set(sum(pair, ()))] + list(pair)
                compounds.append(found[0])
                literal += list(pair)
                taken.update(phrase.split())
            continue
        written = written_compound(retriever, japanese)
        if written:
            # "natural language" → 自然言語, which the article writes: its words, written together,
            # are the phrase (its words' own glossary groups go unless they share its words)
            # its head keeps the words of the phrase's other Japanese: 漏洩 or 漏れ (情報漏れ) for
            # "information leaks" (「情報の漏れを防ぐ」)
            head = written[-1:] + tuple(t for t in group if t not in written)
            content = [g for g in content if g not in loose or set(g) & set(written)] + \
                [(t,) for t in written[:-1]] + [tuple(dict.fromkeys(head))]
            compounds.append(written)
            taken.update(phrase.split())
            dict_phrases.append((phrase, written))
            continue
        content = [g for g in content if g not in loose or set(g) & set(group)]
        if set(phrase.split()) & set(unknown):
            # the phrase's words and its head word's: 地方税 (地方) or 税 for "local taxes"
            head = article_words(dictionary.japanese(phrase.split()[-1]), idf)
            group = tuple(dict.fromkeys(group + head))
        content.append(group)
        literal.append(group)        # a phrase's own word ("study group" → 勉強会): not a guess
        taken.update(phrase.split())
        dict_phrases.append((phrase, group))
    verbs = set(verbs)
    by_facet = _facet_names(retriever, q, unknown, idf)
    for word, group in by_facet.items():
        content.append(group)        # "Graffer", "Mental Compass": the facet's own グラファー
        taken.add(word)
    named = {w.lower() for w in q.english_names(k)}
    for word in unknown:
        if word in taken or any(rx.fullmatch(word) for _, rx in k.stopwords.group_names):
            continue                 # "status", "rules": what kind of facet, not a topic
        group = ((word,) if word in idf else ()) or article_words(dictionary.japanese(word), idf)
        if not group and word in named and (group := read_as(retriever, word)):
            content.append(group)        # "Fujitsu" → 富士通, "Anotete" → アノテテ: the name itself
            literal.append(group)
            continue
        said = dictionary.verbs(word) if q.intent in ("list", "count") else ()
        as_verb = () if group else article_words(said, idf, whole=True)
        if not as_verb:
            # a noun the article writes in other words JMdict glosses with it ("water" → 水道), unless
            # a verb it writes ("hold" 開く) or what another word stands for ("classes" 市民, one 総理)
            held, glossed = {t for g in content for t in g}, _glossed(retriever, word)
            fresh = tuple(w for w in glossed if w not in held)
            if glossed and not fresh and not group:
                continue
            group = tuple(dict.fromkeys(group + fresh))
        if group and q.names_group(group, k):
            continue                 # "stage" (段階) of "at the trial stage": the facet's group
        if group:                    # "DX", "LoGo": as the article writes it, or in Japanese
            content.append(group)
            japanese = dictionary.japanese(word)
            if word in idf or (japanese and not _native(japanese)):
                literal.append(group)        # the word itself, or its loanword: not a guess
            continue
        # a list ("which cases stop …", "… collect …") is decided sentence by sentence: a verb
        # counts in the article's own verbs, weighed as a verb, and, as in a Japanese question,
        # one the article never uses is a paraphrase, not a topic it lacks (a fact question's
        # sentence is chosen by its nouns: the verb stays a word the cases lack)
        if as_verb:
            content.append(as_verb)
            verbs.update(as_verb)
        elif said:
            continue
        elif word in phrased:
            continue         # "full" of "full rollout" (本格): the glossary's phrase says it
        elif q.intent in ("list", "count") and _past_of_verb(word):
            # "added", "asked": a verb's past form too short for the dictionary's own forms —
            # like any verb the article never uses, a paraphrase, not a topic the cases lack
            continue
        else:
            missing.append((word,))
    extra = q.lexical_terms + [t for g in content if g not in own for t in g]
    # A capitalised word no dictionary knows (or none of whose Japanese the article writes: "Microsoft
    # Copilot", 副操縦士) and the article never writes, in any script, names something the article
    # does not have ("Anthropic's Claude"); "Web Services" are words. (コパイロット is still a name.)
    names, absent = q.english_names(k), []
    if names:     # the article's text in lower case costs 0.4 s at 10,000 cases: only when asked
        text, lowered = article_text(retriever), article_lower(retriever)
        absent = [w for w in names if (not _native(dictionary.japanese(w)) or (w.lower(),) in missing)
                  and w.lower() not in by_facet and not named_in(w, text, lowered) and not read_as(retriever, w)]
    if q.reading == "ja":
        options, written = _structure(content, coordinations, written)
    else:
        options, written = _english_options(q, k, content, missing), tuple(compounds)
    literal += [(t,) for c in compounds for t in c]
    return Words(tuple(dict.fromkeys(content)), tuple(missing), tuple(extra), tuple(absent),
                 frozenset(verbs), options, written, tuple(dict.fromkeys(literal)), tuple(dict_phrases))


_WORD = re.compile(r"[a-z][a-z'-]*")


def _past_of_verb(word: str) -> bool:
    """Whether an English word JMdict does not know is the past form of a verb it glosses
    ("added" → to add, "asked" → to ask, "planned" → to plan, "saved" → to save)."""
    if not word.endswith("ed") or len(word) < 5 or dictionary.japanese(word):
        return False
    stem = word[:-2]
    stems = [stem, stem + "e"] + ([stem[:-1]] if len(stem) > 2 and stem[-1] == stem[-2] else [])
    return any(dictionary.verbs(s) for s in stems)


def _english_options(q: Query, k, content: list[tuple[str, ...]], missing=()):
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


def _structure(content: list[tuple[str, ...]], coordinations, written):
    """The question's coordinations and compounds (`core.text.phrases`) in terms of its word
    groups: an alternative is the groups holding its conjunct's words (a group every
    alternative shares, the head 「申請・手続き」 joined by `word_groups`, is in each); a compound
    counts when each of its words is a group of its own."""
    options = []
    for conjuncts in coordinations:
        # a group joined across conjuncts stands in each for that conjunct's own words: 「脱炭素や
        # 温暖化対策」's 炭素 or 対策 is 炭素 in the first, 対策 in the second (never 対策 for 脱炭素)
        others = [{t for o in conjuncts if o is not c for t in o} - set(c) for c in conjuncts]
        alts = [tuple(tuple(t for t in g if t not in other) for g in content if set(g) & set(c))
                for c, other in zip(conjuncts, others)]
        alts = [a for a in dict.fromkeys(alts) if a]
        if len(alts) > 1 and any(set(a) != set(alts[0]) for a in alts):
            options.append(tuple(alts))
    singles = {g[0] for g in content if len(g) == 1}
    compounds = [toks for _, toks in written if len(set(toks)) == len(toks) and set(toks) <= singles]
    return tuple(options), tuple(dict.fromkeys(compounds))


# 連用形 endings of a noun made of a verb (洗い出し → 洗い出す, 取り決め → 取り決める)
_TO_VERB = {"し": "す", "き": "く", "ぎ": "ぐ", "ち": "つ", "に": "ぬ", "び": "ぶ", "み": "む",
            "り": "る", "い": "う"}
_TO_NOUN = {v: k for k, v in _TO_VERB.items()}     # 見直す → 見直し


def _as_verb(group: tuple[str, ...], idf: dict, retriever=None) -> tuple[str, ...]:
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


def _with_noun(group: tuple[str, ...], idf: dict) -> tuple[str, ...]:
    """A group none of whose words the article uses, with the noun (連用形) of a verb of it that
    the article writes, three characters or more (見直す → 見直し; not 集め, ヒント集め's end)."""
    if any(t in idf for t in group):
        return group
    forms = [f for t in group if len(t) > 2 and t[-1] in _TO_NOUN
             for f in [t[:-1] + _TO_NOUN[t[-1]]] + ([t[:-1]] if t[-1] == "る" else [])]
    return tuple(dict.fromkeys(group + tuple(f for f in forms if f in idf and len(f) > 2)))


def _native(japanese: tuple[str, ...]) -> tuple[str, ...]:
    """The dictionary's Japanese for a word other than plain katakana (a loanword's spelling)."""
    return tuple(j for j in japanese if not dictionary.loanword(j))


def _glossed(retriever, word: str) -> tuple[str, ...]:
    """The article's words JMdict glosses with ``word`` (水道 "water supply" for "water"; see
    `core.dictionary.gloss_index`), words of one character left out (水 is in too many), and
    words in hiragana alone (こう glossed "meeting", これ "this": function words of the article)."""
    return tuple(w for w in dictionary.glossed(word, article_glosses(retriever))
                 if len(w) > 1 and not _HIRAGANA.fullmatch(w))


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
        group = article_words(tuple(p for p in re.split(r"[/・()（）、\s]+", f.ja) if p), idf)
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


def _with_synonyms(group: tuple[str, ...], idf: dict, k=None) -> tuple[str, ...]:
    """A word group none of whose words the article uses, with the nearest synonyms JMdict
    attests that it uses as a word of its own (`core.dictionary.synonyms`; 気掛かり is not 掛かる);
    any other group as it is."""
    if any(t in idf for t in group):
        return group
    found = [w for t in group if (w := spelt(t, idf))]
    found += [w for t in group if len(t) > 1 for w in dictionary.synonyms(t) if w in idf]
    found += [w for t in group for w in _headed_by(t, idf)]
    # a loanword the article never writes, as its English word reads in the glossary (ブロック,
    # "blocking": アクセス, 制限)
    found += [w for t in group if k is not None and dictionary.loanword(t) for gloss in dictionary.english(t)
              for g in k.glossary.japanese(gloss) for w in glossary_tokens(g)
              if w in idf and w not in k.stopwords.generic]
    return tuple(dict.fromkeys(group + tuple(found)))


_KATAKANA = re.compile(r"[ァ-ヺー]{2,}")
_KATAKANA_WORDS: dict[int, tuple[dict, tuple[str, ...]]] = {}


def _headed_by(token: str, idf: dict) -> tuple[str, ...]:
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


__all__ = ["Words", "words_of"]
