"""Compounds a question writes (「デジタル戦略」, 「議会答弁」) as the article's sentences write them:
together, or with the head on its own modified by the rest."""
from __future__ import annotations

import re

import numpy as np


def rows_written_together(retriever, compounds, in_scope: np.ndarray):
    """For each word of a compound the question writes (「デジタル戦略」), the rows in scope that
    write the compound's words one after the other — when some row does — and the compounds'
    heads (戦略). A row that holds the head but not the compound (「デジタル庁…AI戦略チーム」,
    「AI戦略」: another kind of 戦略) holds the compound's words at ``policy.compound_apart``; one
    that holds only what modifies it (「セキュリティを確保」 for セキュリティ対策) keeps them."""
    from core.text import tokenize, written_together

    out: dict[tuple[str, ...], list] = {}
    heads: set[str] = set()
    for toks in compounds:
        rows = None
        for t in toks:
            have = retriever.bm25.having(t)
            rows = have if rows is None else np.intersect1d(rows, have)
        rows = [row for row in (rows if rows is not None else []).tolist() if in_scope[row]]
        written = [row for row in rows if written_together(tokenize(retriever.passage(row)[2]), toks)]
        if written:
            # (「市議会の一般質問に対する答弁」 says 議会答弁 with the head on its own, modified by
            # what comes before it: not another kind of 答弁 like 「AI戦略」)
            loose = [row for row in rows if row not in written and head_modified(retriever.passage(row)[2], toks)]
            for t in toks:
                out.setdefault((t,), []).extend(written + loose)
            heads.add(toks[-1])
    return {g: np.unique(np.asarray(rows, dtype=np.int64)) for g, rows in out.items()}, heads


_NOUNISH = {"名詞", "接頭辞", "接尾辞"}


def head_modified(text: str, toks: tuple[str, ...]) -> bool:
    """Whether a sentence writes a compound's head as a word of its own (after a particle, a
    verb or a mark — not inside another compound) with the compound's other words before it."""
    from core.text import morphemes, nfkc

    ms = morphemes(nfkc(text).lower(), "A")
    forms = [m.normalized_form().lower() for m in ms]
    *mods, head = toks
    for i, form in enumerate(forms):
        if form == head and i and ms[i - 1].part_of_speech()[0] not in _NOUNISH \
                and all(m in forms[:i] for m in mods):
            return True
    return False


_KANJI_THEN_KANA = re.compile(r"[一-龥々][ぁ-ゖ]{1,3}")


def prefixed(retriever, groups, wts, held_by: np.ndarray) -> None:
    """A question's adjective the article writes as a one-kanji prefix of the noun it qualifies
    (「多くの言語」 → 多言語, 「新しい技術」 → 新技術, 「すべての職員」 → 全職員): a row that writes
    that kanji right before one of the question's nouns holds the adjective's group (in place)."""
    from core.text import tokenize

    bm25 = retriever.bm25
    for j, group in enumerate(groups):
        prefixes = {t[0] for t in group if _KANJI_THEN_KANA.fullmatch(t)}
        for p in prefixes:
            for noun in {t for i, g in enumerate(groups) if i != j for t in g if len(t) > 1}:
                rows = np.intersect1d(bm25.having(p), bm25.having(noun))
                for row in rows[:300].tolist():
                    toks = tokenize(retriever.passage(row)[2])
                    if any(a == p and b == noun for a, b in zip(toks, toks[1:])):
                        held_by[row, j] = max(held_by[row, j], wts[j])


def prefix_apart(retriever, pairs, groups, held_by: np.ndarray, factor: float) -> None:
    """A question's noun read whole with a one-kanji prefix (`Words.prefixed`: 中学校 = 中 + 学校)
    is held where a sentence writes that prefix right before the head — or as one of several
    one-kanji prefixes the head shares (「小中学校」 is 小学校 and 中学校); a row holding the head
    only otherwise (学校 alone, 「学校職員」) holds its group at ``factor`` (in place)."""
    from core.text import tokenize

    bm25 = retriever.bm25
    for prefix, head in pairs:
        for j, group in enumerate(groups):
            if head not in group:
                continue
            rows = np.flatnonzero(held_by[:, j] > 0)
            rows = np.intersect1d(rows, bm25.having(head))
            for row in rows.tolist():
                if not _prefix_written(tokenize(retriever.passage(row)[2]), prefix, head):
                    held_by[row, j] *= factor


def _prefix_written(tokens: list[str], prefix: str, head: str) -> bool:
    """Whether the tokens hold ``head`` after a run of one-character tokens that holds ``prefix``."""
    for i, t in enumerate(tokens):
        if t != head:
            continue
        k = i - 1
        while k >= 0 and len(tokens[k]) == 1:
            if tokens[k] == prefix:
                return True
            k -= 1
    return False


def kind_apart(retriever, scoped, groups, heads: set[str], held_by: np.ndarray) -> None:
    """A compound the question writes and no sentence in scope does, whose head is a word that
    asked for a facet (「採用試験」: 試験 asks 'Trial / pilot'), names a kind of that facet's thing
    the article does not write: a row that holds what modifies the head without the head itself
    (茨城県's 「Azure OpenAI Serviceを採用して」) holds it at ``policy.compound_apart`` (in place) —
    the facet's cases hold the head through the facet, not the kind."""
    from core.text import tokenize

    q = scoped.request.q
    asked = {t for w in q.facet_words for t in tokenize(w)} if q.reading == "ja" else set()
    for c in scoped.request.words.compounds:
        if len(c) < 2 or c[-1] in heads or c[-1] not in asked:
            continue
        head = next((g for g in groups if c[-1] in g), (c[-1],))
        with_head = retriever.bm25.having(head[0]) if len(head) == 1 else \
            np.unique(np.concatenate([retriever.bm25.having(t) for t in head]))
        for j, group in enumerate(groups):
            if set(group) & set(c[:-1]) and not set(group) & set(head):
                rows = np.setdiff1d(np.flatnonzero(held_by[:, j] > 0), with_head)
                held_by[rows, j] *= retriever.policy.compound_apart
