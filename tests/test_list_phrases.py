"""Issue 16, lists over any topic: how a question's words hang together — alternatives
(「AやB」, 「AしたりBしたり」: one of them qualifies a case), compounds (「デジタル戦略」: not
デジタル and 戦略 anywhere in a sentence) and nouns made of verbs (「洗い出し」, which the article
writes 洗い出す). `phrases` on its own, then through `Chatbot` on the real article and model and
through `chatbot ask --json`."""
from __future__ import annotations

import pytest

from core.text import phrases
from test_open_lists import ask_json, cases


@pytest.mark.parametrize("text, coordinations", [
    # の inside a conjunct keeps it whole: (論点の洗い出し) や (政策課題の整理)
    ("論点の洗い出しや政策課題の整理に使う自治体は？", [[("論点", "洗い出し"), ("政策", "課題", "整理")]]),
    # a head after the last の is shared when the first conjunct has none
    ("情報漏えいや情報流出の心配に触れている事例は？", [[("情報", "漏洩"), ("情報", "流出")]]),
    # たり comes in pairs; the second closes the list
    ("リスクを検証したり把握したりする自治体は？", [[("検証",), ("把握",)]]),
    ("会議で決めたり共有したりした自治体は？", [[("決める",), ("共有",)]]),
    ("デジタル戦略が出てくる事例は？", []),
])
def test_coordinations(text, coordinations):
    assert phrases(text)[0] == coordinations


def test_compounds_are_nouns_written_together():
    assert phrases("デジタル戦略が出てくる事例は？")[1] == [("デジタル戦略", ("デジタル", "戦略"))]
    assert phrases("戦略とデジタルの事例は？")[1] == []          # apart: no compound
    assert ("政策課題", ("政策", "課題")) in phrases("政策課題の整理に使う自治体は？")[1]


@pytest.mark.model
def test_a_compound_lists_the_cases_that_write_it(shared_e5_bot, e5_index_dir):
    # 日光市 「日光市デジタル戦略」, 愛媛県 「デジタル戦略局」; not デジタル庁 (…AI戦略チーム),
    # 経済産業省 or 横須賀市 (AI戦略), 笠間市 (広報戦略室)
    answer = shared_e5_bot.ask("デジタル戦略に触れている自治体は？")
    assert cases(answer) == {"栃木県日光市", "愛媛県"}
    assert all("デジタル戦略" in c.passage for c in answer.citations)
    assert {c["case"] for c in ask_json(e5_index_dir, "デジタル戦略に触れている自治体は？")["citations"]} \
        == {"栃木県日光市", "愛媛県"}


@pytest.mark.model
def test_a_noun_made_of_a_verb_finds_the_verb(shared_e5_bot):
    # the article writes 洗い出す / 洗い出し (tokens 洗う・出す), never the noun as one word
    answer = shared_e5_bot.ask("洗い出しを進めている自治体は？")
    assert {"福井県", "埼玉県戸田市", "滋賀県"} <= cases(answer)
    assert all("洗い出" in c.passage for c in answer.citations)


@pytest.mark.model
def test_either_alternative_qualifies_a_case(shared_e5_bot):
    # 「AしたりBしたり」: リスクを検討 (いわき市), 把握 (戸田市), 検証 (松阪市), 検討 (熊本市) —
    # each case holds one of the verbs, none both
    answer = shared_e5_bot.ask("リスクを把握したり検証したりしている自治体は？")
    assert {"埼玉県戸田市", "三重県松阪市"} <= cases(answer)
    for c in answer.citations:
        assert "リスク" in c.passage
    # 「AやB」: 勉強会 (愛媛県, also a training cue) or 研究会 (飯島町) — not the training facet's
    # 研修会 and workshops
    assert cases(shared_e5_bot.ask("勉強会や研究会を開いている自治体は？")) == {"長野県飯島町", "愛媛県"}


