"""Gradio app: chat with cited sources, the cases table, and the admin tab.

No logic here: every handler calls a plain function of `views`, `cases`, `admin`, `auth` or the
public API, each tested without a browser; the table under an answer and the 集計 view are
wired in `panels` (from `tables` and `tally`). Gradio is imported only inside functions (it is slow
to import).
"""

import logging
import signal
import socket
from pathlib import Path

from chatbot import Chatbot, Settings, UserError, feedback, index_status, privacy, versions
from chatbot.limits import LimitError, check_question
from chatbot.settings import offline_environment, serving_threads
from chatbot.web import admin, auth, cases, guard, layout, panels, views

log = logging.getLogger(__name__)

EXAMPLES = [
    "外部向けの利用を禁止している県は？",
    "厚木市はどれくらい業務時間を短縮できましたか？",
    "Which prefectures ban entering personal information?",
    "Who uses Azure OpenAI Service?",
]
TITLE = "自治体のChatGPT活用事例 Q&A"
INTRO = (f"# {TITLE}\n"
         "記事「ChatGPTを導入した自治体の活用事例」から、該当する記述をそのまま引用して回答します。"
         "回答の [1] などの番号は、<span class=\"wide-only\">右の</span><span class=\"narrow-only\">回答の下の</span>"
         "「出典」の番号に対応します。英語の質問にも対応しています"
         "（引用は日本語の原文です）。続けて「そのうち中国地方は？」「いつまで？」のように聞き返せます。"
         "話題を変えるときは「新しい会話」を押してください。**個人情報や機密情報は入力しないでください。**")
CSS = """
.source-card, .case-detail { border: 1px solid var(--border-color-primary); border-radius: 8px;
  padding: 8px 12px; margin-bottom: 10px; }
.source-card .marker { font-weight: bold; color: var(--color-accent); }
.source-meta { color: var(--body-text-color-subdued); font-size: 0.9em; }
.source-passage, .case-body { white-space: pre-wrap; line-height: 1.7; }
.source-ref { color: var(--body-text-color-subdued); font-size: 0.85em; margin-top: 4px; }
.source-why { font-size: 0.85em; margin-top: 4px; color: #067647; }
.source-full summary { cursor: pointer; color: var(--color-accent); margin-top: 4px; }
mark { background: #fff1a8; color: inherit; padding: 0 1px; }
.admin-error { color: #b42318; font-weight: bold; }
.diff-added b { color: #067647; } .diff-updated b { color: #b54708; } .diff-removed b { color: #b42318; }
"""


