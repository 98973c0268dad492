"""The real Gradio server, driven by Debian's headless Chromium through Playwright.

One server over a copy of the e5 index is shared by the session; the `<script>` test and the login
test start their own. Never `playwright install`: the browser is /usr/bin/chromium.
"""
import json
import os
import shutil
import socket
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path
from types import SimpleNamespace

import pytest
from playwright.sync_api import expect

from conftest import FIXTURES, ROOT

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
SCREENSHOT = ROOT / "docs" / "screenshot-chat.png"
ATSUGI_Q = "厚木市はどれくらい業務時間を短縮できましたか？"
AZURE_Q = "Who uses Azure OpenAI Service?"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def running(bot, users=None):
    """The app on 127.0.0.1 at a free port, closed afterwards."""
    from chatbot.web.app import serve

    port = free_port()
    demo = serve(bot, "127.0.0.1", port, users, block=False, quiet=True)
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        demo.close()


def bot_over_copy(src: Path, dest: Path, embeddings):
    from chatbot import Chatbot
    from chatbot.settings import Settings

    shutil.copytree(src, dest)
    return Chatbot(Settings(data_dir=dest), embeddings=embeddings)


@pytest.fixture(scope="session")
def app_bot(e5_index_dir, e5, tmp_path_factory):
    """The served bot: its own copy of the index, since the app writes feedback and audit there."""
    return bot_over_copy(e5_index_dir, tmp_path_factory.mktemp("served") / "data", e5)


@pytest.fixture(scope="session")
def server(app_bot):
    with running(app_bot) as url:
        yield SimpleNamespace(url=url, bot=app_bot, data_dir=app_bot.data_dir)


@pytest.fixture(scope="module")
def browser():
    """Module-scoped on purpose: Playwright's sync API keeps an event loop running in this thread
    until it stops, and async tests in later modules (tests/test_chains.py) need the thread free."""
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"{CHROMIUM} is missing: install the Debian packages chromium and fonts-noto-cjk "
                    "(make system-packages)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    """A fresh session; any JavaScript dialog (alert from injected markup) is recorded."""
    context = browser.new_context(locale="ja-JP", viewport={"width": 1400, "height": 1050})
    pg = context.new_page()
    pg.set_default_timeout(60_000)
    pg.dialogs = []
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    yield pg
    context.close()


def open_app(page, url):
    page.goto(url, wait_until="load")
    page.locator("#question textarea").wait_for()


def ask(page, question: str, enter: bool = False):
    """Type a question, send it (button or Enter), and wait for the answer's turn in the chat."""
    answers = page.locator('#chat [data-testid="bot"]')
    before = answers.count()
    page.locator("#question textarea").fill(question)
    if enter:
        page.locator("#question textarea").press("Enter")
    else:
        page.locator("#send").click()
    answers.nth(before).wait_for()
    return answers.nth(before)


def cards(page):
    return page.locator("#sources .source-card")


def cited(page) -> list[str]:
    return cards(page).locator(".source-title").all_inner_texts()


def choose(page, dropdown: str, option: str):
    page.locator(f"{dropdown} input").click()
    page.get_by_role("option", name=option, exact=True).click()


# --- chat ------------------------------------------------------------------------------------

@pytest.mark.browser
def test_japanese_question_cites_cases_and_opens_a_source(server, page):
    open_app(page, server.url)
    assert page.get_by_role("tab", name="チャット").is_visible()
    reply = ask(page, ATSUGI_Q)
    assert "[1]" in reply.inner_text()
    page.locator('#sources .source-card[data-case="神奈川県厚木市"]').wait_for()
    assert cited(page)[0] == "神奈川県厚木市"
    card = cards(page).first
    assert "関東" in card.inner_text() and "市区町村" in card.inner_text()
    assert card.locator(".source-ref").inner_text().startswith("参考:")
    quote = card.locator(".source-passage mark").first.inner_text()
    assert quote and quote in reply.inner_text()
    full = card.locator("details.source-full")
    assert not full.locator(".case-body").is_visible()
    full.locator("summary").click()                       # one click shows the whole case
    assert full.locator(".case-body").is_visible()
    assert "21分" in full.locator(".case-body").inner_text()
    assert quote in full.locator(".case-body mark").all_inner_texts()
    page.locator("#question textarea").fill("")
    page.evaluate("window.scrollTo(0, 0)")
    SCREENSHOT.parent.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOT))
    assert SCREENSHOT.stat().st_size > 20_000
    assert page.dialogs == []


