"""The table under an answer, its chart, and the 集計 view of the cases tab, as plain functions
(`chatbot.web.tables`, `charts`, `tally`): figures read off the cells, bars in the table's order,
months without gaps, one row opened to its quotes, counts that agree with the chat's aggregates,
and a CSV no spreadsheet runs as formulas. The browser side is in tests/test_browser_tables.py."""
import csv
import json
from html import escape

import pytest

from chatbot.web import cases, charts, tables, tally
from core.cases import Case

AGGREGATE_Q = "他の自治体のガイドラインで共通しているルールは何ですか？"
RANK_Q = "最も多くの職員が使える自治体は？"
COMPARE_Q = "東京都と埼玉県の取り組みを比較して"
TIMELINE_Q = "いつ頃から導入が増えた？"


def cite(case: str, passage: str, **extra) -> dict:
    return {"case": case, "region": "関東", "level": "市区町村", "passage": passage, "case_id": case, **extra}


def answer(kind: str, columns: list, rows: list, markers: list, citations: list, lang: str = "ja") -> dict:
    return {"question": "q", "answer": "…", "kind": kind, "lang": lang, "citations": citations,
            "table": {"columns": columns, "rows": rows, "cases": markers}}


AGG = answer("aggregate", ["ルール", "件数", "事例"],
             [["個人情報の入力禁止", "2", "A市 [1]、B県 [2]"], ["著作権", "1", "A市 [3]"]],
             [[1, 2], [3]],
             [cite("A市", "個人情報は入力しない。"), cite("B県", "<script>alert(1)</script>個人情報を禁止。"),
              cite("A市", "著作権に注意する。", instruction=True, warning="⚠ この文は読み手への指示のようです")])


# --- figures read off a cell ---------------------------------------------------------------------

@pytest.mark.parametrize("cell, value, unit", [
    ("約5万人 [1]", 50000, "people"), ("計約13,000人 [2]", 13000, "people"), ("約6千人", 6000, "people"),
    ("6千人", 6000, "people"), ("28人 [9]", 28, "people"), ("51時間 [1]", 51, "hour"), ("10分", 10 / 60, "hour"),
    ("3カ月", 3, "months"), ("2週間", 24 / 52, "months"), ("22", 22, ""), ("about 50,000 staff", 50000, "people"),
])
def test_a_cell_states_one_amount(cell, value, unit):
    got = charts.amount(cell)
    assert got is not None and got[0] == pytest.approx(value) and got[1] == unit


@pytest.mark.parametrize("cell", ["半日", "5月から8月 [1]", "6月20日から9月30日", "2023年4月 [3]", "20~30人",
                                  "記載なし", "", "[1][2]"])
def test_dates_ranges_and_words_are_not_amounts(cell):
    assert charts.amount(cell) is None


def test_markers_are_stripped_in_one_pass():
    assert charts.strip_markers("約5万人 [1][2]") == "約5万人"
    assert charts.strip_markers("A [1]、B [2]") == "A 、B"
    assert charts.strip_markers("[" * 50_000 + "x") == ""          # unbalanced: linear, no error


# --- the table of an answer ------------------------------------------------------------------------

def test_an_aggregate_shows_its_table_a_phone_table_and_bars():
    view = tables.table_view(AGG)
    assert view.visible and view.headers == ["ルール", "件数", "事例"]
    assert view.rows[0] == ["個人情報の入力禁止", 2, "A市 [1]、B県 [2]"]          # counts sort as numbers
    assert view.narrow_headers == ["ルール", "件数"] and view.narrow_rows[1] == ["著作権", 1]
    assert len(view.widths) == 3 and int(view.widths[1][:-1]) < int(view.widths[2][:-1])
    assert view.label.startswith("集計の表（2行）")
    chart = view.chart
    assert chart.labels == ("個人情報の入力禁止", "著作権") and chart.values == (2, 1) and not chart.over_time
    assert chart.title == "グラフ：ルールごとの件数"


@pytest.mark.parametrize("data", [
    None, {}, "x", {"kind": "fact", "table": AGG["table"]}, {"kind": "aggregate"},
    {"kind": "aggregate", "table": {"columns": ["a"], "rows": "x"}},
    {"kind": "aggregate", "table": {"columns": ["a", "b"], "rows": [["only one"]], "cases": [[1]]}},
    {"kind": "rank", "table": {"columns": [], "rows": [], "cases": []}},
])
def test_other_or_malformed_answers_show_no_table(data):
    view = tables.table_view(data)
    assert not view.visible and view.chart is None
    assert "表の行を選ぶと" in tables.row_cases_html(data, ["a"], [0])


