"""`chatbot ingest` in words: what an ingest published (or, dry, would publish), case by case, with
each added case's facets, each updated case's changed sentences and the sentences no facet reads
(「知識ファイルにない話題」; see `ingest.review`)."""
from __future__ import annotations

NOT_IN_KNOWLEDGE = "知識ファイルにない話題"
_SHOWN = 80          # characters of a sentence shown on one line


def _short(sentence: str) -> str:
    return sentence if len(sentence) <= _SHOWN else sentence[:_SHOWN - 1] + "…"


def ingest_lines(report: dict, dry_run: bool = False) -> list[str]:
    """The report of `chatbot ingest` (``IngestReport.to_dict()``) as lines of text."""
    as_of = f", as of 【{report['as_of']}】" if report.get("as_of") else ""
    counts = (f"+{len(report['added'])} added, ~{len(report['updated'])} updated, "
              f"-{len(report['removed'])} removed, {report['unchanged']} unchanged")
    changed = report["added"] or report["updated"] or report["removed"]
    if not changed and (dry_run or not report.get("version")):
        lines = [f"no change: {report['cases']} cases in the index{as_of} ({report['seconds']:.1f} s)"]
    elif dry_run:
        lines = [f"dry run, nothing written: ingesting would leave {report['cases']} cases{as_of} ({counts})"]
    else:
        lines = [f"published version {report['version']}: {report['cases']} cases{as_of} ({counts}; "
                 f"{report['embedded']} passages embedded in {report['seconds']:.1f} s)"]
    renamed = {r["to"]: r["from"] for r in report.get("renamed", [])}
    review = {c["case"]: c for c in report.get("changes", [])}
    for label, titles in (("added", report["added"]), ("updated", report["updated"]),
                          ("removed", report["removed"])):
        for t in titles:
            was = f" (was {renamed[t]})" if label == "updated" and t in renamed else ""
            case = review.get(t) if label != "removed" else None
            facets = f"  [{', '.join(f['ja'] for f in case['facets'])}]" if case and label == "added" else ""
            lines.append(f"  {label}: {t}{was}{facets}")
            lines += _case_lines(case) if case else []
    if sum(len(c["uncovered"]) for c in review.values()):
        lines.append(f"  ({NOT_IN_KNOWLEDGE}: no facet of the knowledge files reads these sentences; they "
                     "are answered from their own words all the same)")
    lines += [f"  skipped (no cases): {s}" for s in report.get("skipped", [])]
    # never evidence; the administrator should look at them
    lines += [f"  instruction, not evidence: {found['case']}: 「{found['text']}」"
              for found in report.get("instructions", [])]
    return lines


def _case_lines(case: dict) -> list[str]:
    lines = [f"      - {_short(e['old'])}\n      + {_short(e['new'])}" if e["old"] and e["new"] else
             f"      - {_short(e['old'])}" if e["old"] else f"      + {_short(e['new'])}"
             for e in case.get("edits", [])]
    if case["new_topic"]:
        lines.append(f"      {NOT_IN_KNOWLEDGE}: no facet but its stage reads this case")
    lines += [f"      {NOT_IN_KNOWLEDGE}: {_short(s)}" for s in case["uncovered"]]
    return lines


_LIST_MAX = 12


def version_lines(rows: list[dict]) -> list[str]:
    """`chatbot versions` as lines of text: each ingest, `*` on the one served."""
    lines = []
    for r in rows:
        label = r["version"] or "(no change)"
        mark = "*" if r["current"] else " "
        as_of = " / ".join(f"【{a['version']}】" for a in r.get("articles", []) if a.get("version"))
        lines.append(f"{mark} {r['time']}  {label:22}  {r['cases']:3d} cases  +{len(r['added'])} "
                     f"~{len(r['updated'])} -{len(r['removed'])} ={r['unchanged']}  "
                     f"embedded {r.get('embedded', 0)}  {as_of}")
        lines.append(f"      from: {', '.join(r.get('sources', []))}")
        renamed = {x["to"]: x["from"] for x in r.get("renamed", [])}
        for sign, key in (("+", "added"), ("~", "updated"), ("-", "removed")):
            for t in r[key][:_LIST_MAX]:
                was = f" (was {renamed[t]})" if key == "updated" and t in renamed else ""
                lines.append(f"      {sign} {t}{was}")
            if len(r[key]) > _LIST_MAX:
                lines.append(f"      {sign} ... and {len(r[key]) - _LIST_MAX} more (see --json)")
    return lines
