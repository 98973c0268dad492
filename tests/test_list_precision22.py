"""Issue 16, list precision: no case in a "which …" list whose sentence does not say what was
asked — one rare word in common with a question of three nouns, a kind of the facet's thing the
article never writes (「採用試験」 is not any 試験), another organisation's first told in a case's
sentence. On the real article, the real e5 model and a real Chroma, through `Chatbot` and through
`chatbot ask --json`."""
from __future__ import annotations

import pytest

from conftest import ask_json
from conftest import cited as cases
from core.facets import extract_facets

FIRSTS = {"神奈川県横須賀市", "兵庫県神戸市", "宮崎県都城市", "大阪府大阪市"}


def test_a_case_another_follows_is_no_facet_of_the_follower():
    # 松阪市 tells of 横須賀市's first, which it studies: not 松阪市's own first
    hits = extract_facets(("神奈川県横須賀市が全国の自治体で初めて導入した事例を参考に、市政改革課では導入の効果を"
                           "十分検証すると述べています。",))
    assert not {h.key for h in hits} & {"info.first_nationwide", "info.first"}
    # its own first still is one
    hits = extract_facets(("この協定は日本の自治体としては初めてのもので、議事録作成で生成AIを使用する予定です。",))
    assert "info.first_nationwide" in {h.key for h in hits}


@pytest.mark.model
def test_the_firsts_in_japan_are_the_cases_own(shared_e5_bot):
    assert cases(shared_e5_bot.ask("全国で初めての取り組みとされる事例は？")) == FIRSTS
    assert cases(shared_e5_bot.ask("Which cases claim to be the first in Japan?")) == FIRSTS


@pytest.mark.model
def test_a_kind_of_the_facets_thing_no_case_writes_is_no_case(shared_e5_bot):
    # 「採用試験」 names 'Trial / pilot' through 試験; 茨城県's 「Azure…を採用して」 is no hiring exam
    assert cases(shared_e5_bot.ask("採用試験にChatGPTを使っている自治体は？")) == set()
    # a kind the article writes is still listed (藤岡市's 「議会答弁の作成」)
    assert cases(shared_e5_bot.ask("議会答弁の作成に使う自治体は？")) == {"群馬県藤岡市"}


@pytest.mark.model
def test_the_rarest_word_alone_is_one_word_in_common(shared_e5_bot):
    # 文部科学省's 「…意識を育てることが重要」 holds 重要 and neither a ban nor a decision
    assert cases(shared_e5_bot.ask("Which cases forbid using ChatGPT for important policy decisions?")) == {"鳥取県"}


@pytest.mark.model
def test_through_the_cli(e5_index_dir):
    data = ask_json(e5_index_dir, "全国で初めての取り組みとされる事例は？")
    assert {c["case"] for c in data["citations"]} == FIRSTS
    data = ask_json(e5_index_dir, "採用試験にChatGPTを使っている自治体は？")
    assert data["citations"] == []
