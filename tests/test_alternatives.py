"""Facets of one kind joined by "or" (「知事または市長」, "the governor or the mayor"): the list is
of the cases with any of them — not of the rarest alone — through `Chatbot` and `ask --json`."""
import json

import pytest

from test_cli import run


def _with(bot, *facets: str) -> set[str]:
    r = bot.retriever()
    return {r.cases[k].title for k, has in r.facets.items() if any(f in has for f in facets)}


@pytest.mark.model
@pytest.mark.parametrize("question", ["知事または市長が発言した自治体は？", "Which cases quote the governor or the mayor?"])
def test_the_governor_or_the_mayor_lists_both(shared_e5_bot, question):
    a = shared_e5_bot.ask(question)
    both = _with(shared_e5_bot, "info.governor", "info.mayor")
    # (it had listed the mayors' cases alone)
    assert {c.case for c in a.citations} == both
    assert both > _with(shared_e5_bot, "info.mayor")
    assert "知事の発言・発表" in a.text.splitlines()[0] or "The governor named or quoted" in a.text.splitlines()[0]


@pytest.mark.model
def test_an_or_between_two_ways_of_saying_one_facet_joins_nothing(shared_e5_bot):
    a = shared_e5_bot.ask("In which cases is the city mayor mentioned as commenting on or announcing something?")
    assert {c.case for c in a.citations} == _with(shared_e5_bot, "info.mayor")
    # facets of different kinds ("use or plan to use it for translation"): still the use alone
    b = shared_e5_bot.ask("Which cases use or plan to use ChatGPT for translation?")
    assert {c.case for c in b.citations} == _with(shared_e5_bot, "use.translation")


@pytest.mark.model
def test_ask_json_lists_either_use(e5_index_dir):
    p = run("--data-dir", str(e5_index_dir), "ask", "Which cities use it for translation or summarising?", "--json")
    a = json.loads(p.stdout)
    listed = {c["case"] for c in a["citations"]}
    assert "神奈川県相模原市" in listed and "茨城県つくば市" in listed     # a summary case and a translation case
