"""Issue 16: no wrong case in a "which …" list and a plain "no such case" when the article has
none (tests/qa/tune/open_lists24.jsonl, tests/qa/tune/none4.jsonl) — a planned stage is not a
reached one, "social media" is SNS, a kind of thing no case names is not the thing, a case's own
name is no paraphrase, a verb no case writes lists nothing. On the real article, the real e5
model and a real Chroma, through `Chatbot` and `chatbot ask --json`."""
from __future__ import annotations

import json

import pytest

from test_cli import run

pytestmark = pytest.mark.model

FULL_JA = "ChatGPTの本格導入をすでに決めた市は？"


def cases(answer):
    return {c.case for c in answer.citations}


def test_a_compound_written_only_in_a_plan_does_not_join_a_reached_stage(shared_e5_bot):
    # 越前市 「その後本格導入を検討します」, 島田市 「本格導入に向けた検証」: planned, not decided
    listed = cases(shared_e5_bot.ask(FULL_JA))
    assert {"新潟県長岡市", "神奈川県厚木市", "神奈川県横須賀市"} <= listed
    assert not {"福井県越前市", "静岡県島田市"} & listed


def test_social_media_is_sns_not_every_outward_draft(shared_e5_bot):
    # 笠間市 「SNSで知らせる」, 東京都庁 「SNSでの文章要約」; 埼玉県庁's 広報資料 and 山形県庁's
    # メール are outward-facing drafts, not social media
    answer = shared_e5_bot.ask("Which local governments use ChatGPT to write social media posts?")
    assert cases(answer) == {"茨城県笹間市", "東京都庁"}
    # PR still asks the outward-facing drafts
    assert "埼玉県庁" in cases(shared_e5_bot.ask("Which cases use ChatGPT for PR materials?"))


def test_a_kind_of_thing_no_case_names_is_not_the_thing(shared_e5_bot):
    # 枚方市 answers residents' inquiries, none about water charges
    assert cases(shared_e5_bot.ask("水道料金の問い合わせにChatGPTで答えている自治体は？")) == set()
    # the nearest sentence still answers when what qualifies the noun is written elsewhere
    assert cases(shared_e5_bot.ask("職員のスキルアップも目的にしている自治体は？")) >= {"神奈川県横須賀市"}


def test_a_case_name_is_no_paraphrase_and_an_unwritten_verb_lists_nothing(shared_e5_bot):
    # 「戸籍」 is nearest to 戸田市's own name
    assert cases(shared_e5_bot.ask("戸籍の届出の審査にAIを使っている自治体は？")) == set()
    # 減らす no case writes: not the cases nearest to nothing
    assert cases(shared_e5_bot.ask("ChatGPTの導入で職員の数を減らした自治体は？")) == set()


def test_ask_json_leaves_out_the_planned_cases(e5_index_dir):
    p = run("--data-dir", str(e5_index_dir), "ask", FULL_JA, "--json")
    listed = {c["case"] for c in json.loads(p.stdout)["citations"]}
    assert "新潟県長岡市" in listed and "福井県越前市" not in listed
