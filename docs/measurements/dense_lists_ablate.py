"""Ablation of the dense rules the pipeline already has: the answers with one of them switched
off (no_nearest, no_centered, no_nearest_one, no_with_nearest, no_list_dense).

    PYTHONPATH=. HF_HUB_OFFLINE=1 python docs/measurements/dense_lists_ablate.py VARIANT abl_VARIANT.jsonl FILES...

Write abl_*.jsonl beside dense_lists_collect.py's output; dense_lists_analyze.py --ablate reads them."""
import json, sys
from dataclasses import replace
from pathlib import Path
import chatbot.qa.evidence as ev
from chatbot.settings import Settings
from chatbot.service import Chatbot
from chatbot.tools.evaluate import load_questions
variant, out = sys.argv[1], open(sys.argv[2], "w")
if variant == "no_nearest": ev.by_nearest = lambda *a, **k: None
if variant == "no_centered": ev.by_centered = lambda *a, **k: None
if variant == "no_nearest_one": ev.by_nearest_one = lambda *a, **k: None
if variant == "no_with_nearest": ev.with_nearest = lambda r, s, found: found
base = Settings.from_env(data_dir=Path("/tmp/dm-s14dense"))
bot = Chatbot(base); bots = {"": bot}
for f in sys.argv[3:]:
    qs = load_questions(Path(f)); art = qs[0].get("article", "")
    if art not in bots:
        bots[art] = Chatbot(replace(base, data_dir=Path("/tmp/dm-s14dense-art") / Path(art).stem), embeddings=bot.embeddings)
    b = bots[art]
    if variant == "no_list_dense":
        r = b.retriever(); r.policy = replace(r.policy, list_dense=1.01)
    for q in qs:
        if q["type"] not in ("list", "none") or q["history"]: continue
        ans = b.ask(q["question"])
        out.write(json.dumps({"set": f, "id": q.get("id"), "cited": list(dict.fromkeys(c.case for c in ans.citations))}, ensure_ascii=False) + "\n")