@pytest.mark.browser
def test_the_answer_empties_the_box_but_keeps_what_was_typed_meanwhile(server, page):
    """The box used to be emptied by the answer itself, from the server: a next question typed
    while the answer was on its way was wiped when it came (a loaded CI machine lost one)."""
    open_app(page, server.url)
    box = page.locator("#question textarea")
    ask(page, ATSUGI_Q)
    expect(box).to_have_value("")                          # answered: the box is ready for the next
    answers = page.locator('#chat [data-testid="bot"]')
    box.fill(AZURE_Q)
    page.locator("#send").click()
    box.fill("そのうち関東は？")                               # typed before the answer comes
    expect(answers).to_have_count(2)
    page.locator('#sources .source-card').first.wait_for()
    page.wait_for_timeout(1000)
    expect(box).to_have_value("そのうち関東は？")
    assert AZURE_Q in page.locator('#chat [data-testid="user"]').nth(1).inner_text()


@pytest.mark.browser
def test_a_follow_up_is_read_in_context_and_a_new_conversation_starts_over(server, page):
    open_app(page, server.url)
    ask(page, "外部向けの利用を禁止している県は？")
    expect(cards(page)).to_have_count(4, timeout=60_000)
    reply = ask(page, "そのうち中国地方はどこ？")
    expect(cards(page)).to_have_count(3, timeout=60_000)          # narrowed: the Chugoku ones
    assert set(cited(page)) == {"広島県", "山口県", "島根県"}
    text = reply.inner_text()
    assert "として回答しました" in text and "中国地方" in text            # how it was read, shown first
    page.get_by_text("回答のJSON（プログラム向け）").click()
    expect(page.locator("#answer-json")).to_contain_text("understood_as")
    page.locator("#new-conversation").click()
    expect(page.locator('#chat [data-testid="bot"]')).to_have_count(0)
    alone = ask(page, "そのうち中国地方はどこ？")                            # nothing carries over now
    expect(alone).not_to_contain_text("として回答しました")


@pytest.mark.browser
def test_english_question_and_example_buttons(server, page):
    open_app(page, server.url)
    page.get_by_text(AZURE_Q, exact=True).click()          # an example fills the question box
    expect(page.locator("#question textarea")).to_have_value(AZURE_Q)
    reply = ask(page, AZURE_Q, enter=True)                  # Enter sends
    assert "[1]" in reply.inner_text() and "[2]" in reply.inner_text()
    page.locator('#sources .source-card[data-case="茨城県庁"]').wait_for()
    assert {"茨城県庁", "東京都千代田区"} <= set(cited(page))
    assert "Azure OpenAI Service" in cards(page).first.locator("mark").first.inner_text()
    # each listed case says, under its quote, why it is on the list
    assert cards(page).first.locator(".source-why").inner_text() == "Listed because it states 'Azure OpenAI Service'"


@pytest.mark.browser
def test_filters_beside_the_chat_narrow_the_answer(server, page):
    open_app(page, server.url)
    choose(page, "#filter-region", "中国")
    expect(page.locator("#filter-region input")).to_have_value("中国")
    page.locator("#filter-prefecture input").click()          # prefectures narrowed to the region
    expect(page.get_by_role("option", name="東京都", exact=True)).to_have_count(0)
    expect(page.get_by_role("option", name="広島県", exact=True)).to_have_count(1)
    page.get_by_text("出典", exact=True).click()             # close the list
    expect(page.locator("#filter-prefecture input")).to_have_value("すべて")
    ask(page, "個人情報の入力を禁止している自治体は？")
    cards(page).first.wait_for()
    metas = cards(page).locator(".source-meta").all_inner_texts()
    assert metas and all(m.startswith("中国") for m in metas), metas


@pytest.mark.browser
def test_personal_data_needs_a_second_click(server, page):
    from chatbot.feedback import audit_rows

    open_app(page, server.url)
    question = "担当の03-1234-5678です。厚木市の事例は？"
    page.locator("#question textarea").fill(question)
    page.locator("#send").click()
    warning = page.locator("#pii-warning")
    warning.wait_for()
    expect(warning).to_contain_text("電話番号")
    expect(page.locator("#confirm")).to_be_visible()
    page.wait_for_timeout(500)
    assert page.locator('#chat [data-testid="bot"]').count() == 0     # nothing was sent
    # editing the question and sending again sends it
    ask(page, "厚木市の事例は？")
    expect(warning).to_be_hidden()
    expect(page.locator("#confirm")).to_be_hidden()
    # or the second click sends it as typed
    page.locator("#question textarea").fill(question)
    page.locator("#send").click()
    page.locator("#confirm").wait_for()
    page.locator("#confirm").click()
    page.locator('#chat [data-testid="bot"]').nth(1).wait_for()
    expect(page.locator("#confirm")).to_be_hidden()
    rows = [r for r in audit_rows(server.data_dir) if r["question"] == "担当の［電話番号］です。厚木市の事例は？"]
    assert len(rows) == 1 and rows[0]["warned"] == 1 and json.loads(rows[0]["personal"]) == ["phone"]
    assert not any("1234-5678" in r["question"] for r in audit_rows(server.data_dir))   # stored redacted


