"""Issue 16, "no facet substituted for a narrower question", within a scope: a question asked of a
level or region means what it means over the whole article. 「都道府県で条例を作ったところは？」 —
only 兵庫県神戸市, a city, writes 条例 — has no such prefecture (not the 14 prefectures with
guidelines), and says where the article has it; "Which municipality uses AI to answer garbage
questions from foreign residents?" is 三豊市, the one case of 'Answering inquiries' that writes
them over the article, not the five municipalities of the facet (among five, a word one of them
writes looked common). Tuning questions of half A (conversations24 tc24_038, none2 nn2_051, none3
nn3_038). On the real article, the real e5 model and a real Chroma, through `Chatbot` and
through `chatbot ask --json`."""
from __future__ import annotations

import json

import pytest

from test_cli import run

pytestmark = pytest.mark.model


def cases(answer):
    return {c.case for c in answer.citations}


def related(answer):
    return {r["case"] for r in answer.related}


@pytest.mark.parametrize("history", [(), ("生成AIに関する条例を作った自治体は？",)])
def test_a_narrower_word_only_cases_outside_the_scope_write_is_no_such_case_in_it(shared_e5_bot, history):
    answer = shared_e5_bot.ask("都道府県で条例を作ったところは？", history=history)
    assert cases(answer) == set()
    # where the article does have it: named, not cited
    assert related(answer) == {"兵庫県神戸市"}
    assert "都道府県" in answer.text and "兵庫県神戸市" in answer.text


def test_the_same_words_over_the_whole_article_keep_their_case(shared_e5_bot):
    assert cases(shared_e5_bot.ask("生成AIに関する条例を作った自治体は？")) == {"兵庫県神戸市"}


def test_the_facet_itself_asked_within_a_level_is_still_its_cases_there(shared_e5_bot):
    # nothing narrower than the facet: every prefecture with guidelines, as before
    answer = shared_e5_bot.ask("都道府県でガイドラインを作ったところは？")
    assert {"埼玉県庁", "静岡県", "佐賀県", "栃木県庁"} <= cases(answer)
    assert len(cases(answer)) >= 10


@pytest.mark.parametrize("question", [
    "Which municipality uses AI to answer garbage questions from foreign residents?",
    "Which city lets residents ask about garbage by voice on their smartphones?",
])
def test_what_narrows_a_facet_over_the_article_narrows_it_within_a_level(shared_e5_bot, question):
    assert cases(shared_e5_bot.ask(question)) == {"香川県三豊市"}


def test_a_prefecture_named_with_a_word_its_cases_lack_is_not_no_such_case(shared_e5_bot):
    # 「どこの部署」 asks a detail of 青森県's case: 部署, which other cases write, is what it
    # asks, not a narrower thing the prefecture lacks
    assert "青森県" in cases(shared_e5_bot.ask("青森県で活用方法を検討しているのはどこの部署？"))


def test_ask_json_says_no_such_prefecture_and_names_the_city(e5_index_dir):
    p = run("--data-dir", str(e5_index_dir), "ask", "都道府県で条例を作ったところは？", "--json")
    a = json.loads(p.stdout)
    assert a["citations"] == [] and a["kind"] == "none"
    assert [r["case"] for r in a["related"]] == ["兵庫県神戸市"]
    p = run("--data-dir", str(e5_index_dir), "ask",
            "Which municipality uses AI to answer garbage questions from foreign residents?", "--json")
    assert [c["case"] for c in json.loads(p.stdout)["citations"]] == ["香川県三豊市"]


def test_a_facet_only_cases_outside_the_scope_have_with_its_word_unwritten_there_is_no_such_case(shared_e5_bot):
    # no prefecture has 'Drafting answers for the assembly' nor writes 議会 (群馬県藤岡市 does):
    # not 静岡県, which a search of the prefectures found for the question's other words
    answer = shared_e5_bot.ask("Which prefecture uses ChatGPT to write answers to council questions?")
    assert cases(answer) == set()
    assert related(answer) == {"群馬県藤岡市"} and "prefectures" in answer.text
    # the whole article: 藤岡市 (its facet), as before
    assert "群馬県藤岡市" in cases(shared_e5_bot.ask("Which cases use ChatGPT to write answers to council questions?"))


def test_a_facet_named_by_a_word_beside_what_the_scope_writes_is_not_no_such_case(shared_e5_bot):
    # 'Greetings and speeches' (by "speech") no case in Shikoku has, but 三豊市 writes 音声
    # (voice): its case, found by the question's words, not "no such case in Shikoku"
    assert cases(shared_e5_bot.ask("In Shikoku, which cases use voice input or speech?")) == {"香川県三豊市"}
