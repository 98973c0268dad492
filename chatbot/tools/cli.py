"""`chatbot` command: ingest, ask, chat, eval, bench, versions, serve, feedback, audit, users.

A client of the public API (`chatbot`) like any other; every `UserError` becomes one line on
standard error and exit code 1, never a traceback.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from chatbot import Settings, UserError
from chatbot.settings import offline_environment
from chatbot.tools.llmbench import command as llm_bench_command


class _Failed(click.ClickException):
    """A `UserError`, as click prints it: "Error: <message>", exit code 1."""


def _settings(ctx: click.Context) -> Settings:
    return ctx.obj


def _run(fn):
    try:
        return fn()
    except UserError as exc:
        raise _Failed(str(exc)) from None


@click.group()
@click.option("--data-dir", type=click.Path(path_type=Path), default=None,
              help="Where the index lives (env CHATBOT_DATA_DIR, default ./data).")
@click.pass_context
def main(ctx: click.Context, data_dir: Path | None) -> None:
    """Answer questions about Japanese municipalities' ChatGPT adoption, from the article."""
    offline_environment()
    ctx.obj = _run(lambda: Settings.from_env(data_dir=data_dir))


@main.command()
@click.argument("path", type=click.Path())
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@click.option("--force", is_flag=True, help="Allow removing more than half of an article's cases.")
@click.option("--rebuild", is_flag=True, help="Re-embed everything (after changing the model).")
@click.option("--if-missing", is_flag=True, help="Do nothing when an index already exists.")
@click.option("--dry-run", is_flag=True, help="Only say what would change; write nothing.")
@click.pass_context
def ingest(ctx, path: str, as_json: bool, force: bool, rebuild: bool, if_missing: bool,
           dry_run: bool) -> None:
    """Index an article file or a folder of articles, case by case: what was added, updated
    and removed, each added case's facets, the sentences no facet reads, and any sentence that
    speaks to a reader or a model (never evidence).

    Example: chatbot ingest corpus/ --dry-run
    """
    from chatbot import index_status
    from chatbot import ingest as run_ingest
    from chatbot.tools.report import ingest_lines

    if not path.strip():      # "" would be the current directory: never what was meant
        raise _Failed("no article given: name a file or a folder, e.g. chatbot ingest corpus/")
    path = Path(path)
    settings = _settings(ctx)
    if if_missing and index_status(settings)["version"]:
        click.echo(f"index exists in {settings.data_dir}; nothing to do")
        return
    report = _run(lambda: run_ingest(path, settings, force=force, rebuild=rebuild, dry_run=dry_run))
    if as_json:
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False))
        return
    click.echo("\n".join(ingest_lines(report.to_dict(), dry_run)))


