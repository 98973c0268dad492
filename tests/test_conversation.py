"""Follow-up questions and questions about versions, on the real article, e5 model and Chroma:
through `Chatbot`, the CLI's --conversation, and /chat with a history via gradio_client."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT

pytestmark = pytest.mark.model
CHATBOT = str(Path(sys.executable).parent / "chatbot")
BAN = "外部向けの利用を禁止している県は？"


def cases(answer):
    return [c.case for c in answer.citations]


def talk(bot, *questions):
    return bot.converse(list(questions))


# --- narrowing -----------------------------------------------------------------------------------

def test_narrowing_keeps_the_facet_and_adds_the_region(shared_e5_bot):
    first, then = talk(shared_e5_bot, BAN, "そのうち中国地方はどこ？")
    assert set(cases(first)) == {"広島県", "山口県", "島根県", "千葉県庁"} and first.understood_as == ""
    assert set(cases(then)) == {"広島県", "山口県", "島根県"}
    assert "外部向け利用の禁止" in then.understood_as and "中国地方" in then.understood_as
    assert then.text.startswith(then.understood_as)       # shown first, in the answer's language
    assert then.to_json()["understood_as"] == then.understood_as


@pytest.mark.parametrize("how_many", ["何件？", "How many?"])
def test_a_bare_count_after_a_list_counts_the_list_on_screen(shared_e5_bot, how_many):
    first, count = talk(shared_e5_bot, BAN, how_many)
    assert count.kind == "count"
    assert set(cases(count)) == set(cases(first)) == {"広島県", "山口県", "島根県", "千葉県庁"}
    _, one = talk(shared_e5_bot, "横須賀市の事例は？", "何件？")    # after one case: still that case
    assert set(cases(one)) <= {"神奈川県横須賀市"}


@pytest.mark.parametrize("leave_out, kept", [("東京都は外して", {"大阪府門真市", "茨城県つくば市"}),
                                             ("市は含めないで", {"東京都練馬区"}),
                                             ("関東を外すと？", {"大阪府門真市"})])
def test_leaving_out_said_with_a_verb_is_an_exclusion_not_an_inclusion(shared_e5_bot, leave_out, kept):
    first, then = talk(shared_e5_bot, "LoGoチャットを使っている自治体は？", leave_out)
    assert set(cases(first)) == {"東京都練馬区", "大阪府門真市", "茨城県つくば市"}
    assert set(cases(then)) == kept and "以外" in then.understood_as


def test_a_narrowed_list_still_quotes_what_the_first_question_asked(shared_e5_bot):
    first, then = talk(shared_e5_bot, BAN, "そのうち中国地方は？")
    quoted = {c.case: c.passage for c in first.citations}
    assert {c.case: c.passage for c in then.citations} == {k: v for k, v in quoted.items() if k != "千葉県庁"}


def test_a_case_that_does_not_state_the_detail_stays_the_subject(shared_e5_bot):
    count, when = talk(shared_e5_bot, "横須賀市の利用者数は？", "そこはいつから？")
    assert count.citations == () and "横須賀市" in count.text and "記述はありません" in count.text
    assert "横須賀市" in when.understood_as
    assert cases(when) == [] and "時期" in when.text      # the article gives Yokosuka no date


def test_narrowing_in_english_to_a_region_and_to_a_level(shared_e5_bot):
    listed, kyushu = talk(shared_e5_bot, "Which prefectures ban entering personal information?",
                          "which of them are in Kyushu?")
    assert set(cases(kyushu)) == set(cases(listed)) & {"佐賀県", "宮崎県"} == {"佐賀県"}
    assert kyushu.understood_as.startswith("Read as:") and "No personal data input" in kyushu.understood_as
    everyone, prefectures = talk(shared_e5_bot, "四国の事例は？", "そのうち県だけ")
    assert set(cases(everyone)) == {"愛媛県", "香川県三豊市"} and cases(prefectures) == ["愛媛県"]


def test_a_facet_asked_after_a_list_narrows_it(shared_e5_bot):
    _, both = talk(shared_e5_bot, "中国地方の事例は？", "そのうち個人情報の入力を禁止しているのは？")
    assert set(cases(both)) == {"広島県", "山口県", "島根県"} and all(c.region == "中国" for c in both.citations)


# --- place swap ------------------------------------------------------------------------------------

def test_a_new_place_asks_the_previous_question_of_it(shared_e5_bot):
    atsugi, yokosuka = talk(shared_e5_bot, "How much time did Atsugi save?", "What about Yokosuka?")
    assert cases(atsugi)[0] == "神奈川県厚木市" and cases(yokosuka)[0] == "神奈川県横須賀市"
    assert any("10分" in c.passage for c in yokosuka.citations)          # the same question, asked of Yokosuka
    assert "Yokosuka" in yokosuka.understood_as
    _, chiba = talk(shared_e5_bot, BAN, "千葉県は？")
    assert cases(chiba) == ["千葉県庁"] and "千葉県" in chiba.understood_as
    _, tokyo = talk(shared_e5_bot, BAN, "東京都は？")
    assert tokyo.citations == () and "ありません" in tokyo.text       # no Tokyo case bans it: say so


# --- details of the case just shown ------------------------------------------------------------------

def test_a_bare_detail_question_asks_about_the_case_just_shown(shared_e5_bot):
    _, until = talk(shared_e5_bot, "むつ市の事例を教えてください", "いつまで？")
    assert cases(until)[0] == "青森県むつ市" and any("9月末" in c.passage for c in until.citations)
    assert "青森県むつ市" in until.understood_as
    _, staff = talk(shared_e5_bot, "What is Saitama doing with ChatGPT?", "how many staff?")
    assert cases(staff)[0] == "埼玉県庁" and any("13,000人" in c.passage for c in staff.citations)
    _, missing = talk(shared_e5_bot, "厚木市の事例を教えて", "何人？")       # no head count in that case
    assert missing.citations == () and "記述はありません" in missing.text


def test_a_count_of_something_else_than_cases_asks_it_of_the_case_just_shown(shared_e5_bot):
    # "how many departments", 「ルールの数」 of one case: its figure, not a list of the cases stating one
    _, departments = talk(shared_e5_bot, "那覇市の事例は？", "How many departments tested it?")
    assert cases(departments) == ["沖縄県那覇市"] and "16の部局" in departments.text
    _, rules = talk(shared_e5_bot, "埼玉県庁の試験導入について", "職員が守るルールの数は？")
    assert set(cases(rules)) == {"埼玉県庁"} and "8つのルール" in rules.text
    _, cities = talk(shared_e5_bot, "横須賀市の事例は？", "How many cities use ChatGPT?")
    assert len(set(cases(cities))) > 10 and cities.understood_as == ""     # cases counted: a new question


def test_the_prefecture_refers_back_to_the_prefecture_of_the_city_shown(shared_e5_bot):
    *_, third = talk(shared_e5_bot, "Which Saitama cases are there?", "Tell me about Toda.",
                     "How many employees does the prefecture's trial cover?")
    assert set(cases(third)) == {"埼玉県庁"} and "13,000人" in third.text and "埼玉県庁" in third.understood_as
    _, ja = talk(shared_e5_bot, "戸田市の事例は？", "その県の対象職員数は？")      # no list before: the article's
    assert set(cases(ja)) == {"埼玉県庁"} and "13,000人" in ja.text
    _, same = talk(shared_e5_bot, "鳥取県の事例は？", "その県の職員数は？")         # already a prefecture: kept
    assert set(cases(same)) == {"鳥取県"}
    _, of_list = talk(shared_e5_bot, "Which Saitama cases are there?",        # of a list: its prefecture
                      "How many staff does the prefecture's trial cover?")
    assert set(cases(of_list)) == {"埼玉県庁"}


def test_an_empty_follow_up_leaves_the_conversation_where_it_was(shared_e5_bot):
    *_, last = talk(shared_e5_bot, BAN, "東京都は？", "そのうち中国地方はどこ？")
    assert set(cases(last)) == {"広島県", "山口県", "島根県"}


# --- a new topic: nothing carries over ------------------------------------------------------------------

@pytest.mark.parametrize("first, second", [
    (BAN, "Who uses Azure OpenAI Service?"),
    ("How much time did Atsugi save?", "翻訳に使っている市は？"),
    ("四国の事例は？", "厚木市はどれくらい業務時間を短縮できましたか？"),
    ("むつ市の事例を教えてください", "How many prefectures ban external-facing use?"),
])
def test_a_complete_question_on_a_new_topic_is_answered_on_its_own(shared_e5_bot, first, second):
    _, followed = talk(shared_e5_bot, first, second)
    alone = shared_e5_bot.ask(second)
    assert followed.understood_as == "" and cases(followed) == cases(alone) and followed.text == alone.text


def test_without_history_every_question_stands_alone(shared_e5_bot):
    assert shared_e5_bot.ask("そのうち中国地方はどこ？").understood_as == ""
    assert shared_e5_bot.ask("いつまで？").citations == ()


# --- versions -------------------------------------------------------------------------------------

@pytest.fixture
def two_versions(e5_bot):
    """The seed article, then next month's: 札幌市 added, 厚木市 edited (21分 → 25分), 桑名市 removed."""
    before = talk(e5_bot, "厚木市はどれくらい業務時間を短縮できましたか？")[0]
    report = e5_bot.ingest(FIXTURES / "next_month.txt")
    assert report.version and report.added == ["北海道札幌市"]
    return e5_bot, before


