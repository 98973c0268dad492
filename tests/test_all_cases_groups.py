"""Questions about all the cases, asked group by group or place beside place: the first of each
region, prefecture or level (「各地方で一番早く導入した自治体は？」 had been one ranking of every
case), and a case compared with the cases of a prefecture that has none of its own or of a region
(「大阪府と神戸市を比べて」 had answered 神戸市 alone; "Compare Kanto and Yokosuka" "no such case").
Through the library and `chatbot ask --json`."""
import json
import re

import pytest

from test_cli import run


def _starts(a) -> dict[str, str]:
    return {row[0]: row[2] for row in a.table["rows"]}


@pytest.mark.model
@pytest.mark.parametrize("question", ["各地方で一番早く導入した自治体は？", "Which case started earliest in each region?",
                                      "地方ごとに最初に始めたのは？"])
def test_the_earliest_of_each_region_is_one_row_per_region(shared_e5_bot, question):
    a = shared_e5_bot.ask(question)
    assert a.kind == "rank" and a.table["columns"][0] in ("地方", "Regions")
    rows = {row[0]: row for row in a.table["rows"]}
    # one row per region heading, in the article's order; ties in one row
    assert list(rows)[:2] == ["北海道・東北", "北陸・甲信越"] and len(rows) == 7
    assert rows["北陸・甲信越"][1] == "新潟県" and "2023年4月" in rows["北陸・甲信越"][2]
    assert rows["関東"][1].replace(", ", "、") == "神奈川県庁、神奈川県厚木市" and "2023年5月" in rows["関東"][2]
    assert rows["中国"][1] == "広島県" and "2023年7月" in rows["中国"][2]
    # each case in a row cites its own sentence
    cited = {c.case for c in a.citations}
    assert {"新潟県", "神奈川県庁", "神奈川県厚木市", "広島県"} <= cited


@pytest.mark.model
def test_two_regions_each_asked_for_their_first_are_two_rows(shared_e5_bot):
    a = shared_e5_bot.ask("関東と九州で、それぞれ一番早く始めたのは？")
    assert a.kind == "rank" and [row[0] for row in a.table["rows"]] == ["関東", "九州"]
    assert _starts(a)["九州"].startswith("2023年5月") and a.table["rows"][1][1] == "佐賀県"


@pytest.mark.model
def test_each_prefecture_groups_its_own_case_with_its_municipalities(shared_e5_bot):
    # 「各県」 groups; it does not keep the answer to prefectures' own cases
    a = shared_e5_bot.ask("各県で最初に導入したのは？")
    rows = {row[0]: row[1] for row in a.table["rows"]}
    assert a.table["columns"][0] == "都道府県"
    assert rows["東京都"] == "東京都練馬区" and rows["三重県"] == "三重県伊賀市" and rows["青森県"] == "青森県、青森県むつ市"


@pytest.mark.model
def test_levels_each_asked_for_their_first_are_one_row_per_level(shared_e5_bot):
    a = shared_e5_bot.ask("県と市でそれぞれ一番早く導入したのは？")
    rows = {row[0]: row[1] for row in a.table["rows"]}
    assert rows["都道府県"] == "新潟県" and "神奈川県厚木市" in rows["市区町村"]


@pytest.mark.model
@pytest.mark.parametrize("question, lead", [
    ("一番早く導入した地方は？", "開始時期が最も早い地方は北陸・甲信越（新潟県、2023年4月"),
    ("Which region started earliest?", "北陸・甲信越 (新潟県, 2023年4月"),
])
def test_the_region_asked_for_is_ranked_by_its_first(shared_e5_bot, question, lead):
    # it had been a ranking of every case, whose reader had to find the region of its top row
    a = shared_e5_bot.ask(question)
    assert a.kind == "rank" and lead in a.text
    regions = [row[0] for row in a.table["rows"]]
    assert regions[0] == "北陸・甲信越" and len(regions) == 7
    # the regions in the order of their firsts (the article's order puts 北海道・東北 first)
    months = [tuple(map(int, re.match(r"(\d{4})年(\d{1,2})月", _starts(a)[g]).groups())) for g in regions]
    assert months == sorted(months) and regions[-1] == "中国"


@pytest.mark.model
def test_one_ranking_of_all_the_cases_is_unchanged(shared_e5_bot):
    a = shared_e5_bot.ask("一番早く導入した自治体は？")
    assert a.table["columns"][0] == "順位" and len(a.table["rows"]) >= 30


@pytest.mark.model
@pytest.mark.parametrize("question, lead", [
    ("大阪府と神戸市を比べて", "大阪府（大阪府大阪市・大阪府枚方市・大阪府門真市）と兵庫県神戸市を比べると"),
    ("Compare Osaka Prefecture and Kobe", "Osaka Prefecture (大阪府大阪市, 大阪府枚方市, 大阪府門真市) and Kobe"),
])
def test_a_prefecture_without_a_case_is_compared_through_the_cases_in_it(shared_e5_bot, question, lead):
    a = shared_e5_bot.ask(question)
    assert a.kind == "compare" and lead in a.text.splitlines()[0]
    assert a.table["columns"][1:] == ["大阪府大阪市", "大阪府枚方市", "大阪府門真市", "兵庫県神戸市"]


