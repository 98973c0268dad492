"""Read an article file (text, Markdown or HTML in UTF-8, Shift_JIS/CP932 or EUC-JP) into the plain
text ``ingest.parse.parse_article`` expects: one paragraph per line, blank lines around headings."""
from __future__ import annotations

import os
import re
import stat
import unicodedata
from pathlib import Path

import charset_normalizer
from bs4 import BeautifulSoup, CData, NavigableString, Tag

from core.errors import UserError

MAX_BYTES = 20 * 1024 * 1024
ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")

# UTF-32 before UTF-16: the UTF-32-LE BOM starts with the UTF-16-LE one.
_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe\x00\x00", "utf-32"),
         (b"\x00\x00\xfe\xff", "utf-32"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))
# Plain EUC-JP first: its JIS X 0213 superset also reads row 13 (①, ㈱ as Windows-made EUC-JP
# files write them) but gives other characters for the JIS X 0212 codes plain EUC-JP knows.
_EUC = ("euc_jp", "euc_jis_2004")
_MAX_CONTROL_RATIO = 0.02   # real text has next to no control characters; binary has ~10%
_DROP = frozenset("script style noscript template iframe svg nav aside form button select".split())
_BLOCKS = frozenset("address article aside blockquote body dd div dl dt figcaption figure footer "
                    "h1 h2 h3 h4 h5 h6 header hr li main ol p pre section table td th tr ul".split())
_NAV_ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary", "search"})
_NAV_MARK = re.compile(r"(?:^|[\s_-])(?:breadcrumbs?|sidebar|navbar|menu|toc|share|sns|related|"
                       r"pagination|pager|ad|ads)(?:$|[\s_-])", re.I)
_WIDE = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef"
# A source line break between two Japanese characters renders as nothing, not as a space.
_WIDE_BREAK = re.compile(rf"(?<=[{_WIDE}])[ \t\r\f]*\n[ \t\r\n\f]*(?=[{_WIDE}])")
_TITLE_SEP = re.compile(r"(?<!\s)\s+[|\-–—]\s+|(?<!\s)\s*[｜]\s*")   # one try per run of spaces


class ReadError(UserError):
    """The file cannot be read as an article; the message says what is wrong and what to do."""


def read_text(path: Path) -> str:
    """Detect the file's format and encoding and return its normalised plain text."""
    path = Path(path)
    if not path.exists():
        raise ReadError(f"{path}: no such file; check the path")
    if path.is_dir():
        raise ReadError(f"{path}: is a folder; pass one file, or list its articles with article_files()")
    _regular(path)
    too_big = f"{path}: larger than {MAX_BYTES // 2**20} MB, too big to be an article; pick the article file"
    if path.stat().st_size > MAX_BYTES:   # checked before reading: never load a huge file
        raise ReadError(too_big)
    # O_NONBLOCK: a pipe swapped in after the check above fails here instead of waiting forever.
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    with open(fd, "rb") as f:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            _regular(path, os.fstat(fd).st_mode)
        data = f.read(MAX_BYTES + 1)       # the file may have grown since stat()
    if len(data) > MAX_BYTES:
        raise ReadError(too_big)
    try:
        text = _newlines(decode(data)) if data.strip() else ""
    except ReadError as e:
        raise ReadError(f"{path}: {e}") from None
    if not text.strip():
        raise ReadError(f"{path}: the file is empty; save the article's text into it")
    text = {"html": html_to_text, "markdown": markdown_to_text}.get(_format(path, text), str)(text)
    if not text.strip():
        raise ReadError(f"{path}: no article text left once markup is removed; "
                        "check the file is the article itself")
    return text


