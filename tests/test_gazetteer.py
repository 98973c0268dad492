"""Place-name resolution over the real seed article (62 cases)."""
from __future__ import annotations

import time
from pathlib import Path

import pytest

from core.places import Gazetteer, prefecture_prefix, prefectures
from core.places.readings import looks_like_romaji, romaji_variants
from ingest.parse import parse_article

SEED = Path(__file__).resolve().parent.parent / "corpus" / "chatgpt_jichitai_katsuyo_jirei_62.txt"


@pytest.fixture(scope="module")
def cases():
    return parse_article(SEED.read_text(encoding="utf-8")).cases


@pytest.fixture(scope="module")
def gaz(cases) -> Gazetteer:
    return Gazetteer.from_cases(cases)


def names(places) -> list[tuple[str, str]]:
    return [(p.name, p.kind) for p in places]


def only(gaz: Gazetteer, question: str):
    places = gaz.resolve(question)
    assert len(places) == 1, (question, places)
    return places[0]


# --- romaji ------------------------------------------------------------------------------------

@pytest.mark.parametrize("kana, expected", [
    ("ヨコスカ", {"yokosuka"}),
    ("トウキョウ", {"tokyo", "toukyou"}),
    ("オオサカ", {"osaka", "oosaka"}),
    ("ミヤコノジョウ", {"miyakonojo", "miyakonojou"}),
    ("ニッコウ", {"nikko", "nikkou"}),
    ("ツクバ", {"tsukuba"}),
    ("シマダ", {"shimada"}),
    ("ほっかいどう", {"hokkaido", "hokkaidou"}),
])
def test_romaji_variants(kana, expected):
    assert set(romaji_variants(kana)) >= expected


def test_looks_like_romaji():
    assert all(map(looks_like_romaji, ["sapporo", "kyoto", "minato", "shimbashi", "matcha"]))
    assert not any(map(looks_like_romaji, ["the", "which", "big", "capital", "model"]))


# --- the article's municipalities ----------------------------------------------------------

@pytest.mark.parametrize("question", [
    "Yokosuka", "How does Yokosuka City use ChatGPT?", "Yokosuka-shi", "city of Yokosuka",
    "YOKOSUKA's pilot", "横須賀", "横須賀の事例", "横須賀市役所", "神奈川県横須賀市", "よこすか",
    "ヨコスカシ",
])
def test_yokosuka(gaz, question):
    p = only(gaz, question)
    assert (p.name, p.kind, p.prefecture) == ("横須賀市", "municipality", "神奈川県")
    assert p.case_ids == ("神奈川県横須賀市",)


@pytest.mark.parametrize("question, case_id", [
    ("Atsugi", "神奈川県厚木市"),
    ("Atsugi city", "神奈川県厚木市"),
    ("厚木市", "神奈川県厚木市"),
    ("Tsukuba", "茨城県つくば市"),
    ("tsukuba-shi", "茨城県つくば市"),
    ("つくば", "茨城県つくば市"),
    ("つくば市", "茨城県つくば市"),
    ("Edogawa ward", "東京都江戸川区"),
    ("Edogawa-ku", "東京都江戸川区"),
    ("Edogawa City", "東京都江戸川区"),
    ("江戸川区", "東京都江戸川区"),
    ("えどがわく", "東京都江戸川区"),
    ("Kobe", "兵庫県神戸市"),
    ("Kobe City", "兵庫県神戸市"),
    ("神戸", "兵庫県神戸市"),
    ("こうべ", "兵庫県神戸市"),
    ("Matsusaka", "三重県松阪市"),        # Sudachi reads bare 松阪 as the surname マツザカ
    ("まつさか", "三重県松阪市"),
    ("Miyakonojo", "宮崎県都城市"),
    ("Mitoyo", "香川県三豊市"),
    ("Hirakata", "大阪府枚方市"),
    ("Kadoma", "大阪府門真市"),
    ("Iijima-machi", "長野県飯島町"),
    ("Iijima town", "長野県飯島町"),
    ("Mutsu city", "青森県むつ市"),
    ("Iwaki", "福島県いわき市"),
    ("Nikko", "栃木県日光市"),
    ("Chiyoda City", "東京都千代田区"),
])
def test_municipalities(gaz, question, case_id):
    p = only(gaz, question)
    assert p.kind == "municipality" and p.case_ids == (case_id,)


@pytest.mark.parametrize("question", ["Kasama", "Kasama City", "笠間市", "笹間市", "茨城県笠間市",
                                      "かさま"])
def test_misspelt_heading_resolves_by_its_body(gaz, question):
    p = only(gaz, question)
    assert p.case_ids == ("茨城県笹間市",)
    assert p.prefecture == "茨城県"