@pytest.mark.model
def test_a_region_beside_a_case_is_an_overview_column_and_the_case_a_column(shared_e5_bot):
    a = shared_e5_bot.ask("Compare Kanto and Yokosuka")
    assert a.kind == "compare" and a.table["columns"][1:] == ["Kanto (関東)", "Yokosuka"]
    cases = {row[0]: row[1:] for row in a.table["rows"]}["Cases"]
    assert cases == ["20", "1"]


@pytest.mark.model
def test_a_place_with_no_case_in_the_article_is_said_so(shared_e5_bot):
    a = shared_e5_bot.ask("北海道と神戸市を比べて")
    assert a.kind == "none" and "北海道の事例はありません" in a.text


@pytest.mark.model
def test_ask_json_gives_the_first_of_each_region_and_the_prefecture_comparison(e5_index_dir):
    p = run("--data-dir", str(e5_index_dir), "ask", "各地方で一番早く導入した自治体は？", "大阪府と神戸市を比べて", "--json")
    per, compared = [json.loads(line) for line in p.stdout.splitlines()]
    assert per["kind"] == "rank" and per["table"]["columns"][0] == "地方"
    assert [row[0] for row in per["table"]["rows"]][-1] == "九州"
    assert compared["kind"] == "compare" and compared["table"]["columns"][-1] == "兵庫県神戸市"
    assert compared["answer"].startswith("大阪府（")


@pytest.mark.model
@pytest.mark.parametrize("question, group, n, label", [
    # a fact about the rules picks the cases whose rules (or uses) are counted; it had counted all 58
    ("ガイドラインを作った自治体で多い用途は？", "用途", 26, "ガイドライン・利用ルールの策定"),
    ("研修を実施した自治体で多いルールは？", "ルール", 8, "研修・講習の実施"),
    ("ガイドラインを作った自治体で多いルールは？", "ルール", 26, "ガイドライン・利用ルールの策定"),
    ("地方別に見て、ガイドラインを作った自治体が一番多いのは？", "地方", 26, "ガイドライン・利用ルールの策定"),
    # the word that only names the group counted is no facet the cases must have
    ("多いルールは？", "ルール", 62, ""),
])
def test_an_aggregate_counts_the_cases_of_the_facet_the_question_names(shared_e5_bot, question, group, n, label):
    a = shared_e5_bot.ask(question)
    lead = a.text.splitlines()[0]
    assert a.kind == "aggregate" and a.table["columns"][0] == group
    assert f"（{n}件）" in lead and (f"「{label}」" in lead if label else "「" not in lead.split("で多い")[0])


@pytest.mark.model
def test_stages_compared_on_their_rules_are_the_stages_side_by_side(shared_e5_bot):
    # ルール had been a third facet every case must have with both stages: "no such case"
    a = shared_e5_bot.ask("本格導入した自治体と試験導入の自治体で、ルールの違いは？")
    assert a.kind == "compare" and a.table["columns"][1:] == ["本格導入", "試験導入"]
    assert {row[0]: row[1:] for row in a.table["rows"]}["事例数"] == ["11", "37"]


@pytest.mark.model
@pytest.mark.parametrize("question, counts", [
    ("What are the most common rules in Kanto and Kyushu respectively?", ["20", "6"]),   # had compared levels
    ("関東と近畿でそれぞれ多い用途は？", ["20", "8"]),           # had tallied the two regions' cases
    ("関東と近畿でガイドラインを作った自治体を比べて", ["7", "3"]),   # each region's cases with a guideline
])
def test_regions_compared_on_a_group_are_the_regions_side_by_side(shared_e5_bot, question, counts):
    a = shared_e5_bot.ask(question)
    rows = {row[0]: row[1:] for row in a.table["rows"]}
    assert a.kind == "compare" and rows.get("事例数", rows.get("Cases")) == counts
    assert "主な用途" in rows or "Main rules" in rows


@pytest.mark.model
@pytest.mark.parametrize("question, n, label", [
    ("Which rules do local governments in Kanto set most often?", 20, ""),     # "Which rules": the group asked
    ("What rules are common among cities that made guidelines?", 9, "Guidelines / usage rules in place"),
])
def test_an_english_aggregate_tells_the_group_asked_from_the_facet_that_picks_cases(shared_e5_bot, question, n, label):
    a = shared_e5_bot.ask(question)
    lead = a.text.splitlines()[0]
    assert a.kind == "aggregate" and a.table["columns"][0] == "rules" and f"({n})" in lead
    assert (f"with '{label}'" in lead) if label else "with '" not in lead


@pytest.mark.model
def test_ask_json_ranks_the_regions_when_the_region_is_asked(e5_index_dir):
    p = run("--data-dir", str(e5_index_dir), "ask", "Which region started earliest?", "--json")
    a = json.loads(p.stdout)
    assert a["kind"] == "rank" and a["table"]["rows"][0][:2] == ["北陸・甲信越", "新潟県"]
    assert a["answer"].startswith("The article says 神奈川県横須賀市") and "北陸・甲信越 (新潟県, 2023年4月" in a["answer"]
