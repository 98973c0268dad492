"""The knowledge files: the package's load and validate; a site's additions are checked, used
by the next ingest, and kept with the version they built."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from chatbot import Chatbot, Settings
from conftest import CORPUS, ROOT
from core.knowledge import KnowledgeError, knowledge

CHATBOT = str(Path(sys.executable).parent / "chatbot")

TOURISM = """
[[facet]]
key = "use.tourism"
group = "use"
ja = "観光案内"
en = "Tourism information"
cues = ['観光']
ask = ['観光', 'touris', 'sightseeing']
"""
BIN_DAY = """
[terms]
'bin days?' = ['ごみ出し']
"""


def test_package_knowledge_loads():
    k = knowledge()
    assert len(k.taxonomy.facets) >= 55 and k.taxonomy.groups == ("status", "vendor", "use", "rule", "info")
    assert k.taxonomy.stages == ("status.considering", "status.trial", "status.full")
    assert k.glossary.japanese("Which prefectures ban it?") == [("禁止",)]
    assert "為る" in k.stopwords.lexical and "chatgpt" in k.stopwords.generic
    assert k.questions.count.search("How many cities") and len(k.places["prefectures"]) == 47


@pytest.mark.parametrize("text, words", [
    ('[[facet]]\nkey = "use.x"\ngroup = "use"\nja = "x"\nen = "x"\ncolour = "red"\n', ["use.x", "colour"]),
    ('[[facet]]\nkey = "use.x"\ngroup = "use"\nja = "x"\nen = "x"\ncues = ["(unclosed"]\n',
     ["use.x", "cues[0]", "does not compile"]),
    ('[[facet]]\nkey = "use.summary"\ngroup = "use"\nja = "要約"\nen = "x"\n', ["use.summary", "duplicate"]),
    ('[[facet]]\nkey = "use.x"\ngroup = "use"\nja = "x"\nen = "x"\n' * 2, ["use.x", "duplicate"]),
    ('[[facet]]\nkey = "use.x"\ngroup = "use"\nja = "x"\nen = "x"\ncues = ["${nope}"]\n', ["use.x", "${nope}"]),
    ('[[facet]]\nkey = "colour.x"\ngroup = "colour"\nja = "x"\nen = "x"\n', ["colour.x", "group"]),
    ('[[facet]]\nkey = "use.x"\ngroup = "use"\nja = "x"\nen = "x"\nsubsumes = ["use.nope"]\n', ["use.nope"]),
    ('[[facet]]\nkey = "use.nope"\nextends = true\ncues = ["x"]\n', ["use.nope", "extends"]),
    ('[[facet]\nkey = "use.x"\n', ["not valid TOML"]),
    ('[faucet]\n', ["faucet"]),
])
def test_malformed_site_facets_name_the_file_and_entry(tmp_path, text, words):
    (tmp_path / "facets.toml").write_text(text, encoding="utf-8")
    with pytest.raises(KnowledgeError) as e:
        knowledge(tmp_path)
    assert str(tmp_path / "facets.toml") in str(e.value)
    for w in words:
        assert w in str(e.value)


@pytest.mark.parametrize("text, words", [
    ("[terms]\n'bins?' = ['ごみ']\n'bins?' = ['ゴミ']\n", ["not valid TOML"]),
    ("[terms]\n'(bins' = ['ごみ']\n", ["(bins", "does not compile"]),
    ("[terms]\n'bins' = []\n", ["bins", "at least one"]),
    ("[terms]\n'ban(s|ned)?|forbid(s|den)?|prohibit(s|ed|ion)?|not allowed|must not' = ['禁止']\n",
     ["duplicate"]),
])
def test_malformed_site_glossary_names_the_file_and_entry(tmp_path, text, words):
    (tmp_path / "glossary.toml").write_text(text, encoding="utf-8")
    with pytest.raises(KnowledgeError) as e:
        knowledge(tmp_path)
    for w in [str(tmp_path / "glossary.toml"), *words]:
        assert w in str(e.value)


def test_a_site_extends_a_facet_with_more_wording(tmp_path):
    (tmp_path / "facets.toml").write_text(
        '[[facet]]\nkey = "vendor.graffer"\nextends = true\ncues = ["グラッファー"]\n', encoding="utf-8")
    facet = knowledge(tmp_path).taxonomy.by_key["vendor.graffer"]
    assert facet.ja == "グラファー" and facet.cues[-1].pattern == "グラッファー"
    assert len(facet.cues) == len(knowledge().taxonomy.by_key["vendor.graffer"].cues) + 1


def test_site_knowledge_is_used_after_the_next_ingest(data_dir, fake):
    bot = Chatbot(Settings(data_dir=data_dir), embeddings=fake)
    bot.ingest(CORPUS)
    echizen = next(k for k, c in bot.retriever().cases.items() if c.title == "福井県越前市")
    assert "use.tourism" not in bot.retriever().facets[echizen]

    site = data_dir / "knowledge"
    site.mkdir()
    (site / "facets.toml").write_text(TOURISM, encoding="utf-8")
    (site / "glossary.toml").write_text(BIN_DAY, encoding="utf-8")
    # Until the next ingest the served version keeps the knowledge it was built with.
    assert "use.tourism" not in bot.retriever().knowledge.taxonomy.by_key

    report = bot.ingest(CORPUS)
    assert report.version and not report.changed and report.knowledge == ["facets.toml", "glossary.toml"]
    retriever = bot.retriever()
    assert "use.tourism" in retriever.facets[echizen]
    assert (Path(retriever.index.path) / "knowledge" / "facets.toml").read_text(encoding="utf-8") == TOURISM
    answer = bot.ask("観光案内にChatGPTを使っている自治体は？")
    assert [c.case for c in answer.citations] == ["福井県越前市"] and "観光案内" in answer.text
    assert retriever.knowledge.glossary.japanese("When is bin day?") == [("ごみ出し",)]
    assert bot.ingest(CORPUS).version == ""          # nothing changed since: nothing published


def test_a_broken_site_file_stops_the_ingest_before_any_write(data_dir):
    env = {**os.environ, "CHATBOT_EMBEDDINGS": "fake"}
    run = lambda: subprocess.run([CHATBOT, "ingest", str(CORPUS), "--json"], capture_output=True,  # noqa: E731
                                 text=True, env=env, cwd=ROOT, timeout=300)
    first = run()
    assert first.returncode == 0, first.stderr
    current = (data_dir / "CURRENT").read_text()
    (data_dir / "knowledge").mkdir()
    (data_dir / "knowledge" / "facets.toml").write_text(
        '[[facet]]\nkey = "use.x"\ngroup = "use"\nja = "x"\nen = "x"\ncues = ["(oops"]\n', encoding="utf-8")
    p = run()
    assert p.returncode == 1 and "Traceback" not in p.stderr
    assert "facets.toml" in p.stderr and "use.x" in p.stderr and len(p.stderr.strip().splitlines()) == 1
    assert (data_dir / "CURRENT").read_text() == current
    assert json.loads(first.stdout)["cases"] == 62
