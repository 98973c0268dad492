"""Resolve a question's place mentions to `Place`s and the article's cases.

Question analysis uses this to resolve "Saitama", "さいたま" or "埼玉" to 埼玉県 without hoping
the embedding model knows Japanese geography.

What it knows:

* every 都道府県 (`core/domain/places.toml`): kanji name and stem, hiragana/katakana, Hepburn romaji, with or
  without a suffix (埼玉県, 埼玉, さいたま, サイタマケン, "Saitama", "Saitama-ken", "Saitama
  Prefecture", "Osaka-fu", "Tokyo-to", "Tokyo Metropolitan Government");
* the national ministries and major agencies (a fixed table of the Japanese
  government, not of any article's cases) in Japanese, short Japanese and English;
* each case of the article it is built from, with aliases derived from the case itself: heading,
  id, name without prefecture, stem without 市/区/町/村 (≥2 characters), SudachiPy readings in
  hiragana/katakana/romaji with or without a suffix ("Yokosuka", "Yokosuka-shi", "Yokosuka City",
  "city of Yokosuka", "Edogawa Ward", "Edogawa-ku", "Iijima-machi"), and the body's spelling of
  a misspelt heading (see `core.places.aliases._body_spellings`);
* any other Japanese municipality written with its suffix (札幌市, さいたま市, 港区, 葉山町),
  found by SudachiPy, and any romaji name followed by a municipality word ("Sapporo city",
  "Minato ward", "Hayama-machi"); those come back with empty `case_ids`.

Ambiguous names (大阪 = 大阪府 or 大阪市, 新潟, 熊本, "Osaka", "Niigata"):

* an explicit suffix decides: 大阪市 / "Osaka City" / "Osaka-shi" is the city, 大阪府 /
  "Osaka Prefecture" / "Osaka-fu" the prefecture;
* a bare name that is a prefecture's name resolves to the prefecture; the same-named city is
  returned as well only when the question also says 市 or city/cities somewhere;
* a bare name directly followed by 市/区/町/村 is never read as a prefecture or as a city with a
  different suffix (京都市 is Kyoto City, not 京都府), and "Tokyo" is 東京都.

Boundaries: romaji matches whole words only (NFKC, accents stripped, case-insensitive, so "Mie"
never fires inside "Mieko"); 2–3 letter acronyms (MOF, MOD, MIC) match only in capitals. A
bare kanji stem must not be glued to another kanji on either side (京都 inside 東京都, 富士 in
富士山, 日光 in 日光浴 do not match; a prefecture just before it, 県/府/都/道/市/郡, is fine). A
bare kana stem of one or two kana (なら, みえ, むつ) needs a different script on both sides.
Regions (中国, 関東, ...) are not places here: 中国 is also China.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from core.places.aliases import Aliases, _Hit, _Target
from core.places.readings import (is_place_token, latin_fold, looks_like_romaji, nfkc, script, unvoiced,
                                  to_hiragana)
from core.places.tables import (KIND_MUNICIPALITY, KIND_PREFECTURE, MUNI_SUFFIXES,
                                prefecture_prefix, tables)
from core.text import morphemes


_GOVERNMENT = re.compile(r"\bgovernment\b", re.I)


@dataclass(frozen=True)
class Place:
    """A place (or national body) a question mentions."""

    name: str                   # canonical name: 横須賀市, 埼玉県, 農林水産省 (romanised if unknown)
    kind: str                   # "prefecture" | "municipality" | "national"
    prefecture: str             # 都道府県 it belongs to ("" for national or when unknown)
    case_ids: tuple[str, ...]   # article cases that ARE this organisation (empty: none)
    matched: str                # the text of the question that matched

    @property
    def office(self) -> bool:
        """Whether it names a prefecture's own government (「千葉県庁」, 「都庁」, "the Tokyo
        Metropolitan Government"): the article's case of it, not every case of the prefecture."""
        return self.kind == KIND_PREFECTURE and bool(self.case_ids) and \
            (self.matched.endswith("庁") or bool(_GOVERNMENT.search(self.matched)))


def _place(t: _Target, matched: str) -> Place:
    return Place(t.name, t.kind, t.prefecture, t.case_ids, matched)


