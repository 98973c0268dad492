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
