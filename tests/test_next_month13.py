"""Issue 16 on a thirteenth next-month article (tests/qa/tune/next_month13_article.txt), two
ways a question's word is read:

- a noun Sudachi reads whole with a one-kanji prefix (「中学校」 = 中 + 学校, 「小学校」) asks that
  kind of its head, not any 学校: the cases whose sentence writes it — whole, or with the prefix
  among several the head shares (「小中学校」) — not every case of 'Schools / education';
- a Japanese noun the article never writes (「妊婦」) is its word of the same root that few cases
  write and e5 finds as close (「妊娠」), not "no such case".

Through the reader, `Chatbot` and `chatbot ask --json`. Real e5 model, real Chroma."""

import json

import pytest

from chatbot.qa.evidence.compounds import _prefix_written
from chatbot.qa.read.words import prefix_nouns
from conftest import bot_over, cited
from test_cli import run


def test_prefixed_nouns_are_read_with_their_prefix():
    from core.knowledge import knowledge

    counting = knowledge().stopwords.count_prefixes         # stopwords.toml
    assert prefix_nouns("中学校に関わる事例は？", counting) == (("中", "学校"),)
    assert prefix_nouns("副市長が使っている事例は？", counting) == (("副", "市長"),)
    assert prefix_nouns("全職員が使える自治体は？", counting) == ()         # how many, not what kind
    assert prefix_nouns("来年度から使う自治体は？", counting) == ()         # when
    assert prefix_nouns("学校で使っている事例は？", counting) == ()
    assert _prefix_written(["小", "中", "学校"], "小", "学校")     # 「小中学校」 is 小学校 too
    assert _prefix_written(["中", "学校", "校舎"], "中", "学校")
    assert not _prefix_written(["学校", "職員"], "中", "学校")


@pytest.fixture(scope="module")
def bot(next_month13_e5_dir, e5):
    return bot_over(next_month13_e5_dir, e5)


@pytest.mark.model
@pytest.mark.parametrize("question", ["中学校に関わる事例は？", "小学校に関わる事例は？"])
def test_a_school_level_is_not_every_school(bot, question):
    answer = bot.ask(question)
    # 那覇市's 「教育機関」 is 'Schools / education', but no 中学校 or 小学校
    assert {"高知県四万十市", "鹿児島県奄美市"} <= cited(answer)
    assert "沖縄県那覇市" not in cited(answer)


@pytest.mark.model
def test_an_unwritten_noun_is_its_word_of_the_same_root(bot):
    answer = bot.ask("妊婦の支援にAIを使っている自治体は？")
    assert cited(answer) == {"大阪府高槻市"}
    assert all("妊娠" in c.passage for c in answer.citations)
    # a topic the article lacks still has no case (噴火 is not 消火: .917 < .92)
    assert not cited(bot.ask("火山の噴火への備えにAIを使っている自治体は？"))


@pytest.mark.model
def test_ask_json_on_the_thirteenth_article(next_month13_e5_dir):
    p = run("--data-dir", str(next_month13_e5_dir), "ask", "中学校に関わる事例は？",
            "妊婦の支援にAIを使っている自治体は？", "--json")
    schools, pregnant = (json.loads(line) for line in p.stdout.splitlines() if line.strip())
    assert {c["case"] for c in schools["citations"]} == {"高知県四万十市", "鹿児島県奄美市"}
    assert {c["case"] for c in pregnant["citations"]} == {"大阪府高槻市"}
