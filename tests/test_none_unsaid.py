"""Issue 16: a list question that names a thing the article never writes beside things it does
(「京都大学」 beside 東京大学's 大学, 「警察の捜査」 read as 調査 beside 富山県's 「県警察本部」) is
"no such case", not the cases that hold only the things the article does write; its near twins,
which name only what the article writes, keep their cases — on the real article, the real e5
model and a real Chroma, through `Chatbot` and through `chatbot ask --json`."""
from __future__ import annotations

import pytest

from conftest import ask_json
from conftest import cited as cases

pytestmark = pytest.mark.model


@pytest.mark.parametrize("question", [
    "京都大学と連携して生成AIのシステムを作った自治体は？",            # beside a facet: academic partner
    "警察の捜査にChatGPTを使っている県は？",                          # 捜査 read as 調査
    "補助金の申請をAIが審査している省庁は？",                          # 審査 read as 検討
    "契約書の審査にChatGPTを使っている自治体は？",                    # 松戸市: 「契約に関する情報の入力を禁止」
])
def test_a_thing_the_article_never_writes_is_no_such_case(shared_e5_bot, question):
    assert cases(shared_e5_bot.ask(question)) == set()


@pytest.mark.parametrize("question, case", [
    ("東京大学と連携してChatGPTのシステムを作った自治体は？", "香川県三豊市"),
    ("県警察本部もChatGPTの試験導入に加わった県は？", "富山県"),
    ("補助金申請のマニュアルの改訂にChatGPTを使う省庁は？", "農林水産省"),
    ("小学生のゴルフ大会の結果を知らせる文章をChatGPTで直した自治体は？", "茨城県笹間市"),
    # a word no case writes, said in other words (「長時間勤務」), still answers
    ("職員の残業を減らしたい自治体は？", "大阪府大阪市"),
])
def test_its_near_twin_keeps_its_case(shared_e5_bot, question, case):
    assert case in cases(shared_e5_bot.ask(question))


def test_through_the_cli(e5_index_dir):
    assert not ask_json(e5_index_dir, "京都大学と連携して生成AIのシステムを作った自治体は？")["citations"]
    data = ask_json(e5_index_dir, "東京大学と連携してChatGPTのシステムを作った自治体は？")
    assert {c["case"] for c in data["citations"]} == {"香川県三豊市"}
