"""Words that name a kind of facet, not a value of it (「試験段階」's 段階, 「導入状況」, 「用途」,
"stage", "status", "rules"): with the facet asked they add nothing a case must write; asked of a
named case alone, the case's own facets of that kind answer — through `Chatbot` and `ask --json`."""
import json

import pytest

from test_cli import run


def _with(bot, facet: str) -> set[str]:
    r = bot.retriever()
    return {r.cases[k].title for k, has in r.facets.items() if facet in has}


@pytest.mark.model
@pytest.mark.parametrize("question", ["試験段階の自治体は？", "導入状況が試験導入の自治体は？",
                                      "How many cases are at the trial stage?"])
def test_a_stage_named_with_the_word_stage_lists_every_case_at_it(shared_e5_bot, question):
    a = shared_e5_bot.ask(question)
    # (each had listed the one case that writes 段階 or 状況 beside a trial: 埼玉県庁)
    assert {c.case for c in a.citations} == _with(shared_e5_bot, "status.trial")
    assert len(a.citations) > 20


@pytest.mark.model
def test_the_word_for_a_use_adds_nothing_to_the_use(shared_e5_bot):
    plain = {c.case for c in shared_e5_bot.ask("翻訳に使っている自治体は？").citations}
    worded = {c.case for c in shared_e5_bot.ask("翻訳という用途で使っている自治体は？").citations}
    assert worded == plain and len(plain) > 3        # (it had listed one)


def _stating(bot, title: str, group: str) -> set[int]:
    r = bot.retriever()
    key = next(k for k, c in r.cases.items() if c.title == title)
    return {n for f in r.knowledge.taxonomy.facets if f.group == group for n in [r.facets[key].get(f.key)]
            if n is not None}


@pytest.mark.model
@pytest.mark.parametrize("question", ["What is the status of Yokosuka?", "横須賀市の導入状況は？"])
def test_a_named_cases_status_is_answered_by_its_stage(shared_e5_bot, question):
    a = shared_e5_bot.ask(question)
    # (the English one had said "no such case"; the Japanese one quoted the staff survey)
    assert a.kind != "none" and a.citations[0].case == "神奈川県横須賀市"
    assert "本格" in a.citations[0].passage


@pytest.mark.model
@pytest.mark.parametrize("question", ["つくば市のルールは？", "What rules does Tsukuba have?"])
def test_a_named_cases_rules_are_the_rules_it_states(shared_e5_bot, question):
    a = shared_e5_bot.ask(question)
    # (it had said the case states nothing about guidelines, though it states a rule)
    assert "記述はありません" not in a.text and "does not say" not in a.text
    assert a.citations[0].case == "茨城県つくば市"
    r = shared_e5_bot.retriever()
    key = next(k for k, c in r.cases.items() if c.title == "茨城県つくば市")
    assert r.cases[key].sentences.index(a.citations[0].passage) in _stating(shared_e5_bot, "茨城県つくば市", "rule")


@pytest.mark.model
def test_how_many_rules_is_still_the_sentence_with_the_count(shared_e5_bot):
    a = shared_e5_bot.ask("じゃあ宮城県は？", history=["埼玉県庁の事例は？", "ルールはいくつ？"])
    assert a.citations[0].case == "宮城県" and "5原則" in a.citations[0].passage


@pytest.mark.model
def test_ask_json_answers_a_stage_word_and_a_status(e5_index_dir):
    p = run("--data-dir", str(e5_index_dir), "ask", "試験段階の自治体は？", "What is the status of Yokosuka?", "--json")
    listed, status = [json.loads(line) for line in p.stdout.splitlines()]
    assert len({c["case"] for c in listed["citations"]}) > 20
    assert status["kind"] != "none" and status["citations"][0]["case"] == "神奈川県横須賀市"
