"""「記事には、この質問に当てはまる事例はありません」 when the article has no such case, and no false
"no such case" when it has one (tune set tests/qa/tune/none2.jsonl): a facet's list narrowed by
a thing no sentence writes, an English word glossed twice, a sum asked in English of a case that
states none — on the real article, the real e5 model and a real Chroma, through `Chatbot`."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


def cases(answer):
    return {c.case for c in answer.citations}


def test_a_facet_narrowed_by_things_no_sentence_writes_is_no_case(shared_e5_bot):
    # 広報 names 'Drafting outward-facing texts', but no case says 画像 … ポスター of it
    a = shared_e5_bot.ask("生成AIで作った画像を広報のポスターに使った自治体は？")
    assert not a.citations
    assert a.text.startswith("記事には")
    # its near twin, which 松戸市 answers, is still answered
    assert "千葉県松戸市" in cases(shared_e5_bot.ask("生成された画像に著作権の侵害がないか確認している自治体は？"))


def test_a_facet_beside_the_question_is_no_case_with_its_case_to_read(shared_e5_bot):
    # 藤岡市 drafts 議会答弁 with ChatGPT; nothing says it was written 自動 and read out 本番:
    # no such case, 藤岡市 offered to read (not cited), not listed by its nearest sentence
    a = shared_e5_bot.ask("ChatGPTで議会答弁を自動作成して、そのまま本番の議会で読み上げた自治体は？")
    assert not a.citations
    assert a.text.startswith("記事には、この質問に当てはまる事例はありません。")
    assert [r["case"] for r in a.related] == ["群馬県藤岡市"]
    assert cases(shared_e5_bot.ask("議会答弁の作成にChatGPTを使おうとしている自治体は？")) == {"群馬県藤岡市"}


def test_a_verbs_noun_does_not_narrow_a_facet_to_nothing(shared_e5_bot):
    # 「記録づくり」: 作り says how the minutes are made, not a thing the article lacks
    a = shared_e5_bot.ask("会議の記録づくりにAIを使っている自治体は？")
    assert {"青森県むつ市", "長野県庁", "大阪府大阪市", "三重県伊賀市", "兵庫県神戸市"} <= cases(a)


def test_an_english_word_a_gloss_already_stands_for_counts_once(shared_e5_bot):
    # "classes" glossed 市民 too: 枚方市's 「市民からの」 held "residents" twice over
    a = shared_e5_bot.ask("Which municipality held ChatGPT classes for its residents?")
    assert not a.citations
    assert a.text.startswith("The article has no case")
    # "Prime Minister" is one 総理, not 総理 and a word the cases lack
    assert cases(shared_e5_bot.ask("Which case quotes the Prime Minister?")) == {"デジタル庁"}


@pytest.mark.parametrize("question, case", [
    ("How much money has Kobe City budgeted for generative AI?", "兵庫県神戸市"),
    ("What did Tsukuba pay to add ChatGPT to its staff chat system?", "茨城県つくば市"),
])
def test_a_sum_asked_in_english_of_a_case_stating_none_is_not_stated(shared_e5_bot, question, case):
    a = shared_e5_bot.ask(question)
    assert not a.citations
    assert a.text == f"The article's case for {case} does not state an amount of money."


def test_a_product_name_whose_japanese_the_article_never_writes_is_absent(shared_e5_bot):
    # JMdict knows "copilot" (副操縦士), which the article never writes: "Microsoft Copilot" names
    # a product the article lacks, not 'Azure OpenAI Service' through "Microsoft"
    a = shared_e5_bot.ask("Which local governments use Microsoft Copilot?")
    assert not a.citations
    assert a.text.startswith("The article has no case")
    assert {"茨城県庁", "東京都千代田区"} <= cases(shared_e5_bot.ask("Which local governments use Azure OpenAI Service?"))
