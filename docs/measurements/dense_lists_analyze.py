"""The numbers of dense_lists.md from dense_lists_collect.py's output (comma-separated files):

    python docs/measurements/dense_lists_analyze.py a.jsonl,b.jsonl --within --lr --sim --fillgrid --cc

cal = questions.jsonl and open_lists 1-12, chk = every other file."""
import os
import json, re, sys, unicodedata
import numpy as np
from collections import defaultdict
rows, seen = [], set()
for fn in sys.argv[1].split(","):
    for l in open(fn):
        d = json.loads(l)
        if (d["set"], d["id"]) not in seen:
            seen.add((d["set"], d["id"])); rows.append(d)
N = lambda s: unicodedata.normalize("NFKC", s)
def half(r):
    m = re.search(r"open_lists(\d*)\.jsonl", r["set"])
    if r["set"].endswith("questions.jsonl"): return "cal"
    if m: return "cal" if int(m.group(1) or 1) <= 12 else "chk"
    return "chk"
def feats(r):
    cs = [c for c in r["cases"].values() if c["inscope"]] or list(r["cases"].values())
    cos = np.array([c["cos"] for c in cs]); top = cos.max(); mu, sd = cos.mean(), cos.std() + 1e-9
    order = np.argsort(-cos); rank = np.empty(len(cs), int); rank[order] = np.arange(len(cs))
    gold = {N(g) for g in r["gold"]}
    out = []
    for i, c in enumerate(cs):
        out.append(dict(cos=c["cos"], gap=top - c["cos"], z=(c["cos"] - mu) / sd, rank=rank[i], lex=c["lex"],
                        lex_at=c["lex_at"], cos_at_lex=c["cos_at_lex"], gold=N(c["title"]) in gold, title=N(c["title"]),
                        cited=N(c["title"]) in {N(x) for x in r["cited"]}))
    return out
for r in rows: r["f"] = feats(r); r["h"] = half(r)
def auc(pos, neg):
    pos, neg = np.array(pos), np.array(neg)
    if not len(pos) or not len(neg): return float("nan")
    allv = np.concatenate([pos, neg]); ranks = allv.argsort().argsort() + 1
    return (ranks[:len(pos)].sum() - len(pos) * (len(pos) + 1) / 2) / (len(pos) * len(neg))
print("titles missing from cases:", sum(1 for r in rows for g in r["gold"] if N(g) not in {f["title"] for f in r["f"]}))
for h in ("cal", "chk"):
    L = [r for r in rows if r["h"] == h and r["type"] == "list" and r["gold"]]
    print(f"== {h}: list questions {len(L)}, none questions {sum(1 for r in rows if r['h']==h and r['type']=='none')}")
    for k in ("cos", "z", "gap", "rank", "lex", "lex_at"):
        pos = [f[k] for r in L for f in r["f"] if f["gold"]]; neg = [f[k] for r in L for f in r["f"] if not f["gold"]]
        a = auc(pos, neg); a = a if k not in ("gap", "rank") else 1 - a
        print(f"  AUC {k:7s} {a:.3f}  gold median {np.median(pos):.3f}  non-gold median {np.median(neg):.3f}")

def metrics(R, pick):
    rec, prec, ab, fab = [], [], [], []
    for r in R:
        got = pick(r); gold = {N(g) for g in r["gold"]}
        if r["type"] == "none":
            ab.append(not got)
        elif gold:
            rec.append(len(got & gold) / len(gold)); prec.append(len(got & gold) / len(got) if got else 0.0)
            fab.append(not got)
    m = lambda x: sum(x) / len(x) if x else float("nan")
    return m(rec), m(prec), m(ab), m(fab), len(rec), len(ab)
base = lambda r: {N(x) for x in r["cited"]}
def rule(g, l, mode="at"):
    def sel(r):
        out = set()
        for f in r["f"]:
            if mode == "at" and f["gap"] <= g and f["lex_at"] >= l: out.add(f["title"])
            if mode == "lex" and (f["cos"] + f["gap"] - f["cos_at_lex"]) <= g and f["lex"] >= l: out.add(f["title"])
        return out
    return sel
