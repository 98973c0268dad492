"""The question picks the sentences: whatever chose a case (a facet, a place, a region,
retrieval), the sentences quoted from it are the ones that answer what was asked.

A sentence scores by
* the question's own content words it holds (idf-weighted share; place and scope words left out),
* its dense similarity to the question (cosine, min–max within the case),
* whether it holds the kind of answer asked (a count with its unit, a date, an end date, a
  company or person, a share, a name — `core/domain/questions.toml`, [answer.*]),
* a small bonus when it is the evidence of a facet the question names (the fallback).
The weights are in `chatbot.qa.policy.Policy`.
"""
from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from functools import lru_cache

from core.knowledge import Knowledge
from core.text import morphemes, nfkc, tokenize


@dataclass(frozen=True)
class Quote:
    """A sentence of a case, scored for a question."""

    key: str          # "<article id>:<case id>"
    n: int            # index of the sentence in the case
    text: str
    score: float
    typed: float      # share of the asked answer types the sentence holds
    lexical: float    # share of the question's content words it holds
    dense: float      # cosine similarity to the question
    refers: bool = False    # it refers back to the sentence before (「これにより」, 「その結果をもとに」)

    def __repr__(self) -> str:
        return f"Quote({self.key} #{self.n}, {self.score:.3f}, {self.text[:24]!r})"


@lru_cache(maxsize=65536)
def words(text: str) -> frozenset[str]:
    """The lexical tokens of a text (cached: sentences are scored again and again)."""
    return frozenset(tokenize(text))


def sentence_words(retriever, key: str, n: int) -> frozenset[str]:
    """The lexical tokens of sentence ``n`` of a case: those ingest stored with the version when
    it did (a list over thousands of cases reads them instead of tokenizing each sentence at
    its first question), else `words` of the text."""
    known = retriever.memo("sentence_words", dict)
    found = known.get((key, n))
    if found is None:
        found = retriever.lexical.sentence_words(f"{key}:{n:03d}")
        if found is None:
            found = words(retriever.cases[key].sentences[n])
        known[(key, n)] = found
    return found


def share(groups: list[tuple[str, ...]], found: frozenset[str], idf: dict[str, float]) -> float:
    """Share of word groups (weighted by rarity) of which some word is in ``found``.

    A group weighs as its rarest word the article uses; a group of words no case contains weighs
    like the rarest word of all: it is what the question is about.
    """
    return weighted_share(weights(groups, idf), found)


def weights(groups: list[tuple[str, ...]], idf: dict[str, float]) -> list[tuple[tuple[str, ...], float]]:
    """Each distinct word group with its weight (see `share`): computed once per question, since
    the rarest word of all takes a pass over the whole vocabulary."""
    if not groups:
        return []
    top = _rarest(idf)
    return [(group, max((idf[t] for t in group if t in idf), default=top))
            for group in dict.fromkeys(groups)]


_TOPS: dict[int, tuple[dict, float]] = {}


def _rarest(idf: dict[str, float]) -> float:
    """The largest idf of a vocabulary, remembered per vocabulary (a pass over 100,000 words
    costs milliseconds; a list of thousands of cases asked it once per case)."""
    known = _TOPS.get(id(idf))
    if known is None or known[0] is not idf:
        if len(_TOPS) > 8:
            _TOPS.clear()
        known = _TOPS[id(idf)] = (idf, max(idf.values(), default=1.0))
    return known[1]


def weighted_share(weighted: list[tuple[tuple[str, ...], float]], found: frozenset[str]) -> float:
    total = held = 0.0            # one pass: a list of thousands of cases asks it once per case
    for group, w in weighted:
        total += w
        if not found.isdisjoint(group):
            held += w
    return held / total if total else 0.0


def carried(weighted: list[tuple[tuple[str, ...], float]], found: frozenset[str], before: frozenset[str],
            carry: float) -> float:
    """`weighted_share` of a sentence that refers back to the one before it (「これにより…」,
    「市は…これを3割減らす」): a word group only the sentence before holds counts ``carry`` of its
    weight — that sentence names what this one is about."""
    total = held = 0.0
    for group, w in weighted:
        total += w
        if not found.isdisjoint(group):
            held += w
        elif not before.isdisjoint(group):
            held += carry * w
    return held / total if total else 0.0


def typed_share(text: str, asks: tuple[str, ...], k: Knowledge, units: tuple[str, ...] = ()) -> float:
    """Share of the asked answer types a sentence holds (0 when nothing typed was asked). A
    count asked in a unit (「何人」, "how many departments") needs a number in that unit; a
    "what is it used for" question is answered by a sentence that states a use: one where a cue
    of a use facet holds (the facets' own vocabulary, no second list)."""
    return _typed(asked_types(asks, k), text, k, units)


def asked_types(asks: tuple[str, ...], k: Knowledge) -> list:
    return [t for t in k.questions.answer_types if t.name in asks]


def answer_type(k: Knowledge, name: str):
    """The answer type of that name (`core/domain/questions.toml` [answer.<name>])."""
    return next(t for t in k.questions.answer_types if t.name == name)


