"""`chatbot bench` and its synthetic corpus. The run is tiny and its numbers are not checked
against targets (timings belong to the benchmark, not to tests): it must run end to end, real
subprocesses and served apps included, and report every measure for both systems."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from conftest import ROOT, SEED

CHATBOT = str(Path(sys.executable).parent / "chatbot")
KEYS = {"cases", "p50_ms", "p95_ms", "load_s", "ingest_s", "rss_mb", "reingest_unchanged_s",
        "reingest_edited_s", "cold_ask_s", "passages", "embedded", "questions", "burst",
        "burst_p50_s", "burst_p95_s", "burst_cpu_s"}
VERSIONS = {"versions", "rss_after_version_mb", "rss_after_versions_mb"}


@pytest.fixture(scope="module")
def article():
    from chatbot import load_articles

    return load_articles(SEED)[0][0]


def test_synthetic_article_keeps_the_article_and_relabels_copies(article):
    from chatbot.tools.synthetic import name_pool, synthetic_article
    from ingest.parse import parse_article

    text = synthetic_article(article, 200)
    assert text == synthetic_article(article, 200)                    # deterministic
    made = parse_article(text)
    assert len(made.cases) == 200 and made.id == article.id
    original = [(c.id, c.title, c.region, c.body, c.source, c.sentences) for c in article.cases]
    assert [(c.id, c.title, c.region, c.body, c.source, c.sentences) for c in made.cases[:62]] == original
    pool = name_pool(SEED.read_text(encoding="utf-8"))
    assert not set(pool) & set(SEED.read_text(encoding="utf-8"))
    for copy, source in zip(made.cases[62:], article.cases * 3):
        assert copy.id != source.id and set(copy.id) & set(pool)           # a made-up name
        assert copy.prefecture == source.prefecture and copy.region == source.region
        assert len(copy.sentences) == len(source.sentences)
        figures = lambda c: re.findall(r"\d+", c.body)                    # noqa: E731
        assert [len(f) for f in figures(copy)] == [len(f) for f in figures(source)]
    assert figures(made.cases[62]) != figures(article.cases[0]) or not figures(article.cases[0])


def test_reusing_embeddings_share_one_real_vector_per_masked_text(article, fake):
    from chatbot.tools.synthetic import ReusingEmbeddings, name_pool, synthetic_article
    from ingest.parse import parse_article

    pool = name_pool(SEED.read_text(encoding="utf-8"))
    made = parse_article(synthetic_article(article, 62 * 3))
    first, second, third = (made.cases[i] for i in (0, 62, 124))
    emb = ReusingEmbeddings(fake, pool)
    texts = [f"{c.title}: {c.sentences[0]}" for c in (first, second, third)]
    a, b, c = (np.array(v) for v in emb.embed_documents(texts))
    assert emb.asked == 3 and emb.embedded == 2                        # both copies share one
    assert np.allclose(a, fake.embed_documents(texts[:1])[0])          # the article's own: as is
    assert 0.8 < b @ c < 0.9999 and abs(np.linalg.norm(b) - 1) < 1e-5   # near, never equal
    assert emb.embed_query("厚木市") == fake.embed_query("厚木市")


@pytest.mark.slow
def test_bench_command_runs_both_systems_and_prints_json(tmp_path):
    env = {**os.environ, "CHATBOT_EMBEDDINGS": "fake", "CHATBOT_DATA_DIR": str(tmp_path / "unused")}
    done = subprocess.run([CHATBOT, "bench", "--cases", "140", "--questions", "4",
                           "--served-questions", "3", "--burst", "6", "--versions", "2", "--cold-runs", "1",
                           "--json"],
                          env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=1200)
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout)
    assert {"project", "plain", "machine", "help_s", "embedder"} <= set(result)
    for system in ("project", "plain"):
        rows = result[system]
        assert [r["cases"] for r in rows] == [62, 140]
        for row in rows:
            assert KEYS <= set(row) and row["questions"] == 4 and row["burst"] == 6
            assert all(row[k] > 0 for k in ("p50_ms", "p95_ms", "ingest_s", "rss_mb", "cold_ask_s",
                                            "burst_p50_s"))
            assert row["p95_ms"] >= row["p50_ms"] and row["burst_p95_s"] >= row["burst_p50_s"]
            assert (VERSIONS <= set(row)) == (system == "project")
    for row in result["project"]:
        assert row["versions"] == 2 and row["rss_after_versions_mb"] > 0 and row["rss_after_version_mb"] > 0
    assert result["project"][0]["passages"] == 285
    # copies of one sentence in rounds 1 and 2 share one embedding
    assert result["project"][1]["embedded"] < result["project"][1]["passages"]
    assert not (tmp_path / "unused").exists()                           # all in a temporary folder
    table = subprocess.run([CHATBOT, "bench", "--help"], capture_output=True, text=True, env=env)
    assert "--cases" in table.stdout and table.returncode == 0
