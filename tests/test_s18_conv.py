"""Issue 17, session 18: the follow-ups a user expects after a list or a case (tuning conversations,
half A: tests/qa/tune/conversations21–22.jsonl, and the brief's probes) —

* a detail asked of the cases on screen (「期間は？」) quotes the cases that state it and names the
  others on one line (つくば市 states no period: it was quoted with its use);
* 「何を導入した？」 / "What did they introduce?" quotes the sentence naming the product (Bard,
  Azure OpenAI Service), not the case's first sentence;
* 「関東以外も含めると？」 / "including outside Kanto" after a list of 関東 widens to the whole
  article (and `understood_as` says so), not the cases outside 関東 alone;
* 「元のリストは何件？」 / "How many were in the original list?" after a narrowing counts the list
  before it.

Real e5 model, real Chroma, through `Chatbot.converse` and `chatbot ask --conversation --json`."""
from __future__ import annotations

import json
import time

import pytest

from test_cli import run

TRANSLATION = {"山形県庁", "東京都庁", "茨城県つくば市", "栃木県庁", "静岡県", "大阪府門真市", "兵庫県神戸市",
               "熊本県熊本市", "香川県三豊市"}
KANTO = {"東京都庁", "茨城県つくば市", "栃木県庁"}


def cases(answer):
    return {c.case for c in answer.citations}


def talk(bot, *questions):
    return bot.converse(list(questions))


@pytest.mark.model
def test_a_period_asked_of_the_cases_on_screen_names_those_that_state_none(shared_e5_bot):
    listed, period = talk(shared_e5_bot, "LoGoチャットを使っている自治体は？", "期間は？")
    assert cases(listed) == {"大阪府門真市", "東京都練馬区", "茨城県つくば市"}
    # was: つくば市 quoted with 「施策のアイデア出しや翻訳などに利用」
    assert cases(period) == {"大阪府門真市", "東京都練馬区"}
    assert "つくば市：お尋ねの期間の記載はありません" in period.text
    assert "2カ月間" in period.text and "2か月間" in period.text
    *_, period = talk(shared_e5_bot, "翻訳に使っている自治体は？", "期間は？")
    assert "茨城県つくば市" not in cases(period) and "大阪府門真市" in cases(period)
    assert "つくば市" in period.text.split("記載はありません")[0].splitlines()[-1]
    *_, english = talk(shared_e5_bot, "Which places use ChatGPT for translation?", "How long?")
    assert "茨城県つくば市" not in cases(english) and "大阪府門真市" in cases(english)
    assert "the article does not state a period" in english.text


@pytest.mark.model
@pytest.mark.parametrize("first, asked, product", [
    ("東海の事例は？", "3つ目の事例は何を導入した？", "Bard"),
    ("東京都の事例は？", "3つ目の事例は何を導入した？", "Azure OpenAI Service"),
    ("富山県の事例を教えて", "何を導入した？", "bard"),
    ("Tell me about Toyama Prefecture.", "What did they introduce?", "bard"),
    ("千代田区の取り組みは？", "何を導入した？", "Azure OpenAI Service"),
])
def test_what_a_case_introduced_is_the_product_it_names(shared_e5_bot, first, asked, product):
    _, detail = talk(shared_e5_bot, first, asked)
    # was: its first sentence (「…試験的に導入することを発表しました」, 「…GPT-4を使用し…」)
    assert len(cases(detail)) == 1 and product in detail.citations[0].passage


@pytest.mark.model
def test_what_a_case_introduced_is_never_not_stated_when_it_names_only_chatgpt(shared_e5_bot):
    _, detail = talk(shared_e5_bot, "島根県について教えて", "何を導入した？")
    assert cases(detail) == {"島根県"} and "記述はありません" not in detail.text


@pytest.mark.model
@pytest.mark.parametrize("first, widening, said", [
    ("関東で翻訳に使っている自治体は？", "関東以外も含めると？", "記事全体"),
    ("Which places in Kanto use ChatGPT for translation?", "including outside Kanto", "the whole article"),
])
def test_the_lists_place_left_out_and_added_back_is_the_whole_article(shared_e5_bot, first, widening, said):
    listed, wider = talk(shared_e5_bot, first, widening)
    assert cases(listed) == KANTO
    # was: the cases outside 関東 alone (『…』 × 関東地方以外)
    assert cases(wider) == TRANSLATION and wider.kind == "list"
    assert said in wider.understood_as and ("広げて" in wider.understood_as or "more widely" in wider.understood_as)
    # leaving it out, with nothing added, is still the exclusion
    *_, outside = talk(shared_e5_bot, "翻訳に使っている自治体は？", "関東以外は？")
    assert cases(outside) == TRANSLATION - KANTO


