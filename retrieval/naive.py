"""The pipeline a tutorial would build, kept as the baseline every evaluation is measured against.

RecursiveCharacterTextSplitter(1000, 200) over the raw files, the same embedder, cosine top-k.
Its chunks know no articles, so a chunk counts as retrieving every article whose text it overlaps.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..ingest.documents import Document
from ..ingest.embed import Embedder
from ..ingest.split import split_document


@dataclass(frozen=True)
class NaiveChunk:
    doc_id: str
    text: str
    articles: frozenset[str]


class NaivePipeline:
    def __init__(self, documents: list[Document], embedder: Embedder) -> None:
        from langchain_text_splitters import RecursiveCharacterTextSplitter

        splitter = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200, add_start_index=True)
        self.embedder = embedder
        self.chunks: list[NaiveChunk] = []
        for document in documents:
            spans = [(c.start, c.end, c.article) for c in split_document(document) if c.article]
            for piece in splitter.create_documents([document.text]):
                start = int(piece.metadata["start_index"])
                end = start + len(piece.page_content)
                overlapped = frozenset(a for s, e, a in spans if s < end and start < e)
                self.chunks.append(NaiveChunk(document.doc_id, piece.page_content, overlapped))
        self.vectors = embedder.encode_passages([c.text for c in self.chunks])

    def search(self, question: str, k: int = 10) -> list[NaiveChunk]:
        scores = self.vectors @ self.embedder.encode_queries([question])[0]
        return [self.chunks[i] for i in np.argsort(-scores)[:k]]