# --- prefectures -------------------------------------------------------------------------------

@pytest.mark.parametrize("question", ["Saitama", "saitama prefecture", "Saitama-ken",
                                      "Saitama Prefectural Government", "埼玉", "埼玉県",
                                      "埼玉県庁", "さいたま", "サイタマ"])
def test_saitama(gaz, question):
    p = only(gaz, question)
    assert (p.name, p.kind, p.case_ids) == ("埼玉県", "prefecture", ("埼玉県",))


def test_cases_in_prefecture(gaz, cases):
    assert gaz.cases_in_prefecture("埼玉県") == ("埼玉県", "埼玉県戸田市")
    assert gaz.cases_in_prefecture("Saitama") == ("埼玉県", "埼玉県戸田市")
    assert set(gaz.cases_in_prefecture("大阪府")) == {"大阪府大阪市", "大阪府枚方市", "大阪府門真市"}
    assert gaz.cases_in_prefecture("北海道") == ()
    total = sum(len(gaz.cases_in_prefecture(p.name)) for p in prefectures())
    assert total == sum(1 for c in cases if c.prefecture)


@pytest.mark.parametrize("question", ["Gunma", "gunma-ken", "群馬", "群馬県", "ぐんま"])
def test_gunma(gaz, question):
    p = only(gaz, question)
    assert (p.name, p.case_ids) == ("群馬県", ("群馬県",))
    assert gaz.cases_in_prefecture(p.name) == ("群馬県", "群馬県藤岡市", "群馬県高崎市")


def test_all_47_prefectures_resolve(gaz):
    for pref in prefectures():
        for text in (pref.name, pref.stem, pref.kana, pref.romaji.capitalize(),
                     f"{pref.romaji} prefecture"):
            p = only(gaz, text)
            assert (p.name, p.kind, p.prefecture) == (pref.name, "prefecture", pref.name), text


def test_tokyo(gaz):
    for q in ("Tokyo", "Tōkyō", "Tokyo Metropolitan Government", "東京", "東京都", "東京都庁",
              "都庁", "とうきょう"):
        p = only(gaz, q)
        assert (p.name, p.case_ids) == ("東京都", ("東京都",)), q


# --- ambiguity: 大阪 = 大阪府 or 大阪市 -------------------------------------------------------

def test_osaka_city_versus_osaka(gaz):
    city = only(gaz, "Osaka City")
    assert (city.name, city.kind, city.case_ids) == ("大阪市", "municipality", ("大阪府大阪市",))
    for q in ("大阪市", "Osaka-shi", "大阪府大阪市"):
        assert only(gaz, q).case_ids == ("大阪府大阪市",), q
    for q in ("Osaka", "大阪", "おおさか", "Osaka Prefecture", "Osaka-fu", "大阪府"):
        p = only(gaz, q)
        assert (p.name, p.kind, p.case_ids) == ("大阪府", "prefecture", ()), q
    # A bare name plus "city"/市 elsewhere in the question: both.
    assert names(gaz.resolve("Which cities in Osaka use ChatGPT?")) == [
        ("大阪府", "prefecture"), ("大阪市", "municipality")]
    assert names(gaz.resolve("大阪の市役所")) == [("大阪府", "prefecture"), ("大阪市", "municipality")]


def test_niigata_and_kumamoto(gaz):
    assert names(gaz.resolve("新潟")) == [("新潟県", "prefecture")]
    assert names(gaz.resolve("Niigata")) == [("新潟県", "prefecture")]
    assert only(gaz, "新潟市").case_ids == ("新潟県新潟市",)
    assert only(gaz, "Niigata City").case_ids == ("新潟県新潟市",)
    assert names(gaz.resolve("新潟県と新潟市の違い")) == [("新潟県", "prefecture"),
                                                  ("新潟市", "municipality")]
    assert names(gaz.resolve("熊本の事例")) == [("熊本県", "prefecture")]
    assert only(gaz, "熊本市の事例").case_ids == ("熊本県熊本市",)


# --- places the article has no case for ----------------------------------------------------

