"""Issue 16: a facet asked in English by a word the glossary equates with one of its ask words
(tests/qa/tune/facet_synonyms.jsonl) — "rubbish", "trash" and "waste" are 'garbage' (「ごみ」) of
the inquiry facet, "apply", "request" and "sign up" are 'register' (「申請」, 「届け出」) of the
application rule, though facets.toml names neither. A glossary term asks a facet only when the
facet's asks name every Japanese reading of it, and only when the question's own words ask no
facet. The mechanism (`core.facet_glossary`) on the package knowledge; the answers on the real
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


@pytest.mark.parametrize("word", ["rubbish", "trash", "waste"])
def test_a_glossary_synonym_of_an_ask_word_asks_its_facet(word):
    assert "use.inquiry_response" in keys(f"Which city tells residents how to put out their {word}?")
    # the same question with the ask word itself asks the same facet
    assert "use.inquiry_response" in keys("Which city tells residents how to put out their garbage?")


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
    assert "use.inquiry_response" not in keys("Which cities ban using ChatGPT for rubbish guidance?")


def test_a_long_question_stays_fast():
    import time

    k = knowledge()
    start = time.perf_counter()
    facet_matches("rubbish " * 700, k.taxonomy, k.glossary)
    assert time.perf_counter() - start < 1.0


@pytest.mark.model
def test_rubbish_and_trash_find_the_case_garbage_finds(shared_e5_bot):
    garbage = cases(shared_e5_bot.ask("Which city uses ChatGPT to tell people how to put out their garbage?"))
    assert "香川県三豊市" in garbage
    for word in ("rubbish", "trash"):
        assert "香川県三豊市" in cases(shared_e5_bot.ask(f"Which city uses ChatGPT to tell people how to put out their {word}?"))


@pytest.mark.model
def test_apply_lists_the_cases_whose_staff_apply(shared_e5_bot):
    listed = cases(shared_e5_bot.ask("Which local governments make staff apply before using ChatGPT?"))
    assert {"神奈川県厚木市", "鳥取県"} <= listed
    # every case listed cites a sentence about applying (申請 / 届け出)
    a = shared_e5_bot.ask("Which local governments make staff apply before using ChatGPT?")
    assert all("申請" in c.passage or "届け出" in c.passage for c in a.citations)


@pytest.mark.model
def test_ask_json_answers_a_synonym_question(e5_index_dir):
    p = run("--data-dir", str(e5_index_dir), "ask", "Which municipality's AI explains rubbish collection to residents?",
            "--json")
    a = json.loads(p.stdout)
    assert "香川県三豊市" in {c["case"] for c in a["citations"]}
