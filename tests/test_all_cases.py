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
