"""Limits, checked before any work: the question's length, the chat history, the request body,
the upload size. Each attack of issue #11 is reproduced against the real command or the real
Gradio server: a 12,000-character question, a 50 MB history, a malformed history of 20,000
items, a 21 MB upload."""
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from chatbot import Answer, Filters, Settings
from chatbot.limits import LimitError, check_question, clean_history
from chatbot.web import views
from conftest import ROOT, fake_bot_over_copy, serving

CHATBOT = str(Path(sys.executable).parent / "chatbot")


# --- the plain functions ---------------------------------------------------------------------

def test_a_question_over_the_limit_is_refused_with_a_polite_message():
    assert check_question("  厚木市は？ \n") == "厚木市は？" and check_question(None) == ""
    assert check_question("あ" * 2000) == "あ" * 2000
    with pytest.raises(LimitError) as e:
        check_question("あ" * 2001)
    assert "2,001文字" in str(e.value) and "2,000文字以内" in str(e.value)
    assert e.value.detail == "question of 2001 characters > 2000"          # the log line: numbers only
    with pytest.raises(LimitError):
        check_question("abc", Settings(max_question_chars=2))


def test_history_keeps_user_and_assistant_text_newest_first_within_the_limits():
    history = [
        {"role": "system", "content": "you are…"},
        {"role": "user", "content": "厚木市は？", "metadata": None},
        {"role": "assistant", "content": [{"type": "text", "text": "[1] 神奈川県厚木市 &lt;b&gt;"}]},
        {"role": "user", "content": {"file": {"path": "/etc/passwd"}, "type": "file"}},
        {"role": "user", "content": ["笠間市は？", {"type": "text", "text": "続き"}]},
        {"role": "assistant", "content": "<script>alert(1)</script>"},
    ]
    assert clean_history(history) == [
        {"role": "user", "content": "厚木市は？"},
        {"role": "assistant", "content": "[1] 神奈川県厚木市 <b>"},            # the text as typed
        {"role": "user", "content": "笠間市は？\n続き"},
        {"role": "assistant", "content": "<script>alert(1)</script>"},       # text, never markup
    ]
    long = [{"role": r, "content": f"{r}{i}"} for i in range(100) for r in ("user", "assistant")]
    kept = clean_history(long, Settings(max_history_turns=3))
    assert [m["content"] for m in kept] == ["user97", "assistant97", "user98", "assistant98",
                                            "user99", "assistant99"]
    kept = clean_history(long, Settings(max_history_chars=30))       # 11+6+11+6: cuts a pair,
    assert [m["content"] for m in kept] == ["user99", "assistant99"]  # starts with a question
    assert clean_history(None) == [] and clean_history([]) == []
    # only the newest messages are read: garbage beyond the limits costs nothing
    assert len(clean_history([1] * 100_000 + long)) == 40


@pytest.mark.parametrize("history", ["abc", {"role": "user"}, [1], [{"role": "user"}],
                                     [{"content": "x"}], [None, {"role": "user", "content": "x"}]])
def test_what_is_not_a_history_is_refused(history):
    with pytest.raises(LimitError) as e:
        clean_history(history)
    assert "履歴の形式" in str(e.value) and "chat history" in e.value.detail


class StubBot:
    def __init__(self, data_dir):
        self.data_dir, self.settings, self.asked = data_dir, Settings(data_dir=data_dir), []

    def ask(self, question, filters=Filters(), history=None):
        self.asked.append(question)
        return Answer(question, "記事には<b>次の</b>記述があります。")

    def chat_model(self):
        return None          # no LLM: the extractive answer

    def retriever(self):
        from types import SimpleNamespace
        return SimpleNamespace(cases={}, memo=lambda name, build: build())


def test_chat_turn_checks_the_limits_before_asking_or_logging(tmp_path):
    from chatbot.feedback import DB_NAME

    bot = StubBot(tmp_path)
    with pytest.raises(LimitError):
        views.chat_turn(bot, "あ" * 2001, [])
    with pytest.raises(LimitError):
        views.chat_turn(bot, "厚木市は？", "not a history")
    assert bot.asked == [] and not (tmp_path / DB_NAME).exists()
    turn = views.chat_turn(bot, "厚木市は？", [{"role": "user", "content": "前の&lt;質問&gt;"},
                                             {"role": "assistant", "content": "前の回答"}])
    # the chat shows every message escaped, and the history survives the round trip unchanged
    assert [m["content"] for m in turn.history] == ["前の&lt;質問&gt;", "前の回答", "厚木市は？",
                                                    "記事には&lt;b&gt;次の&lt;/b&gt;記述があります。"]
    again = views.chat_turn(bot, "次は？", turn.history)
    assert again.history[:4] == turn.history


# --- the CLI ---------------------------------------------------------------------------------

