"""How long hostile input takes: the longest questions of the worst content, a full chat history,
and every knowledge pattern on adversarial text (issue 18). Prints the numbers; rerun it after
changing a pattern, the limits or the embedding model.

    CHATBOT_DATA_DIR=data .venv/bin/python -m chatbot.tools.hostile        # needs an index
    .venv/bin/python -m chatbot.tools.hostile --patterns-only               # no index needed
"""
from __future__ import annotations

import argparse
import re
import time

from chatbot.limits import clean_history
from chatbot.settings import Settings, offline_environment


def long_questions(limit: int) -> dict[str, str]:
    """Questions of `limit` characters that were slow before issue 18 (see its report)."""
    return {
        "spaces": ("厚木市" + " " * limit)[:limit - 1] + "？",
        "digits": "1" * limit,
        "人": "人" * limit,
        "place names": ("厚木市" * limit)[:limit],
        "mixed": ("100 人 以上 厚木市 1,000千人 " * limit)[:limit],
        "runs of spaces and 人": ((" " * 99 + "人") * limit)[:limit],
        "repeated English words": ("until the end of " * limit)[:limit],
    }


def full_history(settings: Settings) -> list[dict]:
    """A chat history at the limit: long questions of each content and long answers."""
    history: list[dict] = []
    for text in long_questions(1000).values():
        history += [{"role": "user", "content": text}, {"role": "assistant", "content": "回答。" * 500}]
    while sum(len(m["content"]) for m in history) < settings.max_history_chars:
        history += [{"role": "user", "content": "厚木市の事例は？"}, {"role": "assistant", "content": "回答。" * 300}]
    return clean_history(history, settings)


def patterns() -> list[tuple[str, re.Pattern]]:
    """The package's knowledge patterns with where they are (as the loader reads them)."""
    import dataclasses

    from core import instructions
    from core.knowledge import knowledge

    found: list[tuple[str, re.Pattern]] = []

    def walk(obj, where):
        if isinstance(obj, re.Pattern):
            found.append((where, obj))
        elif dataclasses.is_dataclass(obj):
            for f in dataclasses.fields(obj):
                walk(getattr(obj, f.name), f"{where}.{f.name}")
        elif isinstance(obj, (list, tuple)):
            for i, v in enumerate(obj):
                walk(v, f"{where}[{i}]")
        elif isinstance(obj, dict):
            for k, v in obj.items():
                walk(v, f"{where}.{k}")
    walk(knowledge(), "knowledge")
    found += [(f"instructions[{i}]", rx) for i, rx in enumerate(instructions._patterns())]
    return found


def measure_patterns(show: int = 5) -> None:
    from core.backtracking import structure, timed

    found = patterns()
    started = time.perf_counter()
    for _, rx in found:
        structure(rx)
    print(f"structure check: {len(found)} patterns in {time.perf_counter() - started:.3f} s")
    started = time.perf_counter()
    worst = sorted(((timed(rx), where) for where, rx in found), reverse=True)
    print(f"timed check: {time.perf_counter() - started:.1f} s; slowest search of 1,000 adversarial "
          "characters:")
    for took, where in worst[:show]:
        print(f"  {took * 1000:7.1f} ms  {where}")


def measure_answers(settings: Settings) -> None:
    from chatbot import Chatbot

    bot = Chatbot(settings)
    started = time.perf_counter()
    bot.ask("厚木市の事例は？")
    print(f"first question (loads the model and index): {time.perf_counter() - started:.2f} s")
    for name, question in long_questions(settings.max_question_chars).items():
        started = time.perf_counter()
        bot.ask(question)
        print(f"  {len(question):,} characters of {name}: {time.perf_counter() - started:.2f} s")
    history = full_history(settings)
    asked = [m["content"] for m in history if m["role"] == "user"]
    chars = sum(len(m["content"]) for m in history)
    for question in ("そのうち時間の短縮は？", long_questions(settings.max_question_chars)["spaces"]):
        started = time.perf_counter()
        bot.ask(question, history=asked)
        print(f"  with a {chars:,}-character history ({len(asked)} questions), a {len(question):,}-"
              f"character question: {time.perf_counter() - started:.2f} s")


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--patterns-only", action="store_true", help="Only time the knowledge patterns.")
    args = parser.parse_args(argv)
    offline_environment()
    measure_patterns()
    if not args.patterns_only:
        measure_answers(Settings.from_env())


if __name__ == "__main__":
    main()
