"""The app on a desktop (1400×1050) and a phone-sized screen (390×844), in Debian's Chromium:
refusals said in place, the phone's one-column chat with the sources under the answer, the cases
table's three columns, a Japanese ⋮ menu, the admin tab for administrators only and its preview
of what an update brings. Screenshots go to docs/ on every run."""
import re

import pytest
from playwright.sync_api import expect

from conftest import FIXTURES, ROOT
from test_browser import (ATSUGI_Q, AZURE_Q, app_bot, ask, bot_over_copy, browser, cards,  # noqa: F401
                          open_app, running, server)
from test_review import NEW_TOPICS, SAPPORO_END

DOCS = ROOT / "docs"
DESKTOP = {"width": 1400, "height": 1050}
PHONE = {"width": 390, "height": 844}
SIZES = {"desktop": DESKTOP, "phone": PHONE}
LONG = "厚木市の事例について詳しく教えてください。" * 100            # 2,100 characters


@pytest.fixture(params=list(SIZES))
def screen(request, browser):  # noqa: F811
    """A fresh page at each size; ``page.size`` is "desktop" or "phone"."""
    context = browser.new_context(locale="ja-JP", viewport=SIZES[request.param])
    page = context.new_page()
    page.set_default_timeout(60_000)
    page.size = request.param
    yield page
    context.close()


def phone_page(browser):  # noqa: F811
    context = browser.new_context(locale="ja-JP", viewport=PHONE)
    page = context.new_page()
    page.set_default_timeout(60_000)
    return context, page


def box(page, selector: str) -> dict:
    return page.locator(selector).first.bounding_box()


