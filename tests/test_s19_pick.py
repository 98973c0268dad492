"""Issue 17, session 19: a case of the list on screen picked by its name, and the list after it.

* 「その中で神戸市について詳しく」, "Tell me about Kobe", "Sorry, I meant Kasama." right after a list
  holding that case answer that case (a fact of it), not the whole list again (「その中で…について詳しく」
  gave the five cases of the list) nor a list of one quoting why it was listed;
* the list stays the subject: after such a pick, or after 「2番目の事例は？」, 「静岡県は？」 asks the
  list's question in 静岡県 (not 静岡県's own case) and 「その中で近畿は？」 narrows the list;
* a pick that asked something of its own (「2番目の事例はどこの大学と組んでいる？」) is the subject: a
  detail asked next is asked of it;
* "Who asks staff to report their use?" right after a list is which of them (was: a detail of each
  of the cases on screen), and a narrowing said in so many words by words none of the cases on
  screen writes says so (was: every case on screen again).

Real e5 model, real Chroma, through `Chatbot.converse`."""
from __future__ import annotations

import time

import pytest

MINUTES = {"長野県庁", "大阪府大阪市", "三重県伊賀市", "兵庫県神戸市", "青森県むつ市"}
MINUTES_KINKI = {"大阪府大阪市", "三重県伊賀市", "兵庫県神戸市"}


def cases(answer):
    return {c.case for c in answer.citations}


def talk(bot, *questions):
    return bot.converse(list(questions))


@pytest.mark.model
@pytest.mark.parametrize("pick", ["その中で神戸市について詳しく", "神戸市について詳しく", "Tell me about Kobe",
                                  "そのうち神戸市は？"])
def test_a_case_of_the_list_named_is_that_case_and_the_list_stays_the_subject(shared_e5_bot, pick):
    listed, picked, place = talk(shared_e5_bot, "議事録の作成に使っている自治体は？", pick, "静岡県は？")
    assert cases(listed) == MINUTES
    # was: the five cases of the list again (「その中で…について詳しく」), or a list of one
    assert cases(picked) == {"兵庫県神戸市"} and picked.kind == "fact"
    assert len(picked.citations) >= 2
    # was: 静岡県's own case (after 「神戸市について詳しく」, read as a question of its own)
    assert not {"静岡県"} & cases(place) and "静岡県" in place.understood_as
    assert "議事録" in place.understood_as
    *_, kinki = talk(shared_e5_bot, "議事録の作成に使っている自治体は？", pick, "その中で近畿は？")
    assert cases(kinki) == MINUTES_KINKI


@pytest.mark.model
def test_a_case_picked_by_its_place_on_the_list_leaves_the_list_the_subject(shared_e5_bot):
    listed, second, place = talk(shared_e5_bot, "議事録の作成に使っている自治体は？", "2番目の事例は？", "静岡県は？")
    assert len(cases(second)) == 1 and cases(second) < MINUTES
    # was: 静岡県's own case and 静岡県's sentences
    assert not cases(place) and "議事録" in place.understood_as and "静岡県" in place.understood_as


@pytest.mark.model
def test_a_correction_of_a_pick_is_the_case_it_names(shared_e5_bot):
    listed, tsukuba, kasama = talk(shared_e5_bot, "Which cities in Ibaraki use ChatGPT?", "Tell me about Tsukuba.",
                                   "Sorry, I meant Kasama.")
    assert cases(tsukuba) == {"茨城県つくば市"} and cases(kasama) == {"茨城県笹間市"}
    # was: the one sentence the list quoted for 笠間市 (it was "a list of one")
    assert kasama.kind == "fact" and len(kasama.citations) >= 2


@pytest.mark.model
def test_a_pick_that_asked_something_stays_the_subject(shared_e5_bot):
    *_, detail = talk(shared_e5_bot, "音声を使う事例は？", "2番目の事例はどこの大学と組んでいる？", "いつから実証試験を始めた？")
    assert cases(detail) == {"香川県三豊市"}
    # a prefecture named with nothing asked stays a narrowing of the list (not one case)
    *_, shizuoka = talk(shared_e5_bot, "東海の事例は？", "静岡県は？")
    assert shizuoka.kind == "list" and len(cases(shizuoka)) >= 2


@pytest.mark.model
def test_who_does_something_after_a_list_is_which_of_them(shared_e5_bot):
    listed, who = talk(shared_e5_bot, "Which places have guidelines?", "Who asks staff to report their use?")
    assert len(cases(listed)) > 20
    # was: "about the case just shown", a sentence of each of the first eight cases
    assert {"静岡県", "島根県"} <= cases(who) and len(cases(who)) <= 4
    assert "narrowing" in who.understood_as


@pytest.mark.model
@pytest.mark.parametrize("asked", ["Who asks staff to report their use?", "Which of them ask staff to report their use?"])
def test_a_narrowing_none_on_screen_answers_says_so(shared_e5_bot, asked):
    listed, none = talk(shared_e5_bot, "Which cities use ChatGPT for minutes?", asked)
    assert len(cases(listed)) == 4
    # was: the four cases again
    assert not cases(none) and "among the 4 cases just listed" in none.text
    *_, ja = talk(shared_e5_bot, "議事録の作成に使っている自治体は？", "そのうち利用状況を報告させているのは？")
    assert not cases(ja) and "直前に挙げた5件のうち" in ja.text


def test_the_tell_wording_is_linear():
    from core.knowledge import knowledge

    words = knowledge().questions.conversation
    start = time.perf_counter()
    for text in ("who " * 1250, "and who " * 600 + "x", "who asks " * 550, "who " + "s" * 4990, "について" * 1250, "について詳しく" * 700, "の詳細" * 1600 + "x", "を詳しく" * 1200,
                 "tell me " * 700 + "x", "tell me more " * 400, "more " * 1000, "details " * 600 + "x",
                 " " * 5000, "詳" * 5000):
        words["tell"].search(text)
        words["who_does"].search(text)
    assert time.perf_counter() - start < 3.0      # linear: well under 0.5 s; backtracking: minutes
