"""Session 15, the lead's mends. Issue 17: a widening after a narrowing of a list asks the list's own question again — with its
level. 「政策立案に使っている市は？」 → 「関東以外は？」 → 「全国では？」 dropped the cities: the
narrowing's own scope had no level, so the wider list cited a prefecture (鳥取県) and lost two
cities of the first answer (found by s15conv's follow-up probes: 19 of 1,655 three-turn chains).
Real article, real e5, real Chroma, through `Chatbot` and `chatbot ask --conversation --json`."""
from __future__ import annotations

import json

import pytest

from test_cli import run

pytestmark = pytest.mark.model

CITIES = "政策立案に使っている市は？"


def cases(answer):
    return [c.case for c in answer.citations]


@pytest.mark.parametrize("first, narrow, wide", [
    (CITIES, "関東以外は？", "全国では？"),
    ("Which cities use it for policy planning?", "Outside Kanto?", "And across the whole country?"),
])
def test_widening_after_an_exclusion_keeps_the_first_questions_level(shared_e5_bot, first, narrow, wide):
    listed, narrowed, widened = shared_e5_bot.converse([first, narrow, wide])
    assert set(cases(narrowed)) < set(cases(listed))
    assert {c.level for c in widened.citations} == {"市区町村"}
    assert set(cases(widened)) >= set(cases(listed))
    assert widened.understood_as


def test_widening_after_an_exclusion_through_the_cli(e5_index_dir):
    p = run("--data-dir", str(e5_index_dir), "ask", "--json", "--conversation", CITIES, "関東以外は？", "全国では？")
    listed, _, widened = [json.loads(line) for line in p.stdout.splitlines()]
    assert {c["level"] for c in widened["citations"]} == {"市区町村"}
    assert {c["case"] for c in widened["citations"]} >= {c["case"] for c in listed["citations"]}

