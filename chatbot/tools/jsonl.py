"""JSON Lines files the tools read (question sets, LLM bench items and questions): one place
that turns an unreadable file, one that is not UTF-8, or a line that is not JSON into a
one-line error naming the file and line (the CLI prints it and exits 1)."""
from __future__ import annotations

import json
from pathlib import Path

from core.errors import UserError


def json_lines(path: Path, error: type[UserError] = UserError) -> list[tuple[int, object]]:
    """(line number, value) for each non-blank line of a JSON Lines file.

    Raises:
        error: the file cannot be read, is not UTF-8, or a line is not JSON.
    """
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise error(f"{path}: cannot read: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise error(f"{path}: not UTF-8 text; save it as UTF-8 JSON Lines") from None
    rows = []
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            rows.append((n, json.loads(line)))
        except json.JSONDecodeError as exc:
            raise error(f"{path}:{n}: not JSON ({exc})") from None
    return rows


__all__ = ["json_lines"]