@main.command()
@click.argument("questions", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object per question (JSON Lines).")
@click.option("--conversation", is_flag=True,
              help="Answer the questions in order as one conversation (follow-ups read in context).")
@click.pass_context
def ask(ctx, questions: tuple[str, ...], as_json: bool, conversation: bool) -> None:
    """Answer one or more questions (models load once); each on its own, or with
    --conversation as one conversation ("understood_as" in the JSON says how each was read).

    With CHATBOT_LLM set, an LLM words the answer; `--json` says `"mode": "llm"` when its answer
    passed verification, else `"extractive"` with the `"fallback_reason"`. A question that looks
    like it holds personal data is never sent to the LLM from here.

    Example: chatbot ask --json --conversation "外部向けの利用を禁止している県は？" "そのうち中国地方は？"
    """
    from chatbot.limits import check_question

    for q in questions:                  # every limit before the model loads
        if not _run(lambda: check_question(q, _settings(ctx))):
            raise _Failed('a question is empty: e.g. chatbot ask "厚木市の事例は？"')
    answer = _answerer(ctx)
    for i, q in enumerate(questions):
        shown = answer(q, list(questions[:i]) if conversation else [])
        if as_json:
            click.echo(json.dumps(shown, ensure_ascii=False))
        else:
            _print_answer(q, shown)
            if len(questions) > 1:
                click.echo("")


@main.command()
@click.pass_context
def chat(ctx) -> None:
    """Talk with the chatbot in the terminal: follow-up questions are read in context.

    Type a question and press Enter (line editing and history with the arrow keys); `/new`
    starts a new conversation; Ctrl-D (or `/quit`) ends.

    Example: chatbot chat
    """
    try:
        import readline             # line editing and history for input(), where the OS has it
        readline.set_auto_history(True)
    except ImportError:
        pass

    answer = _answerer(ctx)
    asked: list[str] = []
    piped = not sys.stdin.isatty()      # no terminal echoes the questions: the transcript does
    click.echo("質問をどうぞ（/new で新しい会話、Ctrl-D で終了） / Ask away (/new: new conversation, Ctrl-D: quit)")
    while True:
        try:
            q = input("> ").strip()
        except EOFError:
            click.echo("")
            return
        except KeyboardInterrupt:
            click.echo("")
            continue
        if piped:
            click.echo(q)
        if q in ("/quit", "/exit"):
            return
        if q == "/new":
            asked = []
            click.echo("新しい会話を始めます。 / New conversation.")
            continue
        if not q:
            continue
        try:
            shown = answer(q, asked)
        except _Failed as exc:                # a question over the limit: say so, keep chatting
            click.echo(f"Error: {exc.message}", err=True)
            continue
        _print_answer(q, shown, echo_question=False)
        asked.append(q)


def _answerer(ctx):
    """Load the model and index once; return f(question, earlier questions) → the answer's JSON."""
    from chatbot import Chatbot
    from chatbot.answering import Audit, answer_json
    from chatbot.privacy import personal_data_kinds

    bot = _run(lambda: Chatbot(_settings(ctx)))
    _run(bot.chat_model)            # incomplete LLM settings: one line, before any question
    audit = Audit.command_line()    # a question sent to an LLM from here is audited too

    def answer(question: str, history: list[str]) -> dict:
        # The same function `answer_chain` runs, without LangChain's import cost.
        shown = _run(lambda: answer_json(bot, {"question": question, "history": history}, audit))
        if kinds := personal_data_kinds(question):
            shown = {**shown, "personal_data": kinds}
        return shown

    return answer


def _print_answer(question: str, answer: dict, echo_question: bool = True) -> None:
    from chatbot import fallback_notice

    click.echo(f"Q: {question}\n{answer['answer']}\n" if echo_question else f"{answer['answer']}\n")
    if answer.get("fallback_reason"):
        click.echo(fallback_notice(answer["fallback_reason"], answer["lang"]) + "\n")
    for marker, c in enumerate(answer["citations"], start=1):   # [n] is the n-th citation
        click.echo(f"  [{marker}] {c['case']} — {c['source']}")


@main.command(name="eval")
@click.argument("files", nargs=-1, required=True,
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True,
              help="Print the metrics as JSON (one object; by file when several are given).")
@click.option("--baseline/--no-baseline", default=True,
              help="Also run the plain LangChain top-4 baseline on the same questions.")
@click.option("--show-misses", is_flag=True, help="List the questions that missed.")
@click.pass_context
def evaluate(ctx, files: tuple[Path, ...], as_json: bool, baseline: bool, show_misses: bool) -> None:
    """Score answers against gold question sets (JSON Lines), each reported on its own, with the
    index version scored (a warning on standard error when it is not what corpus/ builds).

    Example: chatbot eval tests/qa/questions.jsonl tests/qa/holdout.jsonl
    """
    from chatbot.tools.evaluate import evaluate_files, format_index, format_report

    results = _run(lambda: evaluate_files(list(files), _settings(ctx), baseline=baseline))
    line, warning = format_index(next(iter(results.values()))["index"])
    if warning:
        click.echo(warning, err=True)
    if as_json:
        one = len(results) == 1
        click.echo(json.dumps(next(iter(results.values())) if one else results,
                              ensure_ascii=False, indent=1))
        return
    click.echo(line)
    for name, result in results.items():
        click.echo(f"== {name}\n{format_report(result, show_misses=show_misses)}\n")


@main.command()
@click.option("--cases", "sizes", type=int, multiple=True,
              help="Size(s) of the synthetic corpus besides the article's (default 10000).")
@click.option("--json", "as_json", is_flag=True, help="Print the measurements as JSON.")
@click.option("--questions", type=int, default=0, help="Time only the first N questions.")
@click.option("--served-questions", type=int, default=100,
              help="Questions asked of each served app before its memory is read.")
@click.option("--article", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=Path("corpus/chatgpt_jichitai_katsuyo_jirei_62.txt"), show_default=True)
@click.option("--questions-file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=Path("tests/qa/questions.jsonl"), show_default=True)
@click.option("--burst", type=click.IntRange(min=0), default=50, show_default=True,
              help="Simultaneous /chat calls sent to each served app (0: none).")
@click.option("--versions", type=click.IntRange(min=0), default=20, show_default=True,
              help="Versions published into the served app before its memory is read again (0: none).")
@click.option("--cold-runs", type=click.IntRange(min=1), default=3, show_default=True,
              help="New processes timed for each cold measurement (the median is reported).")
def bench(sizes, as_json, questions, served_questions, article, questions_file, burst, versions,
          cold_runs) -> None:
    """Speed and memory beside the plain LangChain pipeline, at the article's size and at N cases
    (--cases 0: the article only).

    Example: chatbot bench --cases 10000 --json
    """
    from chatbot.tools.bench import SIZES, Options, format_table, run

    result = _run(lambda: run(sizes or SIZES, questions, served_questions, article,
                              questions_file, log=lambda m: click.echo(m, err=True),
                              options=Options(cold_runs, burst, versions)))
    click.echo(json.dumps(result, ensure_ascii=False, indent=1) if as_json else format_table(result))


# `chatbot llm-bench`: the verifier bench and the live LLM run (chatbot/tools/llmbench.py)
main.add_command(llm_bench_command)

@main.command()
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def versions(ctx, as_json: bool) -> None:
    """List past ingests: time, source, counts, diff; `*` marks the version being served.

    Example: chatbot versions
    """
    from chatbot import versions as ingests
    from chatbot.tools.report import version_lines

    rows = ingests(_settings(ctx))
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False))
        return
    if not rows:
        click.echo("no ingest yet; run `chatbot ingest corpus/`")
        return
    click.echo("\n".join(version_lines(rows)))


