"""Issue 16: a facet asked in English by a word the glossary equates with one of its ask words
(tests/qa/tune/facet_synonyms.jsonl) — "apply", "request" and "sign up" are 'register' (「申請」,
「届け出」) of the application rule, though facets.toml names none of them. A glossary term asks a
facet only when the facet's asks name every Japanese reading of it, a use only when the readings
are the use itself (its cues: "rubbish" = 「ごみ」 is one topic of 'Answering inquiries', not the
facet), and only when the question's own words ask no facet. The mechanism (`core.facet_glossary`) on the package knowledge; the answers on the real
article, the real e5 model and a real Chroma, through `Chatbot` and `chatbot ask --json`."""
from __future__ import annotations

import json

import pytest

from core.facets import facet_matches
from core.knowledge import knowledge
from test_cli import run


def keys(question):
    k = knowledge()
    return {f.key for f, _ in facet_matches(question, k.taxonomy, k.glossary)}


def cases(answer):
    return {c.case for c in answer.citations}


@pytest.mark.parametrize("question", [
    "Which local governments make staff apply before using ChatGPT?",
    "Where must employees submit a request to use ChatGPT?",
    "Which cases require staff to sign up before they can use generative AI?",
])
def test_a_glossary_synonym_of_an_ask_word_asks_its_facet(question):
    assert keys(question) == {"rule.application_required"}
    # the ask word itself asks the same facet
    assert "rule.application_required" in keys("Which cases ask staff to register before using generative AI?")


@pytest.mark.parametrize("word", ["rubbish", "trash", "waste"])
def test_a_synonym_of_a_use_s_topic_asks_no_use(word):
    # 「ごみ」 is one topic of 'Answering inquiries' (its cue is 「ごみ出し案内」): the cases that
    # write it are found by their sentences, not every case of the facet
    assert keys(f"Which city tells residents how to put out their {word}?") == set()


def test_the_words_that_asked_are_the_questions_own():
    k = knowledge()
    matched = facet_matches("Where must staff submit a request to use ChatGPT?", k.taxonomy, k.glossary)
    assert [(f.key, w) for f, w in matched] == [("rule.application_required", "request")]


def test_a_term_with_several_readings_asks_no_facet_naming_only_one():
    # 'documents' = 文章 / 文書 / 作成 / 下書き: drafting names 下書き, but not all four
    assert keys("Which cases mention documents?") == set()
    # 'interim' = 暫定 is no English ask word of the trial stage: a neighbour, not a synonym
    assert "status.trial" not in keys("According to Yamagata's interim report, what was the most common use?")


def test_the_glossary_speaks_only_when_the_question_asks_no_facet_itself():
    # "council" (議会) is a detail of drafting here; "computer" (端末) of programming
    assert "use.parliament" not in keys("Which cases will use generative AI to draft answers for the council?")
    assert "rule.isolated_environment" not in keys("Which cases use ChatGPT to write computer programs?")


def test_a_ban_next_to_the_synonym_is_no_use_asked():
    # 'creative' = 'brainstorm' = 「アイデア」 asks the ideas use, but not beside a ban
    assert keys("Which cases use ChatGPT for creative work?") == {"use.ideas"}
    assert "use.ideas" not in keys("Which cities ban using ChatGPT for creative work?")


def test_a_long_question_stays_fast():
    import time

    k = knowledge()
    start = time.perf_counter()
    facet_matches("rubbish " * 700, k.taxonomy, k.glossary)
    assert time.perf_counter() - start < 1.0


@pytest.mark.model
def test_rubbish_is_not_every_inquiry_case(shared_e5_bot):
    # the facet of all inquiry cases would list 越前市, 枚方市, 伊賀市 … beside 三豊市
    listed = cases(shared_e5_bot.ask("Which town answers questions about rubbish collection spoken into a smartphone?"))
    assert "香川県三豊市" in listed and len(listed) <= 2


@pytest.mark.model
def test_apply_lists_the_cases_whose_staff_apply(shared_e5_bot):
    listed = cases(shared_e5_bot.ask("Which local governments make staff apply before using ChatGPT?"))
    assert {"神奈川県厚木市", "鳥取県"} <= listed
    # every case listed cites a sentence about applying (申請 / 届け出)
    a = shared_e5_bot.ask("Which local governments make staff apply before using ChatGPT?")
    assert all("申請" in c.passage or "届け出" in c.passage for c in a.citations)


@pytest.mark.model
def test_ask_json_answers_a_synonym_question(e5_index_dir):
    p = run("--data-dir", str(e5_index_dir), "ask", "Where must employees submit a request to use ChatGPT?", "--json")
    a = json.loads(p.stdout)
    assert {"神奈川県厚木市", "鳥取県"} <= {c["case"] for c in a["citations"]}