def test_a_question_in_a_facets_excluded_words_does_not_ask_it():
    # rule.application_required is never read from 補助金 or 手続 sentences (its `unless`): a
    # question about subsidy applications asks something else
    from core.facets import facets_in_question

    keys = lambda q: {f.key for f in facets_in_question(q)}             # noqa: E731
    assert "rule.application_required" in keys("利用に申請が必要な自治体は？")
    assert "rule.application_required" not in keys("補助金の申請に関わる事例は？")


@pytest.mark.model
def test_an_english_phrase_the_article_writes_as_one_word(shared_e5_bot):
    # "natural language" → 自然言語 (戸田市, 茨城県庁), not every 言語 (大規模言語モデル, 多言語)
    answer = shared_e5_bot.ask("Which cases talk about natural language?")
    assert cases(answer) == {"埼玉県戸田市", "茨城県庁"}
    assert all("自然言語" in c.passage for c in answer.citations)


@pytest.mark.model
def test_a_glossary_word_of_several_tokens_is_not_its_one_character_part(shared_e5_bot):
    # 'foreigners' → 外国人: 外国, never the 人 of 「約100人」
    assert cases(shared_e5_bot.ask("Which cases mention foreigners?")) == {"香川県三豊市"}


@pytest.mark.model
def test_english_alternatives_joined_by_or(shared_e5_bot):
    # either alternative qualifies: 行政手続き (越前市) or 補助金申請 (農林水産省)
    found = cases(shared_e5_bot.ask("Which cases involve administrative procedures or subsidy applications?"))
    assert {"福井県越前市", "農林水産省"} <= found


def test_the_dictionary_finds_loanwords_written_only_in_katakana():
    # JMdict entries without kanji (コールセンター, ワークショップ) were missed: their readings
    # are not flagged nokanji; British spelling falls back to American (centre → center)
    from core import dictionary

    assert "コールセンター" in dictionary.japanese("call center")
    assert "コールセンター" in dictionary.japanese("call centre")
    assert "ワークショップ" in dictionary.japanese("workshop")
    assert "ゴルフ" in dictionary.japanese("golf")


@pytest.mark.model
def test_an_english_loanword_narrows_a_facet_it_asks(shared_e5_bot, e5_index_dir):
    # "call centre" asks 'Answering inquiries' (seven cases); only 枚方市 writes コールセンター
    answer = shared_e5_bot.ask("Which cases mention a call centre?")
    assert cases(answer) == {"大阪府枚方市"}
    assert "コールセンター" in answer.citations[0].passage
    assert {c["case"] for c in ask_json(e5_index_dir, "Which city has a call center?")["citations"]} \
        == {"大阪府枚方市"}


@pytest.mark.model
def test_words_the_article_writes_decide_when_the_facet_they_ask_has_none_of_them(shared_e5_bot):
    # "chatbot" asks 'Answering inquiries' (seven cases), none of which writes bot or チャット
    # ボット; the cases that do (練馬区 and 門真市 「…bot版」, 戸田市 「チャットボット」) answer
    answer = shared_e5_bot.ask("Which cases talk about a chatbot or a bot?")
    assert cases(answer) == {"東京都練馬区", "大阪府門真市", "埼玉県戸田市"}
    for c in answer.citations:
        assert "bot" in c.passage or "ボット" in c.passage


@pytest.mark.model
def test_a_phrase_the_dictionary_knows_narrows_the_facet_a_word_of_it_asks(shared_e5_bot):
    # 'research' asks 'Research / information gathering' (情報収集 …); "study groups" is 勉強会,
    # which only 愛媛県 writes: the list is the cases that say it, not the facet's
    found = cases(shared_e5_bot.ask("Which cases hold study groups or research meetings about AI?"))
    assert "愛媛県" in found
    assert not found & {"埼玉県庁", "滋賀県", "熊本県熊本市", "東京都江戸川区"}   # 情報収集, 検索, 情報整理
