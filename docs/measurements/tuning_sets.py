"""The tuning sets a measurement script answers: tests/qa/questions.jsonl and tests/qa/tune/*.jsonl
(never a held-out file), each with a Chatbot over the article its questions ask about (the
current article from CHATBOT_DATA_DIR; another one, such as a next-month fixture, ingested once
into a temporary folder with the same embeddings)."""
from dataclasses import replace
from pathlib import Path

from chatbot import Chatbot, Settings, ingest
from chatbot.tools.evaluate import load_questions


def tuning_sets(tree: Path, tmp: str, filters=()):
    """Yield (file, its questions, the Chatbot to ask them) for every tuning set whose name holds
    one of `filters` (every set when none is given)."""
    files = [tree / "tests/qa/questions.jsonl"] + sorted((tree / "tests/qa/tune").glob("*.jsonl"))
    base = Settings.from_env() if hasattr(Settings, "from_env") else Settings()
    bot = Chatbot(base)
    bots = {"": bot}
    for f in files:
        if filters and not any(s in f.name for s in filters):
            continue
        qs = load_questions(f)
        art = qs[0].get("article", "")
        if art not in bots:
            other = replace(base, data_dir=Path(tmp) / f"a{len(bots)}")
            ingest(Path(art), other, embeddings=bot.embeddings)
            bots[art] = Chatbot(other, embeddings=bot.embeddings)
        yield f, qs, bots[art]
