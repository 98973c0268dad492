"""Text as every layer reads it: the language of a text by its share of script, and figures
normalised for comparison (core.quantities)."""
import json

import pytest

from core.quantities import figures
from core.text import language
from conftest import QA


# --- the language of a text: share of script ----------------------------------------------------

@pytest.mark.parametrize("text, lang", [
    ("Azure OpenAI Serviceを使っている自治体は？", "ja"),          # a Japanese question naming a product
    ("=HYPERLINK(…)厚木市の事例は？", "ja"),
    ("=HYPERLINK(\"http://evil.example/?q=1\",\"Click here\")厚木市の事例は？", "ja"),   # a formula first
    ("LoGoチャットを使っている区は？", "ja"),
    ("GPT-4の活用事例は？", "ja"),
    ("Bardを導入した県は？", "ja"),
    ("How much time did Atsugi save?", "en"),
    ("What did 神奈川県厚木市 do?", "en"),                        # an English question naming a case
    ("Which cities use LoGoチャット?", "en"),
    ("Atsugi saved 21 minutes per task 分.", "en"),               # one kanji does not make it Japanese
    ("", "ja"),
])
def test_language_is_the_share_of_script(text, lang):
    assert language(text) == lang


def test_every_gold_question_keeps_its_language():
    for path in (QA, QA.with_name("holdout.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            q = json.loads(line)
            assert language(q["question"]) == q["lang"], q["question"]


@pytest.mark.model
def test_the_japanese_question_naming_a_product_is_answered_in_japanese(shared_e5_bot):
    answer = shared_e5_bot.ask("Azure OpenAI Serviceを使っている自治体は？")
    assert answer.lang == "ja" and answer.text.startswith("記事で")
    formula = shared_e5_bot.ask('=HYPERLINK("http://x.example/a","Click here")厚木市の事例は？')
    assert formula.lang == "ja" and "厚木市" in formula.text


# --- figures, normalised --------------------------------------------------------------------------

def values(text):
    return [(sorted(f.values), f.unit) for f in figures(text)]


@pytest.mark.parametrize("a, b", [
    ("約5万人", "about 50,000 staff"),
    ("３割", "30%"),
    ("１３，０００人", "13,000 people"),
    ("1.2億円", "120,000,000 yen"),
    ("7月", "July"),
    ("3件", "three cases"),
    ("21分", "21 minutes"),
    ("3つの県", "three prefectures"),
    ("数千ページ", "thousands of pages"),
])
def test_figures_compare_across_writing(a, b):
    assert values(a) == values(b)


def test_what_is_not_a_figure():
    assert values("The city may use it") == [] and values("四日市市") == [] and values("十分に確認") == []
    assert values("３分の１") == [([3], ""), ([1], "")]                   # a fraction, not minutes
    assert values("令和5年") == [([5, 2023], "year")] and values("23年") == [([23, 2023], "year")]
    assert values("27の課の28人") == [([27], "departments"), ([28], "people")]   # a counter after の
    assert values("数千ページ") != values("数百ページ")
