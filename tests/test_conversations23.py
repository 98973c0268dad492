"""Issue 17, the twenty-third tuning set's conversations (tests/qa/tune/conversations23.jsonl):
what a planner says around the question — who is asking (「うちは区役所です。」), back to a list
after a detour (「議事録の話に戻って、…」, 「さっきの九州のリストで県は？」), corrections that name what
they replace (「県じゃなくて市で」) or only what was meant (「ごめん、富士市のことでした」), 「最後のとこ」
as a position, a superlative right after a list that leaves out what it ranks, and "Who is it
for?" of the case shown. Real e5 model,
real Chroma, through `Chatbot` and `chatbot ask --conversation --json`."""
from __future__ import annotations

import json

import pytest

from test_cli import run

KYUSHU = ("佐賀県", "宮崎県", "宮崎県都城市", "福岡県古賀市", "熊本県熊本市", "沖縄県那覇市")


def cases(answer):
    return [c.case for c in answer.citations]


def talk(bot, *questions):
    return bot.converse(list(questions))


@pytest.mark.model
@pytest.mark.parametrize("intro", ["うちは区役所です。", "私は区の職員です。", ""])
def test_who_is_asking_is_no_topic_of_the_question(shared_e5_bot, intro):
    # 「区役所」 was read as a word the cases must write: only 練馬区役所 (1 of the 3 wards)
    assert set(cases(shared_e5_bot.ask(f"{intro}区の事例は？"))) == {"東京都江戸川区", "東京都千代田区", "東京都練馬区"}


@pytest.mark.model
def test_an_introduction_that_names_a_region_still_scopes_the_question(shared_e5_bot):
    # 「関西の市役所で働いています。近くの市で…」: 近く is the region the asker named
    got = set(cases(shared_e5_bot.ask("関西の市役所で働いています。近くの市で議事録に使っているのは？")))
    assert got == {"大阪府大阪市", "三重県伊賀市", "兵庫県神戸市"}
    # its 市役所 is no topic either (古賀市's 「市役所の現場」 was the one case found)
    kyushu = {"宮崎県都城市", "福岡県古賀市", "熊本県熊本市", "沖縄県那覇市"}
    assert set(cases(shared_e5_bot.ask("九州の市役所で働いています。近くの市の事例は？"))) == kyushu
    assert set(cases(shared_e5_bot.ask("I work at a city hall in Kyushu. Which cities nearby use generative AI?"))) == kyushu
    # a city's own prefecture is where it is
    assert set(cases(shared_e5_bot.ask("うちは松戸市です。近隣の事例は？"))) == {"千葉県庁", "千葉県松戸市"}


@pytest.mark.model
def test_back_to_the_list_after_detours_reads_among_it(shared_e5_bot):
    *_, back = talk(shared_e5_bot, "近畿で議事録に生成AIを使っている自治体は？", "伊賀市について詳しく",
                    "それはどこの企業と組んでる？", "ところで桑名市は？", "議事録の話に戻って、その中で条例を作ったのは？")
    assert cases(back) == ["兵庫県神戸市"]
    *_, prefs = talk(shared_e5_bot, "九州の事例は？", "熊本市について教えて", "それは何人が対象？",
                     "さっきの九州のリストで県は？")
    assert set(cases(prefs)) == {"佐賀県", "宮崎県"}


@pytest.mark.model
def test_back_to_the_list_ranks_among_it_not_the_case_last_shown(shared_e5_bot):
    *_, most = talk(shared_e5_bot, "東京都の事例は？", "江戸川区について", "千代田区は？",
                    "東京の一覧に戻って、一番人数が多いのは？")
    assert cases(most)[0] == "東京都庁" and "5万人" in most.text


@pytest.mark.model
def test_right_after_the_list_the_words_that_return_to_it_change_nothing(shared_e5_bot):
    # (「さっきのリストで他には？」 right after a pick stays the rest of the list: `wander`)
    *_, rest = talk(shared_e5_bot, "中国地方の事例は？", "鳥取県について教えて", "さっきのリストで他には？")
    assert set(cases(rest)) == {"広島県", "山口県", "島根県"}


@pytest.mark.model
@pytest.mark.parametrize("fix", ["いや、県じゃなくて市で", "県ではなく市で"])
def test_a_correction_that_names_what_it_replaces(shared_e5_bot, fix):
    *_, cities = talk(shared_e5_bot, "東北の県の事例は？", fix)
    assert set(cases(cities)) == {"青森県むつ市", "福島県いわき市"}


