"""Conversations that hold up (issue 17, tune set tests/qa/tune/conversations13.jsonl): a first
turn asked in plain words finds its list, an English new subject drops the words that say so,
and "What are the cases in …?" lists a prefecture's cases for the follow-up to narrow."""
from __future__ import annotations

import pytest


def cases(answer):
    return [c.case for c in answer.citations]


def talk(bot, *questions):
    return bot.converse(list(questions))


@pytest.mark.model
def test_a_rule_asked_with_a_verb_the_article_lacks_is_still_the_rule(shared_e5_bot):
    # 「気をつける」 (its 気 is written nowhere) and 「決めている」 say how it is asked, not a topic
    # the article lacks: the copyright rule's cases, not "no such case"
    first, outside = talk(shared_e5_bot, "著作権に気をつけるよう決めている自治体は？", "東北以外で")
    assert {"栃木県庁", "静岡県", "鳥取県", "千葉県松戸市"} <= set(cases(first))
    assert "宮城県" not in cases(outside) and {"栃木県庁", "静岡県"} <= set(cases(outside))
    assert len(cases(outside)) < 15          # not every case outside 東北


@pytest.mark.model
def test_an_english_new_subject_is_read_without_the_words_that_open_it(shared_e5_bot):
    *_, platform = talk(shared_e5_bot, "What rules did Miyagi set?", "Who can use it this year?",
                        "Different topic: which city is building a platform that other "
                        "municipalities can try for free?")
    assert cases(platform)[:1] == ["宮崎県都城市"]


@pytest.mark.model
def test_what_are_the_cases_in_a_prefecture_lists_them_for_a_follow_up(shared_e5_bot):
    shizuoka, bard = talk(shared_e5_bot, "What are the cases in Shizuoka?", "Which of them uses Bard as well?")
    assert set(cases(shizuoka)) == {"静岡県", "静岡県島田市", "静岡県富士市"}
    assert set(cases(bard)) == {"静岡県富士市"}


@pytest.mark.model
def test_which_trial_ends_first_ranks_the_ends_not_the_starts(shared_e5_bot):
    # 「一番早く…終わる」 shares 早く with a start ranking, but asks when the trials end
    gunma, first = talk(shared_e5_bot, "群馬県の事例は？", "そのうち一番早く試験が終わるのは？")
    assert set(cases(gunma)) == {"群馬県庁", "群馬県藤岡市", "群馬県高崎市"}
    assert cases(first)[:2] == ["群馬県藤岡市", "群馬県高崎市"] and "終了時期" in first.text
    assert "6月末" in first.citations[0].passage
    ends = shared_e5_bot.ask("Which trial has the latest end?")
    assert cases(ends)[0] == "東京都千代田区" and "finish date" in ends.text     # 「テストは10月まで」


@pytest.mark.model
def test_the_23_of_23ku_names_the_wards_not_a_topic(shared_e5_bot):
    # 「23区」 is Tokyo's wards: its 23 is no word a sentence must hold (only 江戸川区 writes
    # 「23区で初」)
    wards = {"東京都江戸川区", "東京都千代田区", "東京都練馬区"}
    assert set(cases(shared_e5_bot.ask("東京23区の事例は？"))) == wards
    assert set(cases(shared_e5_bot.ask("23区で使っているところは？"))) == wards


@pytest.mark.model
def test_a_which_question_ending_in_tokoro_is_a_list(shared_e5_bot):
    # 「…しているところは？」 asks which places, as 「…している自治体は？」 does: a list, with the
    # cases that write the question's 教育委員会 word for word beside the facet's
    first, outside = talk(shared_e5_bot, "教育委員会や学校の職員にも使わせているところは？", "東京を除くと？")
    assert {"富山県", "長野県飯島町", "沖縄県那覇市"} <= set(cases(first))
    assert {"富山県", "長野県飯島町", "沖縄県那覇市"} <= set(cases(outside))
    assert "東京都庁" not in cases(outside)


@pytest.mark.model
def test_a_verb_no_case_of_the_facet_holds_does_not_narrow_it_away(shared_e5_bot):
    # 「決めている」 is held by none of the 'public information only' cases: narrowing by it left
    # only 栃木県 (「…運用を始めることを決めました」), which is not one of them
    first, city = talk(shared_e5_bot, "公開されている情報だけに使うと決めているところは？", "そのうち市は何を検討している？")
    assert set(cases(first)) == {"農林水産省", "経済産業省", "神奈川県相模原市"}
    # the one city on screen is asked what it is considering (not a list of every city that considers)
    assert set(cases(city)) == {"神奈川県相模原市"} and "運用ルール" in city.text
