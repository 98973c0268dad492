"""Issue 16 on a tenth next-month article (tests/qa/tune/next_month10_article.txt): details of new
cases in units and wordings the answer types did not read — a count in any counter (「約120品」,
「約80ページ」), a change from one figure to another for "how much shorter", a time cut by a share
(「時間が…約2割短く」) — asked of a named case or by its topic alone (「花火大会の警備計画は何ページ？」
has no word of AI and names no place), and "how many <things> each year", which counts a stated
figure, not a timeline of starts — through `Chatbot` and `chatbot ask --json`. Real e5 model,
real Chroma."""
import json

import pytest

from conftest import bot_over
from test_cli import run

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def bot(next_month10_e5_dir, e5):
    return bot_over(next_month10_e5_dir, e5)


def cases(answer):
    return {c.case for c in answer.citations}


@pytest.mark.parametrize("question, case, detail", [
    # a change from one figure to another answers "how much shorter" (no time is stated)
    ("How much shorter did Kure's circular notices get?", "広島県呉市", "600字"),
    # a count in a counter the answer types did not list (品)
    ("How many recipes did Uwajima's nutritionists supervise?", "愛媛県宇和島市", "120品"),
    # a time cut by a share: 「調査にかかる時間が1件あたり平均で約2割短くなりました」
    ("How much faster is the Patent Office's prior-art search?", "特許庁", "2割"),
    # a task that took months: 「毎回約2か月をかけていました」
    ("How long did Atami's staff take to sort the reports before?", "静岡県熱海市", "2か月"),
    # a share across a comma: 「約90件で、そのうち7件」
    ("What share of Omuta's consultations led to a shop opening?", "福岡県大牟田市", "7件"),
])
def test_a_detail_of_a_named_new_case(bot, question, case, detail):
    answer = bot.ask(question)
    assert cases(answer) == {case}
    assert detail in answer.text


@pytest.mark.parametrize("question, case, detail", [
    # no word of AI adoption, no place: asked of what one case says in all its words
    ("花火大会の警備計画は何ページですか？", "神奈川県鎌倉市", "80ページ"),
    ("回覧板のお知らせは何字になりましたか？", "広島県呉市", "600字"),
    # "how many" of a thing one case states, not of cases: its figure, not "1 case"
    ("港の使用許可の申請は年に何件ありますか？", "京都府舞鶴市", "1,900件"),
    ("How many patent applications are filed each year?", "特許庁", "30万件"),
])
def test_a_detail_asked_by_its_topic_alone(bot, question, case, detail):
    answer = bot.ask(question)
    assert answer.kind == "fact"
    assert cases(answer) == {case}
    assert detail in answer.text


def test_businesses_that_send_reports_are_no_vendor(bot):
    # 「旅館や事業者から…届く」: the case names no company that supplies its AI
    answer = bot.ask("熱海市の源泉の管理に使うAIはどこの会社のものですか？")
    assert not answer.citations
    assert "記述はありません" in answer.text


def test_ask_json_on_the_new_article(next_month10_e5_dir):
    p = run("--data-dir", str(next_month10_e5_dir), "ask",
            "花火大会の警備計画は何ページですか？", "How much shorter did Kure's circular notices get?", "--json")
    pages, shorter = (json.loads(line) for line in p.stdout.splitlines() if line.strip())
    assert {c["case"] for c in pages["citations"]} == {"神奈川県鎌倉市"}
    assert "80ページ" in pages["answer"]
    assert {c["case"] for c in shorter["citations"]} == {"広島県呉市"}
    assert "600字" in shorter["answer"]