@pytest.mark.model
def test_not_only_is_no_correction(shared_e5_bot):
    # 「だけじゃなく」 widens: 県 stays among what is asked
    *_, wider = talk(shared_e5_bot, "東北の市の事例は？", "市だけじゃなくて県も")
    assert {"青森県", "青森県むつ市"} <= set(cases(wider))


@pytest.mark.model
def test_a_correction_that_only_names_what_was_meant(shared_e5_bot):
    *_, meant = talk(shared_e5_bot, "島田市は何に使ってる？", "ごめん、富士市のことでした")
    assert cases(meant)[0] == "静岡県富士市"
    *_, pref = talk(shared_e5_bot, "千葉県の事例は？", "さっきのは間違い、埼玉県の方")
    assert set(cases(pref)) == {"埼玉県庁", "埼玉県戸田市"}


@pytest.mark.model
def test_the_last_place_of_an_english_list_in_japanese(shared_e5_bot):
    *_, last = talk(shared_e5_bot, "Which places in Gunma use ChatGPT?", "最後のとこは何人が使ってる？")
    assert cases(last)[0] == "群馬県高崎市" and "28人" in last.text


@pytest.mark.model
def test_a_superlative_right_after_a_list_ranks_the_list(shared_e5_bot):
    *_, first = talk(shared_e5_bot, "関東の事例は？", "県だけだと？", "一番早く始めたのは？")
    assert cases(first)[0] == "神奈川県庁"
    assert set(cases(first)) <= {"東京都庁", "神奈川県庁", "千葉県庁", "埼玉県庁", "茨城県庁", "群馬県庁", "栃木県庁"}
    # naming the article's cases asks of all of them
    *_, anywhere = talk(shared_e5_bot, "中国地方の事例は？", "全国で一番早く始めた自治体は？")
    assert not set(cases(anywhere)) <= {"広島県", "山口県", "鳥取県", "島根県"}


@pytest.mark.model
def test_long_questions_with_the_new_wordings_stay_fast(shared_e5_bot):
    import time

    from chatbot.qa.read.asker import past_introduction
    from core.knowledge import knowledge

    k = knowledge()
    words = k.questions.conversation
    for text in ("うちは" + "あ" * 5000 + "？", "さっきの" + "九" * 5000, "県" * 5000 + "じゃなくて",
                 "back to " + "x" * 5000, "富士市" * 2000 + "のことでした"):
        start = time.perf_counter()
        for name in ("introduce", "resume", "instead", "meant", "correct"):
            words[name].search(text)
        past_introduction(text, k, lambda said: ())
        past_introduction("うちは" + "九" * 5000 + "です。近くの市は？", k, lambda said: ("九州",))
        assert time.perf_counter() - start < 0.5


def test_back_to_the_list_through_ask_conversation_json(e5_index_dir):
    p = run("--data-dir", str(e5_index_dir), "ask", "--json", "--conversation", "九州の事例は？",
            "熊本市について教えて", "それは何人が対象？", "さっきの九州のリストで県は？")
    *_, prefs = [json.loads(line) for line in p.stdout.splitlines()]
    assert {c["case"] for c in prefs["citations"]} == {"佐賀県", "宮崎県"}
    assert "絞り込み" in prefs["understood_as"]


def test_an_introduction_and_a_correction_through_ask_conversation_json(e5_index_dir):
    p = run("--data-dir", str(e5_index_dir), "ask", "--json", "--conversation",
            "うちは町役場です。町の事例はありますか？", "東北の県の事例は？", "いや、県じゃなくて市で")
    town, _, cities = [json.loads(line) for line in p.stdout.splitlines()]
    assert [c["case"] for c in town["citations"]] == ["長野県飯島町"]
    assert {c["case"] for c in cities["citations"]} == {"青森県むつ市", "福島県いわき市"}


@pytest.mark.model
def test_who_it_is_for_asks_the_staff_not_a_person(shared_e5_bot):
    # "who" alone asks a person; "Who is it for?" asks which staff may use it
    *_, staff = talk(shared_e5_bot, "Tell me about Kumamoto City.", "Who is it for?")
    assert cases(staff)[0] == "熊本県熊本市" and "100人" in staff.citations[0].passage


@pytest.mark.model
def test_others_beyond_a_list_go_past_its_level_unless_the_message_names_one(shared_e5_bot):
    *_, more = talk(shared_e5_bot, "Bardを導入した県は？", "他にもある？")
    assert cases(more) == ["静岡県富士市"]
    *_, prefs = talk(shared_e5_bot, "Bardを導入した県は？", "他の県は？")
    assert "静岡県富士市" not in cases(prefs)
