"""Questions about all the cases whose subject no facet group counts, and "recent" starts: what
is common about a topic the knowledge files do not tally (concerns, risks) is the cases whose
sentences state it — never another group's table — and 「最近導入した」 ranks the starts from the
latest. Through the library and `chatbot ask --json`."""
import json
import re

import pytest

from test_cli import run


def _cases(answer) -> set[str]:
    return {c.case for c in answer.citations}


@pytest.mark.model
@pytest.mark.parametrize("question, word", [("全事例に共通する懸念は？", "懸念"),
                                            ("What risks are common?", "リスク|懸念|危険")])
def test_what_is_common_about_an_untallied_topic_lists_the_cases_stating_it(shared_e5_bot, question, word):
    # both had answered a table of the most common *uses* (「アイデア出し・企画立案 21件 …」)
    a = shared_e5_bot.ask(question)
    assert a.kind == "list" and a.table is None
    assert "アイデア出し" not in a.text and "Ideas / planning" not in a.text
    assert a.citations and all(re.search(word, c.passage) for c in a.citations[:3])
    assert "東京都庁" in _cases(a) if word == "懸念" else "群馬県藤岡市" in _cases(a)


@pytest.mark.model
@pytest.mark.parametrize("question", ["多くの自治体に共通する点は？", "What do the cases have in common?",
                                      "自治体で多い用途は？"])
def test_what_is_common_with_no_topic_of_its_own_is_still_a_table(shared_e5_bot, question):
    assert shared_e5_bot.ask(question).kind == "aggregate"


@pytest.mark.model
@pytest.mark.parametrize("question, level, first", [
    ("最近導入した自治体は？", "", "2023年9月"),
    ("Which municipalities recently started using ChatGPT?", "市区町村", "2023年8月"),
])
def test_recent_starts_are_ranked_from_the_latest(shared_e5_bot, question, level, first):
    # 「最近導入した自治体は？」 had been "no such case"; the English one had listed one case (富士市,
    # for 「新しいアイデア」)
    a = shared_e5_bot.ask(question)
    assert a.kind == "rank"
    rows = a.table["rows"]
    assert first in rows[0][2] and len(rows) >= 10
    assert "最も新しい" in a.text if a.lang == "ja" else "latest start" in a.text
    if level:
        assert {c.level for c in a.citations} == {level}


@pytest.mark.model
def test_recent_is_no_topic_of_its_own(shared_e5_bot):
    # 「最近」 had been a word every listed case must write: "no such case"
    a = shared_e5_bot.ask("最近ガイドラインを作った県は？")
    assert a.kind == "list" and len(_cases(a)) >= 10
    assert {"佐賀県", "静岡県", "鳥取県"} <= _cases(a)


@pytest.mark.model
def test_ask_json_lists_the_cases_stating_a_common_concern(e5_index_dir):
    p = run("--data-dir", str(e5_index_dir), "ask", "全事例に共通する懸念は？", "最近導入した自治体は？", "--json")
    common, recent = [json.loads(line) for line in p.stdout.splitlines()]
    assert common["kind"] == "list" and "東京都庁" in {c["case"] for c in common["citations"]}
    assert recent["kind"] == "rank" and "2023年9月" in recent["table"]["rows"][0][2]


@pytest.mark.model
@pytest.mark.parametrize("question, level", [("一番多くの業務で使っている自治体は？", ""),
                                             ("Which municipality uses ChatGPT for the widest range of tasks?", "市区町村")])
def test_the_case_with_most_uses_ranks_the_cases_by_how_many_uses_they_state(shared_e5_bot, question, level):
    # it had answered the most common uses (a table of uses, 「アイデア出し・企画立案 21件」), not a case
    a = shared_e5_bot.ask(question)
    assert a.kind == "rank" and a.table["columns"][2] in ("用途の数", "number of uses")
    counts = [int(re.match(r"\d+", row[2]).group()) for row in a.table["rows"]]
    assert counts == sorted(counts, reverse=True) and counts[0] >= 4 and len(counts) >= 10
    first = a.table["rows"][0]
    assert first[1] in a.text.splitlines()[0]
    if level:
        assert {c.level for c in a.citations} == {level}
    else:
        assert first[1] == "福島県庁" and "要約" in first[2] and "文章作成" in first[2]


