"""Issue 16 on an eighth next-month article (tests/qa/tune/next_month8_article.txt): "which …"
lists over cases on topics no knowledge file names, several of them sharing a topic in other
words — decided by the question's own words, each case cited with its sentence. Real e5 model,
real Chroma."""

import pytest

from conftest import bot_over

pytestmark = pytest.mark.model

INQUIRIES = {"福井県越前市", "大阪府枚方市", "香川県三豊市", "埼玉県越谷市", "大阪府吹田市", "宮崎県日向市"}


@pytest.fixture(scope="module")
def bot(next_month8_e5_dir, e5):
    return bot_over(next_month8_e5_dir, e5)


def cases(answer):
    return {c.case for c in answer.citations}


def test_an_adverb_does_not_narrow_a_facets_list(bot):
    # 直接 says how the AI answers, not what: the list is every case that answers residents'
    # inquiries, not 伊賀市's 「市民への直接のサービスは対象外」 (which says it does not)
    answer = bot.ask("住民からの問い合わせにAIが直接答える仕組みを作った自治体は？")
    assert INQUIRIES <= cases(answer)


def test_a_noun_made_a_verb_the_article_never_writes_is_how_it_is_asked(bot):
    # 「やりとりする」, which no case writes, says how; 音声 is what the cases must say (and
    # 遣り取り is no 遣る of 松阪市's 「やり方」)
    answer = bot.ask("音声でやりとりするAIの事例は？")
    assert {"埼玉県越谷市", "大阪府吹田市", "香川県三豊市"} <= cases(answer)
    assert "三重県松阪市" not in cases(answer)
    assert all("音声" in c.passage for c in answer.citations)