def build(bot, users: dict | None = None):
    """The Blocks app around a `Chatbot`; `users` from `auth.load_users` (None/{}: no login)."""
    import gradio as gr  # heavy import, only when serving

    users = users or {}
    settings = bot.settings
    hidden = gr.update(visible=False)

    def refused(exc: LimitError, request) -> Exception:
        """A request over a limit: one log line (never its text), a polite error for the page
        or the API caller (no traceback printed)."""
        log.warning("refused a question from %r: %s", auth.username(request), exc.detail)
        return gr.Error(str(exc), title="入力が制限を超えています", print_exception=False)

    def choices(region=""):
        return cases.filter_choices(bot.retriever().cases.values(), region)

    def answering(question, history, region, level, prefecture, pending, request):
        confirmed = views.is_confirmed(pending, question)
        for turn in views.chat_turns(bot, question, history, views.filters_from(region, level, prefecture),
                                     auth.username(request), confirmed=confirmed):
            # the box is emptied after the answer, and only if it still holds this question
            # (`layout.CLEAR_IF_SENT`): what the user typed meanwhile is never lost
            yield turn.answer, turn.history, turn.sources, gr.skip(), hidden, hidden, turn.last, None, question

    def respond(question: str, history: list, region: str = "", level: str = "",
                prefecture: str = "", pending: str | None = None, request: gr.Request = None):
        """Answer a question from the article; the first output is the same JSON as `chatbot ask --json`."""
        try:
            yield from answering(question, history, region, level, prefecture, pending, request)
        except LimitError as exc:
            raise refused(exc, request) from None

    def in_place(exc: Exception, request):
        """A refusal under the question box; the chat, the question and the sources stay."""
        if isinstance(exc, LimitError):
            log.warning("refused a question from %r: %s", auth.username(request), exc.detail)
        elif not isinstance(exc, UserError):
            log.error("answering failed", exc_info=exc)
        notice = gr.update(value=views.refusal_markdown(exc), visible=True)
        return (gr.skip(),) * 4 + (notice, hidden, gr.skip(), None, None)

    def guarded(question, history, region, level, prefecture, request: gr.Request):
        """送信 / Enter: limits and the personal-data check first; what goes wrong is said in place."""
        try:
            check_question(question, settings)
            warnings = privacy.personal_data_warnings(question)
            if not warnings:
                yield from answering(question, history, region, level, prefecture, None, request)
                return
        except Exception as exc:   # noqa: BLE001 - the page shows a message, the log the trace
            yield in_place(exc, request)
            return
        shown = gr.update(value=privacy.warning_markdown(warnings), visible=True)
        yield (gr.skip(),) * 4 + (shown, gr.update(visible=True), gr.skip(), views.pending_question(question), None)

    def start_over():
        turn = views.new_conversation()
        return {}, turn.history, turn.sources, "", hidden, hidden, None, None

    def give_feedback(helpful):
        def handler(last, comment, request: gr.Request):
            return feedback.submit_feedback(bot.data_dir, last, helpful, comment,
                                            auth.username(request)), ""
        return handler

    def prefectures(region):
        return gr.update(choices=choices(region)["prefecture"], value="")

    def cases_view(text, region, level, change=""):
        everything = cases.catalog(bot.retriever())
        rows = cases.filter_rows(everything, text, region, level, change)
        table = {"headers": cases.CASE_COLUMNS, "data": cases.table(rows)}
        narrow = {"headers": cases.NARROW_COLUMNS, "data": cases.narrow_table(rows)}
        label = cases.count_label(len(rows), len(everything))
        return (gr.update(value=table, label=label), gr.update(value=narrow, label=label),
                str(cases.write_csv(rows)))

    def show_case(evt: gr.SelectData):
        return cases.case_detail_html(cases.find_row(cases.catalog(bot.retriever()), evt.row_value))

    def admin_only(request) -> bool:
        return auth.is_admin(users, auth.username(request))

    def status():
        return (admin.status_html(index_status(bot.settings)),
                {"headers": admin.HISTORY_COLUMNS, "data": admin.history_table(versions(bot.settings))})

    def diff_of(file, request, require):
        if not admin_only(request):
            return admin.error_html("管理者のみ操作できます。"), gr.update(interactive=False)
        html, ok = admin.preview(bot, file, require=require, uploads=Path(demo.GRADIO_CACHE))
        return html, gr.update(interactive=ok)

    def preview(file, request: gr.Request):
        return diff_of(file, request, True)

    def uploaded(file, request: gr.Request):
        return diff_of(file, request, False)

    def apply(file, force, request: gr.Request):
        if not admin_only(request):
            return admin.error_html("管理者のみ操作できます。"), gr.update(interactive=False)
        html, _ok = admin.apply(bot, file, force)
        return html, gr.update(interactive=False)

    def refresh(text, c_region, c_level, c_change, request: gr.Request):
        """After an ingest: the index status (administrators only) and the refreshed choices."""
        c = choices()
        dd = [gr.update(choices=c[k]) for k in ("region", "level", "prefecture", "region", "level")]
        admin_view = status() if admin_only(request) else (gr.skip(), gr.skip())
        return (*admin_view, *cases_view(text, c_region, c_level, c_change), *dd)

    def on_load(text, c_region, c_level, c_change, request: gr.Request):
        outputs = refresh(text, c_region, c_level, c_change, request)
        if not admin_only(request):   # the admin tab stays hidden and empty
            return (hidden, *outputs)
        return (gr.update(visible=True), *outputs)

    initial = choices()
    # Gradio deletes this app's uploads once they are UPLOAD_MAX_AGE seconds old (all at exit).
    prune = (min(3600, admin.UPLOAD_MAX_AGE), admin.UPLOAD_MAX_AGE)
    with gr.Blocks(title=TITLE, delete_cache=prune) as demo:
        gr.Markdown(INTRO)
        with gr.Tabs():
            with gr.Tab("チャット", id="chat"):
                # On a phone: one column, chat → sources → question box (`layout`).
                with gr.Row(elem_id="chat-layout"):
                    with gr.Column(scale=3, elem_id="chat-main"):
                        chat = gr.Chatbot(value=[], label="チャット", height=460, render_markdown=False,
                                          sanitize_html=True, allow_tags=False, feedback_options=None,
                                          buttons=["copy"], elem_id="chat")
                        # Gradio validates the history of every request before a handler runs:
                        # the limits go first (`views.history_model`).
                        chat.data_model = views.history_model(settings)
                        answer_table = panels.AnswerTable()   # an aggregate's, a ranking's … table and chart
                        with gr.Column(elem_id="ask"):
                            box = gr.Textbox(label="質問", lines=1, max_lines=4, elem_id="question",
                                             placeholder="例：外部向けの利用を禁止している県は？（英語の質問も可）",
                                             info=f"Enterで送信、Shift+Enterで改行（{settings.max_question_chars:,}"
                                                  "文字まで）。個人情報は入力しないでください。")
                            # the personal-data warning, or why a question was not sent
                            warning = gr.Markdown(visible=False, elem_id="pii-warning")
                            with gr.Row():
                                send = gr.Button("送信", variant="primary", elem_id="send")
                                confirm = gr.Button("このまま送信", variant="stop", visible=False, elem_id="confirm")
                                fresh = gr.Button("新しい会話", variant="secondary", elem_id="new-conversation")
                        gr.Examples(EXAMPLES, inputs=box, label="質問の例（日本語・English）")
                        with gr.Group():
                            gr.Markdown("この回答は役に立ちましたか？（コメントは任意）")
                            comment = gr.Textbox(show_label=False, placeholder="コメント（任意）",
                                                 elem_id="feedback-comment")
                            with gr.Row():
                                good = gr.Button("役に立った", size="sm", elem_id="helpful")
                                bad = gr.Button("役に立たなかった", size="sm", elem_id="not-helpful")
                            thanks = gr.Markdown(elem_id="feedback-status")
                    with gr.Column(scale=2, elem_id="chat-side"):
                        with gr.Accordion("絞り込み（任意）", open=True, elem_id="filters"):
                            region = gr.Dropdown(initial["region"], value="", label="地域", elem_id="filter-region")
                            level = gr.Dropdown(initial["level"], value="", label="区分（国・都道府県・市区町村）",
                                                elem_id="filter-level")
                            prefecture = gr.Dropdown(initial["prefecture"], value="", label="都道府県",
                                                     elem_id="filter-prefecture")
                        with gr.Column(elem_id="sources-panel"):
                            gr.Markdown("### 出典")
                            sources = gr.HTML(views.empty_sources_html(), elem_id="sources")
                        with gr.Accordion("回答のJSON（プログラム向け）", open=False, elem_id="answer-json-panel"):
                            answer_json = gr.JSON(label="回答", elem_id="answer-json")
                last = gr.State(None)
                pending = gr.State(None)   # the question the personal-data warning was shown for
                # the question the last answer answered: a component, not a State, so that the
                # browser holds it (`layout.CLEAR_IF_SENT` reads it there)
                sent = gr.Textbox(visible=False, elem_id="sent-question")
            with gr.Tab("事例一覧", id="cases"):
                gr.Markdown("記事の全事例です。列名の「⋮」で並べ替え、行を選ぶと事例の全文を表示します。"
                            "「集計」では、絞り込んだ事例のルール・用途などの件数をグラフとCSVで見られます。")
                with gr.Row():
                    c_text = gr.Textbox(label="キーワードで絞り込み", placeholder="例：要約 / Azure / 個人情報",
                                        elem_id="cases-filter")
                    c_region = gr.Dropdown(initial["region"], value="", label="地域", elem_id="cases-region")
                    c_level = gr.Dropdown(initial["level"], value="", label="区分", elem_id="cases-level")
                    c_change = gr.Dropdown(cases.CHANGE_CHOICES, value="", label="最新版での変更",
                                           elem_id="cases-change")
                with gr.Tabs(elem_id="cases-views"):
                    with gr.Tab("一覧", id="cases-list"):
                        cases_table = gr.Dataframe(headers=cases.CASE_COLUMNS, interactive=False, wrap=True,
                                                   max_height=520, elem_id="cases-table", label="事例一覧",
                                                   column_widths=["10%", "7%", "6%", "6%", "8%", "13%", "16%",
                                                                  "18%", "10%", "6%"])
                        # the same rows on a phone: three columns, the rest in the case's detail (`layout`)
                        narrow_table = gr.Dataframe(headers=cases.NARROW_COLUMNS, interactive=False, wrap=True,
                                                    max_height=520, elem_id="cases-table-narrow", label="事例一覧",
                                                    column_widths=["33%", "27%", "40%"])
                        download = gr.DownloadButton("CSVをダウンロード", elem_id="cases-csv")
                        detail = gr.HTML(cases.case_detail_html(None), elem_id="case-detail")
                    with gr.Tab("集計", id="cases-tally"):
                        tally_view = panels.TallyView(bot.retriever)
            with gr.Tab("管理", id="admin", visible=not users) as admin_tab:
                gr.Markdown("### 索引の状態")
                status_box = gr.HTML(elem_id="index-status")
                history = gr.Dataframe(headers=admin.HISTORY_COLUMNS, interactive=False, label="取り込み履歴")
                gr.Markdown("### 記事の新しい版を取り込む\n記事ファイルを選ぶと、事例ごとの追加・更新・削除が"
                            "表示されます。確かめてから「適用」してください。")
                upload = gr.File(label=f"記事ファイル（.txt / .md / .html、{settings.max_upload_mb} MBまで）",
                                 type="filepath",
                                 file_types=[".txt", ".md", ".markdown", ".html", ".htm"], elem_id="upload")
                force = gr.Checkbox(label="半数以上の削除を許可する", value=False)
                with gr.Row():
                    check = gr.Button("差分を確認", elem_id="preview")
                    go = gr.Button("適用", variant="primary", interactive=False, elem_id="apply")
                diff = gr.HTML(elem_id="diff")

        ask_in = [box, chat, region, level, prefecture]
        ask_out = [answer_json, chat, sources, box, warning, confirm, last, pending, sent]
        # The 「このまま送信」 button is the /chat endpoint too; only the UI's click carries the
        # warned question in `pending`, so API callers never count as having confirmed.
        # The three ways to ask share one pool of workers (see `answer_concurrency`).
        asking = {"concurrency_limit": bot.settings.answer_concurrency, "concurrency_id": "answer"}
        asked = [confirm.click(respond, ask_in + [pending], ask_out, api_name="chat", **asking),
                 send.click(guarded, ask_in, ask_out, api_visibility="private", **asking),
                 box.submit(guarded, ask_in, ask_out, api_visibility="private", **asking)]
        for event in asked:   # in the browser, at once: the value the box holds now, not when sent
            event.then(None, [box, sent], box, js=layout.CLEAR_IF_SENT, queue=False, api_visibility="private")
        fresh.click(start_over, None, [answer_json, chat, sources, box, warning, confirm, last, pending],
                    api_visibility="private")
        answer_table.wire(answer_json)   # follows the answer's JSON, whichever way it was asked
        # A warning or a refusal is about the question as it was sent: editing it dismisses them.
        # (`change`, not `input`: Gradio's `input` is a keypress, which IME input, paste and
        # Backspace never send.)
        box.change(lambda: (hidden, hidden), None, [warning, confirm], queue=False, show_progress="hidden",
                   trigger_mode="always_last", api_visibility="private")
        for button, helpful in ((good, True), (bad, False)):
            button.click(give_feedback(helpful), [last, comment], [thanks, comment], api_visibility="private")
        region.change(prefectures, region, prefecture, api_visibility="private")
        for comp in (c_text, c_region, c_level, c_change):
            comp.change(cases_view, [c_text, c_region, c_level, c_change], [cases_table, narrow_table, download],
                        api_visibility="private")
        cases_table.select(show_case, None, detail, api_visibility="private")
        narrow_table.select(show_case, None, detail, api_visibility="private").then(
            None, js=layout.SHOW_DETAIL, api_visibility="private")
        upload.change(uploaded, upload, [diff, go], api_visibility="private")
        check.click(preview, upload, [diff, go], api_visibility="private")
        refreshed = [status_box, history, cases_table, narrow_table, download, region, level, prefecture,
                     c_region, c_level]
        applied = go.click(apply, [upload, force], [diff, go], api_visibility="private").then(
            refresh, [c_text, c_region, c_level, c_change], refreshed, api_visibility="private")
        demo.load(on_load, [c_text, c_region, c_level, c_change], [admin_tab, *refreshed],
                  api_visibility="private")
        tally_view.wire([c_text, c_region, c_level, c_change], demo.load, applied.then)
    return demo


