from ingest.parse import (LEVEL_MUNICIPALITY, LEVEL_NATIONAL, LEVEL_PREFECTURE, NoCasesError,
                          ParseError, organisation, parse_article, split_sentences)

from conftest import SEED

import pytest


@pytest.fixture(scope="module")
def article():
    return parse_article(SEED.read_text(encoding="utf-8"))


def test_seed_has_62_cases_in_order(article):
    assert len(article.cases) == 62
    assert [c.position for c in article.cases] == list(range(1, 63))
    assert article.cases[0].title == "農林水産省"
    assert article.cases[-1].title == "沖縄県那覇市"


def test_article_version_and_identity(article):
    assert article.version == "12月最新版"
    renamed = parse_article(SEED.read_text(encoding="utf-8").replace("【12月最新版】", "【1月最新版】")
                            .replace("62選", "63選"))
    assert renamed.version == "1月最新版"
    assert renamed.id == article.id   # same article across months


def test_regions_levels_and_prefectures(article):
    by_title = {c.title: c for c in article.cases}
    assert by_title["農林水産省"].region == "省庁" and by_title["農林水産省"].level == LEVEL_NATIONAL
    assert by_title["東京都庁"].id == "東京都" and by_title["東京都庁"].level == LEVEL_PREFECTURE
    assert by_title["宮崎県都城市"].prefecture == "宮崎県"
    assert by_title["宮崎県都城市"].level == LEVEL_MUNICIPALITY
    assert by_title["沖縄県那覇市"].region == "九州"
    regions = [c.region for c in article.cases]
    assert regions.count("関東") == 20 and "まとめ" not in regions


def test_case_keeps_quoted_list_and_source(article):
    miyagi = next(c for c in article.cases if c.title == "宮城県")
    assert "③個人・秘匿情報の入力禁止" in miyagi.sentences
    assert miyagi.source.startswith("参考:宮城県")
    tochigi = next(c for c in article.cases if c.title == "栃木県庁")
    assert tochigi.source.startswith("参考記事:")


def test_closing_sections_are_not_cases(article):
    assert all("本記事では" not in c.body and "ゴートマン" not in c.body for c in article.cases)


def test_sentences_do_not_split_inside_quotes():
    s = split_sentences("職員からは「とても使える。指示しやすい」という声。次の文。")
    assert s == ("職員からは「とても使える。指示しやすい」という声。", "次の文。")


def test_organisation_classification():
    assert organisation("神奈川県横須賀市") == ("神奈川県横須賀市", LEVEL_MUNICIPALITY, "神奈川県")
    assert organisation("山形県庁") == ("山形県", LEVEL_PREFECTURE, "山形県")
    assert organisation("デジタル庁")[1] == LEVEL_NATIONAL
    assert organisation("まとめ") is None
    assert organisation("引用:宮城県「生成AI活用5原則」") is None


def test_no_cases_and_duplicate_heading_are_errors():
    with pytest.raises(NoCasesError):
        parse_article("はじめに\n\nこの文書には事例がありません。\n")
    text = SEED.read_text(encoding="utf-8")
    block = text[text.index("神奈川県厚木市\n"):text.index("千葉県庁\n")]
    with pytest.raises(ParseError, match="same heading"):
        parse_article(text + "\n\n九州\n\n" + block)


def test_content_hash_ignores_position_and_title(article):
    text = SEED.read_text(encoding="utf-8").replace("【12月最新版】", "【1月最新版】")
    again = {c.id: c.content_hash for c in parse_article(text).cases}
    assert again == {c.id: c.content_hash for c in article.cases}
