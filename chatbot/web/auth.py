"""Optional login: users from CHATBOT_USERS_FILE (one "name:password[:admin]" a line) and/or
CHATBOT_USERS ("name:password[:admin],...").

Without users the app has no login and everyone is an administrator, so it serves only on a
loopback address: `check_exposure` refuses any other address unless the administrator accepts an
open admin tab explicitly (``chatbot serve --allow-anonymous-admin``). With users, only those
marked ``admin`` see the admin tab.

Passwords are stored as salted scrypt hashes (``scrypt$n$r$p$salt$hash``, written by
`chatbot users add NAME`); a plain-text entry still works but is logged as a warning. After
``login_max_failures`` failed logins in a row, the user name and the client address are each
refused for ``login_lockout_seconds``, even with the right password (`Throttle`).
"""
from __future__ import annotations

import base64
import functools
import hashlib
import hmac
import ipaddress
import logging
import socket
import os
import threading
import time
from collections import OrderedDict
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path

from chatbot import UserError
from core.files import private

log = logging.getLogger(__name__)

SCHEME = "scrypt"
_N, _R, _P = 2 ** 14, 8, 1          # 16 MiB and ~50 ms a check on a 2-core server
# The client address of the request being handled, set by `chatbot.web.guard` for the login.
client_address: ContextVar[str] = ContextVar("client_address", default="")


class UsersError(UserError):
    """The users file or variable is malformed; the message says where (never the password)."""


@dataclass(frozen=True)
class User:
    name: str
    password: str                    # a scrypt hash, or (old files) the password itself
    admin: bool = False

    def __repr__(self) -> str:   # keep passwords out of logs
        return f"User({self.name!r}, admin={self.admin})"

    @property
    def hashed(self) -> bool:
        return self.password.startswith(SCHEME + "$")


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def hash_password(password: str) -> str:
    """A salted scrypt hash of password, as stored in the users file (no ':' in it)."""
    salt = os.urandom(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=_N, r=_R, p=_P, dklen=32)
    return f"{SCHEME}${_N}${_R}${_P}${_b64(salt)}${_b64(digest)}"


def _parse_hash(stored: str) -> tuple[int, int, int, bytes, bytes]:
    scheme, n, r, p, salt, digest = stored.split("$")
    if scheme != SCHEME or not (n.isdigit() and r.isdigit() and p.isdigit()):
        raise ValueError(stored)
    return int(n), int(r), int(p), _unb64(salt), _unb64(digest)


def verify_password(stored: str, password: str) -> bool:
    """Whether password matches a stored hash (or, for old entries, the plain text); constant time."""
    password = (password or "").encode("utf-8")
    if not stored.startswith(SCHEME + "$"):
        return hmac.compare_digest(stored.encode("utf-8"), password)
    n, r, p, salt, digest = _parse_hash(stored)
    return hmac.compare_digest(digest, hashlib.scrypt(password, salt=salt, n=n, r=r, p=p, dklen=len(digest),
                                                      maxmem=256 * 2 ** 20))


def parse_user(entry: str, where: str) -> User:
    parts = entry.strip().split(":")
    if len(parts) not in (2, 3) or not parts[0].strip() or not parts[1]:
        raise UsersError(f"{where}: expected name:password[:admin]")
    admin = len(parts) == 3 and parts[2].strip().lower()
    if admin not in (False, "admin", ""):
        raise UsersError(f"{where}: the third field may only be 'admin'")
    user = User(parts[0].strip(), parts[1], admin == "admin")
    if user.hashed:
        try:
            _parse_hash(user.password)
        except (ValueError, TypeError):
            raise UsersError(f"{where}: malformed password hash; write it again with "
                             f"`chatbot users add {user.name}`") from None
    else:
        log.warning("%s (%s): plain-text password; replace it with a hash: chatbot users add %s",
                     where, user.name, user.name)
    return user


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


def add_user(path: Path, name: str, password: str, admin: bool = False) -> bool:
    """Write `name` with a hash of password into the users file (owner-only): its line is
    replaced if the name is there, else appended. Returns whether the name was new."""
    name = name.strip()
    if not name or ":" in name or "," in name or name.startswith("#"):
        raise UsersError(f"{name!r}: a user name must be non-empty, without ':' or ','")
    if not password:
        raise UsersError("the password is empty")
    line = f"{name}:{hash_password(password)}" + (":admin" if admin else "")
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines() if Path(path).exists() else []
    except OSError as exc:
        raise UsersError(f"cannot read {path}: {exc.strerror}") from None
    mine = [i for i, entry in enumerate(lines)
            if not entry.strip().startswith("#") and entry.split(":", 1)[0].strip() == name]
    if mine:
        lines[mine[0]] = line
        lines = [entry for i, entry in enumerate(lines) if i not in mine[1:]]
    else:
        lines.append(line)
    try:
        with open(path, "w", encoding="utf-8", opener=private) as fh:
            fh.write("\n".join(lines) + "\n")
    except OSError as exc:
        raise UsersError(f"cannot write {path}: {exc.strerror}") from None
    return not mine


