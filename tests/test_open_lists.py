"""Issue 16 and issue 21 (item 1): lists over any topic, decided sentence by sentence, each case
quoted with the sentence that makes it qualify; details of any kind — on the real article, the
real e5 model and a real Chroma, through `Chatbot` and through `chatbot ask --json`."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from chatbot.tools.faithful import faithful
from conftest import ROOT

pytestmark = pytest.mark.model
CHATBOT = str(Path(sys.executable).parent / "chatbot")
SURVEYS = {"滋賀県", "東京都練馬区", "群馬県藤岡市", "広島県", "新潟県新潟市"}


def cases(answer):
    return {c.case for c in answer.citations}


def ask_json(index_dir: Path, question: str) -> dict:
    env = {**os.environ, "CHATBOT_DATA_DIR": str(index_dir)}
    p = subprocess.run([CHATBOT, "ask", "--json", question], capture_output=True, text=True, env=env,
                       cwd=ROOT, timeout=600)
    assert p.returncode == 0, p.stderr
    return json.loads(p.stdout)


def test_two_wordings_of_one_question_list_the_same_cases(shared_e5_bot, e5_index_dir):
    plain = shared_e5_bot.ask("職員アンケートを実施する自治体は？")
    other = shared_e5_bot.ask("アンケートで効果や利用状況を確かめる自治体は？")
    assert cases(plain) == cases(other) == SURVEYS
    assert {c["case"] for c in ask_json(e5_index_dir, "アンケートで効果や利用状況を確かめる自治体は？")
            ["citations"]} == SURVEYS


@pytest.mark.parametrize("question, word", [
    ("無償トライアルを利用する、または提供する事例は？", "無償"),         # narrower than 'Trial / pilot'
    ("ガイドラインを一部訂正した県は？", "訂正"),                        # narrower than 'Guidelines'
    ("Which cases mention DX?", "DX"),                                   # no facet at all
    ("音声を使う仕組みが出てくる事例は？", "音声"),
])
def test_a_list_holds_the_cases_that_say_it_and_quotes_why(shared_e5_bot, question, word):
    answer = shared_e5_bot.ask(question)
    assert answer.kind == "list" and answer.citations
    trials = sum("status.trial" in f for f in shared_e5_bot.retriever().facets.values())
    assert len(answer.citations) < trials                 # never the broad facet's whole list
    for c in answer.citations:
        assert word in c.passage                          # the sentence that makes it qualify
        assert c.why and c.why.startswith(("words:", "facet:"))


def test_a_narrower_question_than_its_facet_keeps_to_it(shared_e5_bot, e5_index_dir):
    assert cases(shared_e5_bot.ask("ガイドラインを一部訂正した県は？")) == {"千葉県庁"}
    data = ask_json(e5_index_dir, "無償トライアルを利用する、または提供する事例は？")
    assert {c["case"] for c in data["citations"]} == {"大阪府門真市", "宮崎県都城市"}
    assert all("words:" in c["why"] for c in data["citations"])


def test_a_label_word_few_of_the_facets_cases_write_narrows_it(shared_e5_bot):
    """Issue 16: 「誤字脱字」 is one word of 'proofreading''s label, written by two of its six
    cases: those two, not every rewriting; 「翻訳や多言語」 asks the facet by a word most of its
    cases write (翻訳), so its few 多言語 cases do not narrow it."""
    answer = shared_e5_bot.ask("誤字脱字を見つけるのに生成AIを使う自治体は？")
    assert cases(answer) == {"福島県庁", "大阪府大阪市"}
    assert all("誤字" in c.passage for c in answer.citations)
    assert len(cases(shared_e5_bot.ask("翻訳や多言語対応に取り入れた自治体は？"))) >= 7


def test_a_facet_list_quotes_the_facets_own_sentence(shared_e5_bot, e5_index_dir):
    answer = shared_e5_bot.ask("Who uses Azure OpenAI Service?")
    assert {c.case for c in answer.citations} == {"茨城県庁", "東京都千代田区"}
    by_title = {c.title: c for c in shared_e5_bot.retriever().cases.values()}
    for c in answer.citations:
        assert "Azure" in c.passage and c.why == "facet:vendor.azure_openai"
        assert faithful(c.why, c.passage, by_title[c.case].sentences)
    data = ask_json(e5_index_dir, "Azure OpenAI Serviceを使っている自治体は？")
    assert all("Azure" in c["passage"] for c in data["citations"])


def test_faithfulness_catches_a_substituted_quote(shared_e5_bot):
    """The eval's check is not a tautology: a sentence of the case that does not hold the facet
    fails it."""
    case = next(c for c in shared_e5_bot.retriever().cases.values() if c.title == "茨城県庁")
    azure = next(s for s in case.sentences if "Azure" in s)
    other = next(s for s in case.sentences if "Azure" not in s and "DX" in s)
    assert faithful("facet:vendor.azure_openai", azure, case.sentences)
    assert not faithful("facet:vendor.azure_openai", other, case.sentences)
    assert not faithful("words:azure", other, case.sentences)


def test_a_topic_the_article_never_names_is_not_answered(shared_e5_bot):
    for question in ("職員採用の面接や選考にChatGPTを使っている自治体はどこですか？",
                     "Which local government has put ChatGPT to work in its public libraries?"):
        assert not shared_e5_bot.ask(question).citations


def test_next_months_new_topics_are_listed_and_detailed(next_month_e5_dir, e5):
    from chatbot import Chatbot
    from chatbot.settings import Settings

    bot = Chatbot(Settings(data_dir=next_month_e5_dir), embeddings=e5)
    care = bot.ask("介護の分野で活用している事例は？")
    assert {"秋田県横手市", "神奈川県藤沢市"} <= cases(care)
    assert all("介護" in c.passage or "ケアマネ" in c.passage for c in care.citations)
    taxes = ask_json(next_month_e5_dir, "Which cases put generative AI to work on local taxes?")
    assert {c["case"] for c in taxes["citations"]} >= {"岐阜県大垣市"}
    # asked how much quicker: the case states minutes, and its sentence is quoted
    quicker = bot.ask("How much quicker has writing up care-assessment notes become in Yokote?")
    assert cases(quicker) == {"秋田県横手市"} and "約10分" in quicker.text


def test_a_word_the_article_never_writes_is_read_as_its_nearest_synonym(shared_e5_bot):
    """「心配」 is not in the article; JMdict's nearest synonym 「懸念」 is, so the question is
    answered from the sentences that say it instead of being told there is no such case. A
    looser synonym (違反 → 侵害 shares two glosses) is not taken: 「罰則」 stays unanswered."""
    from core import dictionary

    assert "懸念" in dictionary.synonyms("心配") and "侵害" not in dictionary.synonyms("違反")
    worry = shared_e5_bot.ask("情報漏えいや情報流出の心配に触れている事例は？")
    assert {"新潟県長岡市", "東京都庁"} <= cases(worry)
    assert all("懸念" in c.passage or "漏" in c.passage for c in worry.citations)
    assert not shared_e5_bot.ask("ChatGPTの利用ルールに違反した職員への罰則や処分を定めている自治体はありますか？").citations


@pytest.mark.model
def test_a_facet_asked_by_its_own_name_keeps_every_case_it_matches(shared_e5_bot):
    """つくば市 writes 「ロゴチャット」 and 熊本市 「実証実験」: the facet's cue matches them, so a
    question that names the facet lists them (the sentences that spell the question's words
    literally must not replace the facet's list)."""
    for q in ("LoGoチャットを使っている自治体は？", "How many municipalities use LoGo Chat?"):
        cases = {c.case for c in shared_e5_bot.ask(q).citations}
        assert cases == {"大阪府門真市", "東京都練馬区", "茨城県つくば市"}, (q, cases)
    kyushu = {c.case for c in shared_e5_bot.ask("試験導入を始めた九州の自治体は？").citations}
    assert {"熊本県熊本市", "沖縄県那覇市", "佐賀県", "宮崎県"} <= kyushu


def test_dictionary_lookups_start_from_the_word_not_from_every_gloss():
    """Each lookup runs on every question with a word the glossary lacks: it must search by the
    word's own index (a scan of the English-gloss index took ≈140 ms a word, 0.5 s a question)."""
    from core import dictionary

    plans = dictionary.plans()
    if not plans:
        pytest.skip("jamdict-data is not installed")
    gloss, senses, kana = plans
    assert "SenseGloss_text" in gloss and "SenseGloss_lang" not in gloss, gloss
    assert senses.startswith("SEARCH k USING INDEX Kanji_text"), senses
    assert "SenseGloss_lang" not in senses, senses
    assert kana.startswith("SEARCH k USING INDEX Kana_text") and "SenseGloss_lang" not in kana, kana


def test_an_english_verb_is_looked_up_as_a_verb():
    """JMdict glosses verbs "to …": a verb the glossary lacks ("collect", "worried") is found."""
    from core import dictionary

    assert "集める" in dictionary.verbs("collect") and "集める" not in dictionary.japanese("collect")
    assert dictionary.verbs("worried") == dictionary.verbs("worry") != ()
    assert dictionary.verbs("to stop") == ()


@pytest.mark.parametrize("question, case", [
    # 飯島町: 「どのような質問にどのような回答が返るかのデータを蓄積します」 — "collect" and
    # "come back" are verbs no glossary entry knows: they no longer weigh as the rarest word
    ("Which cases collect data on what answers come back to which questions?", "長野県飯島町"),
    ("Which case mentions residents being worried about the AI?", "東京都庁"),
    # "added" and "asked" are forms JMdict does not know in any form: they weighed as the rarest
    # word and emptied the list. 長野県庁 「既に県庁で導入している…サービス「ログミーツ」の追加機能」
    ("Which cases added ChatGPT to a tool their staff were already using?", "長野県庁"),
    # 横須賀市 「返答内容については、「常に適切だった」と「おおむね適切だった」の合計が55.8%」
    ("Which city asked staff how often ChatGPT's replies were appropriate?", "神奈川県横須賀市"),
])
def test_an_english_list_with_verbs_the_glossary_lacks_is_not_no_such_case(shared_e5_bot, question, case):
    answer = shared_e5_bot.ask(question)
    assert answer.kind == "list" and case in cases(answer)


def test_an_adverb_the_article_never_writes_does_not_empty_a_list(shared_e5_bot):
    """「まだ」 (未だ) is how things stand, not what a case says: the article never writes it, and
    it weighed as the rarest word, leaving no case. 新潟県 「どのような業務に活用するかは明らか
    にされていません」, 福井県 and 宮崎県 say the same."""
    answer = shared_e5_bot.ask("何に使うのかがまだ明らかになっていない事例は？")
    assert answer.kind == "list" and {"新潟県", "福井県", "宮崎県"} <= cases(answer)


def test_one_of_two_english_words_joined_by_or_may_be_missing(shared_e5_bot):
    """"slogans or catchphrases": the article writes キャッチコピー (滋賀県 「イベントのキャッチコピー
    案作成」), never a word for "catchphrases", which weighed as the rarest word and left no case.
    Either word is the question; when neither is written, no case answers."""
    assert cases(shared_e5_bot.ask("Which cases use ChatGPT to come up with slogans or catchphrases?")) == {"滋賀県"}
    assert not shared_e5_bot.ask("Which cases use generative AI in hospitals or for healthcare?").citations


def test_a_facet_cue_few_of_its_cases_say_narrows_the_list_to_them(shared_e5_bot):
    """「条例」 is a cue of 'Guidelines / usage rules' (26 cases), but only 神戸市 writes 条例 and
    飯島町 規則: the question asks for those, not for every case with a guideline."""
    answer = shared_e5_bot.ask("生成AIの利用に条例や規則が関わる事例は？")
    assert cases(answer) == {"兵庫県神戸市", "長野県飯島町"}
    assert all("条例" in c.passage or "規則" in c.passage for c in answer.citations)


def test_a_topic_left_out_is_not_the_topic_asked(shared_e5_bot):
    """「アンケート以外のやり方で」 leaves the questionnaires out: it is not a question about them
    (it listed the five questionnaire cases); 笠間市 「職員の意見を集約」 says the rest. A place
    left out stays a place: 「東京都以外」 keeps the SNS question's other case."""
    other = shared_e5_bot.ask("アンケート以外のやり方で職員の意見を集める自治体は？")
    assert "茨城県笹間市" in cases(other) and not cases(other) & SURVEYS
    assert cases(shared_e5_bot.ask("東京都以外でSNSに触れている事例は？")) == {"茨城県笹間市"}


def test_an_english_phrase_the_dictionary_knows_stands_for_its_words(shared_e5_bot):
    """"press conference" is 記者会見 (青森県 「定例記者会見」, 鳥取県 「記者会見で発表」), not the
    glossary's 報道 for "press" (古賀市's 報道番組), which weighed as the rarest word and left no
    case; "news programme" (報道番組) keeps 報道."""
    press = shared_e5_bot.ask("Which prefectures announced their plans at a press conference?")
    assert {"青森県", "鳥取県"} <= cases(press) and "福岡県古賀市" not in cases(press)
    assert cases(shared_e5_bot.ask("Which city was featured on a TV news programme?")) == {"福岡県古賀市"}


def test_an_empty_list_falls_back_to_the_nearest_sentence_that_holds_its_words(shared_e5_bot):
    # the article writes 「報道番組」, never テレビ: the strict share misses, yet that sentence is the
    # scope's nearest in meaning and holds 番組 — listed, not "no such case"
    answer = shared_e5_bot.ask("テレビ番組で取り上げられた自治体は？")
    assert cases(answer) == {"福岡県古賀市"}
    assert all("番組" in c.passage and c.why.startswith("words:") for c in answer.citations)
    # a near sentence that holds too little of the question (費用, not 金額 or 公表) is no answer
    assert not shared_e5_bot.ask("ChatGPT導入にかかった費用の金額を公表している自治体はどこですか？").citations


def test_a_japanese_list_whose_missing_words_are_a_paraphrase_is_not_no_such_case(shared_e5_bot):
    # 「専門のチームを作った」: the article writes 「AI活用検討チーム」を設置 — 専門 and 作る are the
    # question's paraphrase, every word of it is one the article writes: the nearest sentence
    # that holds チーム is listed, not "no such case"
    answer = shared_e5_bot.ask("ChatGPTの活用のために専門のチームを作った県は？")
    assert "山口県" in cases(answer)
    assert all("チーム" in c.passage and c.why.startswith("words:") for c in answer.citations)
    assert {"新潟県新潟市", "神奈川県横須賀市"} <= cases(shared_e5_bot.ask("職員のスキルや意識を高めることも狙いにしている事例は？"))
    # a topic no case writes (人事) is still no case, whatever a near sentence says of 評価
    assert not shared_e5_bot.ask("職員の人事評価にChatGPTを使っている事例は？").citations


def test_a_compound_verb_is_read_as_the_noun_the_article_writes(shared_e5_bot):
    """「見直したり」: Sudachi's mode A splits 見直す into 見 + 直し, both auxiliary-like, so the
    word vanished from the question and 千葉県庁 (「ガイドラインの見直し」) and 滋賀県 (「方針の
    見直し」) were left out; it is read whole, as the noun 見直し the article writes."""
    answer = shared_e5_bot.ask("ガイドラインや方針を見直したり更新したりする予定の事例は？")
    assert cases(answer) == {"千葉県庁", "滋賀県", "東京都練馬区", "栃木県庁"}
    assert all("見直し" in c.passage or "更新" in c.passage for c in answer.citations)
    # a two-character noun is a compound's end (鳥取県's 「ヒント集め」), not "collecting"
    assert "鳥取県" not in cases(shared_e5_bot.ask("アンケート以外のやり方で職員の意見を集める自治体は？"))


def test_a_facet_far_broader_than_the_question_gives_way_to_its_words(shared_e5_bot):
    """"letters of thanks" names 'Drafting documents' through "draft", but that facet's words are a
    small part of the question: the cases whose sentences say 感謝 answer it, not the facet's 21."""
    answer = shared_e5_bot.ask("Which case uses ChatGPT to draft letters of thanks?")
    drafting = sum("use.drafting" in f for f in shared_e5_bot.retriever().facets.values())
    assert "福島県庁" in cases(answer) and len(answer.citations) < drafting / 2
    fukushima = next(c for c in answer.citations if c.case == "福島県庁")
    assert "感謝状" in fukushima.passage
    # a facet asked by a phrase whose words the question reader does not keep (「県内で初めて」)
    # still covers the question
    assert cases(shared_e5_bot.ask("県内で初めて導入した市は？")) == {"福井県越前市", "静岡県島田市"}


def test_two_english_words_are_the_compound_the_article_writes(shared_e5_bot):
    """"digital strategy": neither the dictionary (for the phrase) nor the glossary (for its
    words) knows it, and デジタル with any 対策 (the dictionary's word for "strategy") was ten
    cases; the article writes デジタル戦略 (日光市, 愛媛県), so the words count only written so."""
    answer = shared_e5_bot.ask("Which cases mention a digital strategy?")
    assert cases(answer) == {"栃木県日光市", "愛媛県"}
    assert all("デジタル戦略" in c.passage for c in answer.citations)


def test_a_compound_written_word_for_word_joins_the_facets_list(shared_e5_bot, e5_index_dir):
    # 'Schools / education' does not name 東京都庁, whose sentence writes 「学校職員を含む約5万人」
    answer = shared_e5_bot.ask("学校職員も使える自治体は？")
    assert {"東京都庁", "文部科学省"} <= cases(answer)
    tokyo = next(c for c in answer.citations if c.case == "東京都庁")
    assert "学校職員" in tokyo.passage and faithful(tokyo.why, tokyo.passage, ()) is True
    assert "「学校・教育での利用」" not in answer.text      # no longer all of one facet: not named as one
    assert "東京都庁" in {c["case"] for c in ask_json(e5_index_dir, "学校職員も使える自治体は？")["citations"]}
    # a sentence that says it is not done is no evidence: 鳥取県 bans it for 「予算編成」
    assert "鳥取県" not in cases(shared_e5_bot.ask("予算編成に活用する予定なのはどこ？"))
    # a level word is the scope, not a compound asked for
    assert "長野県飯島町" not in cases(shared_e5_bot.ask(
        "個人情報の入力を禁止・制限している市区町村（市・区・町）をすべて挙げてください。"))


def test_a_listed_case_says_why_it_is_listed_in_the_answers_language(shared_e5_bot, e5_index_dir):
    from chatbot.web import views

    ja = shared_e5_bot.ask("学校職員も使える自治体は？")
    by_case = {c.case: c.reason for c in ja.citations}
    assert by_case["文部科学省"] == "『学校・教育での利用』に当たる記述"
    assert by_case["東京都庁"].startswith("質問の語（") and "学校" in by_case["東京都庁"]
    html = views.sources_html(ja, views.served_cases(shared_e5_bot))
    assert "該当理由：『学校・教育での利用』に当たる記述" in html
    en = shared_e5_bot.ask("Which prefectures ban entering personal information?")
    assert en.citations and all(c.reason == "states 'No personal data input'" for c in en.citations)
    assert "Listed because it states" in views.sources_html(en)
    # a case listed because the scope names it needs no reason; a fact quotes none
    assert not any(c.reason for c in shared_e5_bot.ask("中国地方の事例は？").citations)
    assert not any(c.reason for c in shared_e5_bot.ask("厚木市はどれくらい業務時間を短縮できましたか？").citations)
    figure = ask_json(e5_index_dir, "5千人以上の職員が使える自治体は？")["citations"]
    assert figure and all(c["reason"] == "条件の数値を記載" for c in figure)


def test_a_number_is_never_the_dictionarys_word_for_an_english_one(shared_e5_bot):
    # JMdict glosses 「蟻が十匹」 (a pun) with "thanks": its 10 is no word for it, so the cases
    # that write 「10分」 or 「10月」 are not letters of thanks
    assert cases(shared_e5_bot.ask("Which cases use ChatGPT to draft letters of thanks?")) == {"福島県庁"}


def test_one_of_two_words_as_rare_is_not_what_a_list_asks(shared_e5_bot):
    # 「作業が早くなったという報告」: 作業 and 報告 weigh the same — a sentence that writes only one of
    # them (「使用報告を求めており」, 「改訂作業の負担軽減」) holds half of the question, not what it asks
    answer = shared_e5_bot.ask("使ってみて作業が早くなったという報告がある事例は？")
    assert cases(answer) == {"新潟県長岡市"}
    assert all("作業" in c.passage and "報告" in c.passage for c in answer.citations)


def test_a_verb_that_only_says_it_was_done_does_not_narrow_a_facet(shared_e5_bot):
    """「作った」「決めた」 say the guidelines were made: the article writes 策定, 作成, 定める (one
    case writes 作った), so the list is the facet's, as for 「策定した」; a verb the article
    writes as a noun (見直す → 見直し) still narrows it."""
    made = cases(shared_e5_bot.ask("ガイドラインを作った自治体は？"))
    assert len(made) > 20 and made == cases(shared_e5_bot.ask("ガイドラインを策定した自治体は？"))
    assert cases(shared_e5_bot.ask("利用ルールを決めた自治体はどこ？")) == made
    assert cases(shared_e5_bot.ask("ガイドラインを見直す予定の自治体は？")) == {"千葉県庁", "滋賀県"}


def test_english_filler_words_are_no_topic_the_cases_lack(shared_e5_bot):
    """"among", "trying", "got" and "both" name nothing a case holds: they weighed like the rarest
    word of the question and left "Among the prefectures, which are trying … summaries?" empty."""
    summaries = cases(shared_e5_bot.ask("Which prefectures use ChatGPT for summaries?"))
    assert len(summaries) > 5
    assert cases(shared_e5_bot.ask("Among the prefectures, which are trying ChatGPT for summaries?")) == summaries


def test_both_of_two_facets_lists_the_cases_with_each(shared_e5_bot):
    """"both summarising and translating", 「要約と翻訳の両方」: the cases with both facets, not
    every case of the rarer one."""
    summaries = cases(shared_e5_bot.ask("Which cases use ChatGPT for summarising?"))
    translations = cases(shared_e5_bot.ask("Which cases use ChatGPT for translation?"))
    both = summaries & translations
    assert both and both != translations
    assert cases(shared_e5_bot.ask("Which ones use it for both summarising and translating?")) == both
    assert cases(shared_e5_bot.ask("要約と翻訳の両方に使っている自治体は？")) == both


def test_a_scope_does_not_change_which_facet_a_list_is_of(shared_e5_bot):
    """'rules against entering personal data' names the guidelines and the ban: the ban, rarer in
    the article, is the list — in the cities too, where fewer cases state the guidelines (the
    guidelines' list had left out 枚方市, 高崎市, 笠間市 and 都城市 and added 富士市)."""
    everywhere = cases(shared_e5_bot.ask("Which cases have rules against entering personal data?"))
    cities = {c for c in everywhere if c.endswith("市")}
    assert {"大阪府枚方市", "群馬県高崎市"} <= cities
    assert cases(shared_e5_bot.ask("Which of the cities have got rules against entering personal data?")) == cities


def test_an_english_function_word_is_not_a_topic_the_cases_must_write(shared_e5_bot):
    # "behind" is a preposition; read as the dictionary's 尻/後ろ it made every sentence lack a
    # word, and the list fell back to 27 loosely matching cases
    behind = shared_e5_bot.ask("Which rules tell staff to confirm the grounds or the supporting evidence "
                               "behind an AI answer?")
    of = shared_e5_bot.ask("Which rules tell staff to confirm the grounds or the supporting evidence "
                           "of an AI answer?")
    assert cases(behind) == cases(of) == {"山口県", "群馬県藤岡市"}
    by_title = {c.title: c for c in shared_e5_bot.retriever().cases.values()}
    for c in behind.citations:
        assert faithful(c.why, c.passage, by_title[c.case].sentences)
