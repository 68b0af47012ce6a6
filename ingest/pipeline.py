"""load → split → embed → store, incrementally and crash-safely.

A manifest records each document once all its chunks are stored. A document missing from it
(never ingested, or cut off by a crash) is cleared and ingested again, so a killed run followed by
a new one ends with exactly the chunks of a clean run. The lexical index is rebuilt from the
store afterwards, whenever anything changed.
"""

from __future__ import annotations

import json
import logging
import os
import re
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ..errors import DocumentError, StoreUnavailable
from .documents import Document, document_of
from .embed import CachedEmbedder
from .lexical import INDEX_DIRNAME, LexicalIndex, fingerprint
from .load import SUPPORTED_SUFFIXES, load_document
from .split import DEFAULT_MAX_TOKENS, SPLIT_RULES, short_title, split_document
from .store import VectorStore

log = logging.getLogger(__name__)
Progress = Callable[[int, int, str], None]
BATCH_SIZE = 32
CORPUS_JURISDICTIONS = ("cn", "kr", "us")


@dataclass
class IngestReport:
    documents: int = 0
    ingested: int = 0
    skipped: int = 0
    removed: int = 0
    chunks: int = 0
    embedded: int = 0
    from_cache: int = 0
    errors: list[DocumentError] = field(default_factory=list)
    seconds: float = 0.0

    def summary(self) -> str:
        rate = self.embedded / self.seconds if self.seconds else 0.0
        line = (
            f"{self.documents} documents ({self.ingested} ingested, {self.skipped} unchanged, {self.removed} removed), "
            f"{self.chunks} chunks in the index, {self.embedded} embedded ({self.from_cache} from shipped vectors), "
            f"{self.seconds:.1f} s, {rate:.1f} chunks/s"
        )
        return line + (f", {len(self.errors)} failed" if self.errors else "")


def indexed_hash(document: Document) -> str:
    """The document as the index holds it: its text, the name its citations carry (a superseded version's
    names its year), cut by these splitting rules — a change to any of them splits it again."""
    return f"{document.content_hash}:{short_title(document)}:{SPLIT_RULES}"


def corpus_files(corpus_dir: Path) -> list[Path]:
    return [p for j in CORPUS_JURISDICTIONS for p in sorted((corpus_dir / j).glob("*.md"))]


def expand_paths(paths: Iterable[Path]) -> list[Path]:
    """Files as given; directories to their supported files, README files left out."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += sorted(
                p for p in path.rglob("*") if p.suffix.lower() in SUPPORTED_SUFFIXES and p.stem.upper() != "README"
            )
        else:
            files.append(path)
    return files


def embedding_cache_file(corpus_dir: Path, model_id: str) -> Path:
    slug = re.sub(r"[^A-Za-z0-9]+", "-", model_id).strip("-").lower()
    return corpus_dir / "embeddings" / f"{slug}.npz"


class Manifest:
    """doc_id → content hash, path and chunk count of every fully stored document."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self.entries: dict[str, dict[str, object]] = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.entries = {}

    def record(self, document: Document, chunks: int) -> None:
        self.entries[document.doc_id] = {"hash": indexed_hash(document), "path": document.path, "chunks": chunks}
        self._write()

    def forget(self, doc_id: str) -> None:
        self.entries.pop(doc_id, None)
        self._write()

    def _write(self) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_suffix(".tmp")
            tmp.write_text(json.dumps(self.entries, ensure_ascii=False, indent=1), encoding="utf-8")
            os.replace(tmp, self.path)
        except OSError as exc:  # a read-only or vanished store directory: one clear message, not a traceback
            raise StoreUnavailable(f"cannot write the ingest manifest {self.path} ({exc.strerror or exc})") from exc


def manifest_for(store: VectorStore) -> Manifest:
    return Manifest(store.config.local_dir / f"manifest-{store.name}.json")


def lexical_dir(store: VectorStore) -> Path:
    return store.config.local_dir / f"{INDEX_DIRNAME}-{store.name}"


def load_documents(
    paths: Sequence[Path], jurisdiction: str | None = None
) -> tuple[list[Document], list[DocumentError]]:
    """Every readable document of ``paths``; each unreadable one (or a duplicate id) as an error."""
    documents: list[Document] = []
    errors: list[DocumentError] = []
    seen: dict[str, str] = {}
    for path in expand_paths(paths):
        try:
            document = load_document(path, jurisdiction=jurisdiction)
        except DocumentError as error:
            errors.append(error)
            continue
        if document.doc_id in seen:
            errors.append(DocumentError(path, f"duplicate id {document.doc_id!r} (also in {seen[document.doc_id]})"))
            continue
        seen[document.doc_id] = str(path)
        documents.append(document)
    return documents, errors


