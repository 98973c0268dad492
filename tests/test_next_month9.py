"""Issue 16 on a ninth next-month article (tests/qa/tune/next_month9_article.txt): lists over
new topics no knowledge file names, asked with two compounds on one head (「国勢調査や統計調査」),
and over a region or a prefecture inside it ("Kyushu or Okinawa") — through `Chatbot` and `chatbot ask --json`. Real e5 model, real Chroma."""
import json

import pytest

from conftest import bot_over
from test_cli import run

pytestmark = pytest.mark.model

KYUSHU = {"佐賀県", "宮崎県", "宮崎県都城市", "福岡県古賀市", "熊本県熊本市", "沖縄県那覇市", "沖縄県浦添市"}


@pytest.fixture(scope="module")
def bot(next_month9_e5_dir, e5):
    return bot_over(next_month9_e5_dir, e5)


def cases(answer):
    return {c.case for c in answer.citations}


def test_two_compounds_on_one_head_one_never_written(bot):
    # 国勢調査 is written, 統計調査 is not: the list is the census case (it crashed with KeyError)
    answer = bot.ask("国勢調査や統計調査にAIを使っている自治体は？")
    assert cases(answer) == {"愛知県豊橋市"}
    assert all("国勢調査" in c.passage for c in answer.citations)


@pytest.mark.parametrize("question", ["Which cases are in Kyushu or Okinawa?", "九州か沖縄の事例は？",
                                      "沖縄と九州の事例は？"])
def test_a_prefecture_named_beside_its_region_adds_to_it(bot, question):
    assert cases(bot.ask(question)) == KYUSHU


@pytest.mark.parametrize("question, expected", [
    # の narrows the region to the prefecture; two prefectures joined are parts of the region
    ("九州の沖縄県の事例は？", {"沖縄県那覇市", "沖縄県浦添市"}),
    ("関東地方のうち東京都や千葉県の事例は？", {"東京都庁", "東京都江戸川区", "東京都千代田区", "東京都練馬区",
                                   "千葉県庁", "千葉県松戸市", "千葉県柏市"}),
])
def test_a_prefecture_inside_its_region_still_narrows_it(bot, question, expected):
    assert cases(bot.ask(question)) == expected


@pytest.mark.parametrize("question, case, detail", [
    ("宇治市の職員の月平均の時間外勤務はどれくらい減りましたか？", "京都府宇治市", "15.2時間"),
    ("How many households can receive Urasoe's benefit payment?", "沖縄県浦添市", "2万8千世帯"),
])
def test_a_detail_of_a_new_case(bot, question, case, detail):
    answer = bot.ask(question)
    assert cases(answer) == {case}
    assert detail in answer.text


def test_ask_json_on_the_new_article(next_month9_e5_dir):
    p = run("--data-dir", str(next_month9_e5_dir), "ask",
            "Which cases are in Kyushu or Okinawa?", "国勢調査や統計調査にAIを使っている自治体は？", "--json")
    kyushu, census = (json.loads(line) for line in p.stdout.splitlines() if line.strip())
    assert {c["case"] for c in kyushu["citations"]} == KYUSHU
    assert {c["case"] for c in census["citations"]} == {"愛知県豊橋市"}
