"""Session 20: an exclusion that names its list again — right after it or after a detail or two
(`chatbot.qa.read.restated`):

* "which are left" / 「残るのは」 asks for the list less what the message leaves out, not for cases
  that say 残る (or a new question whose topic is "left");
* the list's own topic said again ("which of the minutes ones remain", 「東北の要約のところで」) is no
  topic of its own: the list, also after a detail of one of its cases or of a place not on it;
* 「最初の一覧」, 「元のリスト」 name the list (no 「初」 of a case), and the first of a chain of
  narrowings.

Real e5 model, real Chroma, through `Chatbot.converse`."""
from __future__ import annotations

import time

import pytest

from core.knowledge import knowledge

TOHOKU = {"青森県", "岩手県", "宮城県", "秋田県", "山形県", "福島県"}


def cases(answer):
    return {c.case for c in answer.citations}


def talk(bot, *questions):
    return bot.converse(list(questions))


@pytest.mark.parametrize("text, left", [
    ("Minus the Tohoku ones, which are left?", True), ("Drop Kyushu — what's left?", True),
    ("Outside Tohoku, which ones are still left?", True), ("Leave out Kinki — which remain?", True),
    ("関東を除くと残るのは？", True), ("県を外すと、どこが残っている？", True), ("県を除いた残りは？", True),
    ("Excluding Tohoku, what are the remaining ones?", True),
    ("Which ones left a record of usage?", False), ("記録を残すルールは？", False), ("left-handed", False),
])
def test_what_says_what_is_left(text, left):
    assert bool(knowledge().questions.conversation["left"].search(text)) is left


def test_the_left_pattern_runs_in_linear_time():
    said = knowledge().questions.conversation["left"]
    for text in [" " * 5000, "are " * 1250 + "x", "is still " * 550 + "lef", "left " * 1000 + "x",
                 "残っ" * 2500, "left" + " " * 4990 + "x?", "still " * 830 + "x", "'re " * 1250]:
        start = time.perf_counter()
        said.search(text)
        assert time.perf_counter() - start < 0.5, text[:20]


@pytest.mark.model
def test_which_are_left_right_after_a_list_narrows_it(shared_e5_bot):
    listed, left = talk(shared_e5_bot, "Which cases mention copyright?", "Leaving out Tohoku, which ones are left?")
    # was: a new question ("left" its topic), and none found
    assert cases(left) and cases(left) == {c.case for c in listed.citations if c.prefecture not in TOHOKU}
    assert "not Tohoku" in left.understood_as


@pytest.mark.model
def test_what_is_left_after_a_detail_is_of_the_list(shared_e5_bot):
    *_, left = talk(shared_e5_bot, "九州の事例は？", "佐賀県は何人が使った？", "県を除くと九州で残るのは？")
    # was: 佐賀県, 宮崎県, 都城市 — the cases whose sentences say 残る
    assert cases(left) == {"宮崎県都城市", "福岡県古賀市", "熊本県熊本市", "沖縄県那覇市"}
    *_, rest = talk(shared_e5_bot, "九州の事例は？", "佐賀県は何人が使った？", "県を除いた残りは？")
    # was: 佐賀県's staff count asked of the other cases outside prefectures (高崎市, 門真市, 熊本市)
    assert cases(rest) == cases(left)


@pytest.mark.model
def test_the_rest_after_a_question_of_a_case_off_the_list_is_that_questions(shared_e5_bot):
    *_, rest = talk(shared_e5_bot, "翻訳に使っている自治体は？", "広島県は外部向けの資料に使える？", "広島県を除いた残りの県は？")
    # (広島県 is not on the translation list: its rule asked of the other prefectures, as before)
    assert cases(rest) == {"山口県", "千葉県庁", "島根県"}


@pytest.mark.model
def test_the_first_list_named_after_a_detail(shared_e5_bot):
    *_, left = talk(shared_e5_bot, "議事録の作成に使っている自治体は？", "むつ市はどのくらい時間を短縮できた？",
                    "最初の一覧から近畿を抜くと？")
    # was: 「最初」 read as a first (初) of a case, and none found
    assert cases(left) == {"長野県庁", "青森県むつ市"}


@pytest.mark.model
def test_its_own_facet_said_again_is_the_list(shared_e5_bot):
    *_, left = talk(shared_e5_bot, "Which places in Tohoku use it to summarize documents?", "When did Miyagi start?",
                    "Without Fukushima, which of the summarizing ones remain?")
    # was: every summarizing case of the article outside 福島県 (19)
    assert cases(left) == {"青森県むつ市", "山形県庁", "宮城県"}
    assert "not 福島県" in left.understood_as
    # (after a place not on the list, too)
    listed, *_, left = talk(shared_e5_bot, "Which cases mention copyright?", "What did Fukushima decide?",
                            "Is there a case for Iwate?", "Minus the Tohoku ones, which of the copyright cases are left?")
    assert cases(left) and cases(left) == {c.case for c in listed.citations if c.prefecture not in TOHOKU}


