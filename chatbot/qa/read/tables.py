"""Questions about all the cases at once: what is common (an aggregate), who is first or largest
(a ranking over a stated figure), named cases or regions side by side (a comparison), and when
the cases started (a timeline). Read off the wording of ``core/domain/questions.toml`` [tables].
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from chatbot.qa.kinds import Kind
from chatbot.qa.read.understand import Query
from chatbot.qa.read.where import LEVELS_JA, read_levels
from core.cases import LEVEL_MUNICIPALITY
from core.knowledge import Knowledge
from core.places import prefectures

FIGURES = ("staff", "period", "time", "end", "start")    # in the order they are preferred
GROUPS = ("region", "rule", "use", "vendor", "status", "level", "prefecture")   # region first: 「地方別に試験導入の…」
_TOP = re.compile(r"\btop\s{0,3}(\d{1,2})\b|上位\s{0,3}(\d{1,2})|(\d{1,2})\s{0,3}位まで", re.I)
_NEAR = {"ja": 12, "en": 40}          # how close a superlative and its figure word stand


@dataclass(frozen=True)
class TableAsk:
    """What a question about all the cases asks for."""

    kind: Kind
    figure: str = ""          # staff | period | time | start | uses | unit:<name>: what a ranking orders by
    group: str = ""           # region | rule | use | vendor | status | level: what an aggregate counts
    ascending: bool = False   # fewest, earliest, shortest first
    top: int = 0              # "top 5": how many a ranking shows (0: every case stating it)
    per: str = ""             # region | prefecture | level: a ranking's first of each (「各地方で一番早く」)
    which: bool = False       # the regions themselves ranked ("Which region started earliest?")
    header: tuple[str, ...] = ()   # a ranking by a unit's count: its column header (ja, en)


# "How many patent applications are filed each year?" counts what a case states per year (「年間約
# 30万件」), not the cases that started each year ("How many governments began per month?").
_PER_PERIOD = re.compile(r"\b(?:each|per|every|a) (?:month|year)\b", re.I)
_HOW_MANY = re.compile(r"\bhow many((?: [a-z-]{1,30}){1,3})", re.I)
_BODIES = re.compile(r"\b(?:cases?|entr(?:y|ies)|governments?|municipalit(?:y|ies)|cit(?:y|ies)|towns?|wards?|"
                     r"villages?|prefectures?|organi[sz]ations?|ministr(?:y|ies)|agenc(?:y|ies)|bodies|"
                     r"authorities|ones|places)\b", re.I)


def _counts_a_figure(text: str) -> bool:
    """Whether "how many" counts something other than the cases themselves (applications, cars)."""
    m = _HOW_MANY.search(text)
    return bool(m) and not _BODIES.search(m.group(1))


# A verb that ends in the organisations asked for: 「分類している自治体」, 「集計する県」.
_DOING = re.compile(r"(?:し|す|さ)[^。？?、\s]{0,6}?(?:自治体|都道府県|県|市区町村|市|区|町|村|事例|ところ|団体|組織|省庁)")


_AREA_FIRSTS = ("info.first_local", "info.first_prefecture", "info.first_nationwide")


def read_table(q: Query, k: Knowledge, prev_kind: str = "", prev_cases: int = 0) -> TableAsk | None:
    """The table a question asks for, or None for a question about some cases.

    Args:
        prev_kind, prev_cases: the last answer's kind and how many cases it cited (「違いは？」
            right after two cases or a comparison compares them).
    """
    words = k.questions.tables
    # 「県内で最初に導入した市は？」: a first the article states of an area (県内初), not a ranking
    # of start dates — the words that asked for that facet rank nothing
    text = q.text
    for facet, said in zip(q.facets, q.facet_words):
        if facet.key in _AREA_FIRSTS and said:
            text = text.replace(said, " ")
    # an organisation with a case of its own (県 included) — not a prefecture that only bounds the
    # municipalities asked about (「東京都の区で多い用途」, "the cities in Kanagawa": a scope)
    ranked = bool(words["rank"].search(text))
    # 「神奈川県内の事例を比較して」, "compare the cases in Kanagawa": the prefecture's cases side
    # by side (right after one case, 「神奈川県と比べて」 pairs that case with the prefecture's)
    compared = prev_cases != 1 and bool(words["compare"].search(text))
    named = [p for p in q.known_places if not _bounds(p, q, words["local"], ranked, compared)]
    # 「大阪府と神戸市を比べて」: a prefecture with no case of its own, compared with another place,
    # is a column of the cases in it
    places = len(q.known_places) + len(groups_compared(q)) + len(q.scope.regions) + len(q.scope.areas)
    if words["compare"].search(text) and (places >= 2 or (not q.places and not q.scope.regions and
                                                          (prev_kind == "compare" or prev_cases >= 2))):
        return TableAsk(Kind.COMPARE)
    if words["compare"].search(text) and not named and (q.scope.structural or q.places):
        return TableAsk(Kind.COMPARE)     # 「九州の県を比べて」, "compare the Tokai cases": those cases
    if words["compare"].search(text) and not places and not prev_cases and q.facets and q.intent != "list":
        # 「LoGoチャットを使っている自治体を比較して」: those cases (not "Which entries say anything
        # about free versus paid versions?": a list)
        return TableAsk(Kind.COMPARE)
    if len(named) >= 2 and words["aggregate"].search(text):
        return TableAsk(Kind.COMPARE)     # 「横須賀市と厚木市の共通点」: the two side by side
    if len(named) == 1 and prev_cases == 1 and words["compare"].search(text):
        return TableAsk(Kind.COMPARE)     # 「横須賀市と比べて」 right after 厚木市's case: the two
    if named:
        return None                       # a question about one organisation's case
    ascending = bool(words["ascending"].search(text))
    if words["rank_uses"].search(text):   # 「一番多くの業務で使っている自治体」: by how many uses
        return TableAsk(Kind.RANK, figure="uses", ascending=bool(words["fewest"].search(text)), top=_top(text))
    if words["timeline"].search(_PER_PERIOD.sub(" ", text) if _counts_a_figure(text) else text):
        return TableAsk(Kind.TIMELINE, figure="start", ascending=True)
    if _of_all(q, k, text, prev_cases, "when_started") and not q.scope.structural:
        return TableAsk(Kind.TIMELINE, figure="start", ascending=True)
    if _of_all(q, k, text, prev_cases, "uses_asked"):
        return TableAsk(Kind.AGGREGATE, group="use")      # 「どう使われている？」: the uses, counted
    ranks = [m.span() for m in words["rank"].finditer(text)]
    near = _NEAR["en" if q.lang == "en" else "ja"]
    for figure in FIGURES:
        spans = [m.span() for m in words[f"figure_{figure}"].finditer(text)]
        if any(abs(a - c) <= near or abs(b - d) <= near for a, b in ranks for c, d in spans):
            if figure in ("start", "end") and not words["latest"].search(text):
                ascending = True          # 「始めた順」, "in order of when they started": earliest first
            return TableAsk(Kind.RANK, figure=figure, ascending=ascending, top=_top(text), per=_per(q, text, words),
                            which=bool(words["which_region"].search(text)))
    aggregate = words["aggregate"].search(text)
    if aggregate and _DOING.match(text, aggregate.end()):
        aggregate = None     # 「通報を分類している自治体は？」: what the cases do, not a table of them
    if aggregate and words["each"].search(text) and len(q.scope.regions) + len(q.scope.areas) >= 2 and \
            any(words[f"group_{g}"].search(text) for g in GROUPS if g not in ("region", "level", "prefecture")):
        return TableAsk(Kind.COMPARE)     # 「関東と近畿でそれぞれ多い用途は？」: each region's uses side by side
    by = _structural(q, words)
    if by and (aggregate or ranks or words["tally"].search(text)):
        # 「地方別の事例数」, "how many … in each region"; 「一番少ない地方」 from the smallest
        return TableAsk(Kind.AGGREGATE, group=by, ascending=bool(words["fewest"].search(text)))
    named_groups = [f.group for f in dict.fromkeys(q.facets) if not f.meta]
    if words["tally"].search(text):
        group = next((g for g in GROUPS if named_groups.count(g) >= 2 and words["exclusive"].fullmatch(g)), "")
        if group:
            return TableAsk(Kind.AGGREGATE, group=group)
    for unit in k.questions.units:      # 「最も多くの部署で」, "the most FAQs": a count it states
        spans = [m.span() for m in unit.rank.finditer(text)] if unit.rank else []
        if any(abs(a - c) <= near or abs(b - d) <= near for a, b in ranks for c, d in spans):
            return TableAsk(Kind.RANK, figure=f"unit:{unit.name}", ascending=ascending, header=unit.label,
                            top=_top(text), per=_per(q, text, words),
                            which=bool(words["which_region"].search(text)))
    if aggregate or ranks:
        group = _asked_group(text, words, aggregate.span() if aggregate else ranks[0])
        if not group and not q.facets and _topic(_bare(q, words), k):
            return None      # 「全事例に共通する懸念は？」: what the cases say of a topic no facet counts
        if group or aggregate:
            return TableAsk(Kind.AGGREGATE, group=group or _group_of(q))
    return None


def _of_all(q: Query, k: Knowledge, text: str, prev_cases: int, asked: str) -> bool:
    """A question of the [tables] wording ``asked`` put to all the cases: 「いつ導入した？」 as a first
    message, 「各自治体の導入時期は？」, "When did each of them start?" (when_started); 「どう使われて
    いる？」, "What is ChatGPT used for?" (uses_asked). Not of a topic (「翻訳に使い始めたのはいつ？」
    asks of the cases stating 翻訳), a facet or a place (「広島市はどう使っている？」: that place, or
    no such case); of all of them when it says so (各, 自治体, all) or when nothing came before
    (「何に使っている？」 after one case or a list asks of those)."""
    words = k.questions.tables
    if q.facets or q.places or not _bare_of(q, k, asked):
        return False
    return bool(words["many"].search(text) or k.questions.every.search(text) or not prev_cases)


def _bare_of(q: Query, k: Knowledge, asked: str) -> bool:
    """Whether the question asks what ``asked`` (a [tables] pattern) words and names no topic besides
    (read with and without those words: what is left of a verb they end in, 「どう使|われている」, reads
    as a word of its own)."""
    words = k.questions.tables
    return bool(words[asked].search(q.text)) and not (
        _topic(q, k) and _topic(replace(q, rest=words[asked].sub(" ", q.rest)), k))


def _asked_group(text: str, words, at: tuple[int, int]) -> str:
    """The group an aggregate counts: of the groups the question names, the one written nearest
    its "most common" words (「ガイドラインを作った自治体で多い用途」: uses, among the cases with a
    guideline), the first of GROUPS on a tie; "" when it names none."""
    found = [(max(m.start() - at[1], at[0] - m.end(), 0), i, g) for i, g in enumerate(GROUPS)
             if g not in ("level", "prefecture") for m in words[f"group_{g}"].finditer(text)]
    return min(found)[2] if found else ""


def _per(q: Query, text: str, words) -> str:
    """The group a ranking is asked of one by one (「各地方で」, "in each prefecture", 「関東と九州で
    それぞれ」, 「県と市でそれぞれ」), or ""."""
    if words["each"].search(text) and len(q.scope.regions) >= 2 and not q.scope.areas:
        return "region"
    if words["each"].search(text) and len(q.scope.levels) >= 2:
        return "level"
    if words["which_region"].search(text):      # "Which region started earliest?": each region's first
        return "region"
    return next((g for g in ("region", "prefecture") if words[f"per_{g}"].search(text)), "")


def _top(text: str) -> int:
    """How many rows a ranking shows ("top 5", 「上位3」); 0: every case that states it."""
    return next((int(g) for m in _TOP.finditer(text) for g in m.groups() if g), 0)


def _structural(q: Query, words) -> str:
    """Counting cases by the article's structure rather than by a facet: by region
    (「地方別」, "which region", 「多い地方はどこ」, or two regions named with a word that splits by
    them: 「関東と近畿でそれぞれ何件」), or by level when two or more levels are named so (「都道府県と市区町村、どちらが多い」, "… respectively") and no
    facet group is (「県と市それぞれで多い用途」 counts uses)."""
    if words["group_prefecture"].search(q.text):
        return "prefecture"
    split = words["each"].search(q.text)
    if words["group_region"].search(q.text) or (split and len(q.scope.regions) + len(q.scope.areas) >= 2):
        return "region"
    facet = any(words[f"group_{g}"].search(q.text) for g in GROUPS if g not in ("region", "level", "prefecture"))
    if len(q.scope.levels) >= 2 and split and not facet:
        return "level"
    return ""


def tallied(q: Query, table: TableAsk, k: Knowledge) -> Query:
    """The question as a tally by its structure reads it: a region named like one of the levels
    it counts ("ministries, prefectures and municipalities": the 省庁 heading) is that level, not
    a bound; the level word of 「都道府県別」 / "per prefecture" groups, it does not bound
    (「市区町村の県別の件数」 still keeps to the municipalities)."""
    if table.group == "prefecture" or table.per == "prefecture":
        said = "per_prefecture" if table.per else "group_prefecture"     # 「各県で」 groups, it does not bound
        levels, kinds = read_levels(k.questions.tables[said].sub(" ", q.text), k)
        return replace(q, scope=replace(q.scope, levels=levels, kinds=kinds))
    if table.group != "level":
        return q
    named = {LEVELS_JA[lv] for lv in q.scope.levels}
    return replace(q, scope=replace(q.scope, regions=tuple(r for r in q.scope.regions if r not in named)))


def _bounds(place, q: Query, local, ranked: bool = False, compared: bool = False) -> bool:
    """A prefecture named with the municipalities asked about bounds them (「東京都の区」), as the
    scope stage reads it, and so does one named with its local governments (「福井県で一番早く
    導入した自治体」: the prefecture and its municipalities) or as where a ranking looks ("Who was
    first in Fukui?", 「福井県内で最も早いのは？」) or whose cases are compared (「神奈川県内の事例を
    比較して」); its office (「東京都庁の…」) or the prefecture alone is the case."""
    if place.kind != "prefecture" or place.matched.endswith("庁"):
        return False
    where = re.escape(place.matched)
    inside = ranked and bool(re.search(rf"\bin (?:the )?{where}\b|{where}(?:の中|内)?で", q.text, re.I))
    return LEVEL_MUNICIPALITY in q.scope.levels or bool(local.search(q.text)) or inside or compared


_FOLLOWED = ("aggregate", "rank", "timeline")


def table_follow_up(q: Query, prev, k: Knowledge) -> tuple[Query, TableAsk] | None:
    """「そのうち関東は？」, "What about Kyushu?", 「県だけだと？」 right after an aggregate, a ranking
    or a timeline: the same table for the region or level the message names (what it does not
    name — a level, a facet — is kept from the question before). None for anything else."""
    if prev is None or prev.kind not in _FOLLOWED or q.known_places or q.content(k):
        return None
    new, old = q.scope, prev.q.scope
    place = bool(new.regions or new.areas or new.prefectures)
    if not (place or new.levels or new.kinds or new.without):
        return None
    table = read_table(prev.q, k)
    if table is None or table.kind.value not in _FOLLOWED:
        return None
    scope = replace(old, regions=new.regions, areas=new.areas, area_prefectures=new.area_prefectures,
                    prefectures=new.prefectures) if place else old
    if new.levels or new.kinds:
        scope = replace(scope, levels=new.levels, kinds=new.kinds)
    if new.without is not None:
        scope = replace(scope, without=new.without)
    return replace(prev.q, text=f"{prev.q.text} {q.text}", lang=q.lang, scope=scope), table


def compared_cities(q: Query, gazetteer, k: Knowledge) -> Query:
    """「大阪と神戸を比べて」, "Compare Kobe and Osaka": a prefecture named bare beside another
    place in a comparison, with no case of its own, is its same-named city when the article has
    that city's case (大阪市, 熊本市); alone (「大阪の事例を比較して」) it is still its cases."""
    if len(q.places) < 2 or not k.questions.tables["compare"].search(q.text):
        return q
    places = []
    for p in q.places:
        if p.kind == "prefecture" and not p.case_ids and p.matched.lower() in (p.name[:-1], *_romaji(p.name)):
            city = [c for c in gazetteer.resolve(f"{p.name[:-1]}市") if c.case_ids and c.prefecture == p.name]
            p = replace(city[0], matched=p.matched) if city else p
        places.append(p)
    # 「厚木市と比べて横須賀市は？」: the place it is compared against goes last, the one asked of leads
    against = _AGAINST.search(q.text)
    at = [q.text.find(p.matched) if p.matched else -1 for p in places]
    if against and len(places) == 2 and 0 <= at[0] < against.start() < at[1]:
        places.reverse()
    return replace(q, places=tuple(places))


