"""Issue 17, the eighteenth tuning set's classes (tests/qa/tune/conversations18.jsonl and probes
beside it): words that name the list on screen (「さっきのリストのうち」, "from the list above") point
back at it and are no topic; the opposite of a narrowing (「逆にないのは？」, "And the ones that
don't?") is what it left out of the list before it; 「それ以外の県だと？」 / 「他の県は？」 after a fact
about a named case ask its question of the other cases; 「ほかの地方も含めると？」 widens and keeps
the cases shown; a facet asked in the negative names the cases it keeps (no 「記事で以外の事例」)."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from conftest import ROOT

TOKAI = {"静岡県", "静岡県島田市", "静岡県富士市"}
MIE = {"三重県松阪市", "三重県伊賀市", "三重県桑名市"}


def cases(answer):
    return [c.case for c in answer.citations]


def talk(bot, *questions):
    return bot.converse(list(questions))


@pytest.mark.model
@pytest.mark.parametrize("narrowed", ["さっきのリストのうち政令市だけ", "上の一覧から政令市だけ",
                                      "From the list above, only the designated cities."])
def test_words_naming_the_list_are_no_topic(shared_e5_bot, narrowed):
    listed, only = talk(shared_e5_bot, "文章の要約に使っている自治体は？", narrowed)
    assert {"神奈川県相模原市", "兵庫県神戸市"} <= set(cases(listed))
    assert set(cases(only)) == {"神奈川県相模原市", "兵庫県神戸市"}        # not 「リスト」 searched for
    assert "絞り込み" in only.understood_as or "narrowing" in only.understood_as


@pytest.mark.model
def test_the_list_named_after_a_detail_turn_is_narrowed(shared_e5_bot):
    listed, one, cities = talk(shared_e5_bot, "静岡県内の事例は？", "島田市は何に使ってる？",
                               "さっきのリストのうち市だけ")
    assert set(cases(listed)) == TOKAI and set(cases(one)) == {"静岡県島田市"}
    assert set(cases(cities)) == {"静岡県島田市", "静岡県富士市"}


@pytest.mark.model
@pytest.mark.parametrize("opposite", ["逆にないのは？", "逆にガイドラインがないのは？", "And the ones that don't?"])
def test_the_opposite_of_a_narrowing_is_what_it_left_out(shared_e5_bot, opposite):
    listed, having, other = talk(shared_e5_bot, "東海の事例は？", "そのうちガイドラインがあるのは？", opposite)
    assert set(cases(listed)) == TOKAI and set(cases(having)) == {"静岡県", "静岡県富士市"}
    assert cases(other) == ["静岡県島田市"]                  # never the cases on screen, never none
    assert "記事で以外" not in other.text                  # the lead names what is left out


@pytest.mark.model
def test_the_opposite_by_the_verb_of_the_narrowing(shared_e5_bot):
    listed, partnered, alone = talk(shared_e5_bot, "三重県の事例は？", "そのうち企業と組んでいるのは？",
                                    "逆に組んでいないのは？")
    assert set(cases(listed)) == MIE and set(cases(partnered)) == {"三重県伊賀市", "三重県桑名市"}
    assert cases(alone) == ["三重県松阪市"]
    # a negative with words of its own is no opposite: a facet asked in the negative of the list
    *_, banned = talk(shared_e5_bot, "中国地方の事例は？", "個人情報の入力を禁止していないのは？")
    assert cases(banned) == ["鳥取県"]


@pytest.mark.model
@pytest.mark.parametrize("others", ["それ以外の県だと？", "他の県は？"])
def test_other_cases_after_a_fact_about_a_named_case_ask_its_question(shared_e5_bot, others):
    one, rest = talk(shared_e5_bot, "島根県は外部向けの資料に使わないの？", others)
    assert set(cases(one)) == {"島根県"}
    assert set(cases(rest)) == {"千葉県庁", "広島県", "山口県"}        # not every other prefecture
    assert "島根県以外" in rest.understood_as
    # a case asked about with no question of its own: its level's other cases, as before
    _, cities = talk(shared_e5_bot, "横須賀市の取り組みは？", "他の市は？")
    assert len(cases(cities)) > 10 and "神奈川県横須賀市" not in cases(cities)


@pytest.mark.model
def test_adding_the_other_regions_keeps_the_cases_shown(shared_e5_bot):
    team, wider = talk(shared_e5_bot, "中国地方でChatGPTの専門チームを作った県は？", "ほかの地方も含めると？")
    assert cases(team) == ["山口県"]
    assert "山口県" in cases(wider) and "広げて" in wider.understood_as
    # 「他の地域は？」 (nothing added) still asks the cases not on screen
    _, elsewhere = talk(shared_e5_bot, "近畿で議事録の作成に使っている自治体は？", "他の地域は？")
    assert not set(cases(elsewhere)) & {"大阪府大阪市", "三重県伊賀市", "兵庫県神戸市"}


def test_the_opposite_and_the_list_named_through_the_cli(e5_index_dir):
    env = {**os.environ, "CHATBOT_DATA_DIR": str(e5_index_dir)}
    p = subprocess.run([sys.executable, "-m", "chatbot.tools.cli", "ask", "--json", "--conversation",
                        "三重県の事例は？", "そのうち企業と組んでいるのは？", "逆に組んでいないのは？",
                        "さっきのリストのうち桑名市以外は？"],
                       capture_output=True, text=True, env=env, cwd=ROOT, timeout=600)
    assert p.returncode == 0, p.stderr
    listed, partnered, alone, not_kuwana = [json.loads(line) for line in p.stdout.splitlines()]
    assert {c["case"] for c in partnered["citations"]} == {"三重県伊賀市", "三重県桑名市"}
    assert [c["case"] for c in alone["citations"]] == ["三重県松阪市"]
    assert alone["understood_as"]
    assert {c["case"] for c in not_kuwana["citations"]} <= {"三重県松阪市", "三重県伊賀市"}
    assert "三重県桑名市" not in {c["case"] for c in not_kuwana["citations"]}


@pytest.mark.model
@pytest.mark.parametrize("back", ["関東も含めると？", "Include Kanto too."])
def test_adding_back_what_the_list_left_out_widens_to_all(shared_e5_bot, back):
    outside, wider = talk(shared_e5_bot, "関東以外で翻訳に使っている自治体は？", back)
    kanto = {"東京都庁", "茨城県つくば市", "栃木県庁"}
    assert cases(outside) and not set(cases(outside)) & kanto
    assert kanto <= set(cases(wider)) and set(cases(outside)) <= set(cases(wider))   # not 関東 within 関東以外


@pytest.mark.model
@pytest.mark.parametrize("level", ["県も含めると？", "Add the prefectures too."])
def test_adding_a_level_widens_the_list_to_it(shared_e5_bot, level):
    cities, both = talk(shared_e5_bot, "九州の市で個人情報の入力を禁止しているのは？", level)
    assert set(cases(cities)) == {"宮崎県都城市", "福岡県古賀市"}
    assert set(cases(both)) == {"佐賀県", "宮崎県都城市", "福岡県古賀市"}
    assert "広げて" in both.understood_as or "more widely" in both.understood_as


@pytest.mark.model
def test_not_limiting_the_region_widens(shared_e5_bot):
    kinki, everywhere = talk(shared_e5_bot, "近畿で議事録に使っている自治体は？", "地域を限定しないと？")
    assert set(cases(kinki)) == {"大阪府大阪市", "三重県伊賀市", "兵庫県神戸市"}
    assert {"青森県むつ市", "長野県庁"} <= set(cases(everywhere)) and "広げて" in everywhere.understood_as


@pytest.mark.model
@pytest.mark.parametrize("position,case", [("最初のは？", 0), ("Tell me more about the second.", 1),
                                           ("What about the last city on the list?", -1)])
def test_a_position_said_alone_names_a_case_of_the_list(shared_e5_bot, position, case):
    listed, one = talk(shared_e5_bot, "LoGoチャットを使っている自治体は？", position)
    assert len(cases(listed)) == 3
    assert set(cases(one)) == {list(dict.fromkeys(cases(listed)))[case]}


@pytest.mark.model
@pytest.mark.parametrize("rest", ["それ以外の市は？", "And the rest, cities only?"])
def test_the_rest_of_a_level_after_a_narrowing(shared_e5_bot, rest):
    listed, kanto, others = talk(shared_e5_bot, "文章の要約に使っている自治体は？", "そのうち関東の市", rest)
    assert set(cases(kanto)) == {"神奈川県相模原市", "神奈川県厚木市", "群馬県高崎市"}
    assert not set(cases(others)) & set(cases(kanto))             # not the cities on screen again
    assert {"大阪府門真市", "兵庫県神戸市"} <= set(cases(others)) <= set(cases(listed))
    assert all(c.endswith(("市", "区", "町", "村")) for c in cases(others))
