"""A private copy of the session's corpus index, for tests that upload or serve the app."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

from remedy_atlas.index import open_store
from remedy_atlas.ingest.store import USER_COLLECTION
from remedy_atlas.settings import Settings


def private_index(corpus_settings: Settings, data_dir: Path) -> Settings:
    """The corpus index copied to ``data_dir``, its user collection empty: uploads there touch no other test."""
    shutil.copytree(corpus_settings.data_dir, data_dir, dirs_exist_ok=True)
    settings = dataclasses.replace(corpus_settings, data_dir=data_dir)
    store = open_store(settings, USER_COLLECTION)
    for doc_id in store.document_ids():
        store.delete_document(doc_id)
    return settings
