"""Issue 16 on a sixteenth next-month article (tests/qa/tune/next_month16_article.txt): "no such
case" asked near a new case, on a topic only that case writes.

- a list question that names a new case's topic and asks a thing of it the case never says
  (「鳥インフルエンザの感染の広がりを予測」, 「棚田で取れた米の販売」) is "no such case": the case's
  sentence is near in meaning for its topic alone (`topic_alone`), however many words the question
  splits that topic into (鳥 / インフルエンザ), and a word another case writes is as unsaid by it
  as one no case writes;
- an English phrase read two ways (「real time」: 時間・分 and 時間・手間) is one noun, not two a
  sentence of 時間 alone holds;
- "decided not to use it" asks a use that ended (「見送った」), and a plural English noun is read
  through its singular's noun (「awards」 → 表彰);
- asked what the new cases do say, in the same words, they are listed.

Through `Chatbot` and `chatbot ask --json`. Real e5 model, real Chroma."""

import json

import pytest

from conftest import bot_over, cited
from test_cli import run


@pytest.fixture(scope="module")
def bot(next_month16_e5_dir, e5):
    return bot_over(next_month16_e5_dir, e5)


@pytest.mark.model
@pytest.mark.parametrize("question", [
    "鳥インフルエンザの感染の広がりをAIで予測している自治体は？",
    "棚田で取れた米の販売にAIを使っている自治体は？",
    "Which cities use AI to interpret sign language in real time?",
])
def test_a_thing_the_new_case_does_not_say_is_no_case(bot, question):
    answer = bot.ask(question)
    assert not cited(answer)


@pytest.mark.model
@pytest.mark.parametrize("question, case", [
    ("鳥インフルエンザへの備えにAIを試した自治体は？", "鹿児島県出水市"),
    ("棚田に関することにAIを使っている自治体は？", "新潟県十日町市"),
    ("Which cities use AI for sign language interpreting requests?", "北海道石狩市"),
    # a plural the dictionary reads through its singular's noun ("awards" → 表彰)
    ("Which cities use AI when honouring citizens with awards?", "福岡県宗像市"),
    # "decided not to use it" asks a use that ended: the case whose sentence says 見送った
    ("Which cities tried generative AI and then decided not to use it?", "鹿児島県出水市"),
])
def test_what_the_new_case_says_is_listed(bot, question, case):
    assert cited(bot.ask(question)) == {case}


@pytest.mark.model
def test_ask_json_on_the_sixteenth_article(next_month16_e5_dir):
    p = run("--data-dir", str(next_month16_e5_dir), "ask", "鳥インフルエンザへの備えにAIを試した自治体は？",
            "鳥インフルエンザの感染の広がりをAIで予測している自治体は？", "--json")
    ready, forecast = (json.loads(line) for line in p.stdout.splitlines() if line.strip())
    assert {c["case"] for c in ready["citations"]} == {"鹿児島県出水市"}
    assert forecast["citations"] == []
