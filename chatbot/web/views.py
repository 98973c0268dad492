"""The chat tab as plain functions tested without a browser: a turn, its messages and the sources
panel. The Gradio handlers in `chatbot.web.app` only call these."""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from html import escape
from typing import Iterable, Iterator, Mapping

from chatbot import Answer, Citation, Filters, UserError, fallback_notice, stream_answer
from chatbot.limits import LimitError, check_question, clean_history
from chatbot.privacy import personal_data_kinds
from chatbot.web.html import empty_sources_html, mark_text, meta, paragraph_of
from core.cases import Case

log = logging.getLogger(__name__)

ANY = ""                       # dropdown value meaning "no filter"
PENDING = {"ja": "（LLMが回答を作成中です。出典で確認できた場合のみ、この回答と置き換えます…）",
           "en": "(The LLM is writing an answer; it replaces this one only once the passages back it…)"}


def filters_from(region: str | None = ANY, level: str | None = ANY,
                 prefecture: str | None = ANY) -> Filters:
    """The UI's dropdown values as retrieval `Filters` ("" or None: no filter)."""
    return Filters(region=region or "", level=level or "", prefecture=prefecture or "")


def pending_question(question: str | None) -> str:
    """What the UI remembers when it shows the personal-data warning: the question as sent."""
    return (question or "").strip()


def is_confirmed(pending: str | None, question: str | None) -> bool:
    """Whether 「このまま送信」 confirms this question: the one the warning was shown for."""
    return bool(pending) and pending == pending_question(question)


UNEXPECTED = ("回答中にエラーが発生しました。もう一度送信してください。"
              "続くようなら管理者に連絡してください。")


def refusal_markdown(exc: Exception) -> str:
    """What the chat shows under the question box when it cannot answer: a question over a limit
    (the limit's own Japanese message) or any other error (a polite line; the log has the
    trace). The chat, the question and the sources stay as they were."""
    message = str(exc) if isinstance(exc, UserError) else UNEXPECTED
    return f"**⚠ 送信できませんでした。** {escape(message, quote=False)}"


def chat_messages(history: list | None, question: str = "", answer: Answer | None = None) -> list[dict]:
    """The chat history (`clean_history`) plus one turn, in Gradio's messages format, every
    message escaped: the chat shows text, never markup."""
    out = [{"role": m["role"], "content": escape(m["content"], quote=False)} for m in clean_history(history)]
    if question:
        out.append({"role": "user", "content": escape(question, quote=False)})
    if answer is not None:
        out.append({"role": "assistant", "content": chat_text(answer)})
    return out


def chat_text(answer: Answer) -> str:
    """The answer as a chat message, escaped: the Chatbot sanitises HTML (dropping a quoted
    ``<script>`` silently), so entities make it show every character as typed.
    The [n] markers match the numbered source cards. An answer standing in for an LLM answer
    that was not shown ends with the one-line reason."""
    text = answer.text
    if answer.fallback_reason:
        text += "\n\n" + fallback_notice(answer.fallback_reason, answer.lang)
    return escape(text, quote=False)


def case_lookup(cases: Iterable[Case]) -> dict[tuple[str, str], Case]:
    """Cases by (case id, heading), the pair a `Citation` carries."""
    return {(c.id, c.title): c for c in cases}


def served_cases(bot) -> dict[tuple[str, str], Case]:
    """`case_lookup` of the served version, built once per version (10,000 cases: ≈3 ms an answer)."""
    r = bot.retriever()
    return r.memo("case_lookup", lambda: case_lookup(r.cases.values()))


