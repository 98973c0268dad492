"""What changed since the last version: answered from the ingest history, not from retrieval.

「前回の版から追加された事例は？」, "What changed in the latest update?": the served version's
ingest row says which cases were added, updated and removed. Added and updated cases are cited
with their current text (an updated case with the sentences that changed, each beside what it
replaced); removed cases are named as removed and never cited as current. 「厚木市の事例は前の版から
どう変わった？」 asks the same of one case.
"""
from __future__ import annotations

import difflib
import re
from datetime import datetime

from chatbot.qa.compose import Answer, Citation, render
from core.index import Index
from core.store import history

_VERSION = re.compile(r"前回|前の版|先月|先の版|最新版|今回の(更新|版)|更新(で|され|分|点)|版(から|で|では)|"
                      r"\b(previous|last|latest|new|current|earlier) (version|edition|update|issue)\b|"
                      r"\bsince (the )?last\b|\blast month\b|\bupdate[sd]?\b|\bwhat'?s new\b|\bwhat is new\b", re.I)
_CHANGE = re.compile(r"追加|増え|新し|新た|削除|消え|減|変わ|変更|更新|違い|差分|"
                     r"\b(added|new|removed|dropped|deleted|changed?|changes|differen\w*|updated?)\b", re.I)


def is_version_question(text: str) -> bool:
    return bool(_VERSION.search(text) and _CHANGE.search(text))


def _rows(retriever) -> tuple[dict | None, dict | None]:
    """The served version's published ingest row and the published one before it."""
    rows = [r for r in history(retriever.index.data_dir) if r.get("published") and r.get("version")]
    current = next((i for i, r in enumerate(rows) if r["version"] == retriever.index.version), None)
    if current is None:
        return None, None
    return rows[current], (rows[current - 1] if current else None)


def _when(row: dict, seconds: bool) -> str:
    """An ingest row's local time, to the minute (to the second when asked)."""
    try:
        return datetime.fromisoformat(row.get("time", "")).strftime("%Y-%m-%d %H:%M" + (":%S" if seconds else ""))
    except (TypeError, ValueError):
        return ""


def version_names(row: dict, prev: dict | None, ja: bool = True) -> tuple[str, str]:
    """How the served version and the one before it are named: the article's label and when it
    was ingested (「【12月最新版】（2026-12-04 05:30 取り込み）」), to the second when two
    versions would otherwise read the same, and with the index version when even that is equal.
    The second is "" when there is no previous version."""
    rows = [r for r in (row, prev) if r is not None]

    def names(precision: int) -> list[str]:
        out = []
        for r in rows:
            when = _when(r, precision > 0)
            if precision > 1:
                when = f"{when}、{r.get('version', '')}" if ja else f"{when}, {r.get('version', '')}"
            label = f"【{r.get('as_of') or '—'}】"
            out.append(label + (f"（{when} 取り込み）" if ja else f" (ingested {when})") if when else label)
        return out

    for precision in range(3):
        shown = names(precision)
        if len(set(shown)) == len(shown):
            break
    return shown[0], (shown[1] if len(shown) == 2 else "")


def _key_of(retriever, title: str) -> str | None:
    return next((k for k, c in retriever.cases.items() if c.title == title), None)


def _old_sentences(retriever, prev: dict | None, key: str) -> list[str] | None:
    """The case's sentences in the previous version (None when that version is gone)."""
    if prev is None:
        return None
    try:
        old = Index(retriever.index.data_dir, prev["version"])
    except Exception:   # noqa: BLE001 - pruned or unreadable: the answer says the old text is gone
        return None
    try:
        article_id, case_id = key.split(":", 1)
        text = old.case_text(article_id, case_id)
    finally:
        old.close()
    from core.text import split_sentences

    return list(split_sentences(text.split("\n", 1)[1])) if "\n" in text else None


