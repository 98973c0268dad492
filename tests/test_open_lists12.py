"""Issue 16, open "which …" lists (tests/qa/tune/open_lists12.jsonl): the question's word read
through the article's own way of writing it, on the real article and e5, through `Chatbot` and
`chatbot ask --json`.

- a rare Japanese word the article writes only inside a compound that means it (声 → 音声,
  夜 → 夜間: JMdict's first sense glosses both "voice" / "night");
- the compound joins the word as an alternative and never narrows a facet's list: 三豊市's 音声
  is how it answers, not a narrower 'Answering inquiries' (open_lists10 to10_005 was "unsaid");
- an English comparative the dictionary does not gloss ("younger" → young → 若手)."""
from __future__ import annotations

import json

import pytest

from test_cli import run

pytestmark = pytest.mark.model


def cases(answer):
    return {c.case for c in answer.citations}


def test_a_rare_word_is_read_inside_the_compound_that_means_it(shared_e5_bot):
    answer = shared_e5_bot.ask("声を使う仕組みと組み合わせてChatGPTを使っている自治体は？")
    assert {"長野県庁", "香川県三豊市"} <= cases(answer)
    quoted = {c.case: c.passage for c in answer.citations}
    assert "音声" in quoted["長野県庁"] and "音声" in quoted["香川県三豊市"]


def test_the_compound_does_not_narrow_a_facet(shared_e5_bot):
    answer = shared_e5_bot.ask("声で聞くとごみの出し方を教えてくれる仕組みを作った市は？")
    assert answer.kind == "list" and "香川県三豊市" in cases(answer)


def test_a_compound_with_another_meaning_is_not_read_for_the_word():
    from core import dictionary

    # 声明 ("statement") writes 声 but does not mean "voice"
    assert not set(dictionary.first_glosses("声")) & set(dictionary.first_glosses("声明"))


def test_an_english_comparative_reads_its_adjective(shared_e5_bot):
    assert cases(shared_e5_bot.ask("Which cases involve younger employees?")) == {"愛媛県"}


def test_ask_json(e5_index_dir):
    p = run("--data-dir", str(e5_index_dir), "ask", "夜の時間帯にも住民の問い合わせに対応できる事例は？",
            "Which cases involve younger employees?", "--json")
    night, young = [json.loads(line) for line in p.stdout.splitlines()]
    assert night["kind"] == "list" and {c["case"] for c in night["citations"]} == {"香川県三豊市"}
    assert young["kind"] == "list" and {c["case"] for c in young["citations"]} == {"愛媛県"}
