"""Fit the learned answer-or-abstain decision (`abstain_model.py`; not wired into the answers) on half A of the
features abstain_features.py wrote, and show its effect on both halves computed from the features
(no re-run). For a question the rules leave without a case but with related cases, the related
case nearest in meaning is listed when the model's probability reaches the threshold. The model
is a logistic regression over `abstain_model.MODEL` (fitted on standardized features, balanced classes,
folded back into coefficients of the raw features, which the runtime applies as they are); the
label is "that case is gold". The threshold is chosen on half A alone: the lowest of the grid at
which no no-case question of half A is answered. Half B is only scored, never fitted.
usage: python docs/measurements/abstain_fit.py FEATURES.jsonl[,RELATED.jsonl] [C]
(RELATED.jsonl: a dump restricted to the questions that have related cases, with newer features;
the full dump gives the denominators)"""
import json
import sys

import numpy as np
from sklearn.linear_model import LogisticRegression

from abstain_model import MODEL, nearest_of, probability

paths = sys.argv[1].split(",")
rows = [json.loads(line) for line in open(paths[0], encoding="utf-8")]
if len(paths) > 1:
    newer = {(r["set"], r["i"]): r for r in map(json.loads, open(paths[1], encoding="utf-8"))}
    rows = [newer.get((r["set"], r["i"]), r) for r in rows]
C = float(sys.argv[2]) if len(sys.argv) > 2 else 1.0
GRID = [0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95]


def asked(half):
    """The questions of a half the decision applies to: no case found, related cases offered."""
    return [r for r in rows if r["half"] == half and r.get("cands") and not r["keys"]]


def chosen(r):
    """The related case the decision would list: (features, gold?)."""
    return nearest_of([(x, g) for x, g in r["cands"]], lambda c: c[0])


def matrix(half):
    xs = [[float(chosen(r)[0][f]) for f in MODEL] for r in asked(half)]
    ys = [int(r["type"] != "none" and chosen(r)[1]) for r in asked(half)]
    return np.array(xs), np.array(ys)


X, y = matrix("A")
mu, sd = X.mean(axis=0), X.std(axis=0) + 1e-9
model = LogisticRegression(C=C, max_iter=5000, class_weight="balanced").fit((X - mu) / sd, y)
w = model.coef_[0] / sd
coef = (float(model.intercept_[0] - (w * mu).sum()),) + tuple(float(c) for c in w)
print(f"questions A {len(y)} (the nearest related case gold: {int(y.sum())}); features {MODEL}")
print("coefficients", tuple(round(c, 3) for c in coef))


def effect(half, t):
    rs = [r for r in rows if r["half"] == half]
    lists = [r for r in rs if r["type"] in ("list", "count") and r["gold"]]    # as split_half_score
    nones = [r for r in rs if r["type"] == "none"]
    d_rec = d_prec = 0.0
    gained = wrong = lost = 0
    for r in asked(half):
        x, gold = chosen(r)
        if probability(coef, x) < t:
            continue
        if r["type"] == "none":
            lost += 1
        elif r["gold"]:
            d_rec += gold / len(r["gold"])
            d_prec += gold
            gained += gold
            wrong += not gold
    return {"recall": d_rec / len(lists), "precision": d_prec / len(lists), "gained": gained,
            "wrong": wrong, "none_lost": lost, "none_rate": -lost / len(nones)}


picked = None
for t in GRID:
    a, b = effect("A", t), effect("B", t)
    print(f"t={t}: " + "  ".join(f"{h} recall +{e['recall']:.4f} precision +{e['precision']:.4f} "
                                 f"({e['gained']} lists gain a gold case, {e['wrong']} a wrong one; "
                                 f"{e['none_lost']} no-case questions answered, rate {e['none_rate']:.4f})"
                                 for h, e in (("A", a), ("B", b))))
    if picked is None and a["none_lost"] == 0 and a["gained"] > 0:
        picked = t
print("threshold chosen on A:", picked)
