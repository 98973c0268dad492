"""Japanese-aware lexical search: NFKC, SudachiPy tokens, BM25.

Chroma's own full-text search is a substring filter and its BM25 tokenises for English, so the
lexical half of hybrid retrieval lives here, over the sentences the index already holds.
"""
from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from functools import lru_cache

# Parts of speech that carry no topic: particles, auxiliaries, punctuation, blanks.
_SKIP_POS = {"助詞", "助動詞", "補助記号", "空白", "記号"}
_ASCII_WORD = re.compile(r"[a-z0-9]+")
_ASCII = re.compile(r"[\x00-\x7f]+")
# Function words Sudachi tags as content (する, いる, こと …) and English function words.
STOPWORDS = frozenset("""為る 居る 成る 有る 在る 言う 事 物 其の 此の 様 為 等 的 ため こと もの よう
    the a an of to in on for and or is are was were be been by with at as it its this that
    which what who whom how do does did has have had from about any there their they""".split())


@lru_cache(maxsize=1)
def _tokenizer():
    from sudachipy import Dictionary  # loads the dictionary (~0.3 s): only when first needed

    return Dictionary(dict="core").create()


def tokenize(text: str) -> list[str]:
    """Normalised content tokens of a text (Japanese by Sudachi mode A, ASCII words lowercased)."""
    from sudachipy import SplitMode

    text = unicodedata.normalize("NFKC", text).lower()
    out = []
    for m in _tokenizer().tokenize(text, SplitMode.A):
        if m.part_of_speech()[0] in _SKIP_POS:
            continue
        raw = m.surface()
        surface = raw if _ASCII.fullmatch(raw) else m.normalized_form().lower()
        surface = surface.strip()
        if not surface or surface in STOPWORDS or (_ASCII_WORD.fullmatch(surface) and len(surface) < 2):
            continue
        if _ASCII.fullmatch(surface) and not _ASCII_WORD.search(surface):
            continue
        out.append(surface)
    return out


class BM25:
    """Okapi BM25 over pre-tokenised documents."""

    def __init__(self, docs: list[list[str]], k1: float = 1.2, b: float = 0.75):
        self.k1, self.b = k1, b
        self.tf = [Counter(d) for d in docs]
        self.len = [len(d) for d in docs]
        self.avg = (sum(self.len) / len(docs)) if docs else 1.0
        df = Counter(t for d in self.tf for t in d)
        n = len(docs)
        self.idf = {t: math.log(1 + (n - f + 0.5) / (f + 0.5)) for t, f in df.items()}

    def scores(self, query: list[str]) -> list[float]:
        out = []
        terms = [t for t in set(query) if t in self.idf]
        for tf, length in zip(self.tf, self.len):
            s = 0.0
            for t in terms:
                f = tf.get(t)
                if f:
                    s += self.idf[t] * f * (self.k1 + 1) / (f + self.k1 * (1 - self.b + self.b * length / self.avg))
            out.append(s)
        return out
