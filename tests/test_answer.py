"""Answer policy on the real article, the real e5 model and a real Chroma."""
import pytest

from chatbot import Filters
from conftest import QA

pytestmark = pytest.mark.model


def cases(answer):
    return [c.case for c in answer.citations]


def test_list_is_complete_and_minds_polarity(shared_e5_bot):
    ja = shared_e5_bot.ask("外部向けの利用を禁止している県は？")
    en = shared_e5_bot.ask("Which prefectures ban external-facing use?")
    expected = {"広島県", "山口県", "島根県", "千葉県庁"}
    assert set(cases(ja)) == expected == set(cases(en))
    # Fukushima and Shizuoka use it to draft external mail/greetings: the opposite polarity.
    assert "福島県庁" not in cases(ja) and "静岡県" not in cases(ja)
    assert ja.kind == "list" and "4 件" in ja.text
    assert en.lang == "en" and "match" in en.text


def test_every_citation_quotes_its_case_verbatim(shared_e5_bot):
    retriever = shared_e5_bot.retriever()
    by_title = {c.title: c for c in retriever.cases.values()}
    for q in ("個人情報の入力を禁止している市は？", "Who uses Azure OpenAI Service?",
              "How much time did Atsugi save per task?"):
        answer = shared_e5_bot.ask(q)
        assert answer.citations
        for c in answer.citations:
            assert c.passage in by_title[c.case].sentences
            assert f"[{c.marker}]" in answer.text and c.passage in answer.text


def test_level_words_pick_prefectures_or_cities(shared_e5_bot):
    prefectures = shared_e5_bot.ask("個人情報の入力を禁止している県はどこ？")
    cities = shared_e5_bot.ask("Which cities forbid entering personal information?")
    assert prefectures.citations and all(c.level == "都道府県" for c in prefectures.citations)
    assert cities.citations and all(c.level == "市区町村" for c in cities.citations)


def test_count_question_states_the_number(shared_e5_bot):
    answer = shared_e5_bot.ask("How many prefectures ban external-facing use?")
    assert answer.kind == "count" and len(answer.citations) == 4
    assert "4" in answer.text.splitlines()[0]


def test_english_place_names_reach_japanese_cases(shared_e5_bot):
    atsugi = shared_e5_bot.ask("How much time did Atsugi save?")
    assert cases(atsugi)[0] == "神奈川県厚木市"
    assert any("21分" in c.passage for c in atsugi.citations)
    kasama = shared_e5_bot.ask("What did Kasama's PR office ask ChatGPT to do?")
    assert cases(kasama)[0] == "茨城県笹間市"   # heading 笹間市, body 笠間市


def test_place_not_in_the_article_abstains_with_related(shared_e5_bot):
    answer = shared_e5_bot.ask("Is the Okinawa prefectural government using ChatGPT?")
    assert answer.citations == () and answer.kind == "none"
    assert "沖縄県" in answer.text
    assert [r["case"] for r in answer.related] == ["沖縄県那覇市"]
    assert shared_e5_bot.ask("札幌市はChatGPTをどう使っていますか？").citations == ()


@pytest.mark.parametrize("question", ["What's the weather forecast for Tokyo tomorrow?",
                                      "肉じゃがのおいしい作り方を教えてください。",
                                      "防災訓練の計画づくりにChatGPTを使っている自治体は？"])
def test_off_topic_or_absent_topic_abstains(shared_e5_bot, question):
    answer = shared_e5_bot.ask(question)
    assert answer.citations == ()
    assert "ありません" in answer.text or "no case" in answer.text


def test_not_stated_is_not_no(shared_e5_bot):
    answer = shared_e5_bot.ask("宮崎県は著作権について何かルールを定めていますか？")
    assert cases(answer)[:1] == ["宮崎県"]
    assert "記述はありません" in answer.text and "いいえ" in answer.text


def test_ui_filters_narrow_retrieval(shared_e5_bot):
    answer = shared_e5_bot.ask("個人情報の入力を禁止している自治体は？", Filters(region="中国"))
    assert answer.citations and all(c.region == "中国" for c in answer.citations)


def test_question_is_echoed_as_typed(shared_e5_bot):
    q = "厚木市はどれくらい短縮できましたか？"
    assert shared_e5_bot.ask(q).question == q


def test_quality_floor_on_the_gold_set(e5_index_dir):
    """A regression guard, not the measurement: `chatbot eval` reports the real numbers."""
    from chatbot.tools.evaluate import evaluate, load_questions
    from chatbot.settings import Settings

    result = evaluate(load_questions(QA), Settings(data_dir=e5_index_dir), baseline=False)
    m = result["chatbot"]
    # The targets, on the tuning set the policy is tuned on (the held-out set is
    # measured by `chatbot eval`, never asserted on: a test would be tuning on it).
    assert m["fact_hit@1"] >= 0.95 and m["fact_text"] >= 0.9
    assert m["list_recall"] >= 0.85 and m["list_precision"] >= 0.8
    assert m["abstention"] >= 0.9 and m["false_abstention"] <= 0.03
