"""The BM25 index over the same chunks as the vector store, persisted beside it.

Ingest rebuilds it whenever the store changes; it records a fingerprint of what it indexed, and
a checksum of each file it wrote, so a stale or damaged index is detected on load and rebuilt
instead of silently answering wrong (a zeroed score array keeps its shape and loads fine).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from .tokenize import tokenize_many

INDEX_DIRNAME = "lexical"
_FILTER_KEYS = ("doc_id", "jurisdiction", "kind", "language", "partial")


@dataclass(frozen=True)
class LexicalEntry:
    """What the lexical side needs of a chunk to filter and report it without asking the store."""

    chunk_id: str
    doc_id: str
    jurisdiction: str
    kind: str
    language: str
    partial: bool


def fingerprint(ids_and_hashes: Iterable[tuple[str, str]]) -> str:
    digest = hashlib.sha256()
    for chunk_id, doc_hash in sorted(ids_and_hashes):
        digest.update(f"{chunk_id}\0{doc_hash}\n".encode())
    return digest.hexdigest()


def index_text(text: str, meta: dict[str, Any]) -> str:
    """Titles and citation labels are indexed with the text: people search by a law's name."""
    return "\n".join((str(meta.get("title", "")), str(meta.get("citation", "")), text))


class LexicalIndex:
    def __init__(self, retriever: Any, entries: list[LexicalEntry], fingerprint: str) -> None:
        self._retriever = retriever
        self.entries = entries
        self.fingerprint = fingerprint
        self._by_chunk_id = {e.chunk_id: e for e in entries}

    def entry(self, chunk_id: str) -> LexicalEntry | None:
        return self._by_chunk_id.get(chunk_id)

    @classmethod
    def build(cls, records: Iterable[tuple[str, str, dict[str, Any]]]) -> LexicalIndex:
        import bm25s

        entries: list[LexicalEntry] = []
        texts: list[str] = []
        hashes: list[tuple[str, str]] = []
        for chunk_id, text, meta in records:
            entries.append(LexicalEntry(chunk_id, *(meta[k] for k in _FILTER_KEYS)))  # type: ignore[arg-type]
            texts.append(index_text(text, meta))
            hashes.append((chunk_id, str(meta.get("doc_hash", ""))))
        corpus: list[list[str]] = [[] for _ in entries]
        for language in {e.language for e in entries}:
            positions = [i for i, e in enumerate(entries) if e.language == language]
            for i, tokens in zip(positions, tokenize_many([texts[i] for i in positions], language), strict=True):
                corpus[i] = tokens or [""]
        retriever = bm25s.BM25()
        if corpus:
            retriever.index(corpus, show_progress=False)
        return cls(retriever, entries, fingerprint(hashes))

    def save(self, directory: Path) -> None:
        """Written to a temporary directory and swapped in, so a crash never leaves half an index."""
        tmp = directory.with_name(directory.name + ".tmp")
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        if self.entries:
            self._retriever.save(str(tmp), show_progress=False)
        meta = {
            "fingerprint": self.fingerprint,
            "checksums": _checksums(tmp),
            "entries": [list(e.__dict__.values()) for e in self.entries],
        }
        (tmp / "entries.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
        old = directory.with_name(directory.name + ".old")
        shutil.rmtree(old, ignore_errors=True)
        if directory.exists():
            os.replace(directory, old)
        os.replace(tmp, directory)
        shutil.rmtree(old, ignore_errors=True)

    @classmethod
    def load(cls, directory: Path) -> LexicalIndex | None:
        """The saved index, or None when it is missing or unreadable (the caller rebuilds it)."""
        import bm25s

        try:
            meta = json.loads((directory / "entries.json").read_text(encoding="utf-8"))
            if _checksums(directory) != meta["checksums"]:
                return None
            entries = [LexicalEntry(*row) for row in meta["entries"]]
            retriever = bm25s.BM25.load(str(directory), show_progress=False) if entries else bm25s.BM25()
            if entries and retriever.scores["num_docs"] != len(entries):
                return None
        except (OSError, EOFError, ValueError, KeyError, TypeError):
            return None
        return cls(retriever, entries, str(meta["fingerprint"]))

    def scores(self, tokens: list[str]) -> np.ndarray:
        if not self.entries or not tokens:
            return np.zeros(len(self.entries), dtype=np.float32)
        return np.asarray(self._retriever.get_scores(tokens), dtype=np.float32)


def _checksums(directory: Path) -> dict[str, str]:
    """sha256 of every file but entries.json, which holds these."""
    return {
        path.name: hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(directory.iterdir())
        if path.name != "entries.json"
    }
