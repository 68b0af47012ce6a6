"""The provisions an answer rests on, numbered: what a citation marker [n] opens."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from ..ingest.documents import passage
from ..ingest.store import Provenance, VectorStore
from ..retrieval.search import Hit

OPENING_CHUNKS = 3  # a decision's opening: its keywords and holding, or a bill's first section


@dataclass(frozen=True)
class Source(Provenance):
    marker: int
    article: str | None
    citation: str
    quote: str  # the provision's own words, verbatim from the corpus
    page: int | None
    user_document: bool

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


def source_from(marker: int, text: str, meta: dict[str, Any]) -> Source:
    return Source.read(
        meta,
        marker=marker,
        article=str(meta["article"]) or None,
        citation=str(meta.get("article_citation") or meta["citation"]),
        quote=text,
        page=int(meta["page"]) or None if meta.get("page") else None,
        user_document=meta["kind"] == "user-document",
    )


class SourceList:
    """Numbers provisions in the order the answer first cites them; the same provision keeps its number."""

    def __init__(self, store: VectorStore) -> None:
        self.store = store
        self.sources: list[Source] = []
        self._by_key: dict[tuple[str, str], int] = {}

    def cite_article(self, doc_id: str, article: str) -> int | None:
        """The marker for a provision, fetched whole from the store; None when the corpus lacks it."""
        key = (doc_id, article)
        if key not in self._by_key:
            found = self.store.article(doc_id, article)
            if found is None:
                return None
            self._add(key, *found)
        return self._by_key[key]

    def cite_opening(self, doc_id: str) -> int | None:
        """The marker for a decision or a bill as a whole, quoting its opening (a decision's holding comes first)."""
        key = (doc_id, "")
        if key not in self._by_key:
            found = self.store.get([f"{doc_id}#{i}" for i in range(OPENING_CHUNKS)])
            if not found:
                return None
            chunks = [(chunk_id, text, meta) for chunk_id, (text, meta) in found.items()]
            self._add(key, passage(chunks), min(chunks, key=lambda chunk: int(chunk[2]["start"]))[2])
        return self._by_key[key]

    def cite_hit(self, hit: Hit) -> int:
        key = (hit.doc_id, hit.article or hit.chunk_ids[0])
        if key not in self._by_key:
            self._add(key, hit.text, hit.metadata)
        return self._by_key[key]

    def _add(self, key: tuple[str, str], text: str, meta: dict[str, Any]) -> None:
        marker = len(self.sources) + 1
        self.sources.append(source_from(marker, text, meta))
        self._by_key[key] = marker
