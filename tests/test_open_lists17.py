"""Issue 16, precision: a "which …" list names only the cases whose sentence says what was asked —
not those that say the contrary of a negated question, nor every case of a facet wider than the
question — on the real article, the real e5 model and a real Chroma, through `Chatbot` and
`chatbot ask --json`."""
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


def test_a_facet_wider_than_the_question_keeps_the_cases_that_write_its_rare_words(shared_e5_bot):
    # 'Training' lists 体験会, 勉強会, ワークショップ …; only 富士市 writes 中核 (「中核となる職員を対象にした研修会」)
    assert cases(shared_e5_bot.ask("中核となる職員を対象に研修会を開いた市は？")) == {"静岡県富士市"}
    # 'Greetings' lists every あいさつ文; only some say theirs are for outside (静岡県 「外部向けのあいさつ」)
    listed = cases(shared_e5_bot.ask("Which cases use ChatGPT to draft greetings meant for people outside the office?"))
    assert "静岡県" in listed
    assert not listed & {"熊本県熊本市", "長野県庁", "静岡県島田市"}


def test_names_and_alternatives_do_not_narrow_a_facet(shared_e5_bot):
    # a name in Latin letters beside the facet's ("Microsoft's Azure") and a spelling in brackets
    # (「LoGoチャット（ロゴチャット）」) say which thing, not a narrower one
    assert "東京都千代田区" in cases(shared_e5_bot.ask("Which cases use Microsoft's Azure OpenAI Service?"))
    assert {"東京都練馬区", "大阪府門真市"} <= cases(shared_e5_bot.ask("LoGoチャット（ロゴチャット）上でChatGPTを使っている自治体はどこですか？"))
    # the head of the facet's own phrase (「著作権の問題」) is the facet, not something narrower
    assert "千葉県松戸市" in cases(shared_e5_bot.ask("著作権の問題がないかを複数の職員で確認するとしている自治体は？"))


def test_ask_json_lists_only_what_was_asked(e5_index_dir):
    p = run("--data-dir", str(e5_index_dir), "ask", "住民に直接提供するサービスには使わないとしている自治体は？", "--json")
    a = json.loads(p.stdout)
    assert {c["case"] for c in a["citations"]} == {"三重県伊賀市"}
    p = run("--data-dir", str(e5_index_dir), "ask", "中核となる職員を対象に研修会を開いた市は？", "--json")
    a = json.loads(p.stdout)
    assert {c["case"] for c in a["citations"]} == {"静岡県富士市"}
