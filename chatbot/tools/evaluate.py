"""`chatbot eval`: score answers against gold cases, beside a plain LangChain top-k baseline.

Question file: JSON Lines, one ``{"question", "type": fact|list|count|none, "gold": [headings],
"detail": [strings]}`` per line; optionally ``"history": [earlier messages]`` (the question is
the last turn of that conversation), ``"turn_gold": [[headings] per earlier message]`` (the
earlier turns are scored too) and ``"article": "path"`` (relative to the question file: the
set is answered from an index built from that article — next month's, say — in a temporary
data directory). Metrics:
  fact hit@1 / hit@3  the gold case is the first / among the first three citations
  fact text           the asked detail (any of ``detail``, after NFKC) is in the answer text or
                      its first three quotes (the baseline: its first three chunks)
  list recall / precision  per list or count question, averaged (macro)
  tables correct      share of aggregate / rank / compare / timeline answers whose table is
                      right (`chatbot.tools.tables_eval`)
  quote faithfulness  share of list quotes that hold what their case is listed for (a facet read
                      in the sentence, some of the question's words, a figure; `faithful`)
  abstention          share of no-answer questions answered with no citation
  false abstention    share of answerable questions answered with no citation
  turn recall / precision / false abstention  the same for the earlier turns of conversations
                      that give their gold (``turn_gold``; a turn with no gold case is not
                      scored): a wrong first turn is what its follow-ups inherit
"""
from __future__ import annotations

import json
import statistics
import tempfile
import time
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path

from chatbot import Chatbot, Settings, UserError, ingest
from chatbot.tools.faithful import faithfulness
from chatbot.tools.jsonl import json_lines
from chatbot.tools.tables_eval import TABLE_TYPES, table_correct

TYPES = ("fact", "list", "count", "none") + TABLE_TYPES


class QuestionFileError(UserError):
    """The question file is malformed; the message names the line."""


def load_questions(path: Path) -> list[dict]:
    """Read and check a question file (JSON Lines).

    Raises:
        QuestionFileError: unreadable, not UTF-8, a line that is not a JSON object with a
            string ``question``, a ``type`` in TYPES and a list of strings as ``gold``.
    """
    rows = []
    for n, row in json_lines(path, QuestionFileError):
        if not isinstance(row, dict) or not isinstance(row.get("question"), str) \
                or row.get("type") not in TYPES:
            raise QuestionFileError(f"{path}:{n}: needs a 'question' string and 'type' in {TYPES}")
        row.setdefault("gold", [])
        if not isinstance(row["gold"], list) or not all(isinstance(g, str) for g in row["gold"]):
            raise QuestionFileError(f"{path}:{n}: 'gold' must be a list of case headings")
        detail = row.setdefault("detail", [])
        if isinstance(detail, str):
            row["detail"] = [detail]
        elif not isinstance(detail, list) or not all(isinstance(d, str) for d in detail):
            raise QuestionFileError(f"{path}:{n}: 'detail' must be a string or a list of strings")
        history = row.setdefault("history", [])
        if not isinstance(history, list) or not all(isinstance(h, str) for h in history):
            raise QuestionFileError(f"{path}:{n}: 'history' must be a list of earlier messages")
        turns = row.get("turn_gold", [])
        if not isinstance(turns, list) or len(turns) > len(history) or not all(
                isinstance(t, list) and all(isinstance(g, str) for g in t) for t in turns):
            raise QuestionFileError(f"{path}:{n}: 'turn_gold' must be a list of case-heading lists, "
                                    "at most one per earlier message")
        if "article" in row:
            if not isinstance(row["article"], str):
                raise QuestionFileError(f"{path}:{n}: 'article' must be a path relative to the file")
            article = (Path(path).parent / row["article"]).resolve()
            if not article.is_file():
                raise QuestionFileError(f"{path}:{n}: article {row['article']} not found")
            row["article"] = str(article)
        rows.append(row)
    if not rows:
        raise QuestionFileError(f"{path}: no questions")
    return rows


@dataclass(frozen=True)
class Output:
    """What a system gave for one question: the cases it cited, in order, and the text a reader
    sees first (the answer and its first three quotes)."""

    cases: list[str]
    text: str = ""
    faithful: tuple[bool, ...] = ()     # each checked list quote holds what it is cited for
    table: dict | None = None           # a table answer's table
    passages: dict | None = None        # marker → quoted sentence
    turns: tuple[tuple[str, ...], ...] = ()     # the cases cited at each earlier turn scored


