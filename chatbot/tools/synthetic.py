"""A synthetic article of N cases, generated deterministically from the real one, to measure cost at
scale (`chatbot bench --cases N`).

The first cases are the article's own; then come copies of them in the article's order, each one
relabelled: a made-up organisation in the same prefecture (a ministry stays a ministry, a city or
town stays one, a prefecture's own case becomes a city of it, since a prefecture has one
government), its name written with kanji the article never uses, and every figure in its text
varied digit by digit. Names and figures keep their lengths, so each round of copies has exactly
the shape of the one before.

Embedding 60,000 sentences with the bundled e5 takes longer than the whole benchmark may (about
17 minutes at 60 sentences a second), and the vectors' values do not change what retrieval costs.
`ReusingEmbeddings` therefore embeds each copy's text with its made-up names and figures masked
(so all copies of one sentence share one real e5 embedding, computed once) and adds a small
deterministic jitter per copy, so no two vectors are the same. Questions are embedded by e5 as
usual. The benchmark reports how many texts e5 really embedded, and what embedding them all
would have cost.
"""
from __future__ import annotations

import hashlib
import re

import numpy as np
from langchain_core.embeddings import Embeddings

from core.cases import LEVEL_MUNICIPALITY, LEVEL_NATIONAL, Article, Case

# Kanji for made-up place names; those the article uses are dropped when the pool is made.
_CANDIDATES = ("鶴亀鷹鷲鳩雀燕鴨鷺鶯蛍蝶蘭菊萩桔梗椿楓柊榎楠樫椎栗柚橘桃杏李梨柿苺葵蓮菖蒲薊"
               "芹蕗蕨茜紫碧紺翠琥珀瑠璃瑚翡玲瑛珂琳瑶璧霞霧霰雫澪汐渚湊灘磯瀧淵沼湖滝泉"
               "嶺峰岳嵐凪颯朔暁宵昴辰巳卯酉亥丑寅戌午未丙丁戊己庚辛壬癸乙甲")
_MUNI_SUFFIX = "市区町村"


def name_pool(article_text: str, size: int = 80) -> str:
    """Kanji the article does not contain (so a made-up name can never be a real one)."""
    pool = "".join(dict.fromkeys(c for c in _CANDIDATES if c not in article_text))
    if len(pool) < 16:
        raise ValueError("too few unused kanji to make names from")
    return pool[:size]


class _Names:
    """Made-up names of a given length, never the same twice within a scope."""

    def __init__(self, pool: str):
        self.pool, self.used = pool, set()
        self.next: dict[tuple[str, int], int] = {}

    def new(self, scope: str, length: int) -> str:
        p = len(self.pool)
        while True:
            i = self.next.get((scope, length), 0)
            if i >= p ** length:
                length += 1          # this length is used up: one character longer
                continue
            self.next[(scope, length)] = i + 1
            chars = []
            for _ in range(length):
                i, r = divmod(i, p)
                chars.append(self.pool[r])
            name = "".join(chars)
            if (scope, name) not in self.used:
                self.used.add((scope, name))
                return name


def _vary(text: str, round_: int) -> str:
    """Every ASCII figure changed digit by digit (same length, never a leading zero)."""
    def one(m: re.Match) -> str:
        digits = m.group(0)
        out = [str((int(d) + round_) % 10) for d in digits]
        out[0] = str((int(digits[0]) - 1 + round_) % 9 + 1) if digits[0] != "0" else out[0]
        return "".join(out)
    return re.sub(r"\d+", one, text)


def _relabel(case: Case, names: _Names, round_: int) -> tuple[str, list[tuple[str, str]]]:
    """The copy's heading and the (old → new) replacements for its text."""
    if case.level == LEVEL_NATIONAL:
        stem = case.id[:-1]
        new = names.new("国", len(stem)) + case.id[-1]
        return new, [(case.title, new), (case.id, new)]
    pref = case.prefecture
    short = case.id[len(pref):] if pref and case.id.startswith(pref) else case.id
    if case.level == LEVEL_MUNICIPALITY and short[-1:] in _MUNI_SUFFIX and len(short) > 1:
        new_short = names.new(pref, len(short) - 1) + short[-1]
        return pref + new_short, [(case.title, pref + new_short), (case.id, pref + new_short),
                                  (short, new_short)]
    # A prefecture-level case becomes a made-up city of its prefecture (広島県 → 広島県〇〇市):
    # a prefecture has one government, so copies of it are cities.
    new = pref + names.new(pref, 2) + "市"
    return new, [(case.title, new), (case.id, new), (pref, new)]


