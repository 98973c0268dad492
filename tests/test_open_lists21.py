"""Issue 16: a "which …" list asked with the everyday word for the people a case serves (住民)
when each case names its own (市民・区民・県民サービスの向上): the glossary's other words for the
meaning that are the same kind of thing — two kanji with the same last kanji — are read with
it, however many cases write them. Not words that only begin alike (無償, 無料: those stay
for rare words only) nor words sharing nothing (SNS, 広報). On the real article, the real e5
model and a real Chroma, through `Chatbot` and through `chatbot ask --json`."""
from __future__ import annotations

import pytest

from conftest import ask_json
from conftest import cited as cases

CITY_SERVICE = {"三重県桑名市", "宮崎県都城市", "福岡県古賀市"}      # 「市民サービスの向上」


def test_same_head_reads_the_glossary_words_of_the_same_kind():
    from chatbot.qa.read.spelling import _same_head
    from core.knowledge import knowledge

    k = knowledge()
    assert set(_same_head(k, "住民")) == {"市民", "県民", "区民"}
    assert "住民" in _same_head(k, "市民")
    assert _same_head(k, "無償") == ()          # begins alike only
    assert _same_head(k, "広報") == ()          # shares nothing with SNS
    assert _same_head(k, "住民サービス") == ()  # a word of two kanji only


@pytest.mark.model
def test_residents_read_the_cases_own_word_for_them(shared_e5_bot):
    got = cases(shared_e5_bot.ask("住民へのサービスを良くすることも狙っている自治体は？"))
    assert {"長野県飯島町", "大阪府大阪市"} | CITY_SERVICE <= got


@pytest.mark.model
def test_through_the_cli(e5_index_dir):
    data = ask_json(e5_index_dir, "住民へのサービスを良くすることも狙っている自治体は？")
    assert CITY_SERVICE <= {c["case"] for c in data["citations"]}