def _nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def score(questions: list[dict], outputs: list[Output]) -> dict:
    """Metrics for one system: outputs[i] is what it gave for questions[i]."""
    hit1, hit3, text_hit, recall, precision, abstain, false_abstain = [], [], [], [], [], [], []
    tables: list[bool] = []
    misses = []
    for q, out in zip(questions, outputs):
        cases = out.cases
        gold = set(q["gold"])
        if q["type"] == "none":
            abstain.append(not cases)
            if cases:
                misses.append({"id": q.get("id"), "question": q["question"], "cited": cases, "gold": []})
            continue
        if q["type"] in TABLE_TYPES:
            tables.append(table_correct(q, out.table, out.passages or {}))
            if not tables[-1]:
                misses.append({"id": q.get("id"), "question": q["question"], "table": "wrong",
                               "rows": (out.table or {}).get("rows", [])[:3]})
            continue
        false_abstain.append(not cases)
        if q["type"] == "fact":
            hit1.append(bool(cases) and cases[0] in gold)
            hit3.append(bool(gold & set(cases[:3])))
            found = None
            if q.get("detail"):
                found = any(_nfkc(d) in _nfkc(out.text) for d in q["detail"])
                text_hit.append(found)
            if not hit1[-1] or found is False:
                misses.append({"id": q.get("id"), "question": q["question"], "cited": cases[:3],
                               "gold": sorted(gold), **({"detail": q["detail"]} if found is False else {})})
        else:
            got = set(cases)
            recall.append(len(got & gold) / len(gold) if gold else 1.0)
            precision.append(len(got & gold) / len(got) if got else 0.0)
            if got != gold:
                misses.append({"id": q.get("id"), "question": q["question"],
                               "missing": sorted(gold - got), "extra": sorted(got - gold)})

    turn_recall, turn_precision, turn_false = [], [], []
    for q, out in zip(questions, outputs):
        for i, (gold, cited) in enumerate(zip(q.get("turn_gold", []), out.turns)):
            gold, got = set(gold), set(cited)
            if not gold:
                continue
            turn_false.append(not got)
            turn_recall.append(len(got & gold) / len(gold))
            turn_precision.append(len(got & gold) / len(got) if got else 0.0)
            if got != gold:
                misses.append({"id": q.get("id"), "turn": i + 1, "question": q["history"][i],
                               "missing": sorted(gold - got), "extra": sorted(got - gold)})

    def mean(xs):
        return round(sum(xs) / len(xs), 3) if xs else None

    checked = [x for out in outputs for x in out.faithful]
    for q, out in zip(questions, outputs):
        if not all(out.faithful):
            misses.append({"id": q.get("id"), "question": q["question"], "unfaithful_quotes": out.faithful.count(False)})
    return {"fact_hit@1": mean(hit1), "fact_hit@3": mean(hit3), "fact_text": mean(text_hit),
            "list_recall": mean(recall), "list_precision": mean(precision),
            "quote_faithfulness": mean(checked), "tables_correct": mean(tables),
            "abstention": mean(abstain), "false_abstention": mean(false_abstain),
            "turn_recall": mean(turn_recall), "turn_precision": mean(turn_precision),
            "turn_false_abstention": mean(turn_false),
            "n": {"fact": len(hit1), "list": len(recall), "none": len(abstain), "table": len(tables),
                  "turns": len(turn_recall)},
            "misses": misses}


def evaluate(questions: list[dict], settings: Settings, *, baseline: bool = True,
             bot: Chatbot | None = None, base=None) -> dict:
    """Run the chatbot (and optionally the baseline) on every question and score both."""
    bot = bot or Chatbot(settings)
    cases = {c.id: c.sentences for c in bot.retriever().cases.values()}   # load before timing
    headlines = {c.id: c.source for c in bot.retriever().cases.values()}
    outputs, seconds = [], []
    for q in questions:
        t = time.perf_counter()
        answer = bot.ask(q["question"], history=q["history"])
        seconds.append(time.perf_counter() - t)
        quotes = " ".join(c.passage for c in answer.citations[:3])
        turns = tuple(tuple(c.case for c in bot.ask(earlier, history=q["history"][:i]).citations)
                      for i, earlier in enumerate(q["history"][:len(q.get("turn_gold", []))]))
        outputs.append(Output([c.case for c in answer.citations], f"{answer.text}\n{quotes}",
                              tuple(faithfulness(answer, cases, headlines)), answer.table,
                              {c.marker: c.passage for c in answer.citations}, turns))
    result = {"chatbot": score(questions, outputs),
              "median_seconds_per_question": round(statistics.median(seconds), 4),
              "questions": len(questions), "model": bot.embeddings.name}
    if baseline:
        if base is None:
            from chatbot.tools.baseline import Baseline

            base = Baseline(bot.retriever().cases.values(), bot.embeddings)
        result["baseline"] = score(questions, [Output(*base.retrieve(q["question"])) for q in questions])
    return result


