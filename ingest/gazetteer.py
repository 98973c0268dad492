"""Place names: the 47 都道府県 with readings, and the article's region headings in English.

Question analysis uses this to resolve "Saitama", "さいたま" or "埼玉" to 埼玉県 without hoping
the embedding model knows Japanese geography.

`Gazetteer` turns a question's place mentions into `Place`s.

What it knows:

* every 都道府県 (`PREFECTURES`): kanji name and stem, hiragana/katakana, Hepburn romaji, with or
  without a suffix (埼玉県, 埼玉, さいたま, サイタマケン, "Saitama", "Saitama-ken", "Saitama
  Prefecture", "Osaka-fu", "Tokyo-to", "Tokyo Metropolitan Government");
* the national ministries and major agencies (`NATIONAL_BODIES`: a fixed table of the Japanese
  government, not of any article's cases) in Japanese, short Japanese and English;
* each case of the article it is built from, with aliases derived from the case itself: heading,
  id, name without prefecture, stem without 市/区/町/村 (≥2 characters), SudachiPy readings in
  hiragana/katakana/romaji with or without a suffix ("Yokosuka", "Yokosuka-shi", "Yokosuka City",
  "city of Yokosuka", "Edogawa Ward", "Edogawa-ku", "Iijima-machi"), and the body's spelling of
  a misspelt heading (see `_body_spellings`);
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
import threading
import unicodedata
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class Prefecture:
    name: str      # 埼玉県
    stem: str      # 埼玉
    kana: str      # さいたま
    romaji: str    # saitama


def _pref(name: str, kana: str, romaji: str) -> Prefecture:
    stem = name if name == "北海道" else name[:-1]
    return Prefecture(name, stem, kana, romaji)


PREFECTURES: tuple[Prefecture, ...] = (
    _pref("北海道", "ほっかいどう", "hokkaido"),
    _pref("青森県", "あおもり", "aomori"),
    _pref("岩手県", "いわて", "iwate"),
    _pref("宮城県", "みやぎ", "miyagi"),
    _pref("秋田県", "あきた", "akita"),
    _pref("山形県", "やまがた", "yamagata"),
    _pref("福島県", "ふくしま", "fukushima"),
    _pref("茨城県", "いばらき", "ibaraki"),
    _pref("栃木県", "とちぎ", "tochigi"),
    _pref("群馬県", "ぐんま", "gunma"),
    _pref("埼玉県", "さいたま", "saitama"),
    _pref("千葉県", "ちば", "chiba"),
    _pref("東京都", "とうきょう", "tokyo"),
    _pref("神奈川県", "かながわ", "kanagawa"),
    _pref("新潟県", "にいがた", "niigata"),
    _pref("富山県", "とやま", "toyama"),
    _pref("石川県", "いしかわ", "ishikawa"),
    _pref("福井県", "ふくい", "fukui"),
    _pref("山梨県", "やまなし", "yamanashi"),
    _pref("長野県", "ながの", "nagano"),
    _pref("岐阜県", "ぎふ", "gifu"),
    _pref("静岡県", "しずおか", "shizuoka"),
    _pref("愛知県", "あいち", "aichi"),
    _pref("三重県", "みえ", "mie"),
    _pref("滋賀県", "しが", "shiga"),
    _pref("京都府", "きょうと", "kyoto"),
    _pref("大阪府", "おおさか", "osaka"),
    _pref("兵庫県", "ひょうご", "hyogo"),
    _pref("奈良県", "なら", "nara"),
    _pref("和歌山県", "わかやま", "wakayama"),
    _pref("鳥取県", "とっとり", "tottori"),
    _pref("島根県", "しまね", "shimane"),
    _pref("岡山県", "おかやま", "okayama"),
    _pref("広島県", "ひろしま", "hiroshima"),
    _pref("山口県", "やまぐち", "yamaguchi"),
    _pref("徳島県", "とくしま", "tokushima"),
    _pref("香川県", "かがわ", "kagawa"),
    _pref("愛媛県", "えひめ", "ehime"),
    _pref("高知県", "こうち", "kochi"),
    _pref("福岡県", "ふくおか", "fukuoka"),
    _pref("佐賀県", "さが", "saga"),
    _pref("長崎県", "ながさき", "nagasaki"),
    _pref("熊本県", "くまもと", "kumamoto"),
    _pref("大分県", "おおいた", "oita"),
    _pref("宮崎県", "みやざき", "miyazaki"),
    _pref("鹿児島県", "かごしま", "kagoshima"),
    _pref("沖縄県", "おきなわ", "okinawa"),
)

# The article's region headings and how staff may name them in English.
REGIONS_EN: dict[str, tuple[str, ...]] = {
    "省庁": ("ministries", "ministry", "national government", "central government"),
    "北海道・東北": ("hokkaido", "tohoku"),
    "北陸・甲信越": ("hokuriku", "koshinetsu", "shinetsu"),
    "関東": ("kanto",),
    "東海": ("tokai",),
    "近畿": ("kinki", "kansai"),
    "中国": ("chugoku",),
    "四国": ("shikoku",),
    "九州": ("kyushu", "okinawa"),
}


def prefecture_prefix(text: str) -> Prefecture | None:
    """The 都道府県 a name starts with (``神奈川県横須賀市`` → 神奈川県), if any."""
    for pref in PREFECTURES:
        if text.startswith(pref.name):
            return pref
    return None


# ---------------------------------------------------------------------------------------------
# Place-name resolution for questions
# ---------------------------------------------------------------------------------------------

KIND_PREFECTURE, KIND_MUNICIPALITY, KIND_NATIONAL = "prefecture", "municipality", "national"

_MUNI_SUFFIXES = "市区町村"
# Readings Sudachi gives a municipality suffix, and the words that name it in English/romaji.
_SUFFIX_READINGS: dict[str, tuple[str, ...]] = {
    "市": ("シ",), "区": ("ク",), "町": ("マチ", "チョウ"), "村": ("ムラ", "ソン"),
}
_SUFFIX_WORDS: dict[str, tuple[str, ...]] = {
    "市": ("city", "shi"),
    "区": ("ward", "ku", "city"),          # Tokyo's special wards call themselves "X City"
    "町": ("town", "machi", "cho", "chou"),
    "村": ("village", "mura", "son"),
}
_SUFFIX_ENGLISH = {"city": "City", "shi": "City", "ward": "Ward", "ku": "Ward", "town": "Town",
                   "machi": "Town", "cho": "Town", "chou": "Town", "village": "Village",
                   "mura": "Village", "son": "Village"}
_PREF_WORDS = ("prefecture", "pref", "prefectural government", "prefectural", "government")
_PREF_SUFFIX_WORD = {"県": ("ken",), "府": ("fu",), "都": ("to", "metropolis", "metropolitan",
                                                      "metropolitan government"), "道": ()}
_PREF_SUFFIX_KANA = {"県": "けん", "府": "ふ", "都": "と", "道": ""}
# Office names only one prefecture can have.
_PREF_OFFICES = {"東京都": ("都庁",), "北海道": ("道庁",)}

# The national government: ministries and major agencies.  (name, Japanese short names, English)
# Acronyms are written in capitals; those of two or three letters match only in capitals.
NATIONAL_BODIES: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("内閣府", (), ("Cabinet Office",)),
    ("総務省", (), ("Ministry of Internal Affairs and Communications",
                  "Ministry of Internal Affairs", "MIC")),
    ("法務省", (), ("Ministry of Justice", "MOJ")),
    ("外務省", (), ("Ministry of Foreign Affairs", "MOFA")),
    ("財務省", (), ("Ministry of Finance", "MOF")),
    ("文部科学省", ("文科省",), ("Ministry of Education, Culture, Sports, Science and Technology",
                         "Ministry of Education", "MEXT")),
    ("厚生労働省", ("厚労省",), ("Ministry of Health, Labour and Welfare",
                         "Ministry of Health, Labor and Welfare", "Ministry of Health",
                         "Ministry of Labour", "MHLW")),
    ("農林水産省", ("農水省",), ("Ministry of Agriculture, Forestry and Fisheries",
                         "Ministry of Agriculture", "MAFF")),
    ("経済産業省", ("経産省",), ("Ministry of Economy, Trade and Industry", "Ministry of Economy",
                         "METI")),
    ("国土交通省", ("国交省",), ("Ministry of Land, Infrastructure, Transport and Tourism",
                         "Ministry of Land", "Ministry of Transport", "MLIT")),
    ("環境省", (), ("Ministry of the Environment", "Ministry of Environment", "MOE")),
    ("防衛省", (), ("Ministry of Defense", "Ministry of Defence", "MOD")),
    ("デジタル庁", (), ("Digital Agency",)),
    ("復興庁", (), ("Reconstruction Agency",)),
    ("こども家庭庁", (), ("Children and Families Agency",)),
    ("警察庁", (), ("National Police Agency", "NPA")),
    ("金融庁", (), ("Financial Services Agency", "FSA")),
    ("消費者庁", (), ("Consumer Affairs Agency",)),
    ("国税庁", (), ("National Tax Agency",)),
    ("気象庁", (), ("Japan Meteorological Agency", "Meteorological Agency", "JMA")),
    ("観光庁", (), ("Japan Tourism Agency", "Tourism Agency")),
    ("文化庁", (), ("Agency for Cultural Affairs",)),
    ("スポーツ庁", (), ("Japan Sports Agency", "Sports Agency")),
    ("特許庁", (), ("Japan Patent Office", "Patent Office", "JPO")),
    ("林野庁", (), ("Forestry Agency",)),
    ("水産庁", (), ("Fisheries Agency",)),
    ("資源エネルギー庁", (), ("Agency for Natural Resources and Energy",)),
    ("中小企業庁", (), ("Small and Medium Enterprise Agency",)),
    ("出入国在留管理庁", ("入管庁",), ("Immigration Services Agency",)),
    ("消防庁", (), ("Fire and Disaster Management Agency",)),
    ("海上保安庁", (), ("Japan Coast Guard",)),
    ("宮内庁", (), ("Imperial Household Agency",)),
    ("個人情報保護委員会", (), ("Personal Information Protection Commission", "PPC")),
)


@dataclass(frozen=True)
class Place:
    """A place (or national body) a question mentions."""

    name: str                   # canonical name: 横須賀市, 埼玉県, 農林水産省 (romanised if unknown)
    kind: str                   # "prefecture" | "municipality" | "national"
    prefecture: str             # 都道府県 it belongs to ("" for national or when unknown)
    case_ids: tuple[str, ...]   # article cases that ARE this organisation (empty: none)
    matched: str                # the text of the question that matched


# --- kana and romaji --------------------------------------------------------------------------

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
_NOT_NAMES = frozenset(
    "the one same some home more mega mountain none done gone name game make take are nine mine "
    "ago sake hero tone zone bone kimono karate banana tomato piano rome".split())

# Words around a bare romaji name that make it something other than the place.
_NOT_AFTER = frozenset("mt mount mr mrs ms dr lake river".split())
_NOT_BEFORE = frozenset("san sama kun chan sensei".split())


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


# --- text folding -----------------------------------------------------------------------------

def _is_kanji(c: str) -> bool:
    return len(c) == 1 and "\u4e00" <= c <= "\u9fff" or c in "々〆ヶ" or "\u3400" <= c <= "\u4dbf"


def _script(c: str) -> str:
    if not c:
        return "other"
    if "ぁ" <= c <= "ゖ":
        return "hira"
    if "ァ" <= c <= "ヺ" or c == "ー":
        return "kata"
    if _is_kanji(c):
        return "kanji"
    return "other"


def _nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def _latin_fold(text: str) -> tuple[list[str], list[str], list[tuple[int, int]]]:
    """Words of an NFKC text for romaji/English matching.

    Returns (lowercased words, words as written, (start, end) of each word in the text).
    Accents are stripped (Tōkyō → tokyo), possessive 's and apostrophes dropped.
    """
    low: list[str] = []
    orig: list[str] = []
    spans: list[tuple[int, int]] = []
    for m in re.finditer(r"[A-Za-z0-9\u00C0-\u024F\u1E00-\u1EFF'’]+", text):
        raw = re.sub(r"['’]s$", "", m.group())
        folded = "".join(c for c in unicodedata.normalize("NFKD", raw) if not unicodedata.combining(c))
        folded = folded.replace("'", "").replace("’", "")
        if folded:
            orig.append(folded)
            low.append(folded.lower())
            spans.append((m.start(), m.end()))
    return low, orig, spans


def _words(alias: str) -> tuple[str, ...]:
    return tuple(_latin_fold(_nfkc(alias))[0])


# --- Sudachi ----------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _dictionary():
    from sudachipy import Dictionary

    return Dictionary(dict="core")


_local = threading.local()


def _tokenizer():
    """This thread's mode-C tokenizer (a Sudachi tokenizer must not be shared across threads)."""
    tok = getattr(_local, "tokenizer", None)
    if tok is None:
        from sudachipy import SplitMode

        tok = _local.tokenizer = _dictionary().tokenizer(SplitMode.C)
    return tok


