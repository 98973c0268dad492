"""Follow-ups of issue 17 beyond narrowing and exclusion (tests/test_conversation.py): 「他には？」 /
"Any others?" after a list, a year that narrows the list on screen, whether it costs anything,
and which staff may use it."""
from __future__ import annotations

import pytest

from chatbot.qa.evidence.figures import case_figures
from chatbot.qa.read.conditions import read_conditions
from core.cases import Case
from core.knowledge import knowledge

GOVERNOR_OUTSIDE_KANTO = "Which prefectures outside Kanto name their governor?"


def cases(answer):
    return [c.case for c in answer.citations]


def talk(bot, *questions):
    return bot.converse(list(questions))


def _asked(name: str):
    return next(t for t in knowledge().questions.answer_types if t.name == name)


def _case(text: str) -> Case:
    return Case("x", "x", "", "", "", text, "", 1, "", (text,))


# --- the year a start is dated in ------------------------------------------------------------

@pytest.mark.parametrize("q, years", [
    ("2023年に始めたのは？", (2023,)),
    ("Which of them started in 2023?", (2023,)),
    ("2024年中に導入するところは？", (2024,)),
    ("来年度や2024年からの本格導入をめざしているのはどこ？", ()),    # an aim beside 来年度, not a start
    ("8月から使い始めたのは？", ()),
])
def test_a_year_a_use_began_is_a_condition(q, years):
    found = [c.values for c in read_conditions(q, knowledge()) if c.field == "start_year"]
    assert found == ([years] if years else [])


@pytest.mark.parametrize("text, years", [
    ("大阪府門真市は2023年8月4日に、活用実証を始めると発表しました。", [2023]),
    ("群馬県庁は2023年7月7日より、サービスをトライアル導入しました。", [2023]),
    ("23年9月をメドに運用を開始すると発表しました。", [2023]),
    ("大阪市は2024年度からこの技術を本格運用する方針です。", [2024]),
    ("2022年度には市のコールセンターへの問い合わせが28万件ありました。", []),
    ("7月から試験導入します。", []),                                  # no year written
])
def test_a_case_dates_a_start_with_its_year_only_when_it_writes_one(text, years):
    assert case_figures(_case(text), "start_year", knowledge()) == years


@pytest.mark.model
def test_a_year_after_a_list_narrows_the_cases_on_screen(shared_e5_bot):
    first, then = talk(shared_e5_bot, "大阪府の事例は？", "2023年に始めたのは？")
    assert set(cases(first)) == {"大阪府大阪市", "大阪府枚方市", "大阪府門真市"}
    assert set(cases(then)) == {"大阪府門真市"} and "2023年に開始" in then.understood_as
    *_, gunma = talk(shared_e5_bot, "Which Gunma cases are there?", "Which of them started in 2023?")
    assert set(cases(gunma)) == {"群馬県庁"}


# --- 「他には？」 / "Any others?" -------------------------------------------------------------------

@pytest.mark.model
def test_any_others_after_a_narrowing_is_the_rest_of_the_list_it_narrowed(shared_e5_bot):
    first, chugoku, others = talk(shared_e5_bot, GOVERNOR_OUTSIDE_KANTO, "Just Chugoku.", "Any others?")
    assert set(cases(first)) == {"青森県", "新潟県", "山口県", "鳥取県"}
    assert set(cases(chugoku)) == {"山口県", "鳥取県"}
    assert set(cases(others)) == {"青森県", "新潟県"} and "not" in others.understood_as


@pytest.mark.model
@pytest.mark.parametrize("first, more", [("近畿で翻訳に使っている事例は？", "他には？"),
                                         ("Which Kanto cases name the governor?", "Any others?")])
def test_any_others_after_a_list_of_a_region_is_the_same_question_elsewhere(shared_e5_bot, first, more):
    shown, others = talk(shared_e5_bot, first, more)
    assert shown.citations and others.citations
    assert not set(cases(shown)) & set(cases(others))
    assert len(set(cases(others))) >= 4 and others.understood_as
    region = {c.region for c in shown.citations}
    assert {c.region for c in others.citations} - region