def report(name, pick):
    for h in ("cal", "chk"):
        R = [r for r in rows if r["h"] == h]
        b = metrics(R, base); a = metrics(R, pick)
        print(f"  {name:34s} {h}: rec {b[0]:.3f}->{a[0]:.3f} prec {b[1]:.3f}->{a[1]:.3f} abst(none) {b[2]:.3f}->{a[2]:.3f} falseabst {b[3]:.3f}->{a[3]:.3f}  n={a[4]}/{a[5]}")
if __name__ == "__main__" and "--sim" in sys.argv:
    for g in (0.0, 0.01, 0.02, 0.03):
        for l in (0.3, 0.4, 0.5):
            for mode in ("at", "lex"):
                R_ = rule(g, l, mode)
                report(f"fill-empty g{g} l{l} {mode}", lambda r, R_=R_: base(r) or (R_(r) if r["intent"] in ("list","count") else set()))
                report(f"add g{g} l{l} {mode}", lambda r, R_=R_: base(r) | (R_(r) if base(r) else set()))

if __name__ == "__main__" and "--lr" in sys.argv:
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score
    sets = {"lex": ["lex", "lex_at"], "dense": ["cos", "gap", "z", "rank"], "lex+dense": ["lex", "lex_at", "cos", "gap", "z", "rank", "cos_at_lex"]}
    def XY(R, ks):
        X = [[f[k] if k != "rank" else np.log1p(f[k]) for k in ks] for r in R for f in r["f"]]
        y = [f["gold"] for r in R for f in r["f"]]
        return np.array(X), np.array(y)
    L = lambda h: [r for r in rows if r["h"] == h and r["type"] == "list" and r["gold"]]
    for name, ks in sets.items():
        X, y = XY(L("cal"), ks); m = LogisticRegression(max_iter=1000).fit(X, y)
        Xc, yc = XY(L("chk"), ks)
        print(f"LR {name:10s} AUC cal {roc_auc_score(y, m.predict_proba(X)[:,1]):.3f} chk {roc_auc_score(yc, m.predict_proba(Xc)[:,1]):.3f}  coef {np.round(m.coef_[0],2)}")
        for t in (0.3, 0.5, 0.7):
            def pick(r, m=m, ks=ks, t=t):
                X = np.array([[f[k] if k != "rank" else np.log1p(f[k]) for k in ks] for f in r["f"]])
                p = m.predict_proba(X)[:, 1]
                return {f["title"] for f, pp in zip(r["f"], p) if pp >= t}
            report(f"  LR {name} only, p>={t}", pick)

if __name__ == "__main__" and "--empty" in sys.argv:
    for h in ("cal", "chk"):
        print("=====", h)
        for r in rows:
            if r["h"] != h or r["cited"] or r["intent"] not in ("list", "count"): continue
            fs = sorted(r["f"], key=lambda f: f["gap"])
            tag = "NONE" if r["type"] == "none" else ("LIST" if r["gold"] else "?")
            g = [f for f in fs if f["gold"]]
            print(tag, r["id"], r["q"][:60], "| none:", r["none"], "| ncontent", r["ncontent"])
            for f in fs[:4]:
                print(f"     top  {'G' if f['gold'] else ' '} {f['title'][:10]:10s} gap {f['gap']:.3f} z {f['z']:.2f} lex_at {f['lex_at']:.2f} lex {f['lex']:.2f} dlex {f['cos']+f['gap']-f['cos_at_lex']:.3f}")
            for f in g[:6]:
                if f in fs[:4]: continue
                print(f"     gold {f['title'][:10]:10s} rank {f['rank']} gap {f['gap']:.3f} z {f['z']:.2f} lex_at {f['lex_at']:.2f} lex {f['lex']:.2f} dlex {f['cos']+f['gap']-f['cos_at_lex']:.3f}")

