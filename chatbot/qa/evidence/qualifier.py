"""A list whose question qualifies one of its words by a rare one (issue #16, precision).

「窓口で市民に対応する職員を…」, 「組織で判断する」, 「差別表現の確認」, 「法律関連の情報を学習させる」:
the question ties a rare word (窓口, 組織, 差別, 法律: at most ``policy.qualifier_rare`` of the
article's cases write it) to a commoner word of its own (市民, 判断, 表現, 情報) — as what modifies it
(「XのY」, 「XY」) or as its place, object or means (「XでY」, 「XをY」, 「XにY」). A listed case that
writes the commoner word, or only the facet the question was read as, but never the rare word nor
says it in its own words (a sentence at ``policy.paraphrase_dense`` or nearer to the word alone,
centered: `centered.nearest_to_word`), shares a word with the question without saying what it asks: the list keeps the cases that write the rare word, when one of them writes the two
words together (within ``policy.qualifier_window`` words of one sentence). Counting matched words
cannot tell these apart (each holds one or two of the question's words); the tie between the
words can.

Not for two words of one coordination (「記録・報告」, 「AやB」: either one is asked), nor for a
verb (「作った」: how it is asked), nor for a rare word tying two rare words (「GoogleのBard」:
the commoner word is itself the narrow thing, which a case may write alone).
"""
from __future__ import annotations

import numpy as np

from chatbot.qa.evidence.centered import nearest_to_word
from chatbot.qa.evidence.found import Found
from chatbot.qa.evidence.support import rows_holding
from chatbot.qa.evidence.unsaid import _rows
from core.text import morphemes, nfkc, tokenize

# the particles that tie a noun to the next word as its place, object, means or owner
_TIES = frozenset({"を", "に", "で", "の", "が", "へ", "から"})


def with_qualifier(retriever, found: Found) -> Found:
    """``found`` less the cases that write neither the rare word qualifying a commoner word of
    the question nor say it otherwise (see the module); unchanged when no listed case writes the
    two words together, or when none would be left. A Japanese list of a facet or of words."""
    scoped = found.scoped
    request = scoped.request
    if request.q.reading != "ja" or len(found.keys) < 2 or found.source not in ("facet", "support"):
        return found
    r = retriever
    pairs = qualified_pairs(r, request)
    if not pairs:
        return found
    rare = {a for a, _ in pairs}
    holders = set()
    for group in rare:
        holders |= r.keys_at(rows_holding(r, group))
    kept = [k for k in found.keys if k in holders]
    if not kept or len(kept) == len(found.keys) or not any(_together(r, k, pairs) for k in kept):
        return found
    rows = _rows(r, scoped, found)
    # (a case that says the rare word in its own words stays: its sentence at
    # ``policy.paraphrase_dense`` or nearer to the word alone, centered, as `by_paraphrase` reads)
    near = [nearest_to_word(r, rows, g[0])[1] for g in rare]
    kept = [k for k in found.keys if k in holders or any(b.get(k, -1.0) >= r.policy.paraphrase_dense for b in near)]
    if len(kept) == len(found.keys):
        return found
    return found.keeping(tuple(kept))


def qualified_pairs(retriever, request) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    """The question's (rare word, commoner word) groups where the rare one qualifies the other
    (see the module), in the order the question writes them."""
    r, words = retriever, request.words
    groups = list(words.content)
    if len(groups) < 2:
        return []
    cap = r.policy.qualifier_rare * len(r.cases)
    df = {g: r.cases_holding(rows_holding(r, g)) for g in groups}
    ms = [(m.normalized_form().lower(), m.part_of_speech()[0], m.surface())
          for m in morphemes(nfkc(request.q.rest).lower(), "A")]

    def group_of(form):
        return next((g for g in groups if form in g), None)

    out = []
    for i, (form, pos, _) in enumerate(ms):
        a = group_of(form)
        if a is None or pos != "名詞" or not 0 < df[a] <= cap or set(a) <= words.verbs:
            continue
        j = i + 1
        if j < len(ms) and ms[j][1] == "名詞" and group_of(ms[j][0]) is None:
            j += 1      # 「法律関連の情報」: one noun of no group between the rare word and its tie
        if j < len(ms) and ms[j][1] == "助詞" and ms[j][2] in _TIES:
            j += 1
        elif j >= len(ms) or ms[j][1] != "名詞":
            continue
        b = group_of(ms[j][0]) if j < len(ms) else None
        if b is None or b == a or set(b) <= words.verbs or df[b] <= cap or _coordinated(words, a, b):
            continue
        out.append((a, b))
    return list(dict.fromkeys(out))


def _coordinated(words, a, b) -> bool:
    """Whether two groups are alternatives of one coordination (「連携・協力・共同開発」)."""
    def within(group, option):
        return any(set(group) & set(g) for part in option for g in part)
    return any(within(a, option) and within(b, option) for option in words.options)


def _together(retriever, key: str, pairs) -> bool:
    """Whether a sentence of the case writes a pair's two words within ``policy.qualifier_window``
    words of each other."""
    r = retriever
    window = r.policy.qualifier_window
    for row in np.flatnonzero(r.lexical.rows_of([key])).tolist():
        toks = tokenize(r.passage(row)[2])
        for a, b in pairs:
            at = [i for i, t in enumerate(toks) if t in a]
            bt = [i for i, t in enumerate(toks) if t in b]
            if any(abs(i - j) <= window for i in at for j in bt):
                return True
    return False


__all__ = ["qualified_pairs", "with_qualifier"]
