"""Reading article files: encodings, HTML and Markdown renderings, bad inputs, folder listing."""
from __future__ import annotations

import builtins
import io
import pathlib
import random
import time
from pathlib import Path

import pytest

from ingest.parse import ParseError, parse_article
from ingest.read import (MAX_BYTES, ReadError, article_files, decode, html_to_text,
                         markdown_to_text, read_text)

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "corpus" / "chatgpt_jichitai_katsuyo_jirei_62.txt"
FIX = Path(__file__).resolve().parent / "fixtures"


def cases(text: str) -> list[tuple[str, tuple[str, ...], str]]:
    """What a reader sees of each case: heading, sentences and 参考 line, in order."""
    return [(c.title, c.sentences, c.source) for c in parse_article(text).cases]


@pytest.fixture(scope="module")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def seed_cases(seed_text: str) -> list:
    found = cases(seed_text)
    assert len(found) == 62
    return found


# --- encodings -------------------------------------------------------------------------------

def test_seed_reads_unchanged(seed_text: str) -> None:
    assert read_text(SEED) == seed_text


@pytest.mark.parametrize("name", ["seed_sjis.txt", "seed_eucjp.txt", "seed_bom.txt"])
def test_encoding_fixture_gives_the_seed(name: str, seed_text: str, seed_cases: list) -> None:
    text = read_text(FIX / name)
    assert "\r" not in text and "\ufeff" not in text
    assert cases(text) == seed_cases
    assert text == seed_text            # every encoding here is lossless, ①-⑤ included


def test_fixture_bytes_are_really_in_those_encodings() -> None:
    assert (FIX / "seed_bom.txt").read_bytes().startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in (FIX / "seed_bom.txt").read_bytes()
    for name in ("seed_sjis.txt", "seed_eucjp.txt"):
        with pytest.raises(UnicodeDecodeError):
            (FIX / name).read_bytes().decode("utf-8")
    assert "自治体".encode("cp932") in (FIX / "seed_sjis.txt").read_bytes()
    assert "自治体".encode("euc_jp") in (FIX / "seed_eucjp.txt").read_bytes()


@pytest.mark.parametrize("codec", ["utf-8", "utf-8-sig", "cp932", "shift_jis", "euc_jp", "utf-16"])
def test_decode_short_japanese(codec: str) -> None:
    # Short texts are where EUC-JP bytes are most easily taken for CP932 half-width kana.
    for text in ("自治体の活用事例", "ChatGPTを導入した自治体", "札幌市は試験導入します。"):
        assert decode(text.encode(codec)) == text


# --- HTML and Markdown -----------------------------------------------------------------------

def test_html_rendering_parses_like_the_seed(seed_text: str, seed_cases: list) -> None:
    text = read_text(FIX / "seed.html")
    assert parse_article(text).title == parse_article(seed_text).title
    assert cases(text) == seed_cases
    assert [c.content_hash for c in parse_article(text).cases] == \
        [c.content_hash for c in parse_article(seed_text).cases]


# Text from the page's chrome; each must be in seed.html and absent from the extracted text.
CHROME = ["gtag", "dataLayer", "スクリプトが書いた段落", "adsbygoogle", "console.log", "font-family",
          "ヘッダー開始", "生成AIの導入・活用情報メディア", "サイト内検索", "お問い合わせ", "人気記事",
          "ChatGPTを導入した日本企業の活用事例100選", "プロンプト例文集", "運営会社", "All Rights Reserved",
          "Xでシェア", "LINEで送る", "JavaScriptを有効に", "目次", "2023.12.01", "| ChatGPTマガジン"]


def test_html_chrome_is_dropped(seed_text: str) -> None:
    page = (FIX / "seed.html").read_text(encoding="utf-8")
    text = html_to_text(page)
    for junk in CHROME:
        assert junk in page and junk not in seed_text, junk
        assert junk not in text, junk


def test_html_blocks_breaks_and_title() -> None:
    page = """<html><head><title>記事の題 | サイト名</title><style>p{}</style></head><body>
    <header><h1>サイトのロゴ</h1></header><nav><a href="/">ホーム</a></nav>
    <main><!-- 広告 --><h2>関東</h2>
    <p>一行目です。<br>二行目は<strong>太字</strong>と<a href="#">リンク</a>&amp;記号。</p>
    <p>ソースの改行が
       日本語の間にある段落。</p><ul><li>項目1</li><li>項目2</li></ul>
    <blockquote>引用文</blockquote></main>
    <footer>フッター</footer><script>var x = "スクリプト";</script></body></html>"""
    assert html_to_text(page) == ("記事の題\n\n関東\n\n一行目です。\n二行目は太字とリンク&記号。\n\n"
                                  "ソースの改行が日本語の間にある段落。\n\n項目1\n\n項目2\n\n引用文\n")