def source_card(citations: list[Citation], case: Case | None, lang: str = "ja") -> str:
    """One cited case: its markers, heading, region/level, each quote highlighted inside its
    paragraph, the 参考: line, and the whole case one click away (<details>)."""
    c = citations[0]
    quotes = [x.passage for x in citations]
    body = case.body if case is not None else "\n".join(quotes)
    source = c.source or (case.source if case is not None else "")
    paragraphs = "\n".join(dict.fromkeys(paragraph_of(body, q) for q in quotes))
    markers = "".join(f"[{x.marker}]" for x in citations)
    full = (f'<details class="source-full"><summary>事例の全文を表示</summary>'
            f'<div class="case-body">{mark_text(body, quotes)}</div></details>'
            if case is not None else "")
    return (f'<div class="source-card" data-case="{escape(c.case)}">'
            f'<div class="source-head"><span class="marker">{markers}</span> '
            f'<b class="source-title">{escape(c.case)}</b> '
            f'<span class="source-meta">{meta(c.region, c.level, c.prefecture)}</span></div>'
            f'<div class="source-passage">{mark_text(paragraphs, quotes)}</div>'
            f'{reasons(citations, lang)}{instruction_warning(citations)}'
            f'<div class="source-ref">{escape(source)}</div>{full}</div>')


def reasons(citations: list[Citation], lang: str = "ja") -> str:
    """Why a listed case is on the list, under its quotes (「該当理由」): what the reader checks
    the highlighted sentence against."""
    said = dict.fromkeys(c.reason for c in citations if c.reason)
    if not said:
        return ""
    head = "該当理由：" if lang == "ja" else "Listed because it "
    return "".join(f'<div class="source-why">{escape(head + r)}</div>' for r in said)


def instruction_warning(citations: list[Citation]) -> str:
    """The warning under a quote that speaks to a reader or a model instead of reporting."""
    flagged = [c for c in citations if c.instruction]
    return "".join(f'<div class="source-warning">[{c.marker}] {escape(c.warning())}</div>' for c in flagged)


def short_sources(groups: list[list[Citation]], lang: str) -> str:
    """Cited cases past the full cards: one line each (markers, heading, first quote), folded."""
    lines = "".join(f'<li><span class="marker">{"".join(f"[{x.marker}]" for x in g)}</span> '
                    f'<b>{escape(g[0].case)}</b>: {escape(g[0].passage)}</li>' for g in groups[:SHORT_LINES])
    rest = len(groups) - SHORT_LINES
    more = (f'<li class="source-meta">{"ほか" if lang == "ja" else "and "}{rest:,}'
            f'{"件（地域・規模で絞り込むと表示します）" if lang == "ja" else " more (narrow by region or level to see them)"}</li>'
            if rest > 0 else "")
    summary = (f"ほか{len(groups):,}件の引用を表示" if lang == "ja" else f"Show the quotes of {len(groups):,} more cases")
    return f'<details class="source-short"><summary>{summary}</summary><ul>{lines}{more}</ul></details>'


def by_case(citations: Iterable[Citation]) -> list[list[Citation]]:
    """Citations grouped by case, in the order each case is first cited."""
    groups: dict[tuple[str, str], list[Citation]] = {}
    for c in citations:
        groups.setdefault((c.case_id, c.case), []).append(c)
    return list(groups.values())


# A list of thousands of cases (a 10,000-case corpus) would make a panel of megabytes that the
# browser lays out and the server keeps per session: the first FULL_CARDS cited cases get their
# card (paragraph, whole case one click away), the next SHORT_LINES one line with their quote, and
# the rest are counted (the answer text and its JSON still list every case).
FULL_CARDS = 100
SHORT_LINES = 1000


def sources_html(answer: Answer, cases: Mapping[tuple[str, str], Case] | None = None) -> str:
    """The sources panel: one card per cited case, then related cases (when no citation)."""
    cases = cases or {}
    groups = by_case(answer.citations)
    cards = [source_card(g, cases.get((g[0].case_id, g[0].case)), answer.lang) for g in groups[:FULL_CARDS]]
    if len(groups) > FULL_CARDS:
        cards.append(short_sources(groups[FULL_CARDS:], answer.lang))
    if not cards:
        msg = "回答に引用した事例はありません。" if answer.lang == "ja" else "No case cited."
        cards.append(f'<div class="sources-empty">{escape(msg)}</div>')
    if answer.related:
        items = "".join(f"<li>{escape(str(r.get('case', '')))}"
                        f" <span class=\"source-meta\">{meta(r.get('region', ''), r.get('level', ''))}</span></li>"
                        for r in answer.related)
        cards.append(f'<div class="related"><b>関連する事例</b><ul>{items}</ul></div>')
    return "\n".join(cards)


