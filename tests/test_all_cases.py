"""Questions about all the cases at once (issue 19): what is common, who is largest, side by side —
answered as a table whose every cell is cited, by the library and by `chatbot ask --json`."""
import json

import pytest

from test_cli import run

COMMON = "他の自治体のガイドラインで共通しているルールは何ですか？"
LARGEST = "最も多くの職員が使える自治体は？"
SIDE_BY_SIDE = "東京都と埼玉県の取り組みを比較して"


def _cited_cases(answer):
    return {c.case for c in answer.citations}


@pytest.mark.model
def test_common_rules_are_counted_with_their_cases(shared_e5_bot):
    a = shared_e5_bot.ask(COMMON)
    assert a.kind == "aggregate"
    t = a.table
    assert t["columns"][:2] == ["ルール", "件数"]
    first = t["rows"][0]
    assert first[0] == "個人情報の入力禁止" and int(first[1]) >= 20
    # the count is the number of cases listed, and every listed case is a cited one
    assert int(first[1]) == len(t["cases"][0])
    assert "神奈川県厚木市" not in first[2]          # a case with no personal-data rule
    assert {"宮城県", "広島県", "福岡県古賀市"} <= _cited_cases(a)
    counts = [int(r[1]) for r in t["rows"]]
    assert counts == sorted(counts, reverse=True)


@pytest.mark.model
def test_largest_number_of_staff_ranks_the_stated_figures(shared_e5_bot):
    a = shared_e5_bot.ask(LARGEST)
    assert a.kind == "rank"
    first = a.table["rows"][0]
    assert first[1] == "東京都庁" and "約5万人" in first[2]
    assert a.citations[0].case == "東京都庁" and "5万人" in a.citations[0].passage
    assert "東京都庁" in a.text.splitlines()[0]


@pytest.mark.model
def test_side_by_side_compares_both_cases_on_several_aspects(shared_e5_bot):
    a = shared_e5_bot.ask(SIDE_BY_SIDE)
    assert a.kind == "compare"
    assert a.table["columns"] == ["観点", "東京都庁", "埼玉県庁"]
    stated = [r for r in a.table["rows"] if r[1] != "記載なし" and r[2] != "記載なし"]
    assert len(stated) >= 5
    assert _cited_cases(a) == {"東京都庁", "埼玉県庁"}


@pytest.mark.model
def test_ask_json_carries_the_tables(e5_index_dir):
    p = run("--data-dir", str(e5_index_dir), "ask", COMMON, LARGEST, SIDE_BY_SIDE, "--json")
    common, largest, side = [json.loads(line) for line in p.stdout.splitlines()]
    assert [common["kind"], largest["kind"], side["kind"]] == ["aggregate", "rank", "compare"]
    assert common["table"]["rows"][0][0] == "個人情報の入力禁止"
    assert largest["table"]["rows"][0][1] == "東京都庁"
    assert len(side["table"]["rows"]) >= 5
    for r in (common, largest, side):
        assert r["citations"] and len(r["table"]["cases"]) == len(r["table"]["rows"])


# --- figures made comparable (spans, lengths, savings) and regions named in any form ---------------

def _ranked(answer):
    return [r[1] for r in answer.table["rows"]]


@pytest.mark.model
def test_periods_by_their_ends_and_by_their_length_rank_together(shared_e5_bot):
    a = shared_e5_bot.ask("一番短い試行期間はどの自治体？")
    assert a.kind == "rank"
    ranked = _ranked(a)
    assert ranked[0] == "富山県" and "6月9日から7月末" in a.table["rows"][0][2]   # 53 days
    # 「2か月」 beside 「5月から8月」 (four months): lengths and spans on one scale
    assert ranked.index("東京都練馬区") < ranked.index("神奈川県厚木市") == len(ranked) - 1
    # more time (「さらに1カ月」) and a trial offered to others are not a case's period
    assert "山形県庁" not in ranked and "宮崎県都城市" not in ranked


