"""The domain vocabulary as data: validated TOML files, the package's and a site's own.

Package files (``core/domain/``):

    facets.toml     the facet taxonomy (status, vendor, use, rule, info) and its patterns
    glossary.toml   English → Japanese words, for the lexical half of English questions
    stopwords.toml  stoplists
    questions.toml  question wording: intent, level, scope, answer kind, topic
    places.toml     prefectures, regions, national bodies, municipality suffix words

A site adds facets and glossary terms without editing the package, in
``<data dir>/knowledge/facets.toml`` and ``<data dir>/knowledge/glossary.toml`` (same formats).
An ingest validates them, uses them, and keeps a copy with the version it publishes, so a
question is read with the same knowledge that built the index it is answered from.

Every file is checked when loaded: unknown keys, regexes that do not compile, duplicate or
unknown facet keys and unknown ``${name}`` references raise `KnowledgeError` naming the file
and the entry.
"""
from __future__ import annotations

import re
import shutil
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

from core.datafile import (CASE_FLAGS, QUESTION_FLAGS, KnowledgeError, compile_regex, keys_of,
                           read_toml, strings)
from core.wording import AnswerType, Questions, read_questions

PACKAGE_DIR = Path(__file__).resolve().parent / "domain"
SITE_FILES = ("facets.toml", "glossary.toml")     # what a site may add to
_REF = re.compile(r"\$\{([a-z_]+)\}")
# Patterns the facet mechanism itself needs (core/facets.py).
GRAMMAR = ("boundary", "use_denied", "aim_stage", "aim_rule", "future_before", "past_after",
           "other_org", "ask_ban")
_FACET_FIELDS = {"key", "group", "ja", "en", "cues", "weak", "unless", "tentative", "meta", "ask",
                 "ask_unless", "subsumes", "extends"}


@dataclass(frozen=True)
class Facet:
    """One facet: identity, labels, and its compiled patterns (see facets.toml for each)."""

    key: str
    group: str
    ja: str
    en: str
    cues: tuple[re.Pattern, ...] = field(default=(), repr=False, compare=False)
    weak: tuple[re.Pattern, ...] = field(default=(), repr=False, compare=False)
    unless: re.Pattern | None = field(default=None, repr=False, compare=False)
    tentative: bool = field(default=False, repr=False, compare=False)
    ask: tuple[re.Pattern, ...] = field(default=(), repr=False, compare=False)
    ask_unless: re.Pattern | None = field(default=None, repr=False, compare=False)
    subsumes: tuple[str, ...] = field(default=(), repr=False, compare=False)
    meta: bool = field(default=False, repr=False, compare=False)   # about the rules, not one of them

    @property
    def label(self) -> str:
        return f"{self.ja} / {self.en}"


@dataclass(frozen=True)
class Taxonomy:
    groups: tuple[str, ...]
    stages: tuple[str, ...]                  # status facets, least advanced first
    grammar: dict[str, re.Pattern]           # the mechanism's patterns (GRAMMAR)
    facets: tuple[Facet, ...]

    @cached_property
    def by_key(self) -> dict[str, Facet]:
        return {f.key: f for f in self.facets}


@dataclass(frozen=True)
class Glossary:
    terms: tuple[tuple[re.Pattern, tuple[str, ...]], ...]

    def japanese(self, text: str) -> list[tuple[str, ...]]:
        """Japanese words for the English domain vocabulary in a text, one group per term."""
        return [words for rx, words in self.terms if rx.search(text)]


@dataclass(frozen=True)
class Stopwords:
    lexical: frozenset[str]
    generic: frozenset[str]          # words every question about the article shares
    scope_token: re.Pattern          # a token that only sets scope or intent
    # per facet group, a token naming the group itself (「試験段階」's 段階, 「用途」), not a value
    group_names: tuple[tuple[str, re.Pattern], ...] = ()
    # one-kanji prefixes that say how many or when (全職員, 来年度), not what kind (中学校)
    count_prefixes: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Knowledge:
    taxonomy: Taxonomy
    glossary: Glossary
    stopwords: Stopwords
    questions: Questions
    places: dict
    site_files: tuple[Path, ...] = ()


