"""Conversations whose first turn is an open list on a topic that is not a facet, then narrowed,
widened or asked about in detail (tests/qa/tune/conversations6.jsonl)."""
from __future__ import annotations

import pytest


def cases(answer):
    return [c.case for c in answer.citations]


@pytest.mark.model
@pytest.mark.parametrize("frame", ["SNSに関係する事例は？", "SNSに関連する事例は？", "SNSに言及している事例は？"])
def test_a_framing_verb_is_not_the_topic(shared_e5_bot, frame):
    """「…に関係する事例」: 関係 says how the topic is asked, not what it is — the list is the
    cases that say SNS, never one that only says 事実関係."""
    assert sorted(cases(shared_e5_bot.ask(frame))) == ["東京都庁", "茨城県笹間市"]


@pytest.mark.model
def test_a_detail_after_narrowing_a_framed_list_asks_the_one_case_left(shared_e5_bot):
    answers = shared_e5_bot.converse(["SNSに関係する事例は？", "そのうち市は？", "職員の何割が利用を届け出ている？"])
    assert cases(answers[1]) == ["茨城県笹間市"]
    assert cases(answers[2])[0] == "茨城県笹間市" and "約3割" in answers[2].text


@pytest.mark.model
@pytest.mark.parametrize("narrow, widen", [
    ("In Shikoku, which cases use voice input or speech?", "What about the whole country?"),
    ("四国で音声を使う事例は？", "全国だと？"),
])
def test_a_widening_keeps_the_cases_on_screen(shared_e5_bot, narrow, widen):
    """The wider list answers the same question: the case listed for Shikoku stays in it, even
    when the whole article reads the question by another route (a facet no Shikoku case has)."""
    first, wider = shared_e5_bot.converse([narrow, widen])
    assert cases(first) == ["香川県三豊市"]
    assert "香川県三豊市" in cases(wider) and "長野県庁" in cases(wider)


@pytest.mark.model
@pytest.mark.parametrize("first, detail, said", [
    ("越前市の事例は？", "ゴミの分別にも使える？", "ゴミ分別"),
    ("茨城県庁の事例は？", "法改正の状況も答えられる？", "法改正状況"),
])
def test_a_detail_only_the_source_headline_states_is_shown_from_it(shared_e5_bot, first, detail, said):
    """The body never says it, the case's reference headline does: the answer shows the headline
    beside the quotes (which cannot hold it)."""
    answer = shared_e5_bot.converse([first, detail])[-1]
    assert cases(answer)[0] in ("福井県越前市", "茨城県庁")
    assert "見出し" in answer.text and said in answer.text


@pytest.mark.model
def test_a_detail_the_body_states_shows_no_headline(shared_e5_bot):
    answer = shared_e5_bot.converse(["厚木市の事例は？", "どれくらい時間を短縮できた？"])[-1]
    assert "21分" in answer.text and "見出し" not in answer.text


@pytest.mark.parametrize("text, months", [
    ("試験は9月末まで行われます。", [9]),
    ("8月末まで利活用の検証作業を行います。その結果を基に、9月末までに検証報告書を作成します。", [8]),
    ("9月末までに職員アンケートなどを行い効果検証を行います。", []),
    ("試験期間は6月9日から7月末まで。", [7]),
])
def test_a_deadline_is_not_the_end_of_a_period(text, months):
    """「9月末までに報告書を作成」 says by when a report is due, not that the trial runs until
    September: a list of trials ending in September must not take 熊本市 in for it."""
    from chatbot.qa.evidence.figures import case_figures
    from core.cases import Case
    from core.knowledge import knowledge

    case = Case("x", "x", "", "", "", text, "", 1, "", (text,))
    assert case_figures(case, "end_month", knowledge()) == months


@pytest.mark.model
@pytest.mark.parametrize("first, narrow, expected", [
    ("翻訳に使っている事例は？", "そのうち外国人に触れているのは？", ["香川県三豊市"]),
    ("知事が出てくる事例は？", "そのうち記者会見に触れているのは？", ["青森県", "鳥取県"]),
    # two cases on screen, one says 小学生: a word one of two holds narrows them
    ("SNSに関係する事例は？", "そのうち小学生に触れているのは？", ["茨城県笹間市"]),
])
def test_a_narrowing_by_words_of_its_own_keeps_the_cases_on_screen_that_say_them(
        shared_e5_bot, first, narrow, expected):
    """「そのうち外国人に…」: the follow-up's own words narrow the list on screen (they used to be
    dropped for the first question's, which every listed case holds: the whole list came back)."""
    listed, narrowed = shared_e5_bot.converse([first, narrow])
    assert set(expected) < set(cases(listed))
    assert sorted(cases(narrowed)) == sorted(expected)
