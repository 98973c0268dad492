"""How the app looks on a phone as on a desktop: style sheets (added to `app.CSS`), the script run on page load, and
Gradio's own labels in Japanese. Static text only; `chatbot.web.app` passes it to `launch`.

On a narrow screen (≤ NARROW px: a phone held upright) the chat tab is one column in the order
a phone user reads it — the chat, the sources of its answer directly under it, the question box
(held at the bottom of the screen while the chat and sources scroll past), then the examples,
feedback and the filters, folded. The intro names the sources 「右の」 or 「回答の下の」 to match.
The cases tab shows a table of three columns there (`cases.NARROW_COLUMNS`); the rest is in the
case's detail, which a selected row scrolls to. The table and chart of an answer sit between the
chat and the sources; the 集計 view puts its chart under its table.
"""
from __future__ import annotations

NARROW = 768          # px: the widest screen laid out as one column

CSS = f"""
.review {{ margin: 2px 0 8px; font-size: 0.92em; }}
.review .facet {{ display: inline-block; border: 1px solid var(--border-color-primary); border-radius: 10px;
  padding: 0 7px; margin: 1px 3px 1px 0; }}
.review-edits {{ list-style: none; padding-left: 0; }}
.review-edits .old {{ color: #b42318; }} .review-edits .new {{ color: #067647; }}
.review-uncovered, .review-new-topic, .review-summary {{ color: #b54708; }}
.review-uncovered ul {{ margin-top: 2px; }}

/* A table row opened (the chat's table, the 集計 view): its cases and their quoted sentences. */
.table-row-cases {{ border: 1px solid var(--border-color-primary); border-radius: 8px; padding: 8px 12px; }}
.table-row-cases ul {{ list-style: none; padding-left: 0; margin: 6px 0 0; }}
.table-row-cases .row-case {{ padding: 4px 0; border-top: 1px solid var(--border-color-primary); }}
.table-row-cases .marker {{ font-weight: bold; color: var(--color-accent); }}
.table-row-cases .source-passage p {{ margin: 2px 0; }}

/* Gradio's container hides its overflow, which stops the question box sticking (below); clip
   hides the same without making it a scroll container. Outside @media: Gradio scopes the rules
   inside one to descendants of the container. */
.gradio-container {{ overflow: clip !important; }}
/* The tables' ⋮ menu: sorting only. Its 絞り込み opens Gradio's filter box, whose conditions
   ("Contains", "Is empty" …) are fixed English; the keyword box above the table filters instead. */
.cell-menu[role=menu] > button[role=menuitem]:nth-of-type(n+4) {{ display: none; }}
@media (min-width: {NARROW + 1}px) {{
  .narrow-only, #cases-table-narrow, #answer-table-narrow {{ display: none !important; }}
}}
@media (max-width: {NARROW}px) {{
  .wide-only {{ display: none; }}
  #chat-layout {{ flex-direction: column; flex-wrap: nowrap; }}
  #chat-main, #chat-side {{ display: contents; }}
  #chat-main > *, #chat-side > * {{ order: 4; width: 100%; }}
  #chat {{ order: 1; }}
  #sources-panel {{ order: 2; }}
  #ask {{ order: 3; position: sticky;   /* held at the bottom of the screen */ bottom: 0; z-index: 20; padding: 6px 0 4px; gap: 6px;
    background: var(--body-background-fill); box-shadow: 0 -6px 8px -6px rgba(0, 0, 0, 0.25); }}
  #ask .row {{ flex-wrap: nowrap; }}
  #ask button {{ min-width: 0; }}
  #question .info-text {{ display: none; }}   /* the intro says it; the screen is short */
  #filters {{ order: 5; }}
  #answer-json-panel {{ order: 6; }}
  #answer-table-panel {{ order: 2; }}   /* the answer's table and chart, before its sources */
  #tally-body {{ flex-direction: column; }}
  #tally-body > * {{ align-self: stretch; }}
  #cases-table, #answer-table {{ display: none !important; }}
}}
"""

# Run once the page has loaded: on a narrow screen the filters start folded.
ON_LOAD = f"""() => {{
  if (!window.matchMedia('(max-width: {NARROW}px)').matches) return;
  const started = Date.now();
  const fold = setInterval(() => {{
    const open = document.querySelector('#filters button.label-wrap.open');
    if (open) open.click();
    if (open || document.querySelector('#filters button.label-wrap') || Date.now() - started > 20000)
      clearInterval(fold);
  }}, 100);
}}"""

# After an answer: empty the question box if it still holds the question answered. (Emptying it
# from the server raced the user: a question typed while the answer came was wiped.)
CLEAR_IF_SENT = "(now, sent) => (sent && now === sent) ? '' : now"

# After a row of the narrow cases table is chosen: show its detail (below the table).
SHOW_DETAIL = "() => document.querySelector('#case-detail')?.scrollIntoView({behavior: 'smooth', block: 'start'})"

# After a row of a table under an answer, or of the 集計 view, is chosen: bring its cases into view.
SHOW_TABLE_ROW = "() => document.querySelector('#answer-table-row')?.scrollIntoView({behavior: 'smooth', block: 'nearest'})"
SHOW_TALLY_ROW = "() => document.querySelector('#tally-row')?.scrollIntoView({behavior: 'smooth', block: 'nearest'})"

# Gradio's labels its Japanese translation lacks (the cases table's ⋮ menu showed 「昇順に並べ替え」
# beside "Filter"; those items are hidden above, translated in case a Gradio release moves them).
GRADIO_JA = {
    "dataframe.filter": "絞り込み",
    "dataframe.clear_filter": "絞り込みを解除",
}


def gradio_i18n():
    """`GRADIO_JA` as Gradio's `I18n` (imported here: Gradio is heavy)."""
    import gradio as gr

    return gr.I18n(ja=GRADIO_JA)
