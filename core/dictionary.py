"""English → Japanese words from JMdict, for English words the domain glossary does not know.

JMdict (the Electronic Dictionary Research and Development Group's Japanese–English dictionary,
CC BY-SA 4.0) ships as an SQLite file in the `jamdict-data` package and is read here offline and
read-only: the Japanese headwords whose English gloss is exactly the word ("project" → 事業,
企画, プロジェクト …). Senses are many and noisy, so callers keep only the words the article
itself uses; a word JMdict does not know gives nothing (it is never a reason to abstain).
"""
from __future__ import annotations

import re
import sqlite3
import threading
from functools import lru_cache
from pathlib import Path

_local = threading.local()
# A sense JMdict tags as an auxiliary (可き, 可い "must", 様だ "like", 無い "not") is grammar, not
# a word for a thing: "must" is no 良い (可い's reading) that a case must write.
_QUERY = """
    SELECT DISTINCT k.text FROM SenseGloss g JOIN Sense s ON s.ID = g.sid
      JOIN Kanji k ON k.idseq = s.idseq WHERE g.text = ? AND g.lang = 'eng'
      AND NOT EXISTS (SELECT 1 FROM pos p WHERE p.sid = s.ID AND p.text LIKE 'auxiliary%')
    UNION
    SELECT DISTINCT k.text FROM SenseGloss g JOIN Sense s ON s.ID = g.sid
      JOIN Kana k ON k.idseq = s.idseq WHERE g.text = ? AND g.lang = 'eng' AND k.nokanji = 1
      AND NOT EXISTS (SELECT 1 FROM pos p WHERE p.sid = s.ID AND p.text LIKE 'auxiliary%')
"""
# Entries written without kanji (コールセンター, ワークショップ): their readings are not flagged
# nokanji. Only the katakana ones are kept (loanwords), not これ or びっ.
_LOANWORDS = """
    SELECT DISTINCT k.text FROM SenseGloss g JOIN Sense s ON s.ID = g.sid
      JOIN Kana k ON k.idseq = s.idseq WHERE g.text = ? AND g.lang = 'eng'
      AND NOT EXISTS (SELECT 1 FROM Kanji j WHERE j.idseq = k.idseq)
"""
_KATAKANA = re.compile(r"[ァ-ヶー・]+")


@lru_cache(maxsize=1)
def _path() -> Path | None:
    try:
        import jamdict_data  # the packaged JMdict database; absent → no dictionary
    except ImportError:
        return None
    path = Path(jamdict_data.__file__).parent / "jamdict.db"
    return path if path.is_file() else None


def _connection() -> sqlite3.Connection | None:
    """This thread's read-only connection (sqlite3 connections stay in their thread)."""
    con = getattr(_local, "con", None)
    if con is None and _path() is not None:
        con = _local.con = sqlite3.connect(f"file:{_path()}?mode=ro", uri=True)
    return con


def _forms(word: str) -> list[str]:
    """The word, then the forms an English inflection drops to: taxes → tax, automated →
    automate, mapping → map, quickly → quick (a phrase inflects in its last word)."""
    head, _, last = word.rpartition(" ")
    head = f"{head} " if head else ""
    out = [last]
    if last.endswith(("ies", "ied")) and len(last) > 4:
        out.append(last[:-3] + "y")            # worried → worry
    if last.endswith("es") and len(last) > 3:
        out.append(last[:-2])
    if last.endswith("s") and not last.endswith("ss") and len(last) > 3:
        out.append(last[:-1])
    for suffix in ("ed", "ing"):
        if last.endswith(suffix) and len(last) > len(suffix) + 3:
            stem = last[:-len(suffix)]
            out += [stem + "e", stem]
            if len(stem) > 3 and stem[-1] == stem[-2]:
                out.append(stem[:-1])          # mapping → map
    if last.endswith("ly") and len(last) > 5:
        out.append(last[:-2])
    if last.endswith(("tre", "tres")) and len(last) > 5:
        out.append(last.replace("tres", "ters").replace("tre", "ter"))   # centre → center
    return [head + f for f in dict.fromkeys(out)]


