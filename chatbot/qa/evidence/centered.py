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

import re
from dataclasses import replace

import numpy as np

from chatbot.qa.evidence.context import content
from chatbot.qa.evidence.found import Found
from chatbot.qa.evidence.sentences import Quote, SentenceVectors, sentence_words
from chatbot.qa.evidence.support import case_weights, rows_holding, unwritten_groups
from chatbot.qa.scope import Scoped
from core.text import tokenize

_NAME = re.compile(r"[A-Za-z0-9]")
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
    if topic_alone(r, scoped, key, n):
        return None
    lexical = sum(w for g, w in weighted if set(g) & set(held)) / total
    quote = Quote(key, n, text, lexical, 0.0, lexical, float(sims[order[0]]))
    return Found(scoped, "support", (key,), {key: [quote]}, {key: quote},
                 {key: "words:" + ",".join(dict.fromkeys(held))})


def topic_alone(retriever, scoped: Scoped, key: str, n: int) -> bool:
    """Whether a sentence near the question holds of its nouns only a topic its case alone
    writes, while the question's words no case writes weigh twice as much (「フェリーの運賃の改定」:
    佐渡市's フェリー, and 運賃, 改定 nowhere; 「温泉の入湯税の徴収」): the question asks a thing of
    that topic the article never says, and the sentence is near for the topic alone — it answers
    only when it says those words in its own (`by_paraphrase`)."""
    r, words = retriever, scoped.request.words
    nouns = [(g, w) for g, w in case_weights(r, content(scoped), words.verbs) if not set(g) <= words.verbs]
    said = sentence_words(r, key, n)
    held = [(g, w) for g, w in nouns if not said.isdisjoint(g)]
    if not held or any(r.cases_holding(rows_holding(r, g)) > 1 for g, _ in held):
        return False
    # words only this case writes are one topic however many the question splits it into
    # (鳥 and インフルエンザ of 「鳥インフルエンザ」), and what the case itself never writes is as
    # unsaid as what no case writes (「棚田で取れた米の販売」: 米 is another case's word, not 十日町市's)
    # (twice as much: 「震災の教訓を伝える」 asks 気仙沼市's 伝承 in one word it lacks, 教訓)
    # (but two such words apart in the question — 「相手が機械だと」 — are two things the case says)
    lacking = set(unwritten_groups(r, scoped)) | set(_unwritten_by(r, key, [g for g, _ in nouns]))
    topic = max(w for _, w in held) if _side_by_side(scoped.request.q.text, [g for g, _ in held]) \
        else sum(w for _, w in held)
    return sum(w for g, w in nouns if g in lacking) >= 2 * topic


def _unwritten_by(retriever, key: str, groups) -> list[tuple[str, ...]]:
    """The word groups no sentence of case ``key`` holds — not a noun made of a verb (作り of
    「FAQづくり」: what is done, which the case may write in its own verb, 自動生成)."""
    mine = retriever.lexical.rows_of([key])
    return [g for g in groups if not any(_OF_A_VERB.search(t) for t in g)
            and not np.any(mine[rows_holding(retriever, g)])]


_OF_A_VERB = re.compile(r"[一-龥々][ぁ-ん]+$")     # 作り, 取り組み: a verb's 連用形 made a noun


def _side_by_side(text: str, groups) -> bool:
    """Whether the question writes one word of each group one right after the other (鳥 and
    インフルエンザ of 「鳥インフルエンザ」): one compound, one topic."""
    spans = []
    for g in groups:
        at = next(((i, i + len(t)) for t in g if (i := text.find(t)) >= 0), None)
        if at is None:
            return False
        spans.append(at)
    spans.sort()
    return all(a[1] == b[0] for a, b in zip(spans, spans[1:]))


def without_topic_alone(retriever, scoped: Scoped, found: Found | None) -> Found | None:
    """`by_nearest`'s cases less those whose sentence holds only a topic its case alone writes
    (`topic_alone`); None when none is left."""
    if found is None:
        return None
    keys = tuple(k for k in found.keys if not topic_alone(retriever, scoped, k, found.reasons[k].n))
    if keys == found.keys:
        return found
    return replace(found, keys=keys, quotes={k: found.quotes[k] for k in keys},
                   reasons={k: found.reasons[k] for k in keys}, why={k: found.why[k] for k in keys}) if keys else None


def without_near_topic(retriever, scoped: Scoped, found: Found) -> Found:
    """A list of words less the cases listed only for being near in meaning (their quote holds
    less than ``policy.list_share`` of the question's words) whose sentence holds only a topic
    its case alone writes (`topic_alone`): 「鳥インフルエンザの感染の広がりを予測」 is near 出水市's
    「鳥インフルエンザが出たときに備え」, which says nothing of a forecast. "No such case" when
    none is left."""
    if found.source != "support" or found.facet or not found.keys:
        return found
    share = retriever.policy.list_share
    gone = {k for k in found.keys if k in found.reasons and found.reasons[k].lexical < share
            and topic_alone(retriever, scoped, k, found.reasons[k].n)}
    if not gone:
        return found
    keys = tuple(k for k in found.keys if k not in gone)
    if not keys:
        return Found(scoped, "none", none="no_case")
    return found.keeping(keys)


