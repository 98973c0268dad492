"""Per list / no-answer question of the given tuning files: the bot's answer (`Chatbot.ask`) and,
for every case, its best sentence's e5 cosine and the question's lexical share (see dense_lists.md).

    PYTHONPATH=. HF_HUB_OFFLINE=1 python docs/measurements/dense_lists_collect.py OUT.jsonl FILES...

The main article's index must be in /tmp/dm-s14dense; other articles are ingested under
/tmp/dm-s14dense-art/<stem>."""
import json, sys, time
from dataclasses import replace
from pathlib import Path
import numpy as np
from chatbot.settings import Settings
from chatbot.service import Chatbot, ingest
from chatbot.tools.evaluate import load_questions
from chatbot.qa.read import read
from chatbot.qa.scope import resolve
from chatbot.qa.evidence import gather
from chatbot.qa.retrieve import Filters
from chatbot.qa.evidence.context import content
from chatbot.qa.evidence.sentences import weights, weighted_share, sentence_words

out = open(sys.argv[1], "w")
files = sys.argv[2:]
base = Settings.from_env(data_dir=Path("/tmp/dm-s14dense"))
bot = Chatbot(base)
bots = {"": bot}
mats = {}

def matrix(b):
    r = b.retriever()
    if id(r) not in mats:
        ids = [p.id for p in r.passages]
        vec = r.index.vectors(ids)
        M = np.stack([np.asarray(vec[i], dtype=np.float32) for i in ids])
        keys = np.array(r._keys)
        ok = np.array([p.n not in r.instructions(r._keys[i]) for i, p in enumerate(r.passages)])
        mats[id(r)] = (M, keys, ok)
    return mats[id(r)]

for f in files:
    qs = load_questions(Path(f))
    art = qs[0].get("article", "")
    if art not in bots:
        s = replace(base, data_dir=Path("/tmp/dm-s14dense-art") / Path(art).stem)
        if not (s.data_dir).exists():
            ingest(Path(art), s, embeddings=bot.embeddings)
        bots[art] = Chatbot(s, embeddings=bot.embeddings)
    b = bots[art]
    r = b.retriever()
    M, keys, ok = matrix(b)
    for q in qs:
        if q["type"] not in ("list", "none") or q["history"]:
            continue
        t = time.perf_counter()
        ans = b.ask(q["question"])
        cited = list(dict.fromkeys(c.case for c in ans.citations))
        request = read(r, q["question"].strip(), Filters(), None)
        scoped = resolve(r, request)
        found = gather(r, scoped)
        v = np.asarray(request.vector if request.vector else r.embed(q["question"]), dtype=np.float32)
        sims = M @ v
        w = scoped.request.words
        wt = weights(list(w.content + w.missing), r.bm25.idf)
        cases = {}
        scope_keys = set(scoped.keys(r))
        for i in np.flatnonzero(ok):
            k = keys[i]; s = float(sims[i])
            p = r.passages[i]
            lex = weighted_share(wt, sentence_words(r, k, p.n)) if wt else 0.0
            c = cases.setdefault(k, {"title": r.cases[k].title, "cos": -1, "n": -1, "lex_at": 0, "lex": 0, "cos_at_lex": -1,
                                     "inscope": k in scope_keys})
            if s > c["cos"]:
                c.update(cos=s, n=int(p.n), lex_at=lex)
            if lex > c["lex"] or (lex == c["lex"] and s > c["cos_at_lex"]):
                c.update(lex=lex, cos_at_lex=s)
        rec = {"set": f, "id": q.get("id"), "q": q["question"], "lang": q.get("lang"), "type": q["type"],
               "gold": q["gold"], "cited": cited, "label": found.label, "none": found.none,
               "found": [r.cases[k].title for k in found.keys if k in r.cases],
               "intent": request.q.intent, "facets": [getattr(x, "key", str(x)) for x in request.q.facets],
               "ncontent": len(w.content), "cases": cases, "sec": time.perf_counter() - t}
        out.write(json.dumps(rec, ensure_ascii=False) + "\n"); out.flush()
