"""`chatbot bench`: speed and memory of this project beside the plain LangChain pipeline
(`chatbot.tools.baseline`: 500-character chunks, the same embeddings, Chroma, top 4), in one run
on one machine, at the article's size and at N cases of a synthetic article
(`chatbot.tools.synthetic`).

Per system and size: first ingest, re-ingest of the unchanged article, re-ingest with one case
edited, index load, warm answer latency (p50/p95, each question once after five other
warm-up questions), a cold `ask` (a new process, start to answer; median of three), and of a
served app (a subprocess, `chatbot.tools.served`): its peak RSS after 100 questions over HTTP,
a burst of 50 simultaneous /chat calls (p50/p95), and — this project only — its RSS after the
first and the 20th version published into it while it runs. The plain pipeline has no diff: each
of its re-ingests is a rebuild, reported as the rebuild it measured once. Everything is written
to a temporary folder and removed.
"""
from __future__ import annotations

import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from chatbot import Chatbot, Settings, ingest, load_articles
from chatbot.tools.baseline import Baseline
from chatbot.tools.served import ServedApp
from chatbot.tools.synthetic import ReusingEmbeddings, name_pool, synthetic_article

ARTICLE = Path("corpus/chatgpt_jichitai_katsuyo_jirei_62.txt")
QUESTIONS = Path("tests/qa/questions.jsonl")
SIZES = (10_000,)
# Asked before timing, so the models and caches are warm; not among the timed questions.
WARM_UP = ("ChatGPTを導入した自治体はどこですか？", "Which cities use generative AI?",
           "議事録の要約に使っている例は？", "What rules do prefectures set?", "職員の業務時間は減りましたか？")
# What each burst session asks first, untimed, to open its session as a browser's page has one: a
# one-case answer (WARM_UP[0] now lists every case — 10,000 at scale, 3.4 MB of JSON — and each
# session's next answer then carried that list in its chat history).
OPENING = "厚木市の事例を教えて"


@dataclass(frozen=True)
class Options:
    """How much of each measurement to take."""

    cold_runs: int = 3    # new processes per cold measurement (the median is reported)
    burst: int = 50       # simultaneous /chat calls (0: none)
    versions: int = 20    # versions published into this project's running app (0: none)


BIN = Path(sys.executable).parent
# Numbers every size reports, for people (label, key, format).
ROWS = [("warm answer p50", "p50_ms", "{:.0f} ms"), ("warm answer p95", "p95_ms", "{:.0f} ms"),
        ("first ingest", "ingest_s", "{:.1f} s"),
        ("re-ingest, unchanged", "reingest_unchanged_s", "{:.2f} s"),
        ("re-ingest, one case edited", "reingest_edited_s", "{:.1f} s"),
        ("index load", "load_s", "{:.2f} s"), ("cold ask (new process)", "cold_ask_s", "{:.1f} s"),
        ("served app peak RSS", "rss_mb", "{:.0f} MB"),
        ("burst of simultaneous /chat, p50", "burst_p50_s", "{:.2f} s"),
        ("burst of simultaneous /chat, p95", "burst_p95_s", "{:.2f} s"),
        ("served app CPU for the burst", "burst_cpu_s", "{:.1f} s"),
        ("RSS after 1st published version", "rss_after_version_mb", "{:.0f} MB"),
        ("RSS after Nth published version", "rss_after_versions_mb", "{:.0f} MB"),
        ("passages / chunks", "passages", "{}"),
        ("of which embedded by the model", "embedded", "{}")]


def _timed(fn):
    start = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - start


def _percentiles(seconds: list[float]) -> tuple[float, float]:
    seconds = sorted(seconds)
    return (statistics.median(seconds) * 1000,
            seconds[max(0, int(round(0.95 * len(seconds))) - 1)] * 1000)


def _cold(cmd: list[str], env: dict, runs: int = Options.cold_runs) -> float:
    """Median wall time of a new process answering one question."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=900)
        times.append(time.perf_counter() - start)
        if done.returncode != 0:
            raise RuntimeError(f"{' '.join(cmd[:3])} failed: {done.stderr[-800:]}")
    return statistics.median(times)


def _served(app: ServedApp, inputs, served: list[str], burst: list[str]) -> dict:
    """Peak RSS after the served questions, then a burst of simultaneous calls."""
    for q in served:
        app.ask(inputs(q))
    out = {"rss_mb": round(app.memory_mb("VmHWM"))}
    if burst:
        cpu = app.cpu_s()
        times = app.burst(burst, inputs, opening=OPENING)
        p50, p95 = _percentiles(times)
        out.update(burst=len(burst), burst_p50_s=round(p50 / 1000, 2), burst_p95_s=round(p95 / 1000, 2),
                   burst_cpu_s=round(app.cpu_s() - cpu, 1))
    return out


def _chat(question: str) -> list:
    """The inputs of this project's /chat: question, history, region, level, prefecture, pending."""
    return [question, [], "", "", "", None]


