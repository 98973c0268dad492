"""Session 17, the lead's mends (issue 17, "lists that stay lists"). A count asked of a narrowed
list («関東以外は？» → «何件？») counts the list on screen and its lead line and `understood_as`
still say which part of the list that is (都道府県以外, "not in Kyushu"), not "in the article".
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
