"""The question's own words, as the later stages weigh them: its content words (groups of
alternatives), the English words the article does not use, Japanese words for retrieval, and
names the article never mentions."""
from __future__ import annotations

from dataclasses import dataclass

from chatbot.qa.catalog import article_lower, article_text
import chatbot.qa.read.english as english
import chatbot.qa.read.variants as variants
from chatbot.qa.read.spelling import (article_words, by_glosses, joined_japanese, joined_verbs, named_in, read_as,
                                        whole_word, with_kin, with_siblings, written_compound)
from chatbot.qa.read.understand import Query, glossary_tokens
from chatbot.qa.read.verbal_nouns import with_verbal_nouns
from core import dictionary
from core.text import adverbs, phrases, predicates, suru_nouns


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
    # 「中学校」, 「副市長」: a noun read whole whose one-kanji prefix the reader leaves out, as
    # (prefix, head): the head alone (学校, 市長) is a wider thing than what was asked
    prefixed: tuple[tuple[str, str], ...] = ()
    # 開催 for 「開く」: verbal nouns of the question's verbs (`read.verbal_nouns`), in their groups
    said_as: frozenset[str] = frozenset()


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
    own = [variants.with_noun(g, idf) if q.reading == "ja" else g for g in own]   # 「見直したり」: 見直し
    # so is an adverb: how or when, never what the cases hold (「まだ明らかになっていない」)
    verbs |= adverbs(q.rest) if q.reading == "ja" else set()
    # and a na-adjective the article never writes (「いろいろな分野」 for 「幅広い分野」): how many or
    # what kind, not a topic no case holds
    verbs |= {a for a in adverbs(q.rest, adjectival=True) if a not in idf} if q.reading == "ja" else set()
    # and a noun made a verb with する (「やりとりする」): a way of saying what it does
    verbs |= suru_nouns(q.rest) if q.reading == "ja" else set()
    # (unless JMdict glosses it as a noun the article writes, as close: 「増える」 → 増加; a list only)
    acts = predicates(q.rest, adjectives=False) if q.reading == "ja" and q.intent in ("list", "count") else ()
    own = [by_glosses(retriever, g) if set(g) <= set(acts) else g for g in own]
    own = [g for g in own if any(t in idf for t in g) or not set(g) <= verbs]
    coordinations, written = phrases(q.rest) if q.reading == "ja" else ([], [])
    if q.reading == "ja":           # 「心配」, which the article never writes, is its 「懸念」
        own = [with_siblings(retriever, variants.as_verb(variants.with_synonyms(g, idf, k), idf, retriever)) for g in own]
    verbs = predicates(q.rest, adjectives=False) if q.reading == "ja" else set()
    if q.reading == "ja" and q.intent in ("list", "count"):
        verbs |= changed_by(q.rest)      # 「良くする」, 「多すぎる」: how, as 向上 or 多忙 says it
    if q.reading == "ja" and q.intent in ("list", "count"):     # 「仕事の負担」: 仕事 is the article's 業務
        own = variants.with_everyday(retriever, own, verbs)
    split = {}
    if q.reading == "ja" and q.intent in ("list", "count"):    # 「来年」: the article's 来 + 年度
        split = {g: w for g in own if len(g) == 1 and (w := variants.split_as_written(retriever, g[0]))}
        own = [h for g in own for h in ([(w,) for w in split[g]] if g in split else [g])]
    content, missing = list(own), []
    unknown = q.unknown_english(k)
    phrased = q.in_glossary_phrases(k)
    taken: set[str] = set()
    compounds: list[tuple[str, ...]] = []
    literal: list[tuple[str, ...]] = []
    dict_phrases: list[tuple[str, tuple[str, ...]]] = []     # Words.phrased
    for phrase in english.word_runs(q.rest, k) if q.reading == "en" else ():
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
        if set(phrase.split()) & set(unknown) and not whole_word(japanese, idf):
            # the phrase's words and its head word's: 地方税 (地方) or 税 for "local taxes"
            # (not when the article writes the phrase's word whole: "teaching materials" is
            # 教材, not any 資料)
            head = article_words(dictionary.japanese(phrase.split()[-1]), idf)
            group = tuple(dict.fromkeys(group + head))
        content.append(group)
        literal.append(group)        # a phrase's own word ("study group" → 勉強会): not a guess
        taken.update(phrase.split())
        dict_phrases.append((phrase, group))
    verbs = set(verbs)
    by_facet = english.facet_names(retriever, q, unknown, idf)
    for word, group in by_facet.items():
        content.append(group)        # "Graffer", "Mental Compass": the facet's own グラファー
        taken.add(word)
    named = {w.lower() for w in q.english_names(k)}
    for word in unknown:
        if word in taken or any(rx.fullmatch(word) for _, rx in k.stopwords.group_names):
            continue                 # "status", "rules": what kind of facet, not a topic
        if dictionary.auxiliary(word):
            continue                 # "must", "probably": how it is said, not what
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
            held, glossed = {t for g in content for t in g}, english.glossed(retriever, word)
            fresh = tuple(w for w in glossed if w not in held)
            if glossed and not fresh and not group:
                continue
            group = tuple(dict.fromkeys(group + fresh))
        if group and q.names_group(group, k):
            continue                 # "stage" (段階) of "at the trial stage": the facet's group
        if group:                    # "DX", "LoGo": as the article writes it, or in Japanese
            content.append(group)
            japanese = dictionary.japanese(word)
            if word in idf or (japanese and not english.native(japanese)):
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
        elif q.intent in ("list", "count") and english.past_of_verb(word):
            # "added", "asked": a verb's past form too short for the dictionary's own forms —
            # like any verb the article never uses, a paraphrase, not a topic the cases lack
            continue
        else:
            missing.append((word,))
    extra = q.lexical_terms + [t for g in content if g not in own for t in g]
    said_as = frozenset()
    # A capitalised word no dictionary knows (or none of whose Japanese the article writes: "Microsoft
    # Copilot", 副操縦士) and the article never writes, in any script, names something the article
    # does not have ("Anthropic's Claude"); "Web Services" are words. (コパイロット is still a name.)
    names, absent = q.english_names(k), []
    if names:     # the article's text in lower case costs 0.4 s at 10,000 cases: only when asked
        text, lowered = article_text(retriever), article_lower(retriever)
        # (a word in capitals is a name, not the dictionary's word: "LINE" is no 線 or 報告)
        absent = [w for w in names if (not english.native(dictionary.japanese(w)) or (w.lower(),) in missing
                                       or w.isupper())
                  and w.lower() not in by_facet and not named_in(w, text, lowered) and not read_as(retriever, w)]
    if q.reading == "ja" and q.intent in ("list", "count"):     # 「議事録づくり」: the cases' 議事録作成
        before = set(verbs)
        content = with_verbal_nouns(retriever, content, verbs)
        said_as = frozenset(verbs - before)
    if q.reading == "ja":
        options, written = _structure(content, coordinations, written)
        written = tuple(dict.fromkeys(written + tuple(split.values())))
    else:
        options, written = english.or_options(q, k, content, missing), tuple(compounds)
    literal += [(t,) for c in compounds for t in c]
    heads = {t for g in content for t in g}
    narrowed = tuple(p for p in prefix_nouns(q.rest, k.stopwords.count_prefixes) if p[1] in heads) if q.reading == "ja" else ()
    return Words(tuple(dict.fromkeys(content)), tuple(missing), tuple(extra), tuple(absent),
                 frozenset(verbs), options, written, tuple(dict.fromkeys(literal)), tuple(dict_phrases),
                 narrowed, said_as)