def ingest(
    paths: Sequence[Path],
    store: VectorStore,
    *,
    prune: bool = False,
    jurisdiction: str | None = None,
    progress: Progress | None = None,
) -> IngestReport:
    """Bring ``store`` in line with the files at ``paths``; unreadable files are reported, not fatal."""
    documents, errors = load_documents(paths, jurisdiction)
    report = ingest_documents(documents, store, prune=prune, progress=progress)
    report.errors = errors
    return report


def ingest_documents(
    documents: Sequence[Document],
    store: VectorStore,
    *,
    prune: bool = False,
    progress: Progress | None = None,
    max_tokens: int = DEFAULT_MAX_TOKENS,
) -> IngestReport:
    """With ``prune``, documents in the store but not in ``documents`` are removed."""
    started = time.perf_counter()
    report = IngestReport(documents=len(documents))
    manifest = manifest_for(store)
    embedder = store.embedder
    stored_ids = store.document_ids()
    todo: list[Document] = []
    for document in documents:
        entry = manifest.entries.get(document.doc_id)
        if entry and entry["hash"] == indexed_hash(document) and document.doc_id in stored_ids:
            report.skipped += 1
        else:
            todo.append(document)
    removed = (set(manifest.entries) | stored_ids) - {d.doc_id for d in documents} if prune else set()
    for doc_id in sorted(removed):
        store.delete_document(doc_id)
        manifest.forget(doc_id)
    report.removed = len(removed)

    planned = [(d, split_document(d, embedder.count_tokens, max_tokens)) for d in todo]
    total = sum(len(chunks) for _, chunks in planned)
    done = 0
    hits_before = embedder.hits if isinstance(embedder, CachedEmbedder) else 0
    for document, chunks in planned:
        vectors = []
        for i in range(0, len(chunks), BATCH_SIZE):
            batch = chunks[i : i + BATCH_SIZE]
            vectors.append(embedder.encode_passages([c.embed_text(document) for c in batch]))
            done += len(batch)
            if progress:
                progress(done, total, document.doc_id)
        # one write per document: each Chroma write has a fixed cost far above that of a vector
        store.delete_document(document.doc_id)
        if chunks:
            store.add(document, chunks, np.concatenate(vectors), indexed_hash(document))
        manifest.record(document, len(chunks))
        report.ingested += 1
    report.chunks = store.count()
    report.embedded = total
    report.from_cache = (embedder.hits - hits_before) if isinstance(embedder, CachedEmbedder) else 0

    refresh_lexical_index(store, force=bool(todo or removed))
    report.seconds = time.perf_counter() - started
    return report


def refresh_lexical_index(store: VectorStore, *, force: bool = False) -> LexicalIndex:
    """The saved lexical index if it matches the store; otherwise rebuilt from the store and saved.

    The match is checked on the store's chunk ids and the manifest's document hashes, which ingest
    writes after each document's chunks: reading every chunk's metadata instead made each start
    cost minutes at 1M chunks (bench/scale.py, "scan s" against "ids s").
    """
    directory = lexical_dir(store)
    index = None if force else LexicalIndex.load(directory)
    if index is not None:
        hashes = {doc_id: str(entry["hash"]) for doc_id, entry in manifest_for(store).entries.items()}
        current = fingerprint((cid, hashes.get(document_of(cid), "")) for cid in store.ids())
        if current == index.fingerprint:
            return index
    index = LexicalIndex.build(store.records())
    try:
        index.save(directory)
    except OSError as exc:  # a read-only store still searches: the rebuilt index serves from memory
        log.warning("lexical index not saved to %s (%s); it will be rebuilt next time", directory, exc.strerror)
    return index


def write_corpus_embeddings(
    corpus_dir: Path, embedder: CachedEmbedder, progress: Progress | None = None, extra: Sequence[str] = ()
) -> int:
    """Embed every chunk of the shipped corpus, and the ``extra`` passages searched beside it, and save
    the vectors beside the corpus (a maintainer's step)."""
    texts = list(extra)
    for path in corpus_files(corpus_dir):
        document = load_document(path)
        texts += [c.embed_text(document) for c in split_document(document, embedder.count_tokens)]
    for i in range(0, len(texts), BATCH_SIZE):
        embedder.encode_passages(texts[i : i + BATCH_SIZE])
        if progress:
            progress(min(i + BATCH_SIZE, len(texts)), len(texts), "")
    embedder.save(texts)
    return len(texts)