def test_a_conversation_carries_on_across_a_re_ingest(two_versions):
    bot, before = two_versions
    assert any("21分" in c.passage for c in before.citations)
    again = bot.ask("いつまで？", history=["厚木市はどれくらい業務時間を短縮できましたか？"])
    assert cases(again)[0] == "神奈川県厚木市" and again.as_of == "1月最新版"
    now = bot.ask("What about Atsugi?", history=["How much time did Yokosuka save?"])
    assert any("25分" in c.passage for c in now.citations)               # the new version's text


def test_what_changed_in_the_latest_version(two_versions):
    bot, _ = two_versions
    for q in ("前回の版から追加された事例は？", "What changed in the latest update?"):
        a = bot.ask(q)
        assert cases(a) == ["北海道札幌市", "神奈川県厚木市"]        # added and updated, current text
        assert "三重県桑名市" in a.text and "三重県桑名市" not in cases(a)   # removed: named, never cited
        assert a.related == ({"case": "三重県桑名市", "status": "removed"},)
    atsugi = bot.ask("厚木市の事例は前の版からどう変わった？")
    assert cases(atsugi) == ["神奈川県厚木市"] and "25分" in atsugi.citations[0].passage
    assert "21分" in atsugi.text                                     # what the sentence replaced
    assert "削除" in bot.ask("桑名市の事例は前の版からどう変わった？").text
    assert "変わっていません" in bot.ask("横須賀市の事例は先月から変わった？").text


