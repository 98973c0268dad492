"""Composition: a `Shaped` answer put into words (`Answer`) — the lead line in the user's
language, one row per quote with its [n] marker, the article version; and the "read as" line of
a follow-up."""
from __future__ import annotations

from dataclasses import replace

from chatbot.qa.catalog import as_of
from chatbot.qa.compose import Answer, Citation, no_answer, render, unclear_answer
from chatbot.qa.evidence.sentences import Quote, weights, words
from chatbot.qa.kinds import SHORT_REPLIES
from chatbot.qa.lead import fact_lead, list_lead, short_name, understood_as
from chatbot.qa.shape.shaped import Shaped
from chatbot.qa.tabular import table_answer


def compose(retriever, shaped: Shaped) -> Answer:
    """The answer to show (its ``question`` is the message as read; the caller sets it as typed)."""
    found = shaped.found
    request = found.request
    q, when = request.q, as_of(retriever)
    if shaped.whole is not None:
        answer = shaped.whole
    elif shaped.lead == "none":
        answer = _none(retriever, shaped, when)
    elif shaped.lead == "not_stated":
        answer = _not_in_case(retriever, shaped, when)
    elif shaped.lead == "table":
        cites = [cite(retriever, i, x) for i, x in enumerate(shaped.quotes, start=1)]
        answer = table_answer(found, cites, found.scoped.scope.describe(q.lang), when,
                              bool(retriever.knowledge.questions.tables["share"].search(q.text)))
    else:
        whys = found.why if shaped.lead == "list" else {}
        cites = [cite(retriever, i, x, whys.get(x.key, ""), q.lang) for i, x in enumerate(shaped.quotes, start=1)]
        if shaped.lead == "list":
            names = [c.case for c in cites]
            total = _total(retriever, found) \
                if retriever.knowledge.questions.tables["share"].search(q.text) else 0
            heading = list_lead(q, found.scoped.scope, found.label, names, total if total >= len(names) else 0)
        elif shaped.lead == "closest":
            names = "、".join(dict.fromkeys(c.case for c in cites))
            heading = (f"記事の{names}の事例には「{found.closest}」についての記述はありません"
                       "（「いいえ」という意味ではなく、記事に書かれていないということです）。"
                       "最も関連する記述は次のとおりです。" if q.lang == "ja" else
                       f"The article's case for {names} does not say anything about '{found.closest}' "
                       "(that is not the same as 'no'). The closest passage:")
        else:
            r = retriever
            related = r.policy.related_to(q.asks)
            heading = "\n".join(
                fact_lead(q, r.knowledge, r.cases[key], found.quotes[key][0], _marker(cites, key),
                          r.gazetteer.english_name(r.cases[key].id), list(request.words.content), r.bm25.idf,
                          related)
                for key in found.keys)
            if len(found.keys) == 1:
                heading += _headline(retriever, q.lang, found.keys[0], list(request.words.content),
                                     dates=found.headline)
            if found.silent:
                names = [short_name(retriever.cases[k]) for k in found.silent]
                heading += (f"\n{'、'.join(names)}：お尋ねの{found.silent_what}の記載はありません" if q.lang == "ja" else
                            f"\n{', '.join(names)}: the article does not state {found.silent_what}")
        answer = Answer(q.text, render(q.text, shaped.kind, cites, q.lang, heading=heading, as_of=when),
                        tuple(cites), (), q.lang, shaped.kind, when)
    topic = request.label or _topic(request.topic)
    lacking = [retriever.knowledge.taxonomy.by_key[f] for f in request.lacking
               if f in retriever.knowledge.taxonomy.by_key]
    said = "" if request.how in SHORT_REPLIES else \
        understood_as(request.how, q, request.scope, _names(retriever, request), q.lang, topic, lacking)
    if said:
        answer = replace(answer, text=f"{said}\n{answer.text}", understood_as=said)
    return answer