def fits_the_width(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def shot(page, name: str, **kwargs):
    path = DOCS / name
    page.screenshot(path=str(path), **kwargs)
    assert path.stat().st_size > 10_000


# --- item 3: a refusal keeps the chat --------------------------------------------------------------

@pytest.mark.browser
def test_a_refused_question_keeps_the_chat_the_question_and_the_sources(server, screen):  # noqa: F811
    page = screen
    open_app(page, server.url)
    reply = ask(page, ATSUGI_Q)
    page.locator('#sources .source-card[data-case="神奈川県厚木市"]').wait_for()
    answer = reply.inner_text()
    page.locator("#question textarea").fill(LONG)
    page.locator("#send").click()
    notice = page.locator("#pii-warning")
    expect(notice).to_contain_text("送信できませんでした。 質問が長すぎます（2,100文字）。2,000文字以内に短くしてください。")
    page.wait_for_timeout(500)
    assert page.locator(".toast-body").count() == 0                       # no "Error" toast
    assert page.locator('[data-testid="status-tracker"] .error').count() == 0   # no 「エラー」 badges
    assert page.get_by_text("エラー", exact=True).count() == 0
    bots = page.locator('#chat [data-testid="bot"]')
    expect(bots).to_have_count(1)
    assert bots.first.inner_text() == answer                              # the chat stays
    expect(page.locator('#sources .source-card[data-case="神奈川県厚木市"]')).to_be_visible()
    question = page.locator("#question textarea")
    expect(question).to_be_visible()
    expect(question).to_have_value(LONG)                                  # kept, to be shortened
    if page.size == "desktop":
        shot(page, "screenshot-refusal.png")
    question.press_sequentially("。")                                     # editing dismisses it
    expect(notice).to_be_hidden()
    # the personal-data warning goes away the same way once the question is edited …
    question.fill("担当の03-1234-5678です。厚木市の事例は？")
    page.locator("#send").click()
    expect(notice).to_contain_text("電話番号")
    expect(page.locator("#confirm")).to_be_visible()
    question.press_sequentially("？")
    expect(notice).to_be_hidden()
    expect(page.locator("#confirm")).to_be_hidden()
    # … or once it is sent
    question.fill("担当の03-1234-5678です。厚木市の事例は？")
    page.locator("#send").click()
    page.locator("#confirm").click()
    expect(bots).to_have_count(2)
    expect(notice).to_be_hidden()


# --- item 4: the phone's layout ----------------------------------------------------------------------

@pytest.mark.browser
def test_on_a_phone_the_sources_sit_under_the_answer_and_the_filters_fold(server, screen):  # noqa: F811
    page = screen
    open_app(page, server.url)
    intro = page.locator("p", has_text="などの番号は").first
    filters_open = page.locator("#filter-region")
    if page.size == "desktop":
        expect(intro).to_contain_text("右の「出典」", use_inner_text=True)
        expect(intro).not_to_contain_text("回答の下の", use_inner_text=True)
        expect(filters_open).to_be_visible()
    else:
        expect(intro).to_contain_text("回答の下の「出典」", use_inner_text=True)
        expect(intro).not_to_contain_text("右の", use_inner_text=True)
        # the page folds them once it has loaded: wait for that before unfolding them (a click
        # before it, on a loaded machine, was folded back by the page)
        expect(page.locator("#filters button.label-wrap")).not_to_have_class(re.compile(r"\bopen\b"))
        expect(filters_open).to_be_hidden()                              # folded …
        page.get_by_text("絞り込み（任意）").click()                         # … one tap away
        expect(filters_open).to_be_visible()
    ask(page, AZURE_Q)
    cards(page).first.wait_for()
    chat, sources, question = box(page, "#chat"), box(page, "#sources"), box(page, "#question")
    examples = box(page, "#chat-main .gallery")
    if page.size == "desktop":
        assert sources["x"] > chat["x"] + chat["width"]                  # beside the chat
        assert question["y"] > chat["y"] + chat["height"]
        return
    assert fits_the_width(page)
    chat_bottom = chat["y"] + chat["height"]
    assert 0 <= sources["y"] - chat_bottom < 120, (chat, sources)       # directly under the answer
    assert examples["y"] > sources["y"] and box(page, "#filters")["y"] > box(page, "#feedback-comment")["y"]
    # scrolled to the answer, the question box stays at the bottom of the screen
    page.evaluate("document.querySelector('#chat').scrollIntoView({block: 'start'})")
    page.wait_for_timeout(300)
    ask_bar = box(page, "#ask")
    assert abs(ask_bar["y"] + ask_bar["height"] - PHONE["height"]) < 2, ask_bar
    assert ask_bar["height"] < 220
    expect(page.locator("#send")).to_be_in_viewport()
    shot(page, "screenshot-phone-chat.png")


@pytest.mark.browser
def test_the_cases_table_fits_a_phone_and_its_menu_is_japanese(server, screen):  # noqa: F811
    page = screen
    open_app(page, server.url)
    page.get_by_role("tab", name="事例一覧").click()
    shown, hidden = ("#cases-table", "#cases-table-narrow") if page.size == "desktop" else \
        ("#cases-table-narrow", "#cases-table")
    titles = page.locator(f'{shown} [role=gridcell][data-col="0"]')
    titles.first.wait_for()
    expect(page.locator(hidden)).to_be_hidden()
    headers = page.locator(f"{shown} th.header-cell")
    expect(headers).to_have_count(10 if page.size == "desktop" else 3)
    if page.size == "phone":
        assert fits_the_width(page)
        assert headers.all_inner_texts() == ["事例", "導入状況", "用途"]
        for i in range(3):                                  # no header squeezed to a character a line
            cell = box(page, f'{shown} [data-testid="header-{i}"]')
            assert cell["width"] >= 60 and cell["height"] < 50, (i, cell)   # one line
        shot(page, "screenshot-phone-cases.png")
        page.locator("#cases-filter textarea").fill("Azure")
        expect(titles).to_have_count(2)
        titles.filter(has_text="茨城県庁").click()
        detail = page.locator("#case-detail .case-detail")
        expect(detail.locator("h3")).to_have_text("茨城県庁")
        text = detail.inner_text()
        assert "関東" in text and "都道府県" in text and "茨城県" in text   # the columns it left out
        assert "ベンダー・製品" in text and "Azure OpenAI Service" in text
        expect(detail).to_be_in_viewport()                                # scrolled to it
        page.locator("#cases-filter textarea").fill("")
        expect(titles.first).to_have_text("農林水産省")
    header = page.locator(f'{shown} [data-testid="header-0"]')
    header.hover()
    header.get_by_role("button", name="Open cell menu").click()
    items = page.get_by_role("menuitem")
    expect(items).to_have_count(3)
    assert items.all_inner_texts() == ["昇順に並べ替え", "降順に並べ替え", "ソートをクリア"]
    page.get_by_role("menuitem", name="降順に並べ替え").click()
    expect(titles.first).not_to_have_text("農林水産省")


# --- item 5 and issue 16: the admin tab ------------------------------------------------------------

@pytest.mark.browser
def test_on_a_phone_only_administrators_get_the_admin_tab(app_bot, browser):  # noqa: F811
    from chatbot.web.auth import parse_users

    users = parse_users("staff:pw-staff,boss:pw-boss:admin", sep=",")
    with running(app_bot, users) as url:
        for name, password, admin in (("staff", "pw-staff", False), ("boss", "pw-boss", True)):
            context, page = phone_page(browser)
            page.goto(url, wait_until="load")
            page.get_by_label("ユーザー名").fill(name)
            page.get_by_label("パスワード").fill(password)
            page.get_by_role("button", name="ログイン").click()
            page.locator("#question textarea").wait_for()
            page.get_by_role("tab", name="事例一覧").click()
            page.locator("#cases-table-narrow [role=gridcell]").first.wait_for()   # demo.load has run
            expect(page.get_by_role("tab", name="管理")).to_have_count(1 if admin else 0)
            if admin:
                page.get_by_role("tab", name="管理").click()
                page.locator("#upload input[type=file]").set_input_files(str(FIXTURES / "next_month.txt"))
                expect(page.locator("#diff .diff-updated .review-edits")).to_contain_text("平均25分")
                assert fits_the_width(page)
            context.close()


@pytest.mark.browser
def test_the_preview_says_what_an_update_brings(server, browser, tmp_path):  # noqa: F811
    article = tmp_path / "next_month_new_topics.txt"
    article.write_text((FIXTURES / "next_month.txt").read_text(encoding="utf-8").replace(
        SAPPORO_END, SAPPORO_END + NEW_TOPICS), encoding="utf-8")
    versions = sorted(p.name for p in (server.data_dir / "versions").iterdir())
    context = browser.new_context(locale="ja-JP", viewport=DESKTOP)
    page = context.new_page()
    page.set_default_timeout(60_000)
    open_app(page, server.url)
    page.get_by_role("tab", name="管理").click()
    page.locator("#upload input[type=file]").set_input_files(str(article))
    diff = page.locator("#diff .diff")
    diff.wait_for()
    expect(diff.locator(".review-summary")).to_contain_text("知識ファイルにない話題: 3件の事例の6文")
    added = diff.locator(".diff-added > ul > li")
    expect(added).to_have_count(3)
    yokote = added.filter(has_text="秋田県横手市")
    assert yokote.locator(".facet").all_inner_texts() == ["試験導入"]
    expect(yokote.locator(".review-new-topic")).to_be_visible()
    expect(yokote.locator(".review-uncovered li")).to_have_count(3)
    sapporo = added.filter(has_text="北海道札幌市")
    assert "議事録・会議録の作成" in sapporo.locator(".facet").all_inner_texts()
    edit = diff.locator(".diff-updated .review-edits li")
    expect(edit.locator(".old")).to_contain_text("平均21分")
    expect(edit.locator(".new")).to_contain_text("平均25分")
    expect(page.locator("#apply")).to_be_enabled()
    diff.scroll_into_view_if_needed()
    page.locator("#diff").screenshot(path=str(DOCS / "screenshot-admin-preview.png"))
    assert sorted(p.name for p in (server.data_dir / "versions").iterdir()) == versions   # no write
    context.close()
