"""Features of the answer-or-abstain decision for every single TUNING question of type list, count
or none (no history), taken where `chatbot.qa.evidence.gather` decides: the evidence found (its
source, how many cases, the quoted sentences' lexical share and cosine), the question (content
groups, share in words no case writes, reading, facet named, the scope's nearest cosine) and, when
no case answers, each related case's features (`abstain_model.candidates`) with its
label (gold or not). One JSON line per question; fit with abstain_fit.py on half A only.
usage: CHATBOT_DATA_DIR=INDEX PYTHONPATH=TREE python docs/measurements/abstain_features.py TREE OUT.jsonl
Only tuning sets: never point it at held-out files."""
import hashlib, json, sys, tempfile
from pathlib import Path

from abstain_model import candidates
from tuning_sets import tuning_sets
from chatbot.qa.evidence import gather
from chatbot.qa.evidence.support import unwritten
from chatbot.qa.read import read
from chatbot.qa.retrieve import Filters
from chatbot.qa.scope import resolve

half = lambda q: "A" if int(hashlib.md5(q.encode()).hexdigest(), 16) % 2 == 0 else "B"
tree, out = Path(sys.argv[1]), sys.argv[2]
# (a previous dump given: only the questions it found related cases for, to try new features fast)
only = {(r["set"], r["i"]) for r in map(json.loads, open(sys.argv[3])) if "cands" in r} if len(sys.argv) > 3 else None
with tempfile.TemporaryDirectory() as tmp, open(out, "w") as fh:
    for f, qs, bot in tuning_sets(tree, tmp):
        r = bot.retriever()
        for i, q in enumerate(qs):
            if q["history"] or q["type"] not in ("list", "count", "none") or only is not None and (f.name, i) not in only:
                continue
            scoped = resolve(r, read(r, q["question"].strip(), Filters(), None))
            found = gather(r, scoped)
            title = {k: c.title for k, c in r.cases.items()}
            gold = set(q["gold"])
            row = {"set": f.name, "i": i, "question": q["question"], "half": half(q["question"]),
                   "type": q["type"], "gold": q["gold"], "none": found.none, "source": found.source,
                   "keys": [title[k] for k in found.keys if k in title],
                   "quotes": [[found.reasons[k].lexical, found.reasons[k].dense] for k in found.keys
                              if k in found.reasons],
                   "why": [found.why.get(k, "") for k in found.keys],
                   "related": [title[k] for k in found.related]}
            if found.related:      # where the learned decision applies (`gather`)
                row["cands"] = [[x, title[qt.key] in gold] for x, qt in
                                candidates(r, scoped, found.related, unwritten(r, scoped))]
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        fh.flush()
        print(f.name, len(qs), flush=True)
