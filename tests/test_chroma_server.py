"""The same ingest and search through a real Chroma server (`chroma run`) on loopback."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from remedy_atlas.index import load_embedder
from remedy_atlas.ingest.pipeline import ingest, refresh_lexical_index
from remedy_atlas.ingest.store import StoreConfig, VectorStore
from remedy_atlas.retrieval.glossary import default_glossary
from remedy_atlas.retrieval.search import Retriever

from .conftest import CORPUS
from .support.servers import ChromaServer


@pytest.fixture
def chroma_server(tmp_path: Path) -> Iterator[int]:
    with ChromaServer(tmp_path / "server-data") as server:
        yield server.port


@pytest.mark.slow
def test_ingest_and_search_through_a_chroma_server(tmp_path: Path, chroma_server: int) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    for name in ("us/us-15-usc-6851.en.md", "kr/kr-case-2022do1683-public-display.ko.md"):
        shutil.copy(CORPUS / name, docs)
    config = StoreConfig(tmp_path / "local", host="127.0.0.1", port=chroma_server)
    store = VectorStore(config, load_embedder("e5"))
    report = ingest([docs], store)
    assert report.ingested == 2 and report.errors == []
    assert (config.local_dir / "manifest-corpus.json").exists()

    reopened = VectorStore(config, load_embedder("e5"))
    assert reopened.count() == report.chunks
    retriever = Retriever(reopened, refresh_lexical_index(reopened), default_glossary())
    hits = retriever.search("civil action for disclosure of intimate images", k=3)
    assert (hits[0].doc_id, hits[0].article) == ("us-15-usc-6851", "6851")
