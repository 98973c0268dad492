"""A served app measured from outside, for `chatbot bench`: started as its own process, asked
over HTTP, its memory read from /proc.

`burst` sends many questions at once the way browsers do (Gradio's queue: join, then read the
answer as server-sent events), from one asyncio loop. It costs the measuring process well under a
second of CPU for 50 questions; `gradio_client` costs about 3 s (and 5 s more to open 50 clients),
which on a 2-core machine is taken from the server being measured — staff's browsers run on their
own PCs.
"""
from __future__ import annotations

import asyncio
import json
import os
import secrets
import socket
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Callable


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ServedApp:
    """A server process (`chatbot serve …`) on a free port of 127.0.0.1, stopped on exit.

    Args:
        cmd: the command, without the port; ``--port N`` is appended.
    """

    def __init__(self, cmd: list[str], env: dict, startup: float = 900.0):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self._log = tempfile.TemporaryFile()
        self.proc = subprocess.Popen([*cmd, "--port", str(self.port)], env=env,
                                     stdout=subprocess.DEVNULL, stderr=self._log)
        self._startup = startup

    def __enter__(self) -> "ServedApp":
        import httpx

        deadline = time.monotonic() + self._startup
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError(f"the served app exited: {self._tail()}")
            try:
                if httpx.get(self.url + "config", timeout=5).status_code == 200:
                    return self
            except httpx.HTTPError:   # not listening yet
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"the served app did not start in {self._startup:.0f} s")
            time.sleep(0.3)

    def __exit__(self, *exc) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self._log.close()

    def _tail(self) -> str:
        self._log.seek(0)
        return self._log.read().decode("utf-8", "replace")[-800:]

    def memory_mb(self, field: str = "VmRSS") -> float:
        """Resident memory now (VmRSS) or at its peak so far (VmHWM), in MB."""
        status = Path(f"/proc/{self.proc.pid}/status").read_text()
        return int(next(line for line in status.splitlines() if line.startswith(field + ":")).split()[1]) / 1024

    def cpu_s(self) -> float:
        """CPU seconds the server has used (user + system)."""
        fields = Path(f"/proc/{self.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def ask(self, inputs: list) -> dict:
        """One call of the app's /chat endpoint: its first output."""
        return asyncio.run(_one(self.url, inputs))

    def burst(self, questions: list[str], inputs: Callable[[str], list], opening: str) -> list[float]:
        """Ask all questions at once, each from its own session; seconds from sending to the
        whole answer, sorted. Each session first asks ``opening`` (not timed), as a browser with
        the page open has a session: a question that opens one costs Gradio ~8 % more.

        Raises:
            RuntimeError: a call failed.
        """
        return asyncio.run(_burst(self.url, questions, inputs, opening))


async def _endpoint(client, url: str) -> tuple[int, int | None]:
    config = (await client.get(url + "config")).json()
    dep = next(d for d in config["dependencies"] if d.get("api_name") == "chat")
    return dep["id"], (dep.get("targets") or [[None]])[0][0]


async def _call(client, url: str, endpoint: tuple[int, int | None], session: str, inputs: list):
    fn, trigger = endpoint
    joined = await client.post(url + "gradio_api/queue/join", json={
        "data": inputs, "event_data": None, "fn_index": fn, "trigger_id": trigger,
        "session_hash": session})
    joined.raise_for_status()
    async with client.stream("GET", url + "gradio_api/queue/data", params={"session_hash": session}) as events:
        async for line in events.aiter_lines():
            if not line.startswith("data:"):
                continue
            msg = json.loads(line[5:])
            if msg.get("msg") == "process_completed":
                if not msg.get("success"):
                    raise RuntimeError(f"/chat failed: {msg.get('output')}")
                return msg["output"]["data"][0]
    raise RuntimeError("/chat: the event stream ended before the answer")


def _client():
    import httpx   # Gradio's own HTTP client; only the benchmark needs it here

    return httpx.AsyncClient(timeout=600, limits=httpx.Limits(max_connections=500,
                                                              max_keepalive_connections=500))


async def _one(url: str, inputs: list) -> dict:
    async with _client() as client:
        return await _call(client, url, await _endpoint(client, url), secrets.token_hex(8), inputs)


async def _burst(url: str, questions: list[str], inputs: Callable[[str], list], opening: str) -> list[float]:
    async with _client() as client:
        endpoint = await _endpoint(client, url)
        sessions = [secrets.token_hex(8) for _ in questions]
        for session in sessions:   # open each session, one after another
            await _call(client, url, endpoint, session, inputs(opening))

        async def timed(session: str, q: str) -> float:
            start = time.perf_counter()
            await _call(client, url, endpoint, session, inputs(q))
            return time.perf_counter() - start

        return sorted(await asyncio.gather(*(timed(s, q) for s, q in zip(sessions, questions))))


__all__ = ["ServedApp", "free_port"]
