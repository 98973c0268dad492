"""Issue 16 on a fourth next-month article (tests/qa/tune/next_month4_article.txt): details and
lists about cases on topics no knowledge file names, answered from their own sentences. Real e5
model, real Chroma."""

import pytest

from core.knowledge import knowledge

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def bot(next_month4_e5_dir, e5):
    from chatbot import Chatbot
    from chatbot.settings import Settings

    return Chatbot(Settings(data_dir=next_month4_e5_dir), embeddings=e5)


def cases(answer):
    return [c.case for c in answer.citations]


def _type(name):
    k = knowledge()
    return k, next(t for t in k.questions.answer_types if t.name == name)


@pytest.mark.parametrize("text, named", [
    ("仙台市消防局は、119番通報の受付業務に生成AIを使う実証を2025年2月から始めました。", False),  # 「AIを」
    ("AIが音声から文字に起こして要約し", False),
    ("DXの推進", False),
    ("実証は富士通と共同で行い", True),           # a partner written in kanji
    ("NECが構築した専用の環境で", True),
    ("AIchatという製品", True),
])
def test_ai_before_a_japanese_letter_is_no_company_name(text, named):
    from chatbot.qa.evidence.sentences import holds, typed_text

    k, org = _type("org")
    assert holds(org, typed_text(text), k) is named


def test_which_company_a_case_worked_with_is_quoted_from_the_sentence_that_names_it(bot):
    answer = bot.ask("仙台市消防局の実証はどの会社と共同で行っていますか？")
    assert cases(answer)[:1] == ["宮城県仙台市"]
    assert "富士通" in answer.citations[0].passage
