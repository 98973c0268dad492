"""Questions about all the cases grouped by place: which prefecture has the most cases, a
prefecture's cases side by side, more cities or prefectures — through `Chatbot` and `ask --json`."""
import json

import pytest

from test_cli import run


def _kanagawa(bot):
    return [c.title for c in bot.retriever().cases.values() if c.prefecture == "神奈川県"]


@pytest.mark.model
@pytest.mark.parametrize("question", ["どの県の事例が多い？", "どの都道府県の事例が一番多い？",
                                      "一番多くの事例が載っている県はどこ？",
                                      "Which prefecture appears most often in the article?"])
def test_which_prefecture_has_most_cases_counts_cases_per_prefecture(shared_e5_bot, question):
    cases = list(shared_e5_bot.retriever().cases.values())
    a = shared_e5_bot.ask(question)
    assert a.kind == "aggregate" and a.table["columns"][0] in ("都道府県", "prefectures")
    counts = [int(r[1]) for r in a.table["rows"]]
    assert counts == sorted(counts, reverse=True)
    assert counts[0] == max(sum(c.prefecture == p for c in cases) for p in {c.prefecture for c in cases if c.prefecture})
    # (it had counted uses over the prefectures' own cases, or listed two prefectures)
    assert sum(counts) == sum(bool(c.prefecture) for c in cases)


@pytest.mark.model
def test_which_prefecture_does_something_is_still_a_list(shared_e5_bot):
    assert shared_e5_bot.ask("どの県が議事録の要約に使っている？").kind != "aggregate"


@pytest.mark.model
@pytest.mark.parametrize("question", ["神奈川県内の事例を比較して", "Compare the cases in Kanagawa"])
def test_one_prefectures_cases_are_put_side_by_side(shared_e5_bot, question):
    a = shared_e5_bot.ask(question)
    # (it had answered 神奈川県庁 alone, or "no such case" in English)
    assert a.kind == "compare" and a.table["columns"][1:] == _kanagawa(shared_e5_bot)
    assert {c.case for c in a.citations} == set(_kanagawa(shared_e5_bot))


@pytest.mark.model
def test_two_prefectures_or_a_prefecture_after_a_case_still_compare_the_offices(shared_e5_bot):
    two = shared_e5_bot.ask("神奈川県と東京都を比べて")
    assert two.table["columns"][1:] == ["神奈川県庁", "東京都庁"]
    after = shared_e5_bot.ask("神奈川県と比べて", history=["厚木市の事例を教えて"])
    assert after.kind == "compare" and after.table["columns"][1:] == ["神奈川県厚木市", "神奈川県庁"]


@pytest.mark.model
def test_more_cities_or_prefectures_splits_the_count_by_level(shared_e5_bot):
    en = shared_e5_bot.ask("Are there more cities or prefectures?")
    assert en.kind == "aggregate" and en.table["columns"][0] == "levels"     # it had said "no such case"
    assert {r[0] for r in en.table["rows"]} == {"prefectures", "municipalities"}
    ja = shared_e5_bot.ask("市と県ではどちらが多い？")
    # the lead names both levels counted (it had said 「記事の市（54件）」)
    assert ja.text.startswith("記事の都道府県・市（")
    assert {r[0] for r in ja.table["rows"]} == {"都道府県", "市区町村"}


@pytest.mark.model
def test_ask_json_carries_the_prefecture_tally_and_comparison(e5_index_dir):
    p = run("--data-dir", str(e5_index_dir), "ask", "どの県の事例が多い？", "神奈川県内の事例を比較して", "--json")
    tally, side = [json.loads(line) for line in p.stdout.splitlines()]
    assert tally["kind"] == "aggregate" and tally["table"]["columns"][0] == "都道府県"
    assert side["kind"] == "compare" and len(side["table"]["columns"]) == 5


@pytest.mark.model
@pytest.mark.parametrize("question, cities", [
    ("Compare Kobe and Osaka", ["兵庫県神戸市", "大阪府大阪市"]),
    ("大阪と神戸を比べて", ["大阪府大阪市", "兵庫県神戸市"]),
    ("Compare Osaka and Kumamoto", ["大阪府大阪市", "熊本県熊本市"]),
])
def test_a_bare_prefecture_name_compared_with_a_city_is_its_same_named_city(shared_e5_bot, question, cities):
    # "Compare Kobe and Osaka" had answered "no such case" (大阪府 has no case of its own), 「大阪と
    # 神戸を比べて」 two facts instead of a table
    a = shared_e5_bot.ask(question)
    assert a.kind == "compare" and a.table["columns"][1:] == cities


@pytest.mark.model
def test_a_bare_prefecture_compared_alone_is_still_its_cases(shared_e5_bot):
    a = shared_e5_bot.ask("大阪の事例を比較して")
    assert a.kind == "compare" and a.table["columns"][1:] == ["大阪府大阪市", "大阪府枚方市", "大阪府門真市"]
