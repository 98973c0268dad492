"""Issue 16, details of any kind: when the asked kind of answer is not literally in the named case
but a related statement is, that statement is quoted; "the case does not state …" only when no
sentence of the case is about what was asked. Real article, real e5 model, real Chroma."""

import pytest

pytestmark = pytest.mark.model


def cases(answer):
    return [c.case for c in answer.citations]


@pytest.mark.parametrize("question, case, detail", [
    # a share of staff asked, the case counts the staff
    ("高崎市で試験導入に参加している職員の割合は？", "群馬県高崎市", "28人"),
    # "how many staff": all of them is a head count
    ("つくば市でChatGPTを使える職員は何人？", "茨城県つくば市", "市職員全員"),
    # a price asked, the service is free
    ("What does Miyagi pay for its ChatGPT service in this year's trial?", "宮城県", "無料サービス"),
    # a price asked, the case speaks of the cost without a sum
    ("How much will ChatGPT cost Matsusaka?", "三重県松阪市", "費用"),
    # an amount of time asked, the case speaks of the time freed without a figure
    ("江戸川区ではAIで職員の時間がどれくらい浮きますか？", "東京都江戸川区", "余った時間"),
    # "when", the case says 「来月にも」
    ("那覇市はいつ本格導入する予定ですか？", "沖縄県那覇市", "来月にも"),
    # "how many languages", the case says 「多言語」
    ("熊本市は何言語に翻訳できますか？", "熊本県熊本市", "多言語"),
    # "how long", the case gives two dates without まで
    ("How long did the Nagano prefectural government's trial run?", "長野県庁", "5月15日から7月21日"),
])
def test_a_related_statement_answers_in_the_asked_kinds_stead(shared_e5_bot, question, case, detail):
    answer = shared_e5_bot.ask(question)
    assert cases(answer)[:1] == [case]
    assert detail in answer.citations[0].passage and "記述はありません" not in answer.text
    assert "does not state" not in answer.text


@pytest.mark.parametrize("question, words", [
    ("What was the budget of Sagamihara's ChatGPT experiment?", "does not state"),
    ("群馬県庁でCrewを利用している職員は何人ですか？", "記述はありません"),
    # 「有償」 says it will be paid, not how much: still not stated
    ("How much did Nerima pay for the bot?", "does not state"),
])
def test_a_case_with_no_sentence_about_it_does_not_state_it(shared_e5_bot, question, words):
    answer = shared_e5_bot.ask(question)
    assert answer.citations == () and words in answer.text


@pytest.mark.parametrize("question, case, detail", [
    # a product's name (a facet) picks the case; the asked detail is its sentence, not the facet's
    ("How much does it cost to try zevo?", "宮崎県都城市", "無償トライアル"),
    ("Crewのトライアルはいつ始まりましたか？", "群馬県庁", "2023年7月7日"),
])
def test_a_detail_of_the_case_a_facet_names_is_quoted(shared_e5_bot, question, case, detail):
    answer = shared_e5_bot.ask(question)
    assert cases(answer)[:1] == [case] and detail in answer.citations[0].passage
    assert "1 件" not in answer.text and "1 case" not in answer.text


def test_a_range_of_dates_says_until_when(shared_e5_bot):
    answer = shared_e5_bot.ask("ログミーツの追加機能はいつまで使われましたか？")
    assert cases(answer)[:1] == ["長野県庁"]
    assert any("7月21日" in c.passage for c in answer.citations)


@pytest.mark.parametrize("history, question", [
    ([], "千代田区はいつから使っている？"),
    (["Azureを使っている自治体は？"], "千代田区はいつから？"),
    ([], "When did Chiyoda start?"),
])
def test_since_when_quotes_the_start_not_the_end(shared_e5_bot, history, question):
    # 千代田区 dates its start (「8月に行うテスト」) and its end (「テストは10月まで」) in two sentences
    answer = shared_e5_bot.ask(question, history=history)
    assert cases(answer)[:1] == ["東京都千代田区"]
    assert "8月" in answer.citations[0].passage and "8月" in answer.text.splitlines()[0]
    until = shared_e5_bot.ask("千代田区はいつまで？")       # and an end is still asked by 「いつまで」
    assert "10月まで" in until.citations[0].passage


