"""The admin tab as plain functions: index status, upload → case-level diff preview → apply.

Errors from bad files come back as messages (HTML, escaped), never as tracebacks. A file that
is not an article is deleted (from Gradio's upload folder and from ``<data dir>/uploads/``);
Gradio deletes every other upload after UPLOAD_MAX_AGE seconds (`chatbot.web.app`).
"""
from __future__ import annotations

import logging
import shutil
from dataclasses import dataclass, field
from datetime import datetime
from html import escape
from pathlib import Path

from chatbot import IngestBusy, UserError
from core.files import private, private_dir

log = logging.getLogger(__name__)

UPLOAD_MAX_AGE = 24 * 3600     # seconds an upload stays in Gradio's folder


@dataclass
class CaseDiff:
    """What ingesting a file would change, by case heading, computed without writing anything."""

    articles: list[dict] = field(default_factory=list)   # title, version, cases
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0
    refused: list[str] = field(default_factory=list)     # articles losing more than half their cases
    changes: list[dict] = field(default_factory=list)    # each added / updated case (`review_html`)
    instructions: list[dict] = field(default_factory=list)   # {"case", "sentence", "text"}

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed)


def _time(iso: str) -> str:
    try:
        return datetime.fromisoformat(iso).strftime("%Y-%m-%d %H:%M:%S")
    except (TypeError, ValueError):
        return iso or "—"


def status_html(status: dict) -> str:
    if not status["version"]:
        return '<div class="admin-status">索引がまだありません。記事ファイルをアップロードして適用してください。</div>'
    arts = "".join(f"<li>{escape(a.get('title', ''))}（版: {escape(a.get('version') or '—')}、"
                   f"{int(a.get('cases', 0))}件）</li>" for a in status["articles"])
    rows = [("記事の版", "、".join(a.get("version") or "—" for a in status["articles"])),
            ("事例数", f"{status['cases']}件"), ("埋め込みモデル", status["model"]),
            ("公開中の索引", status["version"]), ("索引の作成", _time(status["built"])),
            ("最後の取り込み", _time(status["last_ingest"]))]
    table = "".join(f"<tr><th>{escape(k)}</th><td>{escape(str(v))}</td></tr>" for k, v in rows)
    return f'<div class="admin-status"><table>{table}</table><ul>{arts}</ul></div>'


HISTORY_COLUMNS = ["日時", "版", "事例数", "追加", "更新", "削除", "記事"]


def history_table(rows: list[dict], limit: int = 10) -> list[list]:
    """The latest ingests (`chatbot.versions`), newest first."""
    out = []
    for r in reversed(rows[-limit:]):
        out.append([_time(r.get("time", "")), r.get("version") or "（変更なし）", r.get("cases", 0),
                     len(r.get("added", [])), len(r.get("updated", [])), len(r.get("removed", [])),
                     "、".join(a.get("version") or a.get("title", "") for a in r.get("articles", []))])
    return out


# --- upload → preview → apply ----------------------------------------------------------------------

def preview_diff(bot, path: Path) -> CaseDiff:
    """What ingesting the file would change, from the ingest's own diff run dry (no writes).

    Raises:
        UserError: the file is not an article, or the index was built with another model.
    """
    report, refused = bot.preview(Path(path))
    articles = [{"title": a["title"], "version": a["version"], "cases": a["cases"]}
                for a in report.articles]
    return CaseDiff(articles, list(report.added), list(report.updated), list(report.removed),
                    report.unchanged, [a["title"] for a in articles] if refused else [],
                    list(report.changes), list(report.instructions))