def decode(data: bytes) -> str:
    """Decode UTF-8 (with or without BOM), Shift_JIS/CP932 or EUC-JP; ReadError for binary."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            if (text := _strict(data, codec)) is None:
                raise ReadError(f"has a {codec} byte-order mark but is not {codec}; re-save it as UTF-8")
            return _checked(text)
    if b"\x00" in data:
        raise ReadError("binary data (NUL bytes), not text; save the article as a UTF-8 "
                        ".txt, .md or .html file")
    if (text := _strict(data, "utf-8")) is not None:
        return _checked(text)
    euc = next((t for t in (_strict(data, c) for c in _EUC) if t is not None), None)
    found = [t for t in (euc, _strict(data, "cp932")) if t is not None]
    if found:
        # EUC-JP byte pairs are often valid CP932 half-width kana too: keep the Japanese-looking one.
        return _checked(max(found, key=_japanese_score))
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise ReadError("cannot be decoded as UTF-8, Shift_JIS/CP932 or EUC-JP; re-save it as UTF-8")
    return _checked(str(best))


def html_to_text(html: str) -> str:
    """Keep an HTML page's title, headings and paragraphs as blank-line separated blocks."""
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.find_all(_is_noise):
        if not tag.decomposed:
            tag.decompose()
    articles = soup.find_all("article")
    root: Tag = (max(articles, key=lambda t: len(t.get_text())) if articles
                 else soup.find("main") or soup.body or soup)
    h1 = root.find("h1")
    # A page-wide h1 is often the site logo, so outside the article the <title> is trusted more.
    page_title = _squash(soup.title.get_text()) if soup.title else ""
    title = _squash(h1.get_text()) if h1 else max(_TITLE_SEP.split(page_title), key=len)  # no "| Site"
    for tag in root.find_all(("header", "footer")):   # the article's own byline, tags, share bar
        if not tag.decomposed:
            tag.decompose()
    blocks = _blocks(root)
    if title and (not blocks or blocks[0] != title):
        blocks.insert(0, title)
    return "\n\n".join(blocks) + "\n"


def markdown_to_text(md: str) -> str:
    """Turn Markdown into plain text: headings on their own lines, inline markup removed."""
    out: list[str] = []
    fenced = False
    for line in _newlines(md).split("\n"):
        if re.match(r"\s{0,3}(```|~~~)", line):
            fenced = not fenced
        elif fenced:
            out.append(line)
        elif re.fullmatch(r"\s{0,3}(=+|-+)\s*", line) and out and out[-1].strip():
            out[-1:] = ["", out[-1], ""]              # setext heading underline
        elif _thematic_break(line):
            out.append("")
        elif heading := re.fullmatch(r"\s{0,3}#{1,6}(?:\s(.*))?", line):
            out += ["", _md_inline(_closing_hashes_off(heading.group(1) or "")), ""]
        elif not re.match(r"^\s{0,3}\[[^\]]+\]:\s*\S", line):   # not a link reference definition
            line = re.sub(r"^\s*(?:>\s?)*(?:(?:[-*+]|\d{1,9}[.)])\s+)?", "", line)
            # Line breaks are kept, not joined: Japanese writers break lines between sentences.
            out.append(_md_inline(line).rstrip().removesuffix("\\").rstrip())
    return re.sub(r"\n{3,}", "\n\n", "\n".join(out)).strip("\n") + "\n"


def article_files(path: Path) -> list[Path]:
    """A file as [file]; a folder as its article files (*.txt, *.md, *.html, ...) sorted by name."""
    path = Path(path)
    if not path.exists():
        raise ReadError(f"{path}: no such file or folder; check the path")
    if not path.is_dir():
        _regular(path)
        return [path]
    # Hidden files are skipped: macOS "._name.txt" companions are binary.
    files = sorted((p for p in path.iterdir() if p.is_file() and not p.name.startswith(".")
                    and p.suffix.lower() in ARTICLE_SUFFIXES), key=lambda p: p.name)
    if not files:
        raise ReadError(f"{path}: the folder holds no article files ({', '.join(ARTICLE_SUFFIXES)}); "
                        "add the article or pass a file")
    return files


def _regular(path: Path, mode: int | None = None) -> None:
    """Refuse at once what is neither a file nor a folder: reading a named pipe, a device or a
    socket would wait for a writer that never comes."""
    mode = path.stat().st_mode if mode is None else mode
    if not stat.S_ISREG(mode):
        kind = ("a named pipe" if stat.S_ISFIFO(mode) else "a device" if stat.S_ISCHR(mode) or
                stat.S_ISBLK(mode) else "a socket" if stat.S_ISSOCK(mode) else "not a regular file")
        raise ReadError(f"{path}: {kind}, not an article file or folder; pass the saved article file")


def _newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")


def _format(path: Path, text: str) -> str:
    kind = {".html": "html", ".htm": "html", ".md": "markdown", ".markdown": "markdown"}
    sniffed = "html" if text.lstrip().lower().startswith(("<!doctype html", "<html")) else "text"
    return kind.get(path.suffix.lower(), sniffed)


