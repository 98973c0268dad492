"""Issue 17, session 19: a follow-up that asks the whole country is never a filter of the list on
screen (tuning conversations26, written this session by a writer who read no code) —

* 「全国で、研修をしているところは？」, "Nationwide, which cases have that kind of rule — output for
  internal use only?" right after a list: the message's own question over the whole article
  (`understood_as` says it widens), not the cases on screen filtered by its words;
* "nationwide" alone is where, not what: it asks no 'first in Japan' and is no topic of its own
  ("What about nationwide, any cities doing that?" is the last question, for cities);
* 「都内で…」 → 「東京以外も含めると何か所？」 widens to the whole article (「何か所」 is no topic).

Real e5 model, real Chroma, through `Chatbot.converse`."""
from __future__ import annotations

import time

import pytest

from core.knowledge import knowledge

CHUGOKU_BAN = {"広島県", "山口県", "島根県"}
MINUTES = {"長野県庁", "大阪府大阪市", "三重県伊賀市", "兵庫県神戸市", "青森県むつ市"}


def cases(answer):
    return {c.case for c in answer.citations}


def talk(bot, *questions):
    return bot.converse(list(questions))


@pytest.mark.model
def test_nationwide_with_a_topic_of_its_own_asks_the_whole_article(shared_e5_bot):
    first, wide = talk(shared_e5_bot,
                       "Which governments in the Chugoku region ban using ChatGPT output in documents for the outside?",
                       "Nationwide, which cases have that kind of rule — output for internal use only?")
    assert cases(first) == CHUGOKU_BAN
    # was: the three cases on screen, narrowed ("only" read as a narrowing, "nationwide" as 'first in Japan')
    assert "千葉県庁" in cases(wide) and CHUGOKU_BAN <= cases(wide)
    assert "more widely" in wide.understood_as and "first in Japan" not in wide.understood_as
    assert "Chugoku" not in wide.understood_as
    listed, trained = talk(shared_e5_bot, "議事録の作成に使っている自治体は？", "全国で、研修をしているところは？")
    assert cases(listed) == MINUTES
    # was: the minutes list again (研修 dropped: the widening read the last question)
    assert {"東京都庁", "神奈川県横須賀市"} <= cases(trained) and not cases(trained) & MINUTES
    assert "研修" in trained.understood_as and "前の質問の範囲を広げて" in trained.understood_as


@pytest.mark.model
def test_a_bare_widening_still_asks_the_last_question(shared_e5_bot):
    *_, same = talk(shared_e5_bot, "議事録の作成に使っている自治体は？", "全国で同じような事例は？")
    assert cases(same) == MINUTES
    *_, cities = talk(shared_e5_bot, "Which prefectures ban external use?", "What about nationwide, any cities doing that?")
    # was: read as a new question — the cities of 'a first in Japan'
    assert "No external-facing use" in cities.understood_as and "cities" in cities.understood_as
    assert "神奈川県横須賀市" not in cases(cities)


@pytest.mark.model
def test_a_nationwide_first_is_still_asked(shared_e5_bot):
    answer = shared_e5_bot.ask("Which cases are described as a nationwide first in Japan?")
    assert {"神奈川県横須賀市", "宮崎県都城市"} <= cases(answer)


@pytest.mark.model
def test_including_outside_tokyo_after_tonai_widens(shared_e5_bot):
    *_, wider = talk(shared_e5_bot, "都内でAzure OpenAI Serviceを使っているところは？", "東京以外も含めると何か所？")
    assert cases(wider) == {"東京都千代田区", "茨城県庁"}  # was: none (東京都以外 of a list of 千代田区)
    assert "記事全体" in wider.understood_as


def test_the_new_patterns_run_in_linear_time():
    words = knowledge().questions.conversation
    for kind in ("countrywide", "alike"):
        for text in (" " * 5000, "全国" * 2500, "nationwide " * 450, "doing that " * 450, "地域に" * 1600,
                     "all over " * 550, "a" * 5000):
            t = time.perf_counter()
            words[kind].search(text)
            assert time.perf_counter() - t < 0.5, (kind, text[:20])     # ~5 ms; backtracking: minutes
