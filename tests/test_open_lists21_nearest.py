"""Issue 16: "which …" lists asked the way staff type them, that every reading of their words left
as "no such case". An English "town" asked with a topic is any municipality, not the 町 of its
name; and when no reading lists a case, the one sentence nearest in meaning answers when it
holds the question's rarest written noun (not one that says how: 「実際に」). On the real article,
the real e5 model and a real Chroma, through `Chatbot` and through `chatbot ask --json`."""
from __future__ import annotations

import pytest

from conftest import ask_json
from conftest import cited as cases


def test_an_adverbial_noun_says_how_not_what():
    from chatbot.qa.evidence.nearest import _adverbial

    assert "実際" in _adverbial("ChatGPTの利用で情報漏えい事故が実際に起きた自治体は？")
    assert not {"事故", "情報"} & _adverbial("ChatGPTの利用で情報漏えい事故が実際に起きた自治体は？")


@pytest.mark.model
@pytest.mark.parametrize("question, case", [
    # 「職員の活用スキルの底上げを図る」: スキル, which one case writes, in the nearest sentence
    ("職員のスキルアップも目的にしている自治体は？", "神奈川県横須賀市"),
    # 「小学生でも理解しやすい文章に直すよう指示しました」
    ("子どもでも分かる文章に書き直させた市は？", "茨城県笹間市"),
])
def test_the_nearest_sentence_holding_the_rarest_noun_answers(shared_e5_bot, question, case):
    assert case in cases(shared_e5_bot.ask(question))


@pytest.mark.model
def test_a_topic_the_article_lacks_is_still_no_such_case(shared_e5_bot):
    # the nearest sentence (島根県's) holds 情報 and 実際's synonym 事実, never 事故
    assert cases(shared_e5_bot.ask("ChatGPTの利用で情報漏えい事故が実際に起きた自治体は？")) == set()


@pytest.mark.model
def test_towns_asked_with_a_topic_are_any_municipality(shared_e5_bot):
    # 枚方市 「市民からのFAQやメール問い合わせへの回答を自動生成」 is a city, not a 町
    assert "大阪府枚方市" in cases(shared_e5_bot.ask("Which towns let AI draft replies to residents' emails?"))


@pytest.mark.model
def test_the_towns_asked_for_themselves_stay_towns(shared_e5_bot):
    assert cases(shared_e5_bot.ask("Which towns have a case of their own in the article?")) == {"長野県飯島町"}


@pytest.mark.model
def test_through_the_cli(e5_index_dir):
    data = ask_json(e5_index_dir, "職員のスキルアップも目的にしている自治体は？")
    assert "神奈川県横須賀市" in {c["case"] for c in data["citations"]}
