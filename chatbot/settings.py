"""One frozen settings object: defaults, overridden by CHATBOT_* (and CHROMA_*) environment
variables."""
from __future__ import annotations

import os
from dataclasses import dataclass, field, fields
from pathlib import Path


def offline_environment() -> None:
    """Nothing may phone home: no model hub, no Chroma or Gradio telemetry."""
    for key, value in {"HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1",
                       "ANONYMIZED_TELEMETRY": "False", "GRADIO_ANALYTICS_ENABLED": "False",
                       "TOKENIZERS_PARALLELISM": "false"}.items():
        os.environ.setdefault(key, value)


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
    # CHATBOT_ANSWER_CONCURRENCY: questions the web app answers at once (the others queue).
    # Answering is CPU-bound: on the 2-core machine 50 simultaneous questions took as long with
    # 1, 2, 4 or 8 at a time (8-11 s); one per core keeps the cores busy while a question waits
    # on Chroma or the embedder and lets a short question pass a long one (README, "Speed").
    answer_concurrency: int = field(default_factory=lambda: os.cpu_count() or 2)
    chroma_host: str = ""                    # CHROMA_HOST: a Chroma server instead of embedded
    chroma_port: int = 8000                  # CHROMA_PORT
    chroma_token: str = ""                   # CHROMA_TOKEN: sent as "Authorization: Bearer …"

    @classmethod
    def from_env(cls, **overrides) -> "Settings":
        """Defaults, then CHATBOT_<FIELD> (CHROMA_<…> for the chroma_ fields) variables, then
        explicit overrides."""
        values = {}
        for f in fields(cls):
            name = f.name.upper() if f.name.startswith("chroma_") else f"CHATBOT_{f.name.upper()}"
            raw = os.environ.get(name)
            if raw is not None and raw != "":
                values[f.name] = int(raw) if f.type in ("int", int) else raw
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