_AGAINST = re.compile(r"(?:と|に)(?:比べ|比較し|くらべ)")


def names_aspect(q: Query, facet, k: Knowledge) -> bool:
    """Whether a facet was said only as the name of its group, right beside the words that ask
    what is common or how they differ (「ルールの違い」, 「多いルール」, "the most common rules"): the
    aspect asked, not a facet the cases must have (「ガイドラインを作った自治体で…」)."""
    words = k.questions.tables
    rx = words.get(f"group_{facet.group}")
    said = {w.strip() for f, w in zip(q.facets, q.facet_words) if f == facet and w}
    if not (rx and said and all(rx.fullmatch(w) for w in said)):
        return False
    asks = [m.span() for w in ("compare", "aggregate", "rank") for m in words[w].finditer(q.text)]
    # (every time it is said: 「ガイドラインを作った自治体で多いルール」 also asks for a guideline;
    # "Which rules do … set most often?": the group the question asks which of)
    spans = [(i, i + len(w)) for w in said for i in _positions(q.text.lower(), w.lower())]
    return bool(spans) and all(any(max(c - b, a - d) <= 3 for c, d in asks) or _WHICH.search(q.text[max(0, a - 10):a])
                               for a, b in spans)


def _positions(text: str, word: str) -> list[int]:
    """Where a word stands in a text, every time."""
    found, i = [], text.find(word)
    while i >= 0 and word:
        found.append(i)
        i = text.find(word, i + len(word))
    return found


