"""Answer policy on the real article, the real e5 model and a real Chroma."""
import pytest

from chatbot import Filters

pytestmark = pytest.mark.model


def cases(answer):
    return [c.case for c in answer.citations]


def test_list_is_complete_and_minds_polarity(shared_e5_bot):
    ja = shared_e5_bot.ask("外部向けの利用を禁止している県は？")
    en = shared_e5_bot.ask("Which prefectures ban external-facing use?")
    expected = {"広島県", "山口県", "島根県", "千葉県庁"}
    assert set(cases(ja)) == expected == set(cases(en))
    # Fukushima and Shizuoka use it to draft external mail/greetings: the opposite polarity.
    assert "福島県庁" not in cases(ja) and "静岡県" not in cases(ja)
    assert ja.kind == "list" and "4 件" in ja.text
    assert en.lang == "en" and "match" in en.text


def test_every_citation_quotes_its_case_verbatim(shared_e5_bot):
    retriever = shared_e5_bot.retriever()
    by_title = {c.title: c for c in retriever.cases.values()}
    for q in ("個人情報の入力を禁止している市は？", "Who uses Azure OpenAI Service?",
              "How much time did Atsugi save per task?"):
        answer = shared_e5_bot.ask(q)
        assert answer.citations
        for c in answer.citations:
            assert c.passage in by_title[c.case].sentences
            assert f"[{c.marker}]" in answer.text and c.passage in answer.text


def test_level_words_pick_prefectures_or_cities(shared_e5_bot):
    prefectures = shared_e5_bot.ask("個人情報の入力を禁止している県はどこ？")
    cities = shared_e5_bot.ask("Which cities forbid entering personal information?")
    assert prefectures.citations and all(c.level == "都道府県" for c in prefectures.citations)
    assert cities.citations and all(c.level == "市区町村" for c in cities.citations)


def test_count_question_states_the_number(shared_e5_bot):
    answer = shared_e5_bot.ask("How many prefectures ban external-facing use?")
    assert answer.kind == "count" and len(answer.citations) == 4
    assert "4" in answer.text.splitlines()[0]


def test_english_place_names_reach_japanese_cases(shared_e5_bot):
    atsugi = shared_e5_bot.ask("How much time did Atsugi save?")
    assert cases(atsugi)[0] == "神奈川県厚木市"
    assert any("21分" in c.passage for c in atsugi.citations)
    kasama = shared_e5_bot.ask("What did Kasama's PR office ask ChatGPT to do?")
    assert cases(kasama)[0] == "茨城県笹間市"   # heading 笹間市, body 笠間市


def test_place_not_in_the_article_abstains_with_related(shared_e5_bot):
    answer = shared_e5_bot.ask("Is the Okinawa prefectural government using ChatGPT?")
    assert answer.citations == () and answer.kind == "none"
    assert "沖縄県" in answer.text
    assert [r["case"] for r in answer.related] == ["沖縄県那覇市"]
    assert shared_e5_bot.ask("札幌市はChatGPTをどう使っていますか？").citations == ()


@pytest.mark.parametrize("question", ["What's the weather forecast for Tokyo tomorrow?",
                                      "肉じゃがのおいしい作り方を教えてください。",
                                      "防災訓練の計画づくりにChatGPTを使っている自治体は？"])
def test_off_topic_or_absent_topic_abstains(shared_e5_bot, question):
    answer = shared_e5_bot.ask(question)
    assert answer.citations == ()
    assert "ありません" in answer.text or "no case" in answer.text


def test_not_stated_is_not_no(shared_e5_bot):
    answer = shared_e5_bot.ask("宮崎県は著作権について何かルールを定めていますか？")
    assert cases(answer)[:1] == ["宮崎県"]
    assert "記述はありません" in answer.text and "いいえ" in answer.text


def test_ui_filters_narrow_retrieval(shared_e5_bot):
    answer = shared_e5_bot.ask("個人情報の入力を禁止している自治体は？", Filters(region="中国"))
    assert answer.citations and all(c.region == "中国" for c in answer.citations)


def test_question_is_echoed_as_typed(shared_e5_bot):
    q = "厚木市はどれくらい短縮できましたか？"
    assert shared_e5_bot.ask(q).question == q


# --- the question picks the sentences (issue 9) --------------------------------------------------

@pytest.mark.parametrize("question, case, detail", [
    ("What does Sagamihara's trial limit the information to?", "神奈川県相模原市", "公開済の情報等に限定"),
    ("山形県庁は試験運用をあと何カ月続けますか？", "山形県庁", "1カ月"),
    ("佐賀県の試験利用では何週間後の反応が紹介されていますか？", "佐賀県", "2週間"),
    ("How many departments were involved in Naha's generative AI verification?", "沖縄県那覇市", "16の部局"),
    ("Who is the Niigata governor that announced the prefecture would use ChatGPT?", "新潟県", "花角知事"),
    ("飯島町ではどの部署がChatGPTを試験運用していますか？", "長野県飯島町", "企画政策課"),
])
def test_a_named_place_and_a_facet_word_quote_the_sentence_that_answers(shared_e5_bot, question, case, detail):
    answer = shared_e5_bot.ask(question)
    assert cases(answer)[0] == case
    first_line = answer.text.splitlines()[0]
    assert detail in first_line or detail in answer.citations[0].passage


