from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from remedy_atlas.settings import PROJECT_DIR, Settings

CORPUS = PROJECT_DIR / "corpus"


@pytest.fixture(autouse=True)
def _private_data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads or writes the user's real index."""
    monkeypatch.setenv("REMEDY_ATLAS_DATA", str(tmp_path_factory.mktemp("data")))


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return dataclasses.replace(Settings.from_env(), data_dir=tmp_path / "index", corpus_dir=CORPUS)


@pytest.fixture(scope="session")
def corpus_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """The whole shipped corpus ingested once per test session (fast: the vectors ship with it)."""
    from remedy_atlas.index import ingest_corpus

    settings = dataclasses.replace(
        Settings.from_env(), data_dir=tmp_path_factory.mktemp("corpus-index"), corpus_dir=CORPUS
    )
    ingest_corpus(settings)
    return settings