def test_the_cases_table_marks_what_the_latest_version_changed(two_versions):
    from chatbot.web import cases as table

    bot, _ = two_versions
    rows = table.catalog(bot.retriever())
    assert {r.case.title: r.change for r in rows if r.change} == {"北海道札幌市": "追加", "神奈川県厚木市": "更新"}
    assert [r.case.title for r in table.filter_rows(rows, change="changed")] == ["北海道札幌市", "神奈川県厚木市"]
    assert [r.case.title for r in table.filter_rows(rows, change="更新")] == ["神奈川県厚木市"]
    assert rows[0].cells()[-1] == "" and "最新版での変更" in table.CASE_COLUMNS


# --- the CLI and /chat ------------------------------------------------------------------------------------

def test_cli_conversation_prints_one_json_line_per_turn(e5_index_dir):
    env = {**os.environ, "CHATBOT_DATA_DIR": str(e5_index_dir)}
    p = subprocess.run([CHATBOT, "ask", "--json", "--conversation", BAN, "そのうち中国地方はどこ？"],
                       capture_output=True, text=True, env=env, cwd=ROOT, timeout=600)
    assert p.returncode == 0, p.stderr
    first, then = [json.loads(line) for line in p.stdout.splitlines()]
    assert first["understood_as"] == "" and "中国地方" in then["understood_as"]
    assert {c["case"] for c in then["citations"]} == {"広島県", "山口県", "島根県"}
    alone = subprocess.run([CHATBOT, "ask", "--json", BAN, "そのうち中国地方はどこ？"], capture_output=True,
                           text=True, env=env, cwd=ROOT, timeout=600)
    assert json.loads(alone.stdout.splitlines()[1])["understood_as"] == ""   # without: independent


def test_cli_chat_reads_follow_ups_and_starts_over(e5_index_dir):
    env = {**os.environ, "CHATBOT_DATA_DIR": str(e5_index_dir)}
    p = subprocess.run([CHATBOT, "chat"], input=f"{BAN}\nそのうち中国地方はどこ？\n/new\nそのうち中国地方はどこ？\n",
                       capture_output=True, text=True, env=env, cwd=ROOT, timeout=600)
    assert p.returncode == 0, p.stderr
    assert p.stdout.count("として回答しました") == 1 and "新しい会話" in p.stdout


