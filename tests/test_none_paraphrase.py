"""Issue 16: "no such case" only when the article has nothing. A Japanese list question whose
topic word no case writes (残業, 相性, ポイント) is answered by the sentence nearest to it when
that sentence also says the word in its own words (「長時間勤務」, 「親和性」, 「論点」); a topic the
article lacks (給与, 水道, a company it never names) is still "no such case" — on the real article,
the real e5 model and a real Chroma, through `Chatbot` and through `chatbot ask --json`."""
from __future__ import annotations

import pytest

from conftest import ask_json
from conftest import cited as cases

pytestmark = pytest.mark.model


@pytest.mark.parametrize("question, case, said", [
    ("職員の残業を減らしたい自治体は？", "大阪府大阪市", "長時間勤務"),
    ("AIと相性のよい仕事には積極的に使うという方針の県は？", "宮城県", "親和性"),
    ("議論すべきポイントを拾い出すのに使うとしている県は？", "滋賀県", "論点"),
])
def test_a_topic_word_no_case_writes_is_said_in_other_words(shared_e5_bot, question, case, said):
    answer = shared_e5_bot.ask(question)
    assert cases(answer) == {case}
    assert said in answer.citations[0].passage


@pytest.mark.parametrize("question", [
    "職員の給与計算にChatGPTを使っている自治体は？",
    "水道料金の問い合わせにAIで答える自治体は？",
    "NECと組んで生成AIを導入した自治体は？",
    "保育園の入園選考にChatGPTを使っている自治体は？",
])
def test_a_topic_the_article_lacks_is_still_no_such_case(shared_e5_bot, question):
    assert cases(shared_e5_bot.ask(question)) == set()


def test_through_the_cli(e5_index_dir):
    data = ask_json(e5_index_dir, "職員の残業を減らしたい自治体は？")
    assert {c["case"] for c in data["citations"]} == {"大阪府大阪市"}
    assert not ask_json(e5_index_dir, "職員の給与計算にChatGPTを使っている自治体は？")["citations"]
