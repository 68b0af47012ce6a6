"""Errors a user can cause. Each message says what went wrong and what to do about it.

The hierarchy (catch ``RemedyAtlasError`` to show any of them as a one-line message)::

    RemedyAtlasError
    ├── UsageError          a call or a setting asks for what cannot be: a missing file, an unknown provider
    │   └── EmptyQuestion   nothing was asked
    ├── DocumentError       a file cannot be read as a legal document
    ├── StoreUnavailable    the vector store cannot be opened or written
    ├── EmbedderMismatch    vectors from another embedding model than the one configured
    └── ModelUnavailable    an embedding model or the tokenizer data cannot be loaded offline
"""

from __future__ import annotations


class RemedyAtlasError(Exception):
    """Base class: anything the CLI and the app show as a one-line message, not a traceback."""


class UsageError(RemedyAtlasError):
    """The caller asked for something that cannot be done: a missing argument, an unknown option."""


class EmptyQuestion(UsageError):
    """Nothing was asked: a usage error, never an answer about something nobody asked."""


class DocumentError(RemedyAtlasError):
    """A file could not be read as a legal document (corrupt, empty, encrypted, unknown format)."""

    def __init__(self, path: object, reason: str) -> None:
        reason = " ".join(reason.split())  # one line, whatever the parser underneath printed
        super().__init__(f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason


class StoreUnavailable(RemedyAtlasError):
    """The vector store cannot be opened or written (missing, read-only, server down)."""


class EmbedderMismatch(RemedyAtlasError):
    """The store or the shipped vectors were made by another embedding model: they are not comparable."""


class ModelUnavailable(RemedyAtlasError):
    """A model or the data it needs is not installed, and nothing is ever downloaded to make up for it."""
