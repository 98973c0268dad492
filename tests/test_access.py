"""Issue 18, item 6: an administrator's upload is not served to other staff; the index's files
are owner-only like the rest of the data directory; the feedback CSV names a case once."""
from __future__ import annotations

import csv
import json
import re
import stat
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from chatbot import Answer, Citation, feedback
from chatbot.web import auth
from conftest import CORPUS, fake_bot_over_copy, serving
from test_security import queue_call

CHATBOT = str(Path(sys.executable).parent / "chatbot")


@pytest.fixture(scope="module")
def login_server(fake_index_dir, tmp_path_factory):
    bot = fake_bot_over_copy(fake_index_dir, tmp_path_factory.mktemp("access") / "data")
    users = auth.parse_users(f"boss:{auth.hash_password('pw-boss')}:admin\nstaff:{auth.hash_password('pw-staff')}")
    with serving(bot, users) as url:
        yield url


def client_for(url: str, name: str) -> httpx.Client:
    client = httpx.Client(timeout=60)
    assert client.post(f"{url}login", data={"username": name, "password": f"pw-{name}"}).status_code == 200
    return client


def test_an_admins_upload_is_not_served_to_other_staff(login_server):
    url = login_server
    boss, staff = client_for(url, "boss"), client_for(url, "staff")
    try:
        r = boss.post(f"{url}gradio_api/upload", files={"files": ("secret.txt", "内部資料".encode(), "text/plain")})
        [path] = r.json()
        assert boss.get(f"{url}gradio_api/file={path}").text == "内部資料"
        refused = staff.get(f"{url}gradio_api/file={path}")
        assert refused.status_code == 403 and "内部資料" not in refused.text
        # what the app gives everyone still comes through the same route: the cases CSV
        out = queue_call(staff, url, "on_load", ["", "", "", ""])
        [csv_path] = set(re.findall(r'"path": "([^"]*jichitai_cases\.csv)"', json.dumps(out, ensure_ascii=False)))
        assert staff.get(f"{url}gradio_api/file={csv_path}").status_code == 200
    finally:
        boss.close()
        staff.close()


def modes(folder: Path) -> set[tuple[str, int]]:
    return {("dir" if p.is_dir() else "file", stat.S_IMODE(p.stat().st_mode)) for p in folder.rglob("*")}


def test_every_file_of_an_index_version_is_owner_only(data_dir):
    r = subprocess.run([CHATBOT, "ingest", str(CORPUS)], capture_output=True, text=True, timeout=300,
                       env={**__import__("os").environ, "CHATBOT_EMBEDDINGS": "fake"})
    assert r.returncode == 0, r.stderr
    [version] = [p for p in (data_dir / "versions").iterdir()]
    found = modes(version)
    assert ("file", 0o600) in found and ("dir", 0o700) in found       # Chroma's own files included
    assert found <= {("file", 0o600), ("dir", 0o700)}, found


def test_the_feedback_csv_names_each_cited_case_once(data_dir, tmp_path):
    cites = tuple(Citation(i, c, c, "関東", "市区町村", "神奈川県", f"引用文{i}。", 0.1, "参考:x", i)
                  for i, c in enumerate(("神奈川県厚木市", "神奈川県厚木市", "神奈川県横須賀市"), 1))
    answer = Answer("厚木市の事例は？", "記事には次の記述があります。", cites)
    audit_id = feedback.log_question(data_dir, "", answer)
    feedback.record_feedback(data_dir, {"audit_id": audit_id, "question": answer.question, "answer": answer.text,
                                        "cited": [c.case for c in cites]}, True)
    out = tmp_path / "fb.csv"
    r = subprocess.run([CHATBOT, "feedback", "export", "--out", str(out)], capture_output=True, text=True,
                       timeout=120)
    assert r.returncode == 0, r.stderr
    with open(out, encoding="utf-8-sig", newline="") as fh:
        [row] = list(csv.DictReader(fh))
    assert row["cited"] == "神奈川県厚木市、神奈川県横須賀市"
    assert json.loads(feedback.audit_rows(data_dir)[0]["cited"]) == ["神奈川県厚木市", "神奈川県横須賀市"]
