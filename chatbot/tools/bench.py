"""Rerunnable speed and memory benchmark: `python -m chatbot.tools.bench` (or `make bench`).

Prints: model load, first ingest and no-change re-ingest of corpus/ into a fresh temporary data
directory, then per-question latency (median, p95) over the QA set, and peak memory.
"""
from __future__ import annotations

import argparse
import resource
import statistics
import tempfile
import time
from pathlib import Path

from chatbot.settings import Settings, offline_environment


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=Path("corpus"))
    parser.add_argument("--questions", type=Path, default=Path("tests/qa/questions.jsonl"))
    parser.add_argument("--rounds", type=int, default=3, help="passes over the question set")
    args = parser.parse_args(argv)
    offline_environment()

    from chatbot import Chatbot, ingest
    from chatbot.tools.evaluate import load_questions

    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        settings = Settings.from_env(data_dir=Path(tmp) / "data")
        t = time.perf_counter()
        bot = Chatbot(settings)
        embeddings = bot.embeddings
        load = time.perf_counter() - t
        first = ingest(args.corpus, settings, embeddings=embeddings)
        again = ingest(args.corpus, settings, embeddings=embeddings)
        t = time.perf_counter()
        bot.retriever()
        warm = time.perf_counter() - t
        questions = [q["question"] for q in load_questions(args.questions)]
        seconds = []
        for _ in range(args.rounds):
            for q in questions:
                t = time.perf_counter()
                bot.ask(q)
                seconds.append(time.perf_counter() - t)
    seconds.sort()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"embeddings          {embeddings.name} (load {load:.2f} s)")
    print(f"first ingest        {first.seconds:.2f} s  ({first.cases} cases, {first.embedded} passages embedded)")
    print(f"re-ingest, no change {again.seconds:.2f} s  ({again.embedded} embedded, "
          f"{again.seconds / first.seconds:.1%} of first)")
    print(f"index load          {warm:.2f} s")
    print(f"question latency    median {statistics.median(seconds) * 1000:.0f} ms, "
          f"p95 {seconds[int(len(seconds) * 0.95) - 1] * 1000:.0f} ms over {len(seconds)} asks")
    print(f"peak memory (RSS)   {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
