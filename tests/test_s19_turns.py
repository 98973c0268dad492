"""Issue 17, session 19: conversations of three or more turns and what the reader takes as their
subject (tuning conversations, half A, and the brief's probes) —

* "the University of Tokyo", "Kyoto University" name a university, not a prefecture: the Matsuo
  lab question is not asked in 東京都 (and a follow-up does not carry 東京都 on);
* 「やっぱり全部」 / "Never mind, all of them." undo the last narrowing (also three turns on, after a
  place swap that found nothing and a narrowing by a named case), like 「やっぱり全部見せて」.

Real e5 model, real Chroma, through `Chatbot.converse`; the gazetteer over the real article."""
from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from core.knowledge import knowledge
from core.places import Gazetteer
from ingest.parse import parse_article

SEED = Path(__file__).resolve().parent.parent / "corpus" / "chatgpt_jichitai_katsuyo_jirei_62.txt"
MINUTES = {"長野県庁", "大阪府大阪市", "三重県伊賀市", "兵庫県神戸市", "青森県むつ市"}


def cases(answer):
    return {c.case for c in answer.citations}


def talk(bot, *questions):
    return bot.converse(list(questions))


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.from_cases(parse_article(SEED.read_text(encoding="utf-8")).cases)


@pytest.mark.parametrize("question", [
    "Which places work with the University of Tokyo?", "What about Kyoto University?",
    "the univ of Tokyo's lab", "Tokyo Institute of Technology", "東京大学と連携", "京都大学の研究室",
])
def test_a_university_is_no_place(gaz, question):
    assert gaz.resolve(question) == (), question


@pytest.mark.parametrize("question, name", [
    ("Which places in Tokyo use it?", "東京都"), ("What about Kyoto?", "京都府"),
    ("Tokyo's universities", "東京都"), ("Of Tokyo's cases, which?", "東京都"),
])
def test_the_place_itself_still_is(gaz, question, name):
    assert [p.name for p in gaz.resolve(question)] == [name]


def test_new_patterns_run_in_linear_time(gaz):
    restore = knowledge().questions.conversation["restore"]
    for text in ["やっぱり " * 1000, "全部" * 2500, "never mind " * 500 + "x", "ok " * 1700 + "all x",
                 "university of " * 400 + "Tokyo", " " * 5000]:
        start = time.perf_counter()
        restore.search(text)
        gaz.resolve(text)
        assert time.perf_counter() - start < 1.0, text[:20]


@pytest.mark.parametrize("text, undoes", [
    ("やっぱり全部", True), ("やっぱ全部で", True), ("やはり、すべて", True), ("Never mind, all of them.", True),
    ("OK, show me all.", True), ("やっぱり全部見せて", True),
    ("全部で何件？", False), ("Are all of them cities?", False), ("all of them in Kanto?", False),
])
def test_what_undoes_a_narrowing(text, undoes):
    assert bool(knowledge().questions.conversation["restore"].search(text)) is undoes


@pytest.mark.model
def test_the_matsuo_lab_is_not_asked_in_tokyo(shared_e5_bot):
    (answer,) = talk(shared_e5_bot, "Which places work with the University of Tokyo?")
    assert cases(answer) == {"香川県三豊市"}      # was: none "(in 東京都)"
    *_, languages = talk(shared_e5_bot, "Which city worked with the University of Tokyo?", "何カ国語に対応してる？")
    assert cases(languages) == {"香川県三豊市"} and "50カ国" in languages.text


@pytest.mark.model
@pytest.mark.parametrize("chain", [
    ("議事録の作成に使っている自治体は？", "市だけ", "やっぱり全部"),
    ("議事録の作成に使っている自治体は？", "関東だけ", "横須賀市以外で", "やっぱり全部"),
    ("Which places use ChatGPT for minutes?", "Only cities.", "Never mind, all of them."),
])
def test_all_of_them_again_is_the_list_before_the_narrowing(shared_e5_bot, chain):
    *_, narrowed, again = talk(shared_e5_bot, *chain)
    # was: a detail asked of each case on screen (「むつ市：さまざまな業務に活用し…」)
    assert cases(again) == MINUTES and again.kind == "list"
    assert "絞り込む前" in again.understood_as or "before the narrowing" in again.understood_as


@pytest.mark.model
def test_an_exclusion_in_other_words_narrows_the_list_on_screen(shared_e5_bot):
    *_, dropped = talk(shared_e5_bot, "Which governments use ChatGPT for meeting minutes?",
                       "Only the cities among them, please.", "Now drop the ones in Kinki.")
    assert cases(dropped) == {"青森県むつ市"}          # was: the three in Kinki
    assert "not in Kinki" in dropped.understood_as
    _, remain = talk(shared_e5_bot, "Which cases plan to check their results with a questionnaire (アンケート)?",
                     "Not counting prefectural governments, which ones remain?")
    # was: a new question ('remain' its topic), answered with 江戸川区
    assert cases(remain) == {"新潟県新潟市", "東京都練馬区", "群馬県藤岡市"}
    _, counted = talk(shared_e5_bot, "試験運用や実証実験が9月末までになっている事例は？", "県（県庁）の事例を除くと何件？")
    # was: 「都道府県（都道府県以外）」 asked elsewhere, and nothing found
    assert cases(counted) == {"青森県むつ市", "福井県越前市", "群馬県高崎市", "大阪府門真市"}


