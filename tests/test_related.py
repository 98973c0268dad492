"""A question no case answers: "no such case", plainly, and — when some cases hold part of what
was asked — those cases to read, never cited (the words may have missed a case that says it in
other words; staff check it in one click). Real article, real e5 model, real Chroma."""
import pytest

pytestmark = pytest.mark.model

PENALTY = "ChatGPTの利用ルールに違反した職員への罰則や処分を定めている自治体はありますか？"


def test_no_case_offers_the_cases_holding_part_of_the_question_uncited(shared_e5_bot):
    answer = shared_e5_bot.ask(PENALTY)
    assert answer.kind == "none" and answer.citations == ()
    assert answer.text.startswith("記事には、この質問に当てはまる事例はありません。")
    assert "質問の言葉を一部含む事例" in answer.text
    retriever = shared_e5_bot.retriever()
    by_title = {c.title: c for c in retriever.cases.values()}
    assert 1 <= len(answer.related) <= retriever.policy.related_max
    for r in answer.related:      # each holds the question's words about rules, none a penalty
        text = by_title[r["case"]].text
        assert "ルール" in text and "罰則" not in text and r["case"] in answer.text


def test_english_no_case_offers_them_too(shared_e5_bot):
    answer = shared_e5_bot.ask("Which case includes the police among the departments trying ChatGPT?")
    if answer.citations:          # found by its words: the related cases are not needed
        assert answer.related == ()
        return
    assert "富山県" in [r["case"] for r in answer.related]   # 「県教育委員会や県警察本部を含め18の部署」
    assert "share some of the question's words" in answer.text


@pytest.mark.parametrize("question", ["今日の天気は？", "選挙の事務にChatGPTを使う自治体は？"])
def test_nothing_is_offered_when_no_case_holds_what_was_asked(shared_e5_bot, question):
    answer = shared_e5_bot.ask(question)
    assert answer.kind == "none" and answer.citations == () and answer.related == ()
    assert "一部含む" not in answer.text


def test_an_answered_list_has_no_related_cases(shared_e5_bot):
    answer = shared_e5_bot.ask("外部向けの利用を禁止している県は？")
    assert answer.citations and answer.related == ()


def test_ask_json_gives_the_related_cases(e5_index_dir):
    from tests.test_open_lists import ask_json

    got = ask_json(e5_index_dir, PENALTY)
    assert got["kind"] == "none" and got["citations"] == []
    assert got["related"] and all(r["case"] in got["answer"] for r in got["related"])
