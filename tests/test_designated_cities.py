"""政令指定都市 as a kind of municipality (places.toml designated_cities): 「政令市の事例」,
"designated cities", 「政令市以外の市」 — a fixed fact of the Japanese state, not of the article, so
next month's designated cities are found with no knowledge added."""
import json

import pytest

from chatbot.qa.read.where import DESIGNATED, Scope
from core.cases import Case
from test_cli import run

ARTICLE_DESIGNATED = {"新潟県新潟市", "神奈川県相模原市", "大阪府大阪市", "兵庫県神戸市", "熊本県熊本市"}


def _case(cid: str, level: str = "市区町村") -> Case:
    return Case(id=cid, title=cid, region="関東", level=level, prefecture=cid[:3], body="x。", source="",
                position=1, article="a")


def test_a_designated_city_is_admitted_by_its_kind_and_other_cities_are_not():
    scope = Scope(levels=("市区町村",), kinds=(DESIGNATED,))
    assert scope.admits("k1", _case("神奈川県横浜市"))
    assert not scope.admits("k2", _case("神奈川県横須賀市"))
    assert not scope.admits("k3", _case("東京都練馬区"))
    # 「政令市以外」: what it leaves out
    without = Scope(without=Scope(levels=("市区町村",), kinds=(DESIGNATED,)))
    assert without.admits("k2", _case("神奈川県横須賀市")) and not without.admits("k1", _case("神奈川県横浜市"))


@pytest.mark.model
@pytest.mark.parametrize("question", ["政令指定都市の事例は？", "Which designated cities use ChatGPT?", "政令市の事例を教えて"])
def test_designated_cities_are_listed_by_their_kind(shared_e5_bot, question):
    # each had answered "no such case" (the article never writes 政令市)
    a = shared_e5_bot.ask(question)
    assert {c.case for c in a.citations} == ARTICLE_DESIGNATED


@pytest.mark.model
def test_cities_other_than_designated_ones_keep_the_topic(shared_e5_bot):
    a = shared_e5_bot.ask("政令市以外の市で議事録に使っている自治体は？")
    cases = {c.case for c in a.citations}
    assert cases and not cases & ARTICLE_DESIGNATED and all(c.endswith("市") for c in cases)
    assert "政令市以外" in a.text.splitlines()[0]
    # every city is still every city
    assert len({c.case for c in shared_e5_bot.ask("市の事例は何件？").citations}) == 29


@pytest.mark.model
def test_ask_json_compares_the_designated_cities(e5_index_dir):
    p = run("--data-dir", str(e5_index_dir), "ask", "政令市の事例を比較して", "--json")
    answer = json.loads(p.stdout)
    assert answer["kind"] == "compare" and set(answer["table"]["columns"][1:]) == ARTICLE_DESIGNATED