@pytest.mark.parametrize("question, name, kind, prefecture", [
    ("Sapporo city", "Sapporo City", "municipality", ""),
    ("What about Sapporo-shi?", "Sapporo City", "municipality", ""),
    ("札幌市", "札幌市", "municipality", ""),
    ("札幌市の事例はありますか", "札幌市", "municipality", ""),
    ("北海道札幌市", "札幌市", "municipality", "北海道"),
    ("横浜市役所", "横浜市", "municipality", ""),
    ("港区", "港区", "municipality", ""),
    ("葉山町", "葉山町", "municipality", ""),
    ("さいたま市", "さいたま市", "municipality", "埼玉県"),
    ("Saitama city", "さいたま市", "municipality", "埼玉県"),
    ("Kyoto", "京都府", "prefecture", "京都府"),
    ("京都市", "京都市", "municipality", "京都府"),
    ("Kyoto city", "京都市", "municipality", "京都府"),
    ("Fukuoka prefecture", "福岡県", "prefecture", "福岡県"),
    ("Minato ward", "Minato Ward", "municipality", ""),
    ("総務省", "総務省", "national", ""),
    ("Ministry of Health", "厚生労働省", "national", ""),
])
def test_places_without_cases(gaz, question, name, kind, prefecture):
    p = only(gaz, question)
    assert (p.name, p.kind, p.prefecture, p.case_ids) == (name, kind, prefecture, ())


# --- national bodies ---------------------------------------------------------------------------

@pytest.mark.parametrize("question, case_id", [
    ("the Digital Agency", "デジタル庁"),
    ("Japan's Digital Agency", "デジタル庁"),
    ("デジタル庁", "デジタル庁"),
    ("MAFF", "農林水産省"),
    ("Ministry of Agriculture", "農林水産省"),
    ("Ministry of Agriculture, Forestry and Fisheries", "農林水産省"),
    ("農水省", "農林水産省"),
    ("MEXT", "文部科学省"),
    ("Ministry of Education", "文部科学省"),
    ("文科省", "文部科学省"),
    ("METI", "経済産業省"),
    ("Ministry of Economy", "経済産業省"),
    ("経済産業省", "経済産業省"),
])
def test_national(gaz, question, case_id):
    p = only(gaz, question)
    assert (p.kind, p.prefecture, p.case_ids) == ("national", "", (case_id,))


# --- things that are not (these) places ----------------------------------------------------

@pytest.mark.parametrize("question", [
    "China", "中国", "中国地方の事例", "中国でのChatGPT規制", "Chugoku", "関東", "Kanto",
    "Mieko Tanaka", "the city", "which ward", "home town", "a small village",
    "市区町村の事例", "各市町村の取り組み", "区役所", "同市では", "政令市", "大都市", "城下町",
    "田中市長", "それならば", "みえる", "富士山", "日光浴", "横須賀線", "Mt. Fuji", "mof",
])
def test_not_places(gaz, question):
    assert gaz.resolve(question) == (), question


def test_a_bare_name_before_a_scope_word_in_kanji(gaz):
    # 「熊本以外」, 「福岡全体」: 以外 / 全体 do not glue to the name the way 山 does in 富士山
    assert names(gaz.resolve("福岡と熊本以外")) == [("福岡県", "prefecture"), ("熊本県", "prefecture")]
    assert names(gaz.resolve("茨城全体")) == [("茨城県", "prefecture")]
    assert gaz.resolve("富士山以外") == ()


def test_no_match_inside_other_words(gaz):
    assert names(gaz.resolve("東京都")) == [("東京都", "prefecture")]      # not 京都
    assert names(gaz.resolve("Mie")) == [("三重県", "prefecture")]
    assert gaz.resolve("Mieko") == ()


# --- several places, order, matched text ----------------------------------------------------

def test_several_places_in_order(gaz):
    places = gaz.resolve("横須賀市と厚木市、それにSaitamaの違いは？")
    assert [p.name for p in places] == ["横須賀市", "厚木市", "埼玉県"]
    assert [p.matched for p in places] == ["横須賀市", "厚木市", "Saitama"]
    assert names(gaz.resolve("Yokosuka (横須賀市)")) == [("横須賀市", "municipality")]


def test_prefecture_in_front_of_its_municipality(gaz):
    places = gaz.resolve("東京の千代田区")
    assert [p.name for p in places] == ["東京都", "千代田区"]
    p = only(gaz, "東京都千代田区")
    assert p.case_ids == ("東京都千代田区",)


def test_prefecture_prefix_still_works():
    assert prefecture_prefix("神奈川県横須賀市").name == "神奈川県"


# --- speed -------------------------------------------------------------------------------------

def test_speed(cases):
    t = time.perf_counter()
    g = Gazetteer.from_cases(cases)
    assert time.perf_counter() - t < 1.0
    questions = ["横須賀市の事例を教えて", "How does Osaka City use ChatGPT?", "札幌市はありますか",
                 "MAFF and the Digital Agency"] * 50
    t = time.perf_counter()
    for q in questions:
        g.resolve(q)
    assert (time.perf_counter() - t) / len(questions) < 0.005
