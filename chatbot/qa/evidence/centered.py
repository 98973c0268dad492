"""A list the words left empty, answered by the one sentence that stands out in meaning.

e5-small's cosines are flat (every sentence of the article is 0.75–0.90 from any question about
it), so the nearest sentence is rarely far ahead of the next. With the mean direction of the
index's sentences removed (centered), what all of them share no longer counts: a question
that paraphrases one sentence (「手がかり集めや事務の手伝いに限って」 for 「事務作業の補助やヒント集めに
限り」, 「デジタル化の計画を自分たちで作って」 for 「日光市デジタル戦略」を策定) then finds it clearly ahead
of every other case's.

Only such a clear winner answers, and only when it also holds one of the question's nouns: a
question about what the article lacks (「情報漏えい事故が実際に起きた」, 「水道料金の問い合わせ」) has a
centered winner too, but not that far ahead, or none of its words in it (`by_centered`).
"""
from __future__ import annotations

import numpy as np

from chatbot.qa.evidence.context import content
from chatbot.qa.evidence.found import Found
from chatbot.qa.evidence.sentences import Quote, SentenceVectors
from chatbot.qa.evidence.support import case_weights, rows_holding
from chatbot.qa.scope import Scoped

_SAMPLE = 20_000     # sentences the mean direction is estimated from (evenly spread)
_PAGE = 1000


def by_centered(retriever, scoped: Scoped) -> Found | None:
    """The case whose sentence is nearest to the question once the sentences' mean direction is
    removed, when it is ahead of every other case's by ``policy.centered_gap`` and holds a
    content word of the question that is not a verb; None otherwise."""
    r, request = retriever, scoped.request
    if not request.vector:
        return None
    weighted = case_weights(r, content(scoped), request.words.verbs)
    nouns = [(g, w) for g, w in weighted if not set(g) <= request.words.verbs]
    total = sum(w for _, w in weighted)
    if not nouns or not total:
        return None
    in_scope = r.lexical.rows_of(scoped.keys(r))
    worded = np.zeros(len(in_scope), dtype=bool)
    for g, _ in nouns:
        worded[rows_holding(r, g)] = True
    worded &= in_scope
    # the sentences to compare: those holding a noun of it and the nearest in plain cosine
    near = np.zeros(len(in_scope), dtype=bool)
    near[r.nearest_rows(request.vector, in_scope)] = True
    rows = [row for row in np.flatnonzero(in_scope & (worded | near)).tolist()
            if r.passage(row)[1] not in r.instructions(r.passage(row)[0])]
    if len(rows) < 2:
        return None
    sims = _centered(r, rows, request.vector)
    order = sorted(range(len(rows)), key=lambda i: -sims[i])
    top = rows[order[0]]
    key = r.passage(top)[0]
    rival = next((sims[i] for i in order if r.passage(rows[i])[0] != key), None)
    if rival is None or sims[order[0]] - rival < r.policy.centered_gap or not worded[top]:
        return None
    _, n, text = r.passage(top)
    held = [t for g, _ in weighted if top in set(rows_holding(r, g).tolist()) for t in g]
    lexical = sum(w for g, w in weighted if set(g) & set(held)) / total
    quote = Quote(key, n, text, lexical, 0.0, lexical, float(sims[order[0]]))
    return Found(scoped, "support", (key,), {key: [quote]}, {key: quote},
                 {key: "words:" + ",".join(dict.fromkeys(held))})


def _centered(retriever, rows: list[int], vector) -> list[float]:
    """Cosine of the question to each sentence, both less the mean m of the sentence vectors:
    (q·v - q·m - v·m + m·m) / (|q - m| |v - m|), from the plain cosines of the question and of
    the mean to each sentence (vectors are normalised)."""
    vectors = retriever.memo("sentence_vectors", lambda: SentenceVectors(retriever.index))
    mean = sentence_mean(retriever)
    mm = float(mean @ mean)
    if not mm:
        return [0.0] * len(rows)
    ids = [retriever.passages[i].id for i in rows]
    to_q = vectors.scores(ids, vector)
    to_mean = vectors.scores(ids, mean)      # v·m / |m|
    q = np.asarray(vector, dtype=np.float32)
    q = q / (np.linalg.norm(q) or 1.0)
    qm = float(q @ mean)
    q_len = np.sqrt(max(1.0 - 2 * qm + mm, 1e-9))
    out = []
    for i in ids:
        if i not in to_q:
            out.append(-1.0)
            continue
        vm = to_mean[i] * np.sqrt(mm)
        v_len = np.sqrt(max(1.0 - 2 * vm + mm, 1e-9))
        out.append(float((to_q[i] - qm - vm + mm) / (q_len * v_len)))
    return out


def sentence_mean(retriever) -> np.ndarray:
    """The version's mean sentence direction, computed once per version (≈1 s at 10,000 cases:
    a served app computes it at start, `Chatbot.warm_up`)."""
    return retriever.memo("sentence_mean", lambda: _mean(retriever))


def _mean(retriever) -> np.ndarray:
    """The mean direction of the version's (normalised) sentence vectors, from an even sample."""
    ids = [p.id for p in retriever.passages]
    ids = ids[::max(1, len(ids) // _SAMPLE)]
    total, count = None, 0
    for start in range(0, len(ids), _PAGE):
        for v in retriever.index.vectors(ids[start:start + _PAGE]).values():
            v = np.asarray(v, dtype=np.float32)
            v = v / (np.linalg.norm(v) or 1.0)
            total = v if total is None else total + v
            count += 1
    return total / count if count else np.zeros(1, dtype=np.float32)


__all__ = ["by_centered", "sentence_mean"]