def _block(title: str, body: str, source: str) -> str:
    paragraphs = [title, *body.split("\n")] + ([source] if source else [])
    return "\n\n".join(paragraphs)


def synthetic_article(article: Article, cases: int) -> str:
    """The text of an article with `cases` cases: the article's own, then relabelled copies.

    Args:
        article: the real article, parsed.
        cases: how many cases the result has (at least 1).
    """
    source_text = "\n".join(c.text + "\n" + c.source for c in article.cases)
    names = _Names(name_pool(source_text))
    title = re.sub(r"(?<!\d)\d+選", f"{cases}選", article.title)
    out = [title, title, "この記事は、実在の記事から機械的に作った試験用の記事です。"]
    region = None
    for i in range(cases):
        round_, case = divmod(i, len(article.cases))
        case = article.cases[case]
        if case.region != region:
            region = case.region
            out.append(region)
        if round_ == 0:
            out.append(_block(case.title, case.body, case.source))
            continue
        heading, replacements = _relabel(case, names, round_)
        mapping = dict(replacements)
        names_rx = re.compile("|".join(re.escape(o) for o in sorted(mapping, key=len, reverse=True)))
        body, source = (names_rx.sub(lambda m: mapping[m.group(0)], t) for t in (case.body, case.source))
        out.append(_block(heading, _vary(body, round_), _vary(source, round_)))
    return "\n\n".join(out) + "\n"


class ReusingEmbeddings(Embeddings):
    """e5 for questions; for a synthetic corpus's texts, e5 of the text with the made-up names
    and figures masked (once per masked text) plus a small jitter seeded by the text."""

    JITTER = 0.02   # per dimension: a copy's cosine to its original stays about 0.93

    def __init__(self, inner, pool: str):
        table = np.random.default_rng(0).normal(0.0, self.JITTER / np.sqrt(2), (4096, 384))
        self._jitter = table.astype(np.float32)   # two rows, picked by the text's hash, per copy
        self.name = inner.name          # the index records the model the vectors come from
        self._inner = inner
        self._mask = re.compile(f"[{re.escape(pool)}]+")
        self._cache: dict[str, np.ndarray] = {}
        self.asked = 0                  # texts the ingest asked for
        self.embedded = 0               # texts e5 really embedded

    def _masked(self, text: str) -> str:
        if not self._mask.search(text):
            return text                 # the article's own text: embedded as it is
        return re.sub(r"\d", "0", self._mask.sub(lambda m: "〇" * len(m.group(0)), text))

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        keys = [self._masked(t) for t in texts]
        missing = list(dict.fromkeys(k for k in keys if k not in self._cache))
        for start in range(0, len(missing), 64):
            chunk = missing[start:start + 64]
            for k, v in zip(chunk, self._inner.embed_documents(chunk)):
                self._cache[k] = np.asarray(v, dtype=np.float32)
        self.asked += len(texts)
        self.embedded += len(missing)
        out = []
        for text, key in zip(texts, keys):
            v = self._cache[key]
            if key != text:
                h = hashlib.sha1(text.encode("utf-8")).digest()
                a, b = (int.from_bytes(h[i:i + 4], "little") % len(self._jitter) for i in (0, 4))
                v = v + self._jitter[a, :len(v)] + self._jitter[b, :len(v)]
                v = v / np.linalg.norm(v)
            out.append(v.tolist())
        return out

    def embed_query(self, text: str) -> list[float]:
        return self._inner.embed_query(text)


__all__ = ["ReusingEmbeddings", "name_pool", "synthetic_article"]