if __name__ == "__main__" and "--drop" in sys.argv:
    for G in (0.01, 0.02, 0.03, 0.05):
        for Lx in (0.2, 0.34, 0.5):
            def pick(r, G=G, Lx=Lx):
                b = base(r)
                if not r["label"] or not b or r["intent"] not in ("list", "count"): return b
                keep = {f["title"] for f in r["f"] if f["title"] in b and (f["gap"] <= G or f["lex"] >= Lx)}
                return keep or b
            report(f"facet-drop gap>{G} & lex<{Lx}", pick)
    for Z in (2.5, 3.0, 3.5):
        for l in (0.0, 0.2, 0.3):
            def pick(r, Z=Z, l=l):
                b = base(r)
                if b or r["intent"] not in ("list", "count"): return b
                fs = sorted(r["f"], key=lambda f: f["gap"])
                return {fs[0]["title"]} if fs[0]["z"] >= Z and fs[0]["lex_at"] >= l and fs[0]["lex_at"] > 0 else set()
            report(f"fill-one z>={Z} lex_at>={l}", pick)

if __name__ == "__main__" and "--within" in sys.argv:
    print("AUC among CITED cases (can dense tell the wrong cited ones?) / among UNCITED (can it find missed gold?)")
    for h in ("cal", "chk"):
        L = [r for r in rows if r["h"] == h and r["type"] == "list" and r["gold"]]
        for part in ("cited", "uncited"):
            F = [f for r in L for f in r["f"] if f["cited"] == (part == "cited")]
            pos = [f for f in F if f["gold"]]; neg = [f for f in F if not f["gold"]]
            s = " ".join(f"{k} {(auc([f[k] for f in pos],[f[k] for f in neg]) if k not in ('gap','rank') else 1-auc([f[k] for f in pos],[f[k] for f in neg])):.3f}"
                         for k in ("cos", "z", "gap", "rank", "lex", "lex_at"))
            print(f"  {h} {part:8s} gold {len(pos):4d} non-gold {len(neg):5d}: {s}")

if __name__ == "__main__" and "--dropall" in sys.argv:
    for G in (0.03, 0.04, 0.05, 0.06, 0.08):
        for Lx in (0.0, 0.34, 0.5, 1.01):
            def pick(r, G=G, Lx=Lx):
                b = base(r)
                if not b or r["intent"] not in ("list", "count"): return b
                keep = {f["title"] for f in r["f"] if f["title"] in b and (f["gap"] <= G or (Lx <= 1 and f["lex"] >= Lx and Lx > 0))}
                return keep or b
            report(f"drop-cited gap>{G} & lex<{Lx}", pick)

if __name__ == "__main__" and "--uncited" in sys.argv:
    print("uncited cases of answered lists: how many a rule would add, and how many of them are gold")
    for h in ("cal", "chk"):
        L = [r for r in rows if r["h"] == h and r["type"] == "list" and r["gold"] and r["cited"]]
        for g in (0.005, 0.01, 0.02):
            for l in (0.3, 0.5, 0.7):
                F = [f for r in L for f in r["f"] if not f["cited"] and (f["gap"] <= g and f["lex_at"] >= l or (f["cos"]+f["gap"]-f["cos_at_lex"]) <= g and f["lex"] >= l)]
                print(f"  {h} gap<={g} lex>={l}: adds {len(F):4d}, gold {sum(f['gold'] for f in F):3d}")

if __name__ == "__main__" and "--persets" in sys.argv:
    by = defaultdict(list)
    for r in rows: by[r["set"].split("/")[-1]].append(r)
    for s in sorted(by):
        m = metrics(by[s], base)
        print(f"  {s:24s} {by[s][0]['h']}: list rec {m[0]:.3f} prec {m[1]:.3f} false-abst {m[3]:.3f} (n {m[4]}) none-abst {m[2]:.3f} (n {m[5]})")

