"""Issue 16 on a third next-month article (tests/qa/tune/next_month3_article.txt): details and
lists about cases on topics no knowledge file names, answered from their own sentences. Real e5
model, real Chroma."""

import pytest

from conftest import bot_over
from core.knowledge import knowledge

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def bot(next_month3_e5_dir, e5):
    return bot_over(next_month3_e5_dir, e5)


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


def test_a_katakana_word_finds_the_compounds_it_heads():
    from chatbot.qa.read.variants import headed_by as _headed_by

    idf = {"コミュニティバス": 3.0, "データベース": 2.0, "バス": 1.0, "ス": 1.0}
    assert _headed_by("バス", idf) == ("コミュニティバス",)     # a kind of バス
    assert _headed_by("ベース", idf) == ("データベース",)
    assert _headed_by("ス", idf) == ()                           # one kana says nothing
    assert _headed_by("案内", idf) == ()                         # kanji compounds are split


@pytest.mark.parametrize("question", ["バスの利用案内にAIを使う自治体は？", "バスの案内をしている事例は？"])
def test_a_word_the_article_writes_only_inside_a_compound_is_found(bot, question):
    # the tokenizer keeps コミュニティバス whole; バス alone is in no sentence
    assert cases(bot.ask(question)) == ["高知県高知市"]


@pytest.mark.parametrize("text, ends", [
    ("これまでは職員2人で2週間ほどかかっていた仕分けが、3日で終わった", False),   # so far
    ("今までの作業", False),
    ("試験は9月末まで行われます", True),
    ("3月まで続け", True),
])
def test_so_far_is_not_an_end(text, ends):
    k = knowledge()
    until = next(t for t in k.questions.answer_types if t.name == "until")
    assert bool(until.find.search(text)) is ends


def test_which_cloud_asks_for_a_provider():
    from chatbot.qa.read.understand import understand
    from core.places import Gazetteer

    k = knowledge()
    q = understand("Which cloud did the city run its trial on?", Gazetteer.from_cases([]), [], k)
    assert "org" in q.asks


def test_a_prefecture_with_one_case_named_in_a_detail_question_is_that_case(bot):
    # 高知県 has no case of its own, one case in all (高知市): "how many questions" counts no cases
    answer = bot.ask("How many questions a day does Kochi's bus information service get?")
    assert cases(answer)[:1] == ["高知県高知市"] and "60件" in answer.text
    # asking for the cases there is still a list of them
    assert cases(bot.ask("Which cases are in Kochi?")) == ["高知県高知市"]


def test_which_cloud_quotes_the_provider(bot):
    answer = bot.ask("Which cloud did Kyoto run its public comment trial on?")
    assert cases(answer)[:1] == ["京都府京都市"]
    assert any("AWS" in c.passage for c in answer.citations)


@pytest.mark.parametrize("question, negative", [
    ("豊田市は、市営住宅のどんな事務にはAIを使わないのですか？", True),
    ("入力しない情報は？", True),
    ("除雪にAIを使っている自治体はありませんか？", False),     # a polite question
    ("少ない人数で対応している自治体は？", False),             # an adjective, not a negation
])
def test_a_question_about_what_is_not_done_asks_for_a_negation(question, negative):
    k = knowledge()
    t = next(t for t in k.questions.answer_types if t.name == "negative")
    assert bool(t.ask.search(question)) is negative


def test_what_is_not_done_is_answered_by_the_sentence_that_says_so(bot):
    answer = bot.ask("豊田市は、市営住宅のどんな事務にはAIを使わないのですか？")
    assert cases(answer)[:1] == ["愛知県豊田市"]
    assert "使いません" in answer.citations[0].passage


@pytest.mark.parametrize("question, asked, not_asked", [
    ("How long does writing the guidance text take in Matsumoto now?", "time", "duration"),
    ("How long did the Nagano prefectural government's trial run?", "duration", "time"),
    # "take a look" is no task taking time: after how long is a period
    ("After how long does Matsusaka's mayor want to go and take a look?", "duration", "time"),
])
def test_how_long_a_task_takes_asks_for_time_not_a_period(question, asked, not_asked):
    k = knowledge()
    asks = {t.name for t in k.questions.answer_types if t.ask.search(question)}
    assert asked in asks and not_asked not in asks


@pytest.mark.parametrize("question, detail", [
    ("How long does writing the guidance text take in Matsumoto now?", "半日"),
    ("How long does sorting the public comments take in Kyoto now?", "3日"),
])
def test_the_time_a_task_takes_is_quoted_in_days_too(bot, question, detail):
    answer = bot.ask(question)
    assert detail in answer.citations[0].passage