@pytest.mark.model
def test_a_trial_started_in_one_sentence_and_ended_in_another_is_ranked_citing_both(shared_e5_bot):
    a = shared_e5_bot.ask("九州で一番長く試験をしたのはどこ？")
    first = a.table["rows"][0]
    assert first[1] == "熊本県熊本市" and len(a.table["cases"][0]) == 2
    passages = [c.passage for c in a.citations if c.case == "熊本県熊本市"]
    assert any("6月から" in p for p in passages) and any("8月末まで" in p for p in passages)


@pytest.mark.model
def test_time_savings_rank_per_task_before_a_total(shared_e5_bot):
    a = shared_e5_bot.ask("Which cases saved the most working time?")
    assert _ranked(a)[:3] == ["新潟県長岡市", "神奈川県厚木市", "神奈川県横須賀市"]
    assert "21分" in a.table["rows"][1][2] and "51時間" not in a.table["rows"][1][2]


@pytest.mark.model
def test_two_regions_named_in_english_or_japanese_are_compared_case_by_case(shared_e5_bot):
    for question in ("北陸と四国を比べて", "Compare Hokuriku with Shikoku."):
        a = shared_e5_bot.ask(question)
        assert a.kind == "compare"
        assert set(a.table["columns"][1:]) == {"富山県", "福井県", "福井県越前市", "愛媛県", "香川県三豊市"}


@pytest.mark.model
def test_a_timeline_counts_a_start_within_a_month_and_leaves_out_ends(shared_e5_bot):
    a = shared_e5_bot.ask("関西の自治体はいつ始めた？月ごとに教えて")
    assert a.kind == "timeline"
    months = {r[0]: r[2] for r in a.table["rows"]}
    assert "三重県伊賀市" in months["2023年5月"] and "兵庫県神戸市" in months["2023年5月"]
    b = shared_e5_bot.ask("Show a timeline of when the municipalities started.")
    listed = " ".join(r[2] for r in b.table["rows"])
    assert "茨城県笹間市" not in listed and "群馬県藤岡市" not in listed      # 「7月末まで」: an end only


@pytest.mark.model
def test_which_region_has_most_cases_counts_the_articles_headings(shared_e5_bot):
    a = shared_e5_bot.ask("どの地方の事例が一番多い？")
    assert a.kind == "aggregate" and a.table["columns"][0] == "地方"
    counts = {r[0]: int(r[1]) for r in a.table["rows"]}
    assert counts["関東"] == max(counts.values()) and sum(counts.values()) == len(shared_e5_bot.retriever().cases)
    trials = shared_e5_bot.ask("地方別に試験導入の事例数を集計して")       # a stage narrows what is counted
    assert trials.table["columns"][0] == "地方"
    assert sum(int(r[1]) for r in trials.table["rows"]) < sum(counts.values())


@pytest.mark.model
def test_the_latest_start_is_a_ranking_from_the_last(shared_e5_bot):
    a = shared_e5_bot.ask("導入が一番遅かった県は？")
    assert a.kind == "rank"
    months = [r[2].split(" ")[0] for r in a.table["rows"]]
    assert months == sorted(months, reverse=True) and months[0] > months[-1]


@pytest.mark.model
def test_starts_in_order_read_earliest_first_and_progress_over_a_year_is_a_timeline(shared_e5_bot):
    a = shared_e5_bot.ask("Put the prefectures in order of when they started.")
    assert a.kind == "rank"
    months = [r[2].split(" ")[0] for r in a.table["rows"]]
    assert months == sorted(months) and months[0] < months[-1]
    assert shared_e5_bot.ask("How did adoption progress over 2023?").kind == "timeline"
    assert shared_e5_bot.ask("どの段階の自治体が多い？").table["columns"][0] == "導入段階"
    assert shared_e5_bot.ask("What months saw the most new adopters?").kind == "timeline"
    gain = shared_e5_bot.ask("Which municipality reported the biggest efficiency gain?")
    assert gain.kind == "rank" and gain.table["columns"][2] == "time saved"


