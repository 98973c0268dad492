"""Readings of names: kana, romaji, scripts, and Sudachi's readings of municipalities."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from core.places.tables import MUNI_SUFFIXES, tables
from core.text import morphemes, nfkc

def to_hiragana(text: str) -> str:
    """Katakana → hiragana, one character for one (ー and other characters unchanged)."""
    return "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in text)


def to_katakana(text: str) -> str:
    return "".join(chr(ord(c) + 0x60) if "ぁ" <= c <= "ゖ" else c for c in text)


_KANA2 = {
    "キャ": "kya", "キュ": "kyu", "キョ": "kyo", "シャ": "sha", "シュ": "shu", "ショ": "sho",
    "チャ": "cha", "チュ": "chu", "チョ": "cho", "ニャ": "nya", "ニュ": "nyu", "ニョ": "nyo",
    "ヒャ": "hya", "ヒュ": "hyu", "ヒョ": "hyo", "ミャ": "mya", "ミュ": "myu", "ミョ": "myo",
    "リャ": "rya", "リュ": "ryu", "リョ": "ryo", "ギャ": "gya", "ギュ": "gyu", "ギョ": "gyo",
    "ジャ": "ja", "ジュ": "ju", "ジョ": "jo", "ヂャ": "ja", "ヂュ": "ju", "ヂョ": "jo",
    "ビャ": "bya", "ビュ": "byu", "ビョ": "byo", "ピャ": "pya", "ピュ": "pyu", "ピョ": "pyo",
    "シェ": "she", "ジェ": "je", "チェ": "che", "ティ": "ti", "ディ": "di", "トゥ": "tu",
    "ドゥ": "du", "ファ": "fa", "フィ": "fi", "フェ": "fe", "フォ": "fo", "ウィ": "wi",
    "ウェ": "we", "ウォ": "wo", "ヴァ": "va", "ヴィ": "vi", "ヴェ": "ve", "ヴォ": "vo",
}
_KANA1 = dict(zip(
    "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヰヱヲン"
    "ガギグゲゴザジズゼゾダヂヅデドバビブベボパピプペポァィゥェォャュョヮヴ",
    ("a i u e o ka ki ku ke ko sa shi su se so ta chi tsu te to na ni nu ne no ha hi fu he ho "
     "ma mi mu me mo ya yu yo ra ri ru re ro wa i e o n "
     "ga gi gu ge go za ji zu ze zo da ji zu de do ba bi bu be bo pa pi pu pe po "
     "a i u e o ya yu yo wa vu").split()))


def _romaji_long(kana: str) -> str:
    """Hepburn with every long vowel spelt out: トウキョウ → toukyou, オオサカ → oosaka."""
    kata = to_katakana(kana)
    out: list[str] = []
    geminate = False
    i = 0
    while i < len(kata):
        pair, c = kata[i:i + 2], kata[i]
        if pair in _KANA2:
            syl, i = _KANA2[pair], i + 2
        elif c in _KANA1:
            syl, i = _KANA1[c], i + 1
        elif c == "ッ":
            geminate, i = True, i + 1
            continue
        elif c == "ー":
            if out and out[-1][-1:] in "aiueo":
                out.append(out[-1][-1])
            i += 1
            continue
        else:                      # not kana: leave it out of the romaji
            i += 1
            continue
        if geminate and syl[0] not in "aiueon":
            syl = ("t" if syl.startswith("ch") else syl[0]) + syl
        geminate = False
        out.append(syl)
    return "".join(out)


def romaji_variants(kana: str) -> tuple[str, ...]:
    """Romanisations people write for a reading: long vowels kept and dropped, n/m before b/m/p.

    トウキョウ → (toukyou, tokyo), オオサカ → (oosaka, osaka), ミヤコノジョウ → (miyakonojou,
    miyakonojo), ニッコウ → (nikkou, nikko).
    """
    long = _romaji_long(kana)
    if not long:
        return ()
    short = re.sub(r"o[ou]", "o", long).replace("uu", "u")
    out = dict.fromkeys((short, long))
    for v in list(out):
        out[re.sub(r"n(?=[bmp])", "m", v)] = None
    return tuple(out)


_SYLLABLES = frozenset(
    "a i u e o ka ki ku ke ko kya kyu kyo sa shi su se so sha shu sho ta chi tsu te to cha chu "
    "cho na ni nu ne no nya nyu nyo ha hi fu he ho hya hyu hyo ma mi mu me mo mya myu myo ya yu "
    "yo ra ri ru re ro rya ryu ryo wa wo ga gi gu ge go gya gyu gyo za ji zu ze zo ja ju jo da de "
    "do ba bi bu be bo bya byu byo pa pi pu pe po pya pyu pyo".split())
# English words that happen to be valid romaji and often stand before "city"/"town".
@lru_cache(maxsize=4096)
def looks_like_romaji(word: str) -> bool:
    """Whether a lowercase word can be read as Hepburn syllables (sapporo yes, the/big no)."""
    n = len(word)
    ok = [False] * (n + 1)
    ok[0] = True
    for i in range(n):
        if not ok[i]:
            continue
        for k in (1, 2, 3):
            if i + k <= n and word[i:i + k] in _SYLLABLES:
                ok[i + k] = True
        c, nxt = word[i], word[i + 1:i + 2]
        if c == "n" and nxt not in tuple("aiueoy"):
            ok[i + 1] = True                                   # syllabic n
        if c == "m" and nxt in ("b", "m", "p"):
            ok[i + 1] = True                                   # Shimbashi
        if nxt and (nxt == c and c in "kgsztdbpfjhrmn" or (c == "t" and word[i + 1:i + 3] == "ch")):
            ok[i + 1] = True                                   # sapporo, matcha
    return ok[n]


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