# --- whether it costs anything; which staff may use it ----------------------------------------

@pytest.mark.parametrize("q, charge", [
    ("費用はかかる？", True), ("お金はかかるの？", True), ("有料版は使ってるの？", True), ("Is it free?", True),
    ("How much will Nerima be paying per month once it switches to the paid version?", False),
    ("費用面の検証をしているのはどこ？", False),
])
def test_whether_it_costs_anything_is_its_own_kind_of_answer(q, charge):
    assert bool(_asked("charge").ask.search(q)) == charge


@pytest.mark.parametrize("q, users, person", [
    ("Who can use it?", True, False), ("Which staff are in the trial?", True, False),
    ("対象の職員は？", True, False), ("誰が使えるの？", True, False),
    ("Who is the governor?", False, True), ("市長は誰？", False, True),
])
def test_who_can_use_it_asks_which_staff_not_a_person(q, users, person):
    assert bool(_asked("users").ask.search(q)) == users
    assert bool(_asked("person").ask.search(q)) == person


@pytest.mark.model
def test_cost_and_staff_follow_ups_quote_the_case_just_shown(shared_e5_bot):
    _, cost = talk(shared_e5_bot, "門真市の実証について教えて", "費用はかかる？")
    assert set(cases(cost)) == {"大阪府門真市"} and "無償" in cost.text
    _, who = talk(shared_e5_bot, "鳥取県の取り組みは？", "Who can use it?")
    assert set(cases(who)) == {"鳥取県"} and ("申請" in who.text or "約30人" in who.text)
    _, staff = talk(shared_e5_bot, "What did Tsukuba do?", "Who can use it?")
    assert "市職員全員" in staff.text


# --- more ways staff say "leave it out" ----------------------------------------------------------

TRANSLATION = "翻訳に使っている事例は？"
NOT_KANTO = {"山形県庁", "静岡県", "大阪府門真市", "兵庫県神戸市", "熊本県熊本市", "香川県三豊市"}


@pytest.mark.model
@pytest.mark.parametrize("leave_out, kept, said", [
    ("関東じゃないところは？", NOT_KANTO, "関東地方以外"),
    ("関東ではないところ", NOT_KANTO, "関東地方以外"),
    ("関東のは別にして", NOT_KANTO, "関東地方以外"),
    ("県は要らない", {"茨城県つくば市", "大阪府門真市", "兵庫県神戸市", "熊本県熊本市", "香川県三豊市"}, "以外"),
    ("市じゃないのは？", {"山形県庁", "東京都庁", "栃木県庁", "静岡県"}, "市以外"),
    ("Anything beyond Kanto?", NOT_KANTO, "not in Kanto"),
])
def test_a_negation_or_a_verb_of_leaving_out_after_a_list_excludes(shared_e5_bot, leave_out, kept, said):
    first, then = talk(shared_e5_bot, TRANSLATION, leave_out)
    assert len(cases(first)) == 9
    assert set(cases(then)) == kept and said in then.understood_as


@pytest.mark.model
def test_not_only_is_still_a_widening(shared_e5_bot):
    _, then = talk(shared_e5_bot, TRANSLATION, "関東だけじゃなくて近畿も")
    assert {"大阪府門真市", "兵庫県神戸市", "東京都庁"} <= set(cases(then))


# --- a place swap after a list of one prefecture ----------------------------------------------------

@pytest.mark.model
def test_another_prefecture_after_a_prefectures_list_asks_the_same_of_it_also_in_the_third_turn(shared_e5_bot):
    chiba, saitama, gunma = talk(shared_e5_bot, "千葉県の事例は？", "埼玉県は？", "群馬県は？")
    assert set(cases(chiba)) == {"千葉県庁", "千葉県松戸市"}
    assert set(cases(saitama)) == {"埼玉県庁", "埼玉県戸田市"} and "埼玉県" in saitama.understood_as
    assert set(cases(gunma)) == {"群馬県庁", "群馬県藤岡市", "群馬県高崎市"}
    # a list not bounded by a place still narrows: 「九州は？」 after a nationwide list
    _, none = talk(shared_e5_bot, "Bardを使っている事例は？", "九州は？")
    assert not none.citations


