"""Conversations that hold up (issue 17, tune set tests/qa/tune/conversations14.jsonl): two things
left out at once, a place swap after a level narrowing, a detail of the one case a narrowing
leaves or a follow-up refers back to, adding a place to the list's own, widening to the
prefecture a list was in, and "first in the prefecture" (県内初) not read as "prefectures"."""
from __future__ import annotations

import pytest

from chatbot.qa.read.where import Scope
from core.cases import LEVEL_MUNICIPALITY, LEVEL_PREFECTURE, Case


def cases(answer):
    return [c.case for c in answer.citations]


def talk(bot, *questions):
    return bot.converse(list(questions))


def _case(title: str, level: str) -> Case:
    return Case(title, title, "", level, "", "", "", 1, "")


def test_leaving_out_a_level_and_a_kind_leaves_out_both():
    # 「県庁と区を除くと」: every prefecture and every ward (the kind only splits municipalities)
    out = Scope(levels=(LEVEL_PREFECTURE, LEVEL_MUNICIPALITY), kinds=("区",))
    assert out.touches("a", _case("千葉県庁", LEVEL_PREFECTURE))
    assert out.touches("b", _case("東京都江戸川区", LEVEL_MUNICIPALITY))
    assert not out.touches("c", _case("千葉県松戸市", LEVEL_MUNICIPALITY))
    assert Scope(without=out).describe("ja") == "都道府県・区以外"
    # one kind alone is as it was: 「市以外」 leaves out the cities only
    cities = Scope(levels=(LEVEL_MUNICIPALITY,), kinds=("市",))
    assert cities.touches("c", _case("千葉県松戸市", LEVEL_MUNICIPALITY))
    assert not cities.touches("a", _case("千葉県庁", LEVEL_PREFECTURE))
    assert not cities.touches("b", _case("東京都江戸川区", LEVEL_MUNICIPALITY))


@pytest.mark.model
def test_two_things_left_out_at_once_after_three_turns(shared_e5_bot):
    *_, left = talk(shared_e5_bot, "個人情報や機密情報の入力を禁止している自治体は？", "関東だけ",
                    "県庁と区を除くと？")
    assert cases(left) and not {"千葉県庁", "東京都江戸川区"} & set(cases(left))
    assert {"千葉県松戸市", "群馬県藤岡市", "群馬県高崎市"} <= set(cases(left))
    assert "都道府県・区以外" in left.understood_as


@pytest.mark.model
def test_an_english_exclusion_with_too_narrows_the_list_on_screen(shared_e5_bot):
    # "too" is no topic: the list on screen without Osaka, not a new question that finds nothing
    *_, left = talk(shared_e5_bot, "Which cases are in Kinki?", "Not Mie.", "Exclude Osaka Prefecture too.")
    assert set(cases(left)) == {"滋賀県", "兵庫県神戸市"}


@pytest.mark.model
def test_a_place_swap_after_a_level_narrowing_keeps_the_level(shared_e5_bot):
    *_, kanagawa = talk(shared_e5_bot, "群馬県の事例は？", "そのうち市は？", "じゃあ神奈川県は？")
    assert set(cases(kanagawa)) == {"神奈川県横須賀市", "神奈川県相模原市", "神奈川県厚木市"}


@pytest.mark.model
def test_a_detail_after_an_exclusion_that_leaves_one_case_is_asked_of_it(shared_e5_bot):
    *_, used = talk(shared_e5_bot, "茨城県の事例は？", "県庁を除くと？", "つくば以外の方は何に使った？")
    assert cases(used)[:1] == ["茨城県笹間市"] and "ゴルフ大会" in used.citations[0].passage
    assert "事例は 1 件" not in used.text          # a detail, not the list of one again


@pytest.mark.model
def test_that_city_after_a_list_of_one_asks_a_detail_of_it(shared_e5_bot):
    *_, since = talk(shared_e5_bot, "LoGoチャットでAIを使っている自治体は？", "区だけにして", "その区はいつから？")
    assert cases(since)[:1] == ["東京都練馬区"] and "7月24日" in since.text
    *_, since = talk(shared_e5_bot, "Which places use LoGo Chat?", "Only the ward.", "When did that ward start?")
    assert cases(since)[:1] == ["東京都練馬区"] and "7月24日" in since.text
    # a case that writes no date: says so of that case, never the list again
    *_, none = talk(shared_e5_bot, "Bardも導入している自治体は？", "そのうち市は？", "その市はいつから？")
    assert "静岡県富士市" in none.text and "件です" not in none.text


