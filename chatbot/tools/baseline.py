"""The plain LangChain pipeline every RAG demo uses, kept only to measure against.

500-character chunks of the whole article, one LangChain `Chroma` store, top 4 by similarity;
a chunk is attributed to the case(s) whose heading or text it overlaps. It never abstains.

`python -m chatbot.tools.baseline ask|serve --dir D` answers from a store built earlier with
``Baseline(cases, embeddings, persist_dir=D)`` (the benchmark's cold start and served memory).
"""
from __future__ import annotations

import argparse
import bisect
import json
import tempfile
from pathlib import Path

CHUNK = 500
TOP_K = 4
COLLECTION = "baseline"


def _store(embeddings, directory: Path):
    from chromadb.config import Settings as ChromaSettings
    from langchain_chroma import Chroma  # heavy: only the baseline needs LangChain's Chroma

    return Chroma(collection_name=COLLECTION, embedding_function=embeddings,
                  persist_directory=str(directory),
                  client_settings=ChromaSettings(anonymized_telemetry=False, is_persistent=True,
                                                 persist_directory=str(directory)))


def chunks(cases) -> list:
    """The article rebuilt from its cases, split into 500-character LangChain documents, each
    remembering the case(s) it overlaps (most-covered first)."""
    from langchain_core.documents import Document
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    cases = sorted(cases, key=lambda c: (c.article, c.position))
    text, spans = "", []
    for case in cases:
        start = len(text)
        text += f"{case.title}\n\n{case.body}\n\n{case.source}\n\n"
        spans.append((start, len(text), case.title))
    splitter = RecursiveCharacterTextSplitter(chunk_size=CHUNK, chunk_overlap=50, add_start_index=True)
    docs = splitter.split_documents([Document(page_content=text)])
    starts = [a for a, _, _ in spans]
    for d in docs:
        s = d.metadata["start_index"]
        e = s + len(d.page_content)
        near = spans[max(0, bisect.bisect_right(starts, s) - 1):bisect.bisect_left(starts, e)]
        overlap = sorted(((min(b, e) - max(a, s), t) for a, b, t in near if a < e and b > s),
                         reverse=True)
        d.metadata["cases"] = "\x1f".join(t for _, t in overlap)
    return docs


class Baseline:
    def __init__(self, cases, embeddings, persist_dir: Path | None = None):
        if persist_dir is None:
            self._dir = tempfile.TemporaryDirectory(prefix="baseline-")
            persist_dir = Path(self._dir.name)
        self.docs = chunks(cases)
        self.store = _store(embeddings, persist_dir)
        for start in range(0, len(self.docs), 1000):
            self.store.add_documents(self.docs[start:start + 1000])

    @classmethod
    def open(cls, persist_dir: Path, embeddings) -> "Baseline":
        """The store a `Baseline` wrote to persist_dir earlier."""
        self = cls.__new__(cls)
        self.docs = None
        self.store = _store(embeddings, persist_dir)
        return self

    def retrieve(self, question: str) -> tuple[list[str], str]:
        """Case headings of the top-4 chunks in rank order without repeats, and the text of the
        first three chunks (what a reader of this pipeline's answer sees first)."""
        docs = self.store.similarity_search(question, k=TOP_K)
        out: list[str] = []
        for doc in docs:
            for title in doc.metadata["cases"].split("\x1f"):
                if title and title not in out:
                    out.append(title)
        return out, "\n".join(d.page_content for d in docs[:3])

    def cite(self, question: str) -> list[str]:
        """Case headings of the top-4 chunks, in rank order, without repeats."""
        return self.retrieve(question)[0]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=("ask", "serve"))
    parser.add_argument("--dir", type=Path, required=True, help="a store Baseline persisted")
    parser.add_argument("--port", type=int, default=7861)
    parser.add_argument("question", nargs="?", default="")
    args = parser.parse_intermixed_args(argv)
    from chatbot import Settings
    from chatbot.settings import offline_environment
    from core.embeddings import get_embeddings

    offline_environment()
    settings = Settings.from_env()
    base = Baseline.open(args.dir, get_embeddings(settings.embeddings, settings.embedding_model))
    if args.command == "ask":
        print(json.dumps(base.cite(args.question), ensure_ascii=False))
        return
    import gradio as gr  # heavy: only serving needs it

    with gr.Blocks() as demo:
        box, out = gr.Textbox(), gr.JSON()
        box.submit(base.cite, box, out, api_name="chat")
    demo.launch(server_name="127.0.0.1", server_port=args.port, quiet=True)


if __name__ == "__main__":
    main()