# --- reading and checking ------------------------------------------------------------------------

def _expand(pattern: str, patterns: dict[str, str], where: str) -> str:
    def ref(m):
        if m.group(1) not in patterns:
            raise KnowledgeError(f"{where}: unknown pattern ${{{m.group(1)}}}; "
                                 f"known: {', '.join(sorted(patterns))}")
        return patterns[m.group(1)]
    for _ in range(5):                         # patterns may refer to patterns
        pattern, n = _REF.subn(ref, pattern)
        if not n:
            return pattern
    raise KnowledgeError(f"{where}: ${{...}} references nest too deep")


def _patterns(raw: dict, where: str) -> dict[str, str]:
    if not isinstance(raw, dict):
        raise KnowledgeError(f"{where}: [patterns] must be a table of regex strings")
    out = {}
    for name, value in raw.items():
        out[name] = strings(value, f"{where} [patterns] {name}")[0]
    return {name: _expand(p, out, f"{where} [patterns] {name}") for name, p in out.items()}


def _facet(entry, n: int, path: Path, groups, patterns, base: Facet | None = None,
           timed: bool = False) -> Facet:
    if not isinstance(entry, dict):
        raise KnowledgeError(f"{path}: facet #{n}: expected a table ([[facet]])")
    key = entry.get("key")
    if not isinstance(key, str) or not key:
        raise KnowledgeError(f"{path}: facet #{n}: needs a 'key' such as \"rule.no_personal_info\"")
    where = f"{path}: facet {key!r}"
    keys_of(entry, _FACET_FIELDS, where)
    site = timed and path.parent != PACKAGE_DIR   # a site's patterns, timed when first accepted

    def rx(name, flags):
        return tuple(compile_regex(_expand(p, patterns, f"{where} {name}[{i}]"), f"{where} {name}[{i}]",
                                   flags, timed=site)
                     for i, p in enumerate(strings(entry.get(name, []), f"{where} {name}")))

    def one(name, flags):
        value = entry.get(name, "")
        if not value:
            return None
        return compile_regex(_expand(strings(value, f"{where} {name}")[0], patterns, f"{where} {name}"),
                             f"{where} {name}", flags, timed=site)

    if base is not None:                       # a site's `extends = true`: more patterns
        return Facet(base.key, base.group, base.ja, base.en, base.cues + rx("cues", CASE_FLAGS),
                     base.weak + rx("weak", CASE_FLAGS), base.unless, base.tentative,
                     base.ask + rx("ask", QUESTION_FLAGS), base.ask_unless, base.subsumes, base.meta)
    for name in ("group", "ja", "en"):
        if not isinstance(entry.get(name), str) or not entry[name]:
            raise KnowledgeError(f"{where}: needs {name!r} (a non-empty string)")
    if entry["group"] not in groups:
        raise KnowledgeError(f"{where}: group {entry['group']!r} is not one of {', '.join(groups)}")
    if not key.startswith(entry["group"] + "."):
        raise KnowledgeError(f"{where}: a key starts with its group, e.g. {entry['group']}.name")
    if not isinstance(entry.get("tentative", False), bool):
        raise KnowledgeError(f"{where}: tentative is true or false")
    if not isinstance(entry.get("meta", False), bool):
        raise KnowledgeError(f"{where}: meta is true or false")
    return Facet(key, entry["group"], entry["ja"], entry["en"], rx("cues", CASE_FLAGS),
                 rx("weak", CASE_FLAGS), one("unless", CASE_FLAGS), entry.get("tentative", False),
                 rx("ask", QUESTION_FLAGS), one("ask_unless", QUESTION_FLAGS),
                 tuple(strings(entry.get("subsumes", []), f"{where} subsumes")),
                 entry.get("meta", False))