@pytest.mark.model
def test_adding_a_region_widens_to_both(shared_e5_bot):
    *_, both = talk(shared_e5_bot, "愛媛県の事例は？", "四国全体では？", "中国地方も入れると？")
    assert set(cases(both)) == {"愛媛県", "香川県三豊市", "広島県", "山口県", "鳥取県", "島根県"}
    assert "四国・中国地方" in both.understood_as
    _, added = talk(shared_e5_bot, "Which places in Kinki use it for translation?", "Add Kyushu.")
    assert set(cases(added)) == {"大阪府門真市", "兵庫県神戸市", "熊本県熊本市"}
    _, prefs = talk(shared_e5_bot, "神奈川県の事例は？", "千葉県も含めて")
    assert {"神奈川県庁", "千葉県庁", "千葉県松戸市"} <= set(cases(prefs))


@pytest.mark.model
def test_widening_to_the_prefecture_the_list_was_in_drops_its_level(shared_e5_bot):
    _, tokyo = talk(shared_e5_bot, "Which wards in Tokyo use ChatGPT?", "And Tokyo as a whole?")
    assert set(cases(tokyo)) == {"東京都庁", "東京都江戸川区", "東京都千代田区", "東京都練馬区"}
    _, kanagawa = talk(shared_e5_bot, "神奈川県の市は？", "神奈川県全体では？")
    assert "神奈川県庁" in cases(kanagawa) and all(c.startswith("神奈川県") for c in cases(kanagawa))


@pytest.mark.model
def test_first_in_the_prefecture_is_not_a_level(shared_e5_bot):
    *_, first = talk(shared_e5_bot, "What cases are there in Shizuoka?", "Only the cities.",
                     "Which of them was the first in the prefecture?")
    assert cases(first) == ["静岡県島田市"]


def test_a_verbs_noun_and_a_verb_inside_a_compound():
    from core.verbs import verb_alone, verb_nouns

    assert verb_nouns("議事録づくりに使う") == {"作り"} and verb_nouns("資料の作成") == set()
    assert not verb_alone("日光市はDX化に取り組んでいます。", "組む")      # 取り組む is not 組む
    assert verb_alone("IT企業と組んで実証実験を行う。", "組む")


@pytest.mark.model
def test_a_first_turn_asked_with_a_verbs_noun_or_a_verb_of_a_compound_finds_its_list(shared_e5_bot):
    # 「づくり」 says how the minutes are asked (a case elsewhere writes 職場作り), and 「組む」 is not
    # the 取り組む of two partner cases: the facet's cases, for the follow-up to narrow
    minutes, cities = talk(shared_e5_bot, "議事録づくりにChatGPTを使う自治体は？", "そのうち市は？")
    assert set(cases(minutes)) == {"青森県むつ市", "長野県庁", "大阪府大阪市", "三重県伊賀市", "兵庫県神戸市"}
    assert set(cases(cities)) == {"青森県むつ市", "大阪府大阪市", "三重県伊賀市", "兵庫県神戸市"}
    partners = cases(shared_e5_bot.ask("企業と組んでいるのは？"))
    assert {"大阪府大阪市", "三重県伊賀市", "宮崎県都城市", "茨城県庁", "栃木県日光市"} <= set(partners)


@pytest.mark.model
def test_a_prefectures_area_lists_its_cases_not_its_governments_case(shared_e5_bot):
    # 「東京都内」: every case in Tokyo, for a follow-up to narrow (「東京都で…」 alone still asks 東京都庁)
    tokyo, wards = talk(shared_e5_bot, "東京都内でChatGPTを使っているところは？", "区だけ")
    assert set(cases(tokyo)) == {"東京都庁", "東京都江戸川区", "東京都千代田区", "東京都練馬区"}
    assert set(cases(wards)) == {"東京都江戸川区", "東京都千代田区", "東京都練馬区"}
    kanagawa = cases(shared_e5_bot.ask("神奈川県内で使っているところは？"))
    assert {"神奈川県横須賀市", "神奈川県相模原市", "神奈川県厚木市"} <= set(kanagawa)
