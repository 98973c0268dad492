"""Readings of names: kana, romaji, scripts, and Sudachi's readings of municipalities."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import jaconv

from core.places.tables import MUNI_SUFFIXES, tables
from core.text import morphemes, nfkc


def to_hiragana(text: str) -> str:
    """Katakana → hiragana, one character for one (ー and other characters unchanged)."""
    return jaconv.kata2hira(text)


def to_katakana(text: str) -> str:
    return jaconv.hira2kata(text)


@lru_cache(maxsize=1)
def _kakasi():
    import pykakasi  # loads its dictionaries (~0.8 s): only when a gazetteer is first built

    return pykakasi.kakasi()


@lru_cache(maxsize=8192)
def hepburn(kana: str) -> str:
    """Hepburn romaji of kana with every long vowel spelt out: トウキョウ → toukyou, コーヒー →
    koohii, サッポロ → sapporo, マッチャ → matcha (pykakasi's Hepburn)."""
    return "".join(item["hepburn"] for item in _kakasi().convert(to_hiragana(kana)))


def romaji_variants(kana: str) -> tuple[str, ...]:
    """Romanisations people write for a reading: long vowels kept and dropped, n/m before b/m/p.

    トウキョウ → (toukyou, tokyo), オオサカ → (oosaka, osaka), ミヤコノジョウ → (miyakonojou,
    miyakonojo), ニッコウ → (nikkou, nikko).
    """
    long = re.sub(r"[^a-z]", "", hepburn(kana))
    if not long:
        return ()
    short = re.sub(r"o[ou]", "o", long).replace("uu", "u")
    out = dict.fromkeys((short, long))
    for v in list(out):
        out[re.sub(r"n(?=[bmp])", "m", v)] = None
    return tuple(out)


@lru_cache(maxsize=4096)
def looks_like_romaji(word: str) -> bool:
    """Whether a lowercase word reads as romaji (sapporo, shimbashi yes; the, big no): typed
    as kana (jaconv) and read back in Hepburn (pykakasi), it must come back unchanged."""
    kana = jaconv.alphabet2kana(word)
    if not kana or re.search(r"[a-z]", kana):
        return False
    return _m_for_n(hepburn(kana)) == _m_for_n(word)


_VOICED = str.maketrans("gzdbp", "ksthh")


def unvoiced(romaji: str) -> str:
    """A romaji word with voicing folded away, for names whose reading may be voiced or not
    (米子 is Yonago, Sudachi reads ヨナコ; 高田 Takada/Takata): g→k, z/j→s/sh, d→t, b/p/f→h."""
    return romaji.replace("j", "sh").replace("f", "h").translate(_VOICED)


def _m_for_n(romaji: str) -> str:
    return re.sub(r"n(?=[bmp])", "m", romaji)     # Shimbashi = Shinbashi


def is_kanji(c: str) -> bool:
    return len(c) == 1 and "\u4e00" <= c <= "\u9fff" or c in "々〆ヶ" or "\u3400" <= c <= "\u4dbf"


def script(c: str) -> str:
    if not c:
        return "other"
    if "ぁ" <= c <= "ゖ":
        return "hira"
    if "ァ" <= c <= "ヺ" or c == "ー":
        return "kata"
    if is_kanji(c):
        return "kanji"
    return "other"


_WORD = re.compile(r"[A-Za-z0-9\u00C0-\u024F\u1E00-\u1EFF'’]+")
_POSSESSIVE = re.compile(r"['’]s$")


def latin_fold(text: str) -> tuple[list[str], list[str], list[tuple[int, int]]]:
    """Words of an NFKC text for romaji/English matching.

    Returns (lowercased words, words as written, (start, end) of each word in the text).
    Accents are stripped (Tōkyō → tokyo), possessive 's and apostrophes dropped.
    """
    low: list[str] = []
    orig: list[str] = []
    spans: list[tuple[int, int]] = []
    for m in _WORD.finditer(text):
        raw = _POSSESSIVE.sub("", m.group())
        folded = raw if raw.isascii() else \
            "".join(c for c in unicodedata.normalize("NFKD", raw) if not unicodedata.combining(c))
        folded = folded.replace("'", "").replace("’", "")
        if folded:
            orig.append(folded)
            low.append(folded.lower())
            spans.append((m.start(), m.end()))
    return low, orig, spans


@lru_cache(maxsize=65536)
def latin_words(alias: str) -> tuple[str, ...]:
    return tuple(latin_fold(nfkc(alias))[0])


def is_place_token(m) -> bool:
    pos = m.part_of_speech()
    return pos[1] == "固有名詞" and pos[2] == "地名"


def all_katakana(text: str) -> bool:
    return bool(text) and all("ァ" <= c <= "ヺ" or c == "ー" for c in text)


def municipality_reading(name: str, prefecture: str = "") -> tuple[str, str]:
    """Katakana reading of a municipality's stem and of its suffix: 横須賀市 → (ヨコスカ, シ).

    Sudachi reads many bare stems as surnames or splits them (松阪 → マツザカ, 江戸川 →
    エド+カワ), so the whole name with its suffix is read first as one mode-C place token
    (松阪市 マツサカシ, 江戸川区 エドガワク, 飯島町 イイジママチ, 都城市 ミヤコノジョウシ), then
    with the prefecture in front; failing that the readings of the name's pieces are joined
    (笹間|市 → ササマ, シ).  Returns ("", "") when Sudachi has no kana reading for it.
    """
    suffix = name[-1] if name[-1:] in MUNI_SUFFIXES else ""
    stem = name[:-1] if suffix else name
    suffix_readings = tables().suffix_readings.get(suffix, ("",))
    if all(script(c) in ("hira", "kata") for c in stem):      # むつ市, つくば市
        return to_katakana(stem), suffix_readings[0]
    for text in (name, prefecture + name if prefecture else ""):
        for m in morphemes(text) if text else ():
            if m.surface() != name:
                continue
            reading = m.reading_form()
            for sr in suffix_readings:
                if reading.endswith(sr) and len(reading) > len(sr) and \
                        all_katakana(reading[:len(reading) - len(sr)]):
                    return reading[:len(reading) - len(sr)], sr
    toks = morphemes(name)
    sr = suffix_readings[0]
    if suffix and len(toks) > 1 and toks[-1].surface() == suffix:
        sr, toks = toks[-1].reading_form(), toks[:-1]
    else:
        toks = morphemes(stem)
    reading = "".join(m.reading_form() for m in toks)
    return (reading, sr) if all_katakana(reading) else ("", "")