def _taxonomy(files: list[Path], timed: bool = False) -> Taxonomy:
    package, *site = files
    data = read_toml(package)
    keys_of(data, {"groups", "stages", "patterns", "facet"}, str(package))
    groups = tuple(strings(data.get("groups", []), f"{package} groups"))
    patterns = _patterns(data.get("patterns", {}), str(package))
    missing = [g for g in GRAMMAR if g not in patterns]
    if missing:
        raise KnowledgeError(f"{package} [patterns]: missing {', '.join(missing)}")
    facets: dict[str, Facet] = {}
    origin: dict[str, str] = {}
    for path, entries in [(package, data.get("facet", []))] + [(p, _site_facets(p)) for p in site]:
        for n, entry in enumerate(entries, start=1):
            key = entry.get("key") if isinstance(entry, dict) else None
            extends = isinstance(entry, dict) and entry.get("extends") is True
            if extends and key not in facets:
                raise KnowledgeError(f"{path}: facet {key!r} has extends = true but no facet has that key")
            if key in facets and not extends:
                raise KnowledgeError(f"{path}: duplicate facet key {key!r} (already in {origin[key]}); "
                                     "choose another key, or set extends = true to add patterns")
            facets[key] = _facet(entry, n, path, groups, patterns, facets.get(key) if extends else None,
                                 timed)
            origin.setdefault(key, str(path))
    stages = tuple(strings(data.get("stages", []), f"{package} stages"))
    for key in stages:
        if key not in facets:
            raise KnowledgeError(f"{package} stages: unknown facet key {key!r}")
    for f in facets.values():
        for key in f.subsumes:
            if key not in facets:
                raise KnowledgeError(f"{origin[f.key]}: facet {f.key!r} subsumes: unknown facet key {key!r}")
    grammar = {name: compile_regex(patterns[name], f"{package} [patterns] {name}",
                                   QUESTION_FLAGS if name == "ask_ban" else 0) for name in GRAMMAR}
    return Taxonomy(groups, stages, grammar, tuple(facets.values()))


def _site_facets(path: Path) -> list:
    data = read_toml(path)
    keys_of(data, {"facet"}, str(path))
    return data.get("facet", [])


def _glossary(files: list[Path], timed: bool = False) -> Glossary:
    terms: dict[str, tuple[re.Pattern, tuple[str, ...]]] = {}
    origin: dict[str, Path] = {}
    for path in files:
        data = read_toml(path)
        keys_of(data, {"terms"}, str(path))
        for en, ja in data.get("terms", {}).items():
            where = f"{path}: term {en!r}"
            if en in terms:
                raise KnowledgeError(f"{where}: duplicate (already in {origin[en]})")
            words = tuple(strings(ja, where))
            if not words:
                raise KnowledgeError(f"{where}: needs at least one Japanese word")
            rx = compile_regex(rf"(?<![a-z])(?:{en})(?![a-z])", where, re.I,
                               timed=timed and path.parent != PACKAGE_DIR)
            terms[en], origin[en] = (rx, words), path
    return Glossary(tuple(terms.values()))


def _stopwords(path: Path) -> Stopwords:
    data = read_toml(path)
    keys_of(data, {"lexical", "question"}, str(path))
    lexical, question = data.get("lexical", {}), data.get("question", {})
    keys_of(lexical, {"words"}, f"{path} [lexical]")
    keys_of(question, {"generic", "scope_token", "group_names", "count_prefixes"}, f"{path} [question]")
    names = question.get("group_names", {})
    if not isinstance(names, dict):
        raise KnowledgeError(f"{path} [question] group_names: must be a table of group = pattern")
    return Stopwords(frozenset(strings(lexical.get("words", ""), f"{path} words")[0].split()),
                     frozenset(strings(question.get("generic", ""), f"{path} generic")[0].split()),
                     compile_regex(question.get("scope_token", "(?!)"), f"{path} scope_token"),
                     tuple((group, compile_regex(rx, f"{path} group_names.{group}")) for group, rx in names.items()),
                     frozenset(strings(question.get("count_prefixes", ""), f"{path} count_prefixes")[0].split()))