def test_chat_endpoint_reads_a_follow_up_from_the_history(e5_bot):
    from gradio_client import Client

    from conftest import serving

    with serving(e5_bot) as url:
        client = Client(url, verbose=False)
        first, history, *_ = client.predict(BAN, [], api_name="/chat")
        then, history, *_ = client.predict("そのうち中国地方はどこ？", history, api_name="/chat")
        fresh, *_ = client.predict("そのうち中国地方はどこ？", [], api_name="/chat")
    assert {c["case"] for c in then["citations"]} == {"広島県", "山口県", "島根県"}
    assert "中国地方" in then["understood_as"] and fresh["understood_as"] == ""
    assert [m["role"] for m in history] == ["user", "assistant"] * 2


# --- issue 17: exclusions, lists on screen, the subject, three turns, regions ---------------------

LOGO = "LoGoチャット上でAIアシスタントを使っている自治体はどこ？"
OUTSIDE_KANTO = "その中で関東以外は？"


def test_an_exclusion_follow_up_leaves_out_what_it_names(shared_e5_bot):
    first, then = talk(shared_e5_bot, LOGO, OUTSIDE_KANTO)
    assert {"大阪府門真市", "東京都練馬区", "茨城県つくば市"} <= set(cases(first))
    assert cases(then) == ["大阪府門真市"]
    assert "関東地方以外" in then.understood_as and then.understood_as in then.text


@pytest.mark.parametrize("question, out", [
    ("東京都を除いて、LoGoチャットを使っている自治体は？", "東京都"),
    ("Which municipalities outside Kanto use LoGo Chat?", "関東"),
    ("市以外でガイドラインを策定した自治体は？", "市"),
])
def test_an_exclusion_inside_a_question(shared_e5_bot, question, out):
    answer = shared_e5_bot.ask(question)
    assert answer.citations
    by_title = {c.title: c for c in shared_e5_bot.retriever().cases.values()}
    for c in answer.citations:
        case = by_title[c.case]
        assert out not in (case.prefecture, case.region) and not (out == "市" and case.id.endswith("市"))


@pytest.mark.parametrize("first, then, said", [
    ("Which cases have guidelines?", "Without the ministries.", "not ministries"),
    ("Which cases have guidelines?", "Drop the ministries.", "not ministries"),
    ("Which cases have guidelines?", "Ministries excluded.", "not ministries"),
    ("ガイドラインを策定した事例は？", "省庁は除いて", "× 省庁以外 "),
    ("ガイドラインを策定した事例は？", "国は除く", "× 省庁以外 "),
])
def test_the_ways_staff_leave_the_ministries_out_of_a_list(shared_e5_bot, first, then, said):
    listed, narrowed = talk(shared_e5_bot, first, then)
    ministries = {c.case for c in listed.citations if c.region == "省庁"}
    assert ministries and set(cases(narrowed)) == set(cases(listed)) - ministries
    assert said in narrowed.understood_as          # said once: not 「省庁・省庁以外」


def test_a_list_of_what_mentions_leaks_keeps_that_topic_through_follow_ups(shared_e5_bot):
    # leaks are a topic the article mentions, not its rule against entering confidential data
    leaks, local = talk(shared_e5_bot, "情報漏えいに触れている事例は？", "No ministries.")
    assert {"東京都庁", "青森県", "栃木県庁"} <= set(cases(leaks)) and "農林水産省" not in cases(leaks)
    assert "機密" not in leaks.text.split("\n")[0] and set(cases(local)) == set(cases(leaks)) - {"文部科学省"}
    tokyo, everywhere = talk(shared_e5_bot, "Which Tokyo cases bring up information leaks?", "Nationwide?")
    assert set(cases(tokyo)) == {"東京都庁", "東京都千代田区"} and set(cases(tokyo)) < set(cases(everywhere))


def test_where_a_governor_is_named_widens_to_the_whole_article(shared_e5_bot):
    # 名前 is a word the article never writes: it is what is asked about, not a topic it lacks
    kanto, everywhere = talk(shared_e5_bot, "関東で知事の名前が出てくる県は？", "全国では？")
    assert set(cases(kanto)) == {"神奈川県庁", "埼玉県庁", "栃木県庁"}
    assert set(cases(kanto)) < set(cases(everywhere)) and {"山口県", "鳥取県"} <= set(cases(everywhere))


