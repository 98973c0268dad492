"""The index on disk, write side: building, publishing and pruning versions, the history log,
and the case-level diff of an ingest.

The layout is described in `core.store` (the read side). Folders are created owner-only and
files owner-readable only (`core.files`). Every change readers can see is a single rename, so a reader, or a process killed at any instant, sees either the old complete
version or the new complete one. ``.ingest.lock`` is held (flock) by the one ingest allowed to
run at a time.

The case-level diff (`diff_cases`) works on the manifest's case table alone, so finding out
what changed never needs Chroma.
"""
from __future__ import annotations

import fcntl
import json
import os
import shutil
import time
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

from core.errors import UserError
from core.files import private, private_dir
from core.store import (ChromaServer, StoreError, current_id, history_rows, lost_row,
                        read_manifest, read_store_record, vector_store, version_path)
from core.text import normalize

KEEP_VERSIONS = 3


class IngestRefused(UserError):
    """An ingest that would do harm (a second one at once, a truncated article) is refused."""


class IngestBusy(IngestRefused):
    """Another ingest holds the lock: nothing is wrong with this one's file; try again later."""


def now() -> str:
    return datetime.now(timezone.utc).astimezone().isoformat(timespec="seconds")


def write_manifest(folder: Path, manifest: dict) -> None:
    with open(folder / "manifest.json", "w", encoding="utf-8", opener=private) as fh:
        fh.write(json.dumps(manifest, ensure_ascii=False, indent=1))
        fh.flush()
        os.fsync(fh.fileno())


@contextmanager
def ingest_lock(data_dir: Path):
    """Only one ingest at a time; a second one is refused at once (the kernel frees the lock of a
    killed process, so a crash never leaves it stuck)."""
    private_dir(data_dir)
    with open(data_dir / ".ingest.lock", "w", opener=private) as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise IngestBusy(f"another ingest is running on {data_dir}; wait for it to finish "
                                "and run this one again") from None
        yield


def new_version_id(data_dir: Path) -> str:
    """A new id that sorts after every kept version of the same second: a number freed by pruning
    is never reused, or the newest version would sort as the oldest and be pruned first."""
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S")
    folder = data_dir / "versions"
    taken = [_order(p.name.removeprefix(".tmp-"))[1] for p in folder.glob(f"*{stamp}-*")] \
        if folder.is_dir() else []
    n = max(taken, default=0) + 1
    while version_path(data_dir, f"{stamp}-{n}").exists():
        n += 1
    return f"{stamp}-{n}"


def _order(name: str) -> tuple[str, int]:
    stamp, _, n = name.rpartition("-")
    return (stamp, int(n)) if n.isdigit() else (name, 0)


def publish(data_dir: Path, version: str) -> None:
    """Make `version` the served one: one atomic rename of CURRENT."""
    tmp = data_dir / "CURRENT.tmp"
    with open(tmp, "w", encoding="utf-8", opener=private) as fh:
        fh.write(version + "\n")
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, data_dir / "CURRENT")
    _fsync_dir(data_dir)


def finish_version(tmp: Path, final: Path) -> None:
    """Move a fully written version folder to its published name (not yet served)."""
    os.rename(tmp, final)
    _fsync_dir(final.parent)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _remove(folder: Path, server: ChromaServer | None) -> None:
    """Remove a version's folder and, first, its collection on a Chroma server (if it has one)."""
    record = read_store_record(folder)
    try:
        vector_store(record["backend"], server).drop(record)
    except StoreError:
        pass   # its server is not configured here: the folder goes, the collection stays
    shutil.rmtree(folder, ignore_errors=True)


def clean_partial(data_dir: Path, server: ChromaServer | None = None) -> None:
    """Remove what an ingest that died before publishing left: folders and collections."""
    for p in (data_dir / "versions").glob(".tmp-*"):
        _remove(p, server)
    (data_dir / "CURRENT.tmp").unlink(missing_ok=True)


def prune(data_dir: Path, server: ChromaServer | None = None) -> None:
    """Keep the newest KEEP_VERSIONS versions (and always the served one); older versions'
    collections on a Chroma server are dropped with them."""
    current = current_id(data_dir)
    versions = sorted((p for p in (data_dir / "versions").iterdir()
                       if p.is_dir() and not p.name.startswith(".")), key=lambda p: _order(p.name))
    for p in versions[:-KEEP_VERSIONS]:
        if p.name != current:
            _remove(p, server)
    prune_uploads(data_dir)


# An applied upload is copied to uploads/ just before its ingest takes the lock: one younger
# than this is never pruned, so another ingest finishing at that moment cannot take it away.
UPLOAD_GRACE = 600