def _headline(retriever, lang: str, key: str, content: list, dates: bool = False) -> str:
    """The case's source headline, when it alone holds a word the question asks (「ゴミの分別にも
    使える？」 of 越前市, whose body never says ゴミ: its reference's headline does) or the date
    asked (``dates``: 相模原市's 「実証実験を6/1開始!」) — shown beside the quotes, which cannot say it."""
    case = retriever.cases[key]
    head, colon, rest = case.source.partition(":")
    head = (rest if colon and len(head) <= 6 else case.source).strip()
    if head and dates:
        content = []
    elif not head or not content:
        return ""
    body, said = words(" ".join(case.sentences)), words(head)
    weighted = weights(content, retriever.bm25.idf)
    only = [(g, w) for g, w in weighted if not said.isdisjoint(g) and body.isdisjoint(g)]
    # what the question is about, not a word in passing: half of its weight or more
    if not dates and sum(w for _, w in only) < 0.5 * sum(w for _, w in weighted):
        return ""
    return f"\n（出典記事の見出しには「{head}」とあります）" if lang == "ja" else \
        f"\n(The headline of the cited source reads: 「{head}」)"


def cite(retriever, marker: int, quote: Quote, why: str = "", lang: str = "ja") -> Citation:
    case = retriever.cases[quote.key]
    return Citation(marker, case.title, case.id, case.region, case.level, case.prefecture,
                    quote.text, round(quote.score, 4), case.source, quote.n, why,
                    instruction=quote.n in retriever.instructions(quote.key),
                    reason=reason(retriever, why, lang) if why else "")


def reason(retriever, why: str, lang: str) -> str:
    """Why a case is on a list, in words a reader checks the quote against: the facet its
    sentence states (「『個人情報の入力禁止』に当たる記述」), the question's words it holds, the
    figure asked; "" when the scope alone lists it (every case of 中国地方)."""
    labels = retriever.memo("facet_labels", lambda: {f.key: (f.ja, f.en) for f in retriever.knowledge.taxonomy.facets})
    ja = lang == "ja"
    parts = []
    for part in why.split("+"):
        kind, _, value = part.partition(":")
        if kind == "facet" and value in labels:
            label = labels[value][0 if ja else 1]
            parts.append(f"『{label}』に当たる記述" if ja else f"states '{label}'")
        elif kind == "words" and value:
            held = [w for w in value.split(",") if w]
            parts.append(f"質問の語（{'・'.join(held)}）を含む記述" if ja else f"holds the question's words ({', '.join(held)})")
        elif kind == "said" and value.partition("=")[2]:
            asked, _, own = value.partition("=")
            parts.append(f"質問の「{asked}」を「{own}」と言う記述" if ja else f"says the question's 「{asked}」 as 「{own}」")
        elif kind == "figure":
            parts.append("条件の数値を記載" if ja else "states the figure asked")
        elif kind == "headline":      # only the reference's headline dates it (「6/1開始」)
            parts.append(f"参考記事の見出し「{value}」" if ja else f"its reference's headline says 「{value}」")
    return ("、" if ja else "; ").join(parts)


def _total(retriever, found) -> int:
    """How many cases a share is of (「本格導入の割合は？」): those in scope — of a region or level
    when one is named (「そのうち関東は？」 after it: of all 関東's cases, not of the list on
    screen), else of the cases on screen (「そのうち何割が本格導入？」 after a list)."""
    scope = found.scoped.scope
    if scope.structural:
        scope = replace(scope, case_keys=frozenset())
    return len(replace(found.scoped, scope=scope).keys(retriever))


def _marker(cites: list[Citation], key: str) -> int:
    case_id = key.split(":", 1)[1]
    return next((c.marker for c in cites if c.case_id == case_id), 1)


def _none(retriever, shaped: Shaped, when: str) -> Answer:
    found = shaped.found
    q, scope = found.request.q, found.scoped.scope
    if found.none == "place":
        return _place_not_in_article(retriever, q, found.scoped.missing, when)
    if found.none in ("unclear",) + SHORT_REPLIES:
        return unclear_answer(q.text, q.lang, len(retriever.cases), when, found.none)
    if found.none == "absent":
        absent = found.request.words.absent
        about = f"「{'・'.join(absent)}」に触れている" if q.lang == "ja" else f"mentioning {', '.join(absent)}"
        return no_answer(q.text, q.lang, about=about, as_of=when)
    if found.none == "facet":
        label = "・".join(f.ja if q.lang == "ja" else f.en for f in q.facets)
        where = scope.describe(q.lang)
        if found.request.how == "narrow" and scope.case_keys:    # 「そのうちBardも…」: none of those on screen
            n = len(scope.case_keys)
            where = f"直前に挙げた{n}件のうち{where}" if q.lang == "ja" else f"among the {n} cases just listed{', ' + where if where else ''}"
        about = (f"{where}で「{label}」に当たる" if where else f"「{label}」に当たる") if q.lang == "ja" \
            else f"matching '{label}'" + (f" ({where})" if where else "")
        return no_answer(q.text, q.lang, about=about, related=_related(retriever, found), as_of=when,
                         partial=True)
    if found.none == "on_screen":
        # (the words of the message none of the cases just listed writes: 「直前に挙げた4件のうち…」)
        n, said = len(scope.case_keys), "・".join(found.narrowed_by)
        about = f"直前に挙げた{n}件のうち「{said}」に触れている" if q.lang == "ja" \
            else f"among the {n} cases just listed mentioning {said}"
        return no_answer(q.text, q.lang, about=about, as_of=when)
    if found.none == "elsewhere":
        return _elsewhere(retriever, found, when)
    return no_answer(q.text, q.lang, related=_related(retriever, found), as_of=when, partial=True)


