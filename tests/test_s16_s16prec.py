"""Issue 16, list precision: a list whose question ties a rare word to a commoner one of its own
(「組織で判断する」, 「差別表現の確認」, 「法律関連の情報」) keeps the cases that write the rare word,
not every case that shares the commoner word or the facet the question was read as
(`chatbot.qa.evidence.qualifier`); two words of one coordination (「連携・協力・協定・共同開発」)
and a rare word before a rare name (「GoogleのBard」) narrow nothing. Half-A tuning questions
(narrow_lists, open_lists24, questions, paraphrases), on the real article, the real e5 model and
a real Chroma, through `Chatbot` and `chatbot ask --json`."""
from __future__ import annotations

import json

import pytest

from test_cli import run

pytestmark = pytest.mark.model


def cases(answer):
    return {c.case for c in answer.citations}


def test_a_rare_word_tied_to_a_common_one_keeps_the_cases_that_write_it(shared_e5_bot):
    # 静岡県 has the facet ('Human review') and writes 確認 and 判断-like rules, never 組織 / 差別
    assert cases(shared_e5_bot.ask("AIの回答を使うかどうかを組織で判断するよう決めている県は？")) == {"佐賀県"}
    assert cases(shared_e5_bot.ask("ガイドラインで差別表現の確認を求めている県は？")) == {"滋賀県"}
    # 富山県 writes 学習 of its own data, not 法律 (「法律関連」 ties 法律 to 情報)
    assert "富山県" not in cases(shared_e5_bot.ask("法律関連の情報をAIに学習させる計画の県は？"))


def test_words_of_one_coordination_or_a_rare_name_narrow_nothing(shared_e5_bot):
    # 「連携・協力・協定・共同開発」: 共同 is one alternative, not what every partner must write
    partners = cases(shared_e5_bot.ask(
        "民間企業と連携・協力・協定・共同開発をしている事例はどれですか？（企業の製品やサービスを使っているだけの事例は除く）"))
    assert {"大阪府大阪市", "栃木県日光市", "三重県伊賀市"} <= partners
    # 「GoogleのBard」: 静岡県富士市 writes Bard alone
    assert {"富山県", "静岡県富士市"} <= cases(
        shared_e5_bot.ask("ChatGPTに加えてGoogleのBardも導入している自治体があれば教えてください。"))


def test_ask_json_keeps_the_case_that_writes_the_rare_word(e5_index_dir):
    p = run("--data-dir", str(e5_index_dir), "ask", "AIの回答を使うかどうかを組織で判断するよう決めている県は？", "--json")
    a = json.loads(p.stdout)
    assert {c["case"] for c in a["citations"]} == {"佐賀県"}
    assert any("組織" in c["passage"] for c in a["citations"])