@pytest.mark.model
def test_a_prefectures_bare_name_is_its_city_when_only_the_city_has_a_case(shared_e5_bot):
    *_, kumamoto = talk(shared_e5_bot, "How many staff are in Saitama's trial?", "And Tokyo?", "Kumamoto?")
    assert set(cases(kumamoto)) == {"熊本県熊本市"}
    (alone,) = talk(shared_e5_bot, "When did Kumamoto start?")
    assert set(cases(alone)) == {"熊本県熊本市"}
    (said,) = talk(shared_e5_bot, "熊本県はいつから？")          # 県 said: the prefecture, which has no case
    assert not said.citations
    (niigata,) = talk(shared_e5_bot, "新潟はいつから？")          # the prefecture has its own case
    assert "新潟県" in cases(niigata)


@pytest.mark.model
def test_a_ranking_of_those_after_a_list_ranks_only_the_cases_on_screen(shared_e5_bot):
    first, ranked = talk(shared_e5_bot, "Which cases use ChatGPT for translation?", "Of those, which has the most staff?")
    assert ranked.kind == "rank" and ranked.citations
    assert set(cases(ranked)) <= set(cases(first)) and cases(ranked)[0] == "東京都庁"
    (anywhere,) = talk(shared_e5_bot, "Which case has the most staff?")      # no list before: all cases
    assert set(cases(anywhere)) - set(cases(first))


# --- other regions, all of a region, a new subject ------------------------------------------------

KINKI_TRANSLATION = "近畿で翻訳に使っている事例は？"


@pytest.mark.model
@pytest.mark.parametrize("more", ["他の地域は？", "ほかの地方では？", "In other regions?"])
def test_other_regions_after_a_regions_list_are_the_rest_of_the_subject(shared_e5_bot, more):
    shown, others = talk(shared_e5_bot, KINKI_TRANSLATION, more)
    assert set(cases(shown)) == {"大阪府門真市", "兵庫県神戸市"}
    assert len(set(cases(others))) >= 5 and not set(cases(shown)) & set(cases(others))


@pytest.mark.model
@pytest.mark.parametrize("whole", ["What about all of Kanto?", "関東全体だと？"])
def test_all_of_the_region_after_its_cities_drops_the_level_not_the_region(shared_e5_bot, whole):
    cities, region = talk(shared_e5_bot, "Which Kanto cities use ChatGPT for translation?", whole)
    assert set(cases(cities)) == {"茨城県つくば市"}
    assert set(cases(region)) == {"東京都庁", "茨城県つくば市", "栃木県庁"}


@pytest.mark.model
def test_japan_wide_widens(shared_e5_bot):
    _, wide = talk(shared_e5_bot, KINKI_TRANSLATION, "Japan-wide?")
    assert len(set(cases(wide))) == 9 and "more widely" in wide.understood_as


@pytest.mark.model
@pytest.mark.parametrize("switch", ["別件ですが、ごみ出しの案内に使っているのは？",
                                    "By the way, which city uses it to guide residents on garbage sorting?"])
def test_a_new_subject_marker_starts_over(shared_e5_bot, switch):
    _, then = talk(shared_e5_bot, "横須賀市の事例は？", switch)
    assert then.understood_as == "" and "香川県三豊市" in cases(then)


@pytest.mark.model
@pytest.mark.parametrize("first, more, expected", [
    ("横須賀市の事例は？", "同じ県の他の事例は？", {"神奈川県庁", "神奈川県相模原市", "神奈川県厚木市"}),
    ("Tell me about Yokosuka.", "Other cases in the same prefecture?", {"神奈川県庁", "神奈川県相模原市", "神奈川県厚木市"}),
    ("厚木市の事例は？", "県内の他の市は？", {"神奈川県横須賀市", "神奈川県相模原市"}),
])
def test_the_same_prefecture_refers_to_the_prefecture_of_the_case_just_shown(shared_e5_bot, first, more, expected):
    _, others = talk(shared_e5_bot, first, more)
    assert set(cases(others)) == expected and "神奈川県" in others.understood_as