def test_a_start_only_the_reference_headline_dates_is_shown_not_called_unstated(shared_e5_bot):
    # 相模原市's sentences say it began a trial; only its reference's headline says 「6/1開始」
    for question in ("相模原市はいつから？", "When did Sagamihara start the trial?"):
        answer = shared_e5_bot.ask(question)
        assert answer.kind == "fact" and cases(answer)[:1] == ["神奈川県相模原市"]
        assert "開始" in answer.citations[0].passage and "6/1開始" in answer.text
    # an end is still not stated: the headline dates a start
    assert shared_e5_bot.ask("相模原市はいつまで？").kind == "none"


@pytest.fixture(scope="module")
def next_month_bot(next_month_e5_dir, e5):
    """A bot over the 'next month' article: new cases on topics no knowledge file names."""
    from chatbot import Chatbot
    from chatbot.settings import Settings

    return Chatbot(Settings(data_dir=next_month_e5_dir), embeddings=e5)


@pytest.mark.parametrize("question, case, detail", [
    # so many of so many is a share
    ("藤沢市で負担が減ったと答えたセンターの割合は？", "神奈川県藤沢市", "8カ所のセンターのうち7カ所"),
    # a number of things written with の and no counter (「約800の橋」) is a count
    ("How many bridges does Kofu look after?", "山梨県甲府市", "約800の橋"),
])
def test_new_topics_details_are_answered_from_their_own_sentences(next_month_bot, question, case, detail):
    answer = next_month_bot.ask(question)
    assert cases(answer)[:1] == [case] and detail in answer.citations[0].passage


def test_a_bare_cost_follow_up_asks_the_sum(shared_e5_bot):
    # 「費用は？」 after 厚木市 had quoted its time savings: it asks a sum, which 厚木市 does not state
    assert shared_e5_bot.ask("費用は？", history=["厚木市"]).kind == "none"
    free = shared_e5_bot.ask("料金は？", history=["都城市"])
    assert cases(free)[:1] == ["宮崎県都城市"] and "無償" in free.citations[0].passage


@pytest.mark.parametrize("question", [
    "What did Kagoshima's farm pilot cost?",
    "How much does Yokote's system cost?",       # a possessive between "how much" and "cost"
])
def test_what_a_new_case_costs_is_not_stated_when_it_says_nothing_of_cost(next_month_bot, question):
    answer = next_month_bot.ask(question)
    assert answer.citations == () and "does not state" in answer.text


@pytest.mark.parametrize("question, case, name", [
    ("What will Graffer help Hirakata produce?", "大阪府枚方市", "グラファー"),
    ("What is Trustbank's role in Kadoma's trial?", "大阪府門真市", "トラストバンク"),
    ("What does Mental Compass do for Kuwana?", "三重県桑名市", "メンタルコンパス"),
])
def test_a_partner_named_in_english_is_the_katakana_name_the_case_writes(shared_e5_bot, question, case, name):
    """The article writes these names only in katakana; the facet the English name asks for
    knows both, so the case is not said to "not mention" them and their sentence is quoted."""
    answer = shared_e5_bot.ask(question)
    assert cases(answer)[:1] == [case] and "does not mention" not in answer.text
    assert name in answer.citations[0].passage


def test_the_hours_of_a_service_are_answered_by_what_the_case_says_of_them(shared_e5_bot):
    answer = shared_e5_bot.ask("Can people in Mitoyo ask the garbage guide at night?")
    assert cases(answer)[:1] == ["香川県三豊市"] and "夜間" in answer.citations[0].passage


@pytest.mark.parametrize("question, case, detail", [
    # 「待つ」 asks an amount of time: the reply time is quoted
    ("いわき市のChatGPTは返事までどれくらい待ちますか？", "福島県いわき市", "約30秒"),
    # "how long to wait until …" of a case that gives a time only as a date: the date answers
    ("宮城県は本格導入までどれくらい待ちますか？", "宮城県", "来年度以降"),
])
def test_how_long_to_wait_is_answered_by_a_time_or_a_date(shared_e5_bot, question, case, detail):
    answer = shared_e5_bot.ask(question)
    assert cases(answer)[:1] == [case] and "記述はありません" not in answer.text
    assert any(detail in c.passage for c in answer.citations)


def test_ask_json_quotes_the_related_statement_and_says_not_stated_without_one(e5_index_dir):
    """The same answers through `chatbot ask --json`, as an IT person's script would get them."""
    from tests.test_open_lists import ask_json

    share = ask_json(e5_index_dir, "熊本市の実証実験には職員の何割が参加しますか？")
    assert share["citations"][0]["case"] == "熊本県熊本市" and "約100人" in share["citations"][0]["passage"]
    budget = ask_json(e5_index_dir, "What was the budget of Sagamihara's ChatGPT experiment?")
    assert budget["citations"] == [] and "does not state" in budget["answer"]


