"""The app's plain functions without a browser: feedback and audit log, users, the admin tab,
`chatbot feedback export`, and the Blocks wiring (the /chat endpoint)."""
import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from chatbot import Answer, Chatbot, Citation, Filters, Settings, UserError, feedback, index_status, versions
from chatbot.web import admin, auth
from conftest import CORPUS, FIXTURES

NEXT = FIXTURES / "next_month.txt"


def answer(question="厚木市は？", cases=("神奈川県厚木市",)) -> Answer:
    cites = tuple(Citation(i, c, c, "関東", "市区町村", "神奈川県", "引用文。", 0.1, "参考:x", 0)
                  for i, c in enumerate(cases, 1))
    return Answer(question, "記事には次の記述があります。", cites)


# --- feedback and audit log ------------------------------------------------------------------

def test_audit_log_records_time_user_question_and_cited_cases(data_dir):
    first = feedback.log_question(data_dir, "staff1", answer(), Filters(level="市区町村"))
    second = feedback.log_question(data_dir, "", answer("Who?", ()), warned=True)
    assert (first, second) == (1, 2)
    rows = feedback.audit_rows(data_dir)
    assert [r["question"] for r in rows] == ["厚木市は？", "Who?"]
    assert rows[0]["user"] == "staff1" and rows[0]["time"][:2] == "20"
    assert json.loads(rows[0]["cited"]) == ["神奈川県厚木市"] and json.loads(rows[1]["cited"]) == []
    assert json.loads(rows[0]["filters"]) == {"level": "市区町村"} and rows[1]["warned"] == 1
    assert (data_dir / feedback.DB_NAME).exists()


def test_feedback_is_stored_with_its_answer(data_dir):
    last = {"audit_id": 7, "question": "厚木市は？", "answer": "…", "cited": ["神奈川県厚木市"]}
    assert "役に立った" in feedback.submit_feedback(data_dir, last, True, " 分かりやすい ", "staff1")
    assert "役に立たなかった" in feedback.submit_feedback(data_dir, last, False)
    assert "評価する回答がありません" in feedback.submit_feedback(data_dir, None, True)
    rows = feedback.feedback_rows(data_dir)
    assert [(r["helpful"], r["comment"], r["user"], r["audit_id"]) for r in rows] == \
        [(1, "分かりやすい", "staff1", 7), (0, "", "", 7)]


def test_export_csv(data_dir):
    assert feedback.feedback_rows(data_dir) == [] and not (data_dir / feedback.DB_NAME).exists()
    last = {"audit_id": 1, "question": "q,\"引用\"", "answer": "a\nb", "cited": ["A市", "B県"]}
    feedback.record_feedback(data_dir, last, True, "コメント")
    out = io.StringIO()
    assert feedback.export_csv(data_dir, out) == 1
    table = list(csv.reader(io.StringIO(out.getvalue())))
    assert table[0] == feedback.FEEDBACK_COLUMNS
    row = dict(zip(table[0], table[1]))
    assert row["question"] == "q,\"引用\"" and row["answer"] == "a\nb" and row["cited"] == "A市、B県"
    assert row["helpful"] == "1" and row["comment"] == "コメント"