def test_the_first_line_answers_in_the_users_language(shared_e5_bot):
    ja = shared_e5_bot.ask("相模原市の試験で使う情報は何に限定されていますか？")
    assert ja.text.startswith("相模原市：") and ja.text.splitlines()[0].endswith("[1]")
    en = shared_e5_bot.ask("What does Sagamihara's trial limit the information to?")
    assert en.text.startswith("Sagamihara City (相模原市): 「") and "公開済の情報等に限定" in en.text.splitlines()[0]
    listed = shared_e5_bot.ask("外部向けの利用を禁止している県は？")
    assert listed.text.splitlines()[0].startswith("記事で都道府県のうち") and "4 件" in listed.text


# --- the article's structure as scope ---------------------------------------------------------------

@pytest.mark.parametrize("question, expected", [
    ("中国地方の事例は？", {"広島県", "山口県", "鳥取県", "島根県"}),
    ("中国の事例をすべて挙げてください。", {"広島県", "山口県", "鳥取県", "島根県"}),
    ("Which cases are in the Shikoku region?", {"愛媛県", "香川県三豊市"}),
    ("四国と九州の県は？", {"愛媛県", "佐賀県", "宮崎県"}),
    ("Which cities in Kyushu have cases?", {"宮崎県都城市", "福岡県古賀市", "熊本県熊本市", "沖縄県那覇市"}),
    ("List every national ministry or government agency in the article.",
     {"農林水産省", "文部科学省", "経済産業省", "デジタル庁"}),
    ("Which towns have a case of their own?", {"長野県飯島町"}),
    ("関東の区の事例は何件？", {"東京都江戸川区", "東京都千代田区", "東京都練馬区"}),
    ("How many entries come from Ibaraki and Gunma combined?",
     {"茨城県庁", "茨城県つくば市", "茨城県笹間市", "群馬県庁", "群馬県藤岡市", "群馬県高崎市"}),
])
def test_regions_levels_and_kinds_list_every_case_in_scope(shared_e5_bot, question, expected):
    assert set(cases(shared_e5_bot.ask(question))) == expected


# --- kinds of statement and stated figures ------------------------------------------------------------

def test_lists_over_who_is_quoted_firsts_and_figures(shared_e5_bot):
    governors = set(cases(shared_e5_bot.ask("Which prefectures' governors are named in the article?")))
    assert governors == {"青森県", "新潟県", "神奈川県庁", "埼玉県庁", "栃木県庁", "山口県", "鳥取県"}
    assert set(cases(shared_e5_bot.ask("課長の発言が紹介されている事例は？"))) == {"千葉県松戸市", "群馬県藤岡市"}
    assert "神奈川県横須賀市" in cases(shared_e5_bot.ask("Which cases are described as a nationwide first?"))
    assert set(cases(shared_e5_bot.ask("Which cases say more than 1,000 staff can use ChatGPT?"))) == \
        {"東京都庁", "埼玉県庁", "滋賀県"}
    assert set(cases(shared_e5_bot.ask("利用する職員数が50人未満と明記されている事例は？"))) == \
        {"神奈川県庁", "群馬県高崎市", "鳥取県"}


# --- English without a glossary gate, and calibrated abstention ---------------------------------------

def test_english_that_names_a_case_is_answered_whatever_its_other_words(shared_e5_bot):
    answer = shared_e5_bot.ask("What kind of documents is the farm ministry concentrating on simplifying?")
    assert cases(answer)[0] == "農林水産省" and "公開されている文書" in answer.text
    assert cases(shared_e5_bot.ask("Which city in Saitama launched a research project that will publish "
                                   "a guide?")) == ["埼玉県戸田市"]


@pytest.mark.parametrize("question, words", [
    ("Which municipality uses Anthropic's Claude?", "Claude"),
    ("Which local government uses ChatGPT to answer parents' childcare questions?", "no case"),
    ("ChatGPTの利用ルールに違反した職員への罰則や処分を定めている自治体はありますか？", "ありません"),
    ("What's the head count of staff taking part in Chiba's prefectural ChatGPT trial?", "does not state"),
    ("How much will Nerima be paying per month once it switches to the paid version?", "does not state"),
])
def test_what_the_article_does_not_have_is_not_answered(shared_e5_bot, question, words):
    answer = shared_e5_bot.ask(question)
    assert answer.citations == () and words in answer.text
