"""Feedback on answers and the audit log of questions, in one SQLite file in the data directory.

    <data dir>/feedback.sqlite3
        audit(id, time, user, question, cited, kind, filters, warned, sent_to)
        feedback(id, time, user, audit_id, question, answer, cited, helpful, comment)

`chatbot feedback export` writes the feedback table as CSV.
"""
from __future__ import annotations

import csv
import json
import sqlite3
import sys
from contextlib import closing
from datetime import datetime, timezone
from pathlib import Path
from typing import TextIO

DB_NAME = "feedback.sqlite3"
FEEDBACK_COLUMNS = ["id", "time", "user", "audit_id", "question", "answer", "cited", "helpful", "comment"]
AUDIT_COLUMNS = ["id", "time", "user", "question", "cited", "kind", "filters", "warned", "sent_to"]
MAX_COMMENT = 2000

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


def _now() -> str:
    return datetime.now(timezone.utc).astimezone().isoformat(timespec="seconds")


def connect(data_dir: Path) -> sqlite3.Connection:
    """The database, created on first use (one connection per call: handlers run in threads)."""
    data_dir = Path(data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    con = sqlite3.connect(data_dir / DB_NAME, timeout=10)
    con.row_factory = sqlite3.Row
    con.executescript(_SCHEMA)
    _add_sent_to(con)
    return con


# --- where a question was sent (the optional LLM) ---------------------------------------------

def _add_sent_to(con: sqlite3.Connection) -> None:
    """The audit column naming the LLM a question was sent to ('' : it stayed on this machine);
    added in place to databases made before the LLM option."""
    if any(row[1] == "sent_to" for row in con.execute("PRAGMA table_info(audit)")):
        return
    try:
        with con:
            con.execute("ALTER TABLE audit ADD COLUMN sent_to TEXT NOT NULL DEFAULT ''")
    except sqlite3.OperationalError:   # another connection added it first
        if not any(row[1] == "sent_to" for row in con.execute("PRAGMA table_info(audit)")):
            raise


def mark_sent(data_dir: Path, audit_id: int, destination: str) -> None:
    """Record in the audit log that question `audit_id` was sent out, and where to."""
    with closing(connect(data_dir)) as con, con:
        con.execute("UPDATE audit SET sent_to = ? WHERE id = ?", (destination, audit_id))


def log_question(data_dir: Path, user: str, answer, filters=None, warned: bool = False) -> int:
    """Append a question to the audit log: time, user, question, cited cases. Returns its id."""
    where = {k: v for k, v in (("region", getattr(filters, "region", "")),
                               ("level", getattr(filters, "level", "")),
                               ("prefecture", getattr(filters, "prefecture", ""))) if v}
    cited = [c.case for c in answer.citations]
    with closing(connect(data_dir)) as con, con:
        cur = con.execute(
            "INSERT INTO audit (time, user, question, cited, kind, filters, warned) VALUES (?,?,?,?,?,?,?)",
            (_now(), user or "", answer.question, json.dumps(cited, ensure_ascii=False), answer.kind,
             json.dumps(where, ensure_ascii=False), int(warned)))
        return int(cur.lastrowid)


def record_feedback(data_dir: Path, last: dict, helpful: bool, comment: str = "", user: str = "") -> int:
    """Store 役に立った (helpful) / 役に立たなかった on the answer described by `last`."""
    with closing(connect(data_dir)) as con, con:
        cur = con.execute(
            "INSERT INTO feedback (time, user, audit_id, question, answer, cited, helpful, comment) "
            "VALUES (?,?,?,?,?,?,?,?)",
            (_now(), user or "", last.get("audit_id"), last.get("question", ""), last.get("answer", ""),
             json.dumps(list(last.get("cited", [])), ensure_ascii=False), int(bool(helpful)),
             (comment or "").strip()[:MAX_COMMENT]))
        return int(cur.lastrowid)


def submit_feedback(data_dir: Path, last: dict | None, helpful: bool, comment: str = "",
                    user: str = "") -> str:
    """The feedback buttons: store and return the message to show (Japanese)."""
    if not last:
        return "まだ回答がありません。質問してから評価してください。"
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
    """Write the feedback as CSV (cited cases joined with 、; helpful as 1/0). Returns the row count."""
    out = out or sys.stdout
    rows = feedback_rows(data_dir)
    w = csv.writer(out)
    w.writerow(FEEDBACK_COLUMNS)
    for r in rows:
        r = {**r, "cited": "、".join(json.loads(r["cited"] or "[]"))}
        w.writerow([r[c] if r[c] is not None else "" for c in FEEDBACK_COLUMNS])
    return len(rows)
