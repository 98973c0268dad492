"""Answer every TUNING question (tests/qa/questions.jsonl + tests/qa/tune/*.jsonl) and write one
JSON line per question: set, id, type, gold, detail, question, history, the cited cases with
`why`, kind, understood_as, answer text (first 400 chars), and per-question scores
(recall/precision for lists, hit1/text for facts, abstained).
usage: CHATBOT_DATA_DIR=INDEX PYTHONPATH=TREE python docs/measurements/split_half_dump.py TREE OUT.jsonl
       [set-name substrings to restrict]
Only tuning sets: never point it at held-out files. Score with split_half_score.py.
See split_half.md for the method."""
import json, sys, tempfile, unicodedata
from pathlib import Path

from tuning_sets import tuning_sets

tree, out = Path(sys.argv[1]), sys.argv[2]
filters = sys.argv[3:]
nf = lambda s: unicodedata.normalize("NFKC", s)
with tempfile.TemporaryDirectory() as tmp, open(out, "w") as fh:
    for f, qs, b in tuning_sets(tree, tmp, filters):
        for i, q in enumerate(qs):
            a = b.ask(q["question"], history=q["history"])
            cited = [c.case for c in a.citations]
            row = {"set": f.name, "i": i, "id": q.get("id", ""), "part": q.get("part", ""),
                   "type": q["type"], "gold": q["gold"], "detail": q["detail"],
                   "question": q["question"], "history": q["history"],
                   "cited": [[c.case, c.why, c.passage[:80]] for c in a.citations],
                   "kind": a.kind, "understood_as": a.understood_as, "text": a.text[:400]}
            gold = set(q["gold"]); cs = set(cited)
            row["abstained"] = not cited
            if q["type"] in ("list", "count"):
                row["recall"] = len(gold & cs) / len(gold) if gold else None
                row["precision"] = len(gold & cs) / len(cs) if cs else 0.0
            elif q["type"] == "fact":
                row["hit1"] = bool(cited) and cited[0] in gold
                txt = nf(a.text + "\n" + " ".join(c.passage for c in a.citations[:3]))
                row["text_ok"] = (not q["detail"]) or any(nf(d) in txt for d in q["detail"])
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        fh.flush()
        print(f.name, len(qs), flush=True)
