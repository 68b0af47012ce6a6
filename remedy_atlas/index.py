"""The wiring: settings in, the stages' parts out (embedder, store, retriever, engine), and nowhere else.

Each stage takes its parts as arguments (a store takes an embedder, a retriever a store, an
engine retrievers), so this is the one place that decides which embedder feeds which store and
which retrievers feed the engine. It sits above the stages: ingest ← retrieval ← answer ← here.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from .ingest.embed import CachedEmbedder, Embedder, make_embedder
from .ingest.pipeline import (
    IngestReport,
    Progress,
    corpus_files,
    embedding_cache_file,
    ingest,
    refresh_lexical_index,
    write_corpus_embeddings,
)
from .ingest.store import CORPUS_COLLECTION, USER_COLLECTION, StoreConfig, VectorStore
from .retrieval.glossary import default_glossary
from .retrieval.keys import KeyVectors, default_heading_terms, default_index_terms, key_passages
from .retrieval.names import default_name_book
from .retrieval.search import Filters, Hit, Retriever
from .settings import Settings

if TYPE_CHECKING:
    from .answer.engine import Answer, AnswerEngine


@cache
def load_embedder(name: str) -> Embedder:
    """The embedder factory for everything outside ingest: models load once per process, so the
    app, the CLI, the evaluation runners, the benchmarks and the tests share one instance."""
    return make_embedder(name)


def store_config(settings: Settings) -> StoreConfig:
    return StoreConfig(settings.data_dir, settings.chroma_host, settings.chroma_port)


def shipped_embedder(settings: Settings) -> CachedEmbedder:
    embedder = load_embedder(settings.embedder)
    return CachedEmbedder(embedder, embedding_cache_file(settings.corpus_dir, embedder.model_id))


def write_shipped_embeddings(settings: Settings, progress: Progress | None = None) -> int:
    """The corpus's chunks, and the keys of its provisions (see KeyVectors)."""
    keys = [text for _, _, text in key_passages(default_heading_terms(), default_index_terms())]
    return write_corpus_embeddings(settings.corpus_dir, shipped_embedder(settings), progress, keys)


def key_vectors_file(store: VectorStore) -> Path:
    return store.config.local_dir / f"key-vectors-{store.name}.npz"


def open_store(settings: Settings, collection: str = CORPUS_COLLECTION) -> VectorStore:
    """The corpus collection reads the shipped vectors; a user's own collection embeds live."""
    embedder = shipped_embedder(settings) if collection == CORPUS_COLLECTION else load_embedder(settings.embedder)
    return VectorStore(store_config(settings), embedder, collection)


def ingest_corpus(settings: Settings, progress: Progress | None = None) -> IngestReport:
    """The shipped corpus, exactly: what is gone from ``corpus/`` is removed from the index."""
    store = open_store(settings)
    return ingest(corpus_files(settings.corpus_dir), store, prune=True, progress=progress)


def ingest_files(
    settings: Settings, paths: Sequence[Path], jurisdiction: str | None = None, progress: Progress | None = None
) -> IngestReport:
    """The user's own files, into their private collection (never mixed into the corpus's)."""
    return ingest(paths, open_store(settings, USER_COLLECTION), jurisdiction=jurisdiction, progress=progress)


def open_retriever(settings: Settings, collection: str = CORPUS_COLLECTION) -> Retriever:
    """Over the corpus, the reviewed remedy entries rank up the provisions a question asks for, and the
    index terms and headings stored beside the law (corpus/index_terms.json, heading_terms.json) are
    searched with it, by their words and by their vectors."""
    from .answer.remedies import default_remedies, remedy_prior

    store = open_store(settings, collection)
    glossary = default_glossary()
    if collection != CORPUS_COLLECTION:
        return Retriever(store, refresh_lexical_index(store), glossary, names=default_name_book())
    terms, headings = default_index_terms(), default_heading_terms()
    lexical = refresh_lexical_index(store)
    # only the keys of provisions in the index: a corpus of one's own would otherwise embed them all at start
    indexed = {(entry.doc_id, entry.article.lower()) for entry in lexical.entries if entry.article}
    passages = [
        (provision, language, text)
        for provision, language, text in key_passages(headings, terms)
        if (provision.doc_id, provision.article.lower()) in indexed
    ]
    return Retriever(
        store,
        lexical,
        glossary,
        remedy_prior(default_remedies(), glossary),
        names=default_name_book(),
        terms=terms,
        headings=headings,
        key_vectors=KeyVectors.embedded(passages, store.embedder, key_vectors_file(store)),
    )


def open_engine(settings: Settings) -> AnswerEngine:
    """The answer engine over the corpus and the user's private collection, with the configured LLM if any."""
    from .answer.engine import AnswerEngine
    from .answer.llm import make_chat_model

    return AnswerEngine(
        open_retriever(settings),
        make_chat_model(settings.llm),
        user_retriever=open_retriever(settings, USER_COLLECTION),
    )


@cache
def _engine(settings: Settings) -> AnswerEngine:
    """One engine per settings for the calls below: opening one loads the model and reads the index."""
    return open_engine(settings)


def ask(
    question: str,
    jurisdictions: tuple[str, ...] = (),
    history: list[str] | None = None,
    all_options: bool = False,
    *,
    settings: Settings | None = None,
) -> Answer:
    """Which remedies apply, cited; ``jurisdictions`` is the asker's selection when the question names none."""
    return _engine(settings or Settings.from_env()).ask(question, jurisdictions, history, all_options)


def compare(
    conduct: str,
    jurisdictions: tuple[str, ...] = ("CN", "KR", "US"),
    language: str = "en",
    *,
    settings: Settings | None = None,
) -> Answer:
    """One conduct across jurisdictions, as a cited table."""
    return _engine(settings or Settings.from_env()).compare(conduct, jurisdictions, language)


def search(
    question: str, filters: Filters | None = None, k: int = 10, *, settings: Settings | None = None
) -> list[Hit]:
    """The ``k`` provisions of the corpus that best match ``question``, one hit per article."""
    return _engine(settings or Settings.from_env()).retriever.search(question, filters, k)
