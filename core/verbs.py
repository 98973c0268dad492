"""Verbs a question and a sentence share only in appearance: a noun that is a verb's 連用形
(「議事録づくり」's 作り says what is done, as 作る does), and a verb written only as the second
half of a compound (「取り組む」 is not 「組む」)."""
from __future__ import annotations

import functools
import re

from core.text import morphemes, nfkc


def verb_nouns(text: str) -> set[str]:
    """The nouns of a text that are a verb's 連用形, as `tokenize` normalises them (「議事録づくり」's
    作り, of 作る): they say what is done, as the verb does."""
    return {m.normalized_form().lower() for m in morphemes(nfkc(text).lower(), "A")
            if m.part_of_speech()[0] == "名詞" and _of_a_verb(m.normalized_form())}


def verb_alone(text: str, verb: str) -> bool:
    """Whether a text writes a verb (as `tokenize` normalises it) on its own, not only as the
    second half of a compound verb: 「取り組む」's 組む follows 取り, a verb's 連用形, and is not
    「企業と組む」."""
    ms = morphemes(nfkc(text).lower(), "A")
    for i, m in enumerate(ms):
        if m.normalized_form().lower() != verb:
            continue
        before = ms[i - 1].part_of_speech() if i else ()
        if not (before and before[0] == "動詞" and before[5].startswith("連用形")):
            return True
    return False


def compound_verbs(text: str) -> list[tuple[str, str, str]]:
    """The compound verbs of a text that `tokenize` splits into two verbs (「問い合わせる」 → 問う,
    合わせる; 「申し込んだ」 → 申す, 込む), each as its two verbs and its noun — the 連用形 of the
    whole, as `tokenize` normalises it (問い合わせ, 申し込み) — when that is one word."""
    from core.text import tokenize

    ms = morphemes(nfkc(text).lower(), "A")
    out = []
    for a, b in zip(ms, ms[1:]):
        pa, pb = a.part_of_speech(), b.part_of_speech()
        if pa[0] != "動詞" or pb[0] != "動詞" or not pa[5].startswith("連用形") or a.end() != b.begin():
            continue
        verb = b.dictionary_form()
        if pb[4].startswith("五段") and verb[-1:] in _I_ROW:
            tail = verb[:-1] + _I_ROW[verb[-1]]
        elif pb[4].startswith(("上一段", "下一段")) and verb.endswith("る"):
            tail = verb[:-1]
        else:
            continue
        toks = tokenize(a.surface() + tail)
        if len(toks) == 1 and toks[0] not in (a.normalized_form(), b.normalized_form()):
            out.append((a.normalized_form(), b.normalized_form(), toks[0]))
    return out


# A godan verb's 連用形 ends in its i-row kana; the verb in the u-row one (作り → 作る).
_U_ROW = dict(zip("いきぎしちにびみり", "うくぐすつぬぶむる"))
_I_ROW = {u: i for i, u in _U_ROW.items()}


def _of_a_verb(noun: str) -> bool:
    """Whether a noun is a godan verb's 連用形 written with its kanji (作り, 組み, 見直し): the
    verb it ends like reads as one verb (a noun all in kana, 「まとめ」, is left as it is)."""
    if len(noun) < 2 or noun[-1] not in _U_ROW or not re.match(r"[一-龥]", noun):
        return False
    verb = noun[:-1] + _U_ROW[noun[-1]]
    ms = morphemes(verb, "C")
    return len(ms) == 1 and ms[0].part_of_speech()[0] == "動詞" and ms[0].normalized_form() == verb


@functools.lru_cache(maxsize=4096)
def of_a_verb(noun: str) -> bool:
    """Whether a word is a verb's 連用形 noun (作り, 狙い, 有り): it says what is done, as a verb."""
    return _of_a_verb(noun)


__all__ = ["compound_verbs", "of_a_verb", "verb_alone", "verb_nouns"]