if __name__ == "__main__" and "--emptystats" in sys.argv:
    for h in ("cal", "chk"):
        E = [r for r in rows if r["h"] == h and not r["cited"] and r["intent"] in ("list", "count")]
        fl = [r for r in E if r["type"] == "list" and r["gold"]]; nn = [r for r in E if r["type"] == "none"]
        print(f"== {h}: empty answers to answerable lists {len(fl)}, correctly empty none questions {len(nn)}")
        for name, R in (("false-abst", fl), ("none", nn)):
            top1 = []; goldin = []
            for r in R:
                fs = sorted(r["f"], key=lambda f: f["gap"])
                m2 = fs[1]["gap"] if len(fs) > 1 else 0
                top1.append((fs[0]["z"], m2, fs[0]["lex_at"], max(f["lex"] for f in fs[:5])))
                gr = [f["rank"] for f in fs if f["gold"]]
                goldin.append(min(gr) if gr else 99)
            a = np.array(top1)
            print(f"  {name:10s} top case z median {np.median(a[:,0]):.2f} [p25 {np.percentile(a[:,0],25):.2f}, p75 {np.percentile(a[:,0],75):.2f}]  margin-to-2nd median {np.median(a[:,1]):.3f}  top lex_at>0 {np.mean(a[:,2]>0):.2f}")
            if name == "false-abst":
                g = np.array(goldin); print(f"     best gold case rank: top1 {np.mean(g==0):.2f}, top3 {np.mean(g<3):.2f}, top10 {np.mean(g<10):.2f}")

if __name__ == "__main__" and "--fillgrid" in sys.argv:
    print("fill an empty list with the one nearest case: (lists filled with a gold case / with a wrong case / none questions no longer empty)")
    for Z in (1.5, 2.0, 2.5, 3.0):
        for M in (0.0, 0.005, 0.01, 0.02):
            for l in (0.01, 0.2, 0.34):
                out = []
                for h in ("cal", "chk"):
                    good = bad = lost = 0
                    for r in rows:
                        if r["h"] != h or r["cited"] or r["intent"] not in ("list", "count"): continue
                        fs = sorted(r["f"], key=lambda f: f["gap"])
                        if len(fs) < 2: continue
                        t = fs[0]
                        if t["z"] >= Z and fs[1]["gap"] >= M and t["lex_at"] >= l:
                            if r["type"] == "none": lost += 1
                            elif t["gold"]: good += 1
                            else: bad += 1
                    out.append(f"{h} +{good:2d} gold / {bad:2d} wrong / {lost:2d} none lost")
                print(f"  z>={Z} margin>={M} lex_at>={l}: " + " | ".join(out))

if __name__ == "__main__" and "--nonetop" in sys.argv:
    print("question-level: does the top score tell a no-answer question from an answerable list?")
    for h in ("cal", "chk"):
        R = [r for r in rows if r["h"] == h and r["intent"] in ("list", "count") and (r["type"] == "none" or r["gold"])]
        for k in ("cos", "z", "margin", "lex_at", "lex"):
            v = {True: [], False: []}
            for r in R:
                fs = sorted(r["f"], key=lambda f: f["gap"])
                x = (fs[1]["gap"] if len(fs) > 1 else 0) if k == "margin" else (max(f["lex"] for f in fs) if k == "lex" else fs[0][k])
                v[r["type"] != "none"].append(x)
            print(f"  {h} top {k:6s}: answerable median {np.median(v[True]):.3f}, none median {np.median(v[False]):.3f}, AUC {auc(v[True], v[False]):.3f}  (n {len(v[True])}/{len(v[False])})")

