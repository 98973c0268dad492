"""Issue 18, item 5: the edges of the real `chatbot` command — empty arguments, ports it cannot
use, an over-long line in `chatbot chat`, and deleting every audit row."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

from chatbot import Answer, feedback
from conftest import SEED

CHATBOT = str(Path(sys.executable).parent / "chatbot")


def run(*args, stdin: str | None = None, **env) -> subprocess.CompletedProcess:
    return subprocess.run([CHATBOT, *args], capture_output=True, text=True, timeout=300, input=stdin,
                          env={**os.environ, **env})


def one_error_line(r: subprocess.CompletedProcess) -> str:
    assert r.returncode == 1 and "Traceback" not in r.stderr + r.stdout, (r.stdout, r.stderr)
    [line] = r.stderr.strip().splitlines()
    assert line.startswith("Error: ")
    return line


def test_an_empty_question_is_an_error(data_dir):
    for question in ("", "   "):
        assert "a question is empty" in one_error_line(run("ask", question))
    assert "a question is empty" in one_error_line(run("ask", "厚木市は？", ""))


def test_an_empty_path_is_not_the_current_directory(data_dir, tmp_path):
    (tmp_path / "article.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    r = subprocess.run([CHATBOT, "ingest", ""], capture_output=True, text=True, timeout=300, cwd=tmp_path,
                       env={**os.environ, "CHATBOT_EMBEDDINGS": "fake"})
    assert "no article given" in one_error_line(r)
    assert not (data_dir / "versions").exists()


def test_a_port_the_server_cannot_use_is_one_line(data_dir):
    assert "port 99999 is not a TCP port" in one_error_line(run("serve", "--port", "99999"))
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        line = one_error_line(run("serve", "--port", str(port)))
    assert f"cannot listen on 127.0.0.1:{port}" in line and "--port" in line


def test_an_over_long_line_in_chat_does_not_end_the_session(fake_index_dir, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(fake_index_dir, data)
    r = run("chat", stdin="あ" * 2001 + "\n厚木市の事例は？\n", CHATBOT_DATA_DIR=str(data), CHATBOT_EMBEDDINGS="fake")
    assert r.returncode == 0, r.stderr
    assert "質問が長すぎます（2,001文字）" in r.stderr
    assert "厚木市" in r.stdout and "[1]" in r.stdout                 # the next question was answered


def _rows(data_dir: Path) -> None:
    for q in ("一つ目", "二つ目"):
        feedback.record_feedback(data_dir, {"audit_id": feedback.log_question(data_dir, "", Answer(q, "回答")),
                                            "question": q}, True)


def test_audit_purge_all_asks_first(data_dir):
    _rows(data_dir)
    r = run("audit", "purge", "--all", stdin="n\n")
    assert r.returncode == 1 and "Delete ALL audit-log and feedback rows" in r.stdout
    assert len(feedback.audit_rows(data_dir)) == 2
    assert run("audit", "purge", "--all").returncode == 1              # no answer: nothing deleted
    assert len(feedback.audit_rows(data_dir)) == 2
    r = run("audit", "purge", "--all", stdin="y\n")
    assert r.returncode == 0 and "deleted all 2 audit rows and 2 feedback rows" in r.stdout
    assert feedback.audit_rows(data_dir) == [] and feedback.feedback_rows(data_dir) == []
    _rows(data_dir)
    assert run("audit", "purge", "--all", "--yes").returncode == 0 and feedback.audit_rows(data_dir) == []
    assert run("audit", "purge", "--days", "0").returncode == 2         # still not a way to delete all
    assert "not both" in one_error_line(run("audit", "purge", "--all", "--days", "3", "--yes"))
