"""Index terms: short zh/ko/en keys for a provision, stored beside the law in
``corpus/index_terms.json`` and matched by BM25 and by meaning, never shown as the law's text.

An English question about 治安管理处罚法 第五十条 shares no word with it, and a small multilingual
embedder finds it only sometimes. The keys say in each language what the provision is about
("voyeurism; secretly filming; spreading someone's private information; detention"), so the
question meets the provision lexically, in its own language.
"""

from __future__ import annotations

import json
import logging
from array import array
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from ..ingest.embed import CachedEmbedder, Embedder
from ..ingest.tokenize import tokenize
from ..settings import CORPUS_DIR

log = logging.getLogger(__name__)

INDEX_TERMS_FILE = CORPUS_DIR / "index_terms.json"
HEADING_TERMS_FILE = CORPUS_DIR / "heading_terms.json"
LANGUAGES = ("zh", "ko", "en")


@dataclass(frozen=True)
class Provision:
    doc_id: str
    article: str


class IndexTerms:
    """One BM25 document per provision: its keys in all three languages, each language tokenized as such."""

    def __init__(self, terms: dict[Provision, dict[str, str]]) -> None:
        import bm25s

        self.provisions = list(terms)
        self.terms = terms
        vocab: dict[str, int] = {"": 0}
        corpus = [
            array(
                "I",
                [
                    vocab.setdefault(token, len(vocab))
                    for language in LANGUAGES
                    for token in tokenize(keys.get(language, ""), language)
                ]
                or [0],
            )
            for keys in terms.values()
        ]
        self._bm25 = bm25s.BM25()
        if corpus:
            self._bm25.index((corpus, vocab), show_progress=False)

    @classmethod
    def load(cls, path: Path = INDEX_TERMS_FILE) -> IndexTerms:
        rows = json.loads(path.read_text(encoding="utf-8"))
        return cls(
            {
                Provision(doc_id, article): keys
                for doc_id, articles in rows.items()
                if not doc_id.startswith("_")
                for article, keys in articles.items()
            }
        )

    def scores(self, tokens: list[str]) -> np.ndarray:
        if not self.provisions or not tokens:
            return np.zeros(len(self.provisions), dtype=np.float32)
        return np.asarray(self._bm25.get_scores(tokens), dtype=np.float32)


@cache
def default_index_terms() -> IndexTerms:
    return IndexTerms.load()


@cache
def default_heading_terms() -> IndexTerms:
    return IndexTerms.load(HEADING_TERMS_FILE)


def key_passages(*sources: IndexTerms) -> list[tuple[Provision, str, str]]:
    """(provision, language, text): a provision's keys in one language, from every source, as one passage."""
    merged: dict[tuple[Provision, str], list[str]] = {}
    for source in sources:
        for provision, keys in source.terms.items():
            for language in LANGUAGES:
                if text := keys.get(language, "").strip():
                    merged.setdefault((provision, language), []).append(text)
    return [(provision, language, "; ".join(texts)) for (provision, language), texts in merged.items()]


class KeyVectors:
    """The keys embedded, one vector per provision and language.

    BM25 on the keys needs the question's own words; an English question asks whether it is "too
    late to sue" where the key says "limitation period". Matching the question's embedding against the
    keys in its own language reaches the provision by meaning, and in one language, which a small
    multilingual embedder does far better than across two (dev MRR 0.839 → 0.874).
    """

    def __init__(self, passages: list[tuple[Provision, str, str]], vectors: np.ndarray) -> None:
        self._provisions: dict[str, list[Provision]] = {language: [] for language in LANGUAGES}
        rows: dict[str, list[int]] = {language: [] for language in LANGUAGES}
        for i, (provision, language, _) in enumerate(passages):
            self._provisions[language].append(provision)
            rows[language].append(i)
        self._vectors = {language: vectors[rows[language]] for language in LANGUAGES}

    @classmethod
    def embedded(cls, passages: list[tuple[Provision, str, str]], embedder: Embedder, cache: Path) -> KeyVectors:
        """Embedded once per model and keys, then read from ``cache`` (the shipped corpus vectors hold
        the default model's, so only another model embeds them, once)."""
        texts = [text for _, _, text in passages]
        cached = CachedEmbedder(embedder, cache)
        vectors = cached.encode_passages(texts)
        if cached.hits < len(texts):
            try:
                cached.save(texts)
            except OSError as exc:  # a read-only data directory still searches, embedding the keys each start
                log.warning("key vectors not saved to %s (%s)", cache, exc.strerror)
        return cls(passages, vectors.astype(np.float32))

    def ranked(self, vector: np.ndarray, language: str) -> list[Provision]:
        """The provisions with keys in ``language``, nearest the question's ``vector`` first."""
        provisions = self._provisions.get(language, [])
        if not provisions:
            return []
        return [provisions[i] for i in np.argsort(-(self._vectors[language] @ vector))]
