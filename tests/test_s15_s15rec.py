"""List recall (issue 16): the words that say how a thing is asked — a question's verbs and the
verb's 連用形 nouns it writes (「議事録づくり」's 作り, 「…を狙いにしている」's 狙い) — weigh as verbs and
at most half its nouns' mean weight, so the nouns decide which sentences support a "which …"
list. Before, a verb no case writes (良くする, 狙う, 届ける) weighed as much as the rarest noun and
the cases that say 「市民サービスの向上を目指す」 held less than half of 「住民へのサービスを良くする
ことも狙っている」. A question with one noun keeps its verb's weight (「文章をわかりやすくする」:
文章 alone is no answer). Questions from the tuning sets (tests/qa/tune/open_lists*.jsonl). On the real
article, the real e5 model and a real Chroma, through `Chatbot` and `chatbot ask --json`."""
from __future__ import annotations

import json

import pytest

from chatbot.qa.evidence.how_said import capped_verbs, how_words
from test_cli import run


def cases(answer):
    return {c.case for c in answer.citations}


def test_a_verbs_noun_is_how_it_is_asked():
    assert {"作り", "狙い"} <= how_words([("議事",), ("作り",), ("狙い",)], frozenset({"進める"}))
    assert not {"議事", "住民"} & how_words([("議事",), ("住民", "市民")], frozenset())


def test_verbs_weigh_at_most_half_the_nouns_mean():
    weighted = [(("住民",), 2.0), (("サービス",), 1.0), (("狙う",), 2.5)]
    assert capped_verbs(weighted, frozenset({"狙う"}), 0.5) == [(("住民",), 2.0), (("サービス",), 1.0), (("狙う",), 0.75)]
    # one noun alone says what it asks through its verb too; verbs alone are all it says
    one = [(("文章",), 0.5), (("分かる",), 2.0)]
    assert capped_verbs(one, frozenset({"分かる"}), 0.5) == one
    assert capped_verbs([(("狙う",), 2.0)], frozenset({"狙う"}), 0.5) == [(("狙う",), 2.0)]


@pytest.mark.model
def test_a_verb_no_case_writes_does_not_outweigh_the_nouns(shared_e5_bot):
    # the cases write 「市民サービスの向上を目指す」, 「区民サービスを向上できるように」
    got = cases(shared_e5_bot.ask("住民へのサービスを良くすることも狙っている自治体は？"))
    assert {"熊本県熊本市", "千葉県庁", "東京都江戸川区", "栃木県庁"} <= got
    assert "沖縄県那覇市" in cases(shared_e5_bot.ask("人のぬくもりが感じられる住民サービスを届けたいとしている自治体は？"))


@pytest.mark.model
def test_an_english_verb_does_not_outweigh_the_nouns(shared_e5_bot):
    # "running … as a research project": 出る (for "running") no case writes; 都城市 writes 調査研究
    assert "宮崎県都城市" in cases(shared_e5_bot.ask("Which cases are running ChatGPT as a research project?"))


@pytest.mark.model
def test_ask_json_lists_the_cases_whose_nouns_it_asks(e5_index_dir):
    p = run("--data-dir", str(e5_index_dir), "ask", "人のぬくもりが感じられる住民サービスを届けたいとしている自治体は？", "--json")
    a = json.loads(p.stdout)
    assert "沖縄県那覇市" in {c["case"] for c in a["citations"]}
