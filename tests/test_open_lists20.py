"""Issue 16: a "which …" list asked in everyday words. A noun the article writes in its own
everyday word (仕事 → 業務, which most cases write) is no rare topic the list is about, and an
adjective made a change (「軽くする」「良くする」「多すぎる」) says how, as a verb does — the question's
other noun (負担, 住民) decides. On the real article, the real e5 model and a real Chroma, through
`Chatbot` and through `chatbot ask --json`."""
from __future__ import annotations

import pytest

from conftest import ask_json
from conftest import cited as cases

BURDEN = {"農林水産省", "東京都千代田区", "群馬県藤岡市"}


def test_an_adjective_made_a_change_is_read_as_a_verb():
    from chatbot.qa.read.words import changed_by

    assert changed_by("住民へのサービスを良くすることも狙っている自治体は？") == {"良い"}
    assert changed_by("職員の仕事が多すぎる状態を改めたい自治体は？") == {"多い"}
    assert changed_by("負担を軽くしたい市は？") == {"軽い"}
    # a quality asked of the cases is no change
    assert changed_by("新しいアイデアを出す市は？") == set()
    assert changed_by("温かみのある市民サービスに触れている市は？") == set()


@pytest.mark.model
@pytest.mark.parametrize("question", [
    "職員の仕事の負担を軽くしたい自治体は？",
    "仕事の負担を減らすためにChatGPTを使う自治体は？",
])
def test_an_everyday_noun_leaves_the_list_to_the_rarer_one(shared_e5_bot, question):
    # 青森県's 「文章を作る仕事はとても多い」 holds 仕事 alone: not a 負担 case
    assert cases(shared_e5_bot.ask(question)) == BURDEN


@pytest.mark.model
def test_an_everyday_noun_asked_alone_is_still_its_own_word(shared_e5_bot):
    # 効率 is written by most cases too: 仕事 stays what the question is about (横須賀市's 「仕事の効率が上がる」)
    assert cases(shared_e5_bot.ask("仕事の効率が上がると答えた職員が多い市は？")) == {"神奈川県横須賀市"}


@pytest.mark.model
def test_an_adjective_made_a_change_leaves_the_list_to_the_nouns(shared_e5_bot):
    # 住民 and サービス decide (大阪市 「住民サービスの質を高める」, 桑名市 「市民サービスの向上」),
    # not 良い, which the article writes of other things. (飯島町's 「住民のサービス向上につながる
    # ことを期待」 fell below the list share once 住民 reads 市民・県民 too: the group weighs less.)
    assert {"大阪府大阪市", "三重県桑名市"} <= cases(shared_e5_bot.ask("住民へのサービスを良くすることも狙っている自治体は？"))


@pytest.mark.model
def test_through_the_cli(e5_index_dir):
    data = ask_json(e5_index_dir, "職員の仕事の負担を軽くしたい自治体は？")
    assert {c["case"] for c in data["citations"]} == BURDEN


@pytest.mark.model
def test_a_word_the_article_writes_inside_a_longer_one_is_held_there(shared_e5_bot):
    # 「来年」 is read 来 + 年度 in 「来年度以降の本格的導入」 and 「来年度をめどに本格的な運用」 (and
    # 大阪市's 「2024年度から…本格運用」 holds 年度 and 本格): not "no such case"
    assert {"宮城県", "福井県"} <= cases(shared_e5_bot.ask("来年から本格的に使い始める予定の自治体は？"))
    # a topic the article lacks is still no such case
    assert cases(shared_e5_bot.ask("国語の授業でChatGPTを使う自治体は？")) == set()


@pytest.mark.model
def test_split_as_written(shared_e5_bot):
    from chatbot.qa.read.variants import split_as_written

    with shared_e5_bot._answering() as retriever:
        assert split_as_written(retriever, "来年") == ("来", "年度")
        assert split_as_written(retriever, "本格") == ()       # written as it is
        assert split_as_written(retriever, "国人") == ()       # begins inside 外国 (of 外国人)
        assert split_as_written(retriever, "国語") == ()       # never written
