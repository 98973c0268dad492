"""Feedback on answers and the audit log of questions, in one SQLite file in the data directory.

    <data dir>/feedback.sqlite3   (owner-only, like everything in the data directory)
        audit(id, time, user, question, cited, kind, filters, warned, personal, question_hash,
              sent_to)
        feedback(id, time, user, audit_id, question, answer, cited, helpful, comment)
    <data dir>/audit.key          the secret behind question_hash

A question holding personal data (`chatbot.privacy`) is stored redacted: the matched spans
masked, its kinds in ``personal``, and ``question_hash`` (HMAC-SHA256 of the question as asked,
keyed by audit.key) so repeats can be counted without keeping the text. With
``retention_days`` set, rows older than that are deleted (`purge`, `chatbot audit purge`), with
SQLite's secure_delete so the text does not linger in free pages.
`chatbot feedback export` writes the feedback table as CSV (`chatbot.csvsafe`).
"""
from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
import sqlite3
import sys
import threading
import time
from contextlib import closing
from datetime import datetime, timezone
from pathlib import Path
from typing import TextIO

from chatbot.csvsafe import write_rows
from chatbot.privacy import find_personal_data, personal_data_kinds, redact
from core.files import private, private_dir, private_file

DB_NAME = "feedback.sqlite3"
KEY_NAME = "audit.key"
FEEDBACK_COLUMNS = ["id", "time", "user", "audit_id", "question", "answer", "cited", "helpful", "comment"]
AUDIT_COLUMNS = ["id", "time", "user", "question", "cited", "kind", "filters", "warned", "personal",
                 "question_hash", "sent_to"]
MAX_COMMENT = 2000
PURGE_EVERY = 3600          # seconds between automatic purges (each process, each data directory)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS audit (
    id INTEGER PRIMARY KEY AUTOINCREMENT, time TEXT NOT NULL, user TEXT NOT NULL DEFAULT '',
    question TEXT NOT NULL, cited TEXT NOT NULL DEFAULT '[]', kind TEXT NOT NULL DEFAULT '',
    filters TEXT NOT NULL DEFAULT '{}', warned INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT, time TEXT NOT NULL, user TEXT NOT NULL DEFAULT '',
    audit_id INTEGER, question TEXT NOT NULL, answer TEXT NOT NULL DEFAULT '',
    cited TEXT NOT NULL DEFAULT '[]', helpful INTEGER NOT NULL, comment TEXT NOT NULL DEFAULT '');
"""
# Columns added since the first release, migrated in place; sent_to names the LLM a question was
# sent to ('': it stayed on this machine).
_ADDED = {"personal": "TEXT NOT NULL DEFAULT '[]'", "question_hash": "TEXT NOT NULL DEFAULT ''",
          "sent_to": "TEXT NOT NULL DEFAULT ''"}


def _now() -> str:
    return datetime.now(timezone.utc).astimezone().isoformat(timespec="seconds")


def connect(data_dir: Path) -> sqlite3.Connection:
    """The database, created on first use (one connection per call: handlers run in threads)."""
    path = private_file(private_dir(data_dir) / DB_NAME)
    con = sqlite3.connect(path, timeout=10)
    con.row_factory = sqlite3.Row
    con.execute("PRAGMA secure_delete = ON")    # deleted rows are overwritten, not left in the file
    con.executescript(_SCHEMA)
    missing = [c for c in _ADDED if c not in {r[1] for r in con.execute("PRAGMA table_info(audit)")}]
    if missing:
        with con:
            try:
                for column in missing:
                    con.execute(f"ALTER TABLE audit ADD COLUMN {column} {_ADDED[column]}")
            except sqlite3.OperationalError as exc:   # another connection migrated it just now
                if "duplicate column" not in str(exc):
                    raise
            else:
                _redact_old_rows(con)
    return con


def _redact_old_rows(con: sqlite3.Connection) -> None:
    """Rows written before questions were stored redacted: redact them now."""
    for table, columns in (("audit", ("question",)), ("feedback", ("question", "answer"))):
        for row in con.execute(f"SELECT id, {', '.join(columns)} FROM {table}").fetchall():
            new = [redact(row[c]) for c in columns]
            if new != [row[c] for c in columns]:
                con.execute(f"UPDATE {table} SET {', '.join(f'{c} = ?' for c in columns)} WHERE id = ?",
                            (*new, row["id"]))


_keys: dict[Path, bytes] = {}
_keys_lock = threading.Lock()


def _key(data_dir: Path) -> bytes:
    """This installation's secret for question hashes, created on first use (owner-only)."""
    path = Path(data_dir).resolve() / KEY_NAME
    with _keys_lock:
        if path not in _keys:
            if not path.exists():
                tmp = path.with_name(f".{KEY_NAME}.{os.getpid()}.{threading.get_ident()}")
                with open(tmp, "wb", opener=private) as fh:
                    fh.write(secrets.token_bytes(32))
                try:
                    os.link(tmp, path)             # never replaces a key another process made
                except FileExistsError:
                    pass
                finally:
                    tmp.unlink()
            _keys[path] = path.read_bytes()
        return _keys[path]


def question_hash(data_dir: Path, question: str) -> str:
    """HMAC-SHA256 of the question as asked: equal questions, equal hashes; without audit.key
    the hash cannot be tested against guesses (a phone number has few enough to try them all)."""
    return hmac.new(_key(data_dir), question.encode("utf-8"), hashlib.sha256).hexdigest()


