"""Issue 16: narrow open "which …" lists (tests/qa/tune/open_lists13.jsonl) — a question joining
two facets of different kinds as two conditions lists only the cases with each; a facet said in
passing is no condition. On the real article, the real e5 model and a real Chroma, through
`Chatbot` and `chatbot ask --json`."""
from __future__ import annotations

import json

import pytest

from test_cli import run

pytestmark = pytest.mark.model

BOTH_JA = "議事録の作成にAIを使う市で、企業と協定や連携を結んでいるのは？"


def cases(answer):
    return {c.case for c in answer.citations}


def test_two_facets_of_different_kinds_joined_are_both_required(shared_e5_bot):
    # 'Meeting minutes' (大阪市, 伊賀市, 神戸市, むつ市) joined by 「で、」 with 'Partner company':
    # 神戸市 writes 議事録 but no partner, むつ市 summarises 会議録 without one
    assert cases(shared_e5_bot.ask(BOTH_JA)) == {"大阪府大阪市", "三重県伊賀市"}
    both_en = "Which cities use AI for meeting minutes and partner with a company?"
    assert cases(shared_e5_bot.ask(both_en)) == {"大阪府大阪市", "三重県伊賀市"}
    # the minutes alone are still every case of the facet
    assert {"兵庫県神戸市", "青森県むつ市"} <= cases(shared_e5_bot.ask("議事録の作成にAIを使う市は？"))


def test_a_facet_said_in_passing_is_no_condition(shared_e5_bot):
    # 'check results' reads as the accuracy-check rule, but says what the questionnaire is for:
    # no joiner between them, so all five questionnaire cases stay (広島県 and 練馬区 write no check)
    answer = shared_e5_bot.ask("Which cases check results with a staff questionnaire?")
    assert {"広島県", "東京都練馬区", "新潟県新潟市", "滋賀県", "群馬県藤岡市"} <= cases(answer)
    # and carried into a follow-up, the narrowed list keeps 広島県
    answer = shared_e5_bot.ask("Outside Kanto?", history=["Which cases check results with a staff questionnaire?"])
    assert {"広島県", "新潟県新潟市", "滋賀県"} <= cases(answer)


def test_ask_json_lists_only_the_cases_with_both(e5_index_dir):
    p = run("--data-dir", str(e5_index_dir), "ask", BOTH_JA, "--json")
    assert {c["case"] for c in json.loads(p.stdout)["citations"]} == {"大阪府大阪市", "三重県伊賀市"}
