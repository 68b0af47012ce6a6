"""The two records that flow through ingest: a source document and the chunks cut from it."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

JURISDICTIONS = ("CN", "KR", "US")
KINDS = ("statute", "session law", "case", "regulation", "judicial-interpretation", "bill", "user-document")


@dataclass(frozen=True)
class Page:
    """Where one PDF page lies in the document text, so chunks can name their page."""

    number: int
    start: int
    end: int


@dataclass(frozen=True)
class Document:
    """One source file: its full text (verbatim) and provenance.

    ``body_start`` is where the legal text begins (after front matter), so that offsets stay
    offsets into the file as read and a chunk can be shown in context.
    """

    doc_id: str
    path: str
    text: str
    body_start: int
    jurisdiction: str
    kind: str
    language: str
    title: str
    title_en: str = ""
    citation: str = ""
    version: str = ""
    effective: str = ""
    source: str = ""
    source_url: str = ""
    partial: bool = False
    partial_note: str = ""
    short_title: str = ""
    pages: tuple[Page, ...] = ()

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    @property
    def base_jurisdiction(self) -> str:
        """US states (US-CA) count as US for filtering; the full code stays on the chunk."""
        return self.jurisdiction.split("-")[0]


@dataclass(frozen=True)
class Chunk:
    """One legal unit (an article, or a paragraph range of a long one) with everything a citation needs."""

    doc_id: str
    index: int
    text: str
    start: int
    end: int
    unit: str  # article | preamble | addendum | section | notes | annex | passage
    article: str | None
    paragraph: str | None
    citation: str
    article_citation: str
    heading_path: tuple[str, ...] = field(default_factory=tuple)
    page: int | None = None
    continues: bool = False  # only white space lies between the chunk before it and this one

    @property
    def chunk_id(self) -> str:
        return f"{self.doc_id}#{self.index}"

    def embed_text(self, document: Document) -> str:
        """The text the embedder sees: the heading path gives short paragraphs their context."""
        heading = " › ".join((document.title, *self.heading_path))
        return f"{heading}\n{self.citation}\n{self.text}"


def document_of(chunk_id: str) -> str:
    """The document a chunk id (``doc_id#index``, see Chunk.chunk_id) belongs to."""
    return chunk_id.rpartition("#")[0]


GAP = "\n\n…\n\n"


def passage(chunks: Iterable[tuple[str, str, Mapping[str, Any]]]) -> str:
    """Chunks (id, text, metadata) of one document as one quote, in document order.

    A chunk that continues the one before it joins it as one passage; wherever anything lies
    between two (a part that did not match, another excerpt, a compiler's note) the quote shows
    "…", so two places of a text never pass for one.
    """
    out: list[str] = []
    previous = -2
    for chunk_id, text, meta in sorted(chunks, key=lambda chunk: _index(chunk[0])):
        index = _index(chunk_id)
        if out:
            out.append("\n\n" if index == previous + 1 and meta.get("continues") else GAP)
        out.append(text)
        previous = index
    return "".join(out)


def _index(chunk_id: str) -> int:
    return int(chunk_id.rpartition("#")[2])