@functools.cache
def _dummy() -> str:
    return hash_password("no such user")


def authenticate(users: dict[str, User], name: str, password: str) -> bool:
    """Whether name and password match a user (an unknown name costs as much time as a known one)."""
    user = users.get(name or "")
    ok = verify_password(user.password if user else _dummy(), password or "")
    return user is not None and ok


class Throttle:
    """Failed logins counted per key (a user name, a client address): `limit` failures in a row
    lock the key for `lockout` seconds. A success resets the keys it was made with."""

    MAX_KEYS = 10_000                 # an attacker inventing names cannot grow this without end

    def __init__(self, limit: int = 5, lockout: float = 60, clock=time.monotonic):
        self.limit, self.lockout, self.clock = max(1, limit), lockout, clock
        self._failures: OrderedDict[str, int] = OrderedDict()
        self._until: dict[str, float] = {}
        self._lock = threading.Lock()

    def locked(self, *keys: str) -> float:
        """Seconds until every key may try again (0: none is locked)."""
        now = self.clock()
        with self._lock:
            return max((self._until.get(k, 0) - now for k in keys), default=0) if keys else 0

    def failed(self, *keys: str) -> bool:
        """Count a failure; True when it locked a key."""
        locked = False
        with self._lock:
            for k in keys:
                n = self._failures.pop(k, 0) + 1
                if n >= self.limit:
                    self._until[k] = self.clock() + self.lockout
                    locked = True
                else:
                    self._failures[k] = n
            while len(self._failures) > self.MAX_KEYS:
                self._failures.popitem(last=False)
            if len(self._until) > self.MAX_KEYS:
                now = self.clock()
                self._until = {k: t for k, t in self._until.items() if t > now}
        return locked

    def succeeded(self, *keys: str) -> None:
        with self._lock:
            for k in keys:
                self._failures.pop(k, None)
                self._until.pop(k, None)


def login(users: dict[str, User], throttle: Throttle, name: str, password: str, address: str = "") -> bool:
    """One login attempt: refused while the name or the address is locked (the password is not
    even checked), counted when wrong; one log line per refusal, never the password."""
    keys = [f"user:{name}", f"address:{address}"]
    wait = throttle.locked(*keys)
    if wait > 0:
        log.warning("login refused for %r from %s: locked for %.0f s more", name, address or "?", wait)
        return False
    if authenticate(users, name, password):
        throttle.succeeded(*keys)
        return True
    locked = throttle.failed(*keys)
    log.warning("login failed for %r from %s%s", name, address or "?",
                f"; locked for {throttle.lockout:.0f} s" if locked else "")
    return False


def gradio_login(users: dict[str, User], throttle: Throttle):
    """The ``auth`` callable for Gradio's launch: `login` with the client address, the password
    check (scrypt) run off the event loop."""
    async def check(name: str, password: str) -> bool:
        import anyio  # Gradio's own async library; imported only when serving

        address = client_address.get()
        return await anyio.to_thread.run_sync(login, users, throttle, name, password, address)

    return check


def is_admin(users: dict[str, User], username: str | None) -> bool:
    """Administrators see the admin tab; without login everyone on 127.0.0.1 is one."""
    if not users:
        return True
    user = users.get(username or "")
    return bool(user and user.admin)


def username(request) -> str:
    """The logged-in name of a Gradio request ("" without login)."""
    return getattr(request, "username", None) or ""


class ExposedAdminError(UserError):
    """Serving beyond this machine without login would open the admin tab to anyone."""


def is_loopback(host: str) -> bool:
    """Whether ``host`` (an address or a name) reaches this machine only: 127.0.0.0/8, ::1, or a
    name all of whose addresses are loopback ("localhost"; Debian's 127.0.1.1 host name)."""
    host = (host or "").strip().strip("[]")
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        pass
    if not host:
        return False
    try:
        found = {info[4][0] for info in socket.getaddrinfo(host, None)}
    except (OSError, UnicodeError):
        return False
    return bool(found) and all(ipaddress.ip_address(a.split("%")[0]).is_loopback for a in found)


def check_exposure(host: str, users: dict[str, User], allow_anonymous_admin: bool = False) -> str:
    """Refuse to serve on a non-loopback address without login (the 管理 tab uploads and publishes
    articles); with ``allow_anonymous_admin`` serve, and return the warning to print.

    Returns:
        "" when nothing is exposed, else a one-line warning.

    Raises:
        ExposedAdminError: no users, a non-loopback host, and no explicit permission.
    """
    if users or is_loopback(host):
        return ""
    if allow_anonymous_admin:
        return (f"warning: serving on {host} without login: anyone who reaches the page can use "
                "the 管理 tab (upload and publish articles)")
    raise ExposedAdminError(
        f"refusing to serve on {host} without login: anyone who reaches the page could upload and "
        "publish articles in the 管理 tab. Add users first (`chatbot users add NAME --admin --file "
        "users.txt`, then set CHATBOT_USERS_FILE=users.txt), or serve on 127.0.0.1, or pass "
        "--allow-anonymous-admin if everyone who can reach it may administer it")
