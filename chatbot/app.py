"""Gradio chat: question → answer with [n] markers, sources panel beside it.

No logic here: handlers call `Chatbot.ask` and the `present` helpers.
"""
from __future__ import annotations

from chatbot.present import chat_text, sources_html
from chatbot.settings import Settings, offline_environment

EXAMPLES = [
    "外部向けの利用を禁止している県は？",
    "厚木市はどれくらい業務時間を短縮できましたか？",
    "Which prefectures ban entering personal information?",
    "Who uses Azure OpenAI Service?",
]
TITLE = "自治体のChatGPT活用事例 Q&A"


def build(bot):
    """The Blocks app around a `Chatbot`."""
    import gradio as gr  # heavy import, only when serving

    def respond(question: str, history: list):
        history = list(history or [])
        if not question or not question.strip():
            return "", history, sources_html_empty()
        answer = bot.ask(question)
        history += [{"role": "user", "content": question},
                    {"role": "assistant", "content": chat_text(answer)}]
        return "", history, sources_html(answer)

    def sources_html_empty():
        return '<div class="sources-empty">質問すると、引用した事例がここに表示されます。</div>'

    with gr.Blocks(title=TITLE) as demo:
        gr.Markdown(f"# {TITLE}\n記事「ChatGPTを導入した自治体の活用事例」から、出典付きで回答します。"
                    "英語の質問にも対応しています。")
        with gr.Row():
            with gr.Column(scale=3):
                chat = gr.Chatbot(label="チャット", height=480, render_markdown=False)
                box = gr.Textbox(label="質問", placeholder="例：外部向けの利用を禁止している県は？")
                send = gr.Button("送信", variant="primary")
                gr.Examples(EXAMPLES, inputs=box, label="質問の例")
            with gr.Column(scale=2):
                gr.Markdown("### 出典")
                sources = gr.HTML(sources_html_empty())
        send.click(respond, [box, chat], [box, chat, sources], api_name="chat")
        box.submit(respond, [box, chat], [box, chat, sources], api_visibility="private")
    return demo


def launch(settings: Settings, host: str, port: int) -> None:
    offline_environment()
    from chatbot.service import Chatbot

    bot = Chatbot(settings)
    bot.retriever()   # fail now, with a clear message, if there is no index
    build(bot).launch(server_name=host, server_port=port, show_error=False)