def diff_html(diff: CaseDiff) -> str:
    """The preview: the uploaded article(s), then added / updated / removed cases (the added and
    updated ones with what `review_html` says of them)."""
    arts = "、".join(f"{a['title']}（{a['cases']}件）" for a in diff.articles)
    parts = [f'<div class="diff"><p>アップロードした記事: {escape(arts)}</p>', review_summary_html(diff.changes)]
    review = {c["case"]: c for c in diff.changes}
    for cls, label, titles in (("added", "追加", diff.added), ("updated", "更新", diff.updated),
                               ("removed", "削除", diff.removed)):
        items = "".join(f'<li><span class="case-title">{escape(t)}</span>{review_html(review.get(t))}</li>'
                        for t in titles) or "<li>なし</li>"
        parts.append(f'<div class="diff-{cls}"><b>{label}（{len(titles)}件）</b><ul>{items}</ul></div>')
    parts.append(f"<p>変更なし: {diff.unchanged}件</p>")
    if diff.refused:
        parts.append('<p class="diff-warning">⚠ 事例の半数以上が削除されます（ファイルが途中で切れていませんか？）。'
                     "適用するには「半数以上の削除を許可する」にチェックしてください。</p>")
    if not diff.changed:
        parts.append("<p>現在の索引と同じ内容です。適用しても変更はありません。</p>")
    parts.append(instructions_html(diff.instructions))
    parts.append("</div>")
    return "".join(parts)


def instructions_html(found: list[dict]) -> str:
    """The sentences of the file that speak to a reader or a model (「…とだけ答えてください」):
    never evidence for an answer, quoted only with a warning; the admin should check them."""
    if not found:
        return ""
    items = "".join(f"<li><b>{escape(f['case'])}</b>：「{escape(f['text'])}」</li>" for f in found)
    return (f'<div class="diff-instructions"><p class="diff-warning">⚠ 読み手（AI）への指示のような文が'
            f"{len(found)}件あります。回答の根拠には使わず、引用するときは注意書きを付けます。"
            f"記事の元の文か確認してください。</p><ul>{items}</ul></div>")


def error_html(message: str) -> str:
    return f'<div class="admin-error">⚠ {escape(message)}</div>'


def _message(exc: Exception, path: Path) -> str:
    """The error's message with the upload's temporary folder replaced by the file name."""
    return str(exc).replace(str(path), path.name)


def _upload_path(file) -> Path | None:
    if not file:
        return None
    return Path(getattr(file, "name", file))


def discard(path: Path | None, uploads: Path | None) -> None:
    """Delete a rejected upload, only when it lies inside Gradio's upload folder `uploads`
    (a path given by a test or a script is never touched)."""
    if path is None or uploads is None:
        return
    try:
        if Path(path).resolve().is_relative_to(Path(uploads).resolve()):
            Path(path).unlink(missing_ok=True)
    except OSError as exc:
        log.warning("could not delete rejected upload %s: %s", path.name, exc.strerror)


def preview(bot, file, *, require: bool = True, uploads: Path | None = None) -> tuple[str, bool]:
    """Upload or the preview button: (HTML to show, whether applying makes sense).

    With require=False a missing file (the upload was cleared) shows nothing instead of a prompt.
    A file that cannot be ingested is deleted when it lies in `uploads` (Gradio's folder).
    """
    path = _upload_path(file)
    if path is None:
        return (error_html("記事ファイル（.txt / .md / .html）を選んでください。") if require else ""), False
    try:
        diff = preview_diff(bot, path)
    except IngestBusy:            # nothing is wrong with the file: keep it for the next try
        return error_html("別の取り込み（コマンドなど）が実行中です。終わってからもう一度プレビューしてください。"
                          "アップロードしたファイルはそのまま使えます。"), False
    except UserError as exc:
        discard(path, uploads)
        return error_html(f"このファイルは取り込めません: {_message(exc, path)}"), False
    except Exception as exc:   # noqa: BLE001 - the page shows a message, the log keeps the trace
        log.exception("preview of %s failed", path.name)
        discard(path, uploads)
        return error_html(f"このファイルは取り込めません（{type(exc).__name__}）。"), False
    return diff_html(diff), True


