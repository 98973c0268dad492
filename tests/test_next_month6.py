"""Issue 16 on a sixth next-month article (tests/qa/tune/next_month6_article.txt): lists about
cases on topics no knowledge file names, asked in English words the dictionary reads as the
article's own. Real e5 model, real Chroma."""

import pytest

from conftest import bot_over

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def bot(next_month6_e5_dir, e5):
    return bot_over(next_month6_e5_dir, e5)


def cases(answer):
    return [c.case for c in answer.citations]


def test_a_facet_named_by_a_word_of_a_phrase_that_means_something_else_is_set_aside(bot):
    # "family registers" is 戸籍 (JMdict), not 'Application required' for "register": the list is
    # the case whose sentences say 戸籍 and 振り仮名, not every case where staff apply or register
    answer = bot.ask("Which cities use AI to answer questions about the new furigana entries in family registers?")
    assert cases(answer) == ["埼玉県所沢市"]
    assert "振り仮名" in answer.citations[0].passage


def test_a_facet_named_by_the_whole_phrase_still_lists_its_cases(shared_e5_bot):
    # "personal data" is what 'No personal information' is asked by: the phrase is the facet
    answer = shared_e5_bot.ask("Which cities forbid putting personal data into ChatGPT?")
    assert len(cases(answer)) > 5


def test_a_dictionary_word_with_a_one_character_token_is_read_whole_where_the_article_writes_it(bot):
    # "historical documents" is JMdict's 古文書, tokens 古 and 文書: the article writes it whole,
    # so it stands for 古 and 文書 together, not for 文書 alone (in every case that writes a 文書)
    answer = bot.ask("Which cases use AI on historical documents for a city history?")
    assert cases(answer) == ["山口県萩市"]
    assert "古文書" in answer.citations[0].passage


def test_a_company_asked_of_a_case_whose_only_quote_is_a_title_is_not_stated(bot):
    # 「浜だより」 (a newsletter's title, in kanji and kana) is no company or service, and 漁業者
    # (fishermen) is no 業者 (a vendor): 函館市 names none and says nothing of one
    answer = bot.ask("函館市が使っている生成AIはどこの会社のものですか？")
    assert not answer.citations
    assert "函館市" in answer.text and "記述はありません" in answer.text


def test_documents_counted_with_their_counter_are_quoted_for_how_many(bot):
    # 「約1,200点が対象」: 点 counts documents (as 件 counts cases), so the sentence holds the number asked
    answer = bot.ask("How many historical documents are covered by Hagi's modern-Japanese translation work?")
    assert "1,200点" in answer.text