def _strict(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return None


def _japanese_score(text: str) -> int:
    kana_kanji = len(re.findall("[\u3040-\u30ff\u4e00-\u9fff]", text))
    return kana_kanji - 2 * len(re.findall("[\uff61-\uff9f\ue000-\uf8ff]", text))   # half-width kana, PUA


def _checked(text: str) -> str:
    bad = sum(1 for c in text if c == "\ufffd" or
              (unicodedata.category(c) == "Cc" and c not in "\t\n\r\f\v"))
    if bad > len(text) * _MAX_CONTROL_RATIO:
        raise ReadError(f"looks binary ({bad} control characters in {len(text)}), not text; "
                        "save the article as a UTF-8 .txt, .md or .html file")
    return text.removeprefix("\ufeff")


def _is_noise(tag: Tag) -> bool:
    if tag.name in _DROP:
        return True
    if tag.name in ("header", "footer"):   # page banner/footer; the article's own go after the title
        return tag.find_parent(("article", "main")) is None
    if tag.name in ("html", "body", "main", "article"):
        return False
    marks = " ".join([*tag.get("class", []), str(tag.get("id", ""))])
    return tag.get("role") in _NAV_ROLES or bool(_NAV_MARK.search(marks))


def _squash(text: str) -> str:
    text = _WIDE_BREAK.sub("", text)
    return re.sub(r"[ \t\n\r\f]+", " ", text).replace("\xa0", " ").strip()


def _blocks(root: Tag) -> list[str]:
    blocks: list[str] = []
    lines: list[str] = [""]

    def flush() -> None:
        text = re.sub(r"\n{3,}", "\n\n", "\n".join(_squash(line) for line in lines)).strip("\n")
        if text.strip():
            blocks.append(text)
        lines[:] = [""]

    def walk(node: Tag) -> None:
        for child in node.children:
            if isinstance(child, NavigableString):
                if type(child) in (NavigableString, CData):   # not comments, doctype, <?..?>
                    lines[-1] += str(child)
            elif isinstance(child, Tag):
                if child.name == "br":
                    lines.append("")
                elif child.name in _BLOCKS:
                    flush()
                    walk(child)
                    flush()
                else:
                    walk(child)

    walk(root)
    flush()
    return blocks


def _thematic_break(line: str) -> bool:
    """「---」, 「* * *」, 「___」: three or more of one of -*_, nothing else but white space."""
    marks = "".join(line.split())
    return len(line) - len(line.lstrip()) <= 3 and len(marks) >= 3 and marks[0] in "-*_" \
        and marks == marks[0] * len(marks)


def _closing_hashes_off(title: str) -> str:
    """「見出し ##」 → 「見出し」: a heading's closing #'s, when white space stands before them."""
    title = title.strip()
    bare = title.rstrip("#")
    return bare.rstrip() if bare != title and (not bare or bare[-1].isspace()) else title


# Markdown's inline markup. Every pattern may only stop where its own brackets or delimiters
# stop it (「[^\[\]]」, not 「[^\]]」; emphasis up to the next delimiter), so a line of 20 MB of
# 「[」 or 「_a 」 is read in linear time instead of being scanned again from every character.
_MD_ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>~|])")
_MD_TARGET = r"\((?:[^()]|\([^()]*\))*\)"             # (url "title"), one level of (…) inside
_MD_IMAGE = re.compile(r"!\[[^\[\]]*\]" + _MD_TARGET)
_MD_LINK = re.compile(r"\[([^\[\]]+)\](?:" + _MD_TARGET + r"|\[[^\[\]]*\])")
_MD_AUTOLINK = re.compile(r"<(https?://[^<>\s]+)>")
_MD_CODE = re.compile(r"`([^`]+)`")
_MD_EMPHASIS = [re.compile(p) for p in (
    r"\*\*(?=\S)((?:(?!\*\*).)+?)(?<=\S)\*\*", r"__(?=\S)((?:(?!__).)+?)(?<=\S)__",
    r"~~(?=\S)((?:(?!~~).)+?)(?<=\S)~~", r"(?<!\*)\*(?=\S)([^*]+?)(?<=\S)\*(?!\*)",
    r"(?<![A-Za-z0-9_])_(?=\S)([^_]+?)(?<=\S)_(?![A-Za-z0-9_])")]


def _md_inline(text: str) -> str:
    # Escaped punctuation is parked in the private-use area so emphasis rules skip it.
    text = _MD_ESCAPED.sub(lambda m: chr(0xE000 + ord(m.group(1))), text)
    text = _MD_IMAGE.sub("", text)
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_AUTOLINK.sub(r"\1", text)
    text = _MD_CODE.sub(r"\1", text)
    for emphasis in _MD_EMPHASIS:
        text = emphasis.sub(r"\1", text)
    return re.sub("[\ue000-\ue07f]", lambda m: chr(ord(m.group()) - 0xE000), text)
