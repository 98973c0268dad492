"""Issue 17, session 17: after a detail of one case of a list, the list is the conversation's subject
again (tests/qa/tune/conversations24.jsonl, conversations25.jsonl, half A): a follow-up that asks
for cases and leaves out that case (「鳥取県以外ではどこですか？」), refers back to the list's
subject (「そういう管理をしているところで…」, "who has the same rule?") or names only a place or
level is read against the last list — not as the detail's question of every other case, nor as a
new question. 「…しているところで」 is no 「ところで」 (new subject), 「静岡県の3つ以外」 leaves out
静岡県, 「静岡県内に限ると？」 narrows. Real e5 model, real Chroma, through `Chatbot.converse` and
`chatbot ask --conversation --json`."""
from __future__ import annotations

import json
import time

import pytest

from test_cli import run

LOGGED = "職員のChatGPT利用状況を記録・報告させている自治体は？"
GREETINGS = {"山形県庁", "福島県庁", "長野県庁", "静岡県富士市", "熊本県熊本市", "静岡県島田市", "静岡県",
             "茨城県つくば市"}
SHIZUOKA = {"静岡県富士市", "静岡県島田市", "静岡県"}


def cases(answer):
    return {c.case for c in answer.citations}


def talk(bot, *questions):
    return bot.converse(list(questions))


@pytest.mark.model
def test_leaving_out_the_case_just_shown_narrows_the_list_before_it(shared_e5_bot):
    listed, detail, rest = talk(shared_e5_bot, LOGGED, "鳥取県はどうやって確認しているの？", "鳥取県以外ではどこですか？")
    assert cases(listed) == {"静岡県", "島根県", "鳥取県"} and cases(detail) == {"鳥取県"}
    # was: 『正確性・事実確認』 × 鳥取県以外, 15 cases (the detail's 確認 asked of every case)
    assert cases(rest) == {"静岡県", "島根県"}
    assert "利用状況の記録・報告" in rest.understood_as and "鳥取県以外" in rest.understood_as
    *_, english = talk(shared_e5_bot, "Which places make staff record or report their ChatGPT use?",
                       "How does Tottori check it?", "Apart from Tottori, which places are there?")
    assert cases(english) == {"静岡県", "島根県"}


@pytest.mark.model
def test_a_phrase_that_refers_back_to_the_list_is_no_topic_nor_a_new_subject(shared_e5_bot):
    # 「…しているところで」 was read as 「ところで」 (a new subject), and 管理 as its topic: 1 case
    *_, count = talk(shared_e5_bot, "利用状況を記録したり、使った報告を求めたりしている自治体は？",
                     "静岡県のガイドラインでは他にどんなことを求めていますか？", "そういう管理をしているところで、中国地方は何件ある？")
    assert count.kind == "count" and cases(count) == {"鳥取県", "島根県"}
    assert "中国地方" in count.understood_as


@pytest.mark.model
def test_the_same_rule_elsewhere_is_the_lists_question_in_that_place(shared_e5_bot):
    # "the same rule" read as the guideline facet of a new question (鳥取県 too)
    *_, chugoku = talk(shared_e5_bot, "In 九州, which places ban entering personal information into ChatGPT?",
                       "What else does Saga's guideline require?", "How about 中国地方 — who has the same rule?")
    assert cases(chugoku) == {"広島県", "山口県", "島根県"}
    assert "personal" in chugoku.understood_as.lower()


@pytest.mark.model
def test_the_lists_topic_said_again_with_alike_is_the_list(shared_e5_bot):
    # 「同じように翻訳している県は？」 after the list and a detail of 三豊市: its prefectures (was: none,
    # 「同じ」 a word every case had to write)
    *_, prefs = talk(shared_e5_bot, "翻訳に使っている自治体は？", "三豊市は何カ国語に対応している？", "同じように翻訳している県は？")
    assert cases(prefs) == {"山形県庁", "東京都庁", "栃木県庁", "静岡県"}