def by_paraphrase(retriever, scoped: Scoped) -> Found | None:
    """A Japanese list question whose topic words no case writes (「残業」, 「相性」, 「ポイント」),
    answered by the case whose sentence is nearest to it once the mean direction is removed, when
    that sentence also says each such word in its own words: it is among the ``policy.
    paraphrase_cases`` cases nearest (centered) to the word alone, at ``policy.paraphrase_dense``
    or more (「長時間勤務」 for 残業, 「親和性」 for 相性, 「論点」 for ポイント). A topic the article
    lacks (保育, 苦情, 給与) has a nearest sentence too, but not one that says that word as well.
    None otherwise."""
    r, request = retriever, scoped.request
    if not request.vector or request.q.reading != "ja":
        return None
    lacking = [t for g in unwritten_groups(r, scoped) for t in g[:1]]
    weighted = case_weights(r, content(scoped), request.words.verbs)
    total = sum(w for _, w in weighted)
    if not lacking or not total or any(_NAME.search(t) for t in lacking):
        return None     # (「NEC」: a name is written or not; another name near it is not it)
    in_scope = r.lexical.rows_of(scoped.keys(r))
    rows = [row for row in r.nearest_rows(request.vector, in_scope).tolist()
            if r.passage(row)[1] not in r.instructions(r.passage(row)[0])]
    if len(rows) < 2:
        return None
    sims = _centered(r, rows, request.vector)
    top = rows[int(np.argmax(sims))]
    key = r.passage(top)[0]
    said = []
    asked = {t for g in content(scoped) for t in g}
    for word in lacking:
        to_word, best, near = nearest_to_word(r, rows, word)
        mine = to_word[rows.index(top)]
        if key not in near or mine < r.policy.paraphrase_dense or mine < best[key]:
            return None
        as_ = _said_as(r, word, r.passage(top)[2], asked)
        if as_ and as_ in r.cases[key].title:
            return None     # (「戸籍」 nearest to 戸田市's own name: a name says no topic)
        said.append(f"said:{word}={as_}")
    _, n, text = r.passage(top)
    held = [t for g, _ in weighted if top in set(rows_holding(r, g).tolist()) for t in g]
    lexical = sum(w for g, w in weighted if set(g) & set(held)) / total
    quote = Quote(key, n, text, lexical, 0.0, lexical, float(max(sims)))
    why = "+".join(said + (["words:" + ",".join(dict.fromkeys(held))] if held else []))
    return Found(scoped, "support", (key,), {key: [quote]}, {key: quote}, {key: why})


def by_kin(retriever, scoped: Scoped) -> Found | None:
    """A Japanese list question the words and the nearest sentences leave empty, whose topic
    nouns no case writes (「妊婦」), read with the article's words of the same root for them
    (`chatbot.qa.read.spelling.with_kin`: 妊娠): the cases whose sentences say it so. None when
    no such word is close enough, or no sentence holds the question's words with it."""
    from chatbot.qa.evidence.support import by_sentences
    from chatbot.qa.read.spelling import with_kin

    request = scoped.request
    if request.q.reading != "ja":
        return None
    lacking = set(unwritten_groups(retriever, scoped))
    words = request.words
    content = tuple(with_kin(retriever, g) if g in lacking else g for g in words.content)
    if content == words.content:
        return None
    read = replace(scoped, request=replace(request, words=replace(words, content=content)))
    found = by_sentences(retriever, read)
    return replace(found, scoped=scoped) if found.keys else None


def _said_as(retriever, word: str, text: str, asked=frozenset()) -> str:
    """The sentence's word nearest in meaning to a word of the question it says in its own
    words (勤務 for 残業), among those few cases write and the question does not: what a reader
    checks the quote against."""
    # (among its rarer words: 活用 or 作成, written in most cases, says nothing of it)
    rare = retriever.policy.gloss_rare * len(retriever.cases)
    toks = [t for t in dict.fromkeys(tokenize(text)) if len(t) > 1 and not _NAME.search(t) and t not in asked
            and retriever.cases_holding(rows_holding(retriever, (t,))) <= rare]
    if not toks:
        return ""
    v = np.asarray(retriever.embed(word), dtype=np.float32)
    sims = [float(np.asarray(retriever.embed(t), dtype=np.float32) @ v) for t in toks]
    return toks[int(np.argmax(sims))]


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


def nearest_to_word(retriever, rows: list[int], word: str) -> tuple[list[float], dict[str, float], list[str]]:
    """A word alone against the sentences in ``rows``, centered: each row's cosine, each case's
    best, and the ``policy.paraphrase_cases`` cases nearest to it (the paraphrase test)."""
    r = retriever
    sims = _centered(r, rows, list(r.embed(word)))
    best: dict[str, float] = {}
    for row, sim in zip(rows, sims):
        k = r.passage(row)[0]
        best[k] = max(best.get(k, -1.0), sim)
    return sims, best, sorted(best, key=lambda k: -best[k])[:r.policy.paraphrase_cases]


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


__all__ = ["by_centered", "by_kin", "by_paraphrase", "nearest_to_word", "sentence_mean"]