def test_an_exclusion_verb_inside_a_question_is_its_topic(shared_e5_bot):
    # "drop", "without" lead a follow-up that leaves something out; inside a question they do not
    assert set(cases(shared_e5_bot.ask("How much did working time drop in Atsugi?"))) == {"神奈川県厚木市"}


def test_a_region_ending_in_koku_is_not_the_national_level(shared_e5_bot):
    assert "農林水産省" in cases(shared_e5_bot.ask("四国以外の事例は？"))
    assert set(cases(shared_e5_bot.ask("国の事例は？"))) == {"農林水産省", "文部科学省", "経済産業省", "デジタル庁"}


def test_a_narrowing_filters_the_list_on_screen(shared_e5_bot):
    first, then = talk(shared_e5_bot, "Which municipalities use generative AI to summarize meeting minutes?",
                       "Only the ones in Kinki, please.")
    kinki = {c.case for c in first.citations if c.region == "近畿"}
    assert len(kinki) >= 2 and set(cases(then)) == kinki           # the list, filtered: no new search
    assert [c.passage for c in then.citations] == [c.passage for c in first.citations if c.case in kinki]


def test_a_widening_asks_the_last_question_more_widely(shared_e5_bot):
    first, then = talk(shared_e5_bot, "三重県の事例は？", "近畿全体だと？")
    assert set(cases(first)) < set(cases(then))
    assert all(c.region == "近畿" for c in then.citations) and "広げて" in then.understood_as


@pytest.mark.parametrize("wider", ["All of Kanto?", "What about the whole of Kanto?", "関東全域だと？"])
def test_all_of_a_region_widens_a_list_of_one_prefecture(shared_e5_bot, wider):
    tokyo, kanto = talk(shared_e5_bot, "Which Tokyo cases are there?", wider)
    assert set(cases(tokyo)) < set(cases(kanto)) and all(c.region == "関東" for c in kanto.citations)
    assert "more widely" in kanto.understood_as or "広げて" in kanto.understood_as


def test_a_sibling_of_the_last_narrowing_narrows_the_list_before_it(shared_e5_bot):
    listed, kinki, kanto = talk(shared_e5_bot, "Which cases use ChatGPT for translation?", "Just Kinki.",
                                "What about Kanto?")
    in_kanto = {c.case for c in listed.citations if c.region == "関東"}
    assert kinki.citations and in_kanto and set(cases(kanto)) == in_kanto
    *_, cities = talk(shared_e5_bot, "Which cases use ChatGPT for translation?", "Only the prefectures.",
                      "What about cities?")
    assert cities.citations and {c.case for c in cities.citations} < set(cases(listed))
    assert all(c.case.endswith("市") for c in cities.citations)


def test_a_place_on_the_list_asked_a_detail_is_a_question_of_its_own(shared_e5_bot):
    listed, when = talk(shared_e5_bot, "個人情報の入力を禁止している県は？", "広島県はいつから？")
    assert "広島県" in cases(listed)
    assert when.understood_as == "" and set(cases(when)) == {"広島県"} and "7月" in when.text
    _, what = talk(shared_e5_bot, "四国の事例は？", "三豊市は何を使っている？")
    assert what.understood_as == "" and set(cases(what)) == {"香川県三豊市"}
    for bare in ("広島県は？", "広島県はどう？"):                  # no detail asked: the list, narrowed
        _, only = talk(shared_e5_bot, "個人情報の入力を禁止している県は？", bare)
        assert "絞り込み" in only.understood_as and cases(only) == ["広島県"]


def test_a_detail_asks_the_case_on_screen(shared_e5_bot):
    _, then = talk(shared_e5_bot, "厚木市の事例を教えて", "どれくらい時間を短縮できた？")
    assert set(cases(then)) == {"神奈川県厚木市"} and "21分" in then.text


def test_a_place_swap_after_three_turns_asks_the_last_question(shared_e5_bot):
    *_, third = talk(shared_e5_bot, "鳥取県の取り組みは？", "使用が禁止されている業務は？", "島根県は？")
    assert cases(third) and set(cases(third)) == {"島根県"}
    assert "島根県" in third.understood_as


def test_the_last_list_is_kept_through_a_detail(shared_e5_bot):
    *_, third = talk(shared_e5_bot, "Which cases mention DX?", "What is Koga's DX meeting called?",
                     "Of those DX ones, any other than the prefectures?")
    assert cases(third) and all(c.level == "市区町村" for c in third.citations)


