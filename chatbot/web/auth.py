"""Optional login: users from CHATBOT_USERS_FILE (one "name:password[:admin]" a line) and/or
CHATBOT_USERS ("name:password[:admin],...").

Without users the app has no login, serves on 127.0.0.1 only, and everyone is an administrator.
With users, only those marked ``admin`` see the admin tab.
"""
from __future__ import annotations

import hmac
from dataclasses import dataclass
from pathlib import Path

from chatbot import UserError


class UsersError(UserError):
    """The users file or variable is malformed; the message says where (never the password)."""


@dataclass(frozen=True)
class User:
    name: str
    password: str
    admin: bool = False

    def __repr__(self) -> str:   # keep passwords out of logs
        return f"User({self.name!r}, admin={self.admin})"


def parse_user(entry: str, where: str) -> User:
    parts = entry.strip().split(":")
    if len(parts) not in (2, 3) or not parts[0].strip() or not parts[1]:
        raise UsersError(f"{where}: expected name:password[:admin]")
    admin = len(parts) == 3 and parts[2].strip().lower()
    if admin not in (False, "admin", ""):
        raise UsersError(f"{where}: the third field may only be 'admin'")
    return User(parts[0].strip(), parts[1], admin == "admin")


def parse_users(text: str, *, sep: str = "\n", origin: str = "users") -> dict[str, User]:
    """Users from lines (or comma-separated entries); blank lines and # comments are skipped."""
    users: dict[str, User] = {}
    for n, entry in enumerate(text.split(sep), 1):
        if not entry.strip() or entry.strip().startswith("#"):
            continue
        user = parse_user(entry, f"{origin} entry {n}")
        users[user.name] = user
    return users


def load_users(settings) -> dict[str, User]:
    """Every configured user (the file first, then the variable); {} when login is off."""
    users: dict[str, User] = {}
    if settings.users_file:
        path = Path(settings.users_file)
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise UsersError(f"cannot read CHATBOT_USERS_FILE {path}: {exc.strerror}") from None
        users.update(parse_users(text, origin=str(path)))
    if settings.users:
        users.update(parse_users(settings.users, sep=",", origin="CHATBOT_USERS"))
    return users


def authenticate(users: dict[str, User], name: str, password: str) -> bool:
    user = users.get(name or "")
    return user is not None and hmac.compare_digest(user.password.encode(), (password or "").encode())


def is_admin(users: dict[str, User], username: str | None) -> bool:
    """Administrators see the admin tab; without login everyone on 127.0.0.1 is one."""
    if not users:
        return True
    user = users.get(username or "")
    return bool(user and user.admin)


def username(request) -> str:
    """The logged-in name of a Gradio request ("" without login)."""
    return getattr(request, "username", None) or ""