def _tokens(text: str) -> list:
    """Sudachi mode-C morphemes of `text`."""
    return list(_tokenizer().tokenize(text))


def _is_place_token(m) -> bool:
    pos = m.part_of_speech()
    return pos[1] == "固有名詞" and pos[2] == "地名"


def _all_katakana(text: str) -> bool:
    return bool(text) and all("ァ" <= c <= "ヺ" or c == "ー" for c in text)


def municipality_reading(name: str, prefecture: str = "") -> tuple[str, str]:
    """Katakana reading of a municipality's stem and of its suffix: 横須賀市 → (ヨコスカ, シ).

    Sudachi reads many bare stems as surnames or splits them (松阪 → マツザカ, 江戸川 →
    エド+カワ), so the whole name with its suffix is read first as one mode-C place token
    (松阪市 マツサカシ, 江戸川区 エドガワク, 飯島町 イイジママチ, 都城市 ミヤコノジョウシ), then
    with the prefecture in front; failing that the readings of the name's pieces are joined
    (笹間|市 → ササマ, シ).  Returns ("", "") when Sudachi has no kana reading for it.
    """
    suffix = name[-1] if name[-1:] in _MUNI_SUFFIXES else ""
    stem = name[:-1] if suffix else name
    suffix_readings = _SUFFIX_READINGS.get(suffix, ("",))
    if all(_script(c) in ("hira", "kata") for c in stem):      # むつ市, つくば市
        return to_katakana(stem), suffix_readings[0]
    for text in (name, prefecture + name if prefecture else ""):
        for m in _tokens(text) if text else ():
            if m.surface() != name:
                continue
            reading = m.reading_form()
            for sr in suffix_readings:
                if reading.endswith(sr) and len(reading) > len(sr) and \
                        _all_katakana(reading[:len(reading) - len(sr)]):
                    return reading[:len(reading) - len(sr)], sr
    toks = _tokens(name)
    sr = suffix_readings[0]
    if suffix and len(toks) > 1 and toks[-1].surface() == suffix:
        sr, toks = toks[-1].reading_form(), toks[:-1]
    else:
        toks = _tokens(stem)
    reading = "".join(m.reading_form() for m in toks)
    return (reading, sr) if _all_katakana(reading) else ("", "")