class Gazetteer(Aliases):
    """Resolves place names in a question to `Place`s and the article's cases.

    Build with `Gazetteer.from_cases(article.cases)`; `resolve(question)` returns the places in
    the order the question mentions them, each once.  Resolution rules (see the module notes
    above for the full list):

    * an explicit suffix decides: 大阪市 / "Osaka City" → the city, 大阪府 / "Osaka Prefecture"
      → the prefecture;
    * a bare name that is a prefecture's name (大阪, 新潟, 熊本, "Osaka", "Niigata", "Tokyo")
      → the prefecture; the same-named city (大阪市 ...) is added only when the question also
      says 市 / "city" / "cities";
    * a prefecture Place's `case_ids` are the prefecture-level cases (level 都道府県) only; the
      municipalities in it come from `cases_in_prefecture`;
    * places the article has no case for (札幌市, "Sapporo city", "Kyoto", 総務省) still come
      back, with empty `case_ids`; an English municipality unknown to the article is only seen
      with a word such as city/town/ward/village/-shi/-machi, and its `name` is romanised
      ("Sapporo City") because its kanji cannot be known;
    * a prefecture written right before one of its municipalities (北海道札幌市) is folded into
      the municipality's `prefecture`;
    * regions (中国, 関東) are not places.
    """

    def english_name(self, case_id: str) -> str:
        """How an English answer names a case: "Sagamihara City", "Kanagawa Prefecture",
        "Digital Agency" ("" when no reading is known)."""
        return self._english.get(case_id, "")

    def cases_in_prefecture(self, pref: str) -> tuple[str, ...]:
        """Ids of all cases whose prefecture is `pref` (埼玉県; 埼玉 / Saitama also accepted)."""
        if pref not in self._prefs:
            hits = [p for p in self.resolve(pref) if p.kind == KIND_PREFECTURE]
            pref = hits[0].name if hits else pref
        return self._by_pref.get(pref, ())

    def resolve(self, question: str) -> tuple[Place, ...]:
        """Places mentioned in `question`, in order of mention, each once (rules: class doc)."""
        if not self._jp_first:
            self._finalise()
        q = nfkc(question)
        hits = self._match_japanese(q)
        hits += self._match_latin(q)
        hits += self._match_unknown_japanese(q, hits)
        hits.sort(key=lambda h: h.start)
        return self._places(q, hits)

    def _match_japanese(self, q: str) -> list[_Hit]:
        folded = to_hiragana(q)
        hits: list[_Hit] = []
        i, n = 0, len(q)
        while i < n:
            c = folded[i]
            if script(q[i]) == "other":
                i += 1
                continue
            for alias in self._jp_first.get(c, ()):
                end = i + len(alias)
                if folded.startswith(alias, i):
                    entries = self._jp[alias]
                    bare = all(b for _, b in entries)
                    if self._jp_boundary_ok(q, i, end, bare):
                        hits.append(_Hit(i, end, q[i:end], [t for t, _ in entries], bare))
                        i = end
                        break
            else:
                i += 1
        return hits

    @staticmethod
    def _jp_boundary_ok(q: str, start: int, end: int, bare: bool) -> bool:
        before = q[start - 1] if start else ""
        after = q[end] if end < len(q) else ""
        first, last = script(q[start]), script(q[end - 1])
        if first == "kanji" and script(before) == "kanji" and before not in "県府都道市郡":
            return False                                   # 京都 inside 東京都
        if not bare:
            return True
        if after and after in MUNI_SUFFIXES:
            return False                                   # 京都市 is not 京都府
        if last == "kanji" and script(after) == "kanji" and not q.startswith(tables().kanji_after, end):
            return False                                   # 富士山, 日光浴 (not 熊本以外)
        if first in ("hira", "kata") and end - start <= 2:
            # なら, みえ, むつ: only when set off by another script on both sides
            if script(before) == first or script(after) == last:
                return False
        return True

    def _match_latin(self, q: str) -> list[_Hit]:
        low, orig, spans = latin_fold(q)
        hits: list[_Hit] = []
        i, n = 0, len(low)
        while i < n:
            found = None
            for k in range(min(self._latin_max, n - i), 0, -1):
                key = tuple(low[i:i + k])
                entries = self._latin.get(key)
                if not entries:
                    continue
                bare = all(b for _, b in entries)
                if bare and i + k < n and low[i + k] in tables().suffix_english and \
                        any(t.kind == KIND_PREFECTURE for t, _ in entries):
                    break                                  # "Kyoto city": not the prefecture
                found = (k, [t for t, _ in entries], bare)
                break
            if found is None and (low[i],) not in self._latin and len(low[i]) >= 4 \
                    and low[i] not in tables().not_names and self._unvoiced.get(unvoiced(low[i])) \
                    and looks_like_romaji(low[i]):      # Yonago: read ヨナコ (the table first: pykakasi loads in 0.6 s)
                found = (1, [t for t, _ in self._unvoiced[unvoiced(low[i])]], True)
            if found is None and orig[i] in self._acronyms:
                found = (1, [self._acronyms[orig[i]]], False)
            if found is None:
                unknown = self._unknown_latin(low, i)
                if unknown:
                    k, target = unknown
                    found = (k, [target], False)
            if found is not None and found[2] and (
                    (i and low[i - 1] in tables().not_after) or
                    (i > 1 and f"{low[i - 2]} {low[i - 1]}" in tables().not_after) or
                    (i + found[0] < n and low[i + found[0]] in tables().not_before)):
                found = None                               # Mt. Fuji, Lake Biwa, Koga-san, University of Tokyo
            if found is None:
                i += 1
                continue
            k, targets, bare = found
            start, end = spans[i][0], spans[i + k - 1][1]
            hits.append(_Hit(start, end, q[start:end], targets, bare))
            i += k
        return hits

    def _unknown_latin(self, low: list[str], i: int) -> tuple[int, _Target] | None:
        """"Sapporo city", "Minato-ku", "city of Sapporo": a municipality the article lacks."""
        n = len(low)
        if i + 1 < n and low[i + 1] in tables().suffix_english:
            word, suffix_word, k = low[i], low[i + 1], 2
        elif i + 2 < n and low[i] in ("city", "town", "village") and low[i + 1] == "of":
            word, suffix_word, k = low[i + 2], low[i], 3
        else:
            return None
        if len(word) < 3 or word in tables().not_names or not looks_like_romaji(word):
            return None
        folded = () if (word,) in self._latin else self._unvoiced.get(unvoiced(word)) or ()
        if len(folded) == 1 and folded[0][0].kind == KIND_MUNICIPALITY:   # "city of Yonago": 米子市
            return k, folded[0][0]
        english = tables().suffix_english[suffix_word]
        pref = self._romaji_pref.get(word, "")
        if pref and english == "City" and pref in self._pref_city:
            return k, _Target(self._pref_city[pref], KIND_MUNICIPALITY, pref, ())
        return k, _Target(f"{word.capitalize()} {english}", KIND_MUNICIPALITY, pref, ())

    def _match_unknown_japanese(self, q: str, taken: list[_Hit]) -> list[_Hit]:
        """Japanese X市/区/町/村 the article has no case for, as Sudachi reads them."""
        if not any(s in q for s in MUNI_SUFFIXES):
            return []
        covered = [False] * (len(q) + 1)
        for h in taken:
            for j in range(h.start, h.end):
                covered[j] = True
        toks = morphemes(q)
        hits: list[_Hit] = []
        for idx, m in enumerate(toks):
            b, e, surface = m.begin(), m.end(), m.surface()
            if is_place_token(m) and surface[-1] in MUNI_SUFFIXES and len(surface) >= 2:
                pass                                       # 札幌市, 北海道札幌市, 港区
            elif (m.is_oov() or m.part_of_speech()[1] == "固有名詞"
                  and m.part_of_speech()[2] != "人名") and idx + 1 < len(toks) \
                    and toks[idx + 1].surface()[:1] in MUNI_SUFFIXES \
                    and 2 <= len(surface) <= 5 \
                    and all(script(c) in ("kanji", "hira", "kata") for c in surface):
                e = b + len(surface) + 1                   # 横浜|市役所, 笹間|市
            else:
                continue
            while b < e and covered[b]:
                b += 1                                     # 北海道 already matched in front
            if e - b < 2 or any(covered[b:e]) or q[e - 1] not in MUNI_SUFFIXES:
                continue
            name = q[b:e]
            pref = prefecture_prefix(name)
            if pref and len(name) > len(pref.name) + 1:
                b, name = b + len(pref.name), name[len(pref.name):]
                pref_name = pref.name
            else:
                stem = name[:-1]
                pref_name = next((p.name for p in tables().prefectures
                                  if stem in (p.stem, p.kana)), "")
            t = _Target(name, KIND_MUNICIPALITY, pref_name, ())
            hits.append(_Hit(b, e, q[b:e], [t], False))
        return hits

    def _places(self, q: str, hits: list[_Hit]) -> tuple[Place, ...]:
        covered = [False] * len(q)
        for h in hits:
            for j in range(h.start, h.end):
                covered[j] = True
        rest = "".join(c if not covered[j] else " " for j, c in enumerate(q))
        says_city = "市" in rest or bool(re.search(r"(?i)\b(city|cities)\b", rest))

        chosen: list[tuple[_Hit, list[_Target]]] = []
        for h in hits:
            targets = h.targets
            prefs = [t for t in targets if t.kind == KIND_PREFECTURE]
            if prefs and len(targets) > 1:
                others = [t for t in targets if t.kind != KIND_PREFECTURE]
                targets = prefs + (others if says_city else [])
            chosen.append((h, targets))

        # A prefecture written right before one of its municipalities belongs to it.
        out: list[Place] = []
        skip: set[int] = set()
        for k, (h, targets) in enumerate(chosen):
            if k + 1 < len(chosen) and len(targets) == 1 and targets[0].kind == KIND_PREFECTURE:
                nh, nt = chosen[k + 1]
                if nh.start == h.end and nt and all(
                        t.kind == KIND_MUNICIPALITY and t.prefecture in ("", targets[0].name)
                        for t in nt):
                    chosen[k + 1] = (_Hit(h.start, nh.end, q[h.start:nh.end], nt, False),
                                     [_Target(t.name, t.kind, targets[0].name, t.case_ids)
                                      for t in nt])
                    skip.add(k)
        seen: set[tuple[str, str]] = set()
        for k, (h, targets) in enumerate(chosen):
            if k in skip:
                continue
            for t in targets:
                if (t.kind, t.name, t.prefecture) in seen:
                    continue
                seen.add((t.kind, t.name, t.prefecture))
                out.append(_place(t, h.matched))
        return tuple(out)