@pytest.mark.model
def test_a_level_alone_after_a_detail_is_the_lists_level(shared_e5_bot):
    # 「県はどこ？」 after the list and a detail of 三豊市: the list's prefectures, not every prefecture
    *_, prefs = talk(shared_e5_bot, "翻訳に使っている自治体は？", "三豊市は何カ国語に対応している？", "県はどこ？")
    assert cases(prefs) == {"山形県庁", "東京都庁", "栃木県庁", "静岡県"}
    # asking for all of a level is a question of its own
    *_, every = talk(shared_e5_bot, "翻訳に使っている自治体は？", "三豊市は何カ国語に対応している？", "市の事例をすべて挙げて")
    assert len(cases(every)) > 20


@pytest.mark.model
def test_a_detail_question_elsewhere_is_left_as_it_was(shared_e5_bot):
    # with no word asking for cases, 「福井県以外では？」 still asks the one case's question of the others
    *_, other = talk(shared_e5_bot, "越前市は住民からの質問にもChatGPTで答えている？", "福井県以外では？")
    assert "福井県越前市" not in cases(other) and cases(other)
    # after a figure of one case, "How many in Kyushu?" is no count of the list's cases in Kyushu
    *_, figure = talk(shared_e5_bot, "Which places let all staff use it?", "How many staff can use it in Mutsu?",
                      "How many in Kyushu?")
    assert "narrowing" not in figure.understood_as
    # a detail right after the list is still a detail of its case
    *_, detail = talk(shared_e5_bot, LOGGED, "鳥取県はどうやって確認しているの？", "誰がチェックしている？")
    assert cases(detail) == {"鳥取県"}


@pytest.mark.model
def test_the_cases_on_screen_named_by_their_number_are_left_out(shared_e5_bot):
    listed, kept, rest = talk(shared_e5_bot, "あいさつ文の作成にChatGPTを使っている自治体は？", "静岡県内に限ると？",
                              "静岡県の3つ以外だと何件ある？")
    assert cases(listed) == GREETINGS
    # 「…に限ると」 narrows (its 限る was a topic: a new question about 静岡県 alone)
    assert cases(kept) == SHIZUOKA and kept.kind == "list"
    # 「静岡県の3つ以外」: 静岡県 left out (its 「の3つ」 hid the place from the exclusion)
    assert rest.kind == "count" and cases(rest) == GREETINGS - SHIZUOKA
    # 「何に限っている？」 asks what a case limits: no narrowing
    *_, what = talk(shared_e5_bot, "あいさつ文の作成にChatGPTを使っている自治体は？", "富士市は？", "そこは生成物を何に限っている？")
    assert cases(what) == {"静岡県富士市"}


TRANSLATION = {"山形県庁", "東京都庁", "茨城県つくば市", "栃木県庁", "静岡県", "大阪府門真市", "兵庫県神戸市",
               "熊本県熊本市", "香川県三豊市"}


@pytest.mark.model
@pytest.mark.parametrize("first, narrowing, kept", [
    ("翻訳に使っている自治体は？", "関東に限定すると？", {"東京都庁", "茨城県つくば市", "栃木県庁"}),
    ("翻訳に使っている自治体は？", "関東で絞り込むと？", {"東京都庁", "茨城県つくば市", "栃木県庁"}),
    ("Which places use ChatGPT for translation?", "Narrow it down to prefectures.",
     {"山形県庁", "東京都庁", "栃木県庁", "静岡県"}),
    ("Which places use ChatGPT for translation?", "Can you limit that to Kanto?", {"東京都庁", "茨城県つくば市", "栃木県庁"}),
    # "filter" was the detection facet's word: no case on screen had it
    ("Which places use ChatGPT for translation?", "Filter to cities only.",
     {"茨城県つくば市", "大阪府門真市", "兵庫県神戸市", "香川県三豊市", "熊本県熊本市"}),
])
def test_a_verb_that_keeps_the_list_to_a_place_narrows_it(shared_e5_bot, first, narrowing, kept):
    listed, narrowed = talk(shared_e5_bot, first, narrowing)
    assert cases(listed) == TRANSLATION
    assert cases(narrowed) == kept and narrowed.kind == "list"
    assert "絞り込み" in narrowed.understood_as or "narrowing" in narrowed.understood_as


