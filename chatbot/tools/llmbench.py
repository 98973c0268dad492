"""The verifier bench: canned LLM answers, adversarial and faithful, served by a fake
OpenAI-compatible server, through the whole LLM path; prints false-accept and false-reject rates.

    chatbot llm-bench tests/qa/llm_bench/*.jsonl

Each line of a bench file is one canned answer to one question:

    {"id": "fig-1", "question": "厚木市は…？", "kind": "wrong_figure", "expect": "reject",
     "answer": "厚木市は平均99分短縮しました{21分}。"}

``expect`` is "accept" (a faithful rewording: it must be shown) or "reject" (it must not);
``kind`` groups the rates; ``filters`` and ``history`` are optional. ``{X}`` in an answer
becomes the marker of the extractive answer's first citation whose case heading contains X,
else whose passage does ("{21分}" → "[1]"), so the bench survives reordered citations; "[9]"
stays as written. The answer travels the real path: the prompt, an HTTP request to the fake
server, its streamed reply through LangChain's OpenAI client, then verification.

tests/qa/llm_bench/ holds three sets, written in turn: first.jsonl (the rules and thresholds
were set on it), second.jsonl (written after; its misses led to fixes), third.jsonl (written
last; measured once before its misses were looked at). The README gives each set's rates.
"""
from __future__ import annotations

import json
import re
import threading
import time
from dataclasses import dataclass, field, replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import click

from chatbot.tools.jsonl import json_lines
from core.errors import UserError

_REF = re.compile(r"\{([^{}\n]{1,40})\}")


class FakeOpenAI:
    """A real HTTP server on 127.0.0.1 speaking OpenAI's chat-completions protocol (streaming
    and not), replying with canned text. Use as a context manager; ``reply`` is what it says
    next (a string, or a function of the request's messages); ``requests`` holds every
    request body received.

        with FakeOpenAI() as llm:
            llm.reply = "厚木市は…[1]。"
            ... Settings(llm="openai", llm_url=llm.url, llm_model="fake") ...
    """

    def __init__(self, reply="", chunk: int = 4) -> None:
        self.reply = reply
        self.chunk = chunk            # characters per streamed chunk
        self.requests: list[dict] = []
        self._server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    def __enter__(self) -> "FakeOpenAI":
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:     # quiet: a test's output is its own
                pass

            def do_GET(self) -> None:
                self._json(200, {"object": "list", "data": [{"id": "fake", "object": "model"}]})

            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
                fake.requests.append(body)
                text = fake.reply(body.get("messages", [])) if callable(fake.reply) else str(fake.reply)
                if body.get("stream"):
                    self._stream(text, body.get("model", "fake"))
                else:
                    self._json(200, _completion(text, body.get("model", "fake")))

            def _json(self, status: int, data: dict) -> None:
                raw = json.dumps(data, ensure_ascii=False).encode("utf-8")
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(raw)))
                self.end_headers()
                self.wfile.write(raw)

            def _stream(self, text: str, model: str) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.send_header("Cache-Control", "no-cache")
                self.send_header("Connection", "close")
                self.end_headers()
                pieces = [text[i:i + fake.chunk] for i in range(0, len(text), fake.chunk)] or [""]
                for n, piece in enumerate(pieces):
                    delta = {"role": "assistant", "content": piece} if n == 0 else {"content": piece}
                    self._event(_chunk(model, delta, None))
                self._event(_chunk(model, {}, "stop"))
                self.wfile.write(b"data: [DONE]\n\n")
                self.wfile.flush()
                self.close_connection = True

            def _event(self, data: dict) -> None:
                self.wfile.write(b"data: " + json.dumps(data, ensure_ascii=False).encode("utf-8") + b"\n\n")
                self.wfile.flush()

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, daemon=True, name="fake-openai").start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()


def _completion(text: str, model: str) -> dict:
    return {"id": "chatcmpl-fake", "object": "chat.completion", "created": int(time.time()), "model": model,
            "choices": [{"index": 0, "message": {"role": "assistant", "content": text},
                         "finish_reason": "stop"}],
            "usage": {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0}}


