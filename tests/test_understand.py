"""Question reading: pure logic, no model."""
import pytest

from chatbot.qa.read.understand import intent_of, level_of
from core.knowledge import knowledge


@pytest.mark.parametrize("q,intent", [
    ("外部向けの利用を禁止している県は？", "list"),
    ("四国と九州の県は？", "list"),                  # ends in the level it lists
    ("Which prefectures ban external-facing use?", "list"),
    ("How many prefectures ban personal data?", "count"),
    ("何県が翻訳に使っていますか？", "count"),
    ("島田市はChatGPTをどのような業務に使っていますか？", "fact"),
    ("四国の事例をすべて教えてください。", "list"),
])
def test_intent(q, intent):
    assert intent_of(q, knowledge()) == intent


@pytest.mark.parametrize("q,level", [
    ("外部向けの利用を禁止している県は？", "都道府県"),
    ("Which cities forbid personal data?", "市区町村"),
    ("Which ministries limit use to public information?", "国"),
    ("神奈川県内の事例を、県庁も含めてすべて挙げてください。", ""),
    ("Which cities in Gunma are covered (not counting the prefectural government)?", "市区町村"),
    ("市民からの問い合わせに使っているのは？", ""),
])
def test_level(q, level):
    # the place names themselves are removed before level reading in `understand`
    assert level_of(q.replace("Gunma", " ").replace("神奈川", " "), knowledge()) == level


@pytest.mark.parametrize("q,asks_date", [
    ("When did Gunma start its trial?", True),
    ("How many staff, and when will the trial end?", True),
    ("横須賀市はいつから使っていますか？", True),
    ("What does the ministry simplify when it uses ChatGPT?", False),     # "when" as a conjunction
    ("At which meeting did Koga share precautions when using ChatGPT?", False),
])
def test_a_date_is_asked_by_when_as_a_question_not_as_a_conjunction(q, asks_date):
    date = next(t for t in knowledge().questions.answer_types if t.name == "date")
    assert bool(date.ask.search(q)) == asks_date


@pytest.mark.parametrize("q", ["横須賀市の利用者数は？", "職員数はどれくらい？", "How many staff use it?"])
def test_a_head_count_is_a_count(q):
    count = next(t for t in knowledge().questions.answer_types if t.name == "count")
    assert count.ask.search(q)


@pytest.mark.parametrize("q, asked, unit", [
    # an English question names its case in the possessive: the word before what is asked
    # may be "Echizen's" / "Atsugi’s" as well as "Echizen"
    ("What do Echizen's own city staff use the ChatGPT system for?", "use", None),
    ("What do Echizen’s staff use it for?", "use", None),
    ("How many of Atsugi's staff use it?", "count", "staff"),
    ("How many Hirakata's inquiries did the AI answer?", "count", "items"),
])
def test_a_possessive_name_does_not_hide_what_is_asked(q, asked, unit):
    k = knowledge()
    asks = {t.name for t in k.questions.answer_types if t.ask.search(q.lower())}
    assert asked in asks
    if unit:
        assert unit in {u.name for u in k.questions.units if u.ask.search(q.lower())}
