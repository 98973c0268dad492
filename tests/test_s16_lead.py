"""Session 16, the lead's mend (issue 16, "details of any kind"). A period asked of cases that
give no length: each case's answer line shows the clause that dates it — a start, an end
(「5月中に事務文書作成の支援から始め」 for 伊賀市) — not the clause about the list's topic. "…
during its trial period" and 「試行期間中に…」 speak of the period: they do not ask one.
Real article, real e5, real Chroma, through `Chatbot` and `chatbot ask --conversation --json`."""
from __future__ import annotations

import json

import pytest

from test_cli import run

pytestmark = pytest.mark.model

MINUTES = "議事録の作成に使っている自治体は？"


def lines(answer) -> list[str]:
    return answer.text.splitlines()


def test_a_period_asked_of_a_list_shows_each_cases_timing(shared_e5_bot):
    listed, period = shared_e5_bot.converse([MINUTES, "期間は？"])
    assert {"三重県伊賀市", "兵庫県神戸市"} <= {c.case for c in listed.citations}
    lead = {line.split("：")[0]: line for line in lines(period) if "：" in line and not line.startswith("[")}
    assert "5月中" in lead["伊賀市"] and "議事録" not in lead["伊賀市"]
    assert "6月中" in lead["神戸市"]
    silent = " ".join(line for line in lines(period) if "記載はありません" in line)
    assert "伊賀市" not in silent and "神戸市" not in silent


@pytest.mark.parametrize("question, detail", [
    ("What efficiency gain did Nagaoka report during its ChatGPT trial period?", "1時間ほど"),
    ("長岡市の試行期間中、どんな効率化の声がありましたか。", "1時間ほど"),
])
def test_during_the_period_does_not_ask_a_period(shared_e5_bot, question, detail):
    answer = shared_e5_bot.ask(question)
    assert detail in answer.citations[0].passage
    assert detail in lines(answer)[0]


def test_a_period_asked_of_a_list_through_the_cli(e5_index_dir):
    p = run("--data-dir", str(e5_index_dir), "ask", "--json", "--conversation", MINUTES, "期間は？")
    _, period = [json.loads(line) for line in p.stdout.splitlines()]
    iga = [c for c in period["citations"] if c["case"] == "三重県伊賀市"]
    assert iga and "5月中" in iga[0]["passage"]
