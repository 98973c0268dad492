"""Issue 17, the twentieth tuning set's classes (tests/qa/tune/conversations20.jsonl): follow-ups
that point back at a case of the conversation or leave out the place of the one case just
answered (`chatbot/qa/read/refer.py`), and list questions that had been read as asking a fact.

- 「福島県以外では？」 right after 「福島県庁は誤字脱字のチェックに使える？」 had listed every other case
  of the article (60): it asks that question of the other cases outside 福島県.
- 「もう一つの自治体は？」 after a list of two and a detail of one of them had listed all 62 cases:
  it asks that detail of the other case.
- 「最初の市では…」 after two questions each about one case (no list on screen) had found nothing:
  the first case the conversation was about.
- 「ほかにBardも入れたところは？」 after a narrowing down to one case listed that case again.
- "Where in Gunma …?" had answered 群馬県庁 alone, and 「…に使うところは？」 (a verb in its dictionary
  form) had been a fact question: both are lists.

Through the library and `chatbot ask --json --conversation`."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from conftest import ROOT

AZURE = "Azure OpenAI Serviceを使っている自治体は？"


def cases(answer):
    return {c.case for c in answer.citations}


def talk(bot, *questions):
    return bot.converse(list(questions))


@pytest.mark.model
def test_leaving_out_the_one_cases_place_asks_its_question_of_the_others(shared_e5_bot):
    one, rest = talk(shared_e5_bot, "福島県庁は誤字脱字のチェックに使える？", "福島県以外では？")
    assert cases(one) == {"福島県庁"}
    assert "大阪府大阪市" in cases(rest)                 # 「誤字脱字の添削」
    assert len(cases(rest)) < 10 and not any(c.startswith("福島県") for c in cases(rest))
    # a message with a scope and a question of its own is still read as its own
    _, own = talk(shared_e5_bot, "日光市のワークショップはいつ？", "東京都以外で、区か町の事例はある？")
    assert cases(own) == {"長野県飯島町"}


@pytest.mark.model
def test_the_other_one_of_two_gets_the_detail_asked_of_the_first(shared_e5_bot):
    listed, first, other = talk(shared_e5_bot, AZURE, "千代田区はいつまでテストする？", "もう一つの自治体は？")
    assert cases(listed) == {"東京都千代田区", "茨城県庁"} and cases(first) == {"東京都千代田区"}
    assert cases(other) == {"茨城県庁"} and "9月30日" in other.text


@pytest.mark.model
def test_the_first_city_with_no_list_is_the_first_case_asked_about(shared_e5_bot):
    *_, first = talk(shared_e5_bot, "横須賀市の職員はChatGPTをどう評価した？", "厚木市では1件あたり何分短縮できた？",
                     "最初の市では1日何分短縮できると試算した？")
    assert [c.case for c in first.citations][:1] == ["神奈川県横須賀市"] and "10分" in first.text
    # with a list on screen the position is still the list's
    listed, second = talk(shared_e5_bot, "LoGoチャットを使っている自治体は？", "2番目の自治体はいつから？")
    assert cases(second) == {[c.case for c in listed.citations][1]}


@pytest.mark.model
def test_others_with_a_topic_after_one_case_leave_it_out(shared_e5_bot):
    *_, bard = talk(shared_e5_bot, "全職員が使えるようにした自治体は？", "そのうち静岡は？", "ほかにBardも入れたところは？")
    assert cases(bard) == {"富山県"}


@pytest.mark.model
@pytest.mark.parametrize("question, listed", [
    ("Where in Gunma is ChatGPT being tried?", {"群馬県庁", "群馬県藤岡市", "群馬県高崎市"}),
    ("Where in Tokyo is ChatGPT used?", {"東京都庁", "東京都江戸川区", "東京都千代田区", "東京都練馬区"}),
])
def test_where_in_a_prefecture_is_a_list(shared_e5_bot, question, listed):
    assert cases(shared_e5_bot.ask(question)) == listed


@pytest.mark.model
def test_a_dictionary_form_verb_before_tokoro_asks_a_list(shared_e5_bot):
    *_, faq = talk(shared_e5_bot, "滋賀県は何に使う？", "同じ近畿でFAQづくりに使うところは？")
    assert cases(faq) == {"大阪府枚方市"}


def test_leaving_out_the_place_and_the_other_one_through_the_cli(e5_index_dir):
    env = {**os.environ, "CHATBOT_DATA_DIR": str(e5_index_dir)}
    p = subprocess.run([sys.executable, "-m", "chatbot.tools.cli", "ask", "--json", "--conversation",
                        AZURE, "千代田区はいつまでテストする？", "もう一つの自治体は？"],
                       capture_output=True, text=True, env=env, cwd=ROOT, timeout=600)
    assert p.returncode == 0, p.stderr
    *_, other = [json.loads(line) for line in p.stdout.splitlines()]
    assert {c["case"] for c in other["citations"]} == {"茨城県庁"} and "9月30日" in other["answer"]
    p = subprocess.run([sys.executable, "-m", "chatbot.tools.cli", "ask", "--json", "--conversation",
                        "福島県庁は誤字脱字のチェックに使える？", "福島県以外では？"],
                       capture_output=True, text=True, env=env, cwd=ROOT, timeout=600)
    assert p.returncode == 0, p.stderr
    _, rest = [json.loads(line) for line in p.stdout.splitlines()]
    assert "大阪府大阪市" in {c["case"] for c in rest["citations"]} and len(rest["citations"]) < 20


@pytest.mark.model
def test_a_start_month_said_in_the_present_tense_narrows_the_list(shared_e5_bot):
    # "starts using it in September" had read no month ("started in September" did)
    *_, september = talk(shared_e5_bot, "知事がChatGPTについて発言した県は？", "そのうち関東は？",
                         "Which of them starts using it in September?")
    assert cases(september) == {"栃木県庁"}


@pytest.mark.model
def test_the_ones_that_after_a_list_of_two_is_which_of_them(shared_e5_bot):
    # 「…を開いたのは？」 reads as a fact; right after a list of two it had been a detail of both
    listed, which = talk(shared_e5_bot, "四国の事例は？", "そこで若手職員の勉強会を開いたのは？")
    assert cases(listed) == {"愛媛県", "香川県三豊市"} and cases(which) == {"愛媛県"}
