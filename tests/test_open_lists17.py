"""Issue 16, precision: a "which …" list names only the cases whose sentence says what was asked —
not those whose sentence says the contrary (a negated question answered by a case that does it, a
use asked answered by 「…には使用禁止」) — on the real article, the real e5 model and a real Chroma,
through `Chatbot` and `chatbot ask --json`."""
from __future__ import annotations

import json

import pytest

from test_cli import run

pytestmark = pytest.mark.model


def cases(answer):
    return {c.case for c in answer.citations}


def test_a_negated_question_lists_the_cases_that_say_it_is_not_done(shared_e5_bot):
    # 伊賀市 「市民への直接のサービスは対象外」; 越前市 「住民向けサービスでは…に活用します」 says the contrary
    assert cases(shared_e5_bot.ask("住民に直接提供するサービスには使わないとしている自治体は？")) == {"三重県伊賀市"}
    # 神奈川県庁 「試験の具体的な期間は未定」; the cases that state their trial's dates have decided it
    assert cases(shared_e5_bot.ask("試験の期間がまだ決まっていない自治体は？")) == {"神奈川県庁"}


def test_the_same_question_asked_positively_keeps_the_cases_that_do_it(shared_e5_bot):
    assert "福井県越前市" in cases(shared_e5_bot.ask("住民向けのサービスに使う自治体は？"))


def test_a_requirement_is_not_a_negation(shared_e5_bot):
    # 「講習を受けないと使えない」 asks who requires training (埼玉県庁 「講習受講が必要」)
    assert "埼玉県庁" in cases(shared_e5_bot.ask("講習を受けないと使えない自治体は？"))


def test_ask_json_lists_only_what_was_asked(e5_index_dir):
    p = run("--data-dir", str(e5_index_dir), "ask", "住民に直接提供するサービスには使わないとしている自治体は？", "--json")
    a = json.loads(p.stdout)
    assert {c["case"] for c in a["citations"]} == {"三重県伊賀市"}
    p = run("--data-dir", str(e5_index_dir), "ask", "重要な政策の決定にAIを使う県は？", "--json")
    a = json.loads(p.stdout)
    assert "鳥取県" not in {c["case"] for c in a["citations"]}


def test_a_sentence_that_forbids_the_use_asked_is_no_case_of_it(shared_e5_bot):
    # 鳥取県 「答弁資料の作成や予算編成、重要政策決定には使用禁止」 is the contrary of using it for them
    answer = shared_e5_bot.ask("重要な政策の決定にAIを使う県は？")
    assert "鳥取県" not in cases(answer)
    # 伊賀市 「市民への直接のサービスは対象外」 does not serve citizens directly; 越前市 does
    listed = cases(shared_e5_bot.ask("Which cases use it to serve citizens directly?"))
    assert "福井県越前市" in listed and "三重県伊賀市" not in listed
    # a ban asked is a rule: the cases that say it is forbidden answer it
    assert "鳥取県" in cases(shared_e5_bot.ask("予算編成への使用を禁止している県は？"))
