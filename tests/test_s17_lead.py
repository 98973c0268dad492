"""Session 17, the lead's mends (issue 17, "lists that stay lists"). A count asked of a narrowed
list («関東以外は？» → «何件？») counts the list on screen and its lead line and `understood_as`
still say which part of the list that is (都道府県以外, "not in Kyushu"), not "in the article".
A verb whose object is the thing that asked for the facet (「研修会や勉強会を開いている」) is how the
facet is had: it does not narrow 『研修・講習の実施』 to the cases that write 開催. A prefecture named to
say where a municipality lies (「青森県のむつ市」, "Mutsu City in Aomori") is not a case of its own.
Real article, real e5, real Chroma, through `Chatbot` and `chatbot ask --conversation --json`."""
from __future__ import annotations

import json

import pytest

from test_cli import run

pytestmark = pytest.mark.model

MINUTES = "議事録の作成に使っている自治体は？"


def test_a_count_after_an_exclusion_keeps_the_exclusion_in_sight(shared_e5_bot):
    listed, narrowed, count = shared_e5_bot.converse([MINUTES, "県以外は？", "何件？"])
    kept = {c.case for c in narrowed.citations}
    assert kept and kept < {c.case for c in listed.citations}
    assert {c.case for c in count.citations} == kept
    assert "都道府県以外" in count.understood_as
    assert f"都道府県以外のうち「議事録・会議録の作成」に当たるのは {len(kept)} 件" in count.text


def test_an_english_count_after_outside_a_region(shared_e5_bot):
    *_, outside, count = shared_e5_bot.converse(
        ["Which cases use ChatGPT to write greetings or speeches?", "And outside Kyushu?", "How many is that?"])
    assert {c.case for c in count.citations} == {c.case for c in outside.citations}
    assert "not in Kyushu" in count.understood_as


def test_a_first_question_quoted_whole_is_not_given_its_place_twice(shared_e5_bot):
    _, count = shared_e5_bot.converse(["近畿の事例は？", "何件？"])
    assert count.understood_as.count("近畿") == 1


def test_the_count_through_the_cli(e5_index_dir):
    p = run("--data-dir", str(e5_index_dir), "ask", "--json", "--conversation", MINUTES, "県以外は？", "何件？")
    *_, count = [json.loads(line) for line in p.stdout.splitlines()]
    assert "都道府県以外" in count["understood_as"]


def test_holding_the_facets_own_thing_does_not_narrow_it(shared_e5_bot):
    held = {c.case for c in shared_e5_bot.ask("職員向けにChatGPTの研修会や勉強会を開いている自治体は？").citations}
    trained = {c.case for c in shared_e5_bot.ask("職員研修をしている自治体は？").citations}
    assert {"東京都庁", "埼玉県庁", "青森県", "愛媛県"} <= held
    assert held == trained
    # its narrowing follow-up keeps the prefectures that train their staff
    *_, prefs = shared_e5_bot.converse(["職員向けにChatGPTの研修会や勉強会を開いている自治体は？", "その中で都道府県はどこですか？"])
    assert {"東京都庁", "埼玉県庁", "青森県", "愛媛県"} <= {c.case for c in prefs.citations}


def test_a_verb_not_of_the_facets_thing_still_narrows():
    from chatbot.qa.evidence.narrowing import _of_the_facet
    assert _of_the_facet("研修会や勉強会を開いている自治体は？", ("研修",), "開く")
    assert not _of_the_facet("研修で作った文書を公開した自治体は？", ("研修",), "公開")
    assert not _of_the_facet("研修" + "あ" * 5000 + "を開く", ("研修",), "開く")


@pytest.mark.parametrize("question", ["青森県のむつ市の取り組みは？", "Tell me about Mutsu City in Aomori."])
def test_a_prefecture_that_locates_a_city_is_not_a_case_of_its_own(shared_e5_bot, question):
    assert {c.case for c in shared_e5_bot.ask(question).citations} == {"青森県むつ市"}


@pytest.mark.parametrize("question", ["青森県とむつ市の取り組みは？", "Compare Aomori Prefecture and Mutsu City."])
def test_a_prefecture_asked_beside_its_city_still_is(shared_e5_bot, question):
    assert {c.case for c in shared_e5_bot.ask(question).citations} == {"青森県", "青森県むつ市"}


def test_a_located_city_through_the_cli(e5_index_dir):
    p = run("--data-dir", str(e5_index_dir), "ask", "--json", "青森県のむつ市の取り組みは？")
    assert {c["case"] for c in json.loads(p.stdout)["citations"]} == {"青森県むつ市"}
