"""Issue 16: English open "which …" lists read through JMdict (tests/qa/tune/open_lists_en.jsonl).
A phrasal verb is read whole or not at all ("carried out" 行う; not "set" 決める, nor "off"
停止), a word's dictionary words come from its first sense when it has one ("special" 特定, not
此れ; "signs" 兆し, not 様子), and a two-word gloss with a function word reads nothing ("how long": no 直ぐ of "before
long"). On the real article, the real e5 model and a real Chroma, through `Chatbot` and
`chatbot ask --json`; the dictionary rules alone through `core.dictionary`."""
from __future__ import annotations

import json

import pytest

from test_cli import run

HOW_LONG = "Which cases say how long it takes the AI to give an answer?"


def cases(answer):
    return {c.case for c in answer.citations}


def words(bot, question):
    from chatbot.qa.read import read

    w = read(bot.retriever(), question).words
    return {t for g in w.content for t in g}, w


def test_the_first_sense_and_function_word_glosses():
    from core import dictionary

    assert "様子" in dictionary.japanese("signs")             # "signs" is a later sense of 様子
    assert "兆し" in dictionary.head_japanese("signs") and "様子" not in dictionary.head_japanese("signs")
    assert "long" in dictionary.gloss_index(["直ぐ"])           # "before long"
    assert "long" not in dictionary.gloss_index(["直ぐ"], frozenset({"before", "at"}))


@pytest.mark.model
def test_how_long_is_no_word_for_at_once(shared_e5_bot):
    # 「すぐに利用を停止」 (経済産業省) was the only case "how long" (直ぐ) found; いわき市 writes
    # 「返答時間は約30秒」
    read, _ = words(shared_e5_bot, HOW_LONG)
    assert "直ぐ" not in read
    assert "福島県いわき市" in cases(shared_e5_bot.ask(HOW_LONG))


@pytest.mark.model
def test_a_phrasal_verb_is_read_whole_or_not_at_all(shared_e5_bot):
    read, w = words(shared_e5_bot, "Which city carried out a trial with a team of university researchers?")
    assert "行う" in read and "持つ" not in read              # carry out, not carry
    read, _ = words(shared_e5_bot, "Which town keeps its network for personal data cut off from ChatGPT?")
    assert not {"停止", "解除", "整理"} & read                # the particle "off" is no topic
    read, _ = words(shared_e5_bot, "Which city had to shut down its ChatGPT trial after a data leak?")
    assert not {"立てる", "整理"} & read                      # shut 立てる, down 整理
    # a verb with a preposition the dictionary does not know whole reads as before: "pay for"
    # keeps "pay", and the question about prices is still answered that no case states one
    answer = shared_e5_bot.ask("Which cases state how much they pay for ChatGPT (the fee or the price)?")
    assert answer.kind == "none" or not cases(answer)


@pytest.mark.model
def test_ask_json_reads_how_long_as_a_duration(e5_index_dir):
    p = run("--data-dir", str(e5_index_dir), "ask", HOW_LONG, "--json")
    assert "福島県いわき市" in {c["case"] for c in json.loads(p.stdout)["citations"]}
