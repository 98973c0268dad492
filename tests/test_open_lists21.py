"""Issue 16: a "which …" list asked with the everyday word for the people a case serves (住民)
when each case names its own (市民・区民・県民サービスの向上): the glossary's words for the people
of a place — two kanji ending in 民 and beginning with a level's kanji (市, 県, 区) — and the
article's other words of that shape (都民) are read with it, however many cases write them. Not
other words that only end alike (回答, 返答; 試験, 実験: another thing each; lists dropped with
them). On the real article, the real e5 model and a real Chroma, through `Chatbot` and through
`chatbot ask --json`."""
from __future__ import annotations

import pytest

from conftest import ask_json
from conftest import cited as cases

CITY_SERVICE = {"三重県桑名市", "宮崎県都城市", "福岡県古賀市"}      # 「市民サービスの向上」


def test_same_head_reads_the_article_words_for_the_people_of_each_level():
    from chatbot.qa.read.spelling import _same_head
    from core.knowledge import knowledge

    k = knowledge()
    idf = dict.fromkeys(["住民", "市民", "県民", "区民", "都民", "国民", "回答", "返答", "試験", "実験", "庁内", "社内"], 1.0)
    assert set(_same_head(k, "住民", idf)) == {"市民", "県民", "区民", "都民"}   # 都民: the article's, not the glossary's
    assert _same_head(k, "市民", idf) == ("住民",)         # a city's people: not a ward's 区民, a prefecture's 県民
    assert _same_head(k, "区民", idf) == ("住民",)
    assert "国民" not in _same_head(k, "住民", idf)      # 国 is no level of a place
    # words that only end alike are another thing each; words that begin alike are left to rarity
    for word in ("回答", "試験", "庁内", "無償", "広報", "住民サービス"):
        assert _same_head(k, word, idf) == ()


@pytest.mark.model
def test_residents_read_the_cases_own_word_for_them(shared_e5_bot):
    got = cases(shared_e5_bot.ask("住民へのサービスを良くすることも狙っている自治体は？"))
    assert {"大阪府大阪市"} | CITY_SERVICE <= got      # 住民サービス and 市民サービス
    assert "東京都庁" in cases(shared_e5_bot.ask("住民の不安に対して情報を発信するとしている自治体は？"))   # 都民


@pytest.mark.model
def test_through_the_cli(e5_index_dir):
    data = ask_json(e5_index_dir, "住民へのサービスを良くすることも狙っている自治体は？")
    assert CITY_SERVICE <= {c["case"] for c in data["citations"]}
