"""Issue 16: a "which …" list asked by one part of its facet's label alone (講習 of 「研修・講習の
実施」, リライト of 「校正・誤字脱字チェック・リライト」), a word at most two cases write, lists only the
cases whose sentence says it — through `Chatbot` and `chatbot ask --json`."""
from __future__ import annotations

import json

import pytest

from test_cli import run

pytestmark = pytest.mark.model


def cases(answer):
    return {c.case for c in answer.citations}


def test_a_label_part_asked_alone_narrows_the_facet(shared_e5_bot):
    assert cases(shared_e5_bot.ask("行政文書のリライトに使う自治体は？")) == {"東京都庁"}
    assert cases(shared_e5_bot.ask("講習を受けないと使えない自治体は？")) == {"埼玉県庁"}


def test_the_facet_asked_as_such_is_every_case_of_it(shared_e5_bot):
    # 研修 is what five training cases write: not narrowed to the few
    assert len(cases(shared_e5_bot.ask("研修に触れている事例は？"))) >= 5
    # a spelling of the facet's name in parentheses is no narrower part of it
    assert len(cases(shared_e5_bot.ask("LoGoチャット（ロゴチャット）上でChatGPTを使っている自治体はどこですか？"))) == 3
    # alternatives (「AやB」): each is said in its own sentence, nothing narrows
    assert {"富山県", "長野県飯島町", "沖縄県那覇市"} <= cases(shared_e5_bot.ask("教育委員会や消防が出てくる事例は？"))


def test_ask_json_lists_the_narrower_case(e5_index_dir):
    p = run("--data-dir", str(e5_index_dir), "ask", "行政文書のリライトにChatGPTを使う自治体は？", "--json")
    a = json.loads(p.stdout)
    assert {c["case"] for c in a["citations"]} == {"東京都庁"}
    assert "リライト" in a["citations"][0]["passage"]
