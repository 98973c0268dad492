"""Issue 17, the fifteenth tuning set's conversations (tests/qa/tune/conversations15.jsonl): a
region written in romaji inside a Japanese question, 「他に…」 after one case, and a prefecture's
office left out of a list (its case, not every case of the prefecture)."""
from __future__ import annotations

import pytest

SUMMARY = "要約に使っている自治体は？"


def cases(answer):
    return [c.case for c in answer.citations]


def talk(bot, *questions):
    return bot.converse(list(questions))


@pytest.mark.model
def test_a_region_in_romaji_inside_a_japanese_question_is_the_region(shared_e5_bot):
    # 「Kansaiで」: the ASCII name's edge is the Japanese particle, not a letter
    kansai = cases(shared_e5_bot.ask("Kansaiの事例は？"))
    assert set(kansai) == {"大阪府大阪市", "大阪府枚方市", "大阪府門真市", "滋賀県", "三重県松阪市",
                           "三重県伊賀市", "三重県桑名市", "兵庫県神戸市"}
    minutes, no_hyogo, no_mie = talk(shared_e5_bot, "Kansaiで議事録の作成に使っているところは？",
                                     "兵庫以外で", "三重も除いて")
    assert set(cases(minutes)) == {"大阪府大阪市", "三重県伊賀市", "兵庫県神戸市"}
    assert set(cases(no_hyogo)) == {"大阪府大阪市", "三重県伊賀市"}
    assert set(cases(no_mie)) == {"大阪府大阪市"}


@pytest.mark.model
def test_other_cases_with_a_topic_of_their_own_after_one_case_leave_that_case_out(shared_e5_bot):
    # 「他に全国初の取り組みをした自治体は？」 after 横須賀市: the question its own words ask, less 横須賀市
    one, others = talk(shared_e5_bot, "横須賀市は全国で初めて何をした？", "他に全国初の取り組みをした自治体は？")
    assert cases(one) == ["神奈川県横須賀市"]
    assert {"兵庫県神戸市", "宮崎県都城市", "大阪府大阪市"} <= set(cases(others))
    assert "神奈川県横須賀市" not in cases(others)
    # 「ほかの自治体も試せるの？」 asks a detail of the case shown, not a list
    _, detail = talk(shared_e5_bot, "都城市は何を開発している？", "ほかの自治体も試せるの？")
    assert set(cases(detail)) == {"宮崎県都城市"}


@pytest.mark.model
@pytest.mark.parametrize("first, more, expected", [
    ("富士市はBardも使っている？", "他にそういうところは？", {"富山県"}),
    ("横須賀市は全国初？", "他にそういう自治体は？", {"兵庫県神戸市", "宮崎県都城市", "大阪府大阪市"}),
])
def test_others_like_that_after_one_case_ask_its_question_of_the_other_cases(shared_e5_bot, first, more, expected):
    one, others = talk(shared_e5_bot, first, more)
    assert len(set(cases(one))) == 1
    assert expected <= set(cases(others)) and not set(cases(one)) & set(cases(others))


@pytest.mark.model
def test_leaving_out_a_prefectures_office_leaves_out_its_case_only(shared_e5_bot):
    listed, rest = talk(shared_e5_bot, SUMMARY, "東京都庁と埼玉県庁を除くと？")
    assert {"東京都庁", "埼玉県庁", "東京都江戸川区", "東京都練馬区"} <= set(cases(listed))
    assert {"東京都江戸川区", "東京都練馬区"} <= set(cases(rest))
    assert not {"東京都庁", "埼玉県庁"} & set(cases(rest))
    _, kanto, english = talk(shared_e5_bot, SUMMARY, "関東だけ", "Not the Tokyo Metropolitan Government.")
    assert set(cases(english)) == set(cases(kanto)) - {"東京都庁"}


@pytest.mark.model
def test_a_place_swap_after_a_level_narrowing_keeps_the_level_also_turns_later(shared_e5_bot):
    # 要約 → 関東だけ → 区を除いて → その中で県は？ → 東北では？: the same question, prefectures of 東北
    *_, prefs, tohoku = talk(shared_e5_bot, SUMMARY, "関東だけ", "区を除いて", "その中で県は？", "東北では？")
    assert set(cases(prefs)) == {"東京都庁", "神奈川県庁", "埼玉県庁", "栃木県庁"}
    assert set(cases(tohoku)) == {"山形県庁", "宮城県", "福島県庁"}
    *_, cities = talk(shared_e5_bot, "Which places use it for summaries?", "Only Kanto.", "Only the cities.",
                      "What about Tohoku?")
    assert cases(cities) == ["青森県むつ市"]


@pytest.mark.model
def test_a_condition_with_no_word_for_cases_after_a_long_list_narrows_it(shared_e5_bot):
    # 「研修をしているのは？」 right after Kanto's cities: which of them (not every case in Japan that
    # trains staff), and 「条例を作ったのは？」 is not a detail of the first eight cases on screen
    *_, cities, training = talk(shared_e5_bot, "関東の事例は？", "そのうち市は？", "研修をしているのは？")
    assert set(cases(training)) and set(cases(training)) <= set(cases(cities))
    kanto, rules = talk(shared_e5_bot, "関東の事例は？", "条例を作ったのは？")
    assert set(cases(rules)) <= set(cases(kanto)) and "千葉県松戸市" in cases(rules)
    # none of them: the question of its own
    _, survey = talk(shared_e5_bot, "九州の事例は？", "アンケートをしたのは？")
    assert {"新潟県新潟市", "滋賀県", "広島県"} <= set(cases(survey))


@pytest.mark.model
def test_what_is_set_aside_is_left_out(shared_e5_bot):
    # "Kobe and Kumamoto aside, which?", "Kanto aside?", "Tokyo aside, which …?": an exclusion
    first, aside = talk(shared_e5_bot, "Which places use it for translation?", "Kanto aside?")
    assert {"東京都庁", "茨城県つくば市", "栃木県庁"} <= set(cases(first))
    assert set(cases(aside)) == set(cases(first)) - {"東京都庁", "茨城県つくば市", "栃木県庁"}
    _, two = talk(shared_e5_bot, "Which places use it for translation?", "Kobe aside, which?")
    assert set(cases(two)) == set(cases(first)) - {"兵庫県神戸市"}
    for alone in ("Tokyo aside, which places use it for translation?",
                  "Aside from Tokyo, which places use it for translation?"):
        found = cases(shared_e5_bot.ask(alone))
        assert "東京都庁" not in found and "大阪府門真市" in found
