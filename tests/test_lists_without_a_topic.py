"""Lists whose question names no topic of its own.

A scope with a use that ended — 「ChatGPTの利用をやめた市は？」, "Which cities quit ChatGPT?" —
had been read as the scope alone and answered with every city (29). It is the cases of the scope
whose sentence says a use stops, and "no such case" when none does. Through the library and
`chatbot ask --json`.

A question of words every question shares — 「ChatGPTを活用している自治体は？」, "Which local
governments are using ChatGPT?", 「どんな事例がある？」 — had been a search for nothing (5 and 11
cases of other things, one case's detail): it is every case of the article."""
import json

import pytest

from test_cli import run


@pytest.mark.model
@pytest.mark.parametrize("question", ["ChatGPTの利用をやめた市は？", "Which cities stopped using ChatGPT?",
                                      "Which cities abandoned ChatGPT?", "利用を見送った県は？"])
def test_a_use_that_ended_is_not_every_case_of_the_scope(shared_e5_bot, question):
    a = shared_e5_bot.ask(question)
    assert a.kind == "none" and not a.citations


@pytest.mark.model
def test_a_case_that_says_its_use_would_stop_is_listed_with_that_sentence(shared_e5_bot):
    a = shared_e5_bot.ask("Which ministries would stop using it?")
    assert [c.case for c in a.citations] == ["経済産業省"] and "利用を停止" in a.citations[0].passage


@pytest.mark.model
def test_the_scope_alone_is_still_every_case_of_it(shared_e5_bot):
    assert len(shared_e5_bot.ask("Which cities are there?").citations) == 29
    assert {c.case for c in shared_e5_bot.ask("四国の事例は？").citations} == {"愛媛県", "香川県三豊市"}


@pytest.mark.model
def test_ask_json_says_no_city_quit_and_quotes_the_one_that_would(e5_index_dir):
    p = run("--data-dir", str(e5_index_dir), "ask", "Which cities quit ChatGPT?", "ChatGPTをやめた自治体は？",
            "Which local governments are using ChatGPT?", "--json")
    quit_, stopped, using = [json.loads(line) for line in p.stdout.splitlines()]
    assert len(using["citations"]) == 62
    assert quit_["kind"] == "none" and not quit_["citations"]
    # over the whole article it had been a search (13 cases of other things): the one case whose
    # sentence says when its use would stop, with that sentence
    assert [c["case"] for c in stopped["citations"]] == ["経済産業省"] and "停止" in stopped["citations"][0]["passage"]


@pytest.mark.model
@pytest.mark.parametrize("question", ["ChatGPTを活用している自治体は？", "Which local governments are using ChatGPT?",
                                      "ChatGPTを導入した自治体を教えて", "Which ones use generative AI?",
                                      # (a fact question asking which cases: 「どんな事例」 had been one case's
                                      # detail, 「どんな自治体が載っていますか」 "no such case")
                                      "どんな事例がある？", "どんな自治体が載っていますか？"])
def test_a_question_of_shared_words_alone_is_every_case(shared_e5_bot, question):
    a = shared_e5_bot.ask(question)
    assert a.kind == "list" and len(a.citations) == 62



@pytest.mark.model
def test_a_question_about_chatgpt_itself_is_not_every_case(shared_e5_bot):
    # no case word: not the overview (nor cases nearest to nothing: what to ask, tests/test_first_questions.py)
    a = shared_e5_bot.ask("What is ChatGPT?")
    assert a.kind == "none" and not a.citations