def _publish(app: ServedApp, text: str, cases, work: Path, settings, embeddings, n: int) -> dict:
    """Publish n versions into the running app (each edits one more case), each answered from;
    its RSS after the first and the last."""
    rss = {}
    for v in range(1, n + 1):
        sentence = cases[v % len(cases)].sentences[-1]
        text = text.replace(sentence, sentence.rstrip("。") + f"（第{v}版）。", 1)
        path = work / f"version-{v}.txt"
        path.write_text(text, encoding="utf-8")
        if not ingest(path, settings, embeddings=embeddings).version:
            raise RuntimeError(f"version {v} published nothing")
        app.ask(_chat(WARM_UP[v % len(WARM_UP)]))       # the app loads the new version
        rss[v] = app.memory_mb()
    return {"versions": n, "rss_after_version_mb": round(rss[1]), "rss_after_versions_mb": round(rss[n])}


def _latency(answer, questions: list[str]) -> tuple[float, float]:
    for q in WARM_UP:
        answer(q)
    return _percentiles([_timed(lambda q=q: answer(q))[1] for q in questions])


def _edited(text: str, case) -> str:
    """The article with one sentence of one case changed (its first occurrence only)."""
    sentence = case.sentences[-1]
    return text.replace(sentence, sentence.rstrip("。") + "（追記あり）。", 1)


def project(corpus: Path, text: str, cases, work: Path, embeddings, questions: list[str],
            served: list[str], env: dict, options: Options = Options()) -> dict:
    settings = Settings.from_env(data_dir=work / "data")
    env = {**env, "CHATBOT_DATA_DIR": str(settings.data_dir)}
    first, ingest_s = _timed(lambda: ingest(corpus, settings, embeddings=embeddings))
    embedded = getattr(embeddings, "embedded", first.embedded)   # by the model itself
    _, unchanged_s = _timed(lambda: ingest(corpus, settings, embeddings=embeddings))
    edited = work / "edited.txt"
    text = _edited(text, cases[0])
    edited.write_text(text, encoding="utf-8")
    report, edited_s = _timed(lambda: ingest(edited, settings, embeddings=embeddings))
    assert len(report.updated) == 1, report.updated
    bot = Chatbot(settings, embeddings=embeddings)
    _, load_s = _timed(bot.retriever)
    bot.warm_up()                                   # as `chatbot serve` does at start
    p50, p95 = _latency(bot.ask, questions)
    cold = _cold([str(BIN / "chatbot"), "ask", questions[0]], env, options.cold_runs)
    passages = sum(len(c.sentences) for c in bot.retriever().cases.values())
    with ServedApp([str(BIN / "chatbot"), "serve"], env) as app:
        out = _served(app, _chat, served, _burst_questions(questions, options.burst, served))
        if options.versions:
            out.update(_publish(app, text, cases, work, settings, embeddings, options.versions))
    return {"cases": first.cases, "p50_ms": round(p50, 1), "p95_ms": round(p95, 1),
            "load_s": round(load_s, 2), "ingest_s": round(ingest_s, 1), **out,
            "reingest_unchanged_s": round(unchanged_s, 2), "reingest_edited_s": round(edited_s, 1),
            "cold_ask_s": round(cold, 2), "passages": passages, "embedded": embedded,
            "questions": len(questions)}