def _elsewhere(retriever, found, when: str) -> Answer:
    """No case in the question's scope, though cases outside it have what it asks: say so, and
    name where the article has it (not cited: they are not the answer) — 「記事には都道府県で
    当てはまる事例はありません。都道府県以外では、記事に兵庫県神戸市の事例があります。」"""
    q = found.request.q
    ja = q.lang == "ja"
    where = found.scoped.scope.describe(q.lang)
    if found.label:
        about = f"{where}で「{found.label}」に当たる" if ja else f"matching '{found.label}' ({where})"
    else:
        about = f"{where}でこの質問に当てはまる" if ja else f"({where}) that answers this question"
    answer = no_answer(q.text, q.lang, about=about, as_of=when)
    related = _related(retriever, found)
    names = "、".join(r["case"] for r in related)
    text = answer.text + (f"\n{where}以外では、記事に{names}の事例があります。" if ja
                          else f"\nOutside that scope, the article has it for {names}.")
    return replace(answer, text=text, related=related)


def _related(retriever, found) -> tuple[dict, ...]:
    cases = [retriever.cases[key] for key in found.related if key in retriever.cases]
    return tuple({"case": c.title, "region": c.region, "level": c.level} for c in cases)


def _not_in_case(retriever, shaped: Shaped, when: str) -> Answer:
    """The named case does not state what was asked: say so, cite nothing, offer the case."""
    found = shaped.found
    q = found.request.q
    cases = [retriever.cases[key] for key in found.keys]
    names = "、".join(c.title for c in cases)
    text = (f"記事の{names}の事例には、お尋ねの{found.not_stated}についての記述はありません。"
            if q.lang == "ja" else f"The article's case for {names} does not {found.verb} {found.not_stated}.")
    related = tuple({"case": c.title, "region": c.region, "level": c.level} for c in cases)
    return Answer(q.text, text, (), related, q.lang, "none", when)


def _place_not_in_article(retriever, q, place, when: str) -> Answer:
    """The article has no case for this place; offer the cases of its prefecture as related."""
    pref = place.prefecture or (place.name if place.kind == "prefecture" else "")
    related = []
    if pref:
        ids = set(retriever.gazetteer.cases_in_prefecture(pref))
        related = [{"case": c.title, "region": c.region, "level": c.level}
                   for c in retriever.cases.values() if c.id in ids]
    about = f"{place.name}の" if q.lang == "ja" else f"for {place.name}"
    return no_answer(q.text, q.lang, about=about, related=tuple(related), as_of=when)


def _topic(text: str) -> str:
    """A question shown as what a list was of (shortened)."""
    text = text.strip()
    return text if len(text) <= 40 else text[:39] + "…"


def _names(retriever, request) -> list[str]:
    """The places or cases a follow-up was read as being about, in the answer's language."""
    q = request.q
    if request.how == "compare":
        return [retriever.cases[key].title for key in request.carried if key in retriever.cases]
    if request.how == "place":
        ids = [(p.case_ids[0] if p.case_ids else "", p.name) for p in q.places]
    elif request.how == "detail":
        ids = [(retriever.cases[key].id, retriever.cases[key].title) for key in request.carried]
    else:
        return []
    if q.lang == "ja":
        return [name for _, name in ids]
    return [f"{retriever.gazetteer.english_name(cid)} ({name})" if cid and
            retriever.gazetteer.english_name(cid) else name for cid, name in ids]


__all__ = ["cite", "compose"]
