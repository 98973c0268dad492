"""Issue 17, the twenty-first tuning set's conversations (tests/qa/tune/conversations21.jsonl): a
follow-up that corrects the turn before it (「いや、市だけで」, "Sorry, I meant cities."), one that
switches the topic and keeps the place (「じゃあ議事録は？」, "And for translation?"), 「もう一つの市は？」
after a list of three, 「2つ目の市」 after two named cases, an English narrowing by its own words,
a which-partner question after a list of four, and "the prefecture" among a list of two — on the
real article, the real e5 model and a real Chroma, through `Chatbot` and `chatbot ask --json`."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from chatbot.qa.retrieve import Filters
from conftest import ROOT

KINKI_CITIES = {"大阪府大阪市", "大阪府枚方市", "大阪府門真市", "三重県松阪市", "三重県伊賀市", "三重県桑名市",
                "兵庫県神戸市"}
KYUSHU_CITIES = {"宮崎県都城市", "福岡県古賀市", "熊本県熊本市", "沖縄県那覇市"}


def cases(answer):
    return [c.case for c in answer.citations]


def talk(bot, *questions):
    return bot.converse(list(questions))


@pytest.mark.model
@pytest.mark.parametrize("fix", ["いや、市だけで", "違う、市だけ", "No, I meant cities.", "Sorry, just the cities."])
def test_a_correction_replaces_the_last_narrowing(shared_e5_bot, fix):
    # 「県だけ」 left 滋賀県 on screen: narrowing that to cities would be empty; the correction
    # narrows the list before it instead
    listed, prefs, cities = talk(shared_e5_bot, "近畿の事例は？", "県だけ", fix)
    assert cases(prefs) == ["滋賀県"]
    assert set(cases(cities)) == KINKI_CITIES


@pytest.mark.model
def test_a_correction_of_an_exclusion_excludes_instead(shared_e5_bot):
    *_, out = talk(shared_e5_bot, "中国地方の事例は？", "島根県以外で", "いや、鳥取県以外で")
    assert set(cases(out)) == {"広島県", "山口県", "島根県"}


@pytest.mark.model
def test_a_correction_of_a_question_asks_it_in_the_scope_it_names(shared_e5_bot):
    _, out = talk(shared_e5_bot, "Which cases in Kyushu are prefectures?", "Sorry, I meant cities.")
    assert set(cases(out)) == KYUSHU_CITIES
    _, out = talk(shared_e5_bot, "著作権に注意している県は？", "いや、市で")
    assert {"福島県いわき市", "千葉県松戸市", "群馬県高崎市"} <= set(cases(out))
    assert not any(c.level == "都道府県" for c in out.citations)


@pytest.mark.model
def test_only_words_that_open_a_message_as_a_correction_make_it_one(shared_e5_bot):
    from chatbot.qa.read.correct import corrected

    k = shared_e5_bot.retriever().knowledge
    state = shared_e5_bot._state(shared_e5_bot.retriever(), ("近畿の事例は？", "県だけ"), Filters())
    text, turn = corrected("いや、市だけで", state, k)
    # (read against the list of 近畿's eight cases that 「県だけ」 narrowed, not 滋賀県 alone)
    assert text == "市だけで" and len(set(turn.cited)) == 8 and any(key.endswith(":滋賀県") for key in turn.cited)
    assert corrected("No, I meant cities.", state, k)[0] == "cities."
    # 「いやしの…」, "Nonetheless, …", "Nobody …", a bare 「いや」 and a first message are no corrections
    for text in ("いやしの効果は？", "Nonetheless, which are cities?", "Nobody uses Bard?", "いや", "No."):
        assert corrected(text, state, k) is None
    assert corrected("いや、市だけで", None, k) is None


@pytest.mark.model
def test_a_topic_switch_keeps_the_place(shared_e5_bot):
    _, out = talk(shared_e5_bot, "Which places in Kinki use ChatGPT for minutes?", "And for translation?")
    assert set(cases(out)) == {"大阪府門真市", "兵庫県神戸市"}
    assert "new topic" in out.understood_as and "Kinki" in out.understood_as
    # with no place, the new topic of the whole article, not a detail of each case on screen
    _, out = talk(shared_e5_bot, "Which places use ChatGPT for translation?", "What about minutes?")
    assert set(cases(out)) == {"青森県むつ市", "長野県庁", "大阪府大阪市", "三重県伊賀市", "兵庫県神戸市"}
    _, out = talk(shared_e5_bot, "大阪府でFAQを作っているところは？", "じゃあ議事録は？")
    assert cases(out) == ["大阪府大阪市"] and "大阪府" in out.understood_as
    # a narrowing word still narrows the cases on screen
    _, out = talk(shared_e5_bot, "翻訳に使っている自治体は？", "そのうち議事録にも使っているのは？")
    assert cases(out) == ["兵庫県神戸市"]


@pytest.mark.model
def test_the_other_city_of_a_list_of_three(shared_e5_bot):
    *_, out = talk(shared_e5_bot, "茨城県の事例は？", "つくば市は何に使っている？", "もう一つの市は？")
    assert cases(out)[:1] == ["茨城県笹間市"]


@pytest.mark.model
def test_a_position_among_two_cases_named_by_the_user(shared_e5_bot):
    _, out = talk(shared_e5_bot, "横須賀市と厚木市の事例を教えて", "2つ目の市はどれくらい時間を短縮できた？")
    assert cases(out)[:1] == ["神奈川県厚木市"] and "21分" in out.text


@pytest.mark.model
def test_an_english_narrowing_by_its_own_words(shared_e5_bot):
    *_, out = talk(shared_e5_bot, "Which places use ChatGPT to write greetings?", "Only prefectures.",
                   "Which of them also use it for e-mails?")
    assert set(cases(out)) == {"山形県庁", "福島県庁"}


@pytest.mark.model
def test_a_partner_asked_after_a_list_of_four_is_asked_of_them(shared_e5_bot):
    *_, out = talk(shared_e5_bot, "九州の事例は？", "市だけ", "どこと共同開発している？")
    assert cases(out)[:1] == ["宮崎県都城市"] and "茨城県庁" not in cases(out)


@pytest.mark.model
def test_the_prefecture_of_a_list_of_two(shared_e5_bot):
    _, out = talk(shared_e5_bot, "Bardを導入した自治体は？", "When did the prefecture start the trial?")
    assert cases(out)[:1] == ["富山県"] and out.table is None


@pytest.mark.model
def test_a_narrowing_that_keeps_none_says_so_of_the_list(shared_e5_bot):
    _, out = talk(shared_e5_bot, "中国地方の事例は？", "そのうちBardも使っているのは？")
    assert not out.citations and "直前に挙げた4件" in out.text


@pytest.mark.model
def test_corrections_and_topic_switches_through_chatbot_ask_json(e5_index_dir):
    env = {**os.environ, "CHATBOT_DATA_DIR": str(e5_index_dir)}
    p = subprocess.run([sys.executable, "-m", "chatbot.tools.cli", "ask", "--json", "--conversation",
                        "近畿の事例は？", "県だけ", "いや、市だけで", "じゃあ議事録は？"],
                       capture_output=True, text=True, env=env, cwd=ROOT, timeout=600)
    assert p.returncode == 0, p.stderr
    _, prefs, cities, minutes = [json.loads(line) for line in p.stdout.splitlines()]
    assert [c["case"] for c in prefs["citations"]] == ["滋賀県"]
    assert {c["case"] for c in cities["citations"]} == KINKI_CITIES
    assert "絞り込み" in cities["understood_as"]
    # after the cities of 近畿, 「じゃあ議事録は？」 asks 議事録 of 近畿 (its cities)
    assert {c["case"] for c in minutes["citations"]} == {"大阪府大阪市", "三重県伊賀市", "兵庫県神戸市"}


@pytest.mark.model
def test_the_rest_of_the_list_a_case_was_asked_from_of_a_level(shared_e5_bot):
    # 「それ以外の市は？」 after 神戸市's detail: the list's other cities, not 神戸市 again
    # (「それ」 of 「それ以外」 does not refer back to 神戸市)
    *_, out = talk(shared_e5_bot, "翻訳に使っている自治体は？", "神戸市はいつから？", "それ以外の市は？")
    got = set(cases(out))
    assert "兵庫県神戸市" not in got and {"茨城県つくば市", "大阪府門真市", "熊本県熊本市"} <= got
    assert not any(c.level == "都道府県" for c in out.citations)
    *_, out = talk(shared_e5_bot, "東海の事例は？", "富士市は何を導入した？", "それ以外は？")
    assert set(cases(out)) == {"静岡県", "静岡県島田市"}