@pytest.mark.parametrize("question, n, region", [
    ("九州・沖縄の事例をすべて挙げてください", 6, "九州"),
    ("関西の事例は？", None, "近畿"),
    ("Which Kansai cases are there?", None, "近畿"),
])
def test_regions_as_staff_name_them(shared_e5_bot, question, n, region):
    answer = shared_e5_bot.ask(question)
    assert answer.citations and all(c.region == region for c in answer.citations)
    assert n is None or len(answer.citations) == n


def test_areas_named_by_their_prefectures(shared_e5_bot):
    kita = shared_e5_bot.ask("北関東の事例は？")
    assert {c.prefecture for c in kita.citations} == {"茨城県", "栃木県", "群馬県"}
    both = shared_e5_bot.ask("東北と中国の事例は？")
    assert {c.region for c in both.citations} == {"北海道・東北", "中国"}


@pytest.mark.parametrize("question", ["西日本の事例は？", "Any cases in western Japan?"])
def test_western_japan_is_the_regions_west_of_the_middle(shared_e5_bot, question):
    # it had been the one case whose sentence says 日本 (大阪市)
    west = shared_e5_bot.ask(question)
    assert {c.region for c in west.citations} == {"近畿", "中国", "四国", "九州"} and len(west.citations) == 20
    east = shared_e5_bot.ask("東日本の県の事例は？" if question[0] == "西" else "Prefectures in eastern Japan?")
    assert east.citations and {c.region for c in east.citations} <= {"北海道・東北", "関東"}


def test_an_area_named_in_english_is_the_same_area_and_says_its_japanese_name(shared_e5_bot):
    english = shared_e5_bot.ask("Any cases in Northern Kanto?")
    assert "Kita-Kanto (北関東)" in english.text.splitlines()[0]
    # "Tohoku" after 「東北」 is the same area: leaving it out leaves out every case of the list
    out = shared_e5_bot.ask("What about outside Tohoku?", history=["東北の事例は？"])
    assert "not Tohoku (東北)" in out.understood_as
    assert out.citations and all(c.region != "北海道・東北" for c in out.citations)


def test_the_exclusion_example_through_the_cli_chat_and_endpoint(e5_index_dir, e5_bot):
    from gradio_client import Client

    from conftest import serving

    env = {**os.environ, "CHATBOT_DATA_DIR": str(e5_index_dir)}
    p = subprocess.run([CHATBOT, "ask", "--json", "--conversation", LOGO, OUTSIDE_KANTO],
                       capture_output=True, text=True, env=env, cwd=ROOT, timeout=600)
    assert p.returncode == 0, p.stderr
    then = json.loads(p.stdout.splitlines()[-1])
    assert [c["case"] for c in then["citations"]] == ["大阪府門真市"] and "関東地方以外" in then["understood_as"]
    chat = subprocess.run([CHATBOT, "chat"], input=f"{LOGO}\n{OUTSIDE_KANTO}\n", capture_output=True,
                          text=True, env=env, cwd=ROOT, timeout=600)
    assert chat.returncode == 0 and "関東地方以外" in chat.stdout
    with serving(e5_bot) as url:
        client = Client(url, verbose=False)
        first, history, *_ = client.predict(LOGO, [], api_name="/chat")
        answer, *_ = client.predict(OUTSIDE_KANTO, history, api_name="/chat")
    assert [c["case"] for c in answer["citations"]] == ["大阪府門真市"]
    assert "関東地方以外" in answer["understood_as"]


# --- conversations3 (issue 17): exclusions, widening and details in wordings not seen before --------

KANTO = "関東の事例は？"


def test_a_bare_prefecture_name_right_before_igai_is_left_out(shared_e5_bot):
    # 「茨城以外」: a bare kanji name followed by 以外 (kanji) is still the place, not glued to it
    listed, rest = talk(shared_e5_bot, KANTO, "東京と茨城以外")
    assert {c.prefecture for c in rest.citations} == {c.prefecture for c in listed.citations} - {"東京都", "茨城県"}


def test_exclusions_add_up_over_turns_also_with_mo(shared_e5_bot):
    _, cities, fewer = talk(shared_e5_bot, KANTO, "県の事例は除いて", "東京都のも除いて")
    assert cities.citations and all(c.level == "市区町村" for c in cities.citations)
    assert set(cases(fewer)) == {c.case for c in cities.citations if c.prefecture != "東京都"}


