"""Read a question: language, what kind of answer it wants, and what it names.

Everything here is read off wording (Japanese or English), the knowledge files, the facet
taxonomy and the gazetteer of the indexed articles — never off a list of known questions.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace

from chatbot.qa.read.asking import forms
from chatbot.qa.read.conditions import Condition, read_conditions
from chatbot.qa.read.where import Scope, find_regions, read_levels
from core import dictionary
from core.facets import Facet, facet_matches
from core.knowledge import Knowledge
from core.places import Gazetteer, Place
from core.text import language, tokenize, word_groups

# English question words that name no topic (beyond the stoplists): the wh-words and friends.
_ENGLISH_WORD = re.compile(r"[a-z][a-z']+")        # hyphenated compounds count by their parts
# The word that marks what a question leaves out (「以外」, 「関東の外では」, "except", "leave Tokyo out").
_MARKER = re.compile(r"(?:の|のもの|の分|の事例)?[をはも]?(?:以外|除(?:く|いて|いた|き|けば))|の外(?=[でにはのだ？?]|$)|"
                     r"ではなく|でなく|抜きで|"
                     r"\b(?:not|no|excluding|exclude|except|other than|apart from|outside|leave out|leaving out|"
                     r"besides|without|minus|drop|dropping|skip|skipping|remove|removing|take out|taking out|"
                     r"but not|ignore|ignoring|excluded|left out|aside)\b(?: (?:of|for|in|the))?|"
                     r"^\s*(?:leave|take|keep|count)\b|\bleav(?:e|ing)\b(?=[\w' -]{1,30}? out\b)|"
                     r"\b(?:everything|everywhere|anything|anywhere)(?= but\b)|\bout[.!?]?\s*$", re.I)
# A lone kana left where a place name was cut out (「が」, 「で」) is a particle, not a topic.
_LONE_KANA = re.compile(r"[ぁ-んァ-ヶー]")
# A number that counts the wards a question leaves out (「東京23区以外」, "outside Tokyo's 23 wards") is
# part of the place, not a topic word nor a figure.
_COUNTED = re.compile(r"(?<![\d,.])\d{1,4}\s{0,2}(?=区|(?:special )?wards?\b)", re.I)


@dataclass(frozen=True)
class Query:
    """What a question asks, as far as wording tells."""

    text: str
    lang: str
    intent: str                         # fact | list | count
    scope: Scope = field(default_factory=Scope)   # regions, levels, kinds the wording names
    places: tuple[Place, ...] = ()
    excluded: tuple[Place, ...] = ()        # places named only to be left out (「東京都を除いて」)
    facets: tuple[Facet, ...] = ()
    facet_words: tuple[str, ...] = ()   # the words that asked for each facet
    terms: tuple[tuple[str, ...], ...] = field(default=())  # Japanese word groups (English questions)
    rest: str = ""                      # the question without its place and region names
    asks: tuple[str, ...] = ()          # answer types: count, date, until, org, person, …
    units: tuple[str, ...] = ()         # what a "how many" counts in: people, items, departments
    every: bool = False                 # "list all …"
    conditions: tuple[Condition, ...] = ()   # "more than 1,000 staff", "ending in July"

    @property
    def reading(self) -> str:
        """The language its words are read in: that of ``rest`` (a follow-up answered in its own
        language may carry an earlier question's words in another: 「近畿だけでなく全部」 after
        "Which cases use ChatGPT for translation?")."""
        return "en" if self.terms else language(self.rest) if self.rest.strip() else self.lang

    @property
    def alternate_actions(self) -> bool:
        """Whether it joins actions as alternatives with 「…たり…たり」 (「見直したり更新したり」):
        each is the predicate, none narrows the others."""
        return self.text.count("たり") >= 2

    @property
    def level(self) -> str:
        return self.scope.levels[0] if len(self.scope.levels) == 1 else ""

    @property
    def term_groups(self) -> list[tuple[str, ...]]:
        """Each glossary phrase as its tokens (alternatives of one meaning)."""
        return [glossary_tokens(group) for group in self.terms]

    @property
    def lexical_terms(self) -> list[str]:
        return [t for group in self.term_groups for t in group]

    @property
    def known_places(self) -> tuple[Place, ...]:
        return tuple(p for p in self.places if p.case_ids)

    @property
    def unknown_places(self) -> tuple[Place, ...]:
        return tuple(p for p in self.places if not p.case_ids)

    def content(self, k: Knowledge) -> list[tuple[str, ...]]:
        """What makes the question specific, as groups of alternative words: Japanese content
        words (those a question joins as alternatives — 「禁止・制限」, 「発言や発表」 — in one
        group), or the glossary groups and figures of an English question. Place, region, level
        and question words are left out, and so are the words that only name the group of a facet
        asked (「試験段階の自治体」: 段階 names what the facet 試験導入 is; a case need not write it)."""
        generic = k.stopwords.generic
        if self.reading == "en":
            groups = [tuple(t for t in g if t not in generic) for g in self.term_groups]
            groups += [(n,) for n in re.findall(r"\d+", self.rest.replace(",", ""))]
        else:
            groups = [tuple(t for t in group if t not in generic and not k.stopwords.scope_token.fullmatch(t)
                            and not _LONE_KANA.fullmatch(t) and not generic_loanword(t, generic))
                      for group in word_groups(self.rest)]
        return list(dict.fromkeys(g for g in groups if g and not self.names_group(g, k)))

    def groups_named(self, k: Knowledge) -> frozenset[str]:
        """The facet groups a word of the question names (「導入状況」, "status": status), when it
        asks for no figure or date (「ルールはいくつ？」 asks a count)."""
        if self.asks:
            return frozenset()
        tokens = [t for g in word_groups(self.rest) for t in g] if self.reading == "ja" else \
            re.findall(r"[a-z]+", self.rest.lower())
        return frozenset(group for group, rx in k.stopwords.group_names if any(rx.fullmatch(t) for t in tokens))

    def names_group(self, words: tuple[str, ...], k: Knowledge) -> bool:
        """Whether the words only name the group of a facet asked (段階 of 「試験段階」), or any
        group when a named case is asked about (「厚木市の現状は？」: its stage; not 「ルールは
        いくつ？」, whose count the sentence holding it answers). A word that asked for the facet
        itself (ルール of 「利用ルール」 for the guidelines) is the facet's, not a name of its kind."""
        names = [rx for group, rx in k.stopwords.group_names
                 if (self.known_places and not self.asks) or any(f.group == group for f in self.facets)]
        if not names or not all(any(rx.fullmatch(t) for rx in names) for t in words):
            return False
        asked = {t for said in self.facet_words if said for t in tokenize(said)}
        return not set(words) & asked

    def unknown_english(self, k: Knowledge) -> list[str]:
        """English words of the question the glossary does not turn into Japanese."""
        if self.lang != "en":
            return []
        # words of three letters or more, and acronyms written in capitals (DX, IT)
        # ("they're", "we've", "you'll": the pronoun is the word, its contracted verb no topic)
        words = [_CONTRACTED.sub("", w.removesuffix("'s").rstrip("'")).lower()
                 for w in re.findall(r"\b[A-Z]{2,}\b|[A-Za-z][A-Za-z']{2,}", self.rest.replace("’", "'"))]
        return [w for w in dict.fromkeys(words) if w not in k.stopwords.generic and not k.glossary.japanese(w)]


    def in_glossary_phrases(self, k: Knowledge) -> frozenset[str]:
        """The English words of the question inside a glossary phrase of several words ("full"
        of "full rollout", which the glossary reads as 本格): the phrase stands for them."""
        if self.lang != "en":
            return frozenset()
        out: set[str] = set()
        for rx, _ in k.glossary.terms:
            for m in rx.finditer(self.rest):
                if re.search(r"[\s-]", m.group()):
                    out.update(w.lower() for w in re.findall(r"[A-Za-z']+", m.group()))
        return frozenset(out)

    def english_names(self, k: Knowledge) -> list[str]:
        """Capitalised English words the glossary does not know and that are not places, as
        written ("Copilot", "Anthropic"): the names of things the question is about."""
        if self.reading != "en":
            return []
        unknown = set(self.unknown_english(k))
        out = []
        shift = len(self.rest) - len(self.rest.lstrip())
        # "Nikko City Hall": the named place's building (its level word read with the place), not a thing it lacks
        buildings = {m.start(2) for m in k.questions.conditions["place_building"].finditer(self.text)
                     if not self.rest[m.start(1):m.end(1)].strip()}
        for m in re.finditer(r"(?<![.?!]\s)(?<!^)\b([A-Z][A-Za-z+]{2,})", self.rest.strip()):
            word = m.group(1).removesuffix("'s")
            if m.start() + shift in buildings:
                continue
            if word.lower() in unknown and word.lower() not in k.questions.months:
                out.append(word)
        return list(dict.fromkeys(out))