if __name__ == "__main__" and "--cc" in sys.argv:
    cc = {}
    for l in open(os.path.join(os.path.dirname(sys.argv[1].split(",")[0]), "cc.jsonl")):
        d = json.loads(l); cc[(d["set"], d["id"])] = {N(k): v for k, v in d["cc"].items()}
    for r in rows:
        m = cc[(r["set"], r["id"])]; top = max(m[f["title"]] for f in r["f"])
        for f in r["f"]:
            f["cc"] = m[f["title"]]; f["cgap"] = top - f["cc"]
    for h in ("cal", "chk"):
        L = [r for r in rows if r["h"] == h and r["type"] == "list" and r["gold"]]
        for part in ("all", "uncited", "cited"):
            F = [f for r in L for f in r["f"] if part == "all" or f["cited"] == (part == "cited")]
            pos = [f for f in F if f["gold"]]; neg = [f for f in F if not f["gold"]]
            print(f"  {h} {part:8s} AUC centered cos {auc([f['cc'] for f in pos], [f['cc'] for f in neg]):.3f}  (plain gap {1-auc([f['gap'] for f in pos], [f['gap'] for f in neg]):.3f})")
        R = [r for r in rows if r["h"] == h and r["intent"] in ("list", "count") and (r["type"] == "none" or r["gold"])]
        v = {True: [], False: []}; mg = {True: [], False: []}
        for r in R:
            fs = sorted(r["f"], key=lambda f: -f["cc"])
            if len(fs) < 2: continue
            v[r["type"] != "none"].append(fs[0]["cc"]); mg[r["type"] != "none"].append(fs[0]["cc"] - fs[1]["cc"])
        print(f"  {h} question-level top centered cos: answerable {np.median(v[True]):.3f} none {np.median(v[False]):.3f} AUC {auc(v[True], v[False]):.3f}; margin AUC {auc(mg[True], mg[False]):.3f}")
    print("fill an empty list with the one case nearest in centered cosine (gold / wrong / none lost)")
    for T in (0.35, 0.4, 0.45, 0.5):
        for M in (0.0, 0.03, 0.05, 0.07):
            for l in (0.01, 0.2):
                out = []
                for h in ("cal", "chk"):
                    good = bad = lost = 0
                    for r in rows:
                        if r["h"] != h or r["cited"] or r["intent"] not in ("list", "count"): continue
                        fs = sorted(r["f"], key=lambda f: -f["cc"])
                        if len(fs) < 2: continue
                        t = fs[0]
                        if t["cc"] >= T and t["cc"] - fs[1]["cc"] >= M and t["lex"] >= l:
                            if r["type"] == "none": lost += 1
                            elif t["gold"]: good += 1
                            else: bad += 1
                    out.append(f"{h} +{good:2d} gold / {bad:2d} wrong / {lost:2d} none lost")
                print(f"  cc>={T} margin>={M} lex>={l}: " + " | ".join(out))

if __name__ == "__main__" and "--show" in sys.argv:
    for r in rows:
        if r["cited"] or r["intent"] not in ("list", "count"): continue
        fs = sorted(r["f"], key=lambda f: f["gap"])
        if len(fs) < 2: continue
        t = fs[0]
        if t["z"] >= 2.5 and fs[1]["gap"] >= 0.0 and t["lex_at"] >= 0.34:
            tag = "NONE-LOST" if r["type"] == "none" else ("GOLD" if t["gold"] else "WRONG")
            print(f"{r['h']} {tag:9s} z {t['z']:.2f} lex_at {t['lex_at']:.2f} {r['id']} {r['q'][:50]} -> {t['title']} (none: {r['none']})")

if __name__ == "__main__" and "--ablate" in sys.argv:
    import glob, os
    for fn in sorted(glob.glob(os.path.join(os.path.dirname(sys.argv[1].split(",")[0]), "abl_*.jsonl"))):
        alt = {}
        for l in open(fn):
            d = json.loads(l); alt[(d["set"], d["id"])] = {N(x) for x in d["cited"]}
        done = [r for r in rows if (r["set"], r["id"]) in alt]
        name = os.path.basename(fn)[4:-6]
        for h in ("cal", "chk"):
            R = [r for r in done if r["h"] == h]
            if not R: continue
            b = metrics(R, base); a = metrics(R, lambda r: alt[(r["set"], r["id"])])
            changed = sum(base(r) != alt[(r["set"], r["id"])] for r in R)
            print(f"  {name:16s} {h}: rec {b[0]:.3f}->{a[0]:.3f} prec {b[1]:.3f}->{a[1]:.3f} none-abst {b[2]:.3f}->{a[2]:.3f} false-abst {b[3]:.3f}->{a[3]:.3f} (questions changed {changed}, n {a[4]}/{a[5]})")
