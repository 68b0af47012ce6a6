"""Errors a user can cause. Each message says what went wrong and what to do about it."""

from __future__ import annotations


class RemedyAtlasError(Exception):
    """Base class: anything the CLI and the app show as a one-line message, not a traceback."""


class DocumentError(RemedyAtlasError):
    """A file could not be read as a legal document (corrupt, empty, encrypted, unknown format)."""

    def __init__(self, path: object, reason: str) -> None:
        reason = " ".join(reason.split())  # one line, whatever the parser underneath printed
        super().__init__(f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason


class EmbedderMismatch(RemedyAtlasError):
    """The store was built with another embedding model: its vectors are not comparable."""


class StoreUnavailable(RemedyAtlasError):
    """The vector store cannot be opened or written (missing, read-only, server down)."""