def test_html_prefers_article_over_the_rest_of_the_page() -> None:
    page = ("<body><div>ページの飾り</div><article><h1>題名</h1><p>本文。</p></article>"
            "<div class='related'><article><p>関連記事</p></article></div></body>")
    assert html_to_text(page) == "題名\n\n本文。\n"


def test_txt_holding_html_is_read_as_html(tmp_path: Path) -> None:
    f = tmp_path / "saved.txt"
    f.write_text("\n<!DOCTYPE html><html><body><nav>メニュー</nav><article><h1>題</h1>"
                 "<p>本文。</p></article></body></html>", encoding="utf-8")
    assert read_text(f) == "題\n\n本文。\n"


def test_markdown_rendering_parses_like_its_text() -> None:
    md, txt = read_text(FIX / "next_month.md"), read_text(FIX / "next_month.txt")
    assert parse_article(md).title == parse_article(txt).title == \
        "【1月最新版】ChatGPTを導入した自治体の活用事例62選"
    assert cases(md) == cases(txt)
    assert "**" not in md and "](" not in md and "\n#" not in md and "\n- " not in md


def test_markdown_markup_is_removed() -> None:
    md = ("見出し一\n===\n\n## 見出し二 ##\n本文の**太字**と_強調_と*斜体*と[リンク](https://x.jp)と`code`。\n"
          "- 項目\n1. 番号\n> 引用\n\n---\n\\*そのまま\\*\n![画像](a.png)\n[ref]: https://x.jp\n")
    assert markdown_to_text(md) == ("見出し一\n\n見出し二\n\n本文の太字と強調と斜体とリンクとcode。\n"
                                    "項目\n番号\n引用\n\n*そのまま*\n")



def test_markdown_links_with_parentheses_and_unclosed_markup() -> None:
    md = ("[事例](https://ja.wikipedia.org/wiki/A_(B))と**太字 **と_a_b_と<https://x.jp>。\n"
          "## 見出し\n#\n####### 七つ\n")
    assert markdown_to_text(md) == "事例と**太字 **と_a_b_とhttps://x.jp。\n\n見出し\n\n####### 七つ\n"


@pytest.mark.parametrize("unit", ["[", "[a](", "![", "<http://a", "_a ", "(_a", "*a ", "**a ",
                                  "~~a ", "`"])
def test_a_long_line_of_unclosed_markdown_is_read_in_linear_time(unit) -> None:
    """Each unclosed 「[」 or 「_」 was scanned to the end of its line again: 10,000 characters
    took 0.1–0.7 s, so a 20 MB line (the size an upload may have) would hold ingest for days."""
    line = (unit * 1_000_000)[:1_000_000]
    started = time.perf_counter()
    markdown_to_text("# 題\n" + line + "\n")
    assert time.perf_counter() - started < 2          # quadratic: about 15 minutes

# --- the month-to-month fixture --------------------------------------------------------------

def test_next_month_adds_edits_and_removes_one_case_each(seed_text: str) -> None:
    old = {c.title: c for c in parse_article(seed_text).cases}
    new = {c.title: c for c in parse_article(read_text(FIX / "next_month.txt")).cases}
    assert set(new) - set(old) == {"北海道札幌市"} and set(old) - set(new) == {"三重県桑名市"}
    assert new["北海道札幌市"].region == "北海道・東北" and new["北海道札幌市"].source.startswith("参考:")
    assert "個人情報" in new["北海道札幌市"].body
    changed = [t for t in old if t in new and old[t].content_hash != new[t].content_hash]
    assert changed == ["神奈川県厚木市"]
    assert "平均25分短縮" in new["神奈川県厚木市"].body and "平均21分短縮" in old["神奈川県厚木市"].body


# --- bad inputs ------------------------------------------------------------------------------

