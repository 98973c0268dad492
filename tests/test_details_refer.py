"""Issue 16, a detail stated in a sentence that refers back: 「市は2030年度までにこれを3割減らす目標」
follows 「家庭から出る食品ロスは年間約1,700トン」, so the sentence that answers "what is Uwajima's food
loss target?" holds none of the question's topic words. A sentence that refers back (これ/この/それ/
その/同市…, `core/domain/questions.toml` [conditions] refers_back) holds the question's words of the
sentence before at a reduced weight (`Policy.quote_carry`), the sentence after the best quote that
refers back to it is quoted with it, and a best quote that refers back brings the sentence it
refers to — every quote verbatim. Through `Chatbot` and `chatbot ask --json`; real e5 model, real
Chroma (the current article and tests/qa/tune/next_month10_article.txt)."""
import json

import pytest

from conftest import bot_over
from test_cli import run

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def bot10(next_month10_e5_dir, e5):
    return bot_over(next_month10_e5_dir, e5)


def cases(answer):
    return {c.case for c in answer.citations}


def test_the_pattern_reads_a_reference_back_not_a_time_word():
    from core.knowledge import knowledge

    refers = knowledge().questions.conditions["refers_back"]
    for text in ("これにより、業務の効率化が期待されています。", "市は2030年度までにこれを3割減らす目標を掲げています。",
                 "その結果をもとに、研修の資料を作っています。", "同市は来年度から本格導入します。"):
        assert refers.search(text), text
    for text in ("報告書の分類はこれまで担当の職員が行っていました。", "それぞれの課が使います。",
                 "得られた回答もそのまま使わない。", "同時に翻訳もします。"):
        assert not refers.search(text), text


def test_carried_words_count_at_a_reduced_weight():
    from chatbot.qa.evidence.sentences import carried, weighted_share

    weighted = [(("食品ロス",), 2.0), (("目標",), 1.0), (("家庭",), 1.0)]
    own, before = frozenset({"目標"}), frozenset({"食品ロス", "家庭"})
    assert weighted_share(weighted, own) == pytest.approx(0.25)
    assert carried(weighted, own, before, 0.5) == pytest.approx((1.0 + 0.5 * 3.0) / 4.0)
    assert carried(weighted, own, before, 0.0) == weighted_share(weighted, own)


@pytest.mark.parametrize("question, case, detail", [
    # 「これは23区で初の導入となります」 after 「…使用を解禁すると発表しました」
    ("東京都江戸川区のChatGPT業務使用の解禁は、どの範囲で初めての導入ですか？", "東京都江戸川区", "23区で初"),
    # 「この協定は日本の自治体としては初めてのもの」
    ("What is Osaka City's agreement with Amazon Web Services Japan the first of?", "大阪府大阪市", "日本の自治体としては初めて"),
    # 「これを通じて、茨城県は業務の効率化と精度の向上を狙いとしている」
    ("茨城県は問い合わせ応答ツールの開発を通じて何を狙っていますか？", "茨城県庁", "精度の向上"),
])
def test_a_detail_in_a_sentence_that_refers_back(shared_e5_bot, question, case, detail):
    answer = shared_e5_bot.ask(question)
    assert answer.kind == "fact"
    assert cases(answer) == {case}
    assert detail in answer.text


@pytest.mark.parametrize("question, detail", [
    ("How much does Uwajima want to reduce household food loss?", "3割"),
    ("宇和島市は食品ロスを何割減らす目標ですか？", "3割"),
])
def test_a_target_for_what_the_sentence_before_names_quotes_both(bot10, question, detail):
    answer = bot10.ask(question)
    assert cases(answer) == {"愛媛県宇和島市"}
    assert detail in answer.text
    # both sentences, verbatim: what 「これ」 is and the target
    assert "市は2030年度までにこれを3割減らす目標を掲げています。" in answer.text
    assert "家庭から出る食品ロスは年間約1,700トンと推計されています。" in answer.text


def test_ask_json_on_the_new_article(next_month10_e5_dir):
    p = run("--data-dir", str(next_month10_e5_dir), "ask",
            "What does Hachinohe use the results of the AI's classification for?",
            "Who reads the earlier patent documents the AI lists at the Patent Office?", "--json")
    hachinohe, patent = (json.loads(line) for line in p.stdout.splitlines() if line.strip())
    assert {c["case"] for c in hachinohe["citations"]} == {"青森県八戸市"}
    assert "安全運転の研修" in hachinohe["answer"]
    assert {c["case"] for c in patent["citations"]} == {"特許庁"}
    assert "審査官" in patent["answer"]
