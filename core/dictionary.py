"""English → Japanese words from JMdict, for English words the domain glossary does not know.

JMdict (the Electronic Dictionary Research and Development Group's Japanese–English dictionary,
CC BY-SA 4.0) ships as an SQLite file in the `jamdict-data` package and is read here offline and
read-only: the Japanese headwords whose English gloss is exactly the word ("project" → 事業,
企画, プロジェクト …). Senses are many and noisy, so callers keep only the words the article
itself uses; a word JMdict does not know gives nothing (it is never a reason to abstain).
"""
from __future__ import annotations

import sqlite3
import threading
from functools import lru_cache
from pathlib import Path

_local = threading.local()
_QUERY = """
    SELECT DISTINCT k.text FROM SenseGloss g JOIN Sense s ON s.ID = g.sid
      JOIN Kanji k ON k.idseq = s.idseq WHERE g.text = ? AND g.lang = 'eng'
    UNION
    SELECT DISTINCT k.text FROM SenseGloss g JOIN Sense s ON s.ID = g.sid
      JOIN Kana k ON k.idseq = s.idseq WHERE g.text = ? AND g.lang = 'eng' AND k.nokanji = 1
"""


@lru_cache(maxsize=1)
def _path() -> Path | None:
    try:
        import jamdict_data  # the packaged JMdict database; absent → no dictionary
    except ImportError:
        return None
    path = Path(jamdict_data.__file__).parent / "jamdict.db"
    return path if path.is_file() else None


def _connection() -> sqlite3.Connection | None:
    """This thread's read-only connection (sqlite3 connections stay in their thread)."""
    con = getattr(_local, "con", None)
    if con is None and _path() is not None:
        con = _local.con = sqlite3.connect(f"file:{_path()}?mode=ro", uri=True)
    return con


def _singulars(word: str) -> list[str]:
    """The word, then the forms an English plural or third person drops to: taxes → tax."""
    out = [word]
    if word.endswith("ies") and len(word) > 4:
        out.append(word[:-3] + "y")
    if word.endswith("es") and len(word) > 3:
        out.append(word[:-2])
    if word.endswith("s") and len(word) > 3:
        out.append(word[:-1])
    return out


@lru_cache(maxsize=4096)
def japanese(word: str) -> tuple[str, ...]:
    """Japanese headwords JMdict glosses with exactly ``word`` (or its singular)."""
    con = _connection()
    if con is None:
        return ()
    for form in _singulars(word.lower().strip()):
        rows = con.execute(_QUERY, (form, form)).fetchall()
        if rows:
            return tuple(dict.fromkeys(r[0] for r in rows))
    return ()


__all__ = ["japanese"]