@pytest.mark.parametrize("name, problem", [("empty.txt", "empty"), ("binary.txt", "binary")])
def test_bad_fixture_raises(name: str, problem: str) -> None:
    with pytest.raises(ReadError, match=problem) as err:
        read_text(FIX / name)
    assert name in str(err.value)


@pytest.mark.parametrize("data, problem", [
    (b"  \r\n\t\n", "empty"),
    (b"\xef\xbb\xbf", "empty"),
    ("\u3000\n".encode("utf-8"), "empty"),
    (b"abc" + bytes(range(1, 9)) * 20, "binary"),
])
def test_bad_bytes_raise(tmp_path: Path, data: bytes, problem: str) -> None:
    f = tmp_path / "bad.txt"
    f.write_bytes(data)
    with pytest.raises(ReadError, match=problem):
        read_text(f)


def test_random_bytes_without_nul_are_rejected(tmp_path: Path) -> None:
    f = tmp_path / "noise.txt"
    f.write_bytes(bytes(b for b in random.Random(7).randbytes(4096) if b))
    with pytest.raises(ReadError, match="noise.txt"):
        read_text(f)


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match="no such file"):
        read_text(tmp_path / "nope.txt")
    with pytest.raises(ReadError, match="folder"):
        read_text(tmp_path)


def test_oversized_file_is_refused_without_reading(tmp_path: Path, monkeypatch) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as f:
        f.truncate(21 * 1024 * 1024)            # sparse: no 21 MB written to disk
    assert big.stat().st_size > MAX_BYTES

    def no_read(*args, **kwargs):
        raise AssertionError("the file was opened")

    with monkeypatch.context() as m:
        for owner, name in ((pathlib.Path, "open"), (pathlib.Path, "read_bytes"),
                            (pathlib.Path, "read_text"), (builtins, "open"), (io, "open")):
            m.setattr(owner, name, no_read)
        with pytest.raises(ReadError, match="20 MB") as err:
            read_text(big)
    assert "big.txt" in str(err.value)


def test_no_cases_is_a_parse_error() -> None:
    text = read_text(FIX / "no_cases.txt")
    assert "ChatGPT" in text
    with pytest.raises(ParseError, match="no recognisable cases"):
        parse_article(text)


def test_duplicate_heading_is_a_parse_error() -> None:
    with pytest.raises(ParseError, match="same heading.*神奈川県厚木市"):
        parse_article(read_text(FIX / "duplicate_heading.txt"))


def test_truncated_reads_as_the_first_20_cases(seed_cases: list) -> None:
    assert cases(read_text(FIX / "truncated.txt")) == seed_cases[:20]


def test_script_injection_stays_literal_text(seed_cases: list) -> None:
    # A .txt is never treated as HTML because of tags inside it: the markup reaches the parser as
    # text, so whatever shows it to a user must escape it.
    got = cases(read_text(FIX / "script_injection.txt"))
    changed = [(a, b) for a, b in zip(seed_cases, got) if a != b]
    assert len(got) == 62 and len(changed) == 1 and changed[0][1][0] == "青森県むつ市"
    sentence = next(s for s in changed[0][1][1] if "<script>" in s)
    assert '<script>alert("x")</script>' in sentence and "<img src=x onerror=alert(1)>" in sentence


# --- folders ---------------------------------------------------------------------------------

def test_article_files_lists_a_folder(tmp_path: Path) -> None:
    for name in ("b.md", "a.txt", "c.html", "d.htm", "e.markdown", "F.TXT", "notes.pdf", ".hidden.txt"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / "sub.txt").mkdir()
    (tmp_path / "sub.txt" / "deep.txt").write_text("x", encoding="utf-8")
    names = [p.name for p in article_files(tmp_path)]
    assert names == ["F.TXT", "a.txt", "b.md", "c.html", "d.htm", "e.markdown"]
    assert article_files(tmp_path / "notes.pdf") == [tmp_path / "notes.pdf"]


def test_article_files_errors(tmp_path: Path) -> None:
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    with pytest.raises(ReadError, match="no article files") as err:
        article_files(tmp_path)
    assert str(tmp_path) in str(err.value)
    with pytest.raises(ReadError, match="no such file"):
        article_files(tmp_path / "missing")


def test_every_fixture_folder_file_is_listed() -> None:
    names = {p.name for p in article_files(FIX)}
    assert {"seed.html", "next_month.md", "seed_sjis.txt", "empty.txt"} <= names
    assert "make_fixtures.py" not in names
