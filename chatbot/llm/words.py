"""Words of an LLM answer and of its passages, as verification compares them.

* content words: Sudachi's (mode A, normalized forms) nouns, verbs, adjectives, adverbs and
  prefixes, without the framing words any answer may use; English words without stop words;
* whether the passages cover a word: the same word, a synonym (the glossary's groups and
  verification.toml's [synonyms]), or for an English word a translation the passages use
  (the glossary, then JMdict) or the reading of a name in them;
* negation: しない / 使わず / 非… / "not".

The vocabulary is data: `core/domain/verification.toml` (framing words, negation, synonyms,
opposites).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from core.datafile import KnowledgeError, keys_of, read_toml, strings
from core.knowledge import PACKAGE_DIR, knowledge
from core.text import morphemes, nfkc

FILE = PACKAGE_DIR / "verification.toml"

_CONTENT_POS = {"名詞", "動詞", "形容詞", "形状詞", "副詞", "接頭辞"}
_LATIN = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z]")
_POSSESSIVE = re.compile(r"['’]s$")


@dataclass(frozen=True)
class Vocabulary:
    frame_ja: frozenset[str]
    frame_en: frozenset[str]
    negation_ja: frozenset[str]
    negation_en: frozenset[str]
    forbidding: tuple[str, ...]
    synonyms: tuple[frozenset[str], ...]
    opposites: dict[str, frozenset[str]]     # word → the words that contradict it


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    data = read_toml(FILE)
    where = str(FILE)
    keys_of(data, {"frame", "negation", "synonyms", "opposites"}, where)
    frame, negation = data.get("frame", {}), data.get("negation", {})
    keys_of(frame, {"ja", "en"}, f"{where}: frame")
    keys_of(negation, {"ja", "en", "forbidding"}, f"{where}: negation")

    def words(table, key):
        return frozenset(w.lower() for s in strings(table.get(key, ""), f"{where}: {key}") for w in s.split())

    synonyms = data.get("synonyms", {})
    keys_of(synonyms, {"groups"}, f"{where}: synonyms")
    groups = tuple(frozenset(nfkc(g).lower().split())
                   for g in strings(synonyms.get("groups", []), f"{where}: synonyms.groups"))
    opposites: dict[str, set[str]] = {}
    raw = data.get("opposites", {})
    keys_of(raw, {"pairs"}, f"{where}: opposites")
    for n, pair in enumerate(strings(raw.get("pairs", []), f"{where}: opposites.pairs")):
        sides = [nfkc(x).lower().split() for x in pair.split("|")]
        if len(sides) != 2 or not all(sides):
            raise KnowledgeError(f"{where}: opposites.pairs[{n}]: expected 'words | words', got {pair!r}")
        for one, other in (sides, sides[::-1]):
            for w in one:
                opposites.setdefault(w, set()).update(other)
    return Vocabulary(words(frame, "ja"), words(frame, "en"), words(negation, "ja"),
                      words(negation, "en"), tuple(sorted(words(negation, "forbidding"))), groups,
                      {k: frozenset(v) for k, v in opposites.items()})


def is_content(m) -> bool:
    pos = m.part_of_speech()
    if pos[0] not in _CONTENT_POS or pos[1] in ("数詞", "非自立可能") or pos[2] == "助数詞":
        return False
    return not m.surface().isdigit()


def negates(m, negation: frozenset[str]) -> bool:
    pos = m.part_of_speech()[0]
    return pos in ("助動詞", "形容詞", "接頭辞") and m.normalized_form() in negation | {"無い"} \
        and (pos != "形容詞" or m.normalized_form() == "無い")


def negated_word(ms, i: int) -> str:
    """The content word a negation at i negates: 使わ|ない → 使う, 使用|せ|ず → 使用."""
    for j in range(i - 1, max(-1, i - 4), -1):
        if is_content(ms[j]):
            return ms[j].normalized_form().lower()
    return ""


def negated_next(ms, i: int, negation: frozenset[str]) -> bool:
    """Whether the content word at i is negated (a negation follows before the next word)."""
    for j in range(i + 1, min(len(ms), i + 4)):
        if negates(ms[j], negation):
            return True
        if is_content(ms[j]):
            return False
    return False


def katakana(s: str) -> bool:
    return len(s) > 1 and all("ァ" <= c <= "ヺ" or c == "ー" for c in s)


def romaji(kana: str) -> tuple[str, ...]:
    from core.places.readings import romaji_variants   # pykakasi: only when names are read

    return romaji_variants(kana) if kana and katakana(kana) else ()


# --- one sentence -------------------------------------------------------------------------------


def japanese_words(s: str) -> list[str]:
    v = vocabulary()
    out = []
    for m in morphemes(s, "A"):
        if not is_content(m):
            continue
        norm = m.normalized_form().lower()
        if norm in v.frame_ja or m.surface().lower() in v.frame_ja or norm in v.negation_ja:
            continue
        if re.fullmatch(r"[a-z]+", norm):
            out.extend(w for w in english_words(norm))
            continue
        out.append(norm)
    return out


def covers_ja(word: str, ev) -> bool:
    if word in ev.words or (len(word) > 1 and word in ev.text):
        return True
    return any(s in ev.text for s in synonyms().get(word, ()))


@lru_cache(maxsize=1)
def synonyms() -> dict[str, frozenset[str]]:
    """Japanese words of one meaning: the glossary's groups (短縮 / 削減; 試験 / 実証 / 実験)
    and verification.toml's [synonyms]."""
    out: dict[str, set[str]] = {}
    groups = [g for _, g in knowledge().glossary.terms] + [tuple(g) for g in vocabulary().synonyms]
    for group in groups:
        for w in group:
            out.setdefault(nfkc(w).lower(), set()).update(nfkc(x).lower() for x in group if x != w)
    return {k: frozenset(v) for k, v in out.items()}