def forms(word: str) -> tuple[str, ...]:
    """The word and the forms an English inflection drops to (public `_forms`)."""
    return tuple(_forms(word))


@lru_cache(maxsize=4096)
def gloss_words(word: str) -> frozenset[str]:
    """Every English word of the glosses of the first sense of a Japanese word in kanji or kana
    (漏洩 → "leak", "of", "secrets", …, "disclosure", "divulging"; not 定期's "futures contracts")."""
    con = _connection()
    if con is None or not word:
        return frozenset()
    rows = con.execute(_SENSES, (word,)).fetchall() or con.execute(_SENSES_KANA, (word,)).fetchall()
    return frozenset(w for sid, text in rows if sid == rows[0][0] for w in _WORD.findall(text.lower()))


@lru_cache(maxsize=4096)
def japanese(word: str) -> tuple[str, ...]:
    """Japanese headwords JMdict glosses with exactly ``word`` or one of its uninflected forms
    (every form's headwords: "taxes" is glossed 租税, "tax" 税)."""
    con = _connection()
    if con is None:
        return ()
    found: list[str] = []
    for form in _forms(word.lower().strip()):
        found += [r[0] for r in con.execute(_QUERY, (form, form)).fetchall()]
        found += [r[0] for r in con.execute(_LOANWORDS, (form,)).fetchall() if loanword(r[0])]
    return tuple(dict.fromkeys(found))


_AUXILIARY = """
    SELECT 1 FROM SenseGloss g JOIN pos p ON p.sid = g.sid
      WHERE g.text = ? AND g.lang = 'eng' AND p.text LIKE 'auxiliary%' LIMIT 1
"""


@lru_cache(maxsize=4096)
def auxiliary(word: str) -> bool:
    """Whether JMdict glosses an English word with an auxiliary (可き, 可い "must"; 止まない
    "always"): a modal or a word of degree, grammar that says nothing of which case is meant."""
    con = _connection()
    return con is not None and con.execute(_AUXILIARY, (word.lower().strip(),)).fetchone() is not None


def loanword(word: str) -> bool:
    """Whether a Japanese word is written in katakana alone (コールセンター), as loanwords are."""
    return bool(_KATAKANA.fullmatch(word))


@lru_cache(maxsize=4096)
def verbs(word: str) -> tuple[str, ...]:
    """Japanese verbs JMdict glosses "to <word>" (or one of its uninflected forms): the article
    says what an English verb asks ("stop", "collect", "occurs") in its own verbs, which
    `japanese` does not find — JMdict glosses verbs with a leading "to"."""
    word = word.lower().strip()
    return japanese(f"to {word}") if word and not word.startswith("to ") else ()


# `+g.lang`: without the `+` SQLite walks the index of every English gloss (≈140 ms a word,
# on every question with an unknown word) instead of the headword's own rows (≈0.1 ms).
_SENSES = """
    SELECT s.ID, g.text FROM Kanji k JOIN Sense s ON s.idseq = k.idseq
      JOIN SenseGloss g ON g.sid = s.ID WHERE k.text = ? AND +g.lang = 'eng' ORDER BY s.ID
"""


@lru_cache(maxsize=4096)
def synonyms(word: str, min_shared: int = 3) -> tuple[str, ...]:
    """Japanese words that share at least ``min_shared`` English glosses of the first sense of
    ``word`` (心配: worry, concern, anxiety, fear → 懸念), the nearest synonyms JMdict attests;
    two shared glosses are not near enough (違反 "violation, infringement" is not 侵害).
    Later senses are left out: they are the word's other meanings (心配 "help, aid" → 補助)."""
    con = _connection()
    if con is None:
        return ()
    rows = con.execute(_SENSES, (word,)).fetchall()
    if not rows:
        return ()
    first = [g for sid, g in rows if sid == rows[0][0]]
    shared: dict[str, int] = {}
    for gloss in dict.fromkeys(first):
        for j in japanese(gloss):
            if j != word:
                shared[j] = shared.get(j, 0) + 1
    return tuple(j for j, n in shared.items() if n >= min_shared)


