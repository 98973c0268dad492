"""An English "which …" list less the cases listed for verbs alone.

An English question is read into Japanese word by word: "teach" is 伝える or 育てる, "ask" is
尋ねる or 聞く. A verb says what is done, and the article does many things in those verbs; what
the question is about is its nouns ("swimming lessons", "staff … report"). A case whose quote
holds none of the question's nouns, only its verbs (「出荷する農家が話した育て方…を伝える」 for
"teach swimming lessons"), was listed for a word every kind of case may write: it is not what
was asked. "No such case" when no listed case is left.

Not the pieces of one verb the case writes as one (見る + 送る of "decided not to use" in
「見送った」): that verb is what the question asked.
"""
from __future__ import annotations

from dataclasses import replace

from chatbot.qa.evidence.found import Found
from core.text import predicates


def without_verbs_only(retriever, found: Found) -> Found:
    """``found`` less the cases listed for the question's verbs alone (see the module)."""
    scoped = found.scoped
    request = scoped.request
    if request.q.reading != "en" or request.q.intent not in ("list", "count") or request.follow_up \
            or scoped.scope.case_keys or found.facet or found.source not in ("support", "search") or not found.keys:
        return found
    keys = tuple(k for k in found.keys if not _verbs_only(found.why.get(k, ""), found.reasons.get(k)))
    if keys == found.keys:
        return found
    if not keys:
        return Found(scoped, "none", none="no_case")
    return replace(found, keys=keys, quotes={k: found.quotes[k] for k in keys if k in found.quotes},
                   reasons={k: found.reasons[k] for k in keys if k in found.reasons},
                   why={k: found.why[k] for k in keys if k in found.why})


def _verbs_only(why: str, quote) -> bool:
    """Whether a case's reason ("words:伝える,育てる") holds verbs alone, not written as one verb
    in its quote (見る + 送る in 「見送った」)."""
    if not why.startswith("words:") or quote is None:
        return False
    held = [t for t in why.removeprefix("words:").split(",") if t]
    if not held or not all(t in predicates(t) for t in held):
        return False
    return "".join(t[:-1] for t in held) not in quote.text


__all__ = ["without_verbs_only"]
