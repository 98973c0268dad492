"""Issue 17: a conversation's first list asked in other words than the article's (English
phrases the glossary reads as one word, 「…ているところは？」), and the follow-up built on it —
on the real article and the real e5 model, through `Chatbot`."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.model

FULL_2024 = {"大阪府大阪市", "新潟県新潟市"}     # 「2024年度からこの技術を本格運用」, 「2024年をめどに本格的な導入」


def cases(answer):
    return {c.case for c in answer.citations}


@pytest.mark.parametrize("q", ["Which places aim for full rollout in 2024?",
                               "Which places plan full use from 2024?"])
def test_a_glossary_phrase_stands_for_its_words_and_places_are_the_cases(shared_e5_bot, q):
    # "full" of "full rollout" is the glossary's 本格, not a word the cases lack; "places" asks
    # for cases, it is not 場面
    first, then = shared_e5_bot.converse([q, "Not Osaka."])
    assert cases(first) == FULL_2024
    assert cases(then) == {"新潟県新潟市"}


def test_words_that_ask_for_a_facet_in_other_words_do_not_narrow_it(shared_e5_bot):
    # 「外国語」 asks for translation; the article never writes it, and the 外国 of 三豊市's
    # 外国人 is no narrower topic: the list is the translation cases, then the cities of them
    first, cities = shared_e5_bot.converse(["外国語に訳すのに使っている自治体は？", "関東を除いて市だけ"])
    assert {"大阪府門真市", "兵庫県神戸市", "熊本県熊本市", "山形県庁", "静岡県"} <= cases(first)
    assert {"大阪府門真市", "兵庫県神戸市", "熊本県熊本市"} <= cases(cities)
    # 「外向けの文書には使わない」: the cases that keep it to internal use, not 伊賀市 alone (対象外)
    external = shared_e5_bot.ask("外向けの文書には使わないと決めている自治体は？")
    assert {"千葉県庁", "広島県", "山口県", "島根県"} <= cases(external)



def test_a_rare_word_reads_the_glossarys_rare_sibling_that_shares_its_kanji(shared_e5_bot):
    # 飯島町 「無料版と有料版の性能の違いも分析します」: 無償 / 有償 are the glossary's 無料 / 有料
    first, then = shared_e5_bot.converse(["無償版と有償版の差を調べている自治体は？", "どの部署で使っている？"])
    assert cases(first) == {"長野県飯島町"}
    assert cases(then) == {"長野県飯島町"} and "総務課" in then.text


def test_a_glossary_group_is_not_a_set_of_synonyms(shared_e5_bot):
    # SNS and 広報 are one English word's alternatives, not the same thing: no 広報資料 (埼玉県庁)
    assert "埼玉県庁" not in cases(shared_e5_bot.ask("SNSに触れている事例は？"))


def test_narrowing_keeps_the_facet_the_list_was_built_from(shared_e5_bot):
    # "draft greetings" names drafting and greetings; the list is of greetings (8 cases), and
    # narrowing it to Shizuoka keeps 島田市 (「あいさつ文の要約や修正」), which drafting lacks
    first, then = shared_e5_bot.converse(["Which places use it to draft greetings and speeches?",
                                          "Only those in Shizuoka."])
    assert {"静岡県", "静岡県富士市", "静岡県島田市"} <= cases(first)
    assert cases(then) == {"静岡県", "静岡県富士市", "静岡県島田市"}


def test_a_loanword_the_article_never_writes_is_read_as_its_english_word(shared_e5_bot):
    # ブロック is JMdict's "blocking", the glossary's アクセス / 制限: 鳥取県 「職員がChatGPTに
    # アクセスできないよう制限していました」 (no case before); its details follow
    # (「…ところは？」 is a which-question: a list, in the article's order, which also holds cases
    # writing 制限 alone — 福井県 「入力に制限」 — a precision the words alone cannot give)
    first, then = shared_e5_bot.converse(["ChatGPTを使えないようにブロックしていたところは？", "最初は何人から？"])
    assert "鳥取県" in {c.case for c in first.citations}
    assert "約30人" in then.text


@pytest.mark.parametrize("q", ["全職員が使えるようにしている事例は？", "Which places let every employee use it?"])
def test_every_member_of_staff_may_use_it_is_a_facet(shared_e5_bot, q):
    # 「全職員の端末で使用でき」, 「市職員全員が利用できる」, 「すべての職員を対象とした」 …: not
    # 新潟市's 「全職員から参加者を募り」 (participants) nor a count of staff (東京都の約5万人)
    first, then = shared_e5_bot.converse([q, "九州だけ"])
    assert cases(first) == {"青森県むつ市", "福島県庁", "滋賀県", "茨城県つくば市", "静岡県富士市", "佐賀県"}
    assert cases(then) == {"佐賀県"}


def test_a_meetings_record_is_its_minutes_not_a_usage_log(shared_e5_bot):
    # 「会議の記録」 is 議事録 / 会議録 (as "meeting records" is in the glossary), not 利用状況の記録
    first, then = shared_e5_bot.converse(["会議の記録づくりにAIを使っている自治体は？", "近畿だけに絞って"])
    assert cases(first) == {"青森県むつ市", "長野県庁", "大阪府大阪市", "三重県伊賀市", "兵庫県神戸市"}
    assert cases(then) == {"大阪府大阪市", "三重県伊賀市", "兵庫県神戸市"}
    assert {"静岡県", "鳥取県", "島根県"} <= cases(shared_e5_bot.ask("利用状況を記録させている自治体は？"))


def test_oneself_is_no_topic_the_cases_lack(shared_e5_bot):
    # 「自分で」, 「自分たちの」 say who, not what: the article never writes 自分, which made it
    # the question's heaviest word (つくば市: 市長が「ほぼ毎日」使う)
    first, then = shared_e5_bot.converse(["市長が自分で使っている事例は？", "何に使っている？"])
    assert "茨城県つくば市" in cases(first)
    assert then.citations[0].case == "茨城県つくば市"