# The English glosses of a headword (kanji spelling, else kana), for `gloss_index`.
_GLOSSES = """
    SELECT g.text FROM Kanji k JOIN Sense s ON s.idseq = k.idseq
      JOIN SenseGloss g ON g.sid = s.ID WHERE k.text = ? AND +g.lang = 'eng'
"""
_GLOSSES_KANA = """
    SELECT g.text FROM Kana k JOIN Sense s ON s.idseq = k.idseq
      JOIN SenseGloss g ON g.sid = s.ID WHERE k.text = ? AND +g.lang = 'eng'
"""
_SENSES_KANA = """
    SELECT s.ID, g.text FROM Kana k JOIN Sense s ON s.idseq = k.idseq
      JOIN SenseGloss g ON g.sid = s.ID WHERE k.text = ? AND +g.lang = 'eng' ORDER BY s.ID
"""
_PAREN = re.compile(r"\([^()]*\)")
_WORD = re.compile(r"[a-z]+")


@lru_cache(maxsize=4096)
def english(word: str) -> tuple[str, ...]:
    """The English glosses of the first sense of a word written in kana (a loanword: ブロック →
    "blocking", "obstructing"), parenthesised notes left out; later senses are its other
    meanings ("physical record")."""
    con = _connection()
    if con is None or not word:
        return ()
    rows = con.execute(_SENSES_KANA, (word,)).fetchall()
    first = [text for sid, text in rows if sid == rows[0][0]] if rows else []
    return tuple(dict.fromkeys(g for text in first if (g := " ".join(_PAREN.sub(" ", text.lower()).split()))))


@lru_cache(maxsize=4096)
def first_glosses(word: str) -> tuple[str, ...]:
    """The one-word English glosses of the first sense of a Japanese word in kanji or kana, a
    verb's leading "to" left out (増える → "increase", "multiply"; 手助け → "assistance"):
    what `gloss_index` is looked up by, to find the article's own words for a Japanese word
    it never writes."""
    con = _connection()
    if con is None or not word:
        return ()
    rows = con.execute(_SENSES, (word,)).fetchall() or con.execute(_SENSES_KANA, (word,)).fetchall()
    first = [_PAREN.sub(" ", text.lower()).split() for sid, text in rows if sid == rows[0][0]] if rows else []
    return tuple(dict.fromkeys(g[-1] for g in first if len(g) == 1 or len(g) == 2 and g[0] == "to"))


# A word a particle leads ("in-house" 社内, "on-site", "off-line") means neither of its halves:
# 社内 is no word for "house".
_OF = frozenset({"to", "of", "for", "against", "from", "with"})
_HIRAGANA = re.compile(r"[ぁ-ゖー]+")
_LED = re.compile(r"\b(?:in|on|off|out|up|down|by|over|under)-[a-z]")


def gloss_index(words) -> dict[str, tuple[str, ...]]:
    """English word → those of ``words`` (an article's vocabulary) that JMdict glosses with a
    noun phrase of at most two words holding it: "water supply" makes 水道 a word for "water",
    "disaster preparedness" 防災 one for "disaster". The reverse of `japanese`: for English words
    whose own headwords the article never writes ("water" is 水, お水), or writes in another
    sense ("screening" is 選考; "health screening" its 検診). Verb glosses ("to throw water onto") and
    longer phrases are left out: they name other things."""
    con = _connection()
    if con is None:
        return {}
    out: dict[str, list[str]] = {}
    for word in words:
        rows = con.execute(_GLOSSES, (word,)).fetchall() or con.execute(_GLOSSES_KANA, (word,)).fetchall()
        for (gloss,) in rows:
            gloss = _PAREN.sub(" ", gloss.lower()).strip()
            parts = _WORD.findall(gloss)
            if len(parts) == 3 and parts[1] in _OF and parts[0] != "to" and not _LED.search(gloss):
                # "resistant to earthquakes" (耐震): a word for "earthquake" only when no shorter
                # gloss reads it (keyed "+earthquake"; see `glossed`)
                for p in dict.fromkeys(_forms(parts[2])):
                    if word not in out.setdefault("+" + p, []):
                        out["+" + p].append(word)
            if not parts or len(parts) > 2 or parts[0] == "to" or _LED.search(gloss):
                continue
            for p in parts:
                if word not in out.setdefault(p, []):
                    out[p].append(word)
    return {k: tuple(v) for k, v in out.items()}