@pytest.mark.model
@pytest.mark.parametrize("follow_up", ["東京以外も含めると何か所？", "東京以外も含めると？"])
def test_adding_back_outside_a_place_the_list_did_not_read_widens(shared_e5_bot, follow_up):
    _, wider = talk(shared_e5_bot, "都内でAzure OpenAI Serviceを使っているところは？", follow_up)
    # was: the cases outside 東京都 alone (茨城県庁)
    assert cases(wider) == {"東京都千代田区", "茨城県庁"}
    assert "広げて" in wider.understood_as


@pytest.mark.model
@pytest.mark.parametrize("chain", [
    ("関東の事例は？", "そのうち市だけ", "横須賀市以外", "全国では？"),
    ("Which cases are in Kanto?", "Only cities.", "Except Yokosuka.", "And nationwide?"),
])
def test_a_widening_keeps_the_level_of_a_narrowing_two_turns_back(shared_e5_bot, chain):
    *_, wider = talk(shared_e5_bot, *chain)
    # was: all 62 cases of the article
    assert "神奈川県横須賀市" in cases(wider) and "新潟県新潟市" in cases(wider)
    assert not cases(wider) & {"東京都庁", "新潟県", "農林水産省"}
    assert re.search(r"広げて|more widely", wider.understood_as)


@pytest.mark.model
def test_nationwide_that_kind_of_rule_widens_the_list(shared_e5_bot):
    _, wider = talk(shared_e5_bot,
                    "Which governments in the Chugoku region ban using ChatGPT output in documents for the outside?",
                    "Nationwide, which cases have that kind of rule — output for internal use only?")
    # was: the list on screen narrowed ("only"), still in Chugoku
    assert {"広島県", "山口県", "島根県", "千葉県庁"} <= cases(wider)
    assert "more widely" in wider.understood_as


@pytest.mark.parametrize("text", ["that kind of rule", "those kinds of cases", "this sort of thing"])
def test_that_kind_of_is_alike(text):
    assert knowledge().questions.conversation["alike"].search(text)


@pytest.mark.model
def test_all_of_a_region_at_a_glance_is_its_list(shared_e5_bot):
    listed, guidelines = talk(shared_e5_bot, "九州の自治体の導入事例を一通り教えてください",
                              "このうちガイドラインについて書かれているのはどこ？")
    # was: 「一通り」 read as a topic — no case, and the narrowing after it asked the whole article
    assert cases(listed) == {"佐賀県", "宮崎県", "宮崎県都城市", "福岡県古賀市", "熊本県熊本市", "沖縄県那覇市"}
    assert "佐賀県" in cases(guidelines) and cases(guidelines) <= cases(listed)


@pytest.mark.model
@pytest.mark.parametrize("chain, said", [
    (("議事録に使っている自治体は？", "県は除いて", "三重県も除いて"), "都道府県・三重県以外"),
    (("Which cases are in Tohoku?", "Leave out Aomori.", "Drop Iwate too."), "not 岩手県 or 青森県"),
])
def test_a_second_exclusion_says_both(shared_e5_bot, chain, said):
    *_, first, second = talk(shared_e5_bot, *chain)
    assert cases(second) < cases(first)
    # was: only the last one (「三重県以外」, "not 岩手県") while the list left out both
    assert said in second.understood_as


def test_must_not_be_used_for_external_documents_asks_the_ban():
    from core.facets import facets_in_question

    tax = knowledge().taxonomy
    asked = {f.key for f in facets_in_question("In Chugoku, which prefectures say ChatGPT output must not be "
                                               "used for external documents?", tax)}
    assert "rule.external_use_banned" in asked      # was: no facet, the question's words alone
    assert "rule.external_use_banned" not in {f.key for f in facets_in_question("Which places use it for documents?", tax)}
    ban = tax.by_key["rule.external_use_banned"]
    start = time.perf_counter()
    for rx in ban.ask:
        rx.search("must not be used for " * 300 + "x" * 2000)
    assert time.perf_counter() - start < 1.0


@pytest.mark.model
def test_a_region_after_a_level_and_an_exclusion_keeps_the_level(shared_e5_bot):
    *_, kyushu = talk(shared_e5_bot, "翻訳に使っている自治体は？", "そのうち県だけ", "東京都は除いて", "九州では？")
    # was: 熊本市 (a city) under 「九州地方」 — the 県 of two turns back forgotten
    assert "熊本県熊本市" not in cases(kyushu)
    assert "九州地方の都道府県" in kyushu.understood_as