@pytest.mark.browser
def test_feedback_on_an_answer_is_stored(server, page):
    from chatbot.feedback import feedback_rows

    open_app(page, server.url)
    ask(page, ATSUGI_Q)
    page.locator("#feedback-comment textarea").fill("根拠が分かりやすい")
    page.locator("#helpful").click()
    page.get_by_text("フィードバック（役に立った）を記録しました").wait_for()
    rows = [r for r in feedback_rows(server.data_dir) if r["comment"] == "根拠が分かりやすい"]
    assert len(rows) == 1 and rows[0]["helpful"] == 1 and "神奈川県厚木市" in rows[0]["cited"]
    assert rows[0]["audit_id"]
    expect(page.locator("#feedback-comment textarea")).to_have_value("")


# --- cases tab -------------------------------------------------------------------------------

@pytest.mark.browser
def test_cases_table_filters_opens_a_case_and_downloads(server, page):
    open_app(page, server.url)
    page.get_by_role("tab", name="事例一覧").click()
    titles = page.locator('#cases-table [role=gridcell][data-col="0"]')
    titles.first.wait_for()
    assert titles.first.inner_text() == "農林水産省"
    page.locator("#cases-filter textarea").fill("Azure")
    page.locator("#cases-table").get_by_text("事例一覧（2件 / 全62件）").wait_for()
    assert sorted(titles.all_inner_texts()) == ["東京都千代田区", "茨城県庁"]
    titles.filter(has_text="茨城県庁").click()               # select a row → the case text
    detail = page.locator("#case-detail .case-detail")
    detail.wait_for()
    assert "茨城県庁" in detail.locator("h3").inner_text()
    assert "Azure OpenAI Service" in detail.inner_text() and "参考:" in detail.inner_text()
    with page.expect_download() as download:
        page.locator("#cases-csv").click()
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert text.splitlines()[0].startswith("事例,地域,区分,都道府県") and text.count("\n茨城県庁,") == 1
    page.locator("#cases-filter textarea").fill("")
    page.locator("#cases-table").get_by_text("事例一覧（62件）").wait_for()
    header = page.locator('#cases-table [data-testid="header-0"]')     # sort by heading, descending
    header.hover()
    header.get_by_role("button", name="Open cell menu").click()
    page.get_by_role("menuitem", name="降順に並べ替え").click()
    expect(titles.first).not_to_have_text("農林水産省")
    top = titles.first.inner_text()
    titles.first.click()                                                # selection follows the sort
    expect(page.locator("#case-detail h3")).to_have_text(top)
    choose(page, "#cases-level", "国")
    page.locator("#cases-table").get_by_text("事例一覧（4件 / 全62件）").wait_for()
    expect(titles).to_have_count(4)
    assert set(titles.all_inner_texts()) == {"農林水産省", "文部科学省", "経済産業省", "デジタル庁"}


# --- admin tab -------------------------------------------------------------------------------

@pytest.mark.browser
def test_admin_shows_the_index_and_previews_an_upload(server, page):
    open_app(page, server.url)
    page.get_by_role("tab", name="管理").click()
    status = page.locator("#index-status")
    status.get_by_role("cell", name="62件", exact=True).wait_for()
    assert "12月最新版" in status.inner_text() and server.bot.embeddings.name in status.inner_text()
    assert "最後の取り込み" in status.inner_text()
    versions = sorted(p.name for p in (server.data_dir / "versions").iterdir())
    page.locator("#upload input[type=file]").set_input_files(str(FIXTURES / "next_month.txt"))
    diff = page.locator("#diff .diff")
    diff.wait_for()
    assert diff.locator(".diff-added li .case-title").all_inner_texts() == ["北海道札幌市"]
    assert diff.locator(".diff-updated li .case-title").all_inner_texts() == ["神奈川県厚木市"]
    assert diff.locator(".diff-removed li .case-title").all_inner_texts() == ["三重県桑名市"]
    assert "1月最新版" in diff.inner_text()
    expect(page.locator("#apply")).to_be_enabled()
    # a bad file is a message, never a traceback
    page.locator("#upload").get_by_role("button", name="クリア").click()
    page.locator("#upload input[type=file]").set_input_files(str(FIXTURES / "binary.txt"))
    error = page.locator("#diff .admin-error")
    error.wait_for()
    assert "取り込めません" in error.inner_text() and "binary.txt" in error.inner_text()
    assert "Traceback" not in page.locator("body").inner_text()
    expect(page.locator("#apply")).to_be_disabled()
    assert sorted(p.name for p in (server.data_dir / "versions").iterdir()) == versions   # no write


