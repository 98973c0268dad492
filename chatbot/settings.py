"""One frozen settings object: defaults, overridden by CHATBOT_* (and CHROMA_*) environment
variables."""
from __future__ import annotations

import os
from dataclasses import dataclass, field, fields
from pathlib import Path

from core.errors import UserError


def offline_environment() -> None:
    """Nothing may phone home: no model hub, no Chroma or Gradio telemetry."""
    for key, value in {"HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1",
                       "ANONYMIZED_TELEMETRY": "False", "GRADIO_ANALYTICS_ENABLED": "False",
                       "TOKENIZERS_PARALLELISM": "false"}.items():
        os.environ.setdefault(key, value)


def serving_threads(answer_concurrency: int) -> None:
    """A served app answers ``answer_concurrency`` questions at once: each one's embedding (e5
    on OpenMP) gets its share of the cores instead of all of them. With two answers on two cores,
    one thread each cost 10 % less CPU than two each and lowered a 50-call burst's p95 at 10,000
    cases from 2.8-2.9 s to 2.6 s (`chatbot bench`). Must run
    before the engine loads; an OMP_NUM_THREADS set by the administrator wins."""
    threads = max(1, (os.cpu_count() or 1) // max(1, answer_concurrency))
    os.environ.setdefault("OMP_NUM_THREADS", str(threads))


@dataclass(frozen=True)
class Settings:
    data_dir: Path = Path("data")            # CHATBOT_DATA_DIR: index, history, feedback, audit log
    corpus_dir: Path = Path("corpus")        # CHATBOT_CORPUS_DIR: articles `make run` ingests
    embeddings: str = "e5"                   # CHATBOT_EMBEDDINGS: e5 | sentence-transformers
    embedding_model: str = ""                # CHATBOT_EMBEDDING_MODEL: name or local folder
    host: str = "127.0.0.1"                  # CHATBOT_HOST
    port: int = 7860                         # CHATBOT_PORT
    users_file: str = ""                     # CHATBOT_USERS_FILE: optional login (see README)
    users: str = ""                          # CHATBOT_USERS: "name:password[:admin],..."
    # Limits, checked before any work (README "Security and privacy"):
    max_question_chars: int = 2000           # CHATBOT_MAX_QUESTION_CHARS: longer questions are refused
    max_history_turns: int = 20              # CHATBOT_MAX_HISTORY_TURNS: older chat turns are dropped
    max_history_chars: int = 20000           # CHATBOT_MAX_HISTORY_CHARS: ... and beyond this many characters
    max_replay_chars: int = 400              # CHATBOT_MAX_REPLAY_CHARS: earlier questions a follow-up re-reads
    max_request_kb: int = 256                # CHATBOT_MAX_REQUEST_KB: any web request body but an upload
    max_upload_mb: int = 20                  # CHATBOT_MAX_UPLOAD_MB: an uploaded article file
    # CHATBOT_MAX_SESSIONS: browser sessions the web app remembers. Gradio keeps each session's
    # last outputs (≈0.25 MB at the article's size, tens of MB for a list of thousands of cases)
    # and by default 10,000 of them, so a long-running server grew with every page opened; the
    # least recently used session beyond this many is forgotten (its feedback buttons then ask
    # for a new question).
    max_sessions: int = 500
    retention_days: int = 0                  # CHATBOT_RETENTION_DAYS: purge audit/feedback rows (0: keep)
    login_max_failures: int = 5              # CHATBOT_LOGIN_MAX_FAILURES: failed logins in a row ...
    login_lockout_seconds: int = 60          # CHATBOT_LOGIN_LOCKOUT_SECONDS: ... lock a user / address this long
    llm: str = "none"                        # CHATBOT_LLM: none | openai | azure | ollama
    llm_url: str = ""                        # CHATBOT_LLM_URL: base URL / Azure endpoint / Ollama URL
    llm_model: str = ""                      # CHATBOT_LLM_MODEL: model name (Azure: deployment)
    llm_api_key: str = field(default="", repr=False)   # CHATBOT_LLM_API_KEY (never printed)
    llm_api_version: str = "2024-10-21"      # CHATBOT_LLM_API_VERSION: Azure OpenAI API version
    llm_timeout: float = 60.0                # CHATBOT_LLM_TIMEOUT: seconds an LLM answer may take
    llm_max_tokens: int = 1024               # CHATBOT_LLM_MAX_TOKENS: longest LLM answer
    # CHATBOT_ANSWER_CONCURRENCY: questions the web app answers at once (the others queue).
    # Answering is CPU-bound: on the 2-core machine a burst of 50 simultaneous /chat calls
    # (`chatbot bench`'s) had p95 2.6 s at 2 at a time, 3.5 s at 4 and at 8 (medians of 3, load
    # average 7-9); one per core keeps the cores busy while a question waits on Chroma, the
    # embedder or the audit log, and lets a short question pass a long one (README, "Speed").
    answer_concurrency: int = field(default_factory=lambda: os.cpu_count() or 2)
    chroma_host: str = ""                    # CHROMA_HOST: a Chroma server instead of embedded
    chroma_port: int = 8000                  # CHROMA_PORT
    chroma_token: str = field(default="", repr=False)   # CHROMA_TOKEN: sent as "Authorization: Bearer …"

    @classmethod
    def from_env(cls, **overrides) -> "Settings":
        """Defaults, then CHATBOT_<FIELD> (CHROMA_<…> for the chroma_ fields) variables, then
        explicit overrides."""
        values = {}
        for f in fields(cls):
            name = f.name.upper() if f.name.startswith("chroma_") else f"CHATBOT_{f.name.upper()}"
            raw = os.environ.get(name)
            if raw is not None and raw != "":
                values[f.name] = _number(name, raw, f.type) if f.type in ("int", "float") else raw
        values.update({k: v for k, v in overrides.items() if v is not None})
        for key in ("data_dir", "corpus_dir"):
            if key in values:
                values[key] = Path(values[key])
        return cls(**values)

    def chroma_server(self):
        """The configured Chroma server, None for Chroma embedded in the data directory."""
        from core.store import ChromaServer

        return ChromaServer(self.chroma_host, self.chroma_port, self.chroma_token) \
            if self.chroma_host else None


def _number(name: str, raw: str, kind: str) -> int | float:
    """A CHATBOT_* / CHROMA_* number: a whole number ≥ 0 for int fields, a number ≥ 0 for float ones."""
    try:
        value = int(raw) if kind == "int" else float(raw)
    except ValueError:
        value = -1
    if value < 0:
        what = "a whole number" if kind == "int" else "a number"
        raise UserError(f"{name}={raw!r} is not {what} ≥ 0; fix the variable")
    return value
