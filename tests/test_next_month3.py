"""Issue 16 on a third next-month article (tests/qa/tune/next_month3_article.txt): details and
lists about cases on topics no knowledge file names, answered from their own sentences. Real e5
model, real Chroma."""

import pytest

from core.knowledge import knowledge

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def bot(next_month3_e5_dir, e5):
    from chatbot import Chatbot
    from chatbot.settings import Settings

    return Chatbot(Settings(data_dir=next_month3_e5_dir), embeddings=e5)


def cases(answer):
    return [c.case for c in answer.citations]


@pytest.mark.parametrize("text, counted", [
    ("コールセンターには数千件の問い合わせが寄せられていました", True),
    ("多い日で1日二百数十件にのぼり", True),
    ("約8千件にのぼり", True),
    ("数百人の職員", True),
    ("条件を満たす", False),          # 件 of another word is no count
])
def test_a_count_in_kanji_or_vague_numerals_is_a_count_in_its_unit(text, counted):
    from chatbot.qa.evidence.sentences import holds

    k = knowledge()
    count = next(t for t in k.questions.answer_types if t.name == "count")
    unit = "people" if text.endswith("職員") else "items"
    assert holds(count, text, k, (unit,)) is counted


def test_a_vague_count_answers_how_many(bot):
    # 「数千件」 is how many inquiries the call centre got: quoted, not "does not state a number"
    for question in ("How many inquiries did Funabashi's call centre receive?",
                     "船橋市のコールセンターには何件の問い合わせがありましたか？"):
        answer = bot.ask(question)
        assert cases(answer)[:1] == ["千葉県船橋市"]
        assert "数千件" in answer.citations[0].passage
        assert "does not state" not in answer.text and "記述はありません" not in answer.text
