"""Files and folders the project writes are private to the account that runs it: folders 0700,
files 0600, whatever the umask. The audit log and the uploads hold what staff typed and sent;
one rule for everything in the data directory is simpler to keep than a rule per file.

    with open(path, "w", encoding="utf-8", opener=private) as fh: ...
    private_dir(data_dir / "uploads")
"""
from __future__ import annotations

import os
from pathlib import Path

DIR_MODE = 0o700
FILE_MODE = 0o600


def private(path: str, flags: int) -> int:
    """An `open(..., opener=private)` opener: the file is created owner-only, and an existing
    file (written by an older version, or world-readable by mistake) is made so."""
    fd = os.open(path, flags, FILE_MODE)
    try:
        os.fchmod(fd, FILE_MODE)
    except OSError:   # not our file (a shared export target): its owner keeps its mode
        pass
    return fd


def private_dir(path: Path) -> Path:
    """Create the folder (and missing parents) if needed; a folder created here is owner-only."""
    path = Path(path)
    if not path.is_dir():
        path.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
        os.chmod(path, DIR_MODE)
    return path


def private_file(path: Path) -> Path:
    """Create the file empty if missing and make it owner-only (SQLite gives its journal the
    database file's mode, so creating the file first keeps the journal private too)."""
    os.close(private(str(path), os.O_WRONLY | os.O_CREAT))
    return Path(path)


def private_tree(path: Path) -> None:
    """Make a folder and everything in it owner-only: what a library wrote there (Chroma's
    SQLite and index files, with the process's umask) included."""
    os.chmod(path, DIR_MODE)
    for root, dirs, files in os.walk(path):
        for name in dirs:
            os.chmod(os.path.join(root, name), DIR_MODE)
        for name in files:
            os.chmod(os.path.join(root, name), FILE_MODE)


__all__ = ["DIR_MODE", "FILE_MODE", "private", "private_dir", "private_file", "private_tree"]