KANTO_CITIES = {"神奈川県横須賀市", "神奈川県相模原市", "神奈川県厚木市", "千葉県松戸市", "埼玉県戸田市",
                "茨城県つくば市", "茨城県笹間市", "群馬県藤岡市", "群馬県高崎市", "栃木県日光市"}


@pytest.mark.model
@pytest.mark.parametrize("level, kind", [("How many are cities?", "count"), ("Which are cities?", "list")])
def test_a_level_alone_after_a_list_narrows_it(shared_e5_bot, level, kind):
    _, cities = talk(shared_e5_bot, "関東の事例を全部", level)
    assert cities.kind == kind and set(cases(cities)) == KANTO_CITIES
    _, every = talk(shared_e5_bot, "関東の事例を全部", "市の事例をすべて挙げて")     # all of them, anew
    assert set(cases(every)) > KANTO_CITIES


@pytest.mark.model
@pytest.mark.parametrize("first, detail, said", [
    ("Tell me about Kobe.", "What can't be entered?", "機密の入力"),
    ("What is Chiba Prefecture doing?", "What can't staff enter?", "入力しない"),
])
def test_what_cannot_be_entered_reaches_the_japanese_input_ban(shared_e5_bot, first, detail, said):
    _, ban = talk(shared_e5_bot, first, detail)
    assert ban.citations and said in ban.text


# --- a case of the list named by its position -------------------------------------------------

@pytest.mark.model
@pytest.mark.parametrize("first, pick, at", [
    ("議事録に使っている事例は？", "3番目の事例はいつから始める？", 2),
    ("議事録に使っている事例は？", "最初の事例はいつからいつまで使う？", 0),
    ("Which cases use ChatGPT for translation?", "the last one — how many staff?", -1),
])
def test_a_position_on_the_list_picks_that_case(shared_e5_bot, first, pick, at):
    listed, then = talk(shared_e5_bot, first, pick)
    assert len(cases(listed)) >= 2
    assert set(cases(then)) == {cases(listed)[at]}       # (one case, maybe two of its sentences)


@pytest.mark.model
@pytest.mark.parametrize("first, pick, said", [
    ("Which cities start full use in 2024?", "the first one — how will they check the effect?", "アンケート"),
    ("議事録に使っている事例は？", "最初の事例はいつからいつまで使う？", "から"),
])
def test_the_words_naming_a_position_are_not_the_question(shared_e5_bot, first, pick, said):
    """"the first one" named the first case on the list, and also asked about cases that were
    the first (初) to do something: the answer quoted a "first" sentence, not the detail asked."""
    listed, then = talk(shared_e5_bot, first, pick)
    assert set(cases(then)) == set(cases(listed)[:1])
    assert said in then.citations[0].passage
    assert "first" not in then.understood_as.lower() and "初" not in then.understood_as


@pytest.mark.model
def test_when_the_case_at_a_position_started_is_not_a_timeline_of_all(shared_e5_bot):
    # "When did … start?" reads as a timeline of every case; naming a position on the list
    # makes it that one case's start
    listed, then = talk(shared_e5_bot, "Which cases use LoGo Chat?", "When did the second one start?")
    assert len(cases(listed)) >= 2
    assert set(cases(then)) == {cases(listed)[1]}


@pytest.mark.model
def test_a_fact_of_a_named_place_that_says_nationwide_is_not_a_widening(shared_e5_bot):
    *_, kobe = talk(shared_e5_bot, "議事録に使っている事例は？", "近畿だけ", "神戸市は全国で初めて何を制定した？")
    assert cases(kobe) == ["兵庫県神戸市"] and "条例" in kobe.text


# --- undoing the last narrowing ----------------------------------------------------------------

