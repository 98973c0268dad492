"""Issue 16: an English question may write a vendor's or product's name closed up ("ShiftPlus",
"MentalCompass") where the facet's label spaces it ('Shift Plus (zevo)') and the article writes it
in katakana (シフトプラス): the name is what the question asks about, not a name the article lacks.
On the real article, the real e5 model and a real Chroma, through `Chatbot` and `chatbot ask --json`."""
from __future__ import annotations

import pytest

from conftest import ask_json
from conftest import cited as cases

pytestmark = pytest.mark.model


@pytest.mark.parametrize("question, case", [
    ("Who is developing a platform with ShiftPlus?", "宮崎県都城市"),
    ("Which municipality works with MentalCompass?", "三重県桑名市"),
])
def test_a_closed_up_name_is_the_facets_name(shared_e5_bot, question, case):
    answer = shared_e5_bot.ask(question)
    assert cases(answer) == {case}
    assert "no case" not in answer.text
    assert "1 case in the article" in answer.text and "matches" in answer.text


def test_a_name_no_case_has_is_still_absent(shared_e5_bot):
    # a closed-up name that is no facet's: the article has no such case, as before
    answer = shared_e5_bot.ask("Which municipality works with ShiftMinus?")
    assert cases(answer) == set()


def test_through_ask_json(e5_index_dir):
    data = ask_json(e5_index_dir, "Who is developing a platform with ShiftPlus?")
    assert {c["case"] for c in data["citations"]} == {"宮崎県都城市"}
