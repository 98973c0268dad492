"""Per question, per case: the best centered cosine (the mean sentence direction removed), no bot
run. Same arguments as dense_lists_collect.py; write OUT as cc.jsonl beside its output."""
import json, sys
from dataclasses import replace
from pathlib import Path
import numpy as np
from chatbot.settings import Settings
from chatbot.service import Chatbot
from chatbot.tools.evaluate import load_questions
out = open(sys.argv[1], "w")
base = Settings.from_env(data_dir=Path("/tmp/dm-s14dense"))
bot = Chatbot(base); bots = {"": bot}
for f in sys.argv[2:]:
    qs = load_questions(Path(f)); art = qs[0].get("article", "")
    if art not in bots:
        bots[art] = Chatbot(replace(base, data_dir=Path("/tmp/dm-s14dense-art") / Path(art).stem), embeddings=bot.embeddings)
    r = bots[art].retriever()
    ids = [p.id for p in r.passages]; vec = r.index.vectors(ids)
    M = np.stack([np.asarray(vec[i], dtype=np.float32) for i in ids])
    ok = np.array([p.n not in r.instructions(r._keys[i]) for i, p in enumerate(r.passages)])
    mu = M[ok].mean(0); C = M - mu; C /= np.linalg.norm(C, axis=1, keepdims=True)
    keys = r._keys
    for q in qs:
        if q["type"] not in ("list", "none") or q["history"]: continue
        v = np.asarray(r.embed(q["question"]), dtype=np.float32); vc = v - mu; vc /= np.linalg.norm(vc)
        s = C @ vc; best = {}
        for i in np.flatnonzero(ok):
            k = keys[i]
            if s[i] > best.get(k, -9): best[k] = float(s[i])
        out.write(json.dumps({"set": f, "id": q.get("id"), "cc": {r.cases[k].title: x for k, x in best.items()}}, ensure_ascii=False) + "\n")
