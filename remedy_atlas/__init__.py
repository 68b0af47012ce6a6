"""Remedy Atlas: which remedies apply to image-based sexual abuse, cited to the provision, offline.

The public API; the CLI and the app use nothing else::

    import remedy_atlas

    settings = remedy_atlas.Settings.from_env()
    remedy_atlas.ingest_corpus(settings)  # the first time; later runs redo only what changed
    answer = remedy_atlas.ask("Is sharing a deepfake of me a crime in Korea?", settings=settings)
    print(answer.text)  # every statement cites one of answer.sources, quoted verbatim from corpus/
    hits = remedy_atlas.search("불법촬영 처벌", remedy_atlas.Filters(jurisdictions=("KR",)), settings=settings)

``ask``, ``compare`` and ``search`` open one engine per settings and keep it; ``open_engine``
gives one to hold yourself (the app does, to add the user's own documents). Every error a user
can cause is a ``RemedyAtlasError`` (see ``remedy_atlas.errors`` for the hierarchy).

Names load on first use (PEP 562), so ``remedy-atlas --help`` starts without importing Chroma,
the embedder or LangChain.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_EXPORTS = {  # public name → the module that defines it, relative to this package
    "Settings": "settings",
    "LLMSettings": "settings",
    "ingest_corpus": "index",
    "ingest_files": "index",
    "open_engine": "index",
    "open_retriever": "index",
    "open_store": "index",
    "write_shipped_embeddings": "index",
    "ask": "index",
    "compare": "index",
    "search": "index",
    "IngestReport": "ingest.pipeline",
    "Filters": "retrieval.search",
    "Hit": "retrieval.search",
    "Retriever": "retrieval.search",
    "Answer": "answer.engine",
    "AnswerEngine": "answer.engine",
    "Writer": "answer.engine",
    "Source": "answer.sources",
    "to_markdown": "answer.export",
    "to_docx": "answer.export",
    "write_draft": "answer.drafts",
    "EvidenceFile": "answer.drafts",
    "write_brief": "answer.brief",
    "RemedyAtlasError": "errors",
    "UsageError": "errors",
    "EmptyQuestion": "errors",
    "DocumentError": "errors",
    "StoreUnavailable": "errors",
    "EmbedderMismatch": "errors",
    "ModelUnavailable": "errors",
}

__all__ = sorted(_EXPORTS)

if TYPE_CHECKING:  # what type checkers see; "X as X" marks each name as re-exported
    from .answer.engine import Answer as Answer
    from .answer.engine import AnswerEngine as AnswerEngine
    from .answer.engine import Writer as Writer
    from .answer.sources import Source as Source
    from .errors import DocumentError as DocumentError
    from .errors import EmbedderMismatch as EmbedderMismatch
    from .errors import ModelUnavailable as ModelUnavailable
    from .errors import RemedyAtlasError as RemedyAtlasError
    from .errors import StoreUnavailable as StoreUnavailable
    from .errors import UsageError as UsageError
    from .index import ask as ask
    from .index import compare as compare
    from .index import ingest_corpus as ingest_corpus
    from .index import ingest_files as ingest_files
    from .index import open_engine as open_engine
    from .index import open_retriever as open_retriever
    from .index import search as search
    from .ingest.pipeline import IngestReport as IngestReport
    from .retrieval.search import Filters as Filters
    from .retrieval.search import Hit as Hit
    from .retrieval.search import Retriever as Retriever
    from .settings import LLMSettings as LLMSettings
    from .settings import Settings as Settings


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'remedy_atlas' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
    globals()[name] = value  # the next lookup skips this function
    return value


def __dir__() -> list[str]:
    return __all__
