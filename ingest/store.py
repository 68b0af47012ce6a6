"""The vector store: a Chroma collection (embedded or on a server) bound to one embedding model.

The model identity is written into the collection's metadata; opening the collection with a
different model is refused, because vectors of two models are not comparable.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Self

import numpy as np

from ..errors import EmbedderMismatch, StoreUnavailable
from .documents import Chunk, Document, document_of, passage
from .embed import Embedder

os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
# Chroma rebuilds a collection's embedding function from its saved name when it reads the collection's
# schema, and warns that it cannot: by design, since ours needs the model we pass (see
# _ChromaEmbeddingFunction.build_from_config). The warning only alarmed whoever watched the first ingest.
warnings.filterwarnings("ignore", message="Could not reconstruct embedding function remedy-atlas", category=UserWarning)

CORPUS_COLLECTION = "corpus"
USER_COLLECTION = "user_documents"
ID_PAGE = 50_000  # ids per read when scanning: Chroma walks each offset, so pages are large (ids are small)
RECORD_BATCH = 2000  # records per read by id: Chroma's resident memory grows ~100 MB per 1,000
# Neighbours explored per vector query (Chroma's default is 100; a query for k explores at least k).
# The corpus's vectors lie close together (mean cosine 0.83), where HNSW's graph navigates poorly: at
# the 240 neighbours dense search asks for, some dev questions got an eighth of the true nearest (mean
# 0.968), and a different set from one start of the app to the next (1 process in 6; each start
# replays the vectors not yet persisted into the graph). At 2,000, every dev question gets at least
# 0.99 of them, the same in every process, for 3.8 ms a query instead of 2.3.
HNSW_SEARCH_EF = 2000


@dataclass(frozen=True)
class StoreConfig:
    """Where the index lives: a local directory, and optionally a Chroma server.

    The directory always holds the lexical index and the ingest manifest; with a server it holds
    only those, keyed by server address so two servers never share them.
    """

    path: Path
    host: str | None = None
    port: int = 8000

    @property
    def local_dir(self) -> Path:
        if self.host:
            return self.path / f"server-{self.host}-{self.port}"
        return self.path


class _ChromaEmbeddingFunction:
    """Chroma's adapter for our embedder, so Chroma never falls back to its downloading default."""

    def __init__(self, embedder: Embedder) -> None:
        self.embedder = embedder

    def __call__(self, input: Sequence[str]) -> list[np.ndarray]:
        return list(self.embedder.encode_passages(list(input)))

    def embed_query(self, input: Sequence[str]) -> list[np.ndarray]:
        return list(self.embedder.encode_queries(list(input)))

    @staticmethod
    def name() -> str:
        return "remedy-atlas"

    def get_config(self) -> dict[str, Any]:
        return {"model_id": self.embedder.model_id}

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> _ChromaEmbeddingFunction:
        raise StoreUnavailable("open the store through remedy_atlas, which supplies the embedder")

    def is_legacy(self) -> bool:
        return False

    def default_space(self) -> str:
        return "cosine"

    def supported_spaces(self) -> list[str]:
        return ["cosine"]


def open_client(config: StoreConfig) -> Any:
    import chromadb
    from chromadb.config import Settings

    settings = Settings(anonymized_telemetry=False, allow_reset=False)
    try:
        if config.host:
            return chromadb.HttpClient(host=config.host, port=config.port, settings=settings)
        config.path.mkdir(parents=True, exist_ok=True)
        return chromadb.PersistentClient(path=str(config.path / "chroma"), settings=settings)
    except Exception as exc:  # chromadb raises bare Exceptions for connection and permission errors
        where = f"Chroma server at {config.host}:{config.port}" if config.host else f"store at {config.path}"
        raise StoreUnavailable(f"cannot open the {where}: {exc}") from exc


