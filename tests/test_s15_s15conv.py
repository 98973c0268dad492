"""Issue 17, session 15 (conversations' last turns, split-half over all tuning conversations):
"Which one …?" right after a list is a fact of that one case on screen (not a narrowing that keeps
every case sharing the facet its words name: a list of trials is all 'Trial / pilot'), and a
place with a what or when of its own after a yes/no question is that place's question (not the
yes/no question again). Real article, real e5, real Chroma, through `Chatbot` and
`chatbot ask --conversation --json`."""
from __future__ import annotations

import json

import pytest

from test_cli import run

pytestmark = pytest.mark.model

LOGO = "LoGoチャットを使っている自治体は？"


def cases(answer):
    return [c.case for c in answer.citations]


def talk(bot, *questions):
    return bot.converse(list(questions))


def test_which_one_picks_the_case_its_figure_names(shared_e5_bot):
    # every LoGo case is a trial: the narrowing by 'Trial / pilot' kept 練馬区 first
    listed, one = talk(shared_e5_bot, LOGO, "Which one has about 750 staff in the trial?")
    assert len(set(cases(listed))) == 3
    assert one.kind == "fact"
    assert cases(one)[0] == "大阪府門真市" and "750" in one.text
    assert set(cases(one)) <= set(cases(listed))


def test_which_one_after_a_narrowing_stays_on_the_narrowed_list(shared_e5_bot):
    # 'Considering / planning' held by 都城市 alone answered with it: 那覇市 writes the approvals
    *_, cities, one = talk(shared_e5_bot, "Which cases are in Kyushu?", "Only cities.",
                           "Which one plans to build it into approvals?")
    assert cases(one)[0] == "沖縄県那覇市" and "決裁" in one.text
    assert set(cases(one)) <= set(cases(cities))


def test_which_one_by_a_vendor_only_one_of_them_holds(shared_e5_bot):
    # the vendor facet tells the two Mie cases apart before any sentence does ("first" is no
    # topic: 桑名市 has a 'first' sentence and led)
    *_, one = talk(shared_e5_bot, "Where in Mie has ChatGPT been tested?",
                   "Which one works with FIXER, and on what first?")
    assert cases(one)[0] == "三重県伊賀市"


def test_which_one_alone_or_with_a_place_is_no_pick(shared_e5_bot):
    # nothing to tell them apart by, or a place of its own: read as before, never a fact of one
    *_, bare = talk(shared_e5_bot, LOGO, "Which one?")
    assert bare.kind != "fact" or len(set(cases(bare))) != 1 or "750" not in bare.text


def test_a_place_with_its_own_what_after_a_yes_no_question(shared_e5_bot):
    # read as a place swap, it asked 宮崎県 the 佐賀県 rule (『複数人・組織での確認』) again
    *_, miyazaki = talk(shared_e5_bot, "佐賀県ではAIの回答をそのまま使ってもいい？", "宮崎県は何に使っている？")
    assert cases(miyazaki)[0] == "宮崎県"
    assert "複数人" not in miyazaki.understood_as
    assert "明らかにされていません" in miyazaki.text


def test_a_bare_place_after_a_yes_no_question_is_still_a_swap(shared_e5_bot):
    # 「じゃあ島根県は？」 asks the same yes/no rule of 島根県: a swap, as before
    *_, shimane = talk(shared_e5_bot, "山口県は外部への回答に使える？", "じゃあ島根県は？")
    assert cases(shimane)[0] == "島根県"
    assert shimane.understood_as


def test_which_one_through_the_cli(e5_index_dir):
    p = run("--data-dir", str(e5_index_dir), "ask", "--json", "--conversation",
            LOGO, "Which one has about 750 staff in the trial?")
    *_, one = [json.loads(line) for line in p.stdout.splitlines()]
    assert one["citations"][0]["case"] == "大阪府門真市"
    assert one["understood_as"]
