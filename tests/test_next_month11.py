"""Issue 16 on an eleventh next-month article (tests/qa/tune/next_month11_article.txt): English
words of topics no knowledge file names, read as the article writes them — 'earthquake' 耐震, 'teaching materials' 教材 — and not as words of something else (社内 for
"in-house", 行く of the idiom 年の行った for "elderly", any 資料 for "materials"). Through the
dictionary, `Chatbot` and `chatbot ask --json`. Real e5 model, real Chroma."""

import json

import pytest

from conftest import bot_over
from core import dictionary
from test_cli import run


def test_a_gloss_a_particle_leads_is_no_word_for_its_head():
    # 社内 "in-house" is no word for "house"; 住宅 "housing" is, when nothing else reads it — for a
    # word JMdict reads mainly as a noun ("receives" is no "receiving", キャッチ)
    index = dictionary.gloss_index(["社内", "住宅", "耐震", "家"])
    assert "社内" not in dictionary.glossed("houses", index)
    assert "住宅" in dictionary.glossed("houses", index)
    assert "住宅" in dictionary.glossed("house", index)
    assert "キャッチ" not in dictionary.glossed("receives", dictionary.gloss_index(["キャッチ", "受信"]))


def test_the_object_of_a_three_word_gloss_reads_a_word_nothing_else_reads():
    # 耐震 "resistant to earthquakes": a word for "earthquake", only as a last resort
    index = dictionary.gloss_index(["耐震", "地震"])
    assert dictionary.glossed("earthquake", index) == ("地震",)
    index = dictionary.gloss_index(["耐震"])
    assert dictionary.glossed("earthquakes", index) == ("耐震",)


@pytest.fixture(scope="module")
def bot(next_month11_e5_dir, e5):
    return bot_over(next_month11_e5_dir, e5)


def cases(answer):
    return {c.case for c in answer.citations}


@pytest.mark.model
def test_houses_and_earthquakes_are_the_articles_jutaku_and_taishin(bot):
    answer = bot.ask("Which cities use AI for earthquake resistance checks of houses?")
    assert cases(answer) == {"岩手県花巻市"}
    assert all("耐震" in c.passage for c in answer.citations)


@pytest.mark.model
def test_a_phrase_the_article_writes_whole_is_not_widened_by_its_head(bot):
    # "teaching materials" is 教材 (鈴鹿市's), not every 資料 a case writes
    answer = bot.ask("Which cities use AI to write teaching materials?")
    assert cases(answer) == {"三重県鈴鹿市"}


@pytest.mark.model
def test_an_idiom_of_the_dictionary_is_no_word_for_an_english_adjective(bot):
    # "elderly" was 行く of 年の行った: 15 cases that 「行う」 something were listed
    answer = bot.ask("Which cases involve elderly people?")
    assert len(cases(answer)) <= 1


@pytest.mark.model
def test_ask_json_on_the_new_article(next_month11_e5_dir):
    p = run("--data-dir", str(next_month11_e5_dir), "ask",
            "Which cities use AI for earthquake resistance checks of houses?",
            "Which cities use AI to write teaching materials?", "--json")
    houses, materials = (json.loads(line) for line in p.stdout.splitlines() if line.strip())
    assert {c["case"] for c in houses["citations"]} == {"岩手県花巻市"}
    assert {c["case"] for c in materials["citations"]} == {"三重県鈴鹿市"}