def prune_uploads(data_dir: Path) -> None:
    """Delete the uploads/ files no kept version was built from (the admin tab keeps each
    applied file so the history names a file that exists; they piled up, issue 18)."""
    folder = data_dir / "uploads"
    if not folder.is_dir():
        return
    used = set()
    for p in (data_dir / "versions").iterdir():
        if p.is_dir() and not p.name.startswith("."):
            manifest = read_manifest(data_dir, p.name) or {}
            used.update(Path(s).resolve() for s in manifest.get("sources", []))
    for f in folder.iterdir():
        try:
            if f.is_file() and f.resolve() not in used and time.time() - f.stat().st_mtime > UPLOAD_GRACE:
                f.unlink()
        except OSError:
            continue          # gone already, or not ours to delete: the next ingest tries again


def append_history(data_dir: Path, row: dict) -> None:
    line = json.dumps(row, ensure_ascii=False) + "\n"
    path = data_dir / "history.jsonl"
    with open(path, "a+b", opener=private) as fh:
        if fh.tell() > 0:   # a writer killed mid-line must not glue its fragment to this row
            fh.seek(-1, os.SEEK_END)
            if fh.read(1) != b"\n":
                line = "\n" + line
        fh.write(line.encode("utf-8"))
        fh.flush()
        os.fsync(fh.fileno())


def recover_history(data_dir: Path) -> None:
    """Write down the served version's lost row, if any (an ingest does this under its lock)."""
    if (row := lost_row(data_dir, history_rows(data_dir))) is not None:
        append_history(data_dir, row)


# Case-level diff ------------------------------------------------------------------------------

def _renames(gone: dict[str, dict], new: list, case_text) -> dict[str, dict]:
    """Added cases that are a removed case with its heading's typo fixed (茨城県笹間市 → 茨城県笠間市):
    same level and prefecture, same length, one character apart, and the old case's body already
    spells the new name. Returns {new case id: old case row}."""
    out: dict[str, dict] = {}
    for p in new:
        c = p.case
        name = c.id[len(c.prefecture):] if c.prefecture and c.id.startswith(c.prefecture) else c.id
        for cid, row in gone.items():
            if (row in out.values() or not name or row.get("level") != c.level
                    or row.get("prefecture") != c.prefecture or len(cid) != len(c.id)
                    or sum(a != b for a, b in zip(cid, c.id)) != 1):
                continue
            if name in normalize(case_text(row["article_id"], cid)):
                out[c.id] = row
                break
    return out


def diff_cases(articles: list, plans: list, table: dict, case_text, report, force: bool) -> None:
    """Diff the parsed articles against the served version's case table, by organisation.

    Args:
        articles: the parsed `Article`s being ingested.
        plans: one object per case with ``article``, ``case`` and a ``status`` to set
            (added / updated / unchanged).
        table: {(article id, case id): row with title, hash, level, prefecture} served now.
        case_text: ``f(article id, case id) -> str`` the served heading + body of a case.
        report: the `IngestReport` whose added/updated/removed/unchanged/articles are filled.
        force: allow removing more than half of an article's cases.

    Raises:
        IngestRefused: more than half of an article's cases would go, without force.
    """
    for article in articles:
        report.articles.append({"title": article.title, "version": article.version,
                                "as_of": article.version, "id": article.id,
                                "cases": len(article.cases), "source": article.source_path})
        mine = [p for p in plans if p.article is article]
        aid = article.id
        before = {cid: row for (a, cid), row in table.items() if a == aid}
        present = {p.case.id for p in mine}
        gone = {cid: row for cid, row in before.items() if cid not in present}
        renamed = _renames(gone, [p for p in mine if p.case.id not in before], case_text) \
            if gone else {}
        for p in mine:
            prev = before.get(p.case.id)
            if prev is None and p.case.id in renamed:
                p.status = "updated"
                report.renamed.append({"from": renamed[p.case.id]["title"], "to": p.case.title})
            elif prev is not None:
                p.status = "unchanged" if prev["hash"] == p.case.content_hash else "updated"
            {"added": report.added, "updated": report.updated}.get(p.status, []).append(p.case.title)
            report.unchanged += p.status == "unchanged"
        lost = [row for row in gone.values() if row not in renamed.values()]
        report.removed.extend(row["title"] for row in lost)
        if before and len(lost) * 2 > len(before) and not force:
            raise IngestRefused(
                f"{article.source_path} would remove {len(lost)} of {len(before)} cases of "
                f"{article.title!r} (a truncated file?); check it, or pass --force")