@contextmanager
def _available(config: StoreConfig, action: str) -> Iterator[None]:
    """Chroma's database errors and the HTTP client's connection errors, as one StoreUnavailable.

    A store directory removed or made read-only under a running process, or a server that died,
    otherwise surfaces as a raw chromadb InternalError or httpx.ConnectError and a traceback.
    """
    import httpx
    from chromadb.errors import ChromaError

    try:
        yield
    except (ChromaError, httpx.HTTPError, OSError) as exc:
        reason = " ".join(str(exc).split()) or type(exc).__name__
        if config.host:
            where = f"the Chroma server at {config.host}:{config.port}"
            advice = "check that `chroma run` is still running, then run the command again"
        elif not config.path.exists():
            where = f"the store at {config.path}"
            advice = "its directory was removed; run `remedy-atlas ingest` again"
        else:
            where = f"the store at {config.path}"
            advice = "check that the directory exists and is writable"
        raise StoreUnavailable(f"cannot {action} {where} ({reason}); {advice}") from exc


class VectorStore:
    """One collection of chunks with their vectors and citation metadata."""

    def __init__(self, config: StoreConfig, embedder: Embedder, name: str = CORPUS_COLLECTION) -> None:
        self.config = config
        self.embedder = embedder
        self.name = name
        self._client = open_client(config)
        try:
            self._collection = self._client.get_or_create_collection(
                name,
                embedding_function=_ChromaEmbeddingFunction(embedder),
                metadata={"embedder": embedder.model_id},
                configuration={"hnsw": {"space": "cosine", "ef_search": HNSW_SEARCH_EF}},
            )
        except Exception as exc:
            raise StoreUnavailable(f"cannot open collection {name!r}: {exc}") from exc
        stored = (self._collection.metadata or {}).get("embedder")
        if stored and stored != embedder.model_id:
            raise EmbedderMismatch(
                f"the index at {config.host or config.path} was built with {stored!r}, not {embedder.model_id!r}; "
                "search with that model, or re-ingest into a new --store"
            )

    def count(self) -> int:
        with _available(self.config, "read"):
            return int(self._collection.count())

    def add(self, document: Document, chunks: Sequence[Chunk], vectors: np.ndarray, doc_hash: str) -> None:
        with _available(self.config, "write to"):
            step = self._client.get_max_batch_size()
            for i in range(0, len(chunks), step):
                part = chunks[i : i + step]
                self._collection.upsert(
                    ids=[c.chunk_id for c in part],
                    embeddings=list(vectors[i : i + step]),
                    documents=[c.text for c in part],
                    metadatas=[chunk_metadata(document, c, doc_hash) for c in part],
                )

    def delete_document(self, doc_id: str) -> None:
        with _available(self.config, "write to"):
            self._collection.delete(where={"doc_id": doc_id})

    def document_ids(self) -> set[str]:
        return {document_of(chunk_id) for chunk_id in self.ids()}

    def ids(self) -> Iterator[str]:
        """Every chunk id, in pages. Ids alone read some 80x faster than with texts and metadata.

        Chroma reaches an offset by walking it, so a scan costs n²/page: at 1M chunks, pages of
        2,000 took 140 s. Pages of ids are large, since an id costs little memory.
        """
        offset = 0
        while True:
            with _available(self.config, "read"):
                got = self._collection.get(include=[], limit=ID_PAGE, offset=offset)
            if not got["ids"]:
                return
            yield from got["ids"]
            offset += ID_PAGE

    def records(self) -> Iterator[tuple[str, str, dict[str, Any]]]:
        """Every (id, text, metadata), for rebuilding the lexical index.

        Read by id, which Chroma looks up, rather than by offset, which it walks. Batches stay
        small because Chroma's resident memory grows with them: some 100 MB per 1,000 records.
        """
        ids = list(self.ids())
        for i in range(0, len(ids), RECORD_BATCH):
            for chunk_id, (text, meta) in self.get(ids[i : i + RECORD_BATCH]).items():
                yield chunk_id, text, meta

    def query(self, vector: np.ndarray, k: int, where: dict[str, Any] | None = None) -> list[tuple[str, float]]:
        """(chunk id, cosine similarity), best first."""
        with _available(self.config, "search"):
            got = self._collection.query(
                query_embeddings=[vector], n_results=k, where=where or None, include=["distances"]
            )
        return [(cid, 1.0 - float(d)) for cid, d in zip(got["ids"][0], got["distances"][0], strict=True)]

    def article(self, doc_id: str, article: str) -> tuple[str, dict[str, Any]] | None:
        """One article whole: its chunks in document order, joined, and the first chunk's metadata."""
        return self.articles([(doc_id, article)]).get((doc_id, article))

    def articles(self, keys: Sequence[tuple[str, str]]) -> dict[tuple[str, str], tuple[str, dict[str, Any]]]:
        """Several articles whole, in one read: a search returns ten, and each read has a fixed cost."""
        clauses: list[dict[str, Any]] = [{"$and": [{"doc_id": d}, {"article": a}]} for d, a in dict.fromkeys(keys)]
        if not clauses:
            return {}
        with _available(self.config, "read"):
            got = self._collection.get(
                where=clauses[0] if len(clauses) == 1 else {"$or": clauses}, include=["documents", "metadatas"]
            )
        parts: dict[tuple[str, str], list[tuple[str, str, dict[str, Any]]]] = {}
        for chunk_id, meta, text in zip(got["ids"], got["metadatas"], got["documents"], strict=True):
            parts.setdefault((str(meta["doc_id"]), str(meta["article"])), []).append((chunk_id, text, meta))
        whole = {}
        for key, chunks in parts.items():
            first = min(chunks, key=lambda chunk: int(chunk[2]["start"]))
            whole[key] = (passage(chunks), first[2])
        return whole

    def get(self, ids: Sequence[str]) -> dict[str, tuple[str, dict[str, Any]]]:
        if not ids:
            return {}
        with _available(self.config, "read"):
            got = self._collection.get(
                ids=list(dict.fromkeys(ids)), include=["documents", "metadatas"]
            )  # Chroma refuses repeats
        return {
            cid: (text, meta) for cid, text, meta in zip(got["ids"], got["documents"], got["metadatas"], strict=True)
        }


