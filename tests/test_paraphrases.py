"""Issues 16 and 17: the same question in other words (tests/qa/tune/paraphrases.jsonl) — a
question opened by the asker's own situation (「うちの町でも来年度導入を検討しています。…」, "We're a
small town …. Which …?") is read without it; "Where do staff have to …?" asks which cases; an
English contraction ("they're") is no topic word; "staff training on ChatGPT" is training of
people, not training an AI on data. On the real article, the real e5 model and a real Chroma,
through `Chatbot` and `chatbot ask --json`; the preamble reading also on its own."""
from __future__ import annotations

import json
import time

import pytest

from chatbot.qa.read.preamble import past_preamble
from core.knowledge import knowledge
from test_cli import run

LOGO = {"東京都練馬区", "大阪府門真市", "茨城県つくば市"}


def cases(answer):
    return {c.case for c in answer.citations}


@pytest.fixture(scope="module")
def k():
    return knowledge()


def test_sentences_about_the_asker_are_left_before_the_question(k):
    assert past_preamble("うちの町でも来年度導入を検討しています。議事録の要約に使っている自治体はありますか？", k) \
        == "議事録の要約に使っている自治体はありますか？"
    assert past_preamble("I'm in IT at a small city. We're looking at Azure. Which councils use ChatGPT for FAQs?", k) \
        == "Which councils use ChatGPT for FAQs?"
    # a clause that says why, ending in 「ので、」
    assert past_preamble("当市でも検討しているので、翻訳に使っている自治体を教えて", k) == "翻訳に使っている自治体を教えて"
    # … or in a colon
    assert past_preamble("Our mayor asked me to find out: which councils run staff surveys?", k) \
        == "which councils run staff surveys?"


def test_what_is_no_preamble_is_kept(k):
    for question in ("厚木市の事例を教えて。時間はどれくらい短縮できた？",       # no asker: two questions
                     "そのうち関東は？",                                          # 「そのうち」 is no 「うちの」
                     "当市の取り組みは？",                                        # nothing follows
                     "担当課で検討しています。翻訳に使っている自治体は？",        # 担当課 is not 当課
                     "We're looking at translation. Which councils use it?",    # 'it' is the preamble's
                     "私はどこが翻訳に使っているか知りたい？ 教えて",            # the first one asks
                     "滋賀県の活用方針ver.1には、イベントについてどんな活用場面が書かれていますか？"):
        assert past_preamble(question, k) == question


def test_a_long_preamble_is_read_in_linear_time(k):
    start = time.perf_counter()
    past_preamble("うちの町。" * 1000 + "翻訳は？", k)
    past_preamble("We are here. " * 400 + "Which?", k)
    past_preamble("うちの" + "、" * 5000, k)
    past_preamble("ver" * 2000 + ".1 は？", k)          # a full stop that ends no sentence
    assert time.perf_counter() - start < 0.5


@pytest.mark.model
def test_a_preamble_neither_narrows_nor_changes_the_topic(shared_e5_bot):
    bare = "LoGoチャットで生成AIを使っている自治体ってありますか？"
    assert cases(shared_e5_bot.ask(bare)) == LOGO
    # its 市 is no level (つくば市 is one, but the prefecture-level answer must not be cut to 市 either),
    # its 来年度・導入 no topic the cases must write
    assert cases(shared_e5_bot.ask("うちの市も来年度からLoGoチャットを入れる予定です。" + bare)) == LOGO
    minutes = "議事録の作成や要約に生成AIを活用している自治体を教えていただけますか。"
    with_preamble = shared_e5_bot.ask("うちの町では会議が多く職員の負担になっています。" + minutes)
    assert cases(with_preamble) == cases(shared_e5_bot.ask(minutes))
    assert "長野県庁" in cases(with_preamble)          # a prefecture: 町 did not narrow the level


@pytest.mark.model
def test_an_english_preamble_is_left_out(shared_e5_bot):
    bare = "Do you know of any local governments that use Azure OpenAI Service?"
    a = shared_e5_bot.ask("I'm in the IT department of a small city and we're looking at Microsoft's cloud. " + bare)
    assert cases(a) == cases(shared_e5_bot.ask(bare)) == {"東京都千代田区", "茨城県庁"}


@pytest.mark.model
def test_where_do_staff_have_to_asks_which_cases(shared_e5_bot):
    a = shared_e5_bot.ask("Where do employees have to apply before they're allowed to use ChatGPT?")
    assert {"鳥取県", "神奈川県厚木市"} <= cases(a)
    # a named case's "where" is still a detail of it
    assert cases(shared_e5_bot.ask("Where does Iwaki's system send its answers?")) <= {"福島県いわき市"}


@pytest.mark.model
def test_staff_training_on_chatgpt_is_training_people(shared_e5_bot):
    a = shared_e5_bot.ask("Which councils do staff training on ChatGPT?")
    assert {"東京都庁", "埼玉県庁", "東京都江戸川区"} <= cases(a)
    assert "own data" not in a.text and "RAG" not in a.text


@pytest.mark.model
def test_ask_json_reads_a_question_past_its_preamble(e5_index_dir):
    p = run("--data-dir", str(e5_index_dir), "ask",
            "うちの県でも試行後に効果測定をしたいと考えています。職員アンケートをやっている自治体はありますか？", "--json")
    a = json.loads(p.stdout)
    assert {"新潟県新潟市", "東京都練馬区", "群馬県藤岡市", "滋賀県", "広島県"} <= {c["case"] for c in a["citations"]}


def test_a_loanword_for_a_word_every_question_shares_is_no_topic(k):
    from chatbot.qa.read.understand import generic_loanword

    generic = k.stopwords.generic
    assert generic_loanword("スタッフ", generic)              # "staff": the article's 職員
    assert not generic_loanword("アンケート", generic)        # a topic
    assert not generic_loanword("職員", generic)              # not a loanword


@pytest.mark.model
def test_staff_said_as_a_loanword_lists_what_shokuin_lists(shared_e5_bot):
    a = shared_e5_bot.ask("スタッフの研修をしている自治体は？")
    assert cases(a) == cases(shared_e5_bot.ask("職員の研修をしている自治体は？"))
    assert {"東京都庁", "埼玉県庁"} <= cases(a)
