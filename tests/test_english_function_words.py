"""Issue 16 (lists over any topic, English too): English words that say how, not what.

- "through" ("… through a dedicated form", "… through LINE") says by which way; the glossary read
  it as 期間・まで, a period no such question asks. ("through March" is still an end date: the
  conditions read it.)
- "send", "spend", "recommend" no longer ask "until when" (the pattern matched their "end").
- A word in capitals is a name: "LINE" is not the dictionary's 線 or the article's 報告, nor the
  "line" of guide*line* / ガイド*ライン*; the article names no LINE, so the answer says so.
On the real article, the real e5 model and a real Chroma, through `Chatbot` and `chatbot ask --json`."""
from __future__ import annotations

import pytest

from conftest import ask_json
from conftest import cited as cases


@pytest.mark.parametrize("q, until", [
    ("Which cities have staff send their questions to the AI?", False),
    ("How much time do staff spend on minutes?", False),
    ("Which guideline does the ministry recommend?", False),
    ("When does Kadoma's trial end?", True),
    ("How long did the trial run?", True),
])
def test_until_is_asked_by_the_word_end_not_by_words_ending_in_it(q, until):
    from core.knowledge import knowledge

    t = next(t for t in knowledge().questions.answer_types if t.name == "until")
    assert bool(t.ask.search(q.lower())) == until


def test_a_name_in_capitals_is_named_whole():
    from chatbot.qa.read.spelling import named_in

    text = "ガイドラインを公表し、オンラインで配信した。FIXERと連携。"
    lowered = text.lower()
    assert not named_in("LINE", text, lowered)
    assert named_in("FIXER", text, lowered)
    assert named_in("LINE", "LINEで住民の質問に答える。", "lineで住民の質問に答える。")


@pytest.mark.model
def test_through_is_no_period(shared_e5_bot):
    from chatbot.qa.read import read

    r = shared_e5_bot.retriever()
    words = {t for g in read(r, "Which cases let residents ask questions through a form?").words.content for t in g}
    assert not words & {"期間", "まで"}
    assert not read(r, "Which cities have staff send questions to ChatGPT?").q.asks


@pytest.mark.model
def test_a_name_the_article_lacks_in_capitals_is_no_such_case(shared_e5_bot):
    answer = shared_e5_bot.ask("Which cases let residents chat with the AI through LINE?")
    assert cases(answer) == set()
    assert "LINE" in answer.text


@pytest.mark.model
def test_through_the_cli(e5_index_dir):
    data = ask_json(e5_index_dir, "Which cases let residents chat with the AI through LINE?")
    assert data["citations"] == []
    assert "LINE" in data["answer"]
