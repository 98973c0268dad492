"""Session 20, first questions and follow-ups after a "none" answer —

* 都内 / 道内 name 東京都 / 北海道 (the only 都, the only 道); 「東京都内」 is still read as 東京都, and
  府内 or 県内 alone name no prefecture;
* two 「…初」 joined in one question (「県内初や23区初」) are alternatives of where a case was the
  first, not the level of the cases asked for (one alone, 「23区初の区」, still names it);
* 「ガイドラインなしで使っているところは？」 after a list asks the cases without the facet;
* a detail asked right after an answer with no case (「いつから？」) gets a short reply that there is
  no case to ask it of — not a timeline of every case, nor the start of the prefecture's office.

Real e5 model, real Chroma, through `Chatbot.converse`; the gazetteer over the real article."""
from __future__ import annotations

import time
from pathlib import Path

import pytest

from chatbot.qa.read.where import read_levels
from core.knowledge import knowledge
from core.places import Gazetteer
from ingest.parse import parse_article

SEED = Path(__file__).resolve().parent.parent / "corpus" / "chatgpt_jichitai_katsuyo_jirei_62.txt"
FIRSTS = {"東京都江戸川区", "静岡県島田市", "福井県越前市"}
TRANSLATION = "翻訳に使っている自治体は？"
WITH_GUIDELINES = {"栃木県庁", "静岡県", "大阪府門真市", "兵庫県神戸市"}


def cases(answer):
    return {c.case for c in answer.citations}


def talk(bot, *questions):
    return bot.converse(list(questions))


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.from_cases(parse_article(SEED.read_text(encoding="utf-8")).cases)


@pytest.mark.parametrize("question, names", [
    ("都内でAzureを使っている自治体は？", ["東京都"]), ("道内の事例は？", ["北海道"]),
    ("東京都内の事例は？", ["東京都"]), ("北海道内の事例は？", ["北海道"]), ("大阪府内の事例は？", ["大阪府"]),
    ("府内の事例は？", []), ("県内で初めて導入した自治体は？", []), ("京都内の事例は？", []),
    ("報道内容に触れた事例は？", []),
])
def test_inside_the_only_to_or_do_is_that_prefecture(gaz, question, names):
    assert [p.name for p in gaz.resolve(question)] == names


@pytest.mark.parametrize("question, levels", [
    ("県内初や23区初の導入をした自治体は？", ()),
    ("「全国初」「県内初」「23区初」など、初の取り組みの事例は？", ()),
    ("23区初の導入をした区は？", ("市区町村",)),
    ("県内初の市は？", ("市区町村",)),
])
def test_firsts_joined_name_no_level(question, levels):
    assert read_levels(question, knowledge())[0] == levels


@pytest.mark.parametrize("text, lacks", [
    ("なしで使っているところは？", True), ("無しのところは？", True), ("抜きで運用しているのは？", True),
    ("がないのは？", True), ("を作ったところは？", False), ("なしでは使えない？", False),
])
def test_without_the_facet_word(text, lacks):
    assert bool(knowledge().questions.conversation["lacking_after"].search(text)) is lacks


def test_new_patterns_run_in_linear_time(gaz):
    k = knowledge()
    rxs = [k.questions.firsts, k.questions.conversation["lacking_after"]]
    from core.facets import facets_in_question
    read_levels("県内初", k), facets_in_question("県内初"), gaz.resolve("都内")    # (lazy loading is not timed)
    for text in ["県内初" * 1700, "23区" * 2500, "初" * 5000, "なし" * 2500 + "で", "都内" * 2500,
                 " " * 5000, "一二三四五六七八" * 625, "地域で" * 1700, "first in the " * 400 + "x"]:
        start = time.perf_counter()
        for rx in rxs:
            list(rx.finditer(text))
        read_levels(text, k)
        facets_in_question(text)
        gaz.resolve(text[:2000])
        # ~0.1 s on a quiet machine; 3 s leaves room for a loaded CI worker (a backtracking pattern takes minutes)
        assert time.perf_counter() - start < 3.0, text[:20]


