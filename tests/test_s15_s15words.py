"""Session 15 (s15words): a case listed only for an English question's word that its sentence
writes as another word — 補助的 (auxiliary) for "subsidies", 正確性 (accuracy) for "exactly" — is
not what was asked; 危険性 ("riskiness") for "risks" is the question's own word and stays. On the
real article, the real e5 model and a real Chroma, through `Chatbot` and `chatbot ask --json`."""
from __future__ import annotations

import json

import pytest

from test_cli import run

pytestmark = pytest.mark.model


def cases(answer):
    return {c.case for c in answer.citations}


def test_an_adjective_made_of_the_asked_noun_is_another_word(shared_e5_bot):
    # 「補助的な利用」「補助的なツール」: auxiliary use, no subsidy; 「補助金申請」 is one
    listed = cases(shared_e5_bot.ask("Which cases relate to applying for subsidies?"))
    assert "農林水産省" in listed
    assert not {"福島県庁", "千葉県松戸市"} & listed


def test_a_quality_noun_is_another_word_unless_the_question_says_it(shared_e5_bot):
    # 「回答の正確性」 is accuracy, not "what exactly they will use it for"
    listed = cases(shared_e5_bot.ask("Which cases have not said what exactly they will use ChatGPT for?"))
    assert not {"福島県庁", "新潟県新潟市", "群馬県藤岡市"} & listed
    # 「危険性の課題」 is the riskiness the question asks about
    assert "島根県" in cases(shared_e5_bot.ask("Which cases mention risks of using ChatGPT?"))


def test_ask_json_leaves_out_the_auxiliary_use(e5_index_dir):
    p = run("--data-dir", str(e5_index_dir), "ask", "Which cases relate to applying for subsidies?", "--json")
    listed = {c["case"] for c in json.loads(p.stdout)["citations"]}
    assert "農林水産省" in listed and "福島県庁" not in listed
