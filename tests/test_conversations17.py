"""Issue 17, the seventeenth tuning set's classes (tests/qa/tune/conversations17.jsonl and probes
beside it): a facet asked in the negative right after a list keeps the cases on screen that lack
it (「そのうちガイドラインがないのは？」 — never the ones that have it); 「全国で初めて」 names a first,
not a widening; 「関東の外では？」 leaves Kanto out; 「他にそういうところは？」 after one case asks
what its answer quoted of every other case; "Which one …?" right after a list ranks that list."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from conftest import ROOT

TRANSLATION = "翻訳に使っている自治体は？"
ALL = {"山形県庁", "東京都庁", "茨城県つくば市", "栃木県庁", "静岡県", "大阪府門真市", "兵庫県神戸市",
       "熊本県熊本市", "香川県三豊市"}
WITH_GUIDELINES = {"栃木県庁", "静岡県", "大阪府門真市", "兵庫県神戸市"}


def cases(answer):
    return [c.case for c in answer.citations]


def talk(bot, *questions):
    return bot.converse(list(questions))


@pytest.mark.model
@pytest.mark.parametrize("lacking", ["そのうちガイドラインがないのは？", "ガイドラインを作っていないところは？",
                                     "Which of those don't have guidelines?"])
def test_a_facet_asked_in_the_negative_keeps_the_cases_that_lack_it(shared_e5_bot, lacking):
    listed, having = talk(shared_e5_bot, TRANSLATION, "そのうちガイドラインがあるのは？")
    *_, without = talk(shared_e5_bot, TRANSLATION, lacking)
    assert set(cases(listed)) == ALL and set(cases(having)) == WITH_GUIDELINES
    assert set(cases(without)) == ALL - WITH_GUIDELINES         # the opposite of 「…があるのは？」
    assert ("なし" in without.understood_as) or ("without:" in without.understood_as)
    # a rule stated with a negative (「使わない」, 「入力しない」) is the facet itself, not its absence
    *_, banned = talk(shared_e5_bot, "中国地方の事例は？", "個人情報の入力を禁止していないのは？")
    assert cases(banned) == ["鳥取県"]


@pytest.mark.model
def test_a_first_in_japan_is_no_widening(shared_e5_bot):
    _, first, when = talk(shared_e5_bot, "神戸市について教えて", "何を全国で初めて作った？", "いつ施行？")
    assert set(cases(first)) == {"兵庫県神戸市"} and "条例" in first.text
    assert "広げて" not in first.understood_as
    assert set(cases(when)) == {"兵庫県神戸市"} and "5月" in when.text
    _, widened = talk(shared_e5_bot, "近畿で議事録の作成に使っている自治体は？", "全国では？")
    assert "広げて" in widened.understood_as and len(cases(widened)) > 3    # 「全国」 alone still widens


@pytest.mark.model
def test_outside_a_region_said_with_no_ika(shared_e5_bot):
    listed, outside = talk(shared_e5_bot, TRANSLATION, "関東の外では？")
    kanto = {"東京都庁", "茨城県つくば市", "栃木県庁"}
    assert set(cases(outside)) == set(cases(listed)) - kanto == ALL - kanto
    assert "関東地方以外" in outside.understood_as


@pytest.mark.model
def test_others_like_the_case_just_shown_ask_what_its_answer_quoted(shared_e5_bot):
    _, others = talk(shared_e5_bot, "富士市ではChatGPTのほかに何を導入した？", "他にそういうところは？")
    assert cases(others) == ["富山県"]                       # the other case with Bard
    _, users = talk(shared_e5_bot, "Which tool does Nerima use?", "Who else uses it?")
    assert set(cases(users)) == {"茨城県つくば市", "大阪府門真市"}     # LoGo Chat's other users


@pytest.mark.model
def test_which_one_and_a_named_case_after_a_list(shared_e5_bot):
    listed, most = talk(shared_e5_bot, "Which places run a trial until the end of September?",
                        "Which one has the most staff?")
    assert cases(most) and set(cases(most)) <= set(cases(listed))     # ranked among the list
    assert "東京都庁" not in cases(most)
    _, named, then = talk(shared_e5_bot, "企業と連携している自治体は？", "そのうち都城市は何を開発している？",
                          "いつから無償トライアル？")
    assert named.kind == "fact" and set(cases(named)) == {"宮崎県都城市"}
    assert set(cases(then)) == {"宮崎県都城市"}


def test_the_negative_through_the_cli(e5_index_dir):
    env = {**os.environ, "CHATBOT_DATA_DIR": str(e5_index_dir)}
    p = subprocess.run([sys.executable, "-m", "chatbot.tools.cli", "ask", "--json", "--conversation",
                        TRANSLATION, "そのうちガイドラインがないのは？"],
                       capture_output=True, text=True, env=env, cwd=ROOT, timeout=600)
    assert p.returncode == 0, p.stderr
    _, without = [json.loads(line) for line in p.stdout.splitlines()]
    assert {c["case"] for c in without["citations"]} == ALL - WITH_GUIDELINES
    assert "『ガイドライン・利用ルールの策定』なし" in without["understood_as"]


@pytest.mark.model
@pytest.mark.parametrize("others", ["他の2つは？", "残りは？", "What about the other two?"])
def test_the_others_after_a_case_asked_from_a_list_are_the_rest_of_that_list(shared_e5_bot, others):
    listed, one, rest = talk(shared_e5_bot, "東海の事例は？", "富士市は何を導入した？", others)
    assert set(cases(listed)) == {"静岡県", "静岡県島田市", "静岡県富士市"}
    assert set(cases(one)) == {"静岡県富士市"}
    assert set(cases(rest)) == {"静岡県", "静岡県島田市"}
    # 「他に何をしている？」 still asks more of that case
    *_, more = talk(shared_e5_bot, "東海の事例は？", "富士市は何を導入した？", "他に何をしている？")
    assert set(cases(more)) == {"静岡県富士市"}