def _chunk(model: str, delta: dict, finish: str | None) -> dict:
    return {"id": "chatcmpl-fake", "object": "chat.completion.chunk", "created": int(time.time()),
            "model": model, "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}


# --- the bench ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Item:
    id: str
    question: str
    answer: str
    expect: str                 # accept | reject
    kind: str
    filters: dict = field(default_factory=dict)
    history: tuple[str, ...] = ()


@dataclass(frozen=True)
class Outcome:
    item: Item
    shown: bool                 # the LLM's answer was shown (mode "llm")
    reason: str                 # why not ("" when shown), or why the item could not run
    said: str                   # the canned answer with its markers resolved
    stale: bool = False         # a {reference} matched no citation: the bench needs an update

    @property
    def right(self) -> bool:
        return not self.stale and self.shown == (self.item.expect == "accept")


def load(path: Path) -> list[Item]:
    """A bench file's items (a malformed line is a UserError naming the line)."""
    items = []
    for n, raw in json_lines(path):
        try:
            item = Item(str(raw["id"]), str(raw["question"]), str(raw["answer"]), str(raw["expect"]),
                        str(raw.get("kind", "")), dict(raw.get("filters") or {}),
                        tuple(str(h) for h in raw.get("history") or ()))
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise UserError(f"{path}:{n}: not a bench item ({type(exc).__name__}: {exc})") from None
        if item.expect not in ("accept", "reject"):
            raise UserError(f"{path}:{n}: expect must be 'accept' or 'reject', not {item.expect!r}")
        items.append(item)
    return items


def resolve(answer: str, citations) -> tuple[str, bool]:
    """The answer with each {X} replaced by its citation's marker; False when one matched none."""
    ok = True

    def marker(m: re.Match) -> str:
        nonlocal ok
        want = m.group(1)
        for test in (lambda c: want in c.case, lambda c: want in c.passage):
            for c in citations:
                if test(c):
                    return f"[{c.marker}]"
        ok = False
        return "[?]"

    return _REF.sub(marker, answer), ok


def run(bot, items: list[Item]) -> list[Outcome]:
    """Each item through `stream_answer` with a fake LLM server saying its answer."""
    from chatbot import Chatbot, Filters
    from chatbot.answering import stream_answer

    out = []
    with FakeOpenAI() as fake:
        settings = replace(bot.settings, llm="openai", llm_url=fake.url, llm_model="bench",
                           llm_api_key="bench", llm_timeout=60.0)
        llm_bot = Chatbot(settings, embeddings=bot.embeddings)
        for item in items:
            filters = Filters(**{k: str(v) for k, v in item.filters.items()
                                 if k in ("region", "level", "prefecture")})
            extractive = llm_bot.ask(item.question, filters, item.history)
            said, ok = resolve(item.answer, extractive.citations)
            if not ok:
                out.append(Outcome(item, False, "a {reference} matched no citation", said, stale=True))
                continue
            fake.reply = said
            final = None
            for final in stream_answer(llm_bot, item.question, filters, history=item.history):
                pass
            answer = final.answer
            out.append(Outcome(item, answer.mode == "llm", answer.fallback_reason, said))
    return out


def rates(outcomes: list[Outcome]) -> dict:
    """False-accept rate (adversarial answers shown), false-reject rate (faithful answers not
    shown), with their counts, per kind, and the items that missed."""
    bad = [o for o in outcomes if o.item.expect == "reject" and not o.stale]
    good = [o for o in outcomes if o.item.expect == "accept" and not o.stale]
    kinds: dict[str, list[int]] = {}
    for o in outcomes:
        k = kinds.setdefault(o.item.kind or o.item.expect, [0, 0])
        k[0] += int(o.right)
        k[1] += 1
    return {"adversarial": len(bad), "faithful": len(good),
            "false_accepts": sum(o.shown for o in bad), "false_rejects": sum(not o.shown for o in good),
            "false_accept_rate": round(sum(o.shown for o in bad) / len(bad), 3) if bad else 0.0,
            "false_reject_rate": round(sum(not o.shown for o in good) / len(good), 3) if good else 0.0,
            "stale": [o.item.id for o in outcomes if o.stale],
            "by_kind": {k: f"{v[0]}/{v[1]}" for k, v in sorted(kinds.items())},
            "misses": [{"id": o.item.id, "expect": o.item.expect, "said": o.said, "reason": o.reason}
                       for o in outcomes if not o.right]}


def report(result: dict) -> str:
    """The rates as the CLI prints them."""
    rows = [f"verifier bench: {result['adversarial']} adversarial answers, {result['faithful']} faithful",
            f"  false accepts: {result['false_accepts']}/{result['adversarial']} "
            f"({result['false_accept_rate']:.1%})",
            f"  false rejects: {result['false_rejects']}/{result['faithful']} "
            f"({result['false_reject_rate']:.1%})",
            "  by kind (right/total): " + ", ".join(f"{k} {v}" for k, v in result["by_kind"].items())]
    if result["stale"]:
        rows.append(f"  stale (a {{reference}} matched no citation): {', '.join(result['stale'])}")
    for m in result["misses"]:
        rows.append(f"  MISS {m['id']} (expected {m['expect']}): {m['said']}  — {m['reason'] or 'shown'}")
    return "\n".join(rows)


def live(bot, path: Path) -> list[dict]:
    """Each question of a file (JSON Lines: question, filters?, history?) through the configured
    LLM, as a user would ask it: what the LLM said, whether it was shown, and the passages a
    reader needs to judge it."""
    from chatbot import Filters
    from chatbot.answering import stream_answer

    if bot.chat_model() is None:
        raise UserError("set CHATBOT_LLM (and CHATBOT_LLM_URL, CHATBOT_LLM_MODEL) to the LLM to try")
    rows = []
    for n, q in json_lines(path):
        try:
            question, filters = str(q["question"]), dict(q.get("filters") or {})
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise UserError(f"{path}:{n}: not a question ({type(exc).__name__}: {exc})") from None
        drafts = list(stream_answer(bot, question, Filters(**{k: str(v) for k, v in filters.items()
                                                              if k in ("region", "level", "prefecture")}),
                                    history=[str(h) for h in q.get("history") or ()]))
        final = drafts[-1].answer
        words = [d.text for d in drafts[1:-1]]
        rows.append({"question": question, "shown": final.mode == "llm", "said": words[-1] if words else "",
                     "reason": final.fallback_reason,
                     "passages": [f"[{c.marker}] {c.case}：{c.passage}" for c in final.citations]})
    return rows


def live_report(rows: list[dict]) -> str:
    """What `live` found: each LLM answer shown, with its passages, for a reader to check."""
    shown = [r for r in rows if r["shown"]]
    out = [f"live LLM run: {len(shown)}/{len(rows)} LLM answers shown, "
           f"{len(rows) - len(shown)} replaced by the extractive answer"]
    for r in rows:
        if r["shown"]:
            out += [f"SHOWN  {r['question']}", f"  LLM: {r['said']}"] + [f"  {p}" for p in r["passages"]]
        else:
            said = r["said"].replace("\n", " ")
            out.append(f"kept   {r['question']} — {r['reason']}  (LLM said: {said[:80]!r})")
    return "\n".join(out)


@click.command(name="llm-bench")
@click.argument("files", nargs=-1, required=True,
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the rates and misses as JSON.")
@click.option("--live", is_flag=True, help="Ask the configured CHATBOT_LLM the questions of FILES instead.")
@click.pass_context
def command(ctx, files: tuple[Path, ...], as_json: bool, live: bool) -> None:
    """False-accept and false-reject rates of LLM-answer verification: canned answers from a
    fake OpenAI-compatible server on 127.0.0.1, through the whole LLM path; with --live, the
    configured LLM's own answers, each shown one with its passages to check.

    Example: chatbot llm-bench tests/qa/llm_bench/*.jsonl
    """
    try:
        click.echo(measure(ctx.obj, files, as_json, live))
    except UserError as exc:          # one line and exit code 1, as every `chatbot` command
        raise click.ClickException(str(exc)) from None


def measure(settings, files, as_json: bool = False, live_llm: bool = False) -> str:
    """`chatbot llm-bench`: run the bench files against the index of settings; the report."""
    from chatbot import Chatbot

    if live_llm:
        rows = [row for f in files for row in live(Chatbot(settings), f)]
        return json.dumps(rows, ensure_ascii=False, indent=1) if as_json else live_report(rows)
    items = [item for f in files for item in load(f)]
    result = rates(run(Chatbot(settings), items))
    return json.dumps(result, ensure_ascii=False, indent=1) if as_json else report(result)


__all__ = ["FakeOpenAI", "command", "live", "live_report", "measure", "Item", "Outcome", "load", "rates", "report", "resolve", "run"]