@pytest.mark.model
def test_a_stage_narrows_a_timeline(shared_e5_bot):
    every = shared_e5_bot.ask("いつ頃から導入が増えた？")
    full = shared_e5_bot.ask("本格導入した自治体の導入時期を月別に")
    listed = " ".join(r[2] for r in full.table["rows"])
    assert full.kind == "timeline" and "神奈川県厚木市" in listed and "茨城県庁" not in listed   # 茨城県庁: a trial
    assert sum(int(r[1]) for r in full.table["rows"]) < sum(int(r[1]) for r in every.table["rows"])


@pytest.mark.model
def test_a_follow_up_naming_a_region_or_level_redraws_the_same_table(shared_e5_bot):
    first, kanto, kyushu = shared_e5_bot.converse(["試験期間が一番長かったのはどこ？", "そのうち関東は？",
                                                   "What about in Kyushu?"])
    assert [a.kind for a in (first, kanto, kyushu)] == ["rank"] * 3
    assert len(kanto.table["rows"]) < len(first.table["rows"])
    assert all(c.region == "関東" for c in kanto.citations)
    assert kyushu.table["rows"][0][1] == "熊本県熊本市" and kyushu.lang == "en"
    rules, kanto_rules = shared_e5_bot.converse(["都道府県で多いルールは？", "そのうち関東は？"])
    assert kanto_rules.kind == "aggregate" and kanto_rules.table["columns"][0] == "ルール"
    assert {c.case for c in kanto_rules.citations} <= {"東京都庁", "千葉県庁", "埼玉県庁", "茨城県庁", "神奈川県庁",
                                                      "群馬県庁", "栃木県庁"}           # prefectures kept
    every, munis = shared_e5_bot.converse(["いつ頃から導入が増えた？", "市区町村だけだと？"])
    assert munis.kind == "timeline" and all(c.level == "市区町村" for c in munis.citations)
    # regions named anew are compared, not the cases of the answer before
    _, side = shared_e5_bot.converse(["Which trial in Kyushu ran the longest?", "北陸と四国を比べて"])
    assert set(side.table["columns"][1:]) == {"富山県", "福井県", "福井県越前市", "愛媛県", "香川県三豊市"}


@pytest.mark.model
def test_two_large_regions_compare_counts_stages_uses_rules_vendors_and_starts(shared_e5_bot):
    a = shared_e5_bot.ask("Compare Kanto and Kansai.")
    assert a.kind == "compare" and a.table["columns"][1:] == ["Kanto (関東)", "Kinki/Kansai (近畿)"]
    assert [r[0] for r in a.table["rows"]] == ["Cases", "Stage", "Main uses", "Main rules",
                                               "Main vendors / partners", "Start"]
    assert a.table["rows"][0][1:] == ["20", "8"]
    assert a.table["rows"][-1][1].startswith("2023年5月〜2023年9月")


@pytest.mark.model
def test_what_most_cases_mainly_do_is_an_aggregate_but_a_named_case_or_a_list_is_not(shared_e5_bot):
    for question in ("What do the municipalities mostly use it for?", "市町村は主に何に使っている？"):
        a = shared_e5_bot.ask(question)
        assert a.kind == "aggregate" and all(c.level == "市区町村" for c in a.citations)
    assert shared_e5_bot.ask("How many cases are at each stage?").table["columns"][0] == "stages"
    assert shared_e5_bot.ask("厚木市は主に何に使っている？").kind == "fact"
    assert shared_e5_bot.ask("Which cities mainly use it for translation?").kind == "list"


# --- tallies by the article's structure: per region, per level, a prefecture's municipalities ------
@pytest.mark.model
def test_cases_per_region_are_a_tally_without_a_superlative(shared_e5_bot):
    cases = shared_e5_bot.retriever().cases.values()
    a = shared_e5_bot.ask("地域ごとの件数を教えて")
    assert a.kind == "aggregate" and a.table["columns"][0] == "地方"
    assert sum(int(r[1]) for r in a.table["rows"]) == len(cases)
    cities = shared_e5_bot.ask("How many cases per region are there among the municipalities?")
    assert cities.kind == "aggregate" and cities.table["columns"][0] == "regions"
    assert all(c.level == "市区町村" for c in cities.citations)
    assert sum(int(r[1]) for r in cities.table["rows"]) == sum(c.level == "市区町村" for c in cases)
    most = shared_e5_bot.ask("県の事例が多い地方はどこ？")
    assert most.kind == "aggregate" and most.table["columns"][0] == "地方"
    assert all(c.level == "都道府県" for c in most.citations)


