"""Issue 16, list precision: a facet's list narrowed by what its quoted sentences say beyond the
facet (`chatbot.qa.evidence.quoted_part`). A question that adds a noun few of the article's
cases write — 画像 of "generated images", 段階 of "staged training courses" — which some of the
facet's quoted sentences hold and most do not, asks for those cases, not the whole facet; the
words that ask for the facet itself ("greeting messages", 「県内で初めて」), a stage (「計画」),
alternatives ("… or …") and a case that writes the noun in another sentence keep the facet's
list as it was. Tuning questions of half A (session 15's split). On the real article, the real e5 model
and a real Chroma, through `Chatbot` and `chatbot ask --json`."""
from __future__ import annotations

import json

import pytest

from test_cli import run

pytestmark = pytest.mark.model


def cases(answer):
    return {c.case for c in answer.citations}


def test_a_noun_one_quote_of_the_facet_holds_narrows_it(shared_e5_bot):
    # ten cases of 'Copyright'; only 松戸市's sentence says 画像
    assert cases(shared_e5_bot.ask("Which cases check that generated images do not infringe copyright?")) \
        == {"千葉県松戸市"}
    # four cases of 'Training'; only 埼玉県's 「段階別の講習受講」
    assert cases(shared_e5_bot.ask(
        "Which prefectures let staff use ChatGPT only after attending staged training courses?")) == {"埼玉県庁"}
    # of seven governors, 神奈川県's sentence says 技術 (栃木県 writes it in another sentence)
    governors = cases(shared_e5_bot.ask("Which governor said he was amazed at how the technology has advanced?"))
    assert "神奈川県庁" in governors and not governors & {"埼玉県庁", "山口県", "新潟県", "青森県", "鳥取県"}

    # メール (a noun Sudachi can make a verb of) and 開催: things the question adds, not how it asks
    assert cases(shared_e5_bot.ask("Which city uses ChatGPT to answer residents' email inquiries?")) \
        == {"大阪府枚方市"}
    assert cases(shared_e5_bot.ask("Which city hosted a ChatGPT workshop at its city hall?")) == {"栃木県日光市"}


def test_the_words_that_ask_for_the_facet_do_not_narrow_it(shared_e5_bot):
    # "messages" is the noun "greeting" modifies: 挨拶文, the facet itself — not 山形県's メール
    greetings = {"山形県庁", "福島県庁", "長野県庁", "茨城県つくば市", "静岡県", "静岡県島田市"}
    assert greetings <= cases(shared_e5_bot.ask("Which councils are using AI to help write greeting messages?"))
    # 「初めて」 says how 「県内で初」 is asked
    assert {"福井県越前市", "静岡県島田市"} <= cases(shared_e5_bot.ask("県内で初めてChatGPTを導入した市は？"))
    # a stage's cue (「計画」) says how far a case got, not a narrower thing
    assert {"富山県", "茨城県庁"} <= cases(shared_e5_bot.ask("ChatGPTに情報を学習させる計画がある自治体は？"))
    # alternatives joined by "or": each is said in its own sentence
    assert {"静岡県", "島根県"} <= cases(shared_e5_bot.ask(
        "Which prefectures keep track of how staff use ChatGPT, by records, usage reports or administrator checks?"))


def test_a_case_that_writes_the_noun_elsewhere_stays(shared_e5_bot):
    # 厚木市's facet sentence is 「…平均21分短縮」; 「実験期間は…合計で約51時間」 is another one
    # (and 横須賀市's sentence holds more of the question than 長岡市's, which alone says 期間)
    assert "神奈川県厚木市" in cases(shared_e5_bot.ask("実験期間中に合計で何時間短縮できたかを出している市は？"))


def test_ask_json_cites_the_narrowing_word(e5_index_dir):
    p = run("--data-dir", str(e5_index_dir), "ask",
            "Which cases check that generated images do not infringe copyright?", "--json")
    a = json.loads(p.stdout)
    assert [c["case"] for c in a["citations"]] == ["千葉県松戸市"]
    assert "画像" in a["citations"][0]["why"]
