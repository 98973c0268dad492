"""Issue 17, the sixteenth tuning set's conversations (tests/qa/tune/conversations16.jsonl): the rest
of a narrowed list (「残りは？」, 「それ以外は？」, "the rest?", "And the remaining ones?") is what the
last narrowing left out of the list just before it (also after a 「何件？」 of it), not that list again
nor a detail of its cases."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from conftest import ROOT

GREETINGS = "挨拶文を作るのに使っている事例は？"
PREFECTURES = {"山形県庁", "福島県庁", "長野県庁", "静岡県"}
CITIES = {"茨城県つくば市", "静岡県島田市", "静岡県富士市", "熊本県熊本市"}


def cases(answer):
    return [c.case for c in answer.citations]


def talk(bot, *questions):
    return bot.converse(list(questions))


@pytest.mark.model
@pytest.mark.parametrize("rest", ["残りは？", "それ以外は？", "the rest?", "And the remaining ones?"])
def test_the_rest_after_a_narrowing_is_what_it_left_out(shared_e5_bot, rest):
    listed, prefs, left = talk(shared_e5_bot, GREETINGS, "そのうち県は？", rest)
    assert set(cases(listed)) == PREFECTURES | CITIES
    assert set(cases(prefs)) == PREFECTURES
    assert set(cases(left)) == CITIES


@pytest.mark.model
def test_the_rest_after_counting_a_narrowing_is_still_what_it_left_out(shared_e5_bot):
    # 「何件？」 in between re-counts the narrowed list: 「残りは？」 still asks the list before it
    *_, count, left = talk(shared_e5_bot, GREETINGS, "そのうち県は？", "何件？", "残りは？")
    assert set(cases(count)) == PREFECTURES
    assert set(cases(left)) == CITIES
    # never the list on screen again, never a detail of its cases
    *_, mie, others = talk(shared_e5_bot, "議事録の作成や要約に使っている自治体は？", "三重県は？", "それ以外は？")
    assert cases(mie) == ["三重県伊賀市"]
    assert "三重県伊賀市" not in cases(others)
    assert {"大阪府大阪市", "兵庫県神戸市", "長野県庁"} <= set(cases(others))


@pytest.mark.model
def test_the_rest_is_of_the_list_just_before_the_last_narrowing(shared_e5_bot):
    # 要約 → 東北だけ → 県は？ → "And the others?": Tohoku's other cases (むつ市), not every
    # summary case outside the three prefectures
    *_, tohoku, prefs, others = talk(shared_e5_bot, "Which cases use it for summaries?", "Only Tohoku.",
                                     "Which of those are prefectures?", "And the others?")
    assert set(cases(prefs)) == {"山形県庁", "宮城県", "福島県庁"}
    assert set(cases(others)) == set(cases(tohoku)) - set(cases(prefs)) == {"青森県むつ市"}


def test_the_rest_through_the_cli(e5_index_dir):
    env = {**os.environ, "CHATBOT_DATA_DIR": str(e5_index_dir)}
    p = subprocess.run([sys.executable, "-m", "chatbot.tools.cli", "ask", "--json", "--conversation",
                        GREETINGS, "そのうち県は？", "何件？", "残りは？"],
                       capture_output=True, text=True, env=env, cwd=ROOT, timeout=600)
    assert p.returncode == 0, p.stderr
    *_, left = [json.loads(line) for line in p.stdout.splitlines()]
    assert {c["case"] for c in left["citations"]} == CITIES
    assert "以外" in left["understood_as"] and "絞り込み" in left["understood_as"]
