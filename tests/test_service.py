"""`Chatbot` across published versions: a served app answers from the newest version and keeps
at most the current and the previous one open, however many are published.

Real Chroma; the fake embedder for the in-process test, the real e5 model and a real served app
(`chatbot serve` in a subprocess) for the memory test.
"""
from __future__ import annotations

import gc
import json
import os
import weakref
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT, SEED, free_port

CHATBOT = str(Path(sys.executable).parent / "chatbot")
ATSUGI_Q = "厚木市はどれくらい業務時間を短縮できましたか？"
ATSUGI = "業務時間が1件当たり平均21分短縮"


def edition(tmp_path: Path, n: int) -> Path:
    """The article with 厚木市's figure changed to 30 + n minutes: version n of the article."""
    text = SEED.read_text(encoding="utf-8")
    assert text.count(ATSUGI) == 1
    path = tmp_path / "editions" / f"{n}.txt"
    path.parent.mkdir(exist_ok=True)
    path.write_text(text.replace(ATSUGI, ATSUGI.replace("21分", f"{30 + n}分")), encoding="utf-8")
    return path


def open_versions(pid: int | str, data_dir: Path) -> set[str]:
    """The versions of data_dir whose files the process holds open (Chroma's database)."""
    root = str((data_dir / "versions").resolve()) + "/"
    held = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:        # closed meanwhile
            continue
        if target.startswith(root):
            held.add(target[len(root):].split("/", 1)[0])
    return held


def held_soon(data_dir: Path, want: set[str], within: float = 5.0) -> set[str]:
    """The versions this process holds open, polled until they are ``want`` (or ``within``
    seconds pass): a closed Chroma client lets go of its files a moment later now and then
    (seen once in about 15 runs)."""
    deadline = time.monotonic() + within
    while (held := open_versions("self", data_dir)) != want and time.monotonic() < deadline:
        time.sleep(0.05)
    return held


def test_a_replaced_version_is_closed_once_no_question_uses_it(fake, data_dir, tmp_path):
    from chatbot import Chatbot, Settings
    from core.store import current_id
    from ingest.build import ingest

    ingest(edition(tmp_path, 0), data_dir, fake)
    bot = Chatbot(Settings(data_dir=data_dir, embeddings="fake"), embeddings=fake)
    for n in range(1, 8):
        ingest(edition(tmp_path, n), data_dir, fake)
        answer = bot.ask(ATSUGI_Q)
        assert f"{30 + n}分" in answer.text + json.dumps(answer.to_json(), ensure_ascii=False)
        assert held_soon(data_dir, {current_id(data_dir)}) == {current_id(data_dir)}
    # a version frozen by warm_up (a served app's start) is collected once replaced
    bot.warm_up()
    assert gc.get_freeze_count() > 0
    frozen = weakref.ref(bot.retriever())
    ingest(edition(tmp_path, 20), data_dir, fake)
    bot.ask(ATSUGI_Q)
    gc.collect()
    assert gc.get_freeze_count() == 0 and frozen() is None
    # a conversation replayed on a replaced version is forgotten with it
    bot.ask("そのうち関東は？", history=["外部向けの利用を禁止している県は？"])
    ingest(edition(tmp_path, 8), data_dir, fake)
    bot.ask(ATSUGI_Q)
    assert {key[0] for key in bot._turns} <= {current_id(data_dir)}


@pytest.mark.model
@pytest.mark.slow
def test_served_app_memory_stays_flat_over_twenty_published_versions(e5, tmp_path):
    """The issue's reproduction: a served app's RSS grew with every version published (each
    replaced version's Chroma client stayed open). Twenty versions, each answered from."""
    from chatbot import Settings, ingest

    settings = Settings(data_dir=tmp_path / "data")
    ingest(edition(tmp_path, 0), settings, embeddings=e5)
    port = free_port()
    env = {**os.environ, "CHATBOT_DATA_DIR": str(settings.data_dir)}
    log = tmp_path / "serve.log"
    with open(log, "wb") as out:
        app = subprocess.Popen([CHATBOT, "serve", "--port", str(port)], cwd=ROOT, env=env,
                               stdout=out, stderr=subprocess.STDOUT)
    try:
        client = _client(app, port, log)
        rss = {}
        for n in range(1, 21):
            report = ingest(edition(tmp_path, n), settings, embeddings=e5)
            assert report.version and report.updated == ["神奈川県厚木市"]
            shown = client.predict(ATSUGI_Q, api_name="/chat")[0]    # loads the version, searches it
            assert f"{30 + n}分" in json.dumps(shown, ensure_ascii=False)
            rss[n] = _rss_mb(app.pid)
            assert len(open_versions(app.pid, settings.data_dir)) <= 2
        print(f"\nRSS after 1 version {rss[1]:.0f} MB, after 20 {rss[20]:.0f} MB")
        assert rss[20] <= 1.2 * rss[1], rss
    finally:
        app.terminate()
        try:
            app.wait(timeout=30)
        except subprocess.TimeoutExpired:   # a loaded machine: Gradio's shutdown can take longer
            app.kill()
            app.wait()


def _client(app: subprocess.Popen, port: int, log: Path):
    from gradio_client import Client

    deadline = time.monotonic() + 300
    while True:
        if app.poll() is not None:
            pytest.fail(f"chatbot serve exited: {log.read_text()[-2000:]}")
        try:
            return Client(f"http://127.0.0.1:{port}/", verbose=False)
        except Exception:   # not listening yet
            if time.monotonic() > deadline:
                pytest.fail("chatbot serve did not start in 5 minutes")
            time.sleep(0.5)


def _rss_mb(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(next(line for line in status.splitlines() if line.startswith("VmRSS:")).split()[1]) / 1024


def test_warm_up_loads_what_the_first_questions_would_wait_for(e5_bot):
    """`chatbot serve` warms up at start: the romaji tables (≈0.6 s, read by the first English
    question with an unknown word), the version's stored sentence words and every case's figures
    are loaded."""
    from core.places import readings

    readings.hepburn.cache_clear()      # earlier tests may have read these words already
    readings._kakasi.cache_clear()
    assert e5_bot.retriever().lexical._rows is None
    try:
        e5_bot.warm_up()
        assert gc.get_freeze_count() > 0       # the loaded version is out of the collector's way
    finally:
        gc.unfreeze()
    assert readings._kakasi.cache_info().currsize == 1
    r = e5_bot.retriever()
    assert r.lexical._rows is not None
    assert len(r.memo("sentence_words", dict)) == sum(len(c.sentences) for c in r.cases.values())
    # staff, end month, start month, start year, length, period (a length compared with months)
    assert len(r.memo("case_figures", dict)) == 6 * len(r.cases)
    assert "government" in r.memo("gloss_index", dict)    # JMdict glosses the article's 政府 with it