def serve(bot, host: str = "127.0.0.1", port: int = 7860, users: dict | None = None, *,
          block: bool = True, quiet: bool = False):
    """Build and launch; with block=False return the running app (call `.close()` on it)."""
    from starlette.middleware import Middleware  # Gradio's web framework; only when serving

    users = users or {}
    s = bot.settings
    demo = build(bot, users)
    guard.quiet_inputs(demo)
    throttle = auth.Throttle(s.login_max_failures, s.login_lockout_seconds)
    limits = Middleware(guard.RequestGuard, max_body=s.max_request_kb * 1024,
                        may_upload=lambda user: auth.is_admin(users, user))
    demo.launch(server_name=host, server_port=port, show_error=False, css=CSS + layout.CSS, js=layout.ON_LOAD,
                i18n=layout.gradio_i18n(), quiet=quiet, state_session_capacity=max(1, s.max_sessions),
                prevent_thread_lock=not block, ssr_mode=False,   # the guard must see the client
                max_file_size=s.max_upload_mb * 1024 * 1024, app_kwargs={"middleware": [limits]},
                auth=auth.gradio_login(users, throttle) if users else None,
                auth_message=(f"職員IDとパスワードでログインしてください。{s.login_max_failures}回続けて"
                              f"失敗すると、{s.login_lockout_seconds}秒間ログインできません。") if users else None)
    return demo