@pytest.mark.model
def test_tonai_is_tokyo_in_a_first_question(shared_e5_bot):
    (azure,) = talk(shared_e5_bot, "都内でAzureを使っている自治体は？")
    assert cases(azure) == {"東京都千代田区"}                 # was: also 茨城県庁
    (tokyo,) = talk(shared_e5_bot, "東京都内の事例は？")
    assert cases(tokyo) == {"東京都庁", "東京都江戸川区", "東京都千代田区", "東京都練馬区"}


@pytest.mark.model
def test_two_firsts_are_alternatives_not_a_level(shared_e5_bot):
    (both,) = talk(shared_e5_bot, "県内初や23区初の導入をした自治体は？")
    assert cases(both) == FIRSTS                               # was: 江戸川区 alone, as 区
    (wards,) = talk(shared_e5_bot, "23区初の導入をした自治体は？")
    assert cases(wards) == {"東京都江戸川区"}


@pytest.mark.model
def test_without_guidelines_after_a_list(shared_e5_bot):
    listed, without = talk(shared_e5_bot, TRANSLATION, "ガイドラインなしで使っているところは？")
    assert cases(without) == cases(listed) - WITH_GUIDELINES     # was: the guideline cases
    assert "なし" in without.understood_as


@pytest.mark.model
@pytest.mark.parametrize("chain", [
    ("Which prefecture developed a rubbish disposal guide?", "When did it start?"),
    ("東京都でごみ出し案内を作っているところは？", "いつから始めた？"),
    ("ごみ出し案内を作っている県は？", "いつから？"),
])
def test_a_detail_after_no_case_has_no_subject(shared_e5_bot, chain):
    none, detail = talk(shared_e5_bot, *chain)
    assert not none.citations
    # was: a timeline of 33 starts, or the start of 東京都庁
    assert detail.kind == "none" and not detail.citations
    assert "事例がなかった" in detail.text or "no case for the previous question" in detail.text


@pytest.mark.model
def test_a_question_of_its_own_after_no_case_is_still_answered(shared_e5_bot):
    *_, after = talk(shared_e5_bot, "ごみ出し案内を作っている県は？", "いつから？", TRANSLATION)
    assert len(cases(after)) == 9
    *_, atsugi = talk(shared_e5_bot, "ごみ出し案内を作っている県は？", "厚木市はいつから？")
    assert cases(atsugi) == {"神奈川県厚木市"}
    *_, timeline = talk(shared_e5_bot, "ごみ出し案内を作っている県は？", "各自治体の導入時期は？")
    assert timeline.kind == "timeline"


@pytest.mark.parametrize("question, key", [
    ("県内で初めてChatGPTを導入した自治体は？", "info.first_prefecture"),
    ("Which cases were the first in their prefecture to adopt ChatGPT?", "info.first_prefecture"),
    ("県内初や23区初の導入をした自治体は？", "info.first_local"),
    ("23区で初めて導入したのは？", "info.first_local"),
    ("全国初や県内初の取り組みは？", "info.first"),
    ("地域で最初にChatGPTを入れた自治体は？", "info.first_local"),     # was: a ranking of every start
])
def test_a_first_in_the_prefecture_is_its_own_facet(question, key):
    from core.facets import facets_in_question
    assert [f.key for f in facets_in_question(question)] == [key]


@pytest.mark.model
def test_a_first_in_the_prefecture_leaves_the_wards_first_out(shared_e5_bot):
    (firsts,) = talk(shared_e5_bot, "県内で初めてChatGPTを導入した自治体は？")
    assert cases(firsts) == {"静岡県島田市", "福井県越前市"}       # was: 江戸川区 (「23区で初」) too


@pytest.mark.model
def test_of_those_after_no_case_asks_its_words_of_what_the_question_was_about(shared_e5_bot):
    none, teams = talk(shared_e5_bot, "ごみ出し案内を作っている県は？", "そのうち専門のチームを作るのは？")
    assert not none.citations
    # was: "no such case" (no list to narrow); now the prefectures that made a team
    assert cases(teams) == {"滋賀県", "山口県"}