@dataclass(frozen=True)
class Provenance:
    """A document's provenance as each of its chunks carries it: what a citation and the library show."""

    doc_id: str
    jurisdiction: str  # the full one: US-CA, not US
    kind: str
    title: str
    title_en: str
    version: str
    effective: str
    source: str
    source_url: str
    partial: bool
    partial_note: str

    @classmethod
    def read(cls, meta: dict[str, Any], **more: Any) -> Self:
        """From a chunk's metadata (``chunk_metadata`` writes it); ``more`` fills a subclass's own fields."""
        return cls(
            doc_id=str(meta["doc_id"]),
            jurisdiction=str(meta.get("jurisdiction_full") or meta["jurisdiction"]),
            kind=str(meta["kind"]),
            title=str(meta["title"]),
            title_en=str(meta.get("title_en", "")),
            version=str(meta.get("version", "")),
            effective=str(meta.get("effective", "")),
            source=str(meta.get("source", "")),
            source_url=str(meta.get("source_url", "")),
            partial=bool(meta.get("partial", False)),
            partial_note=str(meta.get("partial_note", "")),
            **more,
        )


def chunk_metadata(document: Document, chunk: Chunk, doc_hash: str) -> dict[str, str | int | float | bool]:
    """Flat metadata (Chroma takes no lists or None) with all a citation needs."""
    return {
        "doc_id": document.doc_id,
        "doc_hash": doc_hash,
        "jurisdiction": document.base_jurisdiction,
        "jurisdiction_full": document.jurisdiction,
        "kind": document.kind,
        "language": document.language,
        "title": document.title,
        "title_en": document.title_en,
        "unit": chunk.unit,
        "article": chunk.article or "",
        "paragraph": chunk.paragraph or "",
        "citation": chunk.citation,
        "article_citation": chunk.article_citation,
        "heading_path": " › ".join(chunk.heading_path),
        "version": document.version,
        "effective": document.effective,
        "source": document.source,
        "source_url": document.source_url,
        "partial": document.partial,
        "partial_note": document.partial_note,
        "page": chunk.page or 0,
        "start": chunk.start,
        "end": chunk.end,
        "continues": chunk.continues,
        "path": document.path,
    }