@pytest.mark.browser
def test_admin_applies_an_upload_and_the_chat_uses_it(e5_index_dir, e5, tmp_path, page):
    bot = bot_over_copy(e5_index_dir, tmp_path / "data", e5)
    with running(bot) as url:
        open_app(page, url)
        page.get_by_role("tab", name="管理").click()
        page.locator("#upload input[type=file]").set_input_files(str(FIXTURES / "next_month.txt"))
        page.locator("#diff .diff").wait_for()
        page.locator("#apply").click()
        expect(page.locator("#diff .admin-ok")).to_contain_text("公開しました")
        expect(page.locator("#index-status")).to_contain_text("1月最新版")
        expect(page.locator("#apply")).to_be_disabled()
        page.get_by_role("tab", name="事例一覧").click()
        page.locator("#cases-filter textarea").fill("札幌")
        expect(page.locator('#cases-table [role=gridcell][data-col="0"]')).to_have_text(["北海道札幌市"])
        page.get_by_role("tab", name="チャット").click()
        ask(page, "札幌市はChatGPTを何に使いますか？")
        page.locator('#sources .source-card[data-case="北海道札幌市"]').wait_for()
    assert (tmp_path / "data" / "uploads").is_dir()


# --- escaping --------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def injected_server(e5_index_dir, e5, tmp_path_factory):
    """A separate index whose むつ市 case holds <script> and <img onerror> markup."""
    bot = bot_over_copy(e5_index_dir, tmp_path_factory.mktemp("injected") / "data", e5)
    report = bot.ingest(FIXTURES / "script_injection.txt")
    assert report.updated == ["青森県むつ市"]
    with running(bot) as url:
        yield url


@pytest.mark.browser
def test_script_in_article_or_question_is_shown_as_text(injected_server, page):
    open_app(page, injected_server)
    reply = ask(page, "<script>alert('q')</script>むつ市の試験導入はいつまでですか？")
    user = page.locator('#chat [data-testid="user"]').first
    assert "<script>alert('q')</script>" in user.inner_text()
    page.locator('#sources .source-card[data-case="青森県むつ市"]').wait_for()
    assert reply.inner_text()
    card = page.locator('#sources .source-card[data-case="青森県むつ市"]')
    card.locator("summary").click()
    body = card.locator(".case-body")
    assert '<script>alert("x")</script>' in body.inner_text()
    assert "<img src=x onerror=alert(1)>" in body.inner_text()
    page.get_by_text('<script>alert("x")</script>', exact=False).first.wait_for()
    page.get_by_role("tab", name="事例一覧").click()
    page.locator("#cases-filter textarea").fill("むつ")
    page.locator('#cases-table [role=gridcell][data-col="0"]').filter(has_text="青森県むつ市").click()
    assert '<script>alert("x")</script>' in page.locator("#case-detail .case-detail").inner_text()
    page.wait_for_timeout(500)
    assert page.locator("#sources script, #case-detail script, img[src=x]").count() == 0
    assert page.dialogs == []


# --- login -----------------------------------------------------------------------------------

@pytest.mark.browser
def test_only_administrators_see_the_admin_tab(app_bot, browser):
    from chatbot.web.auth import parse_users
    from chatbot.feedback import audit_rows

    users = parse_users("staff:pw-staff,boss:pw-boss:admin", sep=",")
    with running(app_bot, users) as url:
        for name, password, admin in (("staff", "pw-staff", False), ("boss", "pw-boss", True)):
            context = browser.new_context(locale="ja-JP")
            pg = context.new_page()
            pg.set_default_timeout(60_000)
            pg.goto(url, wait_until="load")
            pg.get_by_label("ユーザー名").fill(name)
            pg.get_by_label("パスワード").fill(password)
            pg.get_by_role("button", name="ログイン").click()
            pg.locator("#question textarea").wait_for()
            pg.get_by_role("tab", name="事例一覧").click()
            pg.locator("#cases-table [role=gridcell]").first.wait_for()   # demo.load has run
            expect(pg.get_by_role("tab", name="管理")).to_have_count(1 if admin else 0)
            if not admin:
                pg.get_by_role("tab", name="チャット").click()
                ask(pg, "厚木市の事例は？")
            context.close()
    assert any(r["user"] == "staff" for r in audit_rows(app_bot.data_dir))     # the audit log knows who


