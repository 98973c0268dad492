"""Score answer dumps of the tuning sets (split_half_dump.py) per half: every tuning question is in
half A or B by the MD5 of its text; a change is kept only if it raises its target on A and does not
lower it on B (see split_half.md).
usage: python docs/measurements/split_half_score.py BEFORE.jsonl [AFTER.jsonl]"""
import hashlib
import json
import sys


def half(question: str) -> str:
    return "A" if int(hashlib.md5(question.encode()).hexdigest(), 16) % 2 == 0 else "B"


def mean(xs):
    return round(sum(xs) / len(xs), 4) if xs else None


def scores(path: str) -> dict:
    rows = [json.loads(line) for line in open(path, encoding="utf-8")]
    out = {}
    for conv in (False, True):
        for h in "AB":
            rs = [r for r in rows if bool(r["history"]) == conv and half(r["question"]) == h]
            lists = [r for r in rs if r["type"] in ("list", "count") and r.get("recall") is not None]
            facts = [r for r in rs if r["type"] == "fact"]
            answerable = [r for r in rs if r["type"] in ("list", "count", "fact")]
            out[f"{'conversation' if conv else 'single'} {h}"] = {
                "lists": len(lists), "recall": mean([r["recall"] for r in lists]),
                "precision": mean([r["precision"] for r in lists]),
                "facts": len(facts), "hit@1": mean([r["hit1"] for r in facts]),
                "text": mean([r["text_ok"] for r in facts]),
                "none_abstained": mean([r["abstained"] for r in rs if r["type"] == "none"]),
                "false_abstention": mean([r["abstained"] for r in answerable])}
    return out


if __name__ == "__main__":
    runs = [scores(p) for p in sys.argv[1:3]]
    for key in runs[0]:
        parts = []
        for metric, before in runs[0][key].items():
            after = runs[-1][key][metric]
            parts.append(f"{metric} {before}" + (f"→{after}" if after != before else ""))
        print(f"{key}: " + "; ".join(parts))