@dataclass
class Turn:
    """What one question changes in the chat tab."""

    history: list[dict]
    sources: str
    answer: dict = field(default_factory=dict)     # Answer.to_json(), as `chatbot ask --json`
    last: dict | None = None                       # what feedback on this answer refers to


def chat_turns(bot, question: str, history: list | None, filters: Filters = Filters(),
               user: str = "", *, confirmed: bool = False) -> Iterator[Turn]:
    """Check the limits, ask the bot — the question read as a follow-up of the questions in
    ``history`` (Gradio's messages, as the chat holds them) — and show the answer as it comes.

    With an LLM the extractive answer and its sources are shown at once, with a line saying an
    LLM answer is on its way; it is replaced only by the LLM's verified answer, else kept with
    the one-line reason (the LLM's unverified words are never shown). The audit log gets the
    question (`chatbot.answering.Audit`): redacted when it holds personal data, with where it
    was sent, if it was.

    The answer's JSON gets ``"personal_data": [kinds]`` when the question holds personal data:
    `/chat` callers skip the UI's warning, so they are told this way.

    Args:
        confirmed: the user pressed 「このまま送信」 for this question (personal data warning).

    Raises:
        LimitError: the question is too long or the history is not a chat history (nothing
            was asked or logged).
    """
    from chatbot.answering import Audit

    settings = getattr(bot, "settings", None)
    history = clean_history(history, settings)
    question = check_question(question, settings)
    if not question:
        yield Turn(chat_messages(history), empty_sources_html("質問を入力してください。"))
        return
    kinds = personal_data_kinds(question)
    asked = [m["content"] for m in history if m["role"] == "user"]   # the conversation so far
    cases = None
    for draft in stream_answer(bot, question, filters, confirmed=confirmed, history=asked,
                               audit=Audit(user)):
        if draft.answer is None:
            if draft.provisional is not None and cases is None:     # once: the extractive answer
                cases = served_cases(bot)
                shown = chat_messages(history, question, draft.provisional)
                note = PENDING.get(draft.provisional.lang, PENDING["ja"])
                shown[-1]["content"] += "\n\n" + escape(note, quote=False)
                yield Turn(shown, sources_html(draft.provisional, cases))
            continue
        answer = draft.answer
        cases = cases or served_cases(bot)
        data = answer.to_json()
        if kinds:
            data["personal_data"] = kinds
        last = {"audit_id": draft.audit_id, "question": answer.question, "answer": answer.text,
                "cited": [c.case for c in answer.citations]}
        yield Turn(chat_messages(history, question, answer), sources_html(answer, cases), data, last)


def new_conversation() -> Turn:
    """「新しい会話」: an empty chat; nothing of the previous conversation carries over."""
    return Turn([], empty_sources_html())


def chat_turn(bot, question: str, history: list | None, filters: Filters = Filters(),
              user: str = "", *, confirmed: bool = False) -> Turn:
    """Ask the bot, write the audit log, and render the answer and its sources (the last turn
    of `chat_turns`)."""
    turn = None
    for turn in chat_turns(bot, question, history, filters, user, confirmed=confirmed):
        pass
    return turn


def history_model(settings=None):
    """The chat component's data model with `clean_history` run first, as a validator.

    Gradio validates a request's chat history before any handler runs, and a malformed one of
    50,000 items logged three lines per item; a long one was kept whole in the session. Here
    only the newest text messages within the limits get through, and a malformed history is
    dropped with one log line (the question is still answered, without history).
    """
    from gradio.components.chatbot import ChatbotDataMessages   # heavy: only when serving
    from pydantic import model_validator

    class BoundedHistory(ChatbotDataMessages):
        @model_validator(mode="before")
        @classmethod
        def _limits(cls, value):
            if isinstance(value, ChatbotDataMessages):
                value = value.model_dump()
            try:
                messages = clean_history(value, settings)
            except LimitError as exc:
                log.warning("chat history dropped: %s", exc.detail)
                messages = []
            return [{"role": m["role"], "content": [{"type": "text", "text": escape(m["content"], quote=False)}]}
                    for m in messages]

    return BoundedHistory