@pytest.mark.model
def test_cases_per_level_are_counted_when_two_levels_are_split(shared_e5_bot):
    cases = shared_e5_bot.retriever().cases.values()
    a = shared_e5_bot.ask("省庁、都道府県、市区町村の事例はそれぞれ何件？")
    assert a.kind == "aggregate" and a.table["columns"][0] == "区分"
    counts = {r[0]: int(r[1]) for r in a.table["rows"]}
    assert set(counts) == {"省庁", "都道府県", "市区町村"} and sum(counts.values()) == len(cases)
    assert counts["市区町村"] == max(counts.values())
    b = shared_e5_bot.ask("Prefectures and municipalities: how many cases each?")
    assert b.table["columns"][0] == "levels" and {r[0] for r in b.table["rows"]} == {"prefectures", "municipalities"}
    # a facet group named beside the levels is what is counted
    assert shared_e5_bot.ask("県と市それぞれで多い用途は？").table["columns"][0] == "用途"


@pytest.mark.model
def test_a_prefecture_named_with_its_municipalities_bounds_them(shared_e5_bot):
    a = shared_e5_bot.ask("神奈川県の市で多い用途は？")
    assert a.kind == "aggregate" and a.citations
    assert all(c.prefecture == "神奈川県" and c.level == "市区町村" for c in a.citations)
    assert shared_e5_bot.ask("神奈川県庁で多い用途は？").kind != "aggregate"     # the office: its case


@pytest.mark.model
def test_named_regions_split_fewest_first_and_counts_per_month_are_tallies(shared_e5_bot):
    two = shared_e5_bot.ask("東北と九州はそれぞれ何件？")
    assert two.kind == "aggregate" and two.table["columns"][0] == "地方"
    assert {c.region for c in two.citations} == {r[0] for r in two.table["rows"]} == {"北海道・東北", "九州"}
    few = shared_e5_bot.ask("Which region has the least cases?")
    counts = [int(r[1]) for r in few.table["rows"]]
    assert few.kind == "aggregate" and counts == sorted(counts) and counts[0] < counts[-1]
    assert shared_e5_bot.ask("How many governments began per month?").kind == "timeline"
    assert shared_e5_bot.ask("月別の導入件数は？").kind == "timeline"


@pytest.mark.model
def test_what_two_named_cases_have_in_common_puts_them_side_by_side(shared_e5_bot):
    for question in ("長岡市と新潟市の共通点は？", "What do Tsukuba and Kasama have in common?"):
        a = shared_e5_bot.ask(question)
        assert a.kind == "compare" and len(a.table["columns"]) == 3
    assert shared_e5_bot.ask("長岡市のルールで共通しているものは？").kind != "compare"   # one case


@pytest.mark.model
def test_cases_per_prefecture_count_every_case_unless_a_level_bounds_them(shared_e5_bot):
    cases = list(shared_e5_bot.retriever().cases.values())
    a = shared_e5_bot.ask("都道府県ごとの事例数を教えて")
    assert a.kind == "aggregate" and a.table["columns"][0] == "都道府県"
    counts = {r[0]: int(r[1]) for r in a.table["rows"]}
    assert sum(counts.values()) == sum(bool(c.prefecture) for c in cases)    # 省庁 have none
    assert counts["東京都"] == sum(c.prefecture == "東京都" for c in cases) == max(counts.values())
    cities = shared_e5_bot.ask("How many municipalities per prefecture?")
    assert cities.table["columns"][0] == "prefectures" and all(c.level == "市区町村" for c in cities.citations)
    assert sum(int(r[1]) for r in cities.table["rows"]) == sum(c.level == "市区町村" for c in cases)


