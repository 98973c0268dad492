"""Issue 16, which cases a list holds (session 18): a verb whose object is the facet's own thing
listed with others (「研修・講習・勉強会・体験会などを開く」) says how the facet is had and narrows
nothing; English wording the glossary now reads ("look into" is 検討・調査・検証, "ask staff to
report their use" a request to report, "organise" / "sort out" 整理, "apply first" no first in Japan).
Half-A questions of the tuning sets (questions.jsonl, open_lists11/18/20/24). On the real
article, the real e5 model and a real Chroma, through `Chatbot` and `chatbot ask --json`."""
from __future__ import annotations

import json

import pytest

from test_cli import run

pytestmark = pytest.mark.model


def cases(answer):
    return {c.case for c in answer.citations}


def words(bot, question):
    from chatbot.qa.read import read
    from chatbot.qa.retrieve import Filters

    r = bot.retriever()
    return {t for g in read(r, question, Filters(), None).words.content for t in g}


def test_the_facets_things_listed_before_their_verb_are_no_narrowing():
    from chatbot.qa.evidence.narrowing import _of_the_facet

    # the object of 開く runs over four coordinated nouns and など: longer than one noun's span
    assert _of_the_facet("職員向けの研修・講習・勉強会・体験会などを開く", ("研修",), "開く")
    assert _of_the_facet("研修会や勉強会を開いている", ("研修",), "開く")
    # a particle still ends the noun phrase: 「研修の資料を」 is not the training held
    assert not _of_the_facet("研修の内容をまとめた資料を開く", ("研修",), "開く")


def test_holding_trainings_lists_the_training_cases_not_those_writing_the_verb(shared_e5_bot):
    # it was the four cases writing 開く/開催 (青森県, 江戸川区, 日光市, 愛媛県): 開く narrowed the facet
    asked = "職員向けの研修・講習・勉強会・体験会などを開く（開いた）と書かれている事例を全部教えて。"
    got = cases(shared_e5_bot.ask(asked))
    assert {"埼玉県庁", "東京都庁", "静岡県富士市", "青森県", "東京都江戸川区", "愛媛県"} <= got


def test_glossary_phrases_read_looking_into_and_reporting_use(shared_e5_bot):
    # "looking into" was only the dictionary's 様子 (a look); "report their use" nothing at all
    assert "検討" in words(shared_e5_bot, "Which cases are also looking into the risks of using ChatGPT?")
    assert "報告" in words(shared_e5_bot, "Which cases ask staff to report their use of ChatGPT?")
    assert "報告" in words(shared_e5_bot, "Which prefectures ask staff to report when they use ChatGPT?")
    assert "整理" in words(shared_e5_bot, "Which cases use ChatGPT to organise information or sort out issues?")


def test_looking_into_the_risks_lists_the_cases_that_examine_them(shared_e5_bot):
    # it was 松阪市 alone (the risks read with 様子, "a look")
    got = cases(shared_e5_bot.ask("Which cases are also looking into the risks of using ChatGPT?"))
    assert {"熊本県熊本市", "埼玉県戸田市", "福島県いわき市", "三重県松阪市"} <= got


def test_asking_staff_to_report_their_use_is_a_request(shared_e5_bot):
    # it was 三豊市 (「尋ねると」, residents asking by voice) and, for prefectures, "no such case"
    assert "島根県" in cases(shared_e5_bot.ask("Which cases ask staff to report their use of ChatGPT?"))
    got = cases(shared_e5_bot.ask("Which prefectures ask staff to report when they use ChatGPT?"))
    assert "島根県" in got and "香川県三豊市" not in got
    assert "山口県" in cases(shared_e5_bot.ask(
        "Which prefectures set up their own team inside the government to look at AI use?"))


def test_ask_json_lists_the_prefecture_that_asks_for_usage_reports(e5_index_dir):
    p = run("--data-dir", str(e5_index_dir), "ask", "Which prefectures ask staff to report when they use ChatGPT?",
            "--json")
    a = json.loads(p.stdout)
    assert "島根県" in {c["case"] for c in a["citations"]}


def test_first_of_a_sequence_or_a_draft_is_no_first_in_japan(shared_e5_bot):
    # "apply first before …" listed nine cases as 'A first (nationwide, …)' (神奈川県庁 at the top)
    got = cases(shared_e5_bot.ask("Which councils ask staff to apply first before they get to use ChatGPT?"))
    assert "鳥取県" in got and "神奈川県庁" not in got
    assert "first" not in words(shared_e5_bot, "Which cases use ChatGPT to produce a first rough draft of a document?")
    assert "初" not in words(shared_e5_bot, "Which cases use ChatGPT to produce a first rough draft of a document?")
    # a first in Japan still is
    assert "神奈川県横須賀市" in cases(shared_e5_bot.ask("Which cases claim to be the first in Japan?"))


def test_organising_information_lists_the_cases_that_write_seiri(shared_e5_bot):
    # "organise" was 作る and "sort" a kind: 江戸川区's 「情報整理」 was not found
    got = cases(shared_e5_bot.ask("Which cases use ChatGPT to organise information or sort out issues?"))
    assert "東京都江戸川区" in got