def english_words(s: str) -> list[str]:
    """Content words of English text, lower-case, possessives dropped (Microsoft's → microsoft)."""
    v = vocabulary()
    stop = knowledge().stopwords.lexical
    words = (possessive(w.lower()) for w in _LATIN.findall(s))
    return [w for w in words if w not in v.frame_en and w not in stop and w not in v.negation_en and len(w) > 1]


def possessive(word: str) -> str:
    """The word without an English possessive: atsugi's → atsugi."""
    return _POSSESSIVE.sub("", word)


def covers_en(word: str, ev) -> bool:
    from core.dictionary import japanese

    if latin_in(word, ev.text) or word in ev.readings:
        return True
    for group in knowledge().glossary.japanese(word):
        if any(covers_ja(nfkc(w).lower(), ev) for w in group):
            return True
    for form in lemmas(word):
        if any(len(t) > 1 and covers_ja(nfkc(t).lower(), ev) for t in japanese(form)):
            return True
    return False


def lemmas(word: str) -> list[str]:
    """The word and the forms an English inflection drops to: saved → save, cutting → cut."""
    out = [word]
    for suffix, repl in (("ies", "y"), ("ied", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"),
                         ("ing", ""), ("ing", "e"), ("ly", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            stem = word[:-len(suffix)] + repl
            out.append(stem)
            if len(stem) > 3 and stem[-1] == stem[-2]:          # banned → bann → ban
                out.append(stem[:-1])
    return list(dict.fromkeys(out))


__all__ = ["Evidence", "Finding", "POLICY", "Policy", "coverage", "evidence", "is_place_of", "named_places",
           "unsupported", "vocabulary"]


def latin_in(word: str, text: str) -> bool:
    return re.search(rf"(?<![a-z]){re.escape(word)}(?![a-z])", text) is not None


__all__ = ["FILE", "Vocabulary", "covers_en", "covers_ja", "english_words", "is_content", "japanese_words",
           "katakana", "latin_in", "lemmas", "negated_next", "negated_word", "negates", "possessive", "romaji",
           "synonyms", "vocabulary"]
