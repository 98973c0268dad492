"""Issue 16, "no facet substituted for a narrower question" (tests/qa/tune/narrow_lists.jsonl): a
list question that names a broad facet but asks something only a few of its cases write — 音声
of "ask by voice … garbage" beside 'Answering inquiries', 中核 of 「中核となる職員を対象に研修会」
beside 'Training', 未定 of "not yet fixed how long its trial will run" beside 'Trial' — is
answered by the cases whose sentence says that part, each quoted with that sentence, not by
every case of the facet; a question the facet covers still lists the whole facet. On the real
article, the real e5 model and a real Chroma, through `Chatbot` and `chatbot ask --json`."""
from __future__ import annotations

import json

import pytest

from test_cli import run

pytestmark = pytest.mark.model


def cases(answer):
    return {c.case for c in answer.citations}


def test_a_rare_word_beside_an_inquiries_facet_lists_the_case_that_writes_it(shared_e5_bot):
    broad = cases(shared_e5_bot.ask("Which cases answer residents' inquiries with AI?"))
    answer = shared_e5_bot.ask("Which case lets residents ask by voice how to put out their garbage?")
    assert cases(answer) == {"香川県三豊市"} and len(broad) > 3
    # cited with the sentence that says the narrower part, not the facet's cue sentence
    assert all("音声" in c.passage for c in answer.citations)


def test_a_qualifying_clause_narrows_a_training_facet(shared_e5_bot):
    answer = shared_e5_bot.ask("中核となる職員を対象に研修会を実施した自治体は？")
    assert cases(answer) == {"静岡県富士市"}
    assert "中核" in answer.citations[0].passage


def test_an_english_literal_word_narrows_the_trials(shared_e5_bot):
    trials = cases(shared_e5_bot.ask("Which cases are running a trial?"))
    answer = shared_e5_bot.ask("Which case has not yet fixed how long its trial will run?")
    assert cases(answer) == {"神奈川県庁"} and len(trials) > 20
    assert "未定" in answer.citations[0].passage


def test_free_or_paid_versions_are_a_few_trials_not_all(shared_e5_bot):
    answer = shared_e5_bot.ask("Which entries say anything about free versus paid versions, or about free trials?")
    assert "長野県飯島町" in cases(answer) and len(cases(answer)) <= 5
    assert all(any(w in c.passage for w in ("無料", "無償", "有料", "有償")) for c in answer.citations)


def test_the_dictionary_guess_for_an_english_word_does_not_narrow(shared_e5_bot):
    # "rulebooks" → 規則 is the dictionary's guess, not a glossary word: no narrowing to the one
    # case that writes 規則 (飯島町's 「インターネット規則」)
    answer = shared_e5_bot.ask("Which cases test whether the AI can answer from their own rulebooks or legal texts?")
    assert cases(answer) != {"長野県飯島町"}


def test_a_question_the_facet_covers_still_lists_the_whole_facet(shared_e5_bot):
    translated = {"山形県庁", "東京都庁", "茨城県つくば市", "栃木県庁", "静岡県", "大阪府門真市",
                  "兵庫県神戸市", "熊本県熊本市"}
    assert translated <= cases(shared_e5_bot.ask("文章の翻訳にAIを使っている自治体は？"))
    minutes = {"青森県むつ市", "長野県庁", "大阪府大阪市", "三重県伊賀市", "兵庫県神戸市"}
    assert minutes <= cases(shared_e5_bot.ask("Which cases use ChatGPT to write up minutes of meetings?"))


def test_ask_json_cites_the_narrower_words(e5_index_dir):
    p = run("--data-dir", str(e5_index_dir), "ask", "Which case lets residents ask by voice how to put out their garbage?",
            "--json")
    a = json.loads(p.stdout)
    assert [c["case"] for c in a["citations"]] == ["香川県三豊市"]
    assert "音声" in a["citations"][0]["why"]


def test_what_says_how_does_not_narrow(shared_e5_bot):
    # an English verb after its subject ("what they learn" → 学習, which only 日光市's workshop
    # writes), a verb read in Japanese ("decided" → 決める) and an adverb (「直接答える」: 伊賀市's
    # 「直接のサービスは対象外」) say how, not a narrower topic: the facet's cases stand
    for question in ("Which councils plan to share what they learn with other local governments?",
                     "Which places decided staff must not enter personal information?",
                     "住民からの問い合わせにAIが直接答える仕組みを作った自治体は？"):
        assert len(cases(shared_e5_bot.ask(question))) >= 3, question


def test_alternatives_of_a_facet_are_not_narrowed(shared_e5_bot):
    # 「連携・協力・協定・共同開発」: each alternative is what the partnership facet is
    answer = shared_e5_bot.ask("民間企業と連携・協力・協定・共同開発をしている事例はどれですか？")
    assert {"大阪府大阪市", "宮崎県都城市", "三重県伊賀市"} <= cases(answer)
