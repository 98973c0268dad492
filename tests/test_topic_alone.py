"""Issue #16: a case listed only for a topic it alone writes, near a question that asks a thing of
that topic it never says, is no answer (`evidence.centered.topic_alone`) — but two words only
that case writes, apart in the question (「相手が機械だと」), are two things it says, not one
topic; and a noun made of a verb the case does not write (作り of 「FAQづくり」) is what is done,
which the case may say in a verb of its own (自動生成), not a thing it leaves unsaid. On the real
article, the real e5 model and a real Chroma, through `Chatbot` and `chatbot ask --json`."""
from __future__ import annotations

import json

import pytest

from chatbot.qa.evidence.centered import _side_by_side
from test_cli import run


def test_words_side_by_side_in_the_question_are_one_compound():
    assert _side_by_side("鳥インフルエンザの感染の広がりを予測", [("鳥",), ("インフルエンザ",)])
    assert not _side_by_side("相手が機械だと頼みごとを遠慮なく言える", [("相手",), ("機械",)])
    # a word the question does not write as such (read from English) is no compound
    assert not _side_by_side("bird flu outbreaks", [("鳥",), ("インフルエンザ",)])


@pytest.mark.model
def test_two_words_only_one_case_writes_are_two_things_it_says(shared_e5_bot):
    answer = shared_e5_bot.ask("相手が機械だと頼みごとを遠慮なく言えるという職員の声がある事例は？")
    assert "青森県" in {c.case for c in answer.citations}
    assert any("機械" in c.passage for c in answer.citations if c.case == "青森県")


@pytest.mark.model
def test_a_noun_made_of_a_verb_is_no_thing_left_unsaid(e5_index_dir):
    p = run("--data-dir", str(e5_index_dir), "ask", "--conversation", "--json",
            "滋賀県は何に使う？", "同じ近畿でFAQづくりに使うところは？")
    last = json.loads(p.stdout.strip().splitlines()[-1])
    assert [c["case"] for c in last["citations"]] == ["大阪府枚方市"]
    assert "FAQ" in last["citations"][0]["passage"]
