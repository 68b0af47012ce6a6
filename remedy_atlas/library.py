"""What the app's Library and Your-documents tabs stand on: the index as a tree, and the user's own files.

The tree is rebuilt from the store's records rather than from ``corpus/``, so it shows exactly what
answers can cite. Uploaded files live under one directory and nothing outside it is ever written
or deleted, whatever name the browser sends.

The app keeps each browser session's uploads on a private shelf: a collection and an uploads
directory named by a random key only that session holds, so no other session can list or search
them, and all shelves are dropped when the server starts (no session outlives its server).
"""

from __future__ import annotations

import os
import re
import shutil
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from .answer.export import OwnPassage
from .errors import DocumentError
from .index import open_retriever, store_config
from .ingest.documents import KINDS, passage
from .ingest.load import SUPPORTED_SUFFIXES, slug
from .ingest.pipeline import ingest, manifest_for, refresh_lexical_index
from .ingest.store import Provenance, open_client
from .ingest.tokenize import tokenize
from .retrieval.search import Filters, Retriever
from .settings import Settings

SHELF_PREFIX = "shelf-"  # collection names of private shelves; the rest is a random hex key


@dataclass(frozen=True)
class Entry:
    """One article whole (all its chunks), or one passage of text that has no article."""

    label: str
    text: str
    page: int | None


@dataclass(frozen=True)
class Instrument(Provenance):
    path: str
    chunks: int
    entries: tuple[Entry, ...]


def _entries(chunks: list[tuple[str, str, dict[str, Any]]]) -> tuple[Entry, ...]:
    """Chunks in document order; consecutive chunks of one article join as the store's ``article`` does."""
    entries: list[Entry] = []
    current: str | None = None
    group: list[tuple[str, str, dict[str, Any]]] = []
    for chunk in sorted(chunks, key=lambda chunk: int(chunk[2]["start"])):
        article = str(chunk[2]["article"])
        if article and article == current:
            group.append(chunk)
            continue
        if group:
            entries.append(_entry(group))
        current, group = article or None, [chunk]
    if group:
        entries.append(_entry(group))
    return tuple(entries)


def _entry(group: list[tuple[str, str, dict[str, Any]]]) -> Entry:
    meta = group[0][2]
    label = str(meta.get("article_citation") or meta["citation"]) if meta["article"] else str(meta["citation"])
    return Entry(label, passage(group), int(meta.get("page") or 0) or None)


def catalog(records: Iterable[tuple[str, str, dict[str, Any]]]) -> dict[str, list[Instrument]]:
    """Jurisdiction → its instruments (statutes first, then by title) → their articles in order."""
    chunks: dict[str, list[tuple[str, str, dict[str, Any]]]] = defaultdict(list)
    for chunk_id, text, meta in records:
        chunks[str(meta["doc_id"])].append((chunk_id, text, meta))
    tree: dict[str, list[Instrument]] = defaultdict(list)
    for parts in chunks.values():
        meta = parts[0][2]
        tree[str(meta["jurisdiction"])].append(
            Instrument.read(
                meta,
                path=str(meta.get("path", "")),
                chunks=len(parts),
                entries=_entries(parts),
            )
        )
    order = {kind: i for i, kind in enumerate(KINDS)}
    return {j: sorted(items, key=lambda d: (order.get(d.kind, len(order)), d.title)) for j, items in tree.items()}


def upload_path(uploads_dir: Path, name: str) -> Path:
    """Where an upload called ``name`` is kept: a bare, tame file name directly inside ``uploads_dir``."""
    base = PurePosixPath(unicodedata.normalize("NFKC", name).replace("\\", "/")).name
    suffix = PurePosixPath(base).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        found = suffix or "no extension"
        raise DocumentError(base or "upload", f"unsupported format '{found}' (use .pdf, .txt or .md)")
    path = uploads_dir / f"{slug(base[: -len(suffix)])}{suffix}"
    if path.resolve().parent != uploads_dir.resolve():
        raise DocumentError(name, "not a plain file name")
    return path


def _inside(uploads_dir: Path, path: str) -> bool:
    return bool(path) and Path(path).resolve().parent == uploads_dir.resolve()


def add_user_document(retriever: Retriever, uploads_dir: Path, name: str, data: bytes) -> Path:
    """Save and index one upload, returning where it was saved; a file of that name replaces the earlier one.

    An unreadable file is removed again and its DocumentError raised, so nothing half-added stays.
    """
    store = retriever.store
    path = upload_path(uploads_dir, name)
    for instrument in user_documents(retriever):
        if instrument.path and Path(instrument.path).resolve() == path.resolve():
            _forget(retriever, instrument.doc_id)
    uploads_dir.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.part")
    tmp.write_bytes(data)
    os.replace(tmp, path)
    try:
        report = ingest([path.resolve()], store)
        if report.errors:
            raise DocumentError(path.name, report.errors[0].reason)
    except Exception:
        path.unlink(missing_ok=True)
        raise
    finally:
        retriever.lexical = refresh_lexical_index(store)
    return path