# --- a name asked: a common katakana word is not one ---------------------------------------------

def test_a_common_katakana_word_is_not_a_name_or_a_company():
    """「…共同開発を担うケースです。」 held a 'name' (ケース: three katakana), so it outranked
    「開発したプラットフォーム「zevo」は…」 for 「名前は？」. A word the dictionary knows as one common
    noun is not a name; a word it does not know (グラファー), a proper noun (ドコモ) or a compound
    (シフトプラス) may be."""
    from chatbot.qa.evidence.sentences import holds
    from core.knowledge import knowledge

    k = knowledge()
    org, name = (next(t for t in k.questions.answer_types if t.name == n) for n in ("org", "name"))
    assert not holds(name, "これは全国初の自治体が共同開発を担うケースです。", k)
    assert not holds(org, "チャットGPTが示すデータを活用し、働きやすい職場作りを進めています。", k)
    assert holds(name, "開発したプラットフォーム「zevo」は、他自治体向けに無償トライアルも実施予定です。", k)
    for said in ("グラファーと協力します。", "ドコモと協定を結びました。", "シフトプラスと共に開発します。"):
        assert holds(org, said, k), said


def test_the_name_asked_of_the_case_just_shown_is_quoted_first(shared_e5_bot):
    _, named = shared_e5_bot.converse(["都城市の取り組みは？", "開発したものの名前は？"])
    assert cases(named)[:1] == ["宮崎県都城市"] and "zevo" in named.citations[0].passage


@pytest.mark.parametrize("history, question", [
    ([], "宮崎県は何に使っている？"),
    (["佐賀県ではどんな用途で使われた？"], "じゃあ宮崎県は？"),
    ([], "What does Miyazaki Prefecture use it for?"),
])
def test_a_use_the_case_says_is_not_made_public_is_what_it_says_of_its_use(shared_e5_bot, history, question):
    # 宮崎県 states no use, but says 「具体的な試験運用の内容については明らかにされていません」
    answer = shared_e5_bot.ask(question, history=history)
    assert cases(answer)[:1] == ["宮崎県"] and "明らかにされていません" in answer.citations[0].passage
    # a case that states its uses still quotes them
    saga = shared_e5_bot.ask("佐賀県ではどんな用途で使われた？")
    assert "行政文書のたたき台" in saga.citations[0].passage


@pytest.mark.parametrize("history, question", [
    (["試験期間が2カ月の事例は？", "関東だけ"], "どんなツールを使っている？"),
    ([], "練馬区はどんなツールを使っている？"),
])
def test_what_kind_of_tool_asks_for_its_name_not_its_uses(shared_e5_bot, history, question):
    answer = shared_e5_bot.ask(question, history=history)
    assert cases(answer)[:1] == ["東京都練馬区"]
    lead = next(line for line in answer.text.splitlines() if line.startswith("練馬区："))
    assert "LoGo" in lead           # the lead line names the tool, not what it is used for


@pytest.mark.parametrize("first, who, partner", [
    ("Tell me about Kuwana.", "Who are they collaborating with?", "メンタルコンパス"),
    ("What is Iga doing?", "Who is it working with?", "FIXER"),
])
def test_who_a_case_works_with_asks_for_a_company(shared_e5_bot, first, who, partner):
    """"Who is it working with?" asked only for a person: the quote was whatever sentence named
    one, not the partner company's."""
    _, answer = shared_e5_bot.converse([first, who])
    assert any(partner in c.passage for c in answer.citations[:3])


def test_the_number_of_a_list_item_is_not_a_figure(shared_e5_bot):
    """NFKC reads 「③個人・秘匿情報の入力禁止」 as 「3個人…」: 3 個, a count. "How many are there?"
    of 宮城県's principles quoted items ③ ④ ⑤, not 「5原則」."""
    from chatbot.qa.evidence.sentences import holds, typed_text
    from core.knowledge import knowledge

    k = knowledge()
    count = next(t for t in k.questions.answer_types if t.name == "count")
    assert not holds(count, typed_text("③個人・秘匿情報の入力禁止"), k)
    assert holds(count, typed_text("業務で活用する場合の5原則をまとめました。"), k)
    _, many = shared_e5_bot.converse(["宮城県の原則は？", "いくつある？"])
    assert "5原則" in many.citations[0].passage
