"""Issue 17, the twenty-second tuning set's conversations (tests/qa/tune/conversations22.jsonl):
chats that wander — a list, one case of it, then back to the list (「さっきのリストで他には？」), a
case named right after such a pick, 「さっきの県は？」 after a topic switch, 「その県の他の事例は？」
after one case, 「いや、都庁だけ」 after Tokyo's wards, and a superlative with no measure of its
own (「一番多いのは？」) right after a question about two cases. Real e5 model, real Chroma."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from conftest import ROOT

CHUGOKU = "中国地方の事例は？"


def cases(answer):
    return [c.case for c in answer.citations]


def talk(bot, *questions):
    return bot.converse(list(questions))


@pytest.mark.model
@pytest.mark.parametrize("back", ["さっきのリストで他には？", "OK, back to the list. Which others?"])
def test_back_to_the_list_after_a_pick_is_the_rest_of_it(shared_e5_bot, back):
    *_, picked, rest = talk(shared_e5_bot, CHUGOKU, "鳥取県について教えて", back)
    # (the picked case's own answer since session 19: 鳥取県 alone, each quote of it)
    assert set(cases(picked)) == {"鳥取県"}
    assert set(cases(rest)) == {"広島県", "山口県", "島根県"}


@pytest.mark.model
def test_a_case_named_after_a_pick_is_found_on_the_list_the_pick_narrowed(shared_e5_bot):
    *_, swapped, detail = talk(shared_e5_bot, "Which cases are in Hokuriku-Koshinetsu?", "Tell me about Nagaoka",
                               "What about Niigata City?", "When does it plan the full rollout?")
    assert set(cases(swapped)) == {"新潟県新潟市"}
    assert cases(detail)[0] == "新潟県新潟市" and "2024" in detail.text


@pytest.mark.model
def test_the_earlier_prefecture_after_a_topic_switch(shared_e5_bot):
    *_, earlier = talk(shared_e5_bot, "鳥取県のルールは？", "三豊市は何をしている？", "さっきの県は何人から始める？")
    assert cases(earlier)[0] == "鳥取県" and "30人" in earlier.text


@pytest.mark.model
def test_that_prefecture_after_one_case_is_its_prefecture(shared_e5_bot):
    *_, same = talk(shared_e5_bot, "松戸市のガイドラインは？", "その県の他の事例は？")
    assert cases(same) == ["千葉県庁"]


@pytest.mark.model
def test_the_office_alone_is_the_prefectures_own_case(shared_e5_bot):
    *_, office = talk(shared_e5_bot, "東京都の区の事例は？", "いや、都庁だけ")
    assert set(cases(office)) == {"東京都庁"}


@pytest.mark.model
def test_a_superlative_with_no_measure_ranks_the_two_cases_just_asked(shared_e5_bot):
    *_, most = talk(shared_e5_bot, "東京都庁と埼玉県庁の利用人数は？", "一番多いのは？")
    assert cases(most)[0] == "東京都庁" and "5万人" in most.text
    assert set(cases(most)) <= {"東京都庁", "埼玉県庁"}


def test_back_to_the_list_through_the_cli(e5_index_dir):
    env = {**os.environ, "CHATBOT_DATA_DIR": str(e5_index_dir)}
    p = subprocess.run([sys.executable, "-m", "chatbot.tools.cli", "ask", "--json", "--conversation",
                        CHUGOKU, "鳥取県について教えて", "さっきのリストで他には？"],
                       capture_output=True, text=True, env=env, cwd=ROOT, timeout=600)
    assert p.returncode == 0, p.stderr
    *_, rest = [json.loads(line) for line in p.stdout.splitlines()]
    assert {c["case"] for c in rest["citations"]} == {"広島県", "山口県", "島根県"}
    assert "絞り込み" in rest["understood_as"]


@pytest.mark.model
def test_the_place_asked_of_leads_a_comparison_against_another(shared_e5_bot):
    # 「厚木市と比べて横須賀市は？」 asks of 横須賀市; 「横須賀市と厚木市を比べて」 keeps its own order
    assert cases(shared_e5_bot.ask("厚木市と比べて横須賀市は？"))[0] == "神奈川県横須賀市"
    assert cases(shared_e5_bot.ask("横須賀市と厚木市を比べて"))[0] == "神奈川県横須賀市"
    assert cases(shared_e5_bot.ask("横須賀市と比べて厚木市は？"))[0] == "神奈川県厚木市"