_WHICH = re.compile(r"(?:\b(?:which|what)\s{1,3}|どんな|どういう|どのような|何の)$", re.I)


def groups_compared(q: Query) -> tuple:
    """The prefectures a comparison names that have no case of their own (「大阪府と神戸市を比べて」):
    each stands for the cases in it."""
    return tuple(p for p in q.unknown_places if p.kind == "prefecture" and p.prefecture)


def _romaji(prefecture: str) -> tuple[str, ...]:
    return tuple(p.romaji for p in prefectures() if p.name == prefecture)


def of_a_topic(q: Query, k: Knowledge) -> Query | None:
    """「全事例に共通する懸念は？」, "What risks are common?": what is common about a topic no facet
    group counts is the list of the cases whose sentences state it, read without the words that
    asked what is common (共通 is no word of the topic). None for any other question."""
    words = k.questions.tables
    aggregate = words["aggregate"].search(q.text)
    if not aggregate or _DOING.match(q.text, aggregate.end()) or q.facets or q.known_places or \
            any(words[f"group_{g}"].search(q.text) for g in GROUPS if g != "level"):
        return None
    bare = _bare(q, words)
    return replace(bare, intent="list" if q.intent == "fact" else q.intent) if _topic(bare, k) else None


def _bare(q: Query, words) -> Query:
    """The question without the words that ask what is common (共通, 主に何): what is left is its topic."""
    return replace(q, rest=words["aggregate"].sub(" ", q.rest))


def as_share(q: Query, k: Knowledge) -> Query:
    """「本格導入の割合は？」, "What share of the cases are in full operation?": a count of the cases
    that meet it (its lead says how many of the cases in scope), the share words no topic of
    theirs (割合 had been a word a case must write: 「約8割」)."""
    share = k.questions.tables["share"]
    if not share.search(q.text) or q.known_places or not (q.facets or q.scope.structural):
        return q
    return replace(q, rest=share.sub(" ", q.rest), intent="list" if q.intent == "list" else "count")


def _topic(q: Query, k: Knowledge) -> bool:
    """Whether the question names a topic of its own beside the words that ask for a table
    (「共通する懸念」: 懸念; not 「共通する点」, 「多くの自治体で」)."""
    what = k.questions.tables["what"]
    return any(not any(what.fullmatch(w) for w in group) for group in q.content(k))


def _group_of(q: Query) -> str:
    """An aggregate that names no group counts the group of the facets it names, else uses."""
    return next((f.group for f in q.facets if f.group in GROUPS), "use")


__all__ = ["FIGURES", "GROUPS", "TableAsk", "as_share", "compared_cities", "groups_compared", "names_aspect", "of_a_topic", "read_table", "table_follow_up", "tallied"]