@main.command()
@click.option("--host", default=None, help="Default 127.0.0.1 (env CHATBOT_HOST).")
@click.option("--port", type=int, default=None, help="Default 7860 (env CHATBOT_PORT).")
@click.option("--allow-anonymous-admin", is_flag=True,
              help="Serve on a non-loopback address without login (anyone who reaches it may "
                   "upload and publish articles).")
@click.pass_context
def serve(ctx, host: str | None, port: int | None, allow_anonymous_admin: bool) -> None:
    """Serve the Gradio chat. Without login (CHATBOT_USERS_FILE) only on 127.0.0.1.

    Example: chatbot serve --port 7860
    """
    from chatbot.web.app import launch

    settings = _settings(ctx)
    _run(lambda: launch(settings, host=host or settings.host, port=port or settings.port,
                        allow_anonymous_admin=allow_anonymous_admin))


@main.group()
def feedback() -> None:
    """Feedback staff gave on answers (役に立った / 役に立たなかった), stored in the data directory."""


@feedback.command(name="export")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="CSV file to write (UTF-8 with BOM, for Excel); default: standard output.")
@click.pass_context
def feedback_export(ctx, out: Path | None) -> None:
    """Export all feedback as CSV: time, user, question, answer, cited cases, helpful, comment.

    Example: chatbot feedback export --out feedback.csv
    """
    from chatbot.feedback import export_csv
    from core.files import private

    data_dir = _settings(ctx).data_dir
    if out is None:
        export_csv(data_dir, click.get_text_stream("stdout"))
        return
    try:
        with open(out, "w", encoding="utf-8-sig", newline="", opener=private) as fh:
            n = export_csv(data_dir, fh)
    except OSError as exc:
        raise _Failed(f"cannot write {out}: {exc.strerror}") from None
    click.echo(f"wrote {n} feedback rows to {out} (readable by you only)", err=True)


@main.group()
def audit() -> None:
    """The audit log of questions asked in the app (feedback.sqlite3 in the data directory)."""


@audit.command(name="purge")
@click.option("--days", type=click.IntRange(min=1), default=None,
              help="Delete rows older than this many days (default: CHATBOT_RETENTION_DAYS).")
@click.option("--all", "everything", is_flag=True, help="Delete every row, after a confirmation.")
@click.option("--yes", is_flag=True, help="With --all: do not ask (for scripts).")
@click.pass_context
def audit_purge(ctx, days: int | None, everything: bool, yes: bool) -> None:
    """Delete audit-log and feedback rows older than N days (done hourly by the app when
    CHATBOT_RETENTION_DAYS is set), or all of them.

    Example: chatbot audit purge --days 90     (or: chatbot audit purge --all)
    """
    from chatbot.feedback import purge, purge_all

    settings = _settings(ctx)
    if everything:
        if days:
            raise _Failed("--all deletes every row: give --all or --days, not both")
        if not yes and not click.confirm(f"Delete ALL audit-log and feedback rows in {settings.data_dir}?"):
            raise _Failed("nothing deleted")
        questions, answers = purge_all(settings.data_dir)
        click.echo(f"deleted all {questions} audit rows and {answers} feedback rows")
        return
    days = days or settings.retention_days
    if not days:
        raise _Failed("how old? pass --days N or set CHATBOT_RETENTION_DAYS")
    questions, answers = purge(settings.data_dir, days)
    click.echo(f"deleted {questions} audit rows and {answers} feedback rows older than {days} days")


@main.group()
def users() -> None:
    """Login users (the file CHATBOT_USERS_FILE names)."""


@users.command(name="add")
@click.argument("name")
@click.option("--admin", is_flag=True, help="May use the 管理 (admin) tab.")
@click.option("--file", "path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="The users file (default: CHATBOT_USERS_FILE).")
@click.pass_context
def users_add(ctx, name: str, admin: bool, path: Path | None) -> None:
    """Add a user, or set a user's password: asks for it twice (not shown) and writes one line
    with a salted hash of it.

    Example: chatbot users add sato --admin --file /etc/jichitai-chatbot/users.txt
    """
    from chatbot.web.auth import add_user

    path = path or (Path(_settings(ctx).users_file) if _settings(ctx).users_file else None)
    if path is None:
        raise _Failed("which file? pass --file PATH or set CHATBOT_USERS_FILE")
    password = click.prompt("Password", hide_input=True, confirmation_prompt=True, err=True)
    new = _run(lambda: add_user(path, name, password, admin))
    click.echo(f"{'added' if new else 'updated'} {name}{' (admin)' if admin else ''} in {path}", err=True)


if __name__ == "__main__":
    sys.exit(main())
