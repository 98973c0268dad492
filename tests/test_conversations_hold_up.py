"""Follow-ups of issue 17 found on conversations12 (a tuning set written before the changes):
a first the article states of an area asked as 「県内で最初に」, and the list a position then
names."""
from __future__ import annotations

import pytest


def cases(answer):
    return [c.case for c in answer.citations]


@pytest.mark.model
@pytest.mark.parametrize("q, gold", [
    ("県内で最初にChatGPTを入れた市は？", {"福井県越前市", "静岡県島田市"}),
    ("23区で最初に使えるようにしたのは？", {"東京都江戸川区"}),
])
def test_first_in_an_area_is_the_first_the_article_states_not_a_ranking(shared_e5_bot, q, gold):
    answer = shared_e5_bot.ask(q)
    assert answer.kind != "rank" and set(cases(answer)) == gold


@pytest.mark.model
def test_a_position_after_firsts_in_an_area_names_that_case(shared_e5_bot):
    first, then = shared_e5_bot.converse(["県内で最初にChatGPTを入れた市は？", "2番目の市は何に使っている？"])
    assert cases(then)[:1] == [cases(first)[1]] and "専門用語" in then.text


@pytest.mark.model
def test_a_ranking_within_a_named_prefecture_is_still_a_ranking(shared_e5_bot):
    assert shared_e5_bot.ask("福井県内で最も早いのは？").kind == "rank"
    assert shared_e5_bot.ask("一番最初に導入した自治体は？").kind == "rank"


@pytest.mark.model
@pytest.mark.parametrize("follow_up", ["静岡以外は？", "Outside Shizuoka?"])
def test_leaving_out_the_one_case_shown_asks_the_same_question_elsewhere(shared_e5_bot, follow_up):
    # one case answered 「…ルールがあるのは？」; leaving out its place asks for the others like it,
    # not every case of the article outside Shizuoka
    first, then = shared_e5_bot.converse(["AIの回答を複数の職員でチェックするルールがあるのは？", follow_up])
    assert cases(first) == ["静岡県"]
    assert "千葉県松戸市" in cases(then) and len(set(cases(then))) <= 3 and "静岡県" not in cases(then)



@pytest.mark.model
def test_which_places_in_a_prefecture_lists_its_cases_and_narrows_them(shared_e5_bot):
    # "Which places in Kanagawa …?" asks for organisations, like 「神奈川県で使っている自治体は？」,
    # not for the prefecture's own case
    first, then = shared_e5_bot.converse(["Which places in Kanagawa use ChatGPT?", "Only the cities."])
    assert set(cases(first)) == {"神奈川県庁", "神奈川県横須賀市", "神奈川県相模原市", "神奈川県厚木市"}
    assert set(cases(then)) == {"神奈川県横須賀市", "神奈川県相模原市", "神奈川県厚木市"}


@pytest.mark.model
def test_a_detail_of_a_named_place_is_still_one_case(shared_e5_bot):
    assert cases(shared_e5_bot.ask("Which company did Hirakata pick?"))[:1] == ["大阪府枚方市"]
