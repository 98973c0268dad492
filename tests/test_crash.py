"""Crash safety with real killed processes: `chatbot ingest` is SIGKILLed at several points and the
served index must be exactly the old version or exactly the new one, never a mix; the next ingest
completes. No test hook in production code: the ingest is made long by a big synthetic article
(the seed plus many generated cases), with the fake embedder."""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, SEED
from core.index import open_index
from core.store import history
from ingest.build import case_documents, ingest
from ingest.parse import parse_article
from ingest.read import read_text

CHATBOT = str(Path(sys.executable).parent / "chatbot")
FAKE_MODEL = "fake:hash-256"
SYNTHETIC = 1000          # cases added to the seed: about 4 s of ingest on the 2-core machine
PREFECTURES = ("北海道", "青森県", "岩手県", "宮城県", "秋田県", "山形県", "福島県")

pytestmark = pytest.mark.slow


def big_article_text() -> str:
    """The seed with SYNTHETIC made-up municipality cases added before its last section."""
    seed = SEED.read_text(encoding="utf-8")
    blocks = []
    for i in range(SYNTHETIC):
        pref = PREFECTURES[i % len(PREFECTURES)]
        name = f"架空{i:05d}市"
        blocks.append(f"{pref}{name}\n\n{name}は、生成AIを使った業務改善の実証実験を第{i}期として始めました。"
                      f"職員{i % 300 + 10}人が議事録の要約や文書の下書きに利用し、月{i % 40 + 5}時間の削減を"
                      f"見込んでいます。結果は年度末に公表される予定です。\n\n"
                      f"参考:{name}、生成AIの実証実験を開始（架空の事例 {i}）\n")
    marker = "\n\n【あわせて読みたい】"
    assert seed.count(marker) == 1
    return seed.replace(marker, "\n\n" + "\n\n".join(blocks) + "\n\n" + marker, 1)


def expected(path: Path) -> tuple[frozenset[str], dict[str, str]]:
    """(every sentence id, {case id: content hash}) of the index built from one article."""
    article = parse_article(read_text(path), source_path=str(path))
    ids = frozenset(i for c in article.cases for i in case_documents(c, article)[0][1:])
    return ids, {c.id: c.content_hash for c in article.cases}


def served(data_dir: Path) -> tuple[frozenset[str], dict[str, str]]:
    """The same, read from the served version, after checking it is whole and searchable."""
    index = open_index(data_dir, FAKE_MODEL)
    try:
        records = index.records()
        assert index._collection.count() == len(records)
        hashes = {m["case_id"]: m["hash"] for m in index.case_metadata().values()}
        for _, _, m, _ in records:          # every sentence belongs to a case of the same version
            assert hashes[m["case_id"]] == m["hash"]
        assert index.manifest["cases"] == len(hashes) == len(index.manifest["case_table"])
        ids = frozenset(r[0] for r in records)
        hits = index.dense(records[1][3], 5)          # the HNSW graph loads and answers
        assert len(hits) == 5 and all(pid in ids for pid, _ in hits)
        return ids, hashes
    finally:
        index.close()


def cli(args: list[str], data_dir: Path) -> subprocess.Popen:
    env = {**os.environ, "CHATBOT_EMBEDDINGS": "fake", "CHATBOT_DATA_DIR": str(data_dir)}
    # (errors="replace": a process killed mid-write leaves its output cut inside a character)
    return subprocess.Popen([CHATBOT, *args], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, errors="replace")


def partial_dirs(data_dir: Path) -> list[Path]:
    return list((data_dir / "versions").glob(".tmp-*"))


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """The big article, and a data directory with the seed ingested by the real command."""
    root = tmp_path_factory.mktemp("crash")
    big = root / "big.txt"
    big.write_text(big_article_text(), encoding="utf-8")
    base = root / "base"
    p = cli(["ingest", str(SEED)], base)
    out, err = p.communicate(timeout=300)
    assert p.returncode == 0, err
    old, new = expected(SEED), expected(big)
    assert served(base) == old and len(new[1]) == 62 + SYNTHETIC
    return {"big": big, "base": base, "old": old, "new": new}


# Each kill point: a name and a function (data_dir, seconds since start) -> kill now?
def _after(seconds):
    return lambda d, t: t >= seconds


def _building(d, t):
    return bool(partial_dirs(d))


def _writing(d, t):      # Chroma has written a few MB of the new version
    return any((p / "chroma.sqlite3").exists() and (p / "chroma.sqlite3").stat().st_size > 3_000_000
               for p in partial_dirs(d))


def _switched(old_current):
    return lambda d, t: (d / "CURRENT").read_text().strip() != old_current