def test_markers_that_are_not_citations_are_skipped():
    data = json.loads(json.dumps(AGG))
    data["table"]["cases"] = [[1, "2", True, 99, -1], "x"]
    html = tables.row_cases_html(data, None, [0])
    assert html.count('class="row-case"') == 1 and "[1]" in html
    assert "引用した文がありません" in tables.row_cases_html(data, None, [1])


def test_a_row_opens_to_its_cases_and_quotes_escaped():
    html = tables.row_cases_html(AGG, ["個人情報の入力禁止", 2, "A市 [1]、B県 [2]"], [0, 0])
    assert html.count('class="row-case"') == 2 and "2件の引用" in html
    assert "「個人情報は入力しない。」" in html and "<script>" not in html and "&lt;script&gt;" in html
    copyright_row = tables.row_cases_html(AGG, None, [1, 2])
    assert "著作権に注意する。" in copyright_row and "読み手への指示" in copyright_row   # the warning stays


def test_the_row_is_found_by_its_cells_after_sorting_or_on_a_phone():
    table = tables.table_of(AGG)
    assert tables.find_row(table, ["著作権", 1, "A市 [3]"], [0, 0]) == 1      # sorted: index is stale
    assert tables.find_row(table, ["著作権", 1], [0, 0]) == 1                 # the phone's two columns
    assert tables.find_row(table, None, [1, 1]) == 1 and tables.find_row(table, None, 1) == 1
    assert tables.find_row(table, ["?"], [5]) is None and tables.find_row(table) is None


STAFF = answer("rank", ["順位", "事例", "職員数"],
               [["1", "東京都庁", "約5万人 [1]"], ["2", "埼玉県庁", "計約13,000人 [2]"], ["3", "滋賀県", "約6千人 [3]"],
                ["4", "鳥取県", "約30人 [4]"]], [[1], [2], [3], [4]], [])


def test_a_ranking_draws_its_figures_in_rank_order():
    chart = tables.chart_of(STAFF)
    assert chart.labels == ("東京都庁", "埼玉県庁", "滋賀県", "鳥取県")
    assert chart.values == (50000, 13000, 6000, 30) and chart.ranks == (1, 2, 3, 4)
    assert chart.value_title == "職員数（人）" and not chart.note
    frame = charts.frame(chart)
    assert list(frame["項目"]) == ["1. 東京都庁", "2. 埼玉県庁", "3. 滋賀県", "4. 鳥取県"]
    english = dict(STAFF, lang="en", table=dict(STAFF["table"], columns=["Rank", "Case", "staff"]))
    assert tables.chart_of(english).value_title == "staff (people)"


def test_a_ranking_leaves_out_what_is_not_an_amount_and_says_so():
    saved = answer("rank", ["順位", "事例", "短縮した時間"],
                   [["1", "厚木市", "51時間 [1]"], ["2", "長岡市", "半日 [2]"], ["3", "横須賀市", "10分 [3]"]],
                   [[1], [2], [3]], [])
    chart = tables.chart_of(saved)
    assert chart.labels == ("厚木市", "横須賀市") and chart.values == pytest.approx((51, 10 / 60))
    assert chart.ranks == (1, 3) and chart.value_title == "短縮した時間（時間）"
    assert "「半日」" in chart.note and "1件は表のみ" in chart.note
    assert list(charts.frame(chart)["項目"]) == ["1. 厚木市", "3. 横須賀市"]


def test_no_bars_when_they_would_show_another_case_first_or_dates():
    period = answer("rank", ["順位", "事例", "期間"],
                    [["1", "厚木市", "5月から8月 [1]"], ["2", "桑名市", "3カ月 [2]"], ["3", "練馬区", "2か月 [3]"]],
                    [[1], [2], [3]], [])
    assert tables.chart_of(period) is None                 # the longest is not an amount: no bars
    start = answer("rank", ["順位", "事例", "開始時期"], [["1", "新潟県", "2023年4月 [1]"], ["2", "岩手県", "2023年5月 [2]"]],
                   [[1], [2]], [])
    assert tables.chart_of(start) is None
    compare = answer("compare", ["観点", "A", "B"], [["職員数", "約5万人 [1]", "30人 [2]"]], [[1, 2]], [])
    assert tables.table_view(compare).visible and tables.chart_of(compare) is None
    assert tables.table_view(compare).narrow_headers == ["観点", "A", "B"]    # nothing to leave out