def test_cli_refuses_a_long_question_in_one_line(fake_index_dir, tmp_path):
    data = tmp_path / "data"
    fake_bot_over_copy(fake_index_dir, data)
    env = {**os.environ, "CHATBOT_EMBEDDINGS": "fake", "CHATBOT_DATA_DIR": str(data)}
    question = "厚木市の事例について教えてください。" * 1700          # 30,600 characters (the attack: 40,000)
    started = time.perf_counter()
    p = subprocess.run([CHATBOT, "ask", "厚木市は？", question], capture_output=True, text=True,
                       env=env, cwd=ROOT, timeout=600)
    assert p.returncode == 1 and p.stdout == ""            # refused before the first question is asked
    assert p.stderr.strip().splitlines() == ["Error: 質問が長すぎます（30,600文字）。2,000文字以内に短くしてください。"]
    assert time.perf_counter() - started < 30
    p = subprocess.run([CHATBOT, "ask", "厚木市は？"], capture_output=True, text=True,
                       env={**env, "CHATBOT_MAX_QUESTION_CHARS": "three"}, cwd=ROOT, timeout=600)
    assert p.returncode == 1 and "CHATBOT_MAX_QUESTION_CHARS" in p.stderr and "Traceback" not in p.stderr


# --- the real server -------------------------------------------------------------------------

@pytest.fixture(scope="module")
def server(fake_index_dir, tmp_path_factory):
    bot = fake_bot_over_copy(fake_index_dir, tmp_path_factory.mktemp("limits") / "data")
    with serving(bot) as url:
        yield url


def chat(url: str, body: bytes | dict, timeout: float = 120) -> tuple[int, str, object]:
    """One /chat call through Gradio's HTTP API: (status of the POST, SSE event, its data)."""
    content = body if isinstance(body, bytes) else json.dumps({"data": body}).encode()
    r = httpx.post(f"{url}gradio_api/call/chat", content=content, timeout=timeout,
                   headers={"content-type": "application/json"})
    if r.status_code != 200:
        return r.status_code, "", r.json()
    r = httpx.get(f"{url}gradio_api/call/chat/{r.json()['event_id']}", timeout=timeout)
    # the chat streams ("generating" events) and ends with "complete" or "error": the last counts
    event = [line[7:] for line in r.text.splitlines() if line.startswith("event: ")][-1]
    data = [line[6:] for line in r.text.splitlines() if line.startswith("data: ")][-1]
    return 200, event, json.loads(data)


def test_chat_api_refuses_a_long_question_at_once(server):
    started = time.perf_counter()
    status, event, data = chat(server, ["厚木市" * 4000, [], "", "", ""])
    assert (status, event) == (200, "error") and time.perf_counter() - started < 10
    assert data["error"] == "質問が長すぎます（12,000文字）。2,000文字以内に短くしてください。"
    status, event, data = chat(server, ["厚木市は？", [], "", "", ""])     # the worker is free
    assert event == "complete" and data[0]["citations"]


def test_chat_api_refuses_a_huge_body_before_reading_it(server, caplog):
    history = [{"role": "user", "content": "あ" * 50_000}] * 1_000          # ≈ 50 MB of JSON
    body = json.dumps({"data": ["厚木市は？", history, "", "", ""]}, ensure_ascii=False).encode()
    assert len(body) > 50_000_000
    started = time.perf_counter()
    status, _event, data = chat(server, body)
    assert status == 413 and "リクエストが大きすぎます（上限 256 KB）" in data["detail"]
    assert time.perf_counter() - started < 10
    # a body without a length (chunked) is cut off at the limit too
    r = httpx.post(f"{server}gradio_api/call/chat", content=iter([b"x" * 65536] * 10), timeout=60,
                   headers={"content-type": "application/json"})
    assert r.status_code == 413
    refused = [r for r in caplog.records if r.name == "chatbot.web.guard"]
    assert len(refused) == 2 and all("厚木" not in r.getMessage() for r in refused)


def test_a_malformed_history_costs_one_log_line(server, capfd, caplog):
    status, event, data = chat(server, ["厚木市は？", [1] * 20_000, "", "", ""])
    assert (status, event) == (200, "complete") and data[0]["citations"]     # answered, no history
    assert [m["role"] for m in data[1]] == ["user", "assistant"]
    assert len(capfd.readouterr().err.splitlines()) < 5                       # was 60,000 lines
    [line] = [r.getMessage() for r in caplog.records if r.name == "chatbot.web.views"]
    assert line == "chat history dropped: chat history message 19999 is not a role/content mapping"


def test_a_long_history_is_cut_to_the_limits_not_echoed(server):
    history = [{"role": r, "content": "厚木市の事例。" * 10} for _ in range(100) for r in ("user", "assistant")]
    status, event, data = chat(server, ["厚木市は？", history, "", "", ""])
    assert event == "complete" and len(data[1]) == 2 * 20 + 2
    assert sum(len(m["content"][0]["text"]) for m in data[1][:-2]) <= 20_000


def test_uploads_over_the_size_limit_are_refused_while_streaming(server, caplog):
    big = b"a" * (21 * 1024 * 1024)
    r = httpx.post(f"{server}gradio_api/upload", files={"files": ("big.txt", big, "text/plain")}, timeout=120)
    assert r.status_code == 413 and "maximum allowed size" in r.text
    assert [r.getMessage() for r in caplog.records if r.name == "chatbot.web.guard"] == \
        ["refused POST /gradio_api/upload from 127.0.0.1: upload over the size limit"]
    r = httpx.post(f"{server}gradio_api/upload", files={"files": ("ok.txt", b"small", "text/plain")}, timeout=60)
    assert r.status_code == 200 and Path(r.json()[0]).read_bytes() == b"small"
