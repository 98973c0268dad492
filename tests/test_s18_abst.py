"""Issue 16: answer or "no such case", a decision learned on half A of the tuning questions
(`chatbot.qa.evidence.learned`). When the rules find no case for a "which …" question but offer
related cases, the related case nearest in meaning is listed when a logistic model over its
cosine, how far below the scope's nearest sentence it is and the question's reading deems it to
answer (coefficients in the policy, fitted by docs/measurements/abstain_fit.py); a question the
article has no case for still says so. On the real article, the real e5 model and a real Chroma,
through `Chatbot` and `chatbot ask --json`."""
from __future__ import annotations

import json
from dataclasses import replace

import pytest

from test_cli import run

pytestmark = pytest.mark.model

# open_lists14 (half A): 青森県 quotes an employee on how much written work the office does; no
# rule lists it (its sentence holds less than half of the question's words), the model does
QUOTED = "Which case quotes an employee saying the office produces a great deal of written work?"


def cases(answer):
    return {c.case for c in answer.citations}


def test_the_related_case_the_model_deems_to_answer_is_listed(shared_e5_bot):
    answer = shared_e5_bot.ask(QUOTED)
    assert cases(answer) == {"青森県"}
    assert answer.kind == "list"
    # cited for the question's words its sentence holds, which that sentence does hold
    (citation,) = answer.citations
    assert citation.why.startswith("words:") and citation.why != "words:"


def test_without_the_learned_decision_the_rules_say_no_such_case(shared_e5_bot):
    from chatbot.qa.answer import answer_question

    r = shared_e5_bot.retriever()
    rules = r.policy
    try:
        r.policy = replace(rules, learned_min=1.01)    # as for a model nobody measured
        assert not answer_question(r, QUOTED).citations
    finally:
        r.policy = rules


@pytest.mark.parametrize("question", [
    # none2 / open_lists21 (half A): related cases offered, none answers — the model's
    # probability stays below learned_min
    "Which city answers residents' phone calls with an AI voice?",
    "Which cities use ChatGPT to write job adverts for hiring new staff?",
])
def test_a_question_no_case_answers_still_says_so(shared_e5_bot, question):
    answer = shared_e5_bot.ask(question)
    assert not answer.citations
    assert "参考までに" in answer.text or "share some" in answer.text    # the related cases, to read


def test_ask_json_lists_the_learned_case(e5_index_dir):
    p = run("--data-dir", str(e5_index_dir), "ask", QUOTED, "--json")
    a = json.loads(p.stdout)
    assert [c["case"] for c in a["citations"]] == ["青森県"]
    p = run("--data-dir", str(e5_index_dir), "ask", "Which city answers residents' phone calls with an AI voice?",
            "--json")
    assert json.loads(p.stdout)["citations"] == []
