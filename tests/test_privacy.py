"""Issue 18, item 3: personal data that escaped masking, and Gradio's log of a malformed call.

Through the real server: what the audit log stores for /chat callers, and what the server's
log holds after a call with too few inputs."""
from __future__ import annotations

import json

import httpx
import pytest

from chatbot import feedback
from chatbot.privacy import find_personal_data, personal_data_kinds, redact
from conftest import fake_bot_over_copy, serving


@pytest.mark.parametrize("text, masked", [
    ("090 1234 5678の件です", "［電話番号］の件です"),
    ("(090)1234-5678まで", "［電話番号］まで"),
    ("(03)1234-5678へ", "［電話番号］へ"),
    ("(03) 1234 5678", "［電話番号］"),
    ("090-1234-5678", "［電話番号］"),                 # as before
    ("〒100-0001 東京都千代田区千代田1-1 の件", "［住所］ の件"),
    ("東京都千代田区千代田1-1に住む者です", "［住所］に住む者です"),
    ("横浜市中区本町6-50-10の者です", "［住所］の者です"),
])
def test_numbers_and_addresses_however_written_are_masked(text, masked):
    assert redact(text) == masked


@pytest.mark.parametrize("text", [
    "厚木市の4-6月の利用は？", "厚木市の事例1-3を教えて", "10-20人規模の自治体は？",
    "神奈川県の2023-2024年度の取り組みは？", "厚木市の事例は？",
])
def test_questions_about_the_article_are_not_personal_data(text):
    assert find_personal_data(text) == []


QUESTIONS = {"090 1234 5678 の者です。厚木市の事例は？": "［電話番号］ の者です。厚木市の事例は？",
             "(03)1234-5678 です。厚木市は？": "［電話番号］ です。厚木市は？",
             "〒100-0001 東京都千代田区千代田1-1 から。厚木市は？": "［住所］ から。厚木市は？"}


def call(url: str, data: list) -> tuple[str, object]:
    r = httpx.post(f"{url}gradio_api/call/chat", json={"data": data}, timeout=120)
    r.raise_for_status()
    r = httpx.get(f"{url}gradio_api/call/chat/{r.json()['event_id']}", timeout=120)
    event = [line[7:] for line in r.text.splitlines() if line.startswith("event: ")][-1]
    data = [line[6:] for line in r.text.splitlines() if line.startswith("data: ")][-1]
    return event, json.loads(data)


def test_the_server_stores_them_masked_and_never_logs_a_malformed_calls_inputs(
        fake_index_dir, tmp_path, capfd, caplog):
    bot = fake_bot_over_copy(fake_index_dir, tmp_path / "data")
    with serving(bot) as url:
        for question in QUESTIONS:
            event, data = call(url, [question, [], "", "", ""])
            assert event == "complete" and data[0]["personal_data"]
        capfd.readouterr()
        event, _ = call(url, ["090 1234 5678 の者です。厚木市の事例は？"])    # 1 of 5 inputs
        assert event == "error"
        event, data = call(url, ["厚木市は？", [], "", "", ""])               # still serving
        assert event == "complete"
    rows = feedback.audit_rows(bot.data_dir)
    assert [r["question"] for r in rows[:3]] == list(QUESTIONS.values())
    assert all(personal_data_kinds(r["question"]) == [] for r in rows)
    logged = capfd.readouterr()
    everything = logged.out + logged.err + caplog.text
    assert "5678" not in everything and "厚木市の事例" not in everything
    assert "values not logged" in everything          # the refusal is still logged, without them