# --- the /chat endpoint for programs ---------------------------------------------------------

@pytest.mark.model
def test_chat_endpoint_answers_like_the_cli(server):
    from gradio_client import Client

    client = Client(server.url, verbose=False)
    questions = [ATSUGI_Q, AZURE_Q]
    cli = subprocess.run([str(Path(sys.executable).parent / "chatbot"), "--data-dir", str(server.data_dir),
                          "ask", *questions, "--json"], capture_output=True, text=True, cwd=ROOT,
                         timeout=600)
    assert cli.returncode == 0, cli.stderr
    expected = [json.loads(line) for line in cli.stdout.splitlines()]
    for question, want in zip(questions, expected):
        got = client.predict(question, api_name="/chat")[0]
        assert got["citations"] and got["citations"] == want["citations"]
        assert got == want
    narrowed = client.predict("個人情報の入力を禁止している自治体は？", [], "中国", "", "", api_name="/chat")[0]
    assert narrowed["citations"] and {c["region"] for c in narrowed["citations"]} == {"中国"}


# --- an LLM answer: the quotes at once, a verified answer in their place ----------------------

# Records, on every change of the page, the newest answer bubble's text and how many source
# cards the sources panel shows.
WATCH_ANSWER = """() => {
  window.seen = [];
  new MutationObserver(() => {
    const bots = document.querySelectorAll('#chat [data-testid="bot"]');
    const text = bots.length ? bots[bots.length - 1].innerText.trim() : '';
    const cards = document.querySelectorAll('#sources .source-card').length;
    const last = window.seen[window.seen.length - 1];
    if (!last || last[0] !== text || last[1] !== cards) window.seen.push([text, cards]);
  }).observe(document.body, {subtree: true, childList: true, characterData: true});
}"""


@pytest.mark.browser
@pytest.mark.llm
def test_the_extractive_answer_shows_at_once_and_only_a_verified_llm_answer_replaces_it(
        llm_server, e5_index_dir, e5, tmp_path, page):
    from chatbot import Chatbot
    from chatbot.web.views import PENDING
    from conftest import llm_settings, saying
    from test_llm import EN_Q, GOOD_EN

    data = tmp_path / "data"
    shutil.copytree(e5_index_dir, data)
    settings = llm_settings(data, llm_server.url)
    bot = Chatbot(settings, embeddings=e5, chat_model=saying(settings, GOOD_EN))
    extractive = bot.ask(EN_Q).text.splitlines()[0]
    slow = 300_000                       # a real LLM on a shared 2-core machine
    page.set_default_timeout(slow)
    with running(bot) as url:
        open_app(page, url)
        page.evaluate(WATCH_ANSWER)
        reply = ask(page, EN_Q)
        expect(reply).to_contain_text("(Source: the article as of 【12月最新版】)", timeout=slow)
        expect(reply).not_to_contain_text(PENDING["en"][:20], timeout=slow)
        assert reply.inner_text().startswith(GOOD_EN)
        assert cited(page) == ["神奈川県厚木市"]
        seen = page.evaluate("window.seen")
        waiting = [t for t, n in seen if PENDING["en"][:20] in t]
        assert waiting and all(t.startswith(extractive) for t in waiting), seen     # the quotes at once …
        assert all(n > 0 for t, n in seen if t in waiting)                          # … with their sources
        assert not any(t.startswith("Atsugi saved") and t != reply.inner_text() for t, _ in seen)  # no raw words
        # The same English words for a Japanese question fail verification (wrong language):
        # the extractive answer stays, with the reason.
        reply = ask(page, ATSUGI_Q)
        expect(reply).to_contain_text("※ LLMによる回答は表示できないため", timeout=slow)
        expect(reply).to_contain_text("質問と同じ言語ではありません")
        assert "Atsugi saved" not in reply.inner_text()
        cards(page).first.wait_for()


@pytest.mark.browser
def test_an_exclusion_follow_up_shows_how_it_was_read(server, page):
    open_app(page, server.url)
    ask(page, "LoGoチャット上でAIアシスタントを使っている自治体はどこ？")
    expect(cards(page)).to_have_count(3, timeout=60_000)
    reply = ask(page, "その中で関東以外は？")
    expect(cards(page)).to_have_count(1, timeout=60_000)
    assert cited(page) == ["大阪府門真市"]
    expect(reply).to_contain_text("関東地方以外")
    expect(reply).to_contain_text("として回答しました")
