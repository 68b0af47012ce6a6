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
from array import array
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from .tokenize import tokenize_many

INDEX_DIRNAME = "lexical"
TOKENIZE_BATCH = 2000  # texts of one language tokenised together: Kiwi spreads a batch over all cores


@dataclass(frozen=True)
class LexicalEntry:
    """What the lexical side needs of a chunk to filter and report it without asking the store."""

    chunk_id: str
    doc_id: str
    jurisdiction: str
    kind: str
    language: str
    partial: bool
    article: str  # "" outside articles: with doc_id, where a named or indexed provision's chunks are
    jurisdiction_full: str  # US-CA, or plain US for federal law: what a question naming a state ranks first
    unit: str  # article, notes, addendum …: with paragraph, the section a chunk outside articles belongs to
    paragraph: str


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
        """Streamed: texts are tokenised a batch at a time and kept only as token ids.

        Holding every chunk's tokens as strings cost about 10 KB a chunk, a 10 GB peak at 1M
        chunks (bench/scale.py); ids in arrays cost 4 bytes a token.
        """
        import bm25s

        entries: list[LexicalEntry] = []
        hashes: list[tuple[str, str]] = []
        vocab: dict[str, int] = {"": 0}  # the empty token scores chunks that have no other
        corpus: list[array[int]] = []
        pending: dict[str, list[tuple[int, str]]] = defaultdict(list)  # language → (position, text)

        def tokenise(language: str) -> None:
            batch = pending.pop(language)
            for (i, _), tokens in zip(batch, tokenize_many([text for _, text in batch], language), strict=True):
                corpus[i] = array("I", [vocab.setdefault(token, len(vocab)) for token in tokens] or [0])

        for chunk_id, text, meta in records:
            entry = LexicalEntry(
                chunk_id,
                str(meta["doc_id"]),
                str(meta["jurisdiction"]),
                str(meta["kind"]),
                str(meta["language"]),
                bool(meta["partial"]),
                str(meta.get("article", "")),
                str(meta.get("jurisdiction_full", meta["jurisdiction"])),
                str(meta["unit"]),
                str(meta.get("paragraph", "")),
            )
            entries.append(entry)
            hashes.append((chunk_id, str(meta.get("doc_hash", ""))))
            corpus.append(array("I"))
            pending[entry.language].append((len(corpus) - 1, index_text(text, meta)))
            if len(pending[entry.language]) >= TOKENIZE_BATCH:
                tokenise(entry.language)
        for language in list(pending):
            tokenise(language)
        retriever = bm25s.BM25()
        if corpus:
            retriever.index((corpus, vocab), show_progress=False)
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
