"""Issue 16: narrow open "which …" lists (tests/qa/tune/open_lists13.jsonl) — a question narrower
than the facet its list is built from, or joining two facets of different kinds, lists only the
cases that state all of it; on the real article, the real e5 model and a real Chroma, through
`Chatbot` and `chatbot ask --json`."""
from __future__ import annotations

import json

import pytest

from test_cli import run

pytestmark = pytest.mark.model


def cases(answer):
    return {c.case for c in answer.citations}


def test_a_word_one_case_of_a_short_facet_list_writes_narrows_it(shared_e5_bot):
    # 'Staff training' has three cities (横須賀市, 富士市, 日光市); only 横須賀市 writes 「他の自治体に
    # 導入・活用のノウハウを伝える研修」 — a share of three never excluded one
    answer = shared_e5_bot.ask("ほかの自治体に導入のノウハウを伝える研修を企画している市は？")
    assert cases(answer) == {"神奈川県横須賀市"}
    assert "ノウハウ" in answer.citations[0].passage
    # 「中核となる職員を対象にした研修会」 is 富士市's alone
    assert cases(shared_e5_bot.ask("中核となる職員を対象に研修会を開いた市は？")) == {"静岡県富士市"}
    # the facet's own word alone still lists the whole facet
    assert {"神奈川県横須賀市", "静岡県富士市"} <= cases(shared_e5_bot.ask("研修を行う市は？"))


def test_two_facets_of_different_kinds_are_both_required(shared_e5_bot):
    # 'Meeting minutes' (大阪市, 伊賀市, 神戸市, むつ市) joined by で with 'Partner company':
    # 神戸市 writes 議事録 but no partner, むつ市 summarises 会議録 without one
    answer = shared_e5_bot.ask("議事録の作成にAIを使う市で、企業と協定や連携を結んでいるのは？")
    assert cases(answer) == {"大阪府大阪市", "三重県伊賀市"}
    # the minutes alone are still every case of the facet
    assert {"兵庫県神戸市", "青森県むつ市"} <= cases(shared_e5_bot.ask("議事録の作成にAIを使う市は？"))


def test_ask_json_lists_only_the_cases_with_both(e5_index_dir):
    p = run("--data-dir", str(e5_index_dir), "ask", "議事録の作成にAIを使う市で、企業と協定や連携を結んでいるのは？",
            "--json")
    a = json.loads(p.stdout)
    assert {c["case"] for c in a["citations"]} == {"大阪府大阪市", "三重県伊賀市"}
    p = run("--data-dir", str(e5_index_dir), "ask", "ほかの自治体に導入のノウハウを伝える研修を企画している市は？",
            "--json")
    assert {c["case"] for c in json.loads(p.stdout)["citations"]} == {"神奈川県横須賀市"}
