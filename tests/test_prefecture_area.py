"""A prefecture named as where to look (「神奈川県で使っているところは？」, 「神奈川県ではどこが…」,
「東京都内で…」) asks for the cases in it — its own government's case among them — not for that
government alone; named as the subject (「広島県は…に使える？」) or as its office (「神奈川県庁で…」)
it is still the one case. On the real article, the real e5 model and a real Chroma, through
`Chatbot` and through `chatbot ask --json`."""
from __future__ import annotations

import pytest

from conftest import ask_json
from conftest import cited as cases

pytestmark = pytest.mark.model
KANAGAWA = {"神奈川県庁", "神奈川県横須賀市", "神奈川県相模原市", "神奈川県厚木市"}


@pytest.mark.parametrize("question", [
    "神奈川県で使っているところは？",
    "神奈川県ではどこが使っている？",
    "神奈川県内で使っている自治体は？",
])
def test_a_prefecture_as_where_to_look_lists_its_cases(shared_e5_bot, question):
    assert cases(shared_e5_bot.ask(question)) == KANAGAWA


def test_a_topic_in_a_prefecture_narrows_its_cases(shared_e5_bot):
    found = cases(shared_e5_bot.ask("神奈川県で本格導入したところは？"))
    assert found and found < KANAGAWA and "神奈川県横須賀市" in found


@pytest.mark.parametrize("question, case", [
    ("神奈川県庁で使っているところは？", "神奈川県庁"),
    ("広島県は外部向けの資料に使える？", "広島県"),
    ("神奈川県では何人が使っている？", "神奈川県庁"),
])
def test_the_prefecture_as_subject_or_office_is_its_own_case(shared_e5_bot, question, case):
    assert cases(shared_e5_bot.ask(question)) == {case}


def test_through_the_cli(e5_index_dir):
    data = ask_json(e5_index_dir, "神奈川県で使っているところは？")
    assert {c["case"] for c in data["citations"]} == KANAGAWA
