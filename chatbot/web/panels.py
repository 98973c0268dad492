"""Two pieces of the Blocks built apart from `chatbot.web.app` (which would pass 400 lines):
the table under a chat answer with its chart, and the 集計 view of the 事例一覧 tab.

Wiring only, as in `app`: each handler calls a plain function of `tables` or `tally` and turns
its result into Gradio updates. Gradio is imported when a panel is built (it is slow to import).
"""
# No `from __future__ import annotations`: Gradio reads a handler's `evt: gr.SelectData` from
# its evaluated annotation.
from chatbot.web import charts, layout, tables, tally

PRIVATE = {"api_visibility": "private"}


class AnswerTable:
    """The table under an answer (`tables.table_view` of the answer's JSON), one row opened to its
    cases and quotes, and the bars or the months of its chart; hidden for other answers.

    It follows the answer's JSON component, so the chat handler needs no change: an answer with
    a table shows it, any other answer (or 新しい会話) hides it, a refused question leaves it.
    API callers get the same table in the JSON `/chat` returns.
    """

    def __init__(self):
        import gradio as gr  # heavy import, only when serving

        with gr.Column(visible=False, elem_id="answer-table-panel") as self.panel:
            self.bars = gr.BarPlot(x="値", y="項目", x_lim=[0, None], visible=False, elem_id="answer-chart",
                                   label="グラフ", buttons=["fullscreen"])
            self.months = gr.BarPlot(x="項目", y="値", y_lim=[0, None], visible=False,
                                     elem_id="answer-chart-months", label="グラフ", buttons=["fullscreen"])
            self.table = gr.Dataframe(interactive=False, wrap=True, max_height=420, elem_id="answer-table",
                                      label="表")
            # the same rows on a phone, without a column that lists every case (`layout`)
            self.narrow = gr.Dataframe(interactive=False, wrap=True, max_height=420,
                                       elem_id="answer-table-narrow", label="表")
            self.row = gr.HTML(tables.row_cases_html(None), elem_id="answer-table-row")

    def show(self, data):
        import gradio as gr

        view = tables.table_view(data)
        if not view.visible:
            return (gr.update(visible=False), gr.skip(), gr.skip(), tables.row_cases_html(None),
                    gr.update(visible=False), gr.update(visible=False))
        return (gr.update(visible=True),
                gr.update(value={"headers": view.headers, "data": view.rows}, label=view.label,
                          column_widths=view.widths),
                gr.update(value={"headers": view.narrow_headers, "data": view.narrow_rows}, label=view.label,
                          column_widths=view.narrow_widths),
                tables.row_cases_html(None),
                gr.update(**charts.bar_props(view.chart, over_time=False)),
                gr.update(**charts.bar_props(view.chart, over_time=True)))

    def wire(self, answer_json):
        import gradio as gr

        def open_row(data, evt: gr.SelectData):
            return tables.row_cases_html(data, evt.row_value, evt.index)

        answer_json.change(self.show, answer_json,
                           [self.panel, self.table, self.narrow, self.row, self.bars, self.months], **PRIVATE)
        for table in (self.table, self.narrow):
            table.select(open_row, answer_json, self.row, **PRIVATE).then(None, js=layout.SHOW_TABLE_ROW, **PRIVATE)


class TallyView:
    """The 集計 view: counts of one group (rules, uses, vendors, stages) over the cases the
    事例一覧 filters leave (`tally.view`), as a table, bars and a CSV; a row opens to its cases."""

    def __init__(self, retriever):
        import gradio as gr

        self.retriever = retriever        # a callable: the served version may change
        gr.Markdown("事例一覧の絞り込み（キーワード・地域・区分・変更）に当てはまる事例について、"
                    "ルール・用途・ベンダー・導入状況ごとに記載している事例の数を数えます。"
                    "行を選ぶと、その項目を記載している事例と該当する文を表示します。")
        self.group = gr.Radio(tally.GROUP_CHOICES, value=tally.GROUPS[0], label="集計する分類",
                              elem_id="tally-group")
        self.label = gr.Markdown(elem_id="tally-label")
        with gr.Row(elem_id="tally-body", equal_height=False):
            with gr.Column(scale=2, min_width=280):
                self.table = gr.Dataframe(headers=tally.COLUMNS, interactive=False, wrap=True, max_height=520,
                                          elem_id="tally-table", label="集計", column_widths=["64%", "18%", "18%"])
                self.csv = gr.DownloadButton("集計をCSVでダウンロード", elem_id="tally-csv")
            with gr.Column(scale=3, min_width=280):
                # constant titles and size: only its data changes (`charts.steady_props`)
                self.chart = gr.BarPlot(x="値", y="項目", x_title="件数", y_title="項目", x_lim=[0, None],
                                        height=tally.CHART_HEIGHT, elem_id="tally-chart", label="グラフ",
                                        buttons=["fullscreen"])
        self.row = gr.HTML(tally.row_html(None), elem_id="tally-row")

    def show(self, text, region, level, change, group):
        import gradio as gr

        view = tally.view(self.retriever(), text, region, level, change, group)
        return (view.label, {"headers": tally.COLUMNS, "data": view.rows},
                gr.update(**charts.steady_props(view.chart)),
                gr.update(value=str(view.csv) if view.csv else None, interactive=view.csv is not None),
                tally.row_html(None))

    def wire(self, filters: list, *triggers):
        """Recount when a filter or the group changes, and on each of ``triggers`` (e.g.
        ``demo.load``, or ``.then`` of an event that publishes a new version)."""
        import gradio as gr

        inputs = [*filters, self.group]
        outputs = [self.label, self.table, self.chart, self.csv, self.row]

        def open_row(text, region, level, change, group, evt: gr.SelectData):
            view = tally.view(self.retriever(), text, region, level, change, group)
            return tally.row_html(tally.find(view.counts, evt.row_value, evt.index))

        # One queue for every recount, in the order asked: a keyword cleared and a group chosen at
        # once must not finish the other way round and leave the first one's counts on screen.
        ordered = {"concurrency_id": "tally", "concurrency_limit": 1, **PRIVATE}
        for comp in inputs:
            comp.change(self.show, inputs, outputs, trigger_mode="always_last", **ordered)
        for trigger in triggers:
            trigger(self.show, inputs, outputs, **ordered)
        self.table.select(open_row, inputs, self.row, **PRIVATE).then(None, js=layout.SHOW_TALLY_ROW, **PRIVATE)


__all__ = ["AnswerTable", "TallyView"]
