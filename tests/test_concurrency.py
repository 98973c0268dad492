"""Many questions at once: the answer path shares no mutable state between threads.

Every answer given concurrently must equal the one given to the same question alone, with the
real e5 model, the real Chroma and Sudachi — in-process from many threads, while the served
version changes, and through a real served app's `/chat` endpoint with `gradio_client`.
"""
from __future__ import annotations

import json
import shutil
import socket
import threading
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

import pytest

from conftest import FIXTURES, QA, SEED
from core.text import tokenize

FILTERS = [("", "", ""), ("関東", "", ""), ("", "市区町村", ""), ("", "", "東京都")]


@contextmanager
def running(bot):
    """The app on a free port of 127.0.0.1, closed afterwards."""
    from chatbot.web.app import serve

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    demo = serve(bot, "127.0.0.1", port, block=False, quiet=True)
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        demo.close()


def questions(n: int | None = None) -> list[str]:
    rows = [json.loads(line)["question"] for line in QA.read_text(encoding="utf-8").splitlines() if line.strip()]
    return rows[:n] if n else rows


def test_sudachi_from_many_threads_gives_the_same_tokens():
    """The issue's reproduction: 8 threads tokenizing at once (387 of 400 calls used to raise
    "Tokenizer is already in use")."""
    texts = [line for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip()][:50]
    alone = [tokenize(t) for t in texts]
    with ThreadPoolExecutor(8) as pool:
        together = list(pool.map(tokenize, texts * 8))
    assert together == alone * 8


@pytest.mark.model
@pytest.mark.slow
def test_threads_asking_at_once_get_the_answers_asked_alone(shared_e5_bot):
    from chatbot import Filters

    asks = [(q, Filters(*f)) for q in questions() for f in FILTERS[:2]]
    alone = {(q, f): shared_e5_bot.ask(q, f).to_json() for q, f in asks}

    def ask(item):
        q, f = item
        return item, shared_e5_bot.ask(q, f).to_json()

    with ThreadPoolExecutor(12) as pool:
        together = list(pool.map(ask, asks * 2))
    wrong = [item[0] for item, got in together if got != alone[item]]
    assert not wrong, f"{len(wrong)} answers differ when asked concurrently: {wrong[:3]}"


@pytest.mark.model
@pytest.mark.slow
def test_a_new_version_is_picked_up_while_threads_keep_answering(e5_bot, e5):
    """One thread builds the new version's retriever; the others answer meanwhile from the old
    one or the new one, never an error, and every answer afterwards is the new version's."""
    from core.facets import facet_metadata
    from ingest.build import ingest

    q = "厚木市はどれくらい業務時間を短縮できましたか？"
    old = e5_bot.ask(q).to_json()
    failures: list[BaseException] = []
    seen: list[dict] = []
    stop = threading.Event()

    def keep_asking():
        while not stop.is_set():
            try:
                seen.append(e5_bot.ask(q).to_json())
            except BaseException as exc:   # any error at all is the failure
                failures.append(exc)
                return

    workers = [threading.Thread(target=keep_asking) for _ in range(6)]
    for w in workers:
        w.start()
    report = ingest(FIXTURES / "next_month.txt", e5_bot.data_dir, e5, case_extra=facet_metadata)
    while not any("25分" in json.dumps(a, ensure_ascii=False) for a in seen[-6:]) and not failures:
        threading.Event().wait(0.05)        # until the workers answer from the new version
    stop.set()
    for w in workers:
        w.join()
    new = e5_bot.ask(q).to_json()
    assert report.version and not failures
    assert new != old and "25分" in json.dumps(new, ensure_ascii=False)
    assert all(answer in (old, new) for answer in seen)


@pytest.mark.model
@pytest.mark.slow
def test_fifty_concurrent_chat_calls_through_gradio_client(e5_index_dir, e5, tmp_path):
    """A real served app: 50 simultaneous /chat calls, no error, each answer the one the same
    endpoint gives to that question alone."""
    from gradio_client import Client

    from chatbot import Chatbot, Settings

    shutil.copytree(e5_index_dir, tmp_path / "served")
    bot = Chatbot(Settings(data_dir=tmp_path / "served"), embeddings=e5)
    asks = [(q, *FILTERS[i % len(FILTERS)]) for i, q in enumerate(questions(50))]
    with running(bot) as url:
        client = Client(url, verbose=False)
        alone = [client.predict(q, [], r, lv, p, api_name="/chat")[0] for q, r, lv, p in asks]
        clients = [Client(url, verbose=False) for _ in asks]
        barrier = threading.Barrier(len(asks))
        got: list = [None] * len(asks)
        errors: list[BaseException] = []

        def call(i):
            barrier.wait()
            try:
                got[i] = clients[i].predict(*asks[i][:1], [], *asks[i][1:], api_name="/chat")[0]
            except BaseException as exc:
                errors.append(exc)

        threads = [threading.Thread(target=call, args=(i,)) for i in range(len(asks))]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert not errors, errors[:3]
    wrong = [asks[i][0] for i in range(len(asks)) if got[i] != alone[i]]
    assert not wrong, f"{len(wrong)} of 50 differ: {wrong[:3]}"
    assert all(a["question"] == q for a, (q, *_rest) in zip(got, asks))


@pytest.mark.parametrize("limit", [None, 3])
def test_the_three_ways_to_ask_share_one_pool_of_workers(fake, data_dir, monkeypatch, limit):
    """Gradio's default runs one event at a time; the app sets the answering events' limit."""
    import os

    from chatbot import Chatbot, Settings
    from chatbot.web.app import build
    from ingest.build import ingest as build_index

    if limit:
        monkeypatch.setenv("CHATBOT_ANSWER_CONCURRENCY", str(limit))
    build_index(SEED, data_dir, fake)
    bot = Chatbot(Settings.from_env(data_dir=data_dir), embeddings=fake)
    demo = build(bot)
    asking = [fn for fn in demo.fns.values() if fn.name in ("respond", "guarded")]
    assert len(asking) == 3 and any(fn.api_name == "chat" for fn in asking)
    assert {(fn.concurrency_limit, fn.concurrency_id) for fn in asking} == \
        {(limit or os.cpu_count(), "answer")}