def mark_sent(data_dir: Path, audit_id: int, destination: str) -> None:
    """Record in the audit log that question `audit_id` was sent out, and where to."""
    with closing(connect(data_dir)) as con, con:
        con.execute("UPDATE audit SET sent_to = ? WHERE id = ?", (destination, audit_id))


def log_question(data_dir: Path, user: str, answer, filters=None, warned: bool = False, *,
                 retention_days: int = 0) -> int:
    """Append a question to the audit log: time, user, question (redacted when it holds personal
    data), its hash, cited cases. Returns its id.

    Args:
        retention_days: when > 0, rows older than this are purged (at most once an hour).
    """
    where = {k: v for k, v in (("region", getattr(filters, "region", "")),
                               ("level", getattr(filters, "level", "")),
                               ("prefecture", getattr(filters, "prefecture", ""))) if v}
    cited = _cases(c.case for c in answer.citations)
    findings = find_personal_data(answer.question)
    with closing(connect(data_dir)) as con, con:
        cur = con.execute(
            "INSERT INTO audit (time, user, question, cited, kind, filters, warned, personal, question_hash) "
            "VALUES (?,?,?,?,?,?,?,?,?)",
            (_now(), user or "", redact(answer.question, findings), json.dumps(cited, ensure_ascii=False),
             answer.kind, json.dumps(where, ensure_ascii=False), int(warned),
             json.dumps(personal_data_kinds(answer.question, findings)),
             question_hash(data_dir, answer.question)))
        row_id = int(cur.lastrowid)
    if retention_days > 0:
        purge_now_and_then(data_dir, retention_days)
    return row_id


def record_feedback(data_dir: Path, last: dict, helpful: bool, comment: str = "", user: str = "") -> int:
    """Store 役に立った (helpful) / 役に立たなかった on the answer described by `last` (question,
    answer and comment redacted like the audit log)."""
    with closing(connect(data_dir)) as con, con:
        cur = con.execute(
            "INSERT INTO feedback (time, user, audit_id, question, answer, cited, helpful, comment) "
            "VALUES (?,?,?,?,?,?,?,?)",
            (_now(), user or "", last.get("audit_id"), redact(last.get("question", "")),
             redact(last.get("answer", "")), json.dumps(_cases(last.get("cited", [])), ensure_ascii=False),
             int(bool(helpful)), redact((comment or "").strip()[:MAX_COMMENT])))
        return int(cur.lastrowid)


def purge(data_dir: Path, days: int) -> tuple[int, int]:
    """Delete audit and feedback rows older than `days` days. Returns (audit rows, feedback rows)."""
    if days <= 0:
        raise ValueError("days must be at least 1")
    if not (Path(data_dir) / DB_NAME).exists():
        return 0, 0
    with closing(connect(data_dir)) as con, con:
        return tuple(con.execute(f"DELETE FROM {table} WHERE julianday(time) < julianday('now', ?)",
                                 (f"-{int(days)} days",)).rowcount for table in ("audit", "feedback"))


def _cases(cited) -> list[str]:
    """Cited cases, each once (an answer may quote two sentences of one case)."""
    return list(dict.fromkeys(cited))


def purge_all(data_dir: Path) -> tuple[int, int]:
    """Delete every audit and feedback row (overwritten: secure_delete). Returns the counts."""
    if not (Path(data_dir) / DB_NAME).exists():
        return 0, 0
    with closing(connect(data_dir)) as con, con:
        return tuple(con.execute(f"DELETE FROM {table}").rowcount for table in ("audit", "feedback"))


_purged: dict[Path, float] = {}


def purge_now_and_then(data_dir: Path, days: int) -> None:
    """`purge`, unless this process did it for data_dir less than PURGE_EVERY seconds ago."""
    key, now = Path(data_dir).resolve(), time.monotonic()
    if now - _purged.get(key, -PURGE_EVERY) >= PURGE_EVERY:
        _purged[key] = now
        purge(data_dir, days)


def submit_feedback(data_dir: Path, last: dict | None, helpful: bool, comment: str = "",
                    user: str = "") -> str:
    """The feedback buttons: store and return the message to show (Japanese)."""
    if not last:
        return ("評価する回答がありません。質問してから評価してください"
                "（しばらく操作がなかったときは、もう一度質問してください）。")
    record_feedback(data_dir, last, helpful, comment, user)
    label = "役に立った" if helpful else "役に立たなかった"
    return f"フィードバック（{label}）を記録しました。ありがとうございます。"


def _rows(data_dir: Path, table: str) -> list[dict]:
    if not (Path(data_dir) / DB_NAME).exists():
        return []
    with closing(connect(data_dir)) as con:
        return [dict(r) for r in con.execute(f"SELECT * FROM {table} ORDER BY id")]


def feedback_rows(data_dir: Path) -> list[dict]:
    return _rows(data_dir, "feedback")


def audit_rows(data_dir: Path) -> list[dict]:
    return _rows(data_dir, "audit")


def export_csv(data_dir: Path, out: TextIO | None = None) -> int:
    """Write the feedback as CSV (cited cases joined with 、; helpful as 1/0; no cell is a
    spreadsheet formula). Returns the row count."""
    rows = ({**r, "cited": "、".join(_cases(json.loads(r["cited"] or "[]")))} for r in feedback_rows(data_dir))
    return write_rows(out or sys.stdout, FEEDBACK_COLUMNS, ([r[c] for c in FEEDBACK_COLUMNS] for r in rows))
