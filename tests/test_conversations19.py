"""Issue 17, the nineteenth tuning set's classes (tests/qa/tune/conversations19.jsonl): a yes/no
question about one case (「広島県は外部向けの資料に使える？」) hands the next turn the rule its answer
stated, not the use the question named — 「それ以外の県だと？」, 「ほかに同じルールの自治体は？」, a place
swap 「じゃあ島根県は？」 and a follow-up that only repeats its words ask for that rule; 「それ以外の中国地方
の県だと？」 keeps the place it names; 「その中身は？」 is no 「その中」 narrowing and 「各課に広げる」 no
widening."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from conftest import ROOT

SAME_RULE = {"千葉県庁", "広島県", "山口県", "島根県"}      # no use for external documents


def cases(answer):
    return [c.case for c in answer.citations]


def talk(bot, *questions):
    return bot.converse(list(questions))


@pytest.mark.model
def test_a_yes_no_question_hands_on_the_rule_its_answer_stated(shared_e5_bot):
    one, rest = talk(shared_e5_bot, "広島県は外部向けの資料に使える？", "それ以外の県だと？")
    assert cases(one)[:1] == ["広島県"]
    assert set(cases(rest)) == SAME_RULE - {"広島県"}           # not the drafting facet's cases
    assert "外部向け利用の禁止" in rest.understood_as


@pytest.mark.model
def test_the_same_rule_elsewhere(shared_e5_bot):
    _, same = talk(shared_e5_bot, "島根県は対外的な資料にChatGPTを使える？", "ほかに同じルールの自治体は？")
    assert SAME_RULE - {"島根県"} <= set(cases(same)) and "島根県" not in cases(same)
    assert "ガイドライン" not in same.understood_as          # 「ルール」 points at the case's rule
    _, shimane = talk(shared_e5_bot, "山口県はAIの回答を外部への回答にそのまま使える？", "じゃあ島根県は？")
    assert cases(shimane)[:1] == ["島根県"] and "対外的な資料" in shimane.citations[0].passage


@pytest.mark.model
def test_a_follow_up_that_repeats_the_question_asks_other_cases(shared_e5_bot):
    _, other = talk(shared_e5_bot, "江戸川区は個人情報を誤って入力したら警告が出る？",
                    "そういう検知の機能があるところはほかにある？")
    assert cases(other)[:1] == ["群馬県庁"] and "東京都江戸川区" not in cases(other)


@pytest.mark.model
def test_the_rest_in_the_place_it_names(shared_e5_bot):
    _, niigata = talk(shared_e5_bot, "長岡市は内部資料の内容を入力してもいい？", "それ以外の新潟県の事例だと？")
    assert cases(niigata) == ["新潟県新潟市"]
    _, chugoku = talk(shared_e5_bot, "千葉県庁は生成物を外部向けに使える？", "それ以外の中国地方の県だと？")
    assert {"広島県", "山口県"} <= set(cases(chugoku)) <= {"広島県", "山口県", "島根県"}


@pytest.mark.model
def test_words_that_only_look_like_list_words(shared_e5_bot):
    *_, guideline = talk(shared_e5_bot, "九州の事例は？", "そのうち県は？", "ガイドラインがあるのは？", "その中身は？")
    assert cases(guideline)[:1] == ["佐賀県"]                 # 「その中身」 is no 「その中」
    _, until = talk(shared_e5_bot, "Which municipality uses ChatGPT to explain technical terms?",
                    "いつまでに各課に広げる予定？")
    assert cases(until)[:1] == ["静岡県島田市"] and "2023年度中" in until.text + until.citations[0].passage
    assert "広げて" not in until.understood_as                # a detail of the case, not a widening


def test_the_rule_handed_on_through_the_cli(e5_index_dir):
    env = {**os.environ, "CHATBOT_DATA_DIR": str(e5_index_dir)}
    p = subprocess.run([sys.executable, "-m", "chatbot.tools.cli", "ask", "--json", "--conversation",
                        "広島県は外部向けの資料に使える？", "それ以外の県だと？"],
                       capture_output=True, text=True, env=env, cwd=ROOT, timeout=600)
    assert p.returncode == 0, p.stderr
    one, rest = [json.loads(line) for line in p.stdout.splitlines()]
    assert [c["case"] for c in one["citations"]][:1] == ["広島県"]
    assert {c["case"] for c in rest["citations"]} == SAME_RULE - {"広島県"}
    assert rest["understood_as"]


@pytest.mark.model
@pytest.mark.parametrize("detail", ["2つ目の詳細は？", "2つ目の事例の概要は？"])
def test_the_details_of_a_case_on_the_list_are_its_case(shared_e5_bot, detail):
    listed, second = talk(shared_e5_bot, "三重県の事例は？", detail)
    assert len(set(cases(listed))) == 3
    # 「詳細」, 「概要」 name no topic a sentence must hold: the case's own answer, never "no such case"
    assert cases(second) and set(cases(second)) == {cases(listed)[1]}
