"""Issue 16 on a fourth next-month article (tests/qa/tune/next_month4_article.txt): details and
lists about cases on topics no knowledge file names, answered from their own sentences. Real e5
model, real Chroma."""

import pytest

from conftest import bot_over
from core.knowledge import knowledge

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def bot(next_month4_e5_dir, e5):
    return bot_over(next_month4_e5_dir, e5)


def cases(answer):
    return [c.case for c in answer.citations]


def _type(name):
    k = knowledge()
    return k, next(t for t in k.questions.answer_types if t.name == name)


@pytest.mark.parametrize("text, named", [
    ("仙台市消防局は、119番通報の受付業務に生成AIを使う実証を2025年2月から始めました。", False),  # 「AIを」
    ("AIが音声から文字に起こして要約し", False),
    ("DXの推進", False),
    ("実証は富士通と共同で行い", True),           # a partner written in kanji
    ("NECが構築した専用の環境で", True),
    ("AIchatという製品", True),
])
def test_ai_before_a_japanese_letter_is_no_company_name(text, named):
    from chatbot.qa.evidence.sentences import holds, typed_text

    k, org = _type("org")
    assert holds(org, typed_text(text), k) is named


def test_which_company_a_case_worked_with_is_quoted_from_the_sentence_that_names_it(bot):
    answer = bot.ask("仙台市消防局の実証はどの会社と共同で行っていますか？")
    assert cases(answer)[:1] == ["宮城県仙台市"]
    assert "富士通" in answer.citations[0].passage


def test_what_a_case_decided_not_to_enter_is_a_negative_detail(bot):
    # 「入力しないと決めている」 asks what is not done, like 「入力しない情報は？」
    answer = bot.ask("鉾田市の農業振興課がChatGPTに入力しないと決めている情報は？")
    assert cases(answer)[:1] == ["茨城県鉾田市"]
    assert "入力しないと決めています" in answer.citations[0].passage


@pytest.mark.parametrize("question, figure", [
    ("How many questions does one Himeji council session handle?", "約150問"),   # 問 counts questions
    ("姫路市の定例会では質問は何件ありますか？", "約150問"),
    ("How many years of council minutes does Himeji's system draw on?", "10年分"),  # a span of records
    ("北九州市は空き家の所有者に何通の文書を送りましたか？", "約400通"),
])
def test_a_figure_in_another_counter_answers_how_many(bot, question, figure):
    answer = bot.ask(question)
    assert cases(answer)[:1] in (["兵庫県姫路市"], ["福岡県北九州市"])
    assert figure in answer.citations[0].passage
    assert "does not state" not in answer.text and "記述はありません" not in answer.text


@pytest.mark.parametrize("text, counted", [("約400通の文書", True), ("2通りの方法", False)])
def test_letters_are_counted_but_ways_are_not(text, counted):
    from chatbot.qa.evidence.sentences import holds, typed_text

    k, count = _type("count")
    assert holds(count, typed_text(text), k) is counted


@pytest.mark.parametrize("question, asks", [
    ("What AI service does Kitakyushu use for its vacant-house letters?", ("org",)),
    ("What cloud service did Kyoto use?", ("org",)),
    ("What did the PR office use it for?", ("use",)),                # what it is used for
    ("What is the service used for?", ("use",)),
])
def test_what_service_a_case_uses_asks_for_the_service_not_its_use(question, asks):
    from chatbot.qa.read.understand import understand
    from core.places import Gazetteer

    q = understand(question, Gazetteer.from_cases([]), [], knowledge())
    assert tuple(a for a in q.asks if a in ("org", "use")) == asks


def test_the_service_a_case_uses_is_quoted(bot):
    answer = bot.ask("What AI service does Kitakyushu use for its vacant-house letters?")
    assert cases(answer)[:1] == ["福岡県北九州市"]
    assert "Azure OpenAI Service" in answer.citations[0].passage


@pytest.mark.parametrize("question, expected", [
    # 学校 / 教育 name 'Schools / education' but only modify 給食 / 委員会: the words decide
    ("学校給食の献立にChatGPTを使っている自治体は？", ["群馬県前橋市"]),
    ("教育委員会がAIを使っている事例は？", ["富山県", "長野県飯島町", "群馬県前橋市"]),
])
def test_a_facet_named_by_what_modifies_a_compound_is_named_in_passing(bot, question, expected):
    answer = bot.ask(question)
    assert sorted(cases(answer)) == sorted(expected)
    assert all(c.passage and c.why.startswith("words:") for c in answer.citations)


def test_a_facet_the_compound_is_a_kind_of_still_lists_its_cases(bot):
    # 議会答弁 is the facet's own head: its case is listed as before
    assert "群馬県藤岡市" in cases(bot.ask("議会答弁の作成にAIを使っている自治体は？"))


def test_a_case_that_writes_the_asked_compound_apart_joins_the_facet_list(bot):
    # 藤岡市 has the facet 'Drafting answers for the assembly'; 姫路市 writes 「市議会の一般質問に
    # 対する答弁の下書き」, which its cues do not read: 議会…答弁 is still 議会答弁
    answer = bot.ask("議会答弁の作成にAIを使っている自治体は？")
    assert sorted(cases(answer)) == ["兵庫県姫路市", "群馬県藤岡市"]
    himeji = next(c for c in answer.citations if c.case == "兵庫県姫路市")
    assert "答弁" in himeji.passage and "議会" in himeji.passage


