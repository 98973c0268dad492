"""Issue 16 on a seventh next-month article (tests/qa/tune/next_month7_article.txt): details of
any kind asked of cases on topics no knowledge file names — how much something grew or shrank,
who does it, in how many languages. Real e5 model, real Chroma."""

import pytest

from conftest import bot_over

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def bot(next_month7_e5_dir, e5):
    return bot_over(next_month7_e5_dir, e5)


def test_how_much_something_grew_is_answered_by_the_multiple_the_case_states(bot):
    # no word of the question is one the article writes (recruits, firefighter): the sentence that
    # states a change (「前の年度の1.5倍の42人になりました」) answers "how much did it increase"
    answer = bot.ask("How much did new firefighter recruits increase in Ishinomaki?")
    assert answer.citations[0].case == "宮城県石巻市"
    assert "1.5倍" in answer.text


def test_who_is_answered_by_a_title_not_by_the_people_the_question_names(bot):
    # 「団員の活動報告をチェックするのは誰？」: 「団員が…吹き込んだ」 names the question's own 団員;
    # 「分団長が確かめて」 says who checks
    answer = bot.ask("石巻市で団員の活動報告をチェックするのは誰？")
    assert "分団長" in answer.text


def test_who_is_answered_by_a_sentence_that_says_who_it_is(bot):
    # 「電話をかけるのは民生委員と市の職員で」 names who calls, in the form of an answer
    answer = bot.ask("熊谷市の見守りコールでは誰が電話をかけているの？")
    assert "民生委員" in answer.text


def test_languages_counted_with_tsu_are_a_number_of_languages(bot):
    # 「6つの言語」 is a number of languages as 「6言語」 is
    answer = bot.ask("宇都宮市の放置自転車の案内は何か国語に対応していますか？")
    assert "6つの言語" in answer.text


def test_whether_the_ai_does_it_is_answered_by_who_does_it(bot):
    # 「審査はAIがするの？」: 「入会できるかどうかの審査は、これまで通り職員が行います」 answers it,
    # not the sentence that repeats most of the question's words (the chat's opening)
    answer = bot.ask("町田市の学童保育の入会審査はAIがするの？")
    assert "職員が行" in answer.text


def test_a_programme_quoted_in_kanji_and_common_katakana_is_no_company(bot):
    # 「見守りコール」 names the city's own calls (コール is a common noun), not a product: 熊谷市
    # names no company; 「まちだシステムズ」 (no kanji) is still one
    answer = bot.ask("Which vendor's AI does Kumagaya use for the watch calls?")
    assert not answer.citations
    assert "熊谷市" in answer.text
    assert "まちだシステムズ" in bot.ask("町田市のチャットを作った会社は？").text


@pytest.mark.parametrize("question", ["How many staff work at Okazaki City Museum?",
                                      "岡崎市美術博物館の職員は何人？"])
def test_a_count_of_visitors_does_not_answer_how_many_staff(bot, question):
    # 「入館者は約1万8千人」「来館者は約3,100人」 count visitors: a staff count's noun is staff
    answer = bot.ask(question)
    assert "1万8千" not in answer.text and "3,100" not in answer.text


def test_a_count_of_visitors_still_answers_how_many_people(bot):
    answer = bot.ask("岡崎市の企画展の来館者は何人？")
    assert "1万8千" in answer.text or "3,100" in answer.text
