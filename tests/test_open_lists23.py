"""Issue 16: open "which …" lists as a busy section chief and a British-English speaker type them
(tests/qa/tune/open_lists23.jsonl) — 「…のとこ」 and 「…機関はありますか」 ask for a list, "councils"
are local authorities (not 会議, nor 議会's "council minutes" a count of cases); two stages as a sequence (「試行を経て本格導入に」) ask the later
stage of the cases that write the earlier; a use that ended (「見送った」) is not found by the pieces of
its verb. On the real article, the real e5 model and a real Chroma, through `Chatbot`
and `chatbot ask --json`."""
from __future__ import annotations

import json

import pytest

from test_cli import run

pytestmark = pytest.mark.model


def cases(answer):
    return {c.case for c in answer.citations}


def test_a_noun_phrase_ending_in_toko_asks_for_a_list(shared_e5_bot):
    # 「多言語対応のとこ」: not a fact of one case, nor "no such case"
    assert {"香川県三豊市", "熊本県熊本市"} <= cases(shared_e5_bot.ask("多言語対応のとこ"))
    assert {"東京都練馬区", "大阪府門真市"} <= cases(shared_e5_bot.ask("LoGoチャット経由のとこ"))


def test_councils_are_local_authorities_not_meetings(shared_e5_bot):
    # "councils" read as 会議 / 協議 / 役所 made 「会議」 a word every case had to write
    assert cases(shared_e5_bot.ask("Which councils are looking into how much it costs?")) >= {"三重県松阪市"}
    assert cases(shared_e5_bot.ask("Which councils use it to mark pupils' exams?")) == set()


def test_council_minutes_are_no_count_of_councils(next_month4_e5_dir, e5):
    # "How many years of council minutes…" asks a detail of 姫路市 (a case of the next-month
    # article), not how many councils there are
    from conftest import bot_over

    bot = bot_over(next_month4_e5_dir, e5)
    answer = bot.ask("How many years of council minutes does Himeji's system draw on?")
    assert cases(answer) == {"兵庫県姫路市"}
    assert "10年" in answer.text


def test_ask_json_lists_the_cases_of_a_councils_question(e5_index_dir):
    p = run("--data-dir", str(e5_index_dir), "ask", "Any councils that are looking into the costs?", "--json")
    a = json.loads(p.stdout)
    assert "三重県松阪市" in {c["case"] for c in a["citations"]}


def test_two_stages_as_a_sequence_list_the_later_of_those_that_write_the_earlier(shared_e5_bot):
    # 「試行を経て」 says how the cases got to full use: every full-use case that writes a trial
    # (試験導入, 実証実験, 試験運用, 試行), not only the one that writes 試行
    moved = {"神奈川県横須賀市", "神奈川県厚木市", "栃木県庁", "新潟県長岡市"}
    assert cases(shared_e5_bot.ask("試行を経て本格導入に移った自治体")) == moved
    # a later stage only aimed at is no sequence passed through: not the full-use cases
    assert not {"神奈川県横須賀市", "神奈川県厚木市", "新潟県長岡市"} & \
        cases(shared_e5_bot.ask("試験運用の後に本格導入を検討している自治体"))


def test_a_use_that_ended_is_not_found_by_the_pieces_of_its_verb(shared_e5_bot):
    # 「見送った」 is split into 見る and 送る: 送る had found いわき市's 「質問を送信する」. It is a
    # use that ended, answered as 「やめた自治体は？」 is (the one case that says when its use would stop)
    for question in ("試してみたが導入を見送った自治体", "導入を見送った自治体は？"):
        a = shared_e5_bot.ask(question)
        assert "福島県いわき市" not in cases(a)
        assert [c.case for c in a.citations] == ["経済産業省"] and "停止" in a.citations[0].passage