def _burst_questions(questions: list[str], n: int, asked: list[str]) -> list[str]:
    """n questions of the set, spread over it (lists, facts, English, no-answer alike), those the
    app was not asked before where there are enough (it remembers a question's embedding)."""
    before = set(asked)
    fresh = [q for q in questions if q not in before]
    pool = fresh if len(fresh) >= n else questions
    return [pool[i * len(pool) // n] for i in range(n)] if n else []


def plain(cases, work: Path, embeddings, questions: list[str], served: list[str], env: dict,
          options: Options = Options()) -> dict:
    store = work / "chroma"
    base, ingest_s = _timed(lambda: Baseline(cases, embeddings, persist_dir=store))
    chunks = len(base.docs)
    _, load_s = _timed(lambda: Baseline.open(store, embeddings).store._collection.count())
    p50, p95 = _latency(base.cite, questions)
    module = [sys.executable, "-m", "chatbot.tools.baseline"]
    cold = _cold(module + ["ask", "--dir", str(store), questions[0]], env, options.cold_runs)
    with ServedApp(module + ["serve", "--dir", str(store)], env) as app:
        out = _served(app, lambda q: [q], served, _burst_questions(questions, options.burst, served))
    return {"cases": len(cases), "p50_ms": round(p50, 1), "p95_ms": round(p95, 1),
            "load_s": round(load_s, 2), "ingest_s": round(ingest_s, 1), **out,
            "reingest_unchanged_s": round(ingest_s, 1), "reingest_edited_s": round(ingest_s, 1),
            "cold_ask_s": round(cold, 2), "passages": chunks, "embedded": chunks,
            "questions": len(questions)}


def run(sizes=SIZES, questions: int = 0, served: int = 100, article_path: Path = ARTICLE,
        questions_path: Path = QUESTIONS, log=print, options: Options = Options()) -> dict:
    """Measure both systems at the article's size and at each synthetic size.

    Args:
        sizes: synthetic corpus sizes (cases) besides the article's own (0: none).
        questions: how many questions of the QA set to time (0: all).
        served: questions asked of each served app before its memory is read.
        options: cold runs, burst size, versions published (`Options`).
        article_path: the real article; questions_path: the questions (JSON Lines).
    """
    from chatbot.settings import offline_environment
    from core.embeddings import get_embeddings

    offline_environment()
    settings = Settings.from_env()
    asked = [json.loads(line)["question"] for line in
             Path(questions_path).read_text(encoding="utf-8").splitlines() if line.strip()]
    asked = asked[:questions] if questions else asked
    served_qs = [asked[i % len(asked)] for i in range(served)]
    article = load_articles(Path(article_path))[0][0]
    source = Path(article_path).read_text(encoding="utf-8")
    model = get_embeddings(settings.embeddings, settings.embedding_model)
    out = {"machine": _machine(), "help_s": round(_cold([str(BIN / "chatbot"), "--help"], dict(os.environ), options.cold_runs), 2),
           "embedder": {"name": model.name, **_embedder_speed(model, article)},
           "project": [], "plain": []}
    root = Path(tempfile.mkdtemp(prefix="chatbot-bench-"))
    try:
        for n in (len(article.cases), *(s for s in sizes if s > 0)):
            work = root / str(n)
            work.mkdir()
            text = source if n == len(article.cases) else synthetic_article(article, n)
            corpus = work / "article.txt"
            corpus.write_text(text, encoding="utf-8")
            cases = load_articles(corpus)[0][0].cases
            embeddings = model if n == len(article.cases) else \
                ReusingEmbeddings(model, name_pool(source))
            env = {**os.environ, "CHATBOT_EMBEDDINGS": settings.embeddings}
            log(f"[bench] {n} cases: project …")
            out["project"].append(project(corpus, text, cases, work / "project", embeddings,
                                          asked, served_qs, env, options))
            log(f"[bench] {n} cases: plain pipeline …")
            before = getattr(embeddings, "embedded", None)
            out["plain"].append(plain(cases, work / "plain", embeddings, asked, served_qs, env, options))
            if before is not None:
                out["plain"][-1]["embedded"] = embeddings.embedded - before
            shutil.rmtree(work, ignore_errors=True)
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return out


def _machine() -> dict:
    mem = next((int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                if line.startswith("MemTotal:")), 0)
    return {"cpus": os.cpu_count(), "memory_gb": round(mem / 2**20, 1), "python": platform.python_version(),
            "load_average": round(os.getloadavg()[0], 2)}


def _embedder_speed(model, article) -> dict:
    """Sentences per second the embedder manages on the article (batches of 64)."""
    texts = [f"{c.title}: {s}" for c in article.cases for s in c.sentences][:128]
    _, seconds = _timed(lambda: [model.embed_documents(texts[i:i + 64]) for i in range(0, len(texts), 64)])
    return {"sentences_per_s": round(len(texts) / seconds, 1)}


def format_table(result: dict) -> str:
    """The measurements for people: one column per system and size."""
    columns = []
    for p, b in zip(result["project"], result["plain"]):
        columns += [(f"project {p['cases']}", p), (f"plain {b['cases']}", b)]
    width = max(len(label) for label, _, _ in ROWS) + 2
    lines = ["".ljust(width) + "".join(f"{name:>16}" for name, _ in columns)]
    for label, key, fmt in ROWS:
        cells = ["-" if col.get(key) is None else fmt.format(col[key]) for _, col in columns]
        lines.append(label.ljust(width) + "".join(f"{c:>16}" for c in cells))
    m, e = result["machine"], result["embedder"]
    lines.append(f"\n{m['cpus']} CPUs, {m['memory_gb']} GB, Python {m['python']}, load average "
                 f"{m['load_average']} at start; `chatbot --help` {result['help_s']:.2f} s; "
                 f"{e['name']} embeds {e['sentences_per_s']} sentences/s")
    for p in result["project"][1:]:
        lines.append(f"{p['cases']} cases: {p['passages']} sentences, {p['embedded']} embedded by "
                     f"the model (the rest reuse the vector of their masked text); embedding them "
                     f"all would take ≈ {p['passages'] / e['sentences_per_s'] / 60:.0f} min more.")
    return "\n".join(lines)


__all__ = ["Options", "format_table", "run"]
