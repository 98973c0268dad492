"""Issue 16: list questions in everyday wording that the reading must not mistake — 「よくある質問」
is FAQ, a topic (facets.toml's 'Answering inquiries' reads it so), not "what is common" — through
`Chatbot`."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


def cases(answer):
    return {c.case for c in answer.citations}


def test_a_frequently_asked_question_is_a_topic_not_a_tally(shared_e5_bot):
    answer = shared_e5_bot.ask("よくある質問（FAQ）を作るのにAIを使う自治体は？")
    assert answer.kind == "list" and answer.table is None
    assert {"大阪府枚方市", "東京都庁"} <= cases(answer)
    assert len(answer.citations) < 10                 # not every case of a tally


def test_what_is_common_is_still_a_tally(shared_e5_bot):
    assert shared_e5_bot.ask("よくある使い方は？").table is not None