def test_a_timeline_draws_every_month_between_first_and_last():
    data = answer("timeline", ["月", "件数", "事例"],
                  [["2023年11月", "2", "A [1]、B [2]"], ["2024年2月", "1", "C [3]"]], [[1, 2], [3]], [])
    chart = tables.chart_of(data)
    assert chart.over_time and chart.labels == ("2023年11月", "2023年12月", "2024年1月", "2024年2月")
    assert chart.values == (2, 0, 0, 1) and chart.title == "グラフ：月ごとの件数"
    props = charts.bar_props(chart, over_time=True)
    assert props["visible"] and props["sort"] == list(chart.labels) and props["x_title"] == "月"
    assert charts.bar_props(chart, over_time=False) == {"visible": False, "value": None}


def test_ranked_labels_sort_alphabetically_in_the_tables_order():
    labels = [f"項目{i}" for i in range(15, 0, -1)]
    numbered = charts.ranked(labels)
    assert numbered[0] == "01. 項目15" and numbered[-1] == "15. 項目1" and sorted(numbered) == numbered
    props = charts.bar_props(charts.Chart(tuple(labels), tuple(range(15, 0, -1)), "ルール", "件数"), False)
    assert props["visible"] and props["height"] == 80 + charts.BAR_HEIGHT * 15 and props["y_title"] == "ルール"
    assert charts.bar_props(None, False)["visible"] is False


def test_a_plot_updated_in_quick_succession_gets_its_data_and_label_only():
    chart = charts.Chart(("A", "B"), (3, 1), "ルール", "件数", title="グラフ：ルールごとの件数")
    props = charts.steady_props(chart)
    assert set(props) == {"value", "label"} and props["label"] == chart.title
    assert list(props["value"]["項目"]) == ["1. A", "2. B"] and list(props["value"]["値"]) == [3, 1]
    empty = charts.steady_props(None)
    assert len(empty["value"]) == 0 and list(empty["value"].columns) == ["項目", "値"]


# --- the four questions of issue 19, through the real Chatbot ------------------------------------

@pytest.fixture(scope="module")
def answers(shared_e5_bot):
    return {q: shared_e5_bot.ask(q).to_json() for q in (AGGREGATE_Q, RANK_Q, COMPARE_Q, TIMELINE_Q)}


@pytest.mark.model
def test_the_real_answers_get_their_tables_and_charts(answers):
    agg = answers[AGGREGATE_Q]
    view = tables.table_view(agg)
    assert view.headers == agg["table"]["columns"] and view.chart.labels == tuple(r[0] for r in agg["table"]["rows"])
    assert view.chart.values == tuple(int(r[1]) for r in agg["table"]["rows"])
    first = tables.row_cases_html(agg, None, [0, 0])
    markers = agg["table"]["cases"][0]
    assert first.count('class="row-case"') == len(set(markers)) == int(agg["table"]["rows"][0][1])
    for n in markers:                                  # each case of the row with its own quote
        c = agg["citations"][n - 1]
        assert f'<span class="marker">[{n}]</span> <b class="source-title">{c["case"]}</b>' in first
        assert f"「{escape(c['passage'], quote=True)}」" in first

    rank = tables.table_view(answers[RANK_Q])
    assert rank.chart.labels[0] == "東京都庁" and rank.chart.values[0] == 50000
    assert list(rank.chart.values) == sorted(rank.chart.values, reverse=True)

    timeline = tables.table_view(answers[TIMELINE_Q]).chart
    rows = answers[TIMELINE_Q]["table"]["rows"]
    assert timeline.over_time and sum(timeline.values) == sum(int(r[1]) for r in rows)
    assert timeline.labels[0] == rows[0][0] and timeline.labels[-1] == rows[-1][0]

    compare = tables.table_view(answers[COMPARE_Q])
    assert compare.visible and compare.chart is None and len(compare.rows) >= 5
    assert compare.headers[1:] == ["東京都庁", "埼玉県庁"]


# --- the 集計 view -----------------------------------------------------------------------------

