"""What an update brings, for the administrator who applies it: for each added or updated case,
its facets (read with the knowledge files the ingest uses), the sentences an update changed
(old → new), and the sentences no facet reads — topics the knowledge files do not name
(「知識ファイルにない話題」).

Only reported, never used: a case is answered from its own sentences whether or not a facet
names its topic, so nobody has to edit a knowledge file for next month's article to be answered.
The adoption stage (検討 / 試験導入 / 本格導入) says how far a case got, not what it is about: a
sentence only a stage reads (「市立図書館の業務に…試験的に導入しました。」) counts as uncovered, and
a case only a stage reads is a new topic.
"""
from __future__ import annotations

import difflib
from typing import Callable, Iterable, Sequence

from core.cases import Case
from core.facets import extract_facets
from core.knowledge import Taxonomy


def sentence_edits(old: Sequence[str], new: Sequence[str]) -> list[dict]:
    """The sentences that changed, in order: ``{"old", "new"}``, "" on one side for a sentence
    added or dropped."""
    out = []
    matcher = difflib.SequenceMatcher(a=list(old), b=list(new), autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        was, now = list(old[i1:i2]), list(new[j1:j2])
        for k in range(max(len(was), len(now))):
            out.append({"old": was[k] if k < len(was) else "", "new": now[k] if k < len(now) else ""})
    return out


def _topical(sentences: Sequence[str], tax: Taxonomy) -> list:
    stages = set(tax.stages)
    return [h for h in extract_facets(sentences, tax) if h.key not in stages]


def uncovered(sentences: Iterable[str], tax: Taxonomy) -> list[str]:
    """The sentences no facet but a stage reads, each read on its own."""
    return [s for s in sentences if not _topical([s], tax)]


def case_review(case: Case, change: str, tax: Taxonomy, old: Sequence[str] | None = None,
                was: str = "") -> dict:
    """One added or updated case as the administrator sees it before applying.

    Args:
        change: "added" or "updated".
        old: the sentences the served version has for it (updated cases).
        was: its heading in the served version when the update renamed it.

    Returns:
        ``{"case", "change", "facets": [{"key", "ja", "en"}], "new_topic": no facet but its stage
        reads it, "uncovered": its sentences (of an update: the new or edited ones) no facet
        reads}``; an updated case adds ``"edits": [{"old", "new"}]`` and, if renamed, ``"was"``.
    """
    by_key = tax.by_key
    hits = extract_facets(case.sentences, tax)
    out = {"case": case.title, "change": change,
           "facets": [{"key": h.key, "ja": by_key[h.key].ja, "en": by_key[h.key].en} for h in hits],
           "new_topic": not _topical(case.sentences, tax)}
    if change == "added":
        return {**out, "uncovered": uncovered(case.sentences, tax)}
    edits = sentence_edits(old or (), case.sentences)
    out["uncovered"] = uncovered((e["new"] for e in edits if e["new"]), tax)
    out["edits"] = edits
    if was:
        out["was"] = was
    return out


def review(plans: Sequence, table: dict, renamed: list[dict],
           old_sentences: Callable[[], dict], tax: Taxonomy) -> list[dict]:
    """`case_review` of every added and updated case of an ingest, in article order.

    Args:
        plans: the ingest's cases, each with ``article``, ``case``, ``status`` and ``key``.
        table: the served version's case table, {(article id, case id): row with ``title``}.
        renamed: the diff's ``{"from", "to"}`` headings.
        old_sentences: ``f() -> {(article id, case id): sentences}`` of the served version,
            called only when a case was updated.
    """
    changed = [p for p in plans if p.status in ("added", "updated")]
    old = old_sentences() if any(p.status == "updated" for p in changed) else {}
    was_of = {r["to"]: r["from"] for r in renamed}
    by_title = {(aid, row["title"]): cid for (aid, cid), row in table.items()}
    out = []
    for p in changed:
        was = was_of.get(p.case.title, "")
        key = (p.article.id, by_title.get((p.article.id, was))) if was else p.key
        out.append(case_review(p.case, p.status, tax, old.get(key), was))
    return out


__all__ = ["case_review", "review", "sentence_edits", "uncovered"]