def apply(bot, file, force: bool = False) -> tuple[str, bool]:
    """The apply button: ingest the upload with the bot's model; the bot reloads by itself.

    An applied upload is kept under <data dir>/uploads/ (owner-only) so the history names a
    file that still exists; a refused one is deleted from there.
    """
    path = _upload_path(file)
    if path is None:
        return error_html("記事ファイルを選んでください。"), False
    if not path.is_file():
        return error_html(f"適用できませんでした: {path.name} は通常のファイルではありません。"), False
    keep = Path(bot.data_dir) / "uploads" / f"{datetime.now():%Y%m%dT%H%M%S}-{path.name}"
    try:
        private_dir(keep.parent)
        with open(path, "rb") as src, open(keep, "wb", opener=private) as dst:
            shutil.copyfileobj(src, dst)
        report = bot.ingest(keep, force=force)
    except UserError as exc:
        keep.unlink(missing_ok=True)
        return error_html(f"適用できませんでした: {str(exc).replace(str(keep), path.name)}"), False
    except OSError as exc:
        keep.unlink(missing_ok=True)
        return error_html(f"適用できませんでした: {path.name}: {exc.strerror}"), False
    except Exception as exc:   # noqa: BLE001
        log.exception("ingest of %s failed", path.name)
        keep.unlink(missing_ok=True)
        return error_html(f"適用できませんでした（{type(exc).__name__}）。"), False
    if not report.version:
        return '<div class="admin-ok">変更はありませんでした（新しい版は公開していません）。</div>', True
    return (f'<div class="admin-ok">版 {escape(report.version)} を公開しました: {report.cases}件'
            f"（追加 {len(report.added)}、更新 {len(report.updated)}、削除 {len(report.removed)}、"
            f"変更なし {report.unchanged}）。チャットは次の質問から新しい版で回答します。</div>"), True


# --- what the update brings: facets, changed sentences, topics the knowledge files lack ------------

NOT_IN_KNOWLEDGE = "知識ファイルにない話題"


def review_summary_html(changes: list[dict]) -> str:
    """One line over the diff: how many added / updated cases and sentences no facet reads."""
    flagged = [c for c in changes if c["new_topic"] or c["uncovered"]]
    if not flagged:
        return ""
    sentences = sum(len(c["uncovered"]) for c in changes)
    return (f'<p class="review-summary">⚑ {NOT_IN_KNOWLEDGE}: {len(flagged)}件の事例の{sentences}文は、'
            "知識ファイル（facets.toml）のどの分類にも当てはまりません。回答はこのままでも記事の文から作られます。"
            "一覧や絞り込みで扱いやすくするには、分類を知識ファイルに追加できます。</p>")


def review_html(case: dict | None) -> str:
    """Under an added or updated case: its facets, the sentences that changed (前 → 後) and the
    sentences no facet reads (「知識ファイルにない話題」); "" for a case the ingest did not review."""
    if not case:
        return ""
    parts = []
    if case.get("was"):
        parts.append(f'<div class="review-was">見出しは前の版で「{escape(case["was"])}」</div>')
    if case["change"] == "added" or case["facets"]:
        chips = "".join(f'<span class="facet">{escape(f["ja"])}</span>' for f in case["facets"]) or "なし"
        parts.append(f'<div class="review-facets">分類: {chips}</div>')
    if case["change"] == "updated":
        edits = "".join(f'<li class="edit"><div class="old">前: {escape(e["old"]) or "（なし）"}</div>'
                        f'<div class="new">後: {escape(e["new"]) or "（削除）"}</div></li>'
                        for e in case.get("edits", []))
        parts.append(f'<ul class="review-edits">{edits}</ul>' if edits else
                     '<div class="review-edits">文の変更はありません（見出し・地域・参考: の行の変更）。</div>')
    if case["new_topic"]:
        parts.append(f'<div class="review-new-topic">⚑ {NOT_IN_KNOWLEDGE}: 導入段階のほかに当てはまる分類がありません</div>')
    if case["uncovered"]:
        items = "".join(f"<li>{escape(s)}</li>" for s in case["uncovered"])
        parts.append(f'<div class="review-uncovered">⚑ {NOT_IN_KNOWLEDGE}（{len(case["uncovered"])}文）'
                     f"<ul>{items}</ul></div>")
    return f'<div class="review">{"".join(parts)}</div>'
