"""Issue 16 on a twelfth next-month article (tests/qa/tune/next_month12_article.txt): a modal
("must") is how a question is put, not a word a case must write (JMdict's 可い "must" had been
read as 良い: 練馬区's 「結果が良ければ」 was the list). Through the dictionary, `Chatbot` and
`chatbot ask --json`. Real e5 model, real Chroma."""

import json

import pytest

from conftest import bot_over
from core import dictionary
from test_cli import run


def cases(answer):
    return {c.case for c in answer.citations}


def test_an_auxiliary_is_no_word_for_an_english_modal():
    if not dictionary.plans():
        pytest.skip("no JMdict")
    assert dictionary.auxiliary("must") and dictionary.auxiliary("should")
    assert not dictionary.auxiliary("check") and not dictionary.auxiliary("leak")
    assert not {"可い", "可き", "可く"} & set(dictionary.japanese("must"))
    # a prohibition is still read: "must not" is 訳には行かない (an expression, no auxiliary)
    assert "訳には行かない" in dictionary.japanese("must not")
    assert "良い" in dictionary.japanese("good")


@pytest.mark.model
def test_must_is_read_as_should(shared_e5_bot):
    must = shared_e5_bot.ask("Which cases say staff must check the AI's answers?")
    should = shared_e5_bot.ask("Which cases say staff should check the AI's answers?")
    assert cases(must) == cases(should)
    assert "東京都練馬区" not in cases(must)          # 「結果が良ければ」 is no "must"
    assert {"千葉県庁", "山口県"} <= cases(must)


@pytest.fixture(scope="module")
def bot(next_month12_e5_dir, e5):
    return bot_over(next_month12_e5_dir, e5)


@pytest.mark.model
def test_a_new_cases_detail_asked_with_must(bot):
    answer = bot.ask("In Kashiwazaki, who must answer vaccination questions that need a medical judgement?")
    assert cases(answer) == {"新潟県柏崎市"}
    assert "医師や保健師" in answer.text


@pytest.mark.model
def test_ask_json_on_the_new_article(next_month12_e5_dir):
    p = run("--data-dir", str(next_month12_e5_dir), "ask",
            "Which cities use AI for childhood vaccinations?",
            "In Kashiwazaki, who must answer vaccination questions that need a medical judgement?", "--json")
    vaccinations, who = (json.loads(line) for line in p.stdout.splitlines() if line.strip())
    assert {c["case"] for c in vaccinations["citations"]} == {"新潟県柏崎市"}
    assert {c["case"] for c in who["citations"]} == {"新潟県柏崎市"}
    assert "医師や保健師" in who["answer"]
