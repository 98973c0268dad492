"""Issue 16: list questions in everyday wording — 「よくある質問」 is FAQ, a topic (facets.toml's
'Answering inquiries' reads it so), not "what is common"; a verb the article never writes reads
the kanji noun it writes for it (「増える」 → 増加) — through `Chatbot`."""
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


def test_a_verb_the_article_never_writes_reads_its_close_kanji_noun(shared_e5_bot):
    # 「増える」 is never written; the article says 増加 ("increase", e5 cosine .94): the list is of
    # the case that says so, not every case of 'Answering inquiries' that 問い合わせ names
    answer = shared_e5_bot.ask("住民からの問い合わせが増えていると書いている自治体は？")
    assert answer.kind == "list" and cases(answer) == {"大阪府枚方市"}
    assert "増加" in answer.citations[0].passage


def test_a_far_gloss_of_a_verb_is_not_read(shared_e5_bot):
    from chatbot.qa.read import read
    from chatbot.qa.retrieve import Filters

    words = read(shared_e5_bot.retriever(), "観光についての質問に答える事例は？", Filters(), None).words
    # 「答える」 "answer" glosses 返答 too, but e5 puts it at .90: いわき市's 「返答時間」 is no answer
    # about sightseeing
    assert not any("返答" in g for g in words.content)