def test_kill_at_any_point_leaves_old_or_new_and_the_next_ingest_completes(world, tmp_path):
    base_current = (world["base"] / "CURRENT").read_text().strip()
    # before the build, the build begun, mid-write, just published (two timed points between
    # these, 1.5 s and 3 s, landed in one of the same phases, depending on the machine's speed)
    points = [("0.5 s", _after(0.5)), ("tmp folder made", _building),
              ("chroma half written", _writing), ("CURRENT switched", _switched(base_current))]
    outcomes = []
    for n, (label, trigger) in enumerate(points):
        d = tmp_path / f"d{n}"
        shutil.copytree(world["base"], d)
        proc = cli(["ingest", str(world["big"])], d)
        started = time.monotonic()
        while proc.poll() is None and not trigger(d, time.monotonic() - started):
            time.sleep(0.002)
        killed = proc.poll() is None
        if killed:
            os.kill(proc.pid, signal.SIGKILL)
        proc.communicate(timeout=60)
        left_partial = bool(partial_dirs(d))
        state = served(d)
        assert state in (world["old"], world["new"]), f"{label}: a mix of versions is served"
        outcomes.append((label, killed, left_partial, "old" if state == world["old"] else "new"))

        again = cli(["ingest", str(world["big"]), "--json"], d)
        out, err = again.communicate(timeout=300)
        assert again.returncode == 0, f"{label}: the next ingest failed: {err}"
        assert "Traceback" not in err
        assert served(d) == world["new"]
        assert not partial_dirs(d) and not (d / "CURRENT.tmp").exists()
        rows = history(d)
        assert rows[-1]["version"] in ("", (d / "CURRENT").read_text().strip())
        assert any(r["version"] == (d / "CURRENT").read_text().strip() for r in rows)
        if json.loads(out)["version"] == "":     # the killed run had already published
            assert outcomes[-1][3] == "new"
    print("\n" + "\n".join(f"{label:20} killed={k!s:5} partial_left={p!s:5} served={s}"
                           for label, k, p, s in outcomes))
    # The kills really hit the middle of an ingest: a half-built version was left behind, and the
    # old version was still the one served.
    assert any(k and p and s == "old" for _, k, p, s in outcomes)
    assert outcomes[0][3] == "old"


def test_second_concurrent_ingest_is_refused_with_a_clear_message(world, tmp_path):
    d = tmp_path / "d"
    shutil.copytree(world["base"], d)
    first = cli(["ingest", str(world["big"])], d)
    deadline = time.monotonic() + 120
    while not partial_dirs(d) and first.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    assert first.poll() is None, "the first ingest ended before the test could overlap it"
    second = cli(["ingest", str(FIXTURES / "next_month.txt")], d)
    _, err = second.communicate(timeout=300)
    still_running = first.poll() is None
    out1, err1 = first.communicate(timeout=300)
    assert second.returncode == 1 and "Traceback" not in err
    assert "another ingest is running" in err
    assert still_running, "the first ingest finished before the second asked for the lock"
    assert first.returncode == 0, err1
    assert served(d) == world["new"]
    assert not partial_dirs(d)


def test_history_survives_a_kill_between_switch_and_history(fake, data_dir):
    ingest(SEED, data_dir, fake)
    report = ingest(FIXTURES / "next_month.txt", data_dir, fake)
    path = data_dir / "history.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text(lines[0] + lines[1][:40], encoding="utf-8")   # the second row, cut mid-write
    rows = history(data_dir)
    assert [r["version"] for r in rows][-1] == report.version      # recovered from the manifest
    assert rows[-1]["added"] == ["北海道札幌市"] and rows[-1]["removed"] == ["三重県桑名市"]
    ingest(SEED, data_dir, fake)
    rows = history(data_dir)
    assert len(rows) == 3 and rows[-1]["added"] == ["三重県桑名市"]
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        if line.startswith("{") and line.endswith("}"):
            json.loads(line)


def test_leftovers_of_a_crash_are_cleaned_by_the_next_ingest(fake, data_dir):
    first = ingest(SEED, data_dir, fake)
    versions = data_dir / "versions"
    shutil.copytree(versions / first.version, versions / ".tmp-20000101T000000-1")
    (data_dir / "CURRENT.tmp").write_text("20000101T000000-1\n")
    assert open_index(data_dir, fake.name).version == first.version
    report = ingest(FIXTURES / "next_month.txt", data_dir, fake)
    assert report.version and open_index(data_dir, fake.name).version == report.version
    assert not partial_dirs(data_dir) and not (data_dir / "CURRENT.tmp").exists()


def test_an_error_while_embedding_leaves_the_old_version_serving(fake, data_dir):
    first = ingest(SEED, data_dir, fake)

    class Failing(type(fake)):
        def embed_documents(self, texts):
            raise MemoryError("out of memory half-way")

    with pytest.raises(MemoryError):
        ingest(FIXTURES / "next_month.txt", data_dir, Failing())
    assert open_index(data_dir, fake.name).version == first.version
    assert not partial_dirs(data_dir)
    assert sorted(p.name for p in (data_dir / "versions").iterdir()) == [first.version]
    assert [r["published"] for r in history(data_dir)] == [True]
    assert ingest(FIXTURES / "next_month.txt", data_dir, fake).added == ["北海道札幌市"]