@pytest.mark.model
def test_the_first_list_is_the_one_before_its_narrowings(shared_e5_bot):
    listed, narrowed, _, left = talk(shared_e5_bot, "個人情報の入力を禁止している自治体は？", "そのうち中国地方は？",
                                     "広島県はいつから？", "最初の一覧から九州を除くと？")
    kyushu = {"福岡県", "佐賀県", "長崎県", "熊本県", "大分県", "宮崎県", "鹿児島県", "沖縄県"}
    # was: the three of 中国 it was narrowed to
    assert cases(left) == {c.case for c in listed.citations if c.prefecture not in kyushu}
    assert len(cases(left)) > len(cases(narrowed))


@pytest.mark.model
@pytest.mark.parametrize("back, kept", [
    ("議事録の一覧に戻って、近畿を除くと？", {"長野県庁", "青森県むつ市"}),
    ("Back to the minutes list — excluding Kinki?", {"長野県庁", "青森県むつ市"}),
    # (the words of the narrowing name the narrowed list: as before)
    ("市の一覧に戻って、近畿を除くと？", {"青森県むつ市"}),
    ("Back to the cities list — excluding Kinki?", {"青森県むつ市"}),
])
def test_back_to_a_list_named_by_its_words(shared_e5_bot, back, kept):
    first = "議事録に使っている自治体は？" if back[0] in "議市" else "Which places use it for meeting minutes?"
    narrow = "そのうち市は？" if back[0] in "議市" else "Only cities."
    detail = "神戸市はいつから？" if back[0] in "議市" else "When did Kobe start?"
    *_, left = talk(shared_e5_bot, first, narrow, detail, back)
    # was: the list of cities it was narrowed to, always
    assert cases(left) == kept


@pytest.mark.parametrize("text, rest", [("残りは？", True), ("残りの県は？", True), ("どこが残りますか？", False),
                                        ("何が残りましたか", False)])
def test_remains_as_a_verb_is_no_rest(text, rest):
    assert bool(knowledge().questions.conversation["rest"].search(text)) is rest


@pytest.mark.model
@pytest.mark.parametrize("chain", [
    ("Which places use ChatGPT for translation?", "Minus the ones that use it for summarizing?"),
    ("翻訳に使っている自治体は？", "そのうち要約にも使っているところを除くと？"),
    ("翻訳に使っている自治体は？", "神戸市はいつから？", "要約にも使っているところは外して、翻訳のところで残るのは？"),
])
def test_a_topic_left_out_leaves_out_the_cases_stating_it(shared_e5_bot, chain):
    listed, *_, left = talk(shared_e5_bot, *chain)
    (summarizing,) = talk(shared_e5_bot, "要約に使っている自治体は？")
    # was: the cases that state it (the opposite)
    assert cases(left) and cases(left) == cases(listed) - cases(summarizing)
    assert "なし" in left.understood_as or "without" in left.understood_as


@pytest.mark.model
def test_a_topic_kept_and_a_place_left_out_still_narrow(shared_e5_bot):
    _, kept = talk(shared_e5_bot, "Which cases mention copyright?", "Which of them have guidelines?")
    _, placed = talk(shared_e5_bot, "著作権に触れている事例は？", "ガイドラインがあるところのうち、関東を除くと？")
    assert "群馬県高崎市" not in cases(kept) and cases(placed) == cases(kept) - {"千葉県松戸市", "栃木県庁"}


@pytest.mark.parametrize("after, leaves", [
    ("を作っているところを除くと？", True), ("にも使っているところは外して", True), ("をしている自治体を抜くと", True),
    ("があるところのうち、関東を除くと？", False), ("を作っている県を除くと", False),
])
def test_what_leaves_a_topic_out_after_its_word(after, leaves):
    assert bool(knowledge().questions.conversation["leaving_after"].search(after)) is leaves


@pytest.mark.parametrize("before, leaves", [
    ("leave out the ones that have ", True), ("drop those with ", True), ("minus the ones that use it for ", True),
    ("except the ones that also ", True), ("which of them have ", False), ("leave out kanto and the ones in ", False),
])
def test_what_leaves_a_topic_out_before_its_word(before, leaves):
    assert bool(knowledge().questions.conversation["leaving_before"].search(before)) is leaves


def test_the_leaving_patterns_run_in_linear_time():
    words = knowledge().questions.conversation
    for name, text in [("leaving_after", "ところ" * 1700), ("leaving_after", "を" * 5000), ("leaving_after", " " * 5000),
                       ("leaving_before", "leave out the ones that " * 200 + "x"), ("leaving_before", "ones " * 1000),
                       ("leaving_before", "drop " * 1000 + "those a b c d e f"), ("leaving_before", " " * 5000)]:
        start = time.perf_counter()
        words[name].search(text)
        assert time.perf_counter() - start < 0.5, (name, text[:20])