def test_cli_feedback_export(data_dir, tmp_path):
    from chatbot.tools.cli import main

    feedback.record_feedback(data_dir, {"question": "厚木市は？", "cited": ["神奈川県厚木市"]}, False, "古い")
    runner = CliRunner()
    r = runner.invoke(main, ["--data-dir", str(data_dir), "feedback", "export"])
    assert r.exit_code == 0, r.output
    assert r.stdout.splitlines()[0].startswith("id,time,user") and "厚木市は？" in r.stdout
    out = tmp_path / "fb.csv"
    r = runner.invoke(main, ["--data-dir", str(data_dir), "feedback", "export", "--out", str(out)])
    assert r.exit_code == 0 and "1 feedback rows" in r.stderr
    with open(out, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert rows[0]["comment"] == "古い" and rows[0]["helpful"] == "0"
    r = runner.invoke(main, ["feedback", "export", "--out", str(tmp_path / "no" / "dir.csv")])
    assert r.exit_code == 1 and "cannot write" in r.output and "Traceback" not in r.output


# --- users -----------------------------------------------------------------------------------

def test_users_from_file_and_variable(tmp_path):
    f = tmp_path / "users.txt"
    f.write_text("# staff\nsato:pa:ss\nboss:secret:admin\n\n", encoding="utf-8")
    with pytest.raises(auth.UsersError):   # "ss" is not "admin"
        auth.load_users(Settings(users_file=str(f)))
    f.write_text("# staff\nsato:pass\nboss:secret:admin\n\n", encoding="utf-8")
    users = auth.load_users(Settings(users_file=str(f), users="kato:k1,sato:new"))
    assert set(users) == {"sato", "boss", "kato"}
    assert users["sato"].password == "new" and users["boss"].admin and not users["kato"].admin
    assert "secret" not in repr(users)
    assert auth.authenticate(users, "boss", "secret") and not auth.authenticate(users, "boss", "x")
    assert not auth.authenticate(users, "nobody", "") and not auth.authenticate(users, None, None)
    assert auth.is_admin(users, "boss") and not auth.is_admin(users, "sato") and not auth.is_admin(users, "")
    assert auth.is_admin({}, "") and auth.load_users(Settings()) == {}


@pytest.mark.parametrize("text", ["nopassword", ":pw", "a:b:c:d", "a::admin"])
def test_malformed_users_are_clean_errors(text):
    with pytest.raises(auth.UsersError) as e:
        auth.parse_users(text, sep=",", origin="CHATBOT_USERS")
    assert "CHATBOT_USERS entry 1" in str(e.value) and "name:password" in str(e.value)


def test_missing_users_file_is_a_clean_error(tmp_path):
    with pytest.raises(auth.UsersError, match="cannot read CHATBOT_USERS_FILE"):
        auth.load_users(Settings(users_file=str(tmp_path / "none.txt")))


def test_username_of_request():
    class R:
        username = "sato"
    assert auth.username(R()) == "sato" and auth.username(None) == ""


# --- admin: status, preview, apply -----------------------------------------------------------

@pytest.fixture
def fake_bot(data_dir, fake):
    bot = Chatbot(Settings(data_dir=data_dir, embeddings="fake"), embeddings=fake)
    bot.ingest(CORPUS)
    return bot


def test_status_of_the_index(fake_bot, data_dir):
    s = index_status(fake_bot.settings)
    assert s["cases"] == 62 and s["model"] == fake_bot.embeddings.name and s["ingests"] == 1
    assert [a["version"] for a in s["articles"]] == ["12月最新版"] and s["last_ingest"]
    html = admin.status_html(s)
    for text in ("12月最新版", "62件", fake_bot.embeddings.name, "最後の取り込み", s["version"]):
        assert text in html
    [row] = admin.history_table(versions(fake_bot.settings))
    assert row[2:6] == [62, 62, 0, 0]
    assert "索引がまだありません" in admin.status_html(index_status(Settings(data_dir=data_dir / "nothing")))


def test_preview_shows_the_case_diff_without_writing(fake_bot, data_dir):
    before = sorted(p.name for p in (data_dir / "versions").iterdir())
    diff = admin.preview_diff(fake_bot, NEXT)
    assert (diff.added, diff.updated, diff.removed) == (["北海道札幌市"], ["神奈川県厚木市"], ["三重県桑名市"])
    assert diff.unchanged == 60 and diff.articles[0]["version"] == "1月最新版" and not diff.refused
    html, ok = admin.preview(fake_bot, str(NEXT))
    assert ok and "追加（1件）" in html and "北海道札幌市" in html and "三重県桑名市" in html
    assert sorted(p.name for p in (data_dir / "versions").iterdir()) == before


def test_preview_against_no_index_adds_everything(data_dir, fake):
    bot = Chatbot(Settings(data_dir=data_dir), embeddings=fake)
    diff = admin.preview_diff(bot, CORPUS / "chatgpt_jichitai_katsuyo_jirei_62.txt")
    assert len(diff.added) == 62 and diff.removed == []


@pytest.mark.parametrize("name, words", [
    ("binary.txt", "取り込めません"), ("empty.txt", "empty"), ("no_cases.txt", "取り込めません"),
])
def test_bad_files_are_messages(fake_bot, data_dir, name, words):
    html, ok = admin.preview(fake_bot, str(FIXTURES / name))
    assert not ok and "admin-error" in html and words in html and "Traceback" not in html
    assert str(FIXTURES) not in html and name in html   # the file's name, not its temp folder


def test_preview_without_file_and_truncated_file(fake_bot, data_dir):
    html, ok = admin.preview(fake_bot, None)
    assert not ok and "選んでください" in html
    html, ok = admin.preview(fake_bot, str(FIXTURES / "truncated.txt"))
    assert ok and "半数以上の削除を許可する" in html
    html, ok = admin.apply(fake_bot, str(FIXTURES / "truncated.txt"))
    assert not ok and "--force" in html and "Traceback" not in html


def test_apply_publishes_and_the_bot_reloads(fake_bot, data_dir):
    assert not any(c.title == "北海道札幌市" for c in fake_bot.retriever().cases.values())
    html, ok = admin.apply(fake_bot, str(NEXT))
    assert ok and "公開しました" in html and "追加 1、更新 1、削除 1" in html
    titles = {c.title for c in fake_bot.retriever().cases.values()}
    assert "北海道札幌市" in titles and "三重県桑名市" not in titles
    assert any(k.startswith("facet.") for m in fake_bot.retriever().meta.values() for k in m)
    assert list((data_dir / "uploads").iterdir())[0].name.endswith("-next_month.txt")
    assert index_status(fake_bot.settings)["articles"][0]["version"] == "1月最新版"
    html, ok = admin.apply(fake_bot, str(NEXT))
    assert ok and "変更はありませんでした" in html
    html, ok = admin.apply(fake_bot, str(FIXTURES / "binary.txt"))
    assert not ok and "適用できませんでした" in html


# --- the Blocks wiring -----------------------------------------------------------------------

def test_chat_endpoint_takes_a_question_with_optional_filters(fake_bot):
    from chatbot.web.app import build

    demo = build(fake_bot)
    info = demo.get_api_info()
    assert list(info["named_endpoints"]) == ["/chat"]
    params = info["named_endpoints"]["/chat"]["parameters"]
    assert [p["parameter_name"] for p in params] == ["question", "history", "region", "level", "prefecture"]
    assert [p["parameter_has_default"] for p in params] == [False, True, True, True, True]
    returns = info["named_endpoints"]["/chat"]["returns"]
    assert returns[0]["component"] == "Json"


def test_the_served_app_forgets_the_least_recently_used_sessions(fake_index_dir, tmp_path):
    """Gradio keeps each session's outputs, 10,000 sessions by default: a long-running server
    grew with every page opened (issue 20). CHATBOT_MAX_SESSIONS bounds them."""
    import asyncio
    import socket

    from chatbot.tools.served import _one
    from chatbot.web.app import serve
    from conftest import fake_bot_over_copy

    bot = fake_bot_over_copy(fake_index_dir, tmp_path / "data", max_sessions=3)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    demo = serve(bot, "127.0.0.1", port, None, block=False, quiet=True)
    try:
        for q in ["厚木市は？", "横須賀市は？", "つくば市は？", "福岡市は？", "大阪市は？"]:
            assert asyncio.run(_one(f"http://127.0.0.1:{port}/", [q, [], "", "", "", None]))
        assert len(demo.state_holder.session_data) == 3
    finally:
        demo.close()


def test_launch_refuses_malformed_users(data_dir):
    from chatbot.web.app import launch

    with pytest.raises(UserError, match="CHATBOT_USERS entry 1"):
        launch(Settings(data_dir=data_dir, users="nopassword"), "0.0.0.0", 0)


# --- serving beyond this machine ---------------------------------------------------------------

@pytest.mark.parametrize("host, loopback", [
    ("127.0.0.1", True), ("127.0.1.1", True), ("::1", True), ("[::1]", True), ("localhost", True),
    ("0.0.0.0", False), ("::", False), ("10.0.0.5", False), ("", False), ("no-such-host.invalid", False),
])
def test_loopback_hosts(host, loopback):
    assert auth.is_loopback(host) is loopback


def test_an_open_admin_tab_is_served_on_loopback_only_unless_allowed():
    users = auth.parse_users("boss:pw:admin", sep=",")
    assert auth.check_exposure("127.0.0.1", {}) == "" and auth.check_exposure("0.0.0.0", users) == ""
    with pytest.raises(auth.ExposedAdminError) as refused:
        auth.check_exposure("0.0.0.0", {})
    assert "chatbot users add" in str(refused.value) and "CHATBOT_USERS_FILE" in str(refused.value)
    assert "--allow-anonymous-admin" in str(refused.value)
    warning = auth.check_exposure("10.0.0.5", {}, allow_anonymous_admin=True)
    assert warning.startswith("warning: serving on 10.0.0.5 without login") and "管理" in warning


def test_serve_on_a_shared_address_without_users_refuses_to_start(data_dir):
    """The real command: one line saying how to add users, exit 1, nothing served or loaded."""
    chatbot = str(Path(sys.executable).parent / "chatbot")
    for args, env in ((["serve", "--host", "0.0.0.0", "--port", "9"], {}),
                      (["serve"], {"CHATBOT_HOST": "0.0.0.0", "CHATBOT_PORT": "9"})):
        p = subprocess.run([chatbot, "--data-dir", str(data_dir), *args], capture_output=True, text=True,
                           timeout=120, env={**os.environ, **env})
        assert p.returncode == 1, p.stdout + p.stderr
        [line] = p.stderr.strip().splitlines()
        assert line.startswith("Error: refusing to serve on 0.0.0.0 without login")
        assert "chatbot users add NAME --admin" in line and "Traceback" not in p.stderr
    assert not data_dir.exists()          # refused before the index was even looked for
