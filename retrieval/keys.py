"""Index terms: short zh/ko/en keys for a provision, stored beside the law in
``corpus/index_terms.json`` and matched by BM25, never shown as the law's text.

An English question about 治安管理处罚法 第五十条 shares no word with it, and a small multilingual
embedder finds it only sometimes. The keys say in each language what the provision is about
("voyeurism; secretly filming; spreading someone's private information; detention"), so the
question meets the provision lexically, in its own language.
"""

from __future__ import annotations

import json
from array import array
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from ..ingest.tokenize import tokenize
from ..settings import CORPUS_DIR

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