# --- the gazetteer ----------------------------------------------------------------------------

@dataclass(frozen=True)
class _Target:
    name: str
    kind: str
    prefecture: str
    case_ids: tuple[str, ...]

    def place(self, matched: str) -> Place:
        return Place(self.name, self.kind, self.prefecture, self.case_ids, matched)


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
                and all(_script(x) in ("kanji", "hira", "kata") for x in cand)):
            out.add(cand)
    return out


class Gazetteer:
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

    def __init__(self) -> None:
        self._jp: dict[str, list[tuple[_Target, bool]]] = {}     # folded alias → (target, bare)
        self._jp_first: dict[str, list[str]] = {}                # first char → aliases, long first
        self._latin: dict[tuple[str, ...], list[tuple[_Target, bool]]] = {}
        self._latin_max = 1
        self._acronyms: dict[str, _Target] = {}                  # case-sensitive short acronyms
        self._by_pref: dict[str, tuple[str, ...]] = {}
        self._prefs: dict[str, _Target] = {}
        self._pref_city: dict[str, str] = {}                     # 京都府 → 京都市 (Sudachi knows it)
        self._romaji_pref: dict[str, str] = {}                   # kyoto → 京都府

    # -- building ------------------------------------------------------------------------------

    def _add_jp(self, alias: str, target: _Target, bare: bool) -> None:
        alias = to_hiragana(_nfkc(alias))
        if not alias:
            return
        entries = self._jp.setdefault(alias, [])
        if not any(t == target for t, _ in entries):
            entries.append((target, bare))

    def _add_latin(self, alias: str, target: _Target, bare: bool) -> None:
        words = _words(alias)
        if not words:
            return
        if len(words) == 1 and alias.isupper() and len(alias) <= 3:
            self._acronyms[alias] = target
            return
        entries = self._latin.setdefault(words, [])
        if not any(t == target for t, _ in entries):
            entries.append((target, bare))
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
    def from_cases(cls, cases) -> "Gazetteer":
        """A gazetteer of the 47 prefectures, the national bodies and the given article cases."""
        g = cls()
        cases = list(cases)
        by_pref: dict[str, list[str]] = {}
        for c in cases:
            if c.prefecture:
                by_pref.setdefault(c.prefecture, []).append(c.id)
        g._by_pref = {p: tuple(ids) for p, ids in by_pref.items()}

        # Prefectures.
        for p in PREFECTURES:
            ids = tuple(c.id for c in cases if c.level == "都道府県" and c.prefecture == p.name)
            t = _Target(p.name, KIND_PREFECTURE, p.name, ids)
            g._prefs[p.name] = t
            suffix = p.name[-1]
            g._add_jp(p.name, t, bare=False)
            g._add_jp(p.stem, t, bare=p.stem != p.name)
            g._add_jp(p.kana, t, bare=True)
            if _PREF_SUFFIX_KANA[suffix]:
                g._add_jp(p.kana + _PREF_SUFFIX_KANA[suffix], t, bare=False)
            g._add_jp(p.name + "庁", t, bare=False)
            for office in _PREF_OFFICES.get(p.name, ()):
                g._add_jp(office, t, bare=False)
            words = _PREF_WORDS + _PREF_SUFFIX_WORD[suffix]
            for r in dict.fromkeys((p.romaji, *romaji_variants(p.kana))):
                g._romaji_pref[r] = p.name
                g._add_latin(r, t, bare=True)
                for w in words:
                    g._add_latin(f"{r} {w}", t, bare=False)
                for w in _PREF_SUFFIX_WORD[suffix][:1]:
                    g._add_latin(r + w, t, bare=False)
                g._add_latin(f"prefecture of {r}", t, bare=False)
            for city in (p.stem + "市", p.kana + "市"):     # Kyoto City → 京都市, Saitama → さいたま市
                toks = _tokens(city)
                if len(toks) == 1 and _is_place_token(toks[0]):
                    g._pref_city[p.name] = city
                    break

        # National bodies: the fixed table plus any national case of the article.
        national_ids = {c.id: c for c in cases if c.level == "国"}
        table = {name: (short, en) for name, short, en in NATIONAL_BODIES}
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

        # Municipalities of the article.
        munis = [c for c in cases if c.level == "市区町村"]
        names = {c.id[len(c.prefecture):] if c.id.startswith(c.prefecture) else c.id
                 for c in munis}
        for c in munis:
            name = c.id[len(c.prefecture):] if c.prefecture and c.id.startswith(c.prefecture) \
                else c.id
            t = _Target(name, KIND_MUNICIPALITY, c.prefecture, (c.id,))
            spellings = [name]
            known_place = any(m.surface() == name and _is_place_token(m) for m in _tokens(name))
            if name not in c.body or not known_place:
                spellings += sorted(_body_spellings(name, c.body, names - {name}))
            for alias in (c.title, c.id):
                g._add_jp(alias, t, bare=False)
            for spelt in spellings:
                g._add_muni(spelt, c.prefecture, t)
        g._finalise()
        return g

    def _add_muni(self, name: str, prefecture: str, t: _Target) -> None:
        suffix = name[-1] if name[-1:] in _MUNI_SUFFIXES else ""
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
        for sr in _SUFFIX_READINGS.get(suffix, ("",)):
            if sr:
                self._add_jp(hira + to_hiragana(sr), t, bare=False)
            self._add_jp(hira + suffix, t, bare=False)
        words = _SUFFIX_WORDS.get(suffix, ())
        prefix = tuple(f"{w} of" for w in words if w in ("city", "town", "village", "ward"))
        self._add_romaji_forms(kana, t, words, prefix)

    def _finalise(self) -> None:
        self._jp_first = {}
        for alias in sorted(self._jp, key=len, reverse=True):
            self._jp_first.setdefault(alias[0], []).append(alias)

    # -- queries -------------------------------------------------------------------------------

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
        q = _nfkc(question)
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
            if _script(q[i]) == "other":
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
        first, last = _script(q[start]), _script(q[end - 1])
        if first == "kanji" and _script(before) == "kanji" and before not in "県府都道市郡":
            return False                                   # 京都 inside 東京都
        if not bare:
            return True
        if after and after in _MUNI_SUFFIXES:
            return False                                   # 京都市 is not 京都府
        if last == "kanji" and _script(after) == "kanji":
            return False                                   # 富士山, 日光浴
        if first in ("hira", "kata") and end - start <= 2:
            # なら, みえ, むつ: only when set off by another script on both sides
            if _script(before) == first or _script(after) == last:
                return False
        return True

    def _match_latin(self, q: str) -> list[_Hit]:
        low, orig, spans = _latin_fold(q)
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
                if bare and i + k < n and low[i + k] in _SUFFIX_ENGLISH and \
                        any(t.kind == KIND_PREFECTURE for t, _ in entries):
                    break                                  # "Kyoto city": not the prefecture
                found = (k, [t for t, _ in entries], bare)
                break
            if found is None and orig[i] in self._acronyms:
                found = (1, [self._acronyms[orig[i]]], False)
            if found is None:
                unknown = self._unknown_latin(low, i)
                if unknown:
                    k, target = unknown
                    found = (k, [target], False)
            if found is not None and found[2] and (
                    (i and low[i - 1] in _NOT_AFTER) or
                    (i + found[0] < n and low[i + found[0]] in _NOT_BEFORE)):
                found = None                               # Mt. Fuji, Lake Biwa, Koga-san
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
        if i + 1 < n and low[i + 1] in _SUFFIX_ENGLISH:
            word, suffix_word, k = low[i], low[i + 1], 2
        elif i + 2 < n and low[i] in ("city", "town", "village") and low[i + 1] == "of":
            word, suffix_word, k = low[i + 2], low[i], 3
        else:
            return None
        if len(word) < 3 or word in _NOT_NAMES or not looks_like_romaji(word):
            return None
        english = _SUFFIX_ENGLISH[suffix_word]
        pref = self._romaji_pref.get(word, "")
        if pref and english == "City" and pref in self._pref_city:
            return k, _Target(self._pref_city[pref], KIND_MUNICIPALITY, pref, ())
        return k, _Target(f"{word.capitalize()} {english}", KIND_MUNICIPALITY, pref, ())

    def _match_unknown_japanese(self, q: str, taken: list[_Hit]) -> list[_Hit]:
        """Japanese X市/区/町/村 the article has no case for, as Sudachi reads them."""
        if not any(s in q for s in _MUNI_SUFFIXES):
            return []
        covered = [False] * (len(q) + 1)
        for h in taken:
            for j in range(h.start, h.end):
                covered[j] = True
        toks = _tokens(q)
        hits: list[_Hit] = []
        for idx, m in enumerate(toks):
            b, e, surface = m.begin(), m.end(), m.surface()
            if _is_place_token(m) and surface[-1] in _MUNI_SUFFIXES and len(surface) >= 2:
                pass                                       # 札幌市, 北海道札幌市, 港区
            elif (m.is_oov() or m.part_of_speech()[1] == "固有名詞"
                  and m.part_of_speech()[2] != "人名") and idx + 1 < len(toks) \
                    and toks[idx + 1].surface()[:1] in _MUNI_SUFFIXES \
                    and 2 <= len(surface) <= 5 \
                    and all(_script(c) in ("kanji", "hira", "kata") for c in surface):
                e = b + len(surface) + 1                   # 横浜|市役所, 笹間|市
            else:
                continue
            while b < e and covered[b]:
                b += 1                                     # 北海道 already matched in front
            if e - b < 2 or any(covered[b:e]) or q[e - 1] not in _MUNI_SUFFIXES:
                continue
            name = q[b:e]
            pref = prefecture_prefix(name)
            if pref and len(name) > len(pref.name) + 1:
                b, name = b + len(pref.name), name[len(pref.name):]
                pref_name = pref.name
            else:
                stem = name[:-1]
                pref_name = next((p.name for p in PREFECTURES
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
                out.append(t.place(h.matched))
        return tuple(out)