@pytest.mark.model
@pytest.mark.parametrize("questions", [
    ("翻訳に使っている自治体は？", "そのうち関東は？", "元のリストは何件？"),
    ("Which places use ChatGPT for translation?", "Only Kanto.", "How many were in the original list?"),
    ("翻訳に使っている自治体は？", "関東以外は？", "そのうち市だけ", "絞り込む前は何件？"),
])
def test_the_original_list_is_the_list_before_the_narrowing(shared_e5_bot, questions):
    *_, narrowed, original = talk(shared_e5_bot, *questions)
    assert cases(narrowed) < TRANSLATION
    # was: 「お尋ねの数についての記述はありません」 of the cases on screen, or a count of 鳥取県
    assert original.kind == "count" and cases(original) == TRANSLATION
    assert "9" in original.text.split("\n")[1]
    # (the line says which list it is: not 「直前に挙げた事例から絞り込み」, which it is not)
    assert "絞り込む前の一覧" in original.understood_as or "the list before the narrowing" in original.understood_as


@pytest.mark.model
def test_show_all_again_says_it_is_the_list_before_the_narrowing(shared_e5_bot):
    *_, again, narrowed = talk(shared_e5_bot, "翻訳に使っている自治体は？", "そのうち関東は？", "やっぱり全部見せて",
                               "そのうち近畿は？")
    assert cases(again) == TRANSLATION and "（絞り込む前の一覧）" in again.understood_as
    # a narrowing after it narrows the list shown again
    assert cases(narrowed) == {"大阪府門真市", "兵庫県神戸市"} and "絞り込み" in narrowed.understood_as


@pytest.mark.model
@pytest.mark.parametrize("questions, said", [
    (("九州の事例は？", "全国では？"), "記事全体"),
    (("九州の事例は？", "九州以外も含めると何件？"), "記事全体"),
    (("Which cases are in Shikoku?", "And in the whole country?"), "the whole article"),
])
def test_a_place_only_list_widened_is_every_case(shared_e5_bot, questions, said):
    first, wider = talk(shared_e5_bot, *questions)
    # was: the first list and 三重県松阪市 (a search for the words 九州, 事例 of the first question)
    assert len(cases(first)) < 10
    assert len(cases(wider)) == 62 and said in wider.understood_as


def test_the_new_wordings_are_linear():
    from core.knowledge import knowledge

    words = knowledge().questions
    product = next(t for t in words.answer_types if t.name == "product")
    start = time.perf_counter()
    for text in ("について" * 1500, "の事例を" * 1200 + "x", "を詳しく" * 1200, "tell me " * 700 + "x",
                 "元の" * 2500, "絞り込" * 1600, "original " * 600, "before the " * 500,
                 "what " + "did " * 1200 + "x", "what" + " x" * 2500, "何を" * 2500, "「" * 5000,
                 "「" + "a" * 4999, "A" * 5000, "AI" * 2500):
        for name in ("adding_back", "original", "adding", "narrow"):
            words.conversation[name].search(text)
        product.ask.search(text)
        product.find.search(text)
    assert time.perf_counter() - start < 3.0      # linear: well under 0.5 s; backtracking: minutes


def test_the_follow_ups_through_ask_conversation_json(e5_index_dir):
    def last(*questions):
        p = run("--data-dir", str(e5_index_dir), "ask", "--json", "--conversation", *questions)
        return [json.loads(line) for line in p.stdout.splitlines()][-1]

    period = last("LoGoチャットを使っている自治体は？", "期間は？")
    assert {c["case"] for c in period["citations"]} == {"大阪府門真市", "東京都練馬区"}
    assert "つくば市：お尋ねの期間の記載はありません" in period["answer"]
    product = last("東海の事例は？", "3つ目の事例は何を導入した？")
    assert "Bard" in product["citations"][0]["passage"]
    wider = last("関東で翻訳に使っている自治体は？", "関東以外も含めると？")
    assert {c["case"] for c in wider["citations"]} == TRANSLATION and "記事全体" in wider["understood_as"]
    original = last("翻訳に使っている自治体は？", "そのうち関東は？", "元のリストは何件？")
    assert original["kind"] == "count" and {c["case"] for c in original["citations"]} == TRANSLATION


@pytest.mark.model
@pytest.mark.parametrize("questions, figure", [
    (("横須賀市の事例を教えて", "職員は何人使っている？", "埼玉県は？"), "13,000人"),
    (("Tell me about Yokosuka.", "How many staff use it?", "What about Saitama Prefecture?"), "13,000"),
])
def test_a_detail_not_stated_is_still_the_question_for_the_next_place(shared_e5_bot, questions, figure):
    _, unstated, swapped = talk(shared_e5_bot, *questions)
    assert not unstated.citations     # 横須賀市 states no number of staff
    # was: 埼玉県's case as a whole (the question before the one not stated)
    assert cases(swapped) == {"埼玉県庁"} and figure in swapped.text
    *_, again = talk(shared_e5_bot, *questions[:2], "いつから？")
    assert "横須賀市" in again.understood_as