def prefix_nouns(text: str, count_prefixes: frozenset[str] = frozenset()) -> tuple[tuple[str, str], ...]:
    """The nouns of a question that Sudachi reads whole (mode C) and splits (mode A) into a
    one-kanji prefix and a noun — 「中学校」 (中 + 学校), 「小学校」, 「副市長」, 「大企業」 — as
    (prefix, head). The reader leaves prefixes out, so without this 「中学校」 would ask for any
    学校. Not a prefix of ``count_prefixes`` (stopwords.toml: 全 of 「全職員」 is how many, 来 of
    「来年度」 when, not what kind; `chatbot.qa.evidence.compounds.prefixed` reads 全 of すべて)."""
    from core.text import morphemes, nfkc

    out = []
    for m in morphemes(nfkc(text).lower(), "C"):
        if m.part_of_speech()[0] != "名詞" or len(m.surface()) < 3:
            continue
        parts = morphemes(m.surface(), "A")
        if len(parts) == 2 and len(parts[0].surface()) == 1 and parts[0].part_of_speech()[0] == "接頭辞" \
                and parts[0].surface() not in count_prefixes and parts[1].part_of_speech()[0] == "名詞":
            out.append((parts[0].normalized_form(), parts[1].normalized_form().lower()))
    return tuple(dict.fromkeys(out))




def changed_by(text: str) -> set[str]:
    """The adjectives a text makes a change of (「良くする」, 「軽くしたい」, 「早くなった」, 「多すぎる」):
    they say how something changes, which the article says in a noun (向上, 軽減, 短縮, 多忙) —
    not a quality asked of the cases (「新しいアイデア」, 「温かみ」)."""
    from core.text import morphemes, nfkc

    ms = morphemes(nfkc(text), "C")
    return {m.normalized_form().lower() for m, after in zip(ms, ms[1:]) if m.part_of_speech()[0] == "形容詞"
            and (m.surface().endswith("く") and after.normalized_form() in ("為る", "成る")
                 or after.normalized_form() == "過ぎる")}


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


__all__ = ["Words", "words_of"]