def _places(path: Path) -> dict:
    data = read_toml(path)
    keys_of(data, {"prefectures", "prefecture_words", "not_names", "not_after", "not_before", "kanji_after",
                 "regions", "national", "suffix_readings", "suffix_words", "suffix_english",
                 "prefecture_suffix_words", "prefecture_suffix_kana", "prefecture_offices", "prefecture_inside",
                 "areas",
                 "designated_cities"},
            str(path))
    known = set()
    for n, row in enumerate(data.get("prefectures", []), start=1):
        if not (isinstance(row, list) and len(row) == 3 and all(isinstance(x, str) and x for x in row)):
            raise KnowledgeError(f"{path}: prefectures #{n}: expected [name, kana, romaji]")
        known.add(row[0])
    for name, area in data.get("areas", {}).items():
        where = f"{path} [areas.{name}]"
        keys_of(area, {"names", "prefectures", "regions"}, where)
        if not strings(area.get("names", []), f"{where} names"):
            raise KnowledgeError(f"{where}: needs names")
        if bool(area.get("prefectures")) == bool(area.get("regions")):
            raise KnowledgeError(f"{where}: needs either prefectures or regions")
        unknown = set(strings(area.get("prefectures", []), f"{where} prefectures")) - known
        if unknown:
            raise KnowledgeError(f"{where}: not a 都道府県: {', '.join(sorted(unknown))}")
        strings(area.get("regions", []), f"{where} regions")
    return data


# --- loading -----------------------------------------------------------------------------------

def site_files(site_dir: Path | None) -> tuple[Path, ...]:
    """The site's knowledge files that exist in site_dir (facets.toml, glossary.toml)."""
    if site_dir is None:
        return ()
    return tuple(p for p in (Path(site_dir) / name for name in SITE_FILES) if p.is_file())


def knowledge(site_dir: Path | None = None, *, timed: bool = False) -> Knowledge:
    """The package's knowledge plus a site's additions in site_dir (cached while files are
    unchanged).

    Args:
        timed: also time the site's patterns on adversarial texts (`core.backtracking`): an
            ingest does, before it accepts them; the copy a version keeps is not timed again
            (a busy machine must not stop a version that was accepted from being served).

    Raises:
        KnowledgeError: a file is malformed or a pattern can backtrack for long (the message
            names the file and the entry).
    """
    files = site_files(site_dir)
    stamp = tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in files)
    return _load(stamp, timed and bool(files))


@lru_cache(maxsize=16)
def _load(stamp: tuple, timed: bool) -> Knowledge:
    site = [Path(s[0]) for s in stamp]
    facets = [p for p in site if p.name == "facets.toml"]
    glossary = [p for p in site if p.name == "glossary.toml"]
    return Knowledge(_taxonomy([PACKAGE_DIR / "facets.toml", *facets], timed),
                     _glossary([PACKAGE_DIR / "glossary.toml", *glossary], timed),
                     _stopwords(PACKAGE_DIR / "stopwords.toml"),
                     read_questions(PACKAGE_DIR / "questions.toml"),
                     _places(PACKAGE_DIR / "places.toml"), tuple(site))


def copy_site_files(site_dir: Path | None, dest: Path) -> None:
    """Keep the site's knowledge files with a version being built (dest/knowledge/)."""
    files = site_files(site_dir)
    if files:
        (dest / "knowledge").mkdir(parents=True, exist_ok=True)
        for p in files:
            shutil.copyfile(p, dest / "knowledge" / p.name)


__all__ = ["AnswerType", "Facet", "Glossary", "Knowledge", "KnowledgeError", "Questions", "Stopwords", "Taxonomy",
           "copy_site_files", "knowledge", "read_toml", "site_files"]
