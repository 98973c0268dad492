"""A side-by-side answer that shows what was asked first: the aspect a comparison names ("on
time saved", 「ルールを比べて」) leads the table and is said case by case in the lead, and
「共通点は？」 names the facets every compared case states — through `Chatbot` and `ask --json`."""
import json

import pytest

from test_cli import run


@pytest.mark.model
def test_the_aspect_named_leads_the_table_and_the_lead_line(shared_e5_bot):
    a = shared_e5_bot.ask("Compare Yokosuka, Atsugi and Sagamihara on time saved")
    assert a.kind == "compare" and a.table["rows"][0][0] == "Time saved"
    lead = a.text.splitlines()[1]
    assert lead.startswith("Time saved:") and "1日10分" in lead and "21分" in lead and "not stated" in lead
    rules = shared_e5_bot.ask("横須賀市と厚木市のルールを比べて")
    assert rules.table["rows"][0][0] == "ルール" and rules.text.splitlines()[1].startswith("ルール：")
    # nothing named: the article's order of aspects, no aspect line
    plain = shared_e5_bot.ask("東京都と埼玉県の取り組みを比較して")
    assert plain.table["rows"][0][0] == "導入状況" and plain.text.splitlines()[1].startswith("観点")


def _shared(bot, titles) -> list[str]:
    r = bot.retriever()
    keys = [k for k, c in r.cases.items() if c.title in titles]
    return [f.ja for f in r.knowledge.taxonomy.facets
            if not f.meta and all(f.key in r.facets.get(k, {}) for k in keys)]


@pytest.mark.model
def test_what_two_cases_have_in_common_names_the_facets_both_state(shared_e5_bot):
    a = shared_e5_bot.ask("長岡市と新潟市の共通点は？")
    shared = _shared(shared_e5_bot, {"新潟県長岡市", "新潟県新潟市"})
    assert "個人情報の入力禁止" in shared
    assert a.text.splitlines()[1] == "共通して記載があるのは：" + "、".join(shared) + "。"
    none = shared_e5_bot.ask("What do Tsukuba and Kasama have in common?")
    if _shared(shared_e5_bot, {"茨城県つくば市", "茨城県笹間市"}):
        assert none.text.splitlines()[1].startswith("All of them state: ")
    else:
        assert none.text.splitlines()[1] == "The article states nothing all of them share."


@pytest.mark.model
def test_ask_json_leads_with_the_aspect_asked(e5_index_dir):
    p = run("--data-dir", str(e5_index_dir), "ask", "横須賀市と厚木市の短縮した時間を比べて", "--json")
    a = json.loads(p.stdout)
    assert a["kind"] == "compare" and a["table"]["rows"][0][0] == "短縮した時間"
