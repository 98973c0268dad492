"""Reading the knowledge files: TOML with errors that name the file and the entry."""
from __future__ import annotations

import re
import tomllib
from pathlib import Path

from core import backtracking
from core.errors import UserError

CASE_FLAGS = re.IGNORECASE
QUESTION_FLAGS = re.IGNORECASE | re.ASCII   # \b must see Japanese as a boundary (「Bardを」)


class KnowledgeError(UserError):
    """A knowledge file is malformed; the message names the file and the entry."""


def read_toml(path: Path) -> dict:
    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise KnowledgeError(f"{path}: not valid TOML: {exc}") from None
    except OSError as exc:
        raise KnowledgeError(f"{path}: cannot read: {exc.strerror}") from None


def keys_of(data: dict, allowed: set[str], where: str) -> None:
    unknown = sorted(set(data) - allowed)
    if unknown:
        raise KnowledgeError(f"{where}: unknown key(s) {', '.join(map(repr, unknown))}; "
                             f"expected some of {', '.join(sorted(allowed))}")


def compile_regex(pattern, where: str, flags: int = CASE_FLAGS, *, timed: bool = False) -> re.Pattern:
    """A knowledge regex, compiled and checked not to backtrack for long (core/backtracking.py).

    Args:
        timed: also time it on adversarial texts (a site's own files: no test has run them).

    Raises:
        KnowledgeError: it does not compile or can backtrack; the message names where it is.
    """
    if not isinstance(pattern, str):
        raise KnowledgeError(f"{where}: expected a regex string, got {type(pattern).__name__}")
    try:
        rx = re.compile(pattern, flags)
    except re.error as exc:
        raise KnowledgeError(f"{where}: regex does not compile ({exc}): {pattern!r}") from None
    check_regex(rx, where, timed=timed)
    return rx


def check_regex(rx: re.Pattern, where: str, *, timed: bool = False) -> None:
    """Refuse a pattern a long question could make backtrack for seconds (issue 18)."""
    try:
        backtracking.structure(rx)
        if timed:
            backtracking.timed(rx)
    except backtracking.Backtracking as exc:
        raise KnowledgeError(f"{where}: this regex can hold the server for seconds on a long "
                             f"question: {exc}: {rx.pattern!r}") from None


def strings(value, where: str) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise KnowledgeError(f"{where}: expected a list of strings")
    return value


__all__ = ["CASE_FLAGS", "KnowledgeError", "QUESTION_FLAGS", "check_regex", "compile_regex", "keys_of", "read_toml",
           "strings"]
