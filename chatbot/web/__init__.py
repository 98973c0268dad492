"""The Gradio app: chat with cited sources, the cases table, the admin tab, login, feedback.

    app     the Blocks (no logic: handlers call the functions below or the public API)
    views   the chat tab: a turn, its messages and the sources panel
    cases   the cases tab: table, filters, CSV, one case in full
    tables  the table under an answer about all the cases: rows, one row's quotes, its chart
    tally   the 集計 view of the cases tab: facet counts for the filters, CSV, chart
    charts  bar charts of those tables as plain data (figures read by core.quantities)
    panels  the Blocks of those two, wired to the functions above
    admin   the admin tab: index status, upload → preview → apply
    auth    optional login and the administrator role
    html    escaping helpers: nothing from a case or a user is rendered as markup
"""