def glossary_tokens(words) -> tuple[str, ...]:
    """The tokens of a glossary group's Japanese words, alternatives of one meaning: a word of
    several tokens stands for its words of two characters or more (外国人 → 外国, not the 人 of
    every 「約100人」), as a one-character word never joins a Japanese question's group."""
    out: list[str] = []
    for word in words:
        toks = tokenize(word)
        out += [t for t in toks if len(t) > 1] or toks if len(toks) > 1 else toks
    return tuple(dict.fromkeys(out))


def _norm(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def _spans(text: str, places) -> tuple[tuple[int, int], ...]:
    """Where each place's name stands in the text."""
    return tuple((m.start(), m.end()) for p in places if p.matched
                 for m in re.finditer(re.escape(p.matched), text))


def generic_loanword(token: str, generic) -> bool:
    """A katakana word whose English words are all words every question shares (スタッフ: "staff",
    the article's 職員; ケース: "case"): said in a loanword, it is no more a topic than they are."""
    if not dictionary.loanword(token):
        return False
    glosses = [g for g in dictionary.english(token) if " " not in g]
    return bool(glosses) and all(g in generic for g in glosses)


_CONTRACTED = re.compile(r"'(?:re|ve|ll|d|m)$", re.I)


def blank(text: str, start: int, end: int) -> str:
    return text[:start] + " " * (end - start) + text[end:]


def intent_of(text: str, k: Knowledge) -> str:
    if k.questions.count.search(text):
        return "count"
    if k.questions.list.search(text):
        return "list"
    return "fact"


def level_of(text: str, k: Knowledge) -> str:
    """The one level the question's target noun names; "" when it names none or several."""
    levels, _ = read_levels(text, k)
    return levels[0] if len(levels) == 1 else ""


def _one_case_in(place: Place, gazetteer: Gazetteer) -> bool:
    """A prefecture the article has no case of its own for and exactly one case in."""
    return place.kind == "prefecture" and not place.case_ids and \
        len(gazetteer.cases_in_prefecture(place.name)) == 1


def _scope(named, levels, kinds) -> Scope:
    """The scope of the regions and areas named, with the levels and kinds."""
    return Scope(tuple(dict.fromkeys(h for r in named for h in r.regions)), levels, kinds,
                 areas=tuple(dict.fromkeys(r.name for r in named if r.prefectures)),
                 area_prefectures=tuple(dict.fromkeys(p for r in named for p in r.prefectures)))


def understand(question: str, gazetteer: Gazetteer, regions: list[str], k: Knowledge) -> Query:
    """Analyse a question against the indexed articles' places and regions and the knowledge.

    Args:
        regions: the article's region headings, in article order.
    """
    text = _norm(question).strip()
    # Region headings first: 「北海道・東北」 is a region, not the prefecture 北海道. Every mask
    # keeps the text's length, so the spans of regions, places and level words line up.
    named = find_regions(text, regions, k, _spans(text, gazetteer.resolve(text)))
    masked = text
    for r in named:
        masked = blank(masked, r.start, r.end)
    # 「関東以外」, 「東京都を除いて」, "except Tokyo", "not the prefectures": what is left out
    spans = [(m.start(), m.end()) for m in k.questions.excluding.finditer(text)]
    resolved = gazetteer.resolve(masked)
    places = tuple(p for p in resolved if not any(p.matched in text[a:b] for a, b in spans))
    excluded = tuple(p for p in resolved if p not in places)
    unplaced = text
    for p in resolved:
        unplaced = unplaced.replace(p.matched, " " * len(p.matched))
        masked = masked.replace(p.matched, " " * len(p.matched))
    kept = unplaced
    for a, b in spans:
        kept = blank(kept, a, b)
    left_out = "".join(unplaced[a:b] + " " for a, b in spans)   # its place names cut out
    levels, kinds = read_levels(kept, k)
    rest = masked
    for rx in (*(rx for _, rx in k.questions.levels + k.questions.kinds), k.questions.including):
        for m in rx.finditer(unplaced):        # level words and "…も含めて" are scope, not topic
            a = m.start()
            while a > 0 and unplaced[a - 1].isdigit():
                a -= 1                         # (and the number of a group's name: 「23区」)
            rest = blank(rest, a, m.end())
    for m in _COUNTED.finditer(unplaced):      # "outside Tokyo's 23 wards": the number counts what is left out
        if any(a <= m.start() < b for a, b in spans):
            rest = blank(rest, m.start(), m.end())
    inside = [r for r in named if any(a <= r.start < b for a, b in spans)]
    scope = _scope([r for r in named if r not in inside], levels, kinds)
    if inside or excluded or spans:
        out_levels, out_kinds = read_levels(left_out, k, widening=False)
        without = _scope(inside, out_levels, out_kinds)
        # (「東京都庁を除いて」 leaves out the case of the office, not every case of Tokyo)
        prefs = tuple(p.name for p in excluded if p.kind == "prefecture" and not p.office)
        named_out = tuple(p.matched if p.office else p.name for p in excluded if p.kind != "prefecture" or p.office)
        without = replace(without, prefectures=without.prefectures + prefs, named=named_out)
        if without.structural or excluded:
            scope = replace(scope, without=without)
            for a, b in spans:               # 「以外」, "except": scope words, not the topic
                m = _MARKER.search(text, a, b)
                if m:
                    rest = blank(rest, m.start(), m.end())
    lang = language(text)
    asked = text
    if spans and scope.without is None and lang == "ja":
        # 「アンケート以外のやり方で」: what is left out is a topic, not a place — never asked about
        for a, b in spans:
            asked, rest = blank(asked, a, b), blank(rest, a, b)
    matches = facet_matches(asked, k.taxonomy, k.glossary)
    intent = intent_of(unplaced, k)
    every = bool(k.questions.every.search(unplaced))
    # 「東京都内で使っているところは？」, 「神奈川県で使っているところは？」: the prefecture's area,
    # not its own government's case (「神奈川県庁で…」 and 「広島県は…に使える？」 are the case)
    area = {p for p in places if p.kind == "prefecture" and not p.matched.endswith("庁")
            and any(k.questions.within.match(text, m.end()) for m in re.finditer(re.escape(p.matched), text))}
    if intent != "fact" and any(p.case_ids for p in places if p not in area) and not every and \
            not k.questions.cases.search(unplaced):
        intent = "fact"            # "Which company did Hirakata pick?" asks about Hirakata's case
    elif intent != "fact" and not every and not k.questions.cases.search(unplaced) and \
            any(_one_case_in(p, gazetteer) for p in places):
        # "How many questions a day does Kochi's bus service get?": 高知県 has no case of its
        # own and one case in all (高知市); what is counted is not cases, so it asks about that one
        intent = "fact"
    # (in its plain forms too: 「会社ってどこ？」 asks a company as 「会社はどこ？」 does)
    # — only when the question as written asks no kind: "What is the service used for?" asks the
    # use, and its plain form "what service used for" must not add a company)
    asks = tuple(t.name for t in k.questions.answer_types if t.ask.search(text))
    if not asks:
        plain = forms(text, lang)[1:]      # (the question as written asked none)
        asks = tuple(t.name for t in k.questions.answer_types if any(t.ask.search(f) for f in plain))
    units = tuple(u.name for u in k.questions.units if u.ask.search(text))
    return Query(text=text, lang=lang, intent=intent, scope=scope, places=places, excluded=excluded,
                 facets=tuple(f for f, _ in matches),
                 facet_words=tuple(w for _, w in matches),
                 terms=tuple(k.glossary.japanese(rest)) if lang == "en" else (), rest=rest,
                 asks=asks, units=units, every=every, conditions=read_conditions(rest, k))


__all__ = ["Query", "blank", "glossary_tokens", "intent_of", "level_of", "understand"]