@pytest.mark.model
@pytest.mark.parametrize("leaving, kept", [
    ("What if we leave Tokyo out?", TRANSLATION - {"東京都庁"}),
    ("Everything but Kanto?", TRANSLATION - {"東京都庁", "茨城県つくば市", "栃木県庁"}),
    ("And if we ignore the cities?", {"山形県庁", "東京都庁", "栃木県庁", "静岡県"}),
])
def test_english_exclusions_in_other_words_leave_out_of_the_list(shared_e5_bot, leaving, kept):
    # their "leave", "everything" were topics no case writes: "no such case"
    _, narrowed = talk(shared_e5_bot, "Which places use ChatGPT for translation?", leaving)
    assert cases(narrowed) == kept


@pytest.mark.model
@pytest.mark.parametrize("first, only, rest", [
    ("あいさつ文の作成にChatGPTを使っている自治体は？", "静岡県だけ", "その3つを除くと？"),
    ("あいさつ文の作成にChatGPTを使っている自治体は？", "静岡県だけ", "この3件以外は何件？"),
    ("Which places use ChatGPT to write greetings?", "Only Shizuoka.", "And apart from those three?"),
])
def test_leaving_out_the_cases_on_screen_is_the_rest_of_the_list(shared_e5_bot, first, only, rest):
    # was: the three on screen again
    listed, kept, others = talk(shared_e5_bot, first, only, rest)
    assert cases(listed) == GREETINGS and cases(kept) == SHIZUOKA
    assert cases(others) == GREETINGS - SHIZUOKA


@pytest.mark.model
@pytest.mark.parametrize("swap", ["議事録だと？", "議事録の作成では？"])
def test_a_topic_alone_after_a_list_is_that_topic_in_the_lists_place(shared_e5_bot, swap):
    # was: a detail of the two cases on screen (門真市 and 神戸市's minutes sentences)
    listed, swapped = talk(shared_e5_bot, "近畿で翻訳に使っている自治体は？", swap)
    assert cases(listed) == {"大阪府門真市", "兵庫県神戸市"}
    assert cases(swapped) == {"大阪府大阪市", "三重県伊賀市", "兵庫県神戸市"} and swapped.kind == "list"
    assert "近畿" in swapped.understood_as


def test_the_new_wordings_are_linear():
    from chatbot.qa.read.understand import _MARKER
    from core.knowledge import knowledge

    words = knowledge().questions
    start = time.perf_counter()
    for text in ("そういう" + "管" * 5000 + "ところ", "the same " * 2000, "静岡県の" + "3" * 5000 + "つ以外",
                 "し" * 5000 + "ところで", "に限" * 3000,
                 "narrow it " * 2000, "the whole " + "x" * 5000 + " region", "leave " * 2000 + "out",
                 "everything " * 2000 + "but", "ignore " * 2000, "その" + "3" * 5000 + "つ以外",
                 "apart from those " * 1000):
        for name in ("alike_span", "limit", "new", "narrow", "widen", "rest"):
            words.conversation[name].search(text)
        words.excluding.search(text)
        _MARKER.search(text)
    # (~0.25 s on a quiet 2-core machine, ~0.75 s with a test run and an eval beside it; a pattern
    # that backtracks takes minutes on these 5,000-character inputs, far past this bound)
    assert time.perf_counter() - start < 3.0


def test_back_to_the_list_through_ask_conversation_json(e5_index_dir):
    p = run("--data-dir", str(e5_index_dir), "ask", "--json", "--conversation", LOGGED,
            "鳥取県はどうやって確認しているの？", "鳥取県以外ではどこですか？")
    *_, rest = [json.loads(line) for line in p.stdout.splitlines()]
    assert {c["case"] for c in rest["citations"]} == {"静岡県", "島根県"}
    assert "鳥取県以外" in rest["understood_as"] and "絞り込み" in rest["understood_as"]
    p = run("--data-dir", str(e5_index_dir), "ask", "--json", "--conversation",
            "あいさつ文の作成にChatGPTを使っている自治体は？", "静岡県内に限ると？", "静岡県の3つ以外だと何件ある？")
    *_, count = [json.loads(line) for line in p.stdout.splitlines()]
    assert {c["case"] for c in count["citations"]} == GREETINGS - SHIZUOKA
