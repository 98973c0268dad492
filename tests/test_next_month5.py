"""Issue 16 on a fifth next-month article (tests/qa/tune/next_month5_article.txt): figures and
lists about cases on topics no knowledge file names, read from the cases' own wording — a time
that fell 「15日から6日に」 or to 「その3分の1」, asked 「どのくらい減った」 or 「何日かかった」. Real e5
model, real Chroma."""

import pytest

from conftest import bot_over

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def bot(next_month5_e5_dir, e5):
    return bot_over(next_month5_e5_dir, e5)


def cases(answer):
    return [c.case for c in answer.citations]


@pytest.mark.parametrize("question, case, figure", [
    # 「時間はどのくらい減りましたか」 asks the time a task takes: the sentence with the fraction
    ("上越市のこども家庭センターでは、相談記録の作成にかかる時間はどのくらい減りましたか？", "新潟県上越市", "3分の1"),
    # 「何日かかりましたか」 asks how many days it took, not on which day
    ("沼津市の防災訓練のシナリオづくりには何日かかりましたか？", "静岡県沼津市", "6日"),
    ("高松市では、案内文1種類を書き直す作業にかかる日数はどう変わりましたか？", "香川県高松市", "3日"),
])
def test_the_time_a_task_takes_is_quoted_however_it_is_asked(bot, question, case, figure):
    answer = bot.ask(question)
    assert cases(answer)[:1] == [case]
    assert figure in answer.citations[0].passage


def test_a_ranking_by_time_saved_reads_from_to_and_fractions(bot):
    # 「15日から6日に減って」, 「50分から20分程度になった」, 「2時間半から1時間ほどに」, 「30分近く…その3分の1」
    answer = bot.ask("最も時間を短縮した自治体は？")
    ranked = [row[1] for row in answer.table["rows"]] if answer.table else []
    assert ranked[:1] == ["静岡県沼津市"]
    assert {"岩手県盛岡市", "千葉県市川市", "新潟県上越市", "香川県高松市"} <= set(ranked)


def test_a_company_asked_of_a_case_that_names_none_and_says_nothing_of_one_is_not_stated(bot):
    answer = bot.ask("上越市のこども家庭センターが使っている生成AIの提供会社はどこですか？")
    assert not answer.citations
    assert "上越市" in answer.text and "記述はありません" in answer.text


def test_a_company_asked_of_a_case_that_says_where_it_runs_quotes_that(bot):
    # no vendor named, but a sentence about it: 「庁内のサーバーで動かしています」
    answer = bot.ask("八代市が使っている生成AIはどこの会社のサービスですか？")
    assert cases(answer)[:1] == ["熊本県八代市"]
    assert "庁内のサーバー" in answer.citations[0].passage


def test_an_english_animal_the_dictionary_writes_in_kana_finds_the_case(bot):
    # "wild boar" → JMdict's イノシシ, which the article's 「イノシシ」 is read as (猪)
    answer = bot.ask("Which municipalities use AI to deal with crop damage from wild boar and deer?")
    assert cases(answer) == ["和歌山県田辺市"]


@pytest.mark.parametrize("question, listed", [
    # 「消費生活センター」's 生活 and 「こども家庭センター」's 家庭 modify another noun: not 生活保護, 家庭訪問
    ("生活保護の業務にAIを使っている自治体は？", ["大阪府堺市"]),
    ("家庭訪問の記録にAIを使っている事例は？", ["大阪府堺市"]),
])
def test_a_word_of_the_compound_asked_inside_another_compound_is_another_thing(bot, question, listed):
    assert cases(bot.ask(question)) == listed


@pytest.mark.parametrize("question", [
    "What do Joetsu's public health nurses do with the time the AI saves them?",
    "上越市では浮いた時間を何に使っていますか？",
])
def test_what_the_time_saved_goes_to_is_the_answer_and_its_lead(bot, question):
    # the time saved is asked (「浮いた時間」): the sentence that says where it goes leads, and the
    # lead does not stop at its topic 「浮いた時間は、」
    answer = bot.ask(question)
    assert cases(answer)[:1] == ["新潟県上越市"]
    assert "家庭への訪問" in answer.citations[0].passage
    assert "訪問" in answer.text.splitlines()[0]


def test_a_lead_that_says_what_it_took_before_says_what_it_takes_now(bot):
    # 「…30分近くかかっていましたが、今はその3分の1ほどで済んでいます」: the lead does not stop at the before
    answer = bot.ask("上越市のこども家庭センターでは、相談記録の作成にかかる時間はどのくらい減りましたか？")
    assert "3分の1" in answer.text.splitlines()[0]
