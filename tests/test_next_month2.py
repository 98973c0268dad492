"""Issue 16 on a second next-month article (tests/qa/tune/next_month2_article.txt): questions
about cases on topics no knowledge file names find them by their own words — a place name that
holds a region's name, English words through the glossary and the dictionary, the kana the
article spells a word in. Real e5 model, real Chroma."""

import pytest

from conftest import bot_over

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def bot(next_month2_e5_dir, e5):
    return bot_over(next_month2_e5_dir, e5)


def cases(answer):
    return [c.case for c in answer.citations]


def test_a_city_whose_name_holds_a_regions_name_is_the_city(bot):
    # 北九州市 holds 九州: the question is about the city, not about Kyushu's cities
    answer = bot.ask("北九州市では、所有者から連絡があった割合はどう変わりましたか？")
    assert cases(answer)[:1] == ["福岡県北九州市"]
    assert "19%" in answer.text
    # the region on its own is still the region
    assert "福岡県北九州市" in cases(bot.ask("九州の事例は？"))


def test_a_glossary_word_of_several_tokens_is_not_matched_by_its_one_character_part(bot):
    # "foreign" is 外国人: 人 alone would let every sentence about 住民 and 人 in
    answer = bot.ask("Which cases mention foreign residents?")
    assert sorted(cases(answer)) == ["静岡県焼津市", "香川県三豊市"]


def test_a_word_is_found_in_the_kana_the_article_writes_it_in(bot):
    # the question writes 癌, the article がん
    answer = bot.ask("癌検診の受診率を上げた自治体は？")
    assert cases(answer) == ["宮城県仙台市"]


def test_the_article_words_a_dictionary_glosses_with_an_english_word():
    from core import dictionary

    index = dictionary.gloss_index(["水道", "防災", "選考", "検診", "かける", "採用"])
    assert dictionary.glossed("water", index) == ("水道",)         # "water supply"
    assert dictionary.glossed("disaster", index) == ("防災",)      # "disaster preparedness"
    assert "検診" in dictionary.glossed("screenings", index)       # "health screening", inflected
    assert "採用" in dictionary.glossed("recruit", index)          # the noun: "recruitment"
    # a verb's gloss ("to throw (e.g. water) onto") names another thing
    assert "かける" not in dictionary.glossed("water", index)


@pytest.mark.parametrize("question, expected", [
    # "water" is 水 to the dictionary; the article writes 水道 ("water supply")
    ("Which cities use generative AI for their water utility?", ["北海道旭川市"]),
    # "cancer" is JMdict's ガン / 癌, the article's がん; "screening" its 検診
    ("Which cities used ChatGPT to encourage people to get cancer screenings?", ["宮城県仙台市"]),
    # "slogans" is the glossary's キャッチコピー, "catchphrases" the article's キャッチフレーズ
    ("Which organisations use AI to come up with slogans or catchphrases?", ["徳島県", "滋賀県"]),
])
def test_english_words_reach_the_words_a_new_case_writes(bot, question, expected):
    assert sorted(cases(bot.ask(question))) == sorted(expected)


def test_a_facet_a_word_names_in_passing_gives_way_to_the_cases_that_say_it(bot):
    # "school" names 'Schools / education', whose one case (那覇市) says nothing of nurseries
    answer = bot.ask("Which municipalities answer parents' questions about nursery school admission with AI?")
    assert cases(answer) == ["東京都世田谷区"]
    # a facet whose cases say the question's other words still lists them
    governors = cases(bot.ask("Which prefectures' governors are named in the article as commenting on "
                              "or announcing ChatGPT use?"))
    assert {"青森県", "鳥取県", "山口県"} <= set(governors)


@pytest.mark.parametrize("question, case, detail", [
    # the bare name is the prefecture's and the city's; the article's only case there is the city
    ("How much will Nara's new signboards cost?", "奈良県奈良市", "3,600万円"),
    ("奈良はいくつの案内板を掛け替えますか？", "奈良県奈良市", "120か所"),
])
def test_a_bare_name_means_the_same_named_city_when_it_is_the_prefectures_only_case(bot, question, case, detail):
    answer = bot.ask(question)
    assert cases(answer)[:1] == [case] and detail in answer.text + answer.citations[0].passage


def test_a_prefecture_named_with_its_suffix_or_with_several_cases_is_still_the_prefecture(bot):
    # 奈良県 written out is the prefecture, which has no case of its own
    assert not bot.ask("奈良県の費用はいくらですか？").citations
    # 大阪府 has no case of its own, so bare "Osaka" is its same-named city (as a follow-up's
    # "Kumamoto?" is 熊本市), though the prefecture holds two more cases; 「大阪府」 is not
    assert [c.case for c in bot.ask("What does Osaka plan to use generative AI for?").citations][:1] == ["大阪府大阪市"]
    assert not bot.ask("大阪府の費用はいくらですか？").citations


def test_a_verb_of_the_cases_asked_for_is_not_a_request_for_a_table(bot):
    # 「分類している自治体」 asks which cases classify something (none do), not for a breakdown
    answer = bot.ask("道路の損傷の通報をAIで分類している自治体は？")
    assert answer.table is None and not answer.citations
    assert bot.ask("用途で分類すると？").table is not None


def test_a_facet_answer_to_a_question_with_no_list_word_is_narrowed_like_a_list(bot):
    # 「…サービスは？」 names no list word, yet is answered with a facet's cases: スマートフォン,
    # which few of them say, narrows it as it narrows 「…サービスを使う自治体は？」
    answer = bot.ask("スマートフォンから使える住民向けのサービスは？")
    assert sorted(cases(answer)) == ["東京都世田谷区", "香川県三豊市"]


def test_the_command_line_answers_the_same(next_month2_e5_dir):
    # `chatbot ask --json` runs the same pipeline: the new topic through the reversed dictionary
    from test_open_lists import ask_json

    water = ask_json(next_month2_e5_dir, "Which cities use generative AI for their water utility?")
    assert [c["case"] for c in water["citations"]] == ["北海道旭川市"]
    nara = ask_json(next_month2_e5_dir, "How much will Nara's new signboards cost?")
    assert nara["citations"][0]["case"] == "奈良県奈良市"


def test_a_time_said_to_have_halved_answers_how_much_time(bot):
    # 「時間は以前の半分ほどになった」 is a statement of time saved, not "does not state"
    answer = bot.ask("How much time does writing a book introduction take in Kanazawa now?")
    assert cases(answer)[:1] == ["石川県金沢市"] and "半分" in answer.text
    assert "does not state" not in answer.text


def test_a_facet_beside_a_topic_no_case_writes_is_no_such_case(bot):
    # "draft … letters" names 'Drafting documents', but reminder / overdue / taxes, which JMdict
    # knows as 備忘 / 未払い / 税, are in no case: the article has no such case, not every draft
    answer = bot.ask("Which city uses ChatGPT to draft reminder letters for overdue taxes?")
    assert not answer.citations
    # a word the dictionary lacks or an adverb is no topic: the facet still answers
    assert cases(bot.ask("Which cases use ChatGPT to draft documents?"))
