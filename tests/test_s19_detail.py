"""Issue 17, session 19: a detail follow-up asks that subject — after a short list, a level, office
or prefecture that keeps exactly one case on screen, with a what, when or how many asked, is that
case's detail (`chatbot.qa.read.kept_one`), not a new question over the whole article:

* 「埼玉県の事例を教えて」 (埼玉県庁, 戸田市) → 「県庁では何人くらいが対象なの？」 is 埼玉県庁's
  staff (was: the six prefectural offices that state a number), and 「利用するにはどんな条件が
  ある？」 after it stays on 埼玉県庁 (was: nothing found);
* 「四国の事例は？」 (愛媛県, 三豊市) → 「香川県は何カ国語に対応している？」 is 三豊市's (香川県 has no
  case of its own office: was "no case of 香川県");
* after "no such case in that scope; outside it, the article has it for 三豊市" (the scope read
  from "University of Tokyo"), a detail asked next is 三豊市's (was: 東京都庁's, of the place the
  question named; `chatbot.qa.answer`);
* the same after a narrowing that found none and named one case sharing the question's words
  (「…ところは？」 → 「四国だけ」 → 「いつから？」: 三豊市, the one case on screen);
* a prefecture the list does not hold (「広島県はいつから？」) is still a question of its own, and a
  level that keeps two of three (「市はいつから？」) still narrows the list.

Real e5 model, real Chroma, through `Chatbot.converse` (tuning: tests/qa/tune/conversations26.jsonl
t26_033)."""
from __future__ import annotations

import time

import pytest


def cases(answer):
    return [c.case for c in answer.citations]


@pytest.mark.model
def test_an_office_that_keeps_one_case_of_a_short_list_asks_its_detail(shared_e5_bot):
    listed, staff, rule = shared_e5_bot.converse(
        ["埼玉県の事例を教えて", "県庁では何人くらいが対象なの？", "利用するにはどんな条件がある？"])
    assert set(cases(listed)) == {"埼玉県庁", "埼玉県戸田市"}
    assert set(cases(staff)) == {"埼玉県庁"}
    assert "13,000" in staff.text
    assert cases(rule) and cases(rule)[0] == "埼玉県庁"
    assert "8つのルール" in rule.text


@pytest.mark.model
def test_a_prefecture_with_no_office_case_keeps_its_city_on_screen(shared_e5_bot):
    listed, asked = shared_e5_bot.converse(["四国の事例は？", "香川県は何カ国語に対応している？"])
    assert set(cases(listed)) == {"愛媛県", "香川県三豊市"}
    assert set(cases(asked)) == {"香川県三豊市"}
    assert "50カ国" in asked.text


@pytest.mark.model
def test_a_place_off_the_list_or_a_level_keeping_several_is_not_one_case(shared_e5_bot):
    *_, other = shared_e5_bot.converse(["四国の事例は？", "広島県はいつから？"])
    assert set(cases(other)) == {"広島県"}
    *_, cities = shared_e5_bot.converse(["静岡県の事例は？", "市はいつから？"])
    assert set(cases(cities)) == {"静岡県島田市", "静岡県富士市"}


@pytest.mark.model
# ("Which city teamed up with the University of Tokyo?" was this case too while 'Tokyo' read as 東京都;
# the University of Tokyo is no place since h-s19turns, and that question now finds 三豊市 itself)
@pytest.mark.parametrize("first, asked, said", [
    ("ごみ出し案内システムを開発した県は？", "いつから？", "6月1日"),
])
def test_a_detail_after_a_none_that_named_one_case_elsewhere_asks_that_case(shared_e5_bot, first, asked, said):
    none, detail = shared_e5_bot.converse([first, asked])
    assert none.kind == "none" and [r["case"] for r in none.related] == ["香川県三豊市"]
    assert set(cases(detail)) == {"香川県三豊市"}
    assert said in detail.text


@pytest.mark.model
def test_a_detail_after_a_narrowing_that_found_none_but_named_one_case_asks_that_case(shared_e5_bot):
    listed, narrowed, detail = shared_e5_bot.converse(
        ["住民の質問に答えるのにChatGPTを使っているところは？", "四国だけ", "いつから？"])
    assert narrowed.kind == "none" and [r["case"] for r in narrowed.related] == ["香川県三豊市"]
    # was: the list before the narrowing, each of its cases asked 「いつから？」
    assert set(cases(detail)) == {"香川県三豊市"}
    assert "6月1日" in detail.text


def test_the_reading_is_quick_on_long_messages(shared_e5_bot):
    # (no new pattern reads the message; the longest a question may be, 2,000 characters)
    start = time.perf_counter()
    for text in ("県庁では" * 499 + "何人？", "県庁 " * 660 + "何人？", "香川県は" * 499 + "何？", " " * 1990 + "県は何人？"):
        shared_e5_bot.converse(["四国の事例は？", text])
    assert time.perf_counter() - start < 30