def glossed(word: str, index: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    """The words `gloss_index` gives for ``word``, one of its uninflected forms or the noun a
    verb makes ("recruit" → "recruitment" 採用, "screen" → "screening")."""
    found: list[str] = []
    forms = _forms(word.lower().strip())
    for form in forms + [f + suffix for f in forms[:1] for suffix in ("ment", "ing", "ion")]:
        found += index.get(form, ())
    if not any(len(w) > 1 and not _HIRAGANA.fullmatch(w) for w in found):
        # and of its uninflected forms JMdict reads more as a noun than as a verb, when the word
        # itself names nothing: "awards" → "awarding" (表彰); not "receives" → "receiving" (キャッチ)
        for form in [f + suffix for f in forms[1:] if len(japanese(f)) > len(verbs(f))
                     for suffix in ("ment", "ing", "ion")]:
            found += index.get(form, ())
    # a noun in -ing of a word in -e that JMdict reads more as a noun than as a verb, when no word of
    # two kanji or kana reads it (家, うち): "houses" → "housing" (住宅); not "receives" → "receiving"
    # (キャッチ, a catch)
    if not any(len(w) > 1 and not _HIRAGANA.fullmatch(w) for w in found):
        for f in forms:
            if f.endswith("e") and len(f) > 4 and len(japanese(f)) > len(verbs(f)):
                found += index.get(f[:-1] + "ing", ())
    if not any(len(w) > 1 and not _HIRAGANA.fullmatch(w) for w in found):
        for form in forms:      # the object of a gloss of three words: "earthquake" → 耐震
            found += index.get("+" + form, ())
    if not found:       # an adjective's comparative, when nothing else reads it: "younger" → young (若手)
        for form in _compared(forms[0]):
            if form in index and adjective(form):      # not "manager" → manage, "number" → numb
                found += index[form]
    return tuple(dict.fromkeys(found))


@lru_cache(maxsize=4096)
def senses(word: str) -> tuple[tuple[str, ...], ...]:
    """The English glosses of each sense of a Japanese word written in kanji, in JMdict's order
    (作る → ("to make", "to produce", …), ("to prepare (food)", …), …); empty when unknown."""
    con = _connection()
    if con is None or not word:
        return ()
    out: dict[int, list[str]] = {}
    for sid, text in con.execute(_SENSES, (word,)).fetchall():
        out.setdefault(sid, []).append(text)
    return tuple(tuple(glosses) for glosses in out.values())


def adjective(word: str) -> bool:
    """Whether JMdict's Japanese for an English word holds an adjective (young → 若い)."""
    from core.text import morphemes

    return any(len(ms := morphemes(j)) == 1 and ms[0].part_of_speech()[0] == "形容詞"
               for j in japanese(word) if j.endswith("い"))


def _compared(word: str) -> list[str]:
    """The adjectives a comparative or superlative drops to: younger → young, larger → large,
    bigger → big, earliest → early."""
    out: list[str] = []
    for suffix in ("er", "est"):
        if word.endswith(suffix) and len(word) > len(suffix) + 3:
            stem = word[:-len(suffix)]
            out += [stem, stem + "e"]
            if stem.endswith("i"):
                out.append(stem[:-1] + "y")
            if stem[-1] == stem[-2]:
                out.append(stem[:-1])
    return out


def plans() -> list[str]:
    """SQLite's plan for each lookup (for the test that keeps them on their indexes)."""
    con = _connection()
    if con is None:
        return []
    return [" / ".join(row[-1] for row in con.execute(f"EXPLAIN QUERY PLAN {q}", args))
            for q, args in ((_QUERY, ("tax", "tax")), (_SENSES, ("心配",)), (_SENSES_KANA, ("ブロック",)))]


__all__ = ["adjective", "auxiliary", "english", "first_glosses", "gloss_index", "glossed", "japanese", "loanword", "plans", "senses", "synonyms", "verbs"]
