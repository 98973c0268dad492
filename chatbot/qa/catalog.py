"""What the answer policy derives from the served version once and keeps (the article's text,
case keys by organisation, region order, its version label): every stage reads these."""
from __future__ import annotations

from core.text import nfkc


def article_text(retriever) -> str:
    return retriever.memo("article_text", lambda: "\n".join(c.text for c in retriever.cases.values()))


def article_lower(retriever) -> str:
    """The article's NFKC text in lower case (for names written in Latin letters)."""
    return retriever.memo("article_lower", lambda: nfkc(article_text(retriever)).lower())


def keys_by_case_id(retriever) -> dict[str, tuple[str, ...]]:
    """Case id → the keys of its cases (one per article that has it), in article order."""
    def build():
        found: dict[str, list[str]] = {}
        for key, c in retriever.cases.items():
            found.setdefault(c.id, []).append(key)
        return {i: tuple(k) for i, k in found.items()}

    return retriever.memo("keys_by_case_id", build)


def regions_of(retriever) -> list[str]:
    """The article's region headings in article order."""
    return list(retriever.memo("regions_in_order", lambda: tuple(
        dict.fromkeys(c.region for c in retriever.cases.values() if c.region))))


def as_of(retriever) -> str:
    """The served article version(s): 「12月最新版」."""
    versions = [a.get("version", "") for a in retriever.index.articles]
    return " / ".join(v for v in versions if v)


__all__ = ["article_lower", "article_text", "as_of", "keys_by_case_id", "regions_of"]