def _typed(types: list, text: str, k: Knowledge, units: tuple[str, ...], held: dict | None = None) -> float:
    if not types:
        return 0.0
    if units or held is None:
        s = typed_text(text)
        return sum(1 for t in types if holds(t, s, k, units)) / len(types)
    kinds = held.get(text)
    if kinds is None:
        if len(held) > _HELD_KEEP:
            held.clear()
        s = typed_text(text)
        kinds = held[text] = frozenset(t.name for t in k.questions.answer_types if holds(t, s, k))
    return sum(1 for t in types if t.name in kinds) / len(types)


_HELD_KEEP = 100_000   # sentences whose answer types a retriever remembers


def typed_text(text: str) -> str:
    """A sentence as its answer types are read: NFKC, without the number of a list item
    (「③個人・秘匿情報の入力禁止」 is not 「3個」)."""
    return nfkc(_ITEM_NUMBER.sub("", text))


_ITEM_NUMBER = re.compile(r"^\s*[①-⑳]")


def holds(t, sentence: str, k: Knowledge, units: tuple[str, ...] = ()) -> bool:
    """Whether an NFKC sentence holds an answer of type ``t`` (in the asked unit, for counts)."""
    if t.name == "use":
        return _states_use(sentence, k)
    if t.name == "count" and units:
        return any(u.find.search(sentence) for u in k.questions.units if u.name in units)
    if t.name == "platform":          # 「情報システム推進課」 names a department, not a system it runs
        dept = next((d for d in k.questions.answer_types if d.name == "dept"), None)
        sentence = dept.find.sub("", sentence) if dept else sentence
    if t.name in _NAMED:
        return any(not _common_word(m.group(0)) and not (t.name in ("org", "product") and _plain_quote(m.group(0)))
                   for m in t.find.finditer(sentence))
    return bool(t.find.search(sentence))


# The answer types that are names (a company, a product): a katakana word the dictionary knows as
# one common noun (ケース, データ, ワークショップ) is not one; a word it does not know (グラファー,
# ログミーツ), a proper noun (ドコモ) or a compound of words (シフトプラス) may be.
_NAMED = ("org", "name", "product")
_KATAKANA_RUN = re.compile(r"[ァ-ヶー]+")
# nor, for a company or service, words quoted in kanji and kana alone: a title or what someone
# said (「浜だより」, 「よくある質問」), where the article's products have katakana or Latin letters
_PLAIN_QUOTE = re.compile(r"「[^「」ァ-ヶA-Za-z]*」")


# or in kanji with katakana words the dictionary knows as common nouns: the name of a programme
# (「見守りコール」, 「看護サマリー」), where a company's own name in such words has no kanji (「まちだシステムズ」)
_KANJI = re.compile(r"[一-龥]")


def _plain_quote(quote: str) -> bool:
    if _PLAIN_QUOTE.fullmatch(quote):
        return True
    if not quote.startswith("「") or not _KANJI.search(quote) or re.search(r"[A-Za-z0-9]", quote):
        return False
    return all(_common_word(run) for run in _KATAKANA_RUN.findall(quote))


@lru_cache(maxsize=4096)
def _common_word(text: str) -> bool:
    if not _KATAKANA_RUN.fullmatch(text):
        return False
    ms = morphemes(text, "C")
    return len(ms) == 1 and not ms[0].is_oov() and ms[0].part_of_speech()[1] == "普通名詞"


def _asker_only(person, text: str, question: str) -> bool:
    """Whether every person the sentence names is one the question names itself: asked 「団員の活動
    報告をチェックするのは誰？」, 「団員が…吹き込んだ音声メモ」 does not answer who checks (「分団長が確かめて」 does)."""
    spans = [m.group(0) for m in person.find.finditer(typed_text(text))]
    # a noun is named by its head (「消防団員」, 「新入団員」 are 団員 too)
    return bool(spans) and all(_NOUN.fullmatch(span) and span[-2:] in question for span in spans)


_NOUN = re.compile(r"[一-龥ァ-ヶー]{2,}")


def _states_use(sentence: str, k: Knowledge) -> bool:
    """A use facet's cue holds, or the sentence says how it is used is not made public (「どのような
    業務に活用するかは明らかにされていません」): that is what the article says of the use."""
    if any(rx.search(sentence) for f in k.taxonomy.facets if f.group == "use" for rx in f.cues):
        return True
    return bool(answer_type(k, "use_undisclosed").find.search(sentence))