def test_leave_a_place_out_in_english(shared_e5_bot):
    listed, rest = talk(shared_e5_bot, "Which Kyushu cases are there?", "Leave Miyazaki out.")
    assert set(cases(rest)) == {c.case for c in listed.citations if c.prefecture != "宮崎県"}
    assert "宮崎県" in rest.understood_as


@pytest.mark.parametrize("wider", ["Not just Kinki, every region.", "近畿だけでなく全部"])
def test_not_only_a_region_widens_from_it(shared_e5_bot, wider):
    listed, kinki, everywhere = talk(shared_e5_bot, "Which cases use ChatGPT for translation?", "Just Kinki.", wider)
    assert set(cases(kinki)) < set(cases(everywhere)) == set(cases(listed))


def test_most_of_the_case_just_shown_is_a_detail_not_a_table(shared_e5_bot):
    _, most = talk(shared_e5_bot, "What did Yamagata's interim report find?", "What was it used for most often?")
    assert most.table is None and cases(most) == ["山形県庁"] and "アイデア出し" in most.text


@pytest.mark.parametrize("first, most, said", [
    ("山形県の中間報告は？", "最も多かった用途は？", "アイデア出し"),
    ("厚木市の実験の結果は？", "一番時間が短縮できた業務は？", "時間短縮が顕著"),
])
def test_a_japanese_most_without_a_subject_is_of_the_case_just_shown(shared_e5_bot, first, most, said):
    """Japanese leaves out the subject it asks of: 「最も多かった用途は？」 right after 山形県庁 is
    山形県庁's, not a table of all 62 cases; naming the cases (「事例全体で」) still asks the table."""
    one, detail = talk(shared_e5_bot, first, most)
    assert detail.table is None and set(cases(detail)) == set(cases(one)) and said in detail.text
    _, whole = talk(shared_e5_bot, first, "事例全体で一番多い用途は？")
    assert whole.table is not None


def test_when_did_it_start_of_the_case_just_shown_is_a_detail_not_a_timeline(shared_e5_bot):
    _, when = talk(shared_e5_bot, "What did Kobe do?", "When did it start?")
    assert when.table is None and cases(when)[:1] == ["兵庫県神戸市"] and "5月中" in when.text
    whole = shared_e5_bot.ask("When did the cases start using it?")     # no case just shown: the table
    assert whole.table is not None
    _, trial = talk(shared_e5_bot, "What is Mitoyo doing?", "When did the trial start?")    # no pronoun
    assert trial.table is None and cases(trial)[:1] == ["香川県三豊市"] and "6月1日" in trial.text
    _, many = talk(shared_e5_bot, "What is Mitoyo doing?", "When did the other municipalities start?")
    assert many.table is not None                  # names many cases: still the timeline


@pytest.mark.parametrize("first, others", [("横須賀市の事例は？", "神奈川県の他の事例は？"),
                                           ("Tell me about Yokosuka.", "Which other cases are in Kanagawa?")])
def test_the_other_cases_of_a_place_leave_out_the_case_just_shown(shared_e5_bot, first, others):
    _, rest = talk(shared_e5_bot, first, others)
    assert set(cases(rest)) == {"神奈川県庁", "神奈川県相模原市", "神奈川県厚木市"}
    assert "横須賀市" in rest.text.split("：")[0] or "not 神奈川県横須賀市" in rest.text   # says what it left out
    alone = shared_e5_bot.ask(others)         # nothing shown before: every case of the place
    assert "神奈川県横須賀市" in cases(alone)


def test_which_thing_of_the_case_just_shown_is_a_detail(shared_e5_bot):
    _, who = talk(shared_e5_bot, "Tell me about Shiga Prefecture's trial.", "Which divisions made the policy?")
    # (one case; a sentence that refers back may bring the one it refers to: two quotes of it)
    assert set(cases(who)) == {"滋賀県"} and "行政経営推進課" in who.text


def test_english_doing_and_month_names(shared_e5_bot):
    assert cases(shared_e5_bot.ask("What is Osaka City doing?"))[:1] == ["大阪府大阪市"]
    _, october = talk(shared_e5_bot, "Tell me about Kumamoto City.", "What does it want from October?")
    assert cases(october)[:1] == ["熊本県熊本市"] and "10月" in october.text


