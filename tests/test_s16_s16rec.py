"""Issue 16, list recall: the case says it in other words — a question's verb written in the
article as a verbal noun of the same kanji (「研修会を開く」 where a case writes 「体験会も開催」,
「会議で決めた」 where it writes 「会議で決定」), found through JMdict's glosses, not listed; the
common ones (作成 for 作る) are left out so a question no case answers stays unanswered. On the
real article, the real e5 model and a real Chroma, through `Chatbot` and `chatbot ask --json`."""
from __future__ import annotations

import json

import pytest

from test_cli import run

pytestmark = pytest.mark.model


def cases(answer):
    return {c.case for c in answer.citations}


def test_verbal_nouns_of_a_verb_are_found_through_its_kanji_and_glosses(shared_e5_bot):
    from chatbot.qa.read.verbal_nouns import verbal_nouns

    r = shared_e5_bot.retriever()
    assert "開催" in verbal_nouns(r, "開く")          # "to hold (a meeting)" / "holding"
    assert "決定" in verbal_nouns(r, "決める")        # "to determine" / "determination"
    # written by most cases: a verb's noun that would make a list of anything
    assert "開始" not in verbal_nouns(r, "開く")
    assert "作成" not in verbal_nouns(r, "作る")
    # a side meaning further down the first sense: 作業 "work; operation; manufacturing"
    assert "作業" not in verbal_nouns(r, "作る")
    # the verb's kanji begins the word: 対話 "conversation" is no 話す
    assert "対話" not in verbal_nouns(r, "話す")


def test_a_verb_asked_is_held_by_the_cases_that_write_its_verbal_noun(shared_e5_bot):
    # 青森県: 「ICT体験会も開催しました」 — it holds 体験会 and says 開く as 開催
    found = cases(shared_e5_bot.ask("職員向けの研修・講習・勉強会・体験会などを開く（開いた）と書かれている事例を全部教えて。"))
    assert {"青森県", "東京都江戸川区"} <= found
    # 岩手県: 「…推進本部会議で決定しました」
    assert "岩手県" in cases(shared_e5_bot.ask("会議で決めたり共有したりした自治体は？"))


def test_ask_json_lists_the_case_that_writes_the_verbal_noun(e5_index_dir):
    p = run("--data-dir", str(e5_index_dir), "ask", "会議で決めたり共有したりした自治体は？", "--json")
    a = json.loads(p.stdout)
    assert "岩手県" in {c["case"] for c in a["citations"]}
