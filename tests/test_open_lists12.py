"""Issue 16, open "which …" lists (tests/qa/tune/open_lists12.jsonl): an English comparative
the dictionary does not gloss ("younger") read as its adjective (young → 若い, 若手) when
JMdict's Japanese for the stem holds an adjective, on the real article and e5, through
`Chatbot` and `chatbot ask --json`.

(A rare Japanese word read inside the compound that means it — 声 → 音声 — was tried twice and
left out: it dropped held-out precision even with the compound kept out of facet narrowing.)"""
from __future__ import annotations

import json

import pytest

from test_cli import run

pytestmark = pytest.mark.model


def cases(answer):
    return {c.case for c in answer.citations}


def test_an_english_comparative_reads_its_adjective(shared_e5_bot):
    assert cases(shared_e5_bot.ask("Which cases involve younger employees?")) == {"愛媛県"}


def test_a_noun_in_er_does_not_drop_to_a_stem():
    from core import dictionary

    # "manager" is no comparative of "manage": only an adjective's Japanese reads a stem
    assert dictionary._compared("younger")[0] == "young"
    assert not dictionary.adjective("manage") and dictionary.adjective("young")


def test_ask_json(e5_index_dir):
    p = run("--data-dir", str(e5_index_dir), "ask", "Which cases involve younger employees?", "--json")
    young = json.loads(p.stdout.splitlines()[0])
    assert young["kind"] == "list" and {c["case"] for c in young["citations"]} == {"愛媛県"}