def remove_user_document(retriever: Retriever, uploads_dir: Path, doc_id: str) -> None:
    """The chunks go from the index; the file goes from disk only if the app saved it (never a user's original)."""
    paths = [d.path for d in user_documents(retriever) if d.doc_id == doc_id]
    _forget(retriever, doc_id)
    for path in paths:
        if _inside(uploads_dir, path):
            Path(path).unlink(missing_ok=True)


def _forget(retriever: Retriever, doc_id: str) -> None:
    retriever.store.delete_document(doc_id)
    manifest_for(retriever.store).forget(doc_id)
    retriever.lexical = refresh_lexical_index(retriever.store)


def user_documents(retriever: Retriever) -> list[Instrument]:
    return sorted(
        (d for docs in catalog(retriever.store.records()).values() for d in docs), key=lambda d: d.title.lower()
    )


@dataclass(frozen=True)
class Shelf:
    """One browser session's own documents: searchable only through this object, which only that session holds."""

    retriever: Retriever
    uploads: Path


def open_shelf(settings: Settings, key: str) -> Shelf:
    if not re.fullmatch(r"[0-9a-f]{16,64}", key):
        raise ValueError("a shelf key is a random hex string")
    return Shelf(open_retriever(settings, SHELF_PREFIX + key), settings.data_dir / "uploads" / key)


def drop_shelves(settings: Settings, keys: Iterable[str] | None = None) -> None:
    """Every trace of these shelves (all of them when ``keys`` is None): vectors, lexical index, manifest, files."""
    client = open_client(store_config(settings))
    names = {c if isinstance(c, str) else c.name for c in client.list_collections()}
    wanted = {SHELF_PREFIX + k for k in keys} if keys is not None else {n for n in names if n.startswith(SHELF_PREFIX)}
    uploads = settings.data_dir / "uploads"
    for name in wanted:
        if name in names:
            client.delete_collection(name)
        for path in store_config(settings).local_dir.glob(f"*-{name}*"):  # its lexical index and manifest
            if path.is_dir():
                shutil.rmtree(path)
            else:
                path.unlink()
        shutil.rmtree(uploads / name.removeprefix(SHELF_PREFIX), ignore_errors=True)


ABOUT_OWN = re.compile(
    r"\b(?:my|this|the)\s+(?:own\s+)?(?:file|document|upload|judge?ment|letter|decision|contract|notes?|screenshots?)\b"
    r"|\buploaded\b|我上传|上传的|我的文件|这份|这个文件|判决书|내\s*(?:파일|문서)|올린|이\s*판결|판결문",
    re.IGNORECASE,
)
QUOTE_CHARS = 320
_SENTENCE = re.compile(r"(?<=[.!?。！？;；])\s+|\n+")


def about_own_documents(question: str) -> bool:
    """Whether the question points at the user's own file ("in my file", "这份判决书", "내 파일") rather than at the law."""
    return bool(ABOUT_OWN.search(question))


def own_passages(shelf: Shelf, question: str, about: bool, limit: int = 2) -> list[OwnPassage]:
    """The passages of the user's documents a question touches, each quoted at its best-matching sentence.

    Asked about their own file, the best passages come whatever matched; otherwise only passages
    sharing words with the question, so an unrelated upload is not pushed into every answer.
    """
    if shelf.retriever.store.count() == 0:
        return []
    hits = shelf.retriever.search(question, Filters(jurisdictions=("USER",)), limit + 1)
    if not about:
        hits = [h for h in hits if "lexical" in h.found_by]
    return [OwnPassage(h.doc_id, h.title, best_sentences(h.text, question)) for h in hits[:limit]]


def best_sentences(text: str, question: str) -> str:
    """The sentence sharing most words with the question (a figure counts: "how much" asks for one), with its follower."""
    sentences = [s.strip() for s in _SENTENCE.split(text) if s.strip()]
    if not sentences:
        return text[:QUOTE_CHARS]
    asked = set(tokenize(question))

    def score(i: int) -> float:
        return len(asked & set(tokenize(sentences[i]))) + 0.5 * any(c.isdigit() for c in sentences[i])

    best = max(range(len(sentences)), key=score)
    quote = " ".join(sentences[best : best + 2])
    return quote if len(quote) <= QUOTE_CHARS else quote[:QUOTE_CHARS].rstrip() + "…"
