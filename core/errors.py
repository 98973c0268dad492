"""The one error type users see.

Every mistake a user can fix (a bad file, no index, the wrong model, a malformed question or
knowledge file, …) derives from `UserError`; its message says what is wrong and what to do
next. Each front end renders it in one place: the CLI as one line and exit code 1
(`chatbot.tools.cli`), the admin tab as its red message (`chatbot.web.admin`).
"""
from __future__ import annotations


class UserError(Exception):
    """A mistake the user can fix; the message says what to do next (never a traceback)."""


__all__ = ["UserError"]
