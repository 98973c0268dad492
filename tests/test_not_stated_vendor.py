"""Issue 16 (details of any kind): asked which company or service a named case uses, a case that
names none says so — 「記事の島根県の事例には、お尋ねの企業・サービスについての記述はありません」 —
instead of quoting its department's name as the closest statement of a system (「島根県情報システム
推進課によれば…ルールを定めている」: システム there names the section, not a system it runs). A case
that names its partner still answers with it. On the real article, the real e5 model and a real
Chroma, through `Chatbot` and through `chatbot ask --json`."""
from __future__ import annotations

import pytest

from conftest import ask_json
from conftest import cited as cases


def test_a_department_name_is_no_platform():
    from chatbot.qa.evidence.sentences import holds
    from core.knowledge import knowledge

    k = knowledge()
    platform = next(t for t in k.questions.answer_types if t.name == "platform")
    assert not holds(platform, "島根県情報システム推進課によれば、ルールを定めているとのことです。", k)
    assert not holds(platform, "藤岡市行革・デジタル推進課の課長は述べています。", k)
    # what is said of where it runs, beside a department, still is one
    assert holds(platform, "情報システム課は、庁内のサーバーで動かしています。", k)


@pytest.mark.model
@pytest.mark.parametrize("question, case", [
    ("島根県はChatGPTの試験でどの会社のサービスを使っていますか？", "島根県"),
    ("Which company provides the system Shimane uses?", "島根県"),
])
def test_a_case_naming_no_company_says_so(shared_e5_bot, question, case):
    answer = shared_e5_bot.ask(question)
    assert cases(answer) == set()
    assert case in answer.text
    assert ("企業・サービス" in answer.text) if question[0] == "島" else ("does not state a company" in answer.text)


@pytest.mark.model
def test_a_case_naming_its_partner_answers_with_it(shared_e5_bot):
    answer = shared_e5_bot.ask("都城市はどの会社と開発していますか？")
    assert cases(answer) == {"宮崎県都城市"}
    assert "シフトプラス" in answer.text


@pytest.mark.model
def test_through_the_cli(e5_index_dir):
    data = ask_json(e5_index_dir, "島根県はChatGPTの試験でどの会社のサービスを使っていますか？")
    assert data["citations"] == []
    assert "企業・サービス" in data["answer"]
