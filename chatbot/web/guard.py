"""The server's first look at every request, before Gradio reads a byte of its body.

* A body over ``max_body`` bytes is refused with 413 (Gradio would parse it whole, keep it in
  the session, and echo it back); uploads are exempt, Gradio's ``max_file_size`` bounds them
  while they stream.
* With login on, only administrators may upload (the upload box is on the admin tab; anyone
  logged in could otherwise fill the disk through Gradio's upload route).
* The client's address is put in `auth.client_address` for the login throttle.

One log line per refused request, never its content (`quiet_inputs` keeps Gradio from logging
the inputs of a malformed call). Installed by `chatbot.web.app.serve` as
an ASGI middleware of Gradio's FastAPI app (``app_kwargs={"middleware": [...]}``).
"""
from __future__ import annotations

import json
import logging
import os
from typing import Callable

from chatbot.web import auth

log = logging.getLogger(__name__)

UPLOAD_PATHS = ("/gradio_api/upload",)
FILE_PREFIXES = ("/gradio_api/file=", "/file=")
TOO_LARGE = "リクエストが大きすぎます（上限 {kb:,} KB）。質問や会話の履歴を短くしてください。"
ADMINS_ONLY = "ファイルをアップロードできるのは管理者だけです。"
ADMINS_ONLY_FILES = "アップロードされたファイルを見られるのは管理者だけです。"


def quiet_inputs(demo) -> None:
    """Gradio refuses a call with too few inputs with an error that lists them, and prints its
    traceback to the log: a question in the log (issue 18). The same refusal, without them."""
    check = demo.validate_inputs

    def validate_inputs(block_fn, inputs):
        try:
            check(block_fn, inputs)
        except ValueError:
            raise ValueError(f"an event handler received {len(inputs)} input values, fewer than "
                             f"the {len(block_fn.inputs)} it needs (values not logged)") from None

    demo.validate_inputs = validate_inputs


class RequestGuard:
    """ASGI middleware; `may_upload(user name or None)` says who may upload."""

    def __init__(self, app, *, max_body: int, may_upload: Callable[[str | None], bool] = lambda _user: True):
        self.app, self.max_body, self.may_upload = app, max_body, may_upload
        # Files uploaded (by administrators): Gradio serves any cached file to anyone logged in
        # at /gradio_api/file=<path>; these only to those who may upload (issue 18).
        self.uploaded: set[str] = set()

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        client = scope.get("client") or ("", 0)
        token = auth.client_address.set(str(client[0]))
        try:
            await self._checked(scope, receive, send, str(client[0]))
        finally:
            auth.client_address.reset(token)

    def _remember(self, body: bytes) -> None:
        try:
            paths = json.loads(body)
        except ValueError:
            return
        if isinstance(paths, list):
            self.uploaded.update(_real(p) for p in paths if isinstance(p, str))

    async def _checked(self, scope, receive, send, address: str):
        path, method = scope.get("path", ""), scope.get("method", "")
        where = f"{method} {path} from {address or '?'}"
        if path.rstrip("/") in UPLOAD_PATHS:
            if not self.may_upload(_user(scope)):
                log.warning("refused %s: uploads are for administrators", where)
                return await _refuse(send, 403, ADMINS_ONLY)

            body: list[bytes] = []

            async def watched(message):   # Gradio refuses an upload over max_file_size: log it
                if message["type"] == "http.response.start" and message["status"] == 413:
                    log.warning("refused %s: upload over the size limit", where)
                if message["type"] == "http.response.body":   # the stored paths, to guard them
                    body.append(message.get("body", b""))
                    if not message.get("more_body"):
                        self._remember(b"".join(body))
                await send(message)

            return await self.app(scope, receive, watched)
        if path.startswith(FILE_PREFIXES) and _real(path.split("=", 1)[1]) in self.uploaded \
                and not self.may_upload(_user(scope)):
            log.warning("refused %s: an upload is for administrators", f"{method} file from {address or '?'}")
            return await _refuse(send, 403, ADMINS_ONLY_FILES)
        length = _header(scope, b"content-length")
        if length is not None:
            if length.isdigit() and int(length) > self.max_body:
                log.warning("refused %s: body of %s bytes > %d", where, length, self.max_body)
                return await _refuse(send, 413, TOO_LARGE.format(kb=self.max_body // 1024))
            return await self.app(scope, receive, send)
        if method not in ("POST", "PUT", "PATCH"):
            return await self.app(scope, receive, send)
        # No length given (chunked): read up to the limit here, then hand the body on.
        chunks, size, more = [], 0, True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                return
            chunks.append(message.get("body", b""))
            size += len(chunks[-1])
            more = message.get("more_body", False)
            if size > self.max_body:
                log.warning("refused %s: chunked body over %d bytes", where, self.max_body)
                return await _refuse(send, 413, TOO_LARGE.format(kb=self.max_body // 1024))
        body, replayed = b"".join(chunks), False

        async def replay():
            nonlocal replayed
            if replayed:
                return await receive()
            replayed = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app(scope, replay, send)


def _header(scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key.lower() == name:
            return value.decode("latin-1").strip()
    return None


def _real(path: str) -> str:
    return os.path.realpath(path)


def _user(scope) -> str | None:
    """The logged-in user of a request, from Gradio's login cookie (None: not logged in)."""
    from starlette.requests import HTTPConnection  # Gradio's web framework; only when serving

    app = scope.get("app")
    tokens, cookie_id = getattr(app, "tokens", None), getattr(app, "cookie_id", None)
    if tokens is None or cookie_id is None:
        return None
    cookies = HTTPConnection(scope).cookies
    token = cookies.get(f"access-token-{cookie_id}") or cookies.get(f"access-token-unsecure-{cookie_id}")
    return tokens.get(token) if token else None


async def _refuse(send, status: int, message: str) -> None:
    body = json.dumps({"detail": message, "error": message}, ensure_ascii=False).encode("utf-8")
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json; charset=utf-8"),
                            (b"content-length", str(len(body)).encode("ascii"))]})
    await send({"type": "http.response.body", "body": body})