def test_counts_of_a_group_most_first_without_meta_facets():
    from core.knowledge import knowledge

    taxonomy = knowledge().taxonomy
    case = lambda title, n: Case(title, title, "関東", "市区町村", "東京都", "本文。", "参考:x", n, "記事",  # noqa: E731
                                 ("個人情報を入力しない。", "著作権に注意。"))
    rows = [cases.CaseRow(f"a:{t}", case(t, i), facets, {})
            for i, (t, facets) in enumerate([("A市", {"rule.no_personal_info": 0, "rule.guideline": 0}),
                                             ("B市", {"rule.no_personal_info": 0, "rule.copyright": 1}),
                                             ("C市", {"use.summary": 0})], start=1)]
    counts = tally.tally(rows, "rule", taxonomy)
    assert [(c.key, len(c.rows)) for c in counts] == [("rule.no_personal_info", 2), ("rule.copyright", 1)]
    assert tally.table(counts, 3) == [["個人情報の入力禁止", 2, "67%"], [counts[1].label, 1, "33%"]]
    assert tally.chart(counts, "rule").labels == ("個人情報の入力禁止", counts[1].label)
    assert tally.chart([], "rule") is None
    html = tally.row_html(tally.find(counts, [counts[1].label, 1, "33%"], [0, 0]))
    assert "B市" in html and "<mark>著作権に注意。</mark>" in html and "A市" not in html
    assert tally.find(counts, None, [0]) is counts[0] and tally.find(counts, ["?"], [0]) is None


def test_the_tally_csv_is_data_not_formulas(tmp_path):
    from dataclasses import replace

    from core.knowledge import Facet, knowledge

    # a site's facets file may label a facet anything, an article may head a case anything
    taxonomy = knowledge().taxonomy
    taxonomy = replace(taxonomy, facets=(*taxonomy.facets, Facet("rule.site", "rule", "=cmd|' /C calc'!A0", "x")))
    evil = Case("x", '=HYPERLINK("http://evil","市")', "関東", "市区町村", "", "本文。", "", 1, "記事",
                ("<img src=x onerror=alert(1)>個人情報は入力しない。",))
    other = Case("y", "@SUM(A1)", "関東", "市区町村", "", "本文。", "", 2, "記事", ("s。",))
    rows = [cases.CaseRow("a:x", evil, {"rule.no_personal_info": 0}, {}),
            cases.CaseRow("a:y", other, {"rule.no_personal_info": 0, "rule.site": 0}, {})]
    counts = tally.tally(rows, "rule", taxonomy)
    path = tally.write_csv(counts, "rule", 2, tmp_path)
    assert path.name == "jichitai_tally_rule.csv" and oct(path.stat().st_mode & 0o777) == "0o600"
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")                           # Excel reads the Japanese
    lines = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert lines[0] == tally.CSV_COLUMNS
    cells = [c for line in lines[1:] for c in line]
    assert not any(c.startswith(("=", "+", "-", "@")) for c in cells), cells
    assert lines[1][-1] == "'" + '=HYPERLINK("http://evil","市")、@SUM(A1)'
    assert any(c == "'=cmd|' /C calc'!A0" for c in cells)
    assert tally.write_csv(counts, "rule", 2, tmp_path) == path       # the same content: the same file
    shown = tally.row_html(counts[0])
    assert "<img" not in shown and "&lt;img src=x onerror=alert(1)&gt;" in shown
    assert "=HYPERLINK(&quot;http://evil&quot;,&quot;市&quot;)" in shown


@pytest.mark.model
@pytest.mark.parametrize("question, group, region", [
    ("どんなルールが多い？", "rule", ""), ("関東で多いルールは？", "rule", "関東"),
    ("どんな用途が多い？", "use", ""),
])
def test_the_tally_agrees_with_the_chats_aggregate(shared_e5_bot, question, group, region):
    answer = shared_e5_bot.ask(question)
    assert answer.kind == "aggregate"
    view = tally.view(shared_e5_bot.retriever(), region=region, group=group)
    assert [(r[0], r[1]) for r in view.rows] == [(r[0], int(r[1])) for r in answer.table["rows"]]
    assert view.chart.values == tuple(float(r[1]) for r in view.rows)
    assert view.csv.is_file() and ("全62件の事例のうち" in view.label) == (not region)


@pytest.mark.model
def test_the_tally_follows_the_cases_tabs_filters(shared_e5_bot):
    r = shared_e5_bot.retriever()
    azure = tally.view(r, text="Azure", group="vendor")
    assert "絞り込んだ2件の事例（全62件中）" in azure.label
    assert ["Azure OpenAI Service", 2, "100%"] in azure.rows
    towns = [c for c in r.cases.values() if c.level == "市区町村"]
    stages = tally.view(r, level="市区町村", group="status")
    assert f"絞り込んだ{len(towns)}件の事例" in stages.label
    assert {row[0] for row in stages.rows} <= {"試験導入", "本格導入", "検討・計画段階"}
    assert all(0 < row[1] <= len(towns) for row in stages.rows)
    nothing = tally.view(r, text="存在しない語句ZZZ")
    assert nothing.rows == [] and nothing.chart is None and nothing.csv is None and "該当する事例がありません" in nothing.label
    assert tally.view(r, group="no such group").label.startswith("利用ルールの集計")