@pytest.mark.model
def test_a_ranking_by_a_count_the_knowledge_names_orders_the_stated_counts(shared_e5_bot):
    a = shared_e5_bot.ask("一番多くの部署で使っている自治体は？")
    assert a.kind == "rank" and a.table["columns"][2] == "部署数"
    counts = [int("".join(ch for ch in r[2].split("[")[0] if ch.isdigit())) for r in a.table["rows"]]
    assert len(counts) >= 3 and counts == sorted(counts, reverse=True)
    few = shared_e5_bot.ask("Which case used it in the fewest departments?")
    assert few.kind == "rank" and few.table["rows"][0][1] == a.table["rows"][-1][1]
    assert shared_e5_bot.ask("一番多い用途は？").kind == "aggregate"        # a facet, not a count


@pytest.mark.model
def test_comparing_one_region_or_level_puts_its_cases_side_by_side_or_sums_up_many(shared_e5_bot):
    a = shared_e5_bot.ask("中国地方の県を比べて")
    chugoku = [c.title for c in shared_e5_bot.retriever().cases.values() if c.region == "中国" and c.level == "都道府県"]
    assert a.kind == "compare" and a.table["columns"][1:] == chugoku and len(chugoku) >= 2
    many = shared_e5_bot.ask("Compare the municipalities of Kanto.")
    assert many.kind == "compare" and len(many.table["columns"]) == 2      # one overview column
    assert int(many.table["rows"][0][1]) > 8
    levels = shared_e5_bot.ask("都道府県と市区町村を比較して")          # two levels: a column each
    assert levels.table["columns"][1:] == ["都道府県", "市区町村"]
    cases = shared_e5_bot.retriever().cases.values()
    assert [int(x) for x in levels.table["rows"][0][1:]] == [sum(c.level == lv for c in cases)
                                                            for lv in ("都道府県", "市区町村")]


@pytest.mark.model
def test_two_stages_named_with_a_count_word_are_a_tally_but_two_rules_are_not(shared_e5_bot):
    a = shared_e5_bot.ask("How many governments are at the trial stage and how many have fully adopted it?")
    assert a.kind == "aggregate" and a.table["columns"][0] == "stages" and len(a.table["rows"]) >= 2
    assert shared_e5_bot.ask("本格導入している自治体は何件？").kind == "count"       # one stage: its cases
    assert shared_e5_bot.ask("個人情報と機密情報の入力を禁止している自治体は何件？").kind == "count"


@pytest.mark.model
def test_who_was_first_leads_with_the_case_that_says_so_even_without_a_month(shared_e5_bot):
    # 横須賀市 states no month, so a ranking of stated starts alone would never name it
    for question in ("最初にChatGPTを導入した自治体は？", "Which city was the first to adopt ChatGPT?"):
        a = shared_e5_bot.ask(question)
        assert a.kind == "rank"
        assert a.citations[0].case == "神奈川県横須賀市" and "全国初" in a.citations[0].passage
        assert "神奈川県横須賀市 [1]" in a.text.splitlines()[0]
        assert "神奈川県横須賀市" not in [row[1] for row in a.table["rows"]]
    # 松阪市's sentence tells of 横須賀市's first: it is not 松阪市's claim
    assert "三重県松阪市" not in {c.case for c in shared_e5_bot.ask("最初にChatGPTを導入した自治体は？").citations}
    # the latest start, or a ranking of staff, has no such lead
    assert "「初」" not in shared_e5_bot.ask("導入が一番遅かった県は？").text.splitlines()[0]


@pytest.mark.model
def test_a_prefectures_local_governments_are_ranked_with_its_first_in_the_prefecture(shared_e5_bot):
    a = shared_e5_bot.ask("福井県で一番早く導入した自治体は？")     # had been "no such case"
    assert a.kind == "rank"
    assert [c.case for c in a.citations] == ["福井県越前市", "福井県"]
    assert "県内自治体で初めて" in a.citations[0].passage
    # no municipality of the prefecture states a month, but one says it was the first: that one
    b = shared_e5_bot.ask("福井県で最初に導入した市は？")
    assert [c.case for c in b.citations] == ["福井県越前市"]


@pytest.mark.model
@pytest.mark.parametrize("question", ["事例は全部で何件ありますか？", "記事には何件の事例が載っている？",
                                      "How many cases are there in total?", "事例を全部見せて"])
