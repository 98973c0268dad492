"""The domain vocabulary as data: validated TOML files, the package's and a site's own.

Package files (``core/data/``):

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
import tomllib
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

from core.errors import UserError

PACKAGE_DIR = Path(__file__).resolve().parent / "data"
SITE_FILES = ("facets.toml", "glossary.toml")     # what a site may add to
_REF = re.compile(r"\$\{([a-z_]+)\}")
# Patterns the facet mechanism itself needs (core/facets.py).
GRAMMAR = ("boundary", "use_denied", "aim_stage", "aim_rule", "future_before", "past_after",
           "other_org", "ask_ban")
_FACET_FIELDS = {"key", "group", "ja", "en", "cues", "weak", "unless", "tentative", "ask",
                 "ask_unless", "subsumes", "extends"}
_CASE_FLAGS = re.IGNORECASE
_QUESTION_FLAGS = re.IGNORECASE | re.ASCII   # \b must see Japanese as a boundary (「Bardを」)


class KnowledgeError(UserError):
    """A knowledge file is malformed; the message names the file and the entry."""


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


@dataclass(frozen=True)
class AnswerType:
    """A kind of answer: `ask` finds it in a question, `find` in a sentence that may hold it."""

    name: str
    ask: re.Pattern
    find: re.Pattern


@dataclass(frozen=True)
class Questions:
    count: re.Pattern
    list: re.Pattern
    cases: re.Pattern                   # the thing counted or listed is cases, not a detail
    every: re.Pattern                   # "list all": every case, even next to a named place
    levels: tuple[tuple[str, re.Pattern], ...]
    kinds: tuple[tuple[str, re.Pattern], ...]   # municipality suffix → pattern
    including: re.Pattern
    excluding: re.Pattern
    region_suffix: re.Pattern
    quantity: re.Pattern
    answer_types: tuple[AnswerType, ...]
    topic_ja: re.Pattern
    topic_en: re.Pattern
    lead_endings: re.Pattern
    conditions: dict[str, re.Pattern]   # figures a list is filtered by (see questions.toml)
    months: tuple[str, ...]             # English month names, January first
    numbers: tuple[str, ...]            # English number words, one first


@dataclass(frozen=True)
class Knowledge:
    taxonomy: Taxonomy
    glossary: Glossary
    stopwords: Stopwords
    questions: Questions
    places: dict
    site_files: tuple[Path, ...] = ()


# --- reading and checking ------------------------------------------------------------------------

def read_toml(path: Path) -> dict:
    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise KnowledgeError(f"{path}: not valid TOML: {exc}") from None
    except OSError as exc:
        raise KnowledgeError(f"{path}: cannot read: {exc.strerror}") from None


def _keys(data: dict, allowed: set[str], where: str) -> None:
    unknown = sorted(set(data) - allowed)
    if unknown:
        raise KnowledgeError(f"{where}: unknown key(s) {', '.join(map(repr, unknown))}; "
                             f"expected some of {', '.join(sorted(allowed))}")


def _compile(pattern, where: str, flags: int = _CASE_FLAGS) -> re.Pattern:
    if not isinstance(pattern, str):
        raise KnowledgeError(f"{where}: expected a regex string, got {type(pattern).__name__}")
    try:
        return re.compile(pattern, flags)
    except re.error as exc:
        raise KnowledgeError(f"{where}: regex does not compile ({exc}): {pattern!r}") from None


def _strings(value, where: str) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise KnowledgeError(f"{where}: expected a list of strings")
    return value


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
        out[name] = _strings(value, f"{where} [patterns] {name}")[0]
    return {name: _expand(p, out, f"{where} [patterns] {name}") for name, p in out.items()}


def _facet(entry, n: int, path: Path, groups, patterns, base: Facet | None = None) -> Facet:
    if not isinstance(entry, dict):
        raise KnowledgeError(f"{path}: facet #{n}: expected a table ([[facet]])")
    key = entry.get("key")
    if not isinstance(key, str) or not key:
        raise KnowledgeError(f"{path}: facet #{n}: needs a 'key' such as \"rule.no_personal_info\"")
    where = f"{path}: facet {key!r}"
    _keys(entry, _FACET_FIELDS, where)

    def rx(name, flags):
        return tuple(_compile(_expand(p, patterns, f"{where} {name}[{i}]"), f"{where} {name}[{i}]",
                              flags) for i, p in enumerate(_strings(entry.get(name, []), f"{where} {name}")))

    def one(name, flags):
        value = entry.get(name, "")
        if not value:
            return None
        return _compile(_expand(_strings(value, f"{where} {name}")[0], patterns, f"{where} {name}"),
                        f"{where} {name}", flags)

    if base is not None:                       # a site's `extends = true`: more patterns
        return Facet(base.key, base.group, base.ja, base.en, base.cues + rx("cues", _CASE_FLAGS),
                     base.weak + rx("weak", _CASE_FLAGS), base.unless, base.tentative,
                     base.ask + rx("ask", _QUESTION_FLAGS), base.ask_unless, base.subsumes)
    for name in ("group", "ja", "en"):
        if not isinstance(entry.get(name), str) or not entry[name]:
            raise KnowledgeError(f"{where}: needs {name!r} (a non-empty string)")
    if entry["group"] not in groups:
        raise KnowledgeError(f"{where}: group {entry['group']!r} is not one of {', '.join(groups)}")
    if not key.startswith(entry["group"] + "."):
        raise KnowledgeError(f"{where}: a key starts with its group, e.g. {entry['group']}.name")
    if not isinstance(entry.get("tentative", False), bool):
        raise KnowledgeError(f"{where}: tentative is true or false")
    return Facet(key, entry["group"], entry["ja"], entry["en"], rx("cues", _CASE_FLAGS),
                 rx("weak", _CASE_FLAGS), one("unless", _CASE_FLAGS), entry.get("tentative", False),
                 rx("ask", _QUESTION_FLAGS), one("ask_unless", _QUESTION_FLAGS),
                 tuple(_strings(entry.get("subsumes", []), f"{where} subsumes")))


def _taxonomy(files: list[Path]) -> Taxonomy:
    package, *site = files
    data = read_toml(package)
    _keys(data, {"groups", "stages", "patterns", "facet"}, str(package))
    groups = tuple(_strings(data.get("groups", []), f"{package} groups"))
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
            facets[key] = _facet(entry, n, path, groups, patterns, facets.get(key) if extends else None)
            origin.setdefault(key, str(path))
    stages = tuple(_strings(data.get("stages", []), f"{package} stages"))
    for key in stages:
        if key not in facets:
            raise KnowledgeError(f"{package} stages: unknown facet key {key!r}")
    for f in facets.values():
        for key in f.subsumes:
            if key not in facets:
                raise KnowledgeError(f"{origin[f.key]}: facet {f.key!r} subsumes: unknown facet key {key!r}")
    grammar = {name: re.compile(patterns[name], _QUESTION_FLAGS if name == "ask_ban" else 0)
               for name in GRAMMAR}
    return Taxonomy(groups, stages, grammar, tuple(facets.values()))


def _site_facets(path: Path) -> list:
    data = read_toml(path)
    _keys(data, {"facet"}, str(path))
    return data.get("facet", [])


def _glossary(files: list[Path]) -> Glossary:
    terms: dict[str, tuple[str, ...]] = {}
    origin: dict[str, Path] = {}
    for path in files:
        data = read_toml(path)
        _keys(data, {"terms"}, str(path))
        for en, ja in data.get("terms", {}).items():
            where = f"{path}: term {en!r}"
            if en in terms:
                raise KnowledgeError(f"{where}: duplicate (already in {origin[en]})")
            words = tuple(_strings(ja, where))
            if not words:
                raise KnowledgeError(f"{where}: needs at least one Japanese word")
            _compile(en, where)
            terms[en], origin[en] = words, path
    return Glossary(tuple((re.compile(rf"(?<![a-z])(?:{en})(?![a-z])", re.I), ja)
                          for en, ja in terms.items()))


def _stopwords(path: Path) -> Stopwords:
    data = read_toml(path)
    _keys(data, {"lexical", "question"}, str(path))
    lexical, question = data.get("lexical", {}), data.get("question", {})
    _keys(lexical, {"words"}, f"{path} [lexical]")
    _keys(question, {"generic", "scope_token"}, f"{path} [question]")
    return Stopwords(frozenset(_strings(lexical.get("words", ""), f"{path} words")[0].split()),
                     frozenset(_strings(question.get("generic", ""), f"{path} generic")[0].split()),
                     _compile(question.get("scope_token", "(?!)"), f"{path} scope_token"))


def _questions(path: Path) -> Questions:
    data = read_toml(path)
    shape = {"intent": {"count", "list", "cases", "every"}, "level": {"国", "都道府県", "市区町村"},
             "kind": {"市", "区", "町", "村"}, "scope": {"including", "excluding", "region_suffix"},
             "topic": {"ja", "en"}, "lead": {"endings"},
             "conditions": {"staff_at_least", "staff_below", "ends_in", "lasts", "case_end",
                            "case_length", "figure", "months", "numbers"}}
    _keys(data, set(shape) | {"answer"}, str(path))
    for table, keys in shape.items():
        _keys(data.get(table, {}), keys, f"{path} [{table}]")
        missing = keys - set(data.get(table, {}))
        if missing:
            raise KnowledgeError(f"{path} [{table}]: missing {', '.join(sorted(missing))}")

    def rx(table, key):
        return _compile(data[table][key], f"{path} [{table}] {key}")

    answer = data.get("answer", {})
    if not isinstance(answer.get("quantity"), str):
        raise KnowledgeError(f"{path} [answer]: needs quantity (a regex)")
    types = []
    for name, spec in answer.items():
        if name == "quantity":
            continue
        where = f"{path} [answer.{name}]"
        if not isinstance(spec, dict):
            raise KnowledgeError(f"{where}: expected a table with ask and find")
        _keys(spec, {"ask", "find"}, where)
        if set(spec) != {"ask", "find"}:
            raise KnowledgeError(f"{where}: needs ask and find")
        types.append(AnswerType(name, _compile(spec["ask"], f"{where} ask", _QUESTION_FLAGS),
                                _compile(spec["find"], f"{where} find")))
    return Questions(rx("intent", "count"), rx("intent", "list"), rx("intent", "cases"),
                     rx("intent", "every"),
                     tuple((level, rx("level", level)) for level in data["level"]),
                     tuple((kind, rx("kind", kind)) for kind in data["kind"]),
                     rx("scope", "including"), rx("scope", "excluding"), rx("scope", "region_suffix"),
                     _compile(answer["quantity"], f"{path} [answer] quantity"), tuple(types),
                     rx("topic", "ja"), rx("topic", "en"), rx("lead", "endings"),
                     {name: _compile(value, f"{path} [conditions] {name}", _QUESTION_FLAGS)
                      for name, value in data["conditions"].items() if isinstance(value, str)},
                     tuple(_strings(data["conditions"]["months"], f"{path} [conditions] months")),
                     tuple(_strings(data["conditions"]["numbers"], f"{path} [conditions] numbers")))


def _places(path: Path) -> dict:
    data = read_toml(path)
    _keys(data, {"prefectures", "prefecture_words", "not_names", "not_after", "not_before", "regions",
                 "national", "suffix_readings", "suffix_words", "suffix_english",
                 "prefecture_suffix_words", "prefecture_suffix_kana", "prefecture_offices"}, str(path))
    for n, row in enumerate(data.get("prefectures", []), start=1):
        if not (isinstance(row, list) and len(row) == 3 and all(isinstance(x, str) and x for x in row)):
            raise KnowledgeError(f"{path}: prefectures #{n}: expected [name, kana, romaji]")
    return data


# --- loading -----------------------------------------------------------------------------------

def site_files(site_dir: Path | None) -> tuple[Path, ...]:
    """The site's knowledge files that exist in site_dir (facets.toml, glossary.toml)."""
    if site_dir is None:
        return ()
    return tuple(p for p in (Path(site_dir) / name for name in SITE_FILES) if p.is_file())


def knowledge(site_dir: Path | None = None) -> Knowledge:
    """The package's knowledge plus a site's additions in site_dir (cached while files are
    unchanged).

    Raises:
        KnowledgeError: a file is malformed (the message names the file and the entry).
    """
    files = site_files(site_dir)
    stamp = tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in files)
    return _load(stamp)


@lru_cache(maxsize=16)
def _load(stamp: tuple) -> Knowledge:
    site = [Path(s[0]) for s in stamp]
    facets = [p for p in site if p.name == "facets.toml"]
    glossary = [p for p in site if p.name == "glossary.toml"]
    return Knowledge(_taxonomy([PACKAGE_DIR / "facets.toml", *facets]),
                     _glossary([PACKAGE_DIR / "glossary.toml", *glossary]),
                     _stopwords(PACKAGE_DIR / "stopwords.toml"),
                     _questions(PACKAGE_DIR / "questions.toml"),
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