def test_a_detail_in_words_the_case_does_not_write_is_answered_from_its_verbs(shared_e5_bot):
    # 最初 is no word of the article, 始める is: 伊賀市's 「事務文書作成の支援から始め」
    _, first = talk(shared_e5_bot, "伊賀市の実証実験について", "最初は何から始める？")
    assert cases(first)[:1] == ["三重県伊賀市"] and "事務文書作成の支援" in " ".join(c.passage for c in first.citations)
    _, weather = talk(shared_e5_bot, "厚木市の事例を教えて", "天気は？")      # still no word of the case
    assert weather.citations == ()


def test_a_named_case_asked_with_a_verb_it_does_not_write_is_still_its_topic(shared_e5_bot):
    # 「組む」 (the case says 連携), "going to publish": how the question asks, not what about
    assert cases(shared_e5_bot.ask("三豊市はどこと組んでる？"))[:1] == ["香川県三豊市"]
    assert cases(shared_e5_bot.ask("What is Toda going to publish?"))[:1] == ["埼玉県戸田市"]
    assert shared_e5_bot.ask("厚木市の天気は？").citations == ()


def test_dokoto_asks_for_the_partner(shared_e5_bot):
    _, partner = talk(shared_e5_bot, "枚方市の事例は？", "どこと協力している？")
    assert cases(partner)[:1] == ["大阪府枚方市"] and "グラファー" in partner.text


def test_an_exclusion_after_a_narrowing_to_what_it_excludes_filters_the_list_before(shared_e5_bot):
    listed, kyushu, rest = talk(shared_e5_bot, "Which cases ban entering personal information?",
                                "Only the Kyushu ones.", "What about outside Kyushu and Kanto?")
    assert kyushu.citations
    assert set(cases(rest)) == {c.case for c in listed.citations if c.region not in ("九州", "関東")}


def test_which_thing_saved_most_of_the_case_just_shown_is_no_ranking(shared_e5_bot):
    _, tasks = talk(shared_e5_bot, "What did Atsugi find?", "Which tasks saved the most time?")
    assert tasks.table is None and set(cases(tasks)) == {"神奈川県厚木市"}
    assert shared_e5_bot.ask("Which case saved the most time?").table is not None     # still a ranking


def test_another_level_after_a_list_the_first_question_limited_asks_it_of_that_level(shared_e5_bot):
    prefectures, cities = talk(shared_e5_bot, "Which prefectures have guidelines?", "And the cities?")
    assert prefectures.citations and all(c.level == "都道府県" for c in prefectures.citations)
    assert cities.citations and all(c.case.endswith("市") for c in cities.citations)
    assert "cities" in cities.understood_as
    *_, none = talk(shared_e5_bot, "Which cases use Bard?", "Any in Kanto?")      # no level of its own: a filter
    assert none.citations == ()


def test_who_after_one_case_asks_of_it_and_who_else_asks_anew(shared_e5_bot):
    _, who = talk(shared_e5_bot, "What is Ehime doing?", "Who is in the trial?")
    assert set(cases(who)) == {"愛媛県"} and who.understood_as
    _, others = talk(shared_e5_bot, "What is Ehime doing?", "Who else runs a trial?")
    assert len(set(cases(others))) > 1


def test_a_named_case_asked_in_the_article_s_words_is_answered_from_that_case(shared_e5_bot):
    # 「対象」 is a word of the article but not of 戸田市's case: still a question about the case
    *_, toda = talk(shared_e5_bot, "埼玉県の取り組みは？", "対象は？", "戸田市は？")
    assert cases(toda)[:1] == ["埼玉県戸田市"]
    _, others = talk(shared_e5_bot, "What is Miyakonojo doing?", "Will others be able to try it?")
    assert cases(others)[:1] == ["宮崎県都城市"] and "トライアル" in others.text


@pytest.mark.parametrize("text, named", [
    ("東日本大震災の教訓を活かした事例は？", []),
    ("北陸新幹線に関する事例は？", []),
    ("関西圏の事例は？", ["関西"]),
    ("西日本以外の事例は？", ["西日本"]),
    ("東日本地方の県は？", ["東日本"]),
    ("東北六県と東海地区の事例は？", ["東北", "東海"]),
])
def test_an_area_name_at_the_start_of_a_longer_word_is_no_area(text, named):
    from chatbot.qa.read.where import find_regions
    from core.knowledge import knowledge

    regions = ["省庁", "北海道・東北", "北陸・甲信越", "関東", "東海", "近畿", "中国", "四国", "九州"]
    assert [f.name for f in find_regions(text, regions, knowledge())] == named