def test_how_many_cases_the_article_has_is_every_case(shared_e5_bot, question):
    a = shared_e5_bot.ask(question)          # had been "no such case", or two cases
    assert a.kind in ("count", "list") and len({c.case for c in a.citations}) == 62
    assert "62" in a.text.splitlines()[0]


@pytest.mark.model
def test_a_question_whose_words_are_all_common_still_asks_its_own_thing(shared_e5_bot):
    # 「全職員」 is not 「全部」: the staff who may use it, not every case of the article
    a = shared_e5_bot.ask("全職員が使えるようにしている事例は？")
    assert 0 < len({c.case for c in a.citations}) < 62


@pytest.mark.model
def test_a_prefecture_a_ranking_looks_in_bounds_it(shared_e5_bot):
    # 「神奈川県内で」 is where to look, not 神奈川県庁's own case (it had ranked that one case alone)
    a = shared_e5_bot.ask("神奈川県内で最も早く始めたのは？")
    assert a.kind == "rank" and len(a.table["rows"]) == 3
    assert {c.prefecture for c in a.citations} == {"神奈川県"}
    assert a.citations[0].case == "神奈川県横須賀市"          # and the one that says it was first leads
    # a superlative of the prefecture's own case is still that case
    assert shared_e5_bot.ask("神奈川県が最も力を入れている用途は？").kind == "fact"


@pytest.mark.model
@pytest.mark.parametrize("question, first, second", [
    ("東北と九州の違いは？", "東北", "九州地方"),          # an area (東北) before a heading (九州)
    ("Compare Kanto and Kyushu", "Kanto (関東)", "Kyushu/Okinawa (九州)"),
])
def test_two_regions_compared_stand_in_the_order_the_question_names_them(shared_e5_bot, question, first, second):
    a = shared_e5_bot.ask(question)
    assert a.kind == "compare" and a.table["columns"][1:] == [first, second]


@pytest.mark.model
@pytest.mark.parametrize("question", ["規模が一番大きい取り組みは？", "Which is the largest-scale rollout?"])
def test_the_largest_scale_is_the_ranking_of_staff(shared_e5_bot, question):
    # 「規模」 had been "no such case": the article writes scale as staff (「20~30人規模」)
    a = shared_e5_bot.ask(question)
    assert a.kind == "rank" and a.table["rows"][0][1] == "東京都庁"
    assert "staff count" in a.text or "職員数を記載" in a.text


@pytest.mark.model
@pytest.mark.parametrize("question", ["一番新しい事例は？", "Which is the most recent case?"])
def test_the_newest_case_is_the_latest_start(shared_e5_bot, question):
    # 「一番新しい事例は？」 had been "no such case"
    a = shared_e5_bot.ask(question)
    assert a.kind == "rank" and a.table["rows"][0][1] == "栃木県庁"


@pytest.mark.model
def test_new_uses_counted_are_an_aggregate_not_a_ranking_of_starts(shared_e5_bot):
    assert shared_e5_bot.ask("新しい使い方で一番多いのは？").kind == "aggregate"


@pytest.mark.model
@pytest.mark.parametrize("turns", [("厚木市の事例を教えて", "横須賀市と比べて"),
                                   ("Tell me about Atsugi", "How does that compare with Yokosuka?")])
def test_comparing_with_one_named_case_right_after_a_case_puts_the_two_side_by_side(shared_e5_bot, turns):
    # it had answered 横須賀市 alone (「横須賀市と比べて」) or "no such case" (English)
    *_, a = shared_e5_bot.converse(list(turns))
    assert a.kind == "compare"
    assert a.table["columns"][1:] == ["神奈川県厚木市", "神奈川県横須賀市"]


@pytest.mark.model
def test_the_same_case_named_again_with_a_compare_word_is_still_that_case(shared_e5_bot):
    *_, a = shared_e5_bot.converse(["厚木市の事例を教えて", "厚木市と比べて"])
    assert a.kind != "compare" and {c.case for c in a.citations} == {"神奈川県厚木市"}