def evaluate_files(paths: list[Path], settings: Settings, *, baseline: bool = True) -> dict:
    """`evaluate` on each question file, loading the model, index and baseline once (and once
    per other article a file names, each built in a temporary data directory). Each result says
    which index version it scored (``"index"``, see `served_index`)."""
    sets = {str(p): load_questions(p) for p in paths}     # every file checked before any work
    bot = Chatbot(settings)
    index = served_index(settings, bot)
    bots: dict[str, tuple[Chatbot, object]] = {"": (bot, _baseline(bot) if baseline else None)}
    results = {}
    with tempfile.TemporaryDirectory(prefix="chatbot-eval-") as tmp:
        for name, qs in sets.items():
            article = qs[0].get("article", "")
            if any(q.get("article", "") != article for q in qs):
                raise QuestionFileError(f"{name}: every question of a file is about the same article")
            if article not in bots:
                other = replace(settings, data_dir=Path(tmp) / f"article{len(bots)}")
                ingest(Path(article), other, embeddings=bot.embeddings)
                other_bot = Chatbot(other, embeddings=bot.embeddings)
                bots[article] = (other_bot, _baseline(other_bot) if baseline else None)
            one, base = bots[article]
            results[name] = {**evaluate(qs, one.settings, baseline=baseline, bot=one, base=base),
                             "index": index}
            if article:         # answered from an index of that article, built for this run
                results[name]["article"] = article
    return results


def _baseline(bot: Chatbot):
    from chatbot.tools.baseline import Baseline

    return Baseline(bot.retriever().cases.values(), bot.embeddings)


def served_index(settings: Settings, bot: Chatbot) -> dict:
    """The index version being scored, and whether it holds exactly the articles of
    ``settings.corpus_dir`` as they are now (the gold answers are written against those).

    Returns:
        ``{"version", "as_of", "built", "corpus", "from_corpus", "differs"}``; ``differs`` says how
        it differs when ``from_corpus`` is false.
    """
    from chatbot import index_status, preview

    bot.retriever()                                     # no index: the usual UserError
    status = index_status(settings)
    out = {"version": status["version"], "built": status["built"], "corpus": str(settings.corpus_dir),
           "as_of": " / ".join(a.get("version") or a.get("title", "") for a in status["articles"]),
           "from_corpus": False, "differs": ""}
    try:
        report, _refused = preview(settings.corpus_dir, settings, embeddings=bot.embeddings)
    except UserError as exc:
        out["differs"] = f"cannot compare it with {settings.corpus_dir}: {exc}"
        return out
    if report.changed:
        out["differs"] = (f"{settings.corpus_dir} differs from it by {len(report.added)} added, "
                          f"{len(report.updated)} edited and {len(report.removed)} removed cases")
    elif {a.get("id") for a in status["articles"]} != {a["id"] for a in report.articles}:
        out["differs"] = f"it holds articles that are not in {settings.corpus_dir}"
    out["from_corpus"] = not out["differs"]
    return out


def format_index(index: dict) -> tuple[str, str]:
    """`served_index` as (the line that heads the report, a warning or "")."""
    line = (f"index version {index['version']} (【{index['as_of']}】, built {index['built'][:16]}), "
            f"{'built from' if index['from_corpus'] else 'NOT built from'} {index['corpus']}/")
    warning = "" if index["from_corpus"] else (
        f"warning: the scored index is not the one {index['corpus']}/ builds ({index['differs']}); "
        f"to score that, run `chatbot ingest {index['corpus']}/` first")
    return line, warning


def format_report(result: dict, show_misses: bool = False) -> str:
    systems = [s for s in ("chatbot", "baseline") if s in result]
    metrics = ["fact_hit@1", "fact_hit@3", "fact_text", "list_recall", "list_precision",
               "quote_faithfulness", "tables_correct", "abstention", "false_abstention"]
    if result["chatbot"]["n"].get("turns"):
        metrics += ["turn_recall", "turn_precision", "turn_false_abstention"]
    lines = ([f"answered from an index of {result['article']} built for this run"]
             if result.get("article") else [])
    lines += [f"{result['questions']} questions, embeddings {result['model']}, "
              f"median {result['median_seconds_per_question'] * 1000:.0f} ms per question (chatbot)",
              f"{'metric':22}" + "".join(f"{s:>12}" for s in systems)]
    for m in metrics:
        vals = [result[s][m] for s in systems]
        lines.append(f"{m:22}" + "".join(f"{'-' if v is None else f'{v:.3f}':>12}" for v in vals))
    n = result["chatbot"]["n"]
    lines.append(f"(fact {n['fact']}, list/count {n['list']}, no-answer {n['none']}, table {n.get('table', 0)}"
                 + (f"; earlier turns {n['turns']})" if n.get("turns") else ")"))
    if show_misses:
        lines.append("\nchatbot misses:")
        for m in result["chatbot"]["misses"]:
            lines.append("  " + json.dumps(m, ensure_ascii=False))
    return "\n".join(lines)
