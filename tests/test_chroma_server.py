"""The index on a real Chroma server (`chroma run` on a free loopback port): the same ingest,
versions, diff and answers as the embedded store; one collection per version, dropped when the
version is pruned or its build dies."""
from __future__ import annotations

import http.server
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import CORPUS, FIXTURES, QA, ROOT, SEED
from core.index import open_index
from core.store import ChromaServer, StoreError, history, read_store_record
from ingest.build import ingest

CHROMA = str(Path(sys.executable).parent / "chroma")
CHATBOT = str(Path(sys.executable).parent / "chatbot")
NEXT = FIXTURES / "next_month.txt"

pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """`chroma run` on 127.0.0.1 at a free port, up once its heartbeat answers."""
    path, port = tmp_path_factory.mktemp("chroma-server"), free_port()
    proc = subprocess.Popen([CHROMA, "run", "--path", str(path), "--host", "127.0.0.1",
                             "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v2/heartbeat", timeout=2):
                break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                pytest.fail(f"chroma run did not start: {proc.stderr.read().decode()[-500:]}")
            time.sleep(0.2)
    yield ChromaServer("127.0.0.1", port)
    proc.terminate()
    proc.wait(timeout=30)


def collections(server: ChromaServer) -> set[str]:
    return {c.name for c in server.client().list_collections()}


def env_for(server: ChromaServer, data_dir: Path) -> dict:
    return {**os.environ, "CHATBOT_EMBEDDINGS": "fake", "CHATBOT_DATA_DIR": str(data_dir),
            "CHROMA_HOST": server.host, "CHROMA_PORT": str(server.port)}


def test_ingest_versions_and_diff_match_the_embedded_store(server, fake, tmp_path):
    on_server, embedded = tmp_path / "server", tmp_path / "embedded"
    for path in (SEED, SEED, NEXT):
        a = ingest(path, on_server, fake, server=server)
        b = ingest(path, embedded, fake)
        assert (a.added, a.updated, a.removed, a.unchanged, a.embedded, a.cases) == \
            (b.added, b.updated, b.removed, b.unchanged, b.embedded, b.cases)
        assert bool(a.version) == bool(b.version)
    index = open_index(on_server, fake.name, server)
    record = read_store_record(index.path)
    assert record["backend"] == "server" and record["collection"] in collections(server)
    assert not list(index.path.glob("chroma.sqlite3"))          # only the vectors are remote
    assert (index.path / "catalog.json").exists() and (index.path / "lexical").is_dir()
    local = open_index(embedded, fake.name)
    assert sorted(r[:3] for r in index.records()) == sorted(r[:3] for r in local.records())
    assert [r["published"] for r in history(on_server)] == [True, False, True]


def test_answers_equal_the_embedded_store_with_e5(server, e5_index_dir, e5, shared_e5_bot, tmp_path):
    """The e5 index moved to the server (its vectors reused, nothing embedded again) answers
    every question of the QA set exactly as the embedded one does."""
    from chatbot import Chatbot, Filters, Settings

    d = tmp_path / "data"
    shutil.copytree(e5_index_dir, d)
    from core.facets import facet_metadata

    moved = ingest(CORPUS, d, e5, case_extra=facet_metadata, server=server)
    assert moved.version and moved.embedded == 0 and not moved.changed
    bot = Chatbot(Settings(data_dir=d, chroma_host=server.host, chroma_port=server.port), embeddings=e5)
    questions = [json.loads(line)["question"] for line in QA.read_text(encoding="utf-8").splitlines()
                 if line.strip()]
    for q in questions:
        for f in (Filters(), Filters(region="関東"), Filters(case_keys=frozenset(list(bot.retriever().cases)[:3]))):
            assert bot.ask(q, f).to_json() == shared_e5_bot.ask(q, f).to_json(), (q, f)


def test_pruned_versions_drop_their_collections(server, fake, tmp_path):
    d = tmp_path / "data"
    names = []
    for path in (SEED, NEXT, SEED, NEXT, SEED):
        report = ingest(path, d, fake, server=server)
        names.append(read_store_record(d / "versions" / report.version)["collection"])
    kept = {read_store_record(p)["collection"] for p in (d / "versions").iterdir()}
    assert len(kept) == 3 and kept == set(names[-3:])
    assert kept <= collections(server) and not set(names[:2]) & collections(server)


def test_a_failed_build_leaves_the_old_version_and_no_collection(server, fake, tmp_path):
    d = tmp_path / "data"
    first = ingest(SEED, d, fake, server=server)
    before = collections(server)

    class Failing(type(fake)):
        def embed_documents(self, texts):
            raise MemoryError("out of memory half-way")

    with pytest.raises(MemoryError):
        ingest(NEXT, d, Failing(), server=server)
    assert collections(server) == before
    assert open_index(d, fake.name, server).version == first.version
    assert not list((d / "versions").glob(".tmp-*"))


def test_a_killed_ingest_leaves_the_old_version_serving_and_its_collection_is_dropped(server, tmp_path):
    from test_crash import big_article_text

    d = tmp_path / "data"
    env = env_for(server, d)
    subprocess.run([CHATBOT, "ingest", str(SEED)], env=env, check=True, capture_output=True, cwd=ROOT)
    old = open_index(d, "fake:hash-256", server).version
    big = tmp_path / "big.txt"
    big.write_text(big_article_text(), encoding="utf-8")
    proc = subprocess.Popen([CHATBOT, "ingest", str(big)], env=env, cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    orphan = None
    deadline = time.monotonic() + 300
    while orphan is None and proc.poll() is None and time.monotonic() < deadline:
        for tmp in (d / "versions").glob(".tmp-*"):
            name = read_store_record(tmp).get("collection")
            if name and name in collections(server):
                orphan = name
        time.sleep(0.05)
    assert orphan and proc.poll() is None, "the ingest ended before it could be killed mid-build"
    os.kill(proc.pid, signal.SIGKILL)
    proc.communicate(timeout=60)
    assert open_index(d, "fake:hash-256", server).version == old      # still served
    assert orphan in collections(server)
    again = subprocess.run([CHATBOT, "ingest", str(big), "--json"], env=env, cwd=ROOT,
                           capture_output=True, text=True, timeout=600)
    assert again.returncode == 0, again.stderr
    assert orphan not in collections(server)
    assert open_index(d, "fake:hash-256", server).version == json.loads(again.stdout)["version"]


def test_cli_ask_through_the_server_and_clear_errors(server, tmp_path):
    d = tmp_path / "data"
    env = env_for(server, d)
    subprocess.run([CHATBOT, "ingest", str(SEED)], env=env, check=True, capture_output=True, cwd=ROOT)
    ok = subprocess.run([CHATBOT, "ask", "Who uses Azure OpenAI Service?", "--json"], env=env,
                        capture_output=True, text=True, cwd=ROOT)
    assert ok.returncode == 0 and json.loads(ok.stdout)["citations"]
    for broken in ({"CHROMA_HOST": ""}, {"CHROMA_PORT": str(free_port())}):
        bad = subprocess.run([CHATBOT, "ask", "Who uses Azure?"], env={**env, **broken},
                             capture_output=True, text=True, cwd=ROOT)
        assert bad.returncode == 1 and "Traceback" not in bad.stderr and "CHROMA_" in bad.stderr


class _TokenProxy(http.server.ThreadingHTTPServer):
    """A reverse proxy in front of the Chroma server that wants a bearer token (what nginx
    does in the README's deployment)."""

    def __init__(self, upstream: ChromaServer, token: str):
        self.upstream, self.token, self.refused = upstream, token, 0
        super().__init__(("127.0.0.1", 0), _ProxyHandler)


class _ProxyHandler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def _forward(self):
        proxy: _TokenProxy = self.server
        if self.headers.get("Authorization") != f"Bearer {proxy.token}":
            proxy.refused += 1
            self.send_response(401)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0)) or None
        url = f"http://{proxy.upstream.host}:{proxy.upstream.port}{self.path}"
        headers = {k: v for k, v in self.headers.items() if k.lower() in ("content-type", "accept")}
        try:
            with urllib.request.urlopen(urllib.request.Request(url, body, headers, method=self.command)) as r:
                status, data, ctype = r.status, r.read(), r.headers.get("Content-Type", "")
        except urllib.error.HTTPError as e:
            status, data, ctype = e.code, e.read(), e.headers.get("Content-Type", "")
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = _forward


def test_chroma_token_is_sent_as_a_bearer_token(server, fake, tmp_path):
    proxy = _TokenProxy(server, "s3cret")
    threading.Thread(target=proxy.serve_forever, daemon=True).start()
    try:
        behind = ChromaServer("127.0.0.1", proxy.server_address[1], "s3cret")
        report = ingest(SEED, tmp_path / "data", fake, server=behind)
        assert report.version and proxy.refused == 0
        assert open_index(tmp_path / "data", fake.name, behind).dense(fake.embed_query("厚木市"), 3)
        with pytest.raises(StoreError):
            ingest(NEXT, tmp_path / "data", fake, server=ChromaServer("127.0.0.1", proxy.server_address[1]))
        assert proxy.refused > 0
    finally:
        proxy.shutdown()
