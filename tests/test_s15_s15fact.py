"""Issue 16 "Details of any kind": a fact question asks its kind of answer (a company, a date,
what is not done) in any register — 「組んでる会社ってどこ？」 as 「連携している企業は？」, 「使っちゃ
ダメな業務は？」 as 「使用禁止の業務は？」, "What are the dates of …" as "Which dates …" — and the
sentence that holds it is quoted first (tests/qa/tune/facts_s15.jsonl, half A). On the real
article, the real e5 model and a real Chroma, through `Chatbot` and `chatbot ask --json`."""
from __future__ import annotations

import json

import pytest

from chatbot.qa.read.asking import forms
from test_cli import run


def quoted(answer, n: int = 1) -> str:
    return " ".join(c.passage for c in answer.citations[:n])


def test_plain_forms_of_colloquial_and_english_wordings():
    # the topic particle 「って」 after a noun, not the 「って」 of a verb (「組んでる」, 「使って」)
    assert forms("日光市と組んでる会社ってどこ？", "ja")[-1] == "日光市と組んでる会社はどこ？"
    assert forms("使っている自治体は？", "ja") == ("使っている自治体は？",)
    assert forms("鳥取県で使っちゃダメな業務は？", "ja")[-1] == "鳥取県で使ってはいけない業務は？"
    assert forms("What are the dates of the trial?", "en")[-1] == "What dates of the trial?"
    assert forms("Which companies worked with Ibaraki?", "en")[-1] == "Which company worked with Ibaraki?"
    # the question as written is always read first
    assert forms("When is the workshop?", "en") == ("When is the workshop?",)


@pytest.mark.model
def test_a_company_asked_colloquially_is_quoted_first(shared_e5_bot):
    # 「組んでる」 matched 「取り組んでいます」 and no company was asked: 「DX化に取り組んでいます」 was quoted
    answer = shared_e5_bot.ask("日光市と組んでる会社ってどこ？")
    assert answer.citations[0].case == "栃木県日光市"
    assert "日本情報通信" in quoted(answer)


@pytest.mark.model
def test_the_dates_of_a_trial_are_a_date(shared_e5_bot):
    # "What are the dates" asked no date: 「試験的に導入すると発表」 (its word "trial") was quoted alone
    answer = shared_e5_bot.ask("What are the dates of Nagano Prefecture's trial?")
    assert answer.citations[0].case == "長野県庁"
    assert "7月21日" in quoted(answer)


@pytest.mark.model
def test_what_is_forbidden_asked_colloquially(shared_e5_bot):
    # 「使っちゃダメ」 is 「使ってはいけない」: the sentence of what it is forbidden for is quoted
    answer = shared_e5_bot.ask("鳥取県でChatGPTを使っちゃダメな業務は？")
    assert answer.citations[0].case == "鳥取県"
    assert "予算編成" in quoted(answer, 3)


@pytest.mark.model
def test_ask_json_quotes_the_company_of_a_colloquial_question(e5_index_dir):
    p = run("--data-dir", str(e5_index_dir), "ask", "日光市と組んでる会社ってどこ？", "--json")
    a = json.loads(p.stdout)
    assert a["citations"][0]["case"] == "栃木県日光市"
    assert "日本情報通信" in a["citations"][0]["passage"]


@pytest.mark.model
def test_a_place_s_city_hall_is_the_place_not_a_name_the_article_lacks(shared_e5_bot):
    # "Hall" was read as a name the article never writes: 「…does not mention Hall」
    answer = shared_e5_bot.ask("When is the workshop at Nikko City Hall?")
    assert answer.citations and answer.citations[0].case == "栃木県日光市"
    assert "7月3日" in answer.text
    # a name the article lacks still is one, written after the place or not
    for question in ("Does Yokosuka City Hall use Copilot?", "When did Nikko City Copilot start?"):
        assert "Copilot" in shared_e5_bot.ask(question).text