class SentenceVectors:
    """Stored sentence embeddings read by id on first use and kept (bounded), for the exact cosine
    similarity of a question to every sentence of a few cases: cheaper than a filtered Chroma
    query per question, and a version of 10,000 cases is never read whole into memory."""

    KEEP = 50_000          # vectors kept (~75 MB of 384-d float32 at most)
    PAGE = 1000            # ids per Chroma get (SQLite caps the variables of one query)

    def __init__(self, index):
        self.index = index
        self._kept: dict[str, object] = {}
        self._lock = threading.Lock()

    def scores(self, ids: list[str], vector) -> dict[str, float]:
        import numpy as np  # only when a version is loaded

        kept = self._kept
        missing = [i for i in ids if i not in kept]
        found = {}
        for start in range(0, len(missing), self.PAGE):
            found.update(self.index.vectors(missing[start:start + self.PAGE]))
        if found:
            with self._lock:
                if len(kept) + len(found) > self.KEEP:
                    kept = self._kept = {}
                for i, v in found.items():
                    kept[i] = np.asarray(v, dtype=np.float32)
        have = [i for i in ids if i in kept or i in found]
        if not have:
            return {}
        matrix = np.stack([kept[i] if i in kept else np.asarray(found[i], dtype=np.float32) for i in have])
        norms = np.linalg.norm(matrix, axis=1)
        q = np.asarray(vector, dtype=np.float32)
        sims = (matrix @ (q / (np.linalg.norm(q) or 1.0))) / np.where(norms == 0, 1, norms)
        return dict(zip(have, sims.tolist()))


def dense_scores(retriever, keys: list[str], vector) -> dict[tuple[str, int], float]:
    """Cosine similarity of the question to every sentence of the given cases."""
    vectors = retriever.memo("sentence_vectors", lambda: SentenceVectors(retriever.index))
    wanted = {f"{key}:{n:03d}": (key, n) for key in keys
              for n in range(len(retriever.cases[key].sentences))}
    return {wanted[i]: s for i, s in vectors.scores(list(wanted), vector).items()}


def opening(retriever, key: str) -> int:
    """The case's first sentence that is not addressed to a reader (its first when all are)."""
    addressed = retriever.instructions(key)
    return next((n for n in range(len(retriever.cases[key].sentences)) if n not in addressed), 0)


def quote_of(retriever, key: str, n: int, weighted: list = ()) -> Quote:
    """One sentence of a case as a quote, scored by the question's words it holds (``weighted``:
    `weights` of them, computed once) — no ranking of the case's other sentences: a list of
    thousands of cases quotes one sentence each."""
    text = retriever.cases[key].sentences[n]
    lexical = weighted_share(weighted, sentence_words(retriever, key, n)) if weighted else 0.0
    return Quote(key, n, text, lexical, 0.0, lexical, 0.0)


def rank(retriever, q, keys: list[str], vector, evidence: dict[str, int] | None = None,
         content: list[tuple[str, ...]] | None = None) -> dict[str, list[Quote]]:
    """Every sentence of each case, best first, for the question.

    Args:
        evidence: case key → the sentence that proved a facet the question names.
        content: the question's content word groups (default: `Query.content`).
    """
    k, policy, idf = retriever.knowledge, retriever.policy, retriever.bm25.idf
    content = q.content(k) if content is None else content
    dense = dense_scores(retriever, keys, vector)
    content = weights(content, idf)
    types = asked_types(q.asks, k)
    # The answer types each sentence holds, remembered for the version: a list of thousands of
    # cases scores every sentence of each, and the next question asks about the same sentences.
    held = retriever.memo("held_types", dict)
    evidence = evidence or {}
    asker = next((t for t in types if t.name == "person"), None)
    asked_text = nfkc(q.text)
    # a fact question's words in the sentence before count for one that refers back to it
    carry = q.intent == "fact" and policy.quote_carry > 0
    refers = k.questions.conditions["refers_back"]
    out: dict[str, list[Quote]] = {}
    for key in keys:
        sentences = retriever.cases[key].sentences
        sims = [dense.get((key, n), 0.0) for n in range(len(sentences))]
        addressed = retriever.instructions(key)
        lo, hi = min(sims, default=0.0), max(sims, default=0.0)
        quotes = []
        for n, text in enumerate(sentences):
            lexical = weighted_share(content, sentence_words(retriever, key, n))
            back = bool(carry and n and n - 1 not in addressed and refers.search(text))
            if back:
                lexical = carried(content, sentence_words(retriever, key, n),
                                  sentence_words(retriever, key, n - 1), policy.quote_carry)
            near = (sims[n] - lo) / (hi - lo) if hi > lo else 1.0
            typed = _typed(types, text, k, q.units, held)
            if typed and asker and _asker_only(asker, text, asked_text):
                typed -= 1 / len(types)
            score = (policy.quote_lexical * lexical + policy.quote_dense * near +
                     policy.quote_type * typed + policy.quote_evidence * (evidence.get(key) == n))
            if n in addressed:       # an instruction in the article: never evidence
                score, typed, lexical = -1.0, 0.0, 0.0
            quotes.append(Quote(key, n, text, score, typed, lexical, sims[n], back))
        quotes.sort(key=lambda x: (-x.score, x.n))
        out[key] = quotes
    return out


__all__ = ["answer_type", "carried", "Quote", "dense_scores", "quote_of", "holds", "opening", "rank", "typed_text", "sentence_words", "share", "asked_types", "typed_share", "weighted_share",
           "weights", "words"]
