"""Follow-ups that move the question elsewhere (issue 17): a place or an exclusion after an answer
that found nothing in the place the question named, or after a list all of whose cases the
exclusion leaves out, asks the same question in the other place — not every case of the article
there, and not an empty filter of the list on screen."""
from __future__ import annotations

import pytest


def cases(answer):
    return [c.case for c in answer.citations]


def talk(bot, *questions):
    return bot.converse(list(questions))


@pytest.mark.model
@pytest.mark.parametrize("first, then, expected", [
    ("九州でBardを使っている事例は？", "九州以外は？", {"富山県", "静岡県富士市"}),
    ("九州でBardを使っている事例は？", "じゃあ北陸は？", {"富山県"}),
    ("Any cases in Shikoku that ran a staff survey?", "What about outside Shikoku?",
     {"新潟県新潟市", "東京都練馬区", "群馬県藤岡市", "滋賀県", "広島県"}),
    ("Any cases in Okinawa that use it for translation?", "Outside Okinawa then?",
     {"山形県庁", "東京都庁", "栃木県庁", "静岡県", "大阪府門真市", "兵庫県神戸市", "茨城県つくば市", "熊本県熊本市"}),
])
def test_a_place_after_an_empty_answer_asks_the_same_question_there(shared_e5_bot, first, then, expected):
    empty, moved = talk(shared_e5_bot, first, then)
    assert not empty.citations
    # the whole article outside Kyushu is 55 cases; the question's own cases are a few
    assert expected <= set(cases(moved)) and len(set(cases(moved))) <= len(expected) + 1
    assert moved.understood_as


@pytest.mark.model
def test_an_exclusion_of_every_case_on_screen_asks_the_question_outside_that_place(shared_e5_bot):
    # (the first turn names 中国: 「外部向けの資料には使わないと決めている自治体は？」 alone now lists
    # 千葉県庁 「内部資料に限定」 too — 決める no longer narrows the facet to the cases writing it)
    shown, outside = talk(shared_e5_bot, "中国地方で外部向けの資料には使わないと決めている県は？", "中国地方以外は？")
    assert shown.citations and {c.region for c in shown.citations} == {"中国"}
    assert "千葉県庁" in cases(outside)
    assert not {c.region for c in outside.citations} & {"中国"}


@pytest.mark.model
def test_a_region_none_of_the_cases_on_screen_is_in_asks_the_question_there(shared_e5_bot):
    shown, kanto = talk(shared_e5_bot, "中国地方で外部向けの資料には使わないと決めている県は？", "関東だけ")
    assert shown.citations and "千葉県庁" not in cases(shown)
    assert set(cases(kanto)) == {"千葉県庁"} and kanto.understood_as


@pytest.mark.model
def test_actually_show_all_of_them_again_undoes_the_narrowing(shared_e5_bot):
    first, narrowed, again = talk(shared_e5_bot, "Which prefectures use ChatGPT for translation?",
                                  "Only outside Kanto", "Actually, show all of them again")
    assert set(cases(narrowed)) < set(cases(first))
    assert set(cases(again)) == set(cases(first))


# --- a detail of the few cases on screen --------------------------------------------------------

@pytest.mark.model
@pytest.mark.parametrize("questions, first, shown", [
    (("Which prefectures mention their governor?", "Just Chugoku.", "What is the special team called?"),
     "山口県", {"山口県", "鳥取県"}),
    (("Bardも使っている自治体は？", "研修会の対象になったのはどんな職員？"), "静岡県富士市", {"富山県", "静岡県富士市"}),
])
def test_a_question_with_words_of_its_own_right_after_a_short_list_asks_a_detail_of_it(
        shared_e5_bot, questions, first, shown):
    *_, detail = talk(shared_e5_bot, *questions)
    assert cases(detail)[0] == first and set(cases(detail)) <= shown


# --- which of the few cases on screen ------------------------------------------------------------

@pytest.mark.model
def test_a_which_question_right_after_a_short_list_picks_among_its_cases(shared_e5_bot):
    shown, which = talk(shared_e5_bot, "LoGoチャットを使っている事例は？", "アンケートで効果を確かめるのはどこ？")
    assert set(cases(shown)) == {"東京都練馬区", "大阪府門真市", "茨城県つくば市"}
    assert set(cases(which)) == {"東京都練馬区"} and which.understood_as


@pytest.mark.model
def test_a_which_question_none_of_the_cases_on_screen_answers_is_a_question_of_its_own(shared_e5_bot):
    _, which = talk(shared_e5_bot, "LoGoチャットを使っている事例は？", "Bardを使っているのはどこ？")
    assert set(cases(which)) == {"富山県", "静岡県富士市"}


@pytest.mark.model
def test_a_detail_none_of_the_few_cases_on_screen_speaks_of_is_a_question_of_its_own(shared_e5_bot):
    *_, who = talk(shared_e5_bot, "知事が発言している事例は？", "中国地方だけ",
                   "生成AIのカギは計算資源とデータだと指摘したのは誰？")
    assert cases(who)[:1] == ["デジタル庁"] and not {"山口県", "鳥取県"} & set(cases(who))