@pytest.mark.model
def test_the_most_common_use_is_still_a_table_of_uses(shared_e5_bot):
    a = shared_e5_bot.ask("一番多い用途は？")
    assert a.kind == "aggregate" and a.table["columns"][0] == "用途"


@pytest.mark.model
@pytest.mark.parametrize("question, total, share", [
    ("本格導入の割合は？", "62件中", "約18%"),
    ("What share of the cases are in full operation?", "of 62", "about 18%"),
    ("県のうちガイドラインを作った割合は？", "25件中", "約56%"),
])
def test_a_share_is_the_count_out_of_the_cases_in_scope(shared_e5_bot, question, total, share):
    # 「本格導入の割合は？」 had listed one case (割合 a word a case must write: 横須賀市's 「約8割」)
    a = shared_e5_bot.ask(question)
    lead = a.text.splitlines()[0]
    assert total in lead and share in lead
    n = len({c.case for c in a.citations})
    assert n >= 10 and (f"{n} 件" in lead or f"{n} cases" in lead)


@pytest.mark.model
@pytest.mark.parametrize("question, group", [("ベンダー別の件数は？", "ベンダー・連携先"),
                                             ("How many cases per vendor?", "vendors / partners"),
                                             ("本格導入と試験導入の割合は？", "導入段階")])
def test_counts_by_a_group_are_a_table_of_that_group(shared_e5_bot, question, group):
    # 「ベンダー別の件数は？」 had listed one case (埼玉県庁); 「…の割合は？」 one case (横須賀市)
    a = shared_e5_bot.ask(question)
    assert a.kind == "aggregate" and a.table["columns"][0] == group and len(a.table["rows"]) >= 3


@pytest.mark.model
@pytest.mark.parametrize("question, share", [("本格導入と試験導入の割合は？", "試験導入 37件（約60%）"),
                                             ("What proportion of cases are at each stage?", "(37, about 60%)")])
def test_a_tally_asked_as_shares_gives_each_rows_share(shared_e5_bot, question, share):
    a = shared_e5_bot.ask(question)
    assert a.kind == "aggregate" and share in a.text.splitlines()[0]


@pytest.mark.model
@pytest.mark.parametrize("turns", [("本格導入の割合は？", "そのうち関東は？"), ("関東の事例は？", "そのうち何割が本格導入？")])
def test_a_share_in_a_follow_up_is_of_the_regions_cases(shared_e5_bot, turns):
    # 「そのうち関東は？」 had said 「7件中、約100%」: the share of the list on screen, not of 関東
    *_, a = shared_e5_bot.converse(list(turns))
    lead = next(line for line in a.text.splitlines() if line.startswith("記事で"))
    n = len({c.case for c in a.citations})
    assert "20件中" in lead and f"約{round(100 * n / 20)}%" in lead


@pytest.mark.model
def test_comparing_the_cases_of_a_facet_puts_them_side_by_side(shared_e5_bot):
    # it had answered "no such case" (比較 was a word a case must write)
    a = shared_e5_bot.ask("LoGoチャットを使っている自治体を比較して")
    assert a.kind == "compare"
    assert set(a.table["columns"][1:]) == {"東京都練馬区", "茨城県つくば市", "大阪府門真市"}


@pytest.mark.model
def test_comparing_two_stages_puts_each_stages_cases_in_a_column(shared_e5_bot):
    # it had listed the 本格導入 cases only
    a = shared_e5_bot.ask("試験導入と本格導入の自治体を比べて")
    assert a.kind == "compare" and a.table["columns"][1:] == ["試験導入", "本格導入"]
    assert a.table["rows"][0][1:] == ["37", "11"]


@pytest.mark.model
def test_comparing_many_cases_of_a_facet_is_an_overview_by_level(shared_e5_bot):
    # it had answered "no such case"
    a = shared_e5_bot.ask("ガイドラインを作った自治体を比較して")
    assert a.kind == "compare" and a.table["columns"][1:] == ["都道府県", "市区町村"]
    counts = [int(x) for x in a.table["rows"][0][1:]]
    assert counts[0] >= 10 and counts[1] >= 5
