"""First messages that name no case and no topic — what a member of staff types when they open
the chatbot.

- 「いつ導入した？」, 「各自治体の導入時期は？」, 「導入時期の一覧」 had been three unrelated cases or
  "no such case" (the English "When did they start?" was already the timeline): they are the
  timeline of the cases' starts. After one case it is still that case's start.
- 「どう使われている？」, 「ChatGPTの使い方は？」, "What is ChatGPT used for?" had been two or three
  cases that happen to write 使い方: they are the uses the cases state, counted (for a region when
  one is named; a topic of its own keeps its list).
- 「事例について教えて」 (について had read as the verb 付く), "Tell me about the cases" had been
  three cases or "no such case": every case.
- 「ChatGPTとは？」, "What is ChatGPT?" had been three cases nearest to nothing: a plain message of
  what the article holds and what to ask, with no citation.
- 「ありがとう」, 「了解です」, "Hello" had been "no such case" (or, "Thanks", a sentence of the case
  before read as a detail of it): a short reply, and the next follow-up still builds on the answer
  before it; 「ありがとう、では九州は？」 asks what follows the thanks.

Through the library and `chatbot ask --json`."""
import json

import pytest

from test_cli import run


@pytest.mark.model
@pytest.mark.parametrize("question", ["いつ導入した？", "各自治体の導入時期は？", "導入時期の一覧",
                                      "各自治体はいつから使っている？", "When did each of them start using ChatGPT?"])
def test_when_asked_of_no_case_is_the_timeline(shared_e5_bot, question):
    a = shared_e5_bot.ask(question)
    assert a.kind == "timeline"
    assert len({c.case for c in a.citations}) >= 30        # every case that dates its start (33)


@pytest.mark.model
def test_when_after_one_case_is_still_that_cases_start(shared_e5_bot):
    a = shared_e5_bot.ask("いつから？", history=["厚木市の事例を教えて"])
    assert {c.case for c in a.citations} == {"神奈川県厚木市"} and "5月" in a.text


@pytest.mark.model
def test_when_of_a_topic_is_still_the_cases_of_that_topic(shared_e5_bot):
    a = shared_e5_bot.ask("翻訳に使い始めたのはいつ？")
    assert a.kind != "timeline" and "大阪府門真市" in {c.case for c in a.citations}


@pytest.mark.model
@pytest.mark.parametrize("question", ["どう使われている？", "ChatGPTの使い方は？", "What is ChatGPT used for?",
                                      "How is ChatGPT used?"])
def test_how_it_is_used_asked_of_no_topic_is_the_uses_counted(shared_e5_bot, question):
    a = shared_e5_bot.ask(question)
    assert a.kind == "aggregate"
    assert ("アイデア出し" in a.text or "Ideas" in a.text) and len({c.case for c in a.citations}) > 40


@pytest.mark.model
def test_how_it_is_used_in_a_region_counts_that_regions_uses(shared_e5_bot):
    a = shared_e5_bot.ask("九州ではどう使われている？")
    assert a.kind == "aggregate" and "九州" in a.text
    assert {c.case for c in a.citations} <= {"佐賀県", "宮崎県", "宮崎県都城市", "福岡県古賀市", "熊本県熊本市", "沖縄県那覇市"}


@pytest.mark.model
@pytest.mark.parametrize("question", ["広島市はChatGPTをどのように活用していますか？", "広島市はいつ導入した？"])
def test_a_place_without_a_case_is_still_no_such_case(shared_e5_bot, question):
    a = shared_e5_bot.ask(question)
    assert a.kind == "none" and not a.citations and "広島市" in a.text


@pytest.mark.model
def test_what_for_after_a_list_asks_of_the_cases_on_screen(shared_e5_bot):
    a = shared_e5_bot.ask("何に使っている？", history=["翻訳に使っている市は？"])
    assert a.kind != "aggregate" and {c.case for c in a.citations} <= {
        "茨城県つくば市", "大阪府門真市", "兵庫県神戸市", "熊本県熊本市", "香川県三豊市"}


@pytest.mark.model
def test_how_a_topic_is_used_is_still_its_cases(shared_e5_bot):
    a = shared_e5_bot.ask("議事録はどう使われている？")
    assert a.kind == "list" and "三重県伊賀市" in {c.case for c in a.citations}


@pytest.mark.model
@pytest.mark.parametrize("question", ["事例について教えて", "Tell me about the cases", "取り組みを紹介して"])
def test_the_cases_asked_for_as_such_are_every_case(shared_e5_bot, question):
    a = shared_e5_bot.ask(question)
    assert a.kind == "list" and len(a.citations) == 62


@pytest.mark.model
@pytest.mark.parametrize("question", ["ChatGPTとは？", "What is ChatGPT?", "ChatGPTについて教えて"])
def test_a_message_nothing_can_be_found_by_says_what_to_ask(shared_e5_bot, question):
    a = shared_e5_bot.ask(question)
    assert a.kind == "none" and not a.citations
    assert ("62" in a.text) and ("厚木市" in a.text or "Atsugi" in a.text)


@pytest.mark.model
def test_ask_json_answers_first_messages(e5_index_dir):
    p = run("--data-dir", str(e5_index_dir), "ask", "いつ導入した？", "What is ChatGPT used for?",
            "Tell me about the cases", "ChatGPTとは？", "--json")
    when, uses, cases, unclear = [json.loads(line) for line in p.stdout.splitlines()]
    assert when["kind"] == "timeline" and len({c["case"] for c in when["citations"]}) >= 30
    assert uses["kind"] == "aggregate" and "Ideas" in uses["answer"]
    assert cases["kind"] == "list" and len(cases["citations"]) == 62
    assert unclear["kind"] == "none" and not unclear["citations"] and "事例の一覧" in unclear["answer"]


@pytest.mark.model
@pytest.mark.parametrize("message, says", [("ありがとう", "どういたしまして"), ("Thanks!", "welcome"),
                                           ("了解です。", "お尋ねください"), ("こんにちは", "62"), ("Hello", "62")])
def test_thanks_and_greetings_get_a_short_reply_and_keep_the_conversation(shared_e5_bot, message, says):
    history = ["厚木市の事例を教えて"]
    reply = shared_e5_bot.ask(message, history=history)
    assert reply.kind == "none" and not reply.citations and says in reply.text and not reply.understood_as
    after = shared_e5_bot.ask("いつから？", history=history + [message])
    assert {c.case for c in after.citations} == {"神奈川県厚木市"} and "5月" in after.text


@pytest.mark.model
def test_a_question_after_thanks_is_answered(shared_e5_bot):
    a = shared_e5_bot.ask("ありがとう、では九州は？", history=["厚木市の事例を教えて"])
    assert {c.case for c in a.citations} == {"佐賀県", "宮崎県", "宮崎県都城市", "福岡県古賀市", "熊本県熊本市", "沖縄県那覇市"}
    # a place that starts like a greeting is a place ("Hiroshima" is no "hi")
    assert {c.case for c in shared_e5_bot.ask("Hiroshima?").citations} == {"広島県"}


@pytest.mark.model
def test_ask_conversation_json_replies_to_thanks_and_carries_on(e5_index_dir):
    p = run("--data-dir", str(e5_index_dir), "ask", "--json", "--conversation", "厚木市の事例を教えて", "ありがとう",
            "いつから？")
    _, thanks, when = [json.loads(line) for line in p.stdout.splitlines()]
    assert thanks["kind"] == "none" and not thanks["citations"] and "どういたしまして" in thanks["answer"]
    assert {c["case"] for c in when["citations"]} == {"神奈川県厚木市"}