def launch(settings: Settings, host: str, port: int, *, allow_anonymous_admin: bool = False) -> None:
    offline_environment()
    serving_threads(settings.answer_concurrency)
    users = auth.load_users(settings)     # a malformed users file is a UserError
    if warning := auth.check_exposure(host, users, allow_anonymous_admin):   # or ExposedAdminError
        log.warning(warning)
        print(warning)
    _check_port(host, port)    # one line, before the model loads, instead of Gradio's traceback
    bot = Chatbot(settings)
    bot.retriever()   # fail now, with a clear message, if there is no index
    bot.warm_up()     # so the first staff question does not wait for the word tables
    if settings.retention_days:
        feedback.purge_now_and_then(settings.data_dir, settings.retention_days)
    bot.chat_model()  # … or if CHATBOT_LLM is set up incompletely
    # systemd and docker stop a service with SIGTERM: stop as on Ctrl-C, so Gradio closes and
    # empties its upload folder and the atexit handlers remove the CSV folder (issue 18).
    signal.signal(signal.SIGTERM, _interrupt)
    serve(bot, host, port, users)


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def _check_port(host: str, port: int) -> None:
    if not 0 < port < 65536:
        raise UserError(f"port {port} is not a TCP port (1-65535); choose one with --port or CHATBOT_PORT")
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)     # as the server binds it
        try:
            sock.bind((host, port))
        except OSError as exc:
            raise UserError(f"cannot listen on {host}:{port}: {exc.strerror or exc}; choose another "
                            "port with --port or CHATBOT_PORT") from None
