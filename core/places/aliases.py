"""The alias index of a gazetteer: every name a place may be written as, built from the
prefectures, the national bodies and the article's cases (see `core.places.gazetteer`).

Building it reads every municipality with Sudachi (about a millisecond a case), so an ingest
builds it once and keeps it with the version (`to_data` / `from_data`, as JSON); a version
built by other code or another dictionary (see `stamp`) is rebuilt from its cases instead.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from core.places.readings import (is_place_token, latin_words, municipality_reading, nfkc,
                                  romaji_variants, script, to_hiragana, unvoiced)
from core.places.tables import KIND_MUNICIPALITY, KIND_NATIONAL, KIND_PREFECTURE, MUNI_SUFFIXES, tables
from core.text import morphemes

@dataclass(frozen=True)
class _Target:
    name: str
    kind: str
    prefecture: str
    case_ids: tuple[str, ...]


@dataclass
class _Hit:
    start: int
    end: int
    matched: str
    targets: list          # list[_Target]
    bare: bool


def _body_spellings(name: str, body: str, other_names: set[str]) -> set[str]:
    """The body's spelling of a municipality whose heading is spelt differently.

    Generic rule: an X市/区/町/村 in the case's own body of the heading name's length and suffix
    that differs from it in exactly one character and is not another case's name (茨城県笹間市
    says 笠間市 in its body).  Only used when the heading's name is absent from its own body or
    unknown to Sudachi as a place, so neighbouring real towns (伊賀市/伊勢市) are not merged.
    """
    n = len(name)
    out: set[str] = set()
    for j, c in enumerate(body):
        if c != name[-1] or j < n - 1:
            continue
        cand = body[j - n + 1:j + 1]
        if (cand != name and cand not in other_names
                and sum(a != b for a, b in zip(cand, name)) == 1
                and all(script(x) in ("kanji", "hira", "kata") for x in cand)):
            out.add(cand)
    return out



class Aliases:
    """Names → targets, in the forms the matcher looks them up (folded kana, Latin word tuples).

    Build with `from_cases`; `core.places.gazetteer.Gazetteer` adds the matching.
    """

    def __init__(self) -> None:
        self._jp: dict[str, list[tuple[_Target, bool]]] = {}     # folded alias → (target, bare)
        self._jp_first: dict[str, list[str]] = {}                # first char → aliases, long first
        self._latin: dict[tuple[str, ...], list[tuple[_Target, bool]]] = {}
        self._latin_max = 1
        self._unvoiced: dict[str, list[tuple[_Target, bool]] | None] = {}   # yonako ← yonago
        self._acronyms: dict[str, _Target] = {}                  # case-sensitive short acronyms
        self._by_pref: dict[str, tuple[str, ...]] = {}
        self._prefs: dict[str, _Target] = {}
        self._pref_city: dict[str, str] = {}                     # 京都府 → 京都市 (Sudachi knows it)
        self._romaji_pref: dict[str, str] = {}                   # kyoto → 京都府
        self._english: dict[str, str] = {}                       # case id → "Sagamihara City"
        self._added: set[tuple] = set()                          # (alias, target) already in

    # -- building ------------------------------------------------------------------------------

    def _add_jp(self, alias: str, target: _Target, bare: bool) -> None:
        alias = to_hiragana(nfkc(alias))
        if not alias or (alias, target) in self._added:
            return
        self._added.add((alias, target))
        self._jp.setdefault(alias, []).append((target, bare))

    def _add_latin(self, alias: str, target: _Target, bare: bool) -> None:
        words = latin_words(alias)
        if not words:
            return
        if len(words) == 1 and alias.isupper() and len(alias) <= 3:
            self._acronyms[alias] = target
            return
        if (words, target) not in self._added:
            self._added.add((words, target))
            self._latin.setdefault(words, []).append((target, bare))
        self._latin_max = max(self._latin_max, len(words))

    def _add_romaji_forms(self, kana: str, target: _Target, suffix_words: tuple[str, ...],
                          prefix_words: tuple[str, ...] = ()) -> None:
        for r in romaji_variants(kana):
            if len(r) < 2:
                continue
            self._add_latin(r, target, bare=True)
            for w in suffix_words:
                self._add_latin(f"{r} {w}", target, bare=False)
                if " " not in w and len(w) <= 5:
                    self._add_latin(r + w, target, bare=False)      # yokosukashi, saitamaken
            for w in prefix_words:
                self._add_latin(f"{w} {r}", target, bare=False)     # city of yokosuka

    @classmethod
    def from_cases(cls, cases):
        """A gazetteer of the 47 prefectures, the national bodies and the given article cases."""
        g = cls()
        cases = list(cases)
        by_pref: dict[str, list[str]] = {}
        for c in cases:
            if c.prefecture:
                by_pref.setdefault(c.prefecture, []).append(c.id)
        g._by_pref = {p: tuple(ids) for p, ids in by_pref.items()}

        # Prefectures.
        for p in tables().prefectures:
            ids = tuple(c.id for c in cases if c.level == "都道府県" and c.prefecture == p.name)
            t = _Target(p.name, KIND_PREFECTURE, p.name, ids)
            g._prefs[p.name] = t
            kind = {"都": " Metropolitan Government", "道": ""}.get(p.name[-1], " Prefecture")
            for cid in ids:
                g._english[cid] = p.romaji.capitalize() + kind
            suffix = p.name[-1]
            g._add_jp(p.name, t, bare=False)
            g._add_jp(p.stem, t, bare=p.stem != p.name)
            g._add_jp(p.kana, t, bare=True)
            if tables().prefecture_suffix_kana[suffix]:
                g._add_jp(p.kana + tables().prefecture_suffix_kana[suffix], t, bare=False)
            g._add_jp(p.name + "庁", t, bare=False)
            for word in tables().prefecture_offices.get(p.name, ()) + tables().prefecture_inside.get(p.name, ()):
                g._add_jp(word, t, bare=False)
            words = tables().prefecture_words + tables().prefecture_suffix_words[suffix]
            for r in dict.fromkeys((p.romaji, *romaji_variants(p.kana))):
                g._romaji_pref[r] = p.name
                g._add_latin(r, t, bare=True)
                for w in words:
                    g._add_latin(f"{r} {w}", t, bare=False)
                for w in tables().prefecture_suffix_words[suffix][:1]:
                    g._add_latin(r + w, t, bare=False)
                g._add_latin(f"prefecture of {r}", t, bare=False)
            for city in (p.stem + "市", p.kana + "市"):     # Kyoto City → 京都市, Saitama → さいたま市
                toks = morphemes(city)
                if len(toks) == 1 and is_place_token(toks[0]):
                    g._pref_city[p.name] = city
                    break

        # National bodies: the fixed table plus any national case of the article.
        national_ids = {c.id: c for c in cases if c.level == "国"}
        table = {name: (short, en) for name, short, en in tables().national}
        for name in dict.fromkeys([*table, *national_ids]):
            case = national_ids.get(name)
            t = _Target(name, KIND_NATIONAL, "", (case.id,) if case else ())
            g._add_jp(name, t, bare=False)
            if case and case.title != name:
                g._add_jp(case.title, t, bare=False)
            short, english = table.get(name, ((), ()))
            for s in short:
                g._add_jp(s, t, bare=False)
            for e in english:
                g._add_latin(e, t, bare=False)
                # "Ministry of Agriculture, Forestry and Fisheries" is also "the Agriculture Ministry"
                m = re.match(r"Ministry of (?:the )?(.+?)(?:,| and |$)", e)
                if m:
                    g._add_latin(f"{m.group(1)} Ministry", t, bare=False)
            if case and english:
                g._english[case.id] = english[0]

        # Municipalities of the article.
        munis = [c for c in cases if c.level == "市区町村"]
        names = {c.id[len(c.prefecture):] if c.id.startswith(c.prefecture) else c.id
                 for c in munis}
        for c in munis:
            name = c.id[len(c.prefecture):] if c.prefecture and c.id.startswith(c.prefecture) \
                else c.id
            t = _Target(name, KIND_MUNICIPALITY, c.prefecture, (c.id,))
            spellings = [name]
            known_place = any(m.surface() == name and is_place_token(m) for m in morphemes(name))
            if name not in c.body or not known_place:
                spellings += sorted(_body_spellings(name, c.body, names - {name}))
            for alias in (c.title, c.id):
                g._add_jp(alias, t, bare=False)
            for spelt in spellings:
                g._add_muni(spelt, c.prefecture, t)
            if len(spellings) > 1:         # a misspelt heading: English follows the body (Kasama)
                g._english.pop(c.id, None)
                g._add_muni(spellings[-1], c.prefecture, t)
        g._finalise()
        return g

    def _add_muni(self, name: str, prefecture: str, t: _Target) -> None:
        suffix = name[-1] if name[-1:] in MUNI_SUFFIXES else ""
        stem = name[:-1] if suffix else name
        self._add_jp(name, t, bare=False)
        if prefecture:
            self._add_jp(prefecture + name, t, bare=False)
        if len(stem) >= 2:
            self._add_jp(stem, t, bare=True)
        kana, suffix_reading = municipality_reading(name, prefecture)
        if not kana:
            return
        hira = to_hiragana(kana)
        if len(hira) >= 2:
            self._add_jp(hira, t, bare=True)
        for sr in tables().suffix_readings.get(suffix, ("",)):
            if sr:
                self._add_jp(hira + to_hiragana(sr), t, bare=False)
            self._add_jp(hira + suffix, t, bare=False)
        words = tables().suffix_words.get(suffix, ())
        prefix = tuple(f"{w} of" for w in words if w in ("city", "town", "village", "ward"))
        self._add_romaji_forms(kana, t, words, prefix)
        variants = romaji_variants(kana)
        if variants and t.case_ids and t.case_ids[0] not in self._english:
            english = tables().suffix_english.get(words[0], "") if words else ""
            self._english[t.case_ids[0]] = f"{variants[0].capitalize()} {english}".strip()

    # -- storing --------------------------------------------------------------------------------

    def to_data(self) -> dict:
        """Everything `from_data` needs, as JSON-ready data (targets numbered once)."""
        targets: dict[_Target, int] = {}

        def n(t: _Target) -> int:
            return targets.setdefault(t, len(targets))

        data = {
            "stamp": stamp(),
            "jp": {a: [[n(t), b] for t, b in e] for a, e in self._jp.items()},
            "latin": [[list(w), [[n(t), b] for t, b in e]] for w, e in self._latin.items()],
            "latin_max": self._latin_max,
            "acronyms": {k: n(t) for k, t in self._acronyms.items()},
            "by_pref": {p: list(ids) for p, ids in self._by_pref.items()},
            "prefs": {k: n(t) for k, t in self._prefs.items()},
            "pref_city": self._pref_city, "romaji_pref": self._romaji_pref,
            "english": self._english,
        }
        data["targets"] = [[t.name, t.kind, t.prefecture, list(t.case_ids)] for t in targets]
        return data

    @classmethod
    def from_data(cls, data: dict):
        """The alias index `to_data` stored (check ``data["stamp"] == stamp()`` first)."""
        g = cls()
        targets = [_Target(name, kind, pref, tuple(ids)) for name, kind, pref, ids in data["targets"]]
        g._jp = {a: [(targets[i], b) for i, b in e] for a, e in data["jp"].items()}
        g._latin = {tuple(w): [(targets[i], b) for i, b in e] for w, e in data["latin"]}
        g._latin_max = data["latin_max"]
        g._acronyms = {k: targets[i] for k, i in data["acronyms"].items()}
        g._by_pref = {p: tuple(ids) for p, ids in data["by_pref"].items()}
        g._prefs = {k: targets[i] for k, i in data["prefs"].items()}
        g._pref_city, g._romaji_pref = data["pref_city"], data["romaji_pref"]
        g._english = data["english"]
        g._finalise()
        return g

    def _finalise(self) -> None:
        self._jp_first = {}
        for alias in sorted(self._jp, key=len, reverse=True):
            self._jp_first.setdefault(alias[0], []).append(alias)
        # One-word names with voicing folded: a romaji name spelt voiced where Sudachi's reading
        # is not (Yonago, read ヨナコ) or the other way; two names that fold alike find neither.
        self._unvoiced = {}
        for words, entries in self._latin.items():
            if len(words) == 1 and all(b for _, b in entries):
                key = unvoiced(words[0])
                seen = self._unvoiced.get(key, entries)
                self._unvoiced[key] = entries if seen == entries else None

    # -- queries -------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def stamp() -> str:
    """What a stored alias index was built with: this package's place code and tables, and the
    Sudachi dictionary that read the names."""
    from importlib.metadata import PackageNotFoundError, version

    here = Path(__file__).resolve().parent
    h = hashlib.sha256()
    for p in sorted(here.glob("*.py")) + [here.parent / "domain" / "places.toml"]:
        h.update(p.name.encode() + b"\0" + p.read_bytes())
    for dist in ("sudachipy", "sudachidict-core"):
        try:
            h.update(f"{dist}={version(dist)}".encode())
        except PackageNotFoundError:
            h.update(dist.encode())
    return h.hexdigest()[:16]

