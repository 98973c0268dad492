"""Answer policy: decide which cases answer a question and which sentences prove it."""
from __future__ import annotations

from chatbot.compose import Answer, citation, language, no_answer, render
from chatbot.retrieve import Filters, Retriever

MAX_CASES = 5
RELATIVE_CUTOFF = 0.6   # keep cases scoring at least this share of the best one
DENSE_FLOOR = 0.80      # below this cosine and with no lexical match, the article has no answer


def answer_question(retriever: Retriever, question: str, filters: Filters = Filters()) -> Answer:
    """Answer a question from the retrieved cases, or say the article has none."""
    lang = language(question)
    as_of = _as_of(retriever)
    question = question.strip()
    if not question:
        return no_answer(question, lang, as_of=as_of)
    ranked = retriever.search(question, filters)
    if not ranked:
        return no_answer(question, lang, as_of=as_of)
    top = ranked[0]
    best = top.hits[0]
    if best.dense < DENSE_FLOOR and best.lexical <= 0:
        return no_answer(question, lang, as_of=as_of)
    chosen = [c for c in ranked if c.score >= RELATIVE_CUTOFF * top.score][:MAX_CASES]
    cites = [citation(i, c) for i, c in enumerate(chosen, start=1)]
    kind = "fact" if len(cites) == 1 else "list"
    return Answer(question, render(question, kind, cites, lang, as_of=as_of), tuple(cites), (),
                  lang, kind, as_of)


def _as_of(retriever: Retriever) -> str:
    versions = [a.get("version", "") for a in retriever.index.articles]
    return " / ".join(v for v in versions if v)