def version_answer(retriever, q, keys: list[str], as_of: str, gone: list[str] = ()) -> Answer:
    """The answer to a question about the latest version.

    Args:
        keys: the cases it names that the served version has.
        gone: names it gives of places the served version has no case for (removed, perhaps).
    """
    row, prev = _rows(retriever)
    ja = q.lang == "ja"
    if row is None:
        text = ("この版の取り込み記録が見つからないため、前の版との違いはお答えできません。" if ja else
                "The ingest history of the served version is missing; what changed cannot be told.")
        return Answer(q.text, text, (), (), q.lang, "none", as_of)
    now, before = version_names(row, prev, ja)
    if prev is None:
        text = (f"記事{now}は最初に取り込んだ版のため、前の版との違いはありません。" if ja else
                f"The article {now} is the first version ingested: there is no previous one to compare.")
        return Answer(q.text, text, (), (), q.lang, "none", as_of)
    head_ja = f"記事{now}は、前の版{before}から"
    head_en = f"The article {now}, compared with {before}:"
    renamed = {r["to"]: r["from"] for r in row.get("renamed", [])}
    if keys:
        return _one_case(retriever, q, keys[0], row, prev, renamed, as_of)
    if gone:
        removed = [t for t in row.get("removed", []) if any(name in t for name in gone)]
        text = ((f"{'、'.join(removed)}の事例は、この版【{row.get('as_of', '')}】で記事から削除されました。"
                 if ja else f"{', '.join(removed)}: removed from the article in 【{row.get('as_of', '')}】.")
                if removed else
                (f"記事には{'、'.join(gone)}の事例はありません。" if ja else
                 f"The article has no case for {', '.join(gone)}."))
        related = tuple({"case": t, "status": "removed"} for t in removed)
        return Answer(q.text, text, (), related, q.lang, "none", as_of)
    cites: list[Citation] = []
    lines = []
    for label_ja, label_en, titles in (("追加", "added", row.get("added", [])),
                                       ("更新", "updated", row.get("updated", []))):
        for title in titles:
            key = _key_of(retriever, title)
            if key is None:
                continue
            case = retriever.cases[key]
            n = _changed(retriever, prev, key)[0] if label_en == "updated" else 0
            cites.append(_cite(case, len(cites) + 1, n))
        lines.append(f"{label_ja} {len(titles)}件: {'、'.join(titles) or 'なし'}" if ja else
                     f"{label_en} ({len(titles)}): {', '.join(titles) or 'none'}")
    removed = row.get("removed", [])
    if removed:
        lines.append(f"削除 {len(removed)}件: {'、'.join(removed)}（現在の記事にはありません）" if ja else
                     f"removed ({len(removed)}): {', '.join(removed)} (no longer in the article)")
    else:
        lines.append("削除 0件: なし" if ja else "removed (0): none")
    heading = (head_ja + "次のとおり変わりました。\n" if ja else head_en + "\n") + "\n".join(lines)
    kind = "list" if cites else "none"
    related = tuple({"case": t, "status": "removed"} for t in removed)
    return Answer(q.text, render(q.text, kind, cites, q.lang, heading=heading, as_of=as_of),
                  tuple(cites), related, q.lang, kind, as_of)


def _one_case(retriever, q, key, row, prev, renamed, as_of) -> Answer:
    case = retriever.cases[key]
    ja = q.lang == "ja"
    if case.title in row.get("added", []):
        heading = (f"{case.title}は、この版【{row.get('as_of', '')}】で新しく追加された事例です。" if ja else
                   f"{case.title} is new in this version 【{row.get('as_of', '')}】.")
        cites = [_cite(case, 1, 0)]
    elif case.title in row.get("updated", []):
        changed = _changed(retriever, prev, key)
        old = _old_sentences(retriever, prev, key) or []
        was = f"（見出しは前の版で「{renamed[case.title]}」）" if case.title in renamed else ""
        before = version_names(row, prev, ja)[1]
        lines = [f"{case.title}の事例は、前の版{before}から次の文が変わりました{was}。" if ja else
                 f"What changed in {case.title}'s case since the previous version {before}:"]
        cites = []
        for n in changed:
            replaced = difflib.get_close_matches(case.sentences[n], old, n=1, cutoff=0.3)
            cites.append(_cite(case, len(cites) + 1, n))
            if replaced:
                lines.append(f"[{len(cites)}] 前:「{replaced[0]}」" if ja else f"[{len(cites)}] was: 「{replaced[0]}」")
        heading = "\n".join(lines)
    else:
        heading = (f"{case.title}の事例は、前の版から変わっていません。" if ja else
                   f"{case.title}'s case has not changed since the previous version.")
        cites = []
    kind = "fact" if cites else "none"
    return Answer(q.text, render(q.text, kind, cites, q.lang, heading=heading, as_of=as_of),
                  tuple(cites), (), q.lang, kind, as_of)


def _changed(retriever, prev, key: str) -> list[int]:
    """Indexes of the case's sentences that are new or edited since the previous version."""
    case = retriever.cases[key]
    old = _old_sentences(retriever, prev, key)
    if old is None:
        return [0]
    kept = set(old)
    return [n for n, s in enumerate(case.sentences) if s not in kept] or [0]


def _cite(case, marker: int, n: int) -> Citation:
    return Citation(marker, case.title, case.id, case.region, case.level, case.prefecture,
                    case.sentences[n], 0.0, case.source, n)


__all__ = ["is_version_question", "version_answer", "version_names"]