@pytest.mark.model
@pytest.mark.parametrize("undo", ["やっぱり全部見せて", "Show me all of them again."])
def test_undoing_a_narrowing_puts_the_list_it_narrowed_back(shared_e5_bot, undo):
    listed, narrowed, back = talk(shared_e5_bot, "議事録に使っている事例は？", "近畿だけ", undo)
    assert len(cases(narrowed)) < len(cases(listed))
    assert set(cases(back)) == set(cases(listed))


# --- a place swap asks the last question's topic ---------------------------------------------

@pytest.mark.model
def test_a_place_swap_quotes_the_sentence_of_the_topic_first(shared_e5_bot):
    """「江戸川区の研修はいつ？」 → 「青森県は？」 asks when 青森県's training was; 青森県 gives no
    date for its 体験会, and the answer quoted the governor's press conference (its one date)."""
    *_, swapped = talk(shared_e5_bot, "職員向けの研修を開いた事例は？", "江戸川区の研修はいつ？", "青森県は？")
    assert set(cases(swapped)) == {"青森県"}
    assert "体験会" in swapped.citations[0].passage


@pytest.mark.model
def test_a_place_swap_keeps_the_detail_quoted_after_the_topic(shared_e5_bot):
    *_, swapped = talk(shared_e5_bot, "議事録の作成に使っているのはどこ？", "横須賀市はいつから議事録に使っている？",
                       "大阪市は？")
    assert "議事録" in swapped.citations[0].passage
    assert any("2024年度から" in c.passage for c in swapped.citations[1:])


@pytest.mark.model
def test_at_first_is_not_a_first(shared_e5_bot):
    """"How many people can use it at first?" was also read as asking about a first (初, 全国初);
    "at first" and "first of all" are when, not a first."""
    _, first = talk(shared_e5_bot, "Tell me about Tottori.", "How many people can use it at first?")
    assert cases(first)[:1] == ["鳥取県"] and "約30人" in first.citations[0].passage
    assert "first" not in first.understood_as.lower()
    firsts = shared_e5_bot.ask("Which municipality was first in its prefecture to try ChatGPT?")
    assert "初" in " ".join(c.passage for c in firsts.citations)


@pytest.mark.model
def test_their_prefecture_is_not_the_level_of_prefectures(shared_e5_bot):
    """"the first in their prefecture" is 県内初, not a question about prefectures: it was read
    as the level 都道府県 and answered that no prefecture was a first in its prefecture."""
    firsts = shared_e5_bot.ask("Which cases were the first in their prefecture?")
    assert {"静岡県島田市", "福井県越前市"} <= set(cases(firsts))
    assert "静岡県" in cases(shared_e5_bot.ask("Which prefectures ban entering personal data?"))


# --- a detail asked of each case on screen ------------------------------------------------------

@pytest.mark.model
def test_a_detail_asked_of_each_case_on_screen_answers_every_one_and_names_those_stating_none(shared_e5_bot):
    *_, each = talk(shared_e5_bot, "翻訳に使っている自治体は？", "そのうち市はどこ？", "それぞれいつから？")
    # it had answered three of the five cities; つくば市 states no start
    assert {c.case for c in each.citations} == {"大阪府門真市", "兵庫県神戸市", "熊本県熊本市", "香川県三豊市"}
    assert "つくば市：お尋ねの時期の記載はありません" in each.text


@pytest.mark.model
@pytest.mark.parametrize("turns", [("Which cases use it for translation?", "Only cities?", "When did those cities start?"),
                                   ("翻訳に使っている自治体は？", "そのうち市はどこ？", "それらの市で一番早く始めたのは？")])
def test_those_cities_are_the_cities_on_screen_for_a_timeline_or_a_ranking(shared_e5_bot, turns):
    # "those cities" had drawn every city's timeline (11 cases stating a start)
    *_, shown, table = talk(shared_e5_bot, *turns)
    assert table.kind in ("timeline", "rank")
    assert {c.case for c in table.citations} <= {c.case for c in shown.citations}
    assert "兵庫県神戸市" in {c.case for c in table.citations}
