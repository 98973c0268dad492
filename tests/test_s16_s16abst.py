"""Issue 16, "no such case" decided right: an English "which …" list less the cases listed for
the question's verbs alone (`chatbot.qa.evidence.verbs_only`). "teach" is read as 伝える / 育てる,
"ask" as 尋ねる / 聞く: a case whose quote holds only those says nothing of "swimming lessons" or
of staff reporting their use. The pieces of one verb the case writes as one (見る + 送る in
「見送った」) are that verb, and stay. Tuning questions of half A (next_month13, open_lists18,
next_month16), on the real articles, the real e5 model and a real Chroma, through `Chatbot` and
`chatbot ask --json`."""
from __future__ import annotations

import json

import pytest

from chatbot.qa.evidence.sentences import Quote
from chatbot.qa.evidence.verbs_only import _verbs_only
from test_cli import run


def cases(answer):
    return {c.case for c in answer.citations}


def _quote(text):
    return Quote("a:b", 0, text, 0.5, 0.0, 0.5, 0.8)


def test_a_reason_of_verbs_alone_is_told_from_nouns_and_from_one_verb_in_pieces():
    assert _verbs_only("words:伝える,育てる", _quote("農家が話した育て方のこだわりを伝える。"))
    assert not _verbs_only("words:伝える,水泳", _quote("水泳の教え方を伝える。"))     # a noun held
    assert not _verbs_only("words:見る,送る", _quote("本格的な導入は見送った。"))       # 見送る, one verb
    assert not _verbs_only("facet:use.drafting+words:作る", _quote("文案を作る。"))   # a facet's case


@pytest.mark.model
def test_verbs_alone_list_no_case_for_a_topic_the_article_lacks(next_month13_e5_dir, e5):
    from conftest import bot_over

    bot = bot_over(next_month13_e5_dir, e5)
    # 北杜市, 横須賀市, 奄美市 were listed for 伝える / 育てる alone: no case teaches swimming
    assert cases(bot.ask("Which cities use AI to teach swimming lessons?")) == set()
    p = run("--data-dir", str(next_month13_e5_dir), "ask", "Which cities use AI to teach swimming lessons?", "--json")
    assert json.loads(p.stdout)["citations"] == []


@pytest.mark.model
def test_a_case_holding_only_the_verbs_of_ask_is_not_listed(shared_e5_bot):
    # 香川県三豊市's quote holds 尋ねる / 聞く ("ask"), nothing of staff reporting their use
    assert "香川県三豊市" not in cases(shared_e5_bot.ask("Which cases ask staff to report their use of ChatGPT?"))


@pytest.mark.model
def test_one_verb_written_as_one_stays_listed(next_month16_e5_dir, e5):
    from conftest import bot_over

    # "decided not to use it": 見る + 送る, which 出水市 writes as one verb, 「見送った」
    answer = bot_over(next_month16_e5_dir, e5).ask("Which cities tried generative AI and then decided not to use it?")
    assert cases(answer) == {"鹿児島県出水市"}