def test_a_sentence_that_forbids_it_never_joins_the_facet_list(bot):
    # 鳥取県: 「答弁資料の作成や予算編成、重要政策決定には使用禁止」 is no use for 予算編成
    assert "鳥取県" not in cases(bot.ask("予算編成に活用する予定なのはどこ？"))


@pytest.mark.parametrize("text, compound, modified", [
    ("市議会の一般質問に対する答弁の下書きに", ("議会", "答弁"), True),
    ("政府の「AI戦略チーム」会合で", ("デジタル", "戦略"), False),      # no デジタル before it
    ("デジタル庁は、政府の「AI戦略チーム」会合で", ("デジタル", "戦略"), False),   # another 戦略
    ("答弁の作成と議会の運営", ("議会", "答弁"), False),                  # 議会 after 答弁
])
def test_a_compounds_head_on_its_own_after_what_modifies_it(text, compound, modified):
    from chatbot.qa.evidence.compounds import head_modified

    assert head_modified(text, compound) is modified


def test_a_figure_of_what_named_the_facet_is_an_answer_not_a_missing_facet(bot):
    # 姫路市 has no 'Meeting minutes' facet (it drafts answers), yet 「過去10年分の会議録」 answers
    # "how many years of minutes": quoted as the answer, not as "does not say anything about"
    answer = bot.ask("How many years of council minutes does Himeji's system draw on?")
    assert cases(answer)[:1] == ["兵庫県姫路市"] and "10年分" in answer.citations[0].passage
    assert "does not say anything" not in answer.text
    # a figure of something else still leaves the facet unanswered
    assert "記述はありません" in bot.ask("姫路市は議事録の作成に使っていますか？").text


@pytest.mark.parametrize("question, who", [
    ("唐津市の返礼品の紹介文は誰が確認していますか？", "ふるさと納税推進室の職員"),
    ("倉敷市で講座の講師を決めるのは誰？", "各公民館の職員"),
])
def test_who_does_it_leads_with_the_staff_who_do_it(bot, question, who):
    answer = bot.ask(question)
    assert cases(answer)[:1] and who in answer.text.splitlines()[0]


@pytest.mark.parametrize("text, person", [
    ("出動させる隊の判断は、これまで通り指令員が行います。", True),
    ("各公民館の職員が行っています", True),
    ("職員は文章の要約に使います", False),          # staff alone names no one
    ("要望者の氏名や電話番号は", False),
])
def test_a_role_that_does_it_is_a_person(text, person):
    from chatbot.qa.evidence.sentences import holds, typed_text

    k, t = _type("person")
    assert holds(t, typed_text(text), k) is person


@pytest.mark.parametrize("question, negative", [
    ("What do they keep out of the AI?", True),
    ("What information must not be entered into ChatGPT in Beppu?", True),
    ("What is off-limits under Nerima's guideline?", True),
    ("Which of those are not in Kanto or Tohoku?", False),      # a scope, not what is not done
    ("What do they use it for?", False),
])
def test_what_is_not_done_is_asked_in_english_too(question, negative):
    from chatbot.qa.read.understand import understand
    from core.places import Gazetteer

    q = understand(question, Gazetteer.from_cases([]), [], knowledge())
    assert ("negative" in q.asks) is negative


def test_what_a_case_keeps_out_of_the_ai_is_quoted_first(bot):
    answer = bot.ask("What does Maebashi keep out of ChatGPT?")
    assert cases(answer)[:1] == ["群馬県前橋市"]
    assert "入力しない" in answer.citations[0].passage


@pytest.mark.parametrize("question, expected", [
    ("Which cases work with Fujitsu?", ["宮城県仙台市"]),     # 富士通, read フジツウ
    ("Which cases use Anotete?", ["茨城県庁"]),               # アノテテ
    ("Which case mentions Kishida?", ["デジタル庁"]),          # 岸田総理
])
def test_a_romanised_name_finds_the_article_word_it_reads_as(bot, question, expected):
    answer = bot.ask(question)
    assert cases(answer) == expected
    assert "no case mentioning" not in answer.text


def test_a_name_the_article_has_in_no_reading_is_still_absent(bot):
    assert "no case mentioning Hitachi" in bot.ask("Which cases use Hitachi?").text


def test_an_english_topic_no_case_writes_is_not_filled_with_the_nearest_sentence(bot):
    # "library" (図書館) and "wildlife" (鳥獣) are in no case: the sentences that hold the
    # question's other words (越前市's 住民の質問への回答, 鉾田市's 作物) are not about them
    assert not bot.ask("Which city uses AI to answer questions at its public library?").citations
    assert not bot.ask("Which municipalities use AI to manage wildlife damage to crops?").citations
    # the article's own topic in English is still answered
    assert "茨城県鉾田市" in cases(bot.ask("Which cities use ChatGPT to help new farmers?"))
