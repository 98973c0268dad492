"""Issue 18, item 4: what the server leaves behind. SIGTERM (what systemd and docker send) empties
Gradio's upload folder and removes the CSV folder, as Ctrl-C does; uploads/ keeps only what the
kept versions were built from; a refused upload leaves no file; a preview while another ingest
runs keeps the admin's upload."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx

from chatbot.web import admin
from conftest import FIXTURES, SEED, fake_bot_over_copy, free_port
from ingest.versions import KEEP_VERSIONS, UPLOAD_GRACE, ingest_lock
from test_security import queue_call

CHATBOT = str(Path(sys.executable).parent / "chatbot")


def files_under(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()] if folder.exists() else []


def test_sigterm_cleans_up_like_ctrl_c_and_refused_uploads_leave_nothing(fake_index_dir, tmp_path):
    import shutil

    data, gradio, tmp = tmp_path / "data", tmp_path / "gradio", tmp_path / "tmp"
    shutil.copytree(fake_index_dir, data)
    tmp.mkdir()
    port = free_port()
    env = {**os.environ, "CHATBOT_DATA_DIR": str(data), "CHATBOT_EMBEDDINGS": "fake",
           "GRADIO_TEMP_DIR": str(gradio), "TMPDIR": str(tmp), "CHATBOT_MAX_UPLOAD_MB": "1"}
    server = subprocess.Popen([CHATBOT, "serve", "--port", str(port)], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                if httpx.get(url, timeout=5).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert server.poll() is None and time.monotonic() < deadline, server.stdout.read()
            time.sleep(0.5)
        with httpx.Client(timeout=60) as client:
            r = client.post(f"{url}gradio_api/upload", files={"files": ("big.txt", b"a" * 2_000_000, "text/plain")})
            assert r.status_code == 413
            assert files_under(gradio) == []                              # nothing left by the refusal
            r = client.post(f"{url}gradio_api/upload", files={"files": ("a.txt", SEED.read_bytes(), "text/plain")})
            assert r.status_code == 200 and Path(r.json()[0]).is_file()
            queue_call(client, url, "on_load", ["", "", "", ""])          # writes the cases CSV
        assert files_under(gradio) and list(tmp.glob("jichitai-cases-*"))
        server.send_signal(signal.SIGTERM)
        assert server.wait(timeout=60) == 0
    finally:
        if server.poll() is None:
            server.kill()
    assert files_under(gradio) == [] and list(tmp.glob("jichitai-cases-*")) == []


def article(n: int, folder: Path) -> str:
    """The article with one more sentence in a case: a new version each time."""
    text = SEED.read_text(encoding="utf-8").replace("参考:那覇市", f"那覇市は{n}回目の説明会を開きました。\n\n参考:那覇市", 1)
    path = folder / f"article{n}.txt"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_uploads_keep_only_the_files_the_kept_versions_were_built_from(fake_index_dir, tmp_path):
    bot = fake_bot_over_copy(fake_index_dir, tmp_path / "data")
    uploads = bot.data_dir / "uploads"
    for n in range(5):
        html, ok = admin.apply(bot, article(n, tmp_path))
        assert ok and "公開しました" in html, html
        old = time.time() - UPLOAD_GRACE - 60               # as if applied long ago
        for f in uploads.iterdir():
            os.utime(f, (old, old))
    kept = sorted(f.name for f in uploads.iterdir())
    assert len(kept) == KEEP_VERSIONS and all(name.endswith(f"article{n}.txt") for name, n in zip(kept, (2, 3, 4)))
    assert len([p for p in (bot.data_dir / "versions").iterdir() if not p.name.startswith(".")]) == KEEP_VERSIONS


def test_a_preview_while_another_ingest_runs_keeps_the_upload(fake_index_dir, tmp_path):
    bot = fake_bot_over_copy(fake_index_dir, tmp_path / "data")
    gradio = tmp_path / "gradio"
    upload = gradio / "abc" / "next_month.txt"
    upload.parent.mkdir(parents=True)
    upload.write_bytes((FIXTURES / "next_month.txt").read_bytes())
    with ingest_lock(bot.data_dir):                          # a `chatbot ingest` is running
        html, ok = admin.preview(bot, str(upload), uploads=gradio)
    assert not ok and "別の取り込み" in html and upload.is_file()
    html, ok = admin.preview(bot, str(upload), uploads=gradio)
    assert ok and "追加" in html
    html, ok = admin.apply(bot, str(upload))
    assert ok and "公開しました" in html
