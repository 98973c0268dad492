"""Text as every layer reads it: NFKC, sentences, language, and the one Sudachi service.

SudachiPy tokenizers are not thread-safe ("Tokenizer is already in use" when two threads share
one), so each thread gets its own tokenizer per split mode from one shared dictionary.
"""
from __future__ import annotations

import re
import threading
import unicodedata
from functools import lru_cache

SENTENCE_END = "。！？!?"
# Sudachi refuses inputs over ~49 KB of UTF-8; longer text is tokenized in pieces cut at
# sentence ends (an article's case is a few hundred characters, a question is capped far lower).
_MAX_CHARS = 8000
# Parts of speech that carry no topic: particles, auxiliaries, punctuation, blanks.
_SKIP_POS = {"助詞", "助動詞", "補助記号", "空白", "記号"}
_ASCII_WORD = re.compile(r"[a-z0-9]+")
_ASCII = re.compile(r"[\x00-\x7f]+")
_LATIN_WORD = re.compile(r"[A-Za-z]+")
# URLs and e-mail addresses (no nested quantifiers: linear on any input)
_CODE = re.compile(r"[A-Za-z][A-Za-z0-9+.-]{0,15}://[^\s\"'<>()「」]*|(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def normalize(text: str) -> str:
    """NFKC plus collapsed whitespace: the form every comparison uses."""
    return re.sub(r"\s+", " ", nfkc(text)).strip()


def split_sentences(body: str) -> tuple[str, ...]:
    """Sentences of a body: split at 。！？ and line ends, never inside 「」『』（）."""
    out: list[str] = []
    for line in body.splitlines():
        depth, start = 0, 0
        for i, ch in enumerate(line):
            if ch in "「『（(":
                depth += 1
            elif ch in "」』）)":
                depth = max(0, depth - 1)
            elif ch in SENTENCE_END and depth == 0:
                out.append(line[start:i + 1])
                start = i + 1
        out.append(line[start:])
    return tuple(s.strip() for s in out if s.strip())


def script_weights(text: str) -> tuple[float, float]:
    """(Japanese, Latin): how much of a text each script writes, in about-one-word units.

    A Latin word counts one; a hiragana counts one (it writes Japanese grammar: particles,
    endings); a kanji or katakana counts a third (about three make one Japanese word). URLs and
    e-mail addresses are code, not language, and count nothing. So a Japanese sentence that
    names an English product (「Azure OpenAI Serviceを使っている自治体は？」: 3 against 7.3) or
    starts with a spreadsheet formula is Japanese, and an English one that names a place in
    kanji ("What did 神奈川県厚木市 do?": 3 against 2.3) is English.
    """
    t = _CODE.sub(" ", nfkc(text))
    latin = len(_LATIN_WORD.findall(t))
    hiragana = sum(1 for c in t if "\u3041" <= c <= "\u309f")
    other = sum(1 for c in t if "\u30a0" <= c <= "\u30ff" or "\u3400" <= c <= "\u9fff" or c in "々〆")
    return hiragana + other / 3, float(latin)


def language(text: str) -> str:
    """'en' when Latin script writes more of the text than Japanese (`script_weights`), else
    'ja' (also for a text with neither). The question's language and the check of an LLM
    answer's language both use this."""
    japanese, latin = script_weights(text)
    return "en" if latin > japanese else "ja"


# --- Sudachi ----------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _dictionary():
    from sudachipy import Dictionary  # loads the dictionary (~0.3 s): only when first needed

    return Dictionary(dict="core")


_local = threading.local()


def _tokenizer(mode: str):
    """This thread's tokenizer for split mode "A" (short units) or "C" (named entities)."""
    tokenizers = getattr(_local, "tokenizers", None)
    if tokenizers is None:
        tokenizers = _local.tokenizers = {}
    tok = tokenizers.get(mode)
    if tok is None:
        from sudachipy import SplitMode

        tok = tokenizers[mode] = _dictionary().create(getattr(SplitMode, mode))
    return tok


def _pieces(text: str) -> list[str]:
    if len(text) <= _MAX_CHARS:
        return [text]
    out, start = [], 0
    while start < len(text):
        end = min(len(text), start + _MAX_CHARS)
        if end < len(text):
            cut = max(text.rfind(c, start, end) for c in SENTENCE_END + "\n ")
            end = cut + 1 if cut > start else end
        out.append(text[start:end])
        start = end
    return out


def morphemes(text: str, mode: str = "C") -> list:
    """Sudachi morphemes of a text (mode "A" or "C"), safe to call from any thread.

    Offsets (``begin()``/``end()``) are those of the text given when it is short; a text long
    enough to be cut into pieces gives offsets within each piece.
    """
    tok = _tokenizer(mode)
    out = []
    for piece in _pieces(text):
        out.extend(tok.tokenize(piece))
    return out


def tokenize(text: str, stopwords: frozenset[str] | None = None) -> list[str]:
    """Normalised content tokens (Sudachi mode A, dictionary forms; ASCII words lowercased).

    Args:
        stopwords: words to drop; default the knowledge's lexical stoplist.
    """
    if stopwords is None:
        from core.knowledge import knowledge

        stopwords = knowledge().stopwords.lexical
    # (a short text — a glossary or dictionary word, tokenized for each question — is remembered)
    return list(_short_tokens(text, stopwords)) if len(text) <= 32 else _tokens(text, stopwords)


@lru_cache(maxsize=16384)
def _short_tokens(text: str, stopwords: frozenset[str]) -> tuple[str, ...]:
    return tuple(_tokens(text, stopwords))


def _tokens(text: str, stopwords: frozenset[str]) -> list[str]:
    out = []
    for m in morphemes(nfkc(text).lower(), "A"):
        if m.part_of_speech()[0] in _SKIP_POS:
            continue
        raw = m.surface()
        surface = raw if _ASCII.fullmatch(raw) else m.normalized_form().lower()
        surface = surface.strip()
        if not surface or surface in stopwords or (_ASCII_WORD.fullmatch(surface) and len(surface) < 2):
            continue
        if _ASCII.fullmatch(surface) and not _ASCII_WORD.search(surface):
            continue
        out.append(surface)
    return out


# Words that join alternatives in a question: 「禁止・制限」, 「発言や発表」, 「研修または講習」.
_COORDINATORS = {"・", "や", "又は", "または", "あるいは", "或いは", "もしくは", "若しくは"}
# Parts of speech that frame a word rather than name a topic: suffixes (〜向け, やり方), prefixes
# (お試し) and
# auxiliary-like verbs (〜してくる, 〜している, やり〜).
_FRAME_POS = {("接尾辞",), ("接頭辞",), ("動詞", "非自立可能")}


def word_groups(text: str, stopwords: frozenset[str] | None = None) -> list[tuple[str, ...]]:
    """A question's content words as `tokenize` gives them, grouped into alternatives: words
    joined by ・, や, または … or followed by a paraphrase in brackets (「記者会見（定例会見）」) form
    one group (any of them answers); every other word is a group of its own. Suffixes and
    auxiliary verbs are left out, and a one-character word never joins a group (「勉強会」's 会)."""
    if stopwords is None:
        from core.knowledge import knowledge

        stopwords = knowledge().stopwords.lexical
    tokens: list[str] = []
    parent: list[int] = []
    head = -1            # the head (last word of two characters or more) of the compound so far
    pending = -1         # the head of a conjunct waiting for the head of the one after it

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def close():
        """A compound ended: its head joins the conjunct before the coordinator (Japanese
        compounds end in their head: 「情報漏えいや情報流出」 joins 漏えい with 流出)."""
        nonlocal pending
        if pending >= 0 and head >= 0 and head != pending:
            parent[find(head)] = find(pending)
        pending = -1

    for raw, pos, normalized in _question_morphemes(text):
        if raw in _COORDINATORS or raw in "(（":
            close()
            pending, head = head, -1
            continue
        if raw in ")）":
            close()
            continue
        surface = raw if _ASCII.fullmatch(raw) else normalized.lower()
        surface = surface.strip()
        if pos[0] in _SKIP_POS or pos[:1] in _FRAME_POS or pos[:2] in _FRAME_POS or not surface \
                or surface in stopwords or (_ASCII_WORD.fullmatch(surface) and len(surface) < 2) \
                or (_ASCII.fullmatch(surface) and not _ASCII_WORD.search(surface)):
            if pos[0] in _SKIP_POS:
                close()                          # a particle ends the phrase
                head = -1
            continue
        tokens.append(surface)
        parent.append(len(parent))
        if len(surface) > 1:                     # 「勉強会」: 勉強 is its head, not 会
            head = len(tokens) - 1
    close()
    groups: dict[int, list[str]] = {}
    for i, t in enumerate(tokens):
        groups.setdefault(find(i), []).append(t)
    return [tuple(dict.fromkeys(g)) for g in groups.values()]


def _question_morphemes(text: str):
    """A question's morphemes (Sudachi mode A) as (surface, part of speech, normalised form),
    with a verb that mode A splits only into auxiliary-like pieces (「見直し」 → 見 + 直し, both
    非自立可能, which every question reader leaves out) kept whole, as mode C reads it."""
    text = nfkc(text).lower()
    whole = {}
    for m in morphemes(text, "C"):
        if m.part_of_speech()[0] == "動詞" and m.end() - m.begin() > 1:
            whole[m.begin()] = m
    out, split, i = [], list(morphemes(text, "A")), 0
    while i < len(split):
        m = split[i]
        c = whole.get(m.begin())
        if c is not None and c.end() > m.end():
            j = i      # the pieces of that verb only: a long question stays linear
            while j < len(split) and split[j].begin() < c.end():
                j += 1
            if all(p.part_of_speech()[:2] in _FRAME_POS for p in split[i:j]):
                out.append((c.surface(), ("動詞", "一般"), c.normalized_form()))
                i = j
                continue
        out.append((m.surface(), m.part_of_speech(), m.normalized_form()))
        i += 1
    return out


# 「AしたりBしたり」: the one coordinator that comes in pairs (the second closes the list).
_TARI = {"たり", "だり"}


def phrases(text: str, stopwords: frozenset[str] | None = None) -> tuple[list[list[tuple[str, ...]]], list[tuple[str, tuple[str, ...]]]]:
    """How a question's content words hang together, beyond `word_groups`.

    Returns:
        coordinations: each a list of its conjuncts' tokens — 「論点の洗い出しや政策課題の整理」
            → [(論点, 洗い出し), (政策, 課題, 整理)], 「検証したり把握したり」 → [(検証,), (把握,)];
            what follows the last conjunct's の is shared by all when the first has no の
            (「情報漏えいや情報流出の心配」: 心配 is not the second one's).
        compounds: runs of two or more nouns written together (「デジタル戦略」), as their text
            and tokens: a sentence says the compound only when it writes it so.
    """
    if stopwords is None:
        from core.knowledge import knowledge

        stopwords = knowledge().stopwords.lexical
    coordinations: list[list[tuple[str, ...]]] = []
    compounds: list[tuple[str, tuple[str, ...]]] = []
    conjuncts: list[list[str]] = []     # the conjuncts so far of an open coordination
    phrase: list[str] = []              # the current conjunct's tokens
    no_marks: list[int] = []            # where each の fell in the current conjunct
    firsts_no = 0                       # how many の the first conjunct had
    tari = False
    run: list[tuple[str, str]] = []     # nouns written together: (surface, token)

    def end_run():
        if len(run) > 1:
            compounds.append(("".join(s for s, _ in run), tuple(t for _, t in run)))
        run.clear()

    def finish():
        nonlocal firsts_no, tari
        if conjuncts:
            last = list(phrase)
            if no_marks and firsts_no < len(no_marks):
                last = last[:no_marks[-1]]       # the shared head after the last の
            items = [tuple(c) for c in conjuncts + [last] if c]
            if len(items) > 1:
                coordinations.append(items)
        conjuncts.clear()
        phrase.clear()
        no_marks.clear()
        firsts_no, tari = 0, False

    for raw, pos, normalized in _question_morphemes(text):
        if raw in _TARI and pos[0] == "助詞":
            end_run()
            if tari:
                conjuncts.append(list(phrase))
                phrase.clear()
                finish()
            else:
                conjuncts.clear()
                conjuncts.append(list(phrase))
                phrase.clear()
                no_marks.clear()
                tari = True
            continue
        if raw in _COORDINATORS:
            end_run()
            if not conjuncts:
                firsts_no = len(no_marks)
            conjuncts.append(list(phrase))
            phrase.clear()
            no_marks.clear()
            continue
        if pos[0] in _SKIP_POS or raw in "()（）":
            end_run()
            if raw == "の" and pos[1] == "格助詞":
                no_marks.append(len(phrase))     # 「論点の洗い出し」: still one conjunct
            elif not tari:
                finish()
            continue
        surface = raw if _ASCII.fullmatch(raw) else normalized.lower()
        surface = surface.strip()
        if pos[:1] in _FRAME_POS or pos[:2] in _FRAME_POS or not surface or surface in stopwords:
            end_run()
            continue
        phrase.append(surface)
        if pos[0] == "名詞" and len(raw) > 1 and not _ASCII.fullmatch(raw):
            run.append((raw, surface))
        else:
            end_run()
    end_run()
    finish()
    return coordinations, compounds


def written_together(tokens: list[str], run: tuple[str, ...]) -> bool:
    """Whether `tokenize`'s tokens of a text hold ``run`` one after the other, one-character
    tokens aside (「本格的導入」: 的 does not part 本格 and 導入)."""
    tokens = [t for t in tokens if len(t) > 1]
    n = len(run)
    return any(tuple(tokens[i:i + n]) == run for i in range(len(tokens) - n + 1))


def modifies_another(text: str, word: str, after: str) -> bool:
    """Whether a text writes ``word`` only inside another compound, between two nouns the next of
    which is not ``after`` (「消費生活センター」's 生活 is not the 生活 of 生活保護, whose next word is
    保護; 「生活の保護」, 「生活を守る」 or 「日常生活」 still are)."""
    ms = morphemes(nfkc(text).lower(), "A")
    forms = [m.normalized_form().lower() for m in ms]
    at = [i for i, form in enumerate(forms) if form == word]
    return bool(at) and all(0 < i < len(ms) - 1 and ms[i - 1].part_of_speech()[0] == "名詞"
                            and ms[i + 1].part_of_speech()[0] == "名詞" and forms[i + 1] != after
                            for i in at)


def predicates(text: str, adjectives: bool = True) -> set[str]:
    """The verbs (and adjectives) of a text, as `tokenize` normalises them (「確かめる」, 「新しい」)."""
    kinds = ("動詞", "形容詞") if adjectives else ("動詞",)
    return {normalized.lower() for _, pos, normalized in _question_morphemes(text) if pos[0] in kinds}


def suru_nouns(text: str) -> set[str]:
    """The nouns written in hiragana a text makes verbs of with する (「やりとりする」 → 遣り取り),
    as `tokenize` normalises them: a way of saying what is done, as a verb is (not 「起業する」,
    whose noun is the topic)."""
    found, before = set(), None
    for raw, pos, normalized in _question_morphemes(text):
        if normalized == "為る" and before is not None:
            found.add(before)
        before = normalized.lower() if pos[0] == "名詞" and pos[2:3] == ("サ変可能",) \
            and _HIRAGANA_WORD.fullmatch(raw) else None
    return found


_HIRAGANA_WORD = re.compile(r"[ぁ-ゖー]{2,}")


def adverbs(text: str, adjectival: bool = False) -> set[str]:
    """The adverbs of a text, as `tokenize` normalises them (「まだ」 → 未だ, 「よく」 → 良く), and
    with ``adjectival`` its na-adjectives too (「いろいろな」 → 色々, 「さまざまな」 → 様々)."""
    ms = _question_morphemes(text)
    out = {normalized.lower() for _, pos, normalized in ms if pos[0] == "副詞"}
    if adjectival:     # said as an adjective (「いろいろな」, 「様々に」), not a compound's stem (温暖化)
        out |= {n.lower() for (_, pos, n), (nxt, _, _) in zip(ms, ms[1:] + [("", ("",), "")])
                if pos[0] == "形状詞" and nxt in ("な", "に", "で", "だ", "の")}
    return out


__all__ = ["adverbs", "language", "morphemes", "nfkc", "normalize", "predicates", "script_weights", "split_sentences",
           "phrases", "suru_nouns", "tokenize", "word_groups", "written_together"]
