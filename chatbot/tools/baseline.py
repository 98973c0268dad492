"""The plain LangChain pipeline every RAG demo uses, kept only to measure against.

500-character chunks of the whole article, one LangChain `Chroma` store, top 4 by similarity;
a chunk is attributed to the case(s) whose heading or text it overlaps. It never abstains.
"""
from __future__ import annotations

import tempfile

CHUNK = 500
TOP_K = 4


class Baseline:
    def __init__(self, cases, embeddings):
        from langchain_chroma import Chroma
        from langchain_core.documents import Document
        from langchain_text_splitters import RecursiveCharacterTextSplitter

        cases = sorted(cases, key=lambda c: (c.article, c.position))
        # Rebuild the article's text from its cases, remembering which span belongs to whom.
        text, spans = "", []
        for case in cases:
            start = len(text)
            text += f"{case.title}\n\n{case.body}\n\n{case.source}\n\n"
            spans.append((start, len(text), case.title))
        splitter = RecursiveCharacterTextSplitter(chunk_size=CHUNK, chunk_overlap=50,
                                                  add_start_index=True)
        docs = splitter.split_documents([Document(page_content=text)])
        for d in docs:
            s = d.metadata["start_index"]
            e = s + len(d.page_content)
            overlap = sorted(((min(b, e) - max(a, s), t) for a, b, t in spans if a < e and b > s),
                             reverse=True)
            d.metadata["cases"] = "\x1f".join(t for _, t in overlap)   # most-covered case first
        self._dir = tempfile.TemporaryDirectory(prefix="baseline-")
        from chromadb.config import Settings as ChromaSettings

        self.store = Chroma(collection_name="baseline", embedding_function=embeddings,
                            persist_directory=self._dir.name,
                            client_settings=ChromaSettings(anonymized_telemetry=False,
                                                           is_persistent=True,
                                                           persist_directory=self._dir.name))
        self.store.add_documents(docs)

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
