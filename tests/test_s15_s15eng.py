"""Issue 16 (lists over any topic, English too): English words of grammar read as a topic.

- An irregular past form or participle ("shown", "built", "sent", "felt") is its verb
  (stopwords.toml past_forms), which JMdict glosses; read as a word of its own it was a word the
  cases lack (the right case fell under the share) or a wrong noun ("felt" フェルト).
On the real article, the real e5 model and a real Chroma, through `Chatbot` and `chatbot ask --json`."""
from __future__ import annotations

import json

import pytest

from conftest import cited as cases
from test_cli import run

pytestmark = pytest.mark.model


def _words(bot, question):
    from chatbot.qa.read import read

    return read(bot.retriever(), question).words


@pytest.mark.parametrize("q, word", [
    ("Which case says the source must be shown when AI output is used outside?", "shown"),
    ("Which trial answers a question sent through a dedicated form in about 30 seconds?", "sent"),
    ("Which city built a system that tells residents how to put out their rubbish?", "built"),
])
def test_a_verbs_irregular_form_is_no_word_the_cases_lack(shared_e5_bot, q, word):
    assert (word,) not in _words(shared_e5_bot, q).missing


def test_past_forms_are_read_from_the_stopwords_file():
    from core.knowledge import knowledge

    forms = dict(knowledge().stopwords.past_forms)
    assert forms["built"] == "build" and forms["shown"] == "show" and "paid" not in forms


def test_shown_asks_what_show_asks(e5_index_dir):
    p = run("--data-dir", str(e5_index_dir), "ask",
            "Which case says the source must be shown when AI output is used outside?", "--json")
    a = json.loads(p.stdout)
    assert {c["case"] for c in a["citations"]} == {"静岡県富士市"}
