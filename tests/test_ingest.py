"""Ingest against the real embedder and a real Chroma store: incremental, crash-safe, model-bound."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from remedy_atlas.errors import EmbedderMismatch
from remedy_atlas.index import load_embedder
from remedy_atlas.ingest.pipeline import ingest, manifest_for
from remedy_atlas.ingest.store import StoreConfig, VectorStore

from .conftest import CORPUS

SMALL = [
    "us/us-18-usc-1801.en.md",
    "cn/cn-ji-online-personal-rights.zh.md",
    "kr/kr-case-2022do1683-public-display.ko.md",
]


def _copy(names: list[str], target: Path) -> list[Path]:
    target.mkdir(parents=True, exist_ok=True)
    return [Path(shutil.copy(CORPUS / name, target / Path(name).name)) for name in names]


def _ids(store: VectorStore) -> list[str]:
    return sorted(store.ids())


def test_ingest_is_incremental(tmp_path: Path) -> None:
    files = _copy(SMALL, tmp_path / "docs")
    store = VectorStore(StoreConfig(tmp_path / "index"), load_embedder("e5"))
    first = ingest(files, store)
    assert (first.ingested, first.skipped, first.errors) == (3, 0, [])
    ids = _ids(store)
    assert first.chunks == len(ids) > 3

    again = ingest(files, store)
    assert (again.ingested, again.skipped, again.embedded) == (0, 3, 0)
    assert _ids(store) == ids

    files[0].write_text(files[0].read_text(encoding="utf-8") + "\nAdded paragraph about consent.\n", encoding="utf-8")
    changed = ingest(files, store)
    assert (changed.ingested, changed.skipped) == (1, 2)
    texts = [text for _, text, meta in store.records() if meta["doc_id"] == "us-18-usc-1801"]
    assert any("Added paragraph about consent." in t for t in texts)

    pruned = ingest(files[1:], store, prune=True)
    assert pruned.removed == 1
    assert not [cid for cid in _ids(store) if cid.startswith("us-18-usc-1801#")]
    assert "us-18-usc-1801" not in manifest_for(store).entries


def test_a_bad_file_is_reported_and_the_rest_goes_on(tmp_path: Path) -> None:
    files = _copy(SMALL[:1], tmp_path / "docs")
    broken = tmp_path / "docs" / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4 garbage")
    store = VectorStore(StoreConfig(tmp_path / "index"), load_embedder("e5"))
    report = ingest([*files, broken], store)
    assert report.ingested == 1
    assert [e.path for e in report.errors] == [str(broken)]
    assert {meta["doc_id"] for _, _, meta in store.records()} == {"us-18-usc-1801"}


@pytest.mark.slow
def test_searching_with_another_model_is_refused(tmp_path: Path) -> None:
    store = VectorStore(StoreConfig(tmp_path / "index"), load_embedder("e5"))
    ingest(_copy(SMALL[:1], tmp_path / "docs"), store)
    with pytest.raises(EmbedderMismatch, match="multilingual-e5-small"):
        VectorStore(StoreConfig(tmp_path / "index"), load_embedder("all-minilm-l6-v2"))


def test_an_ingest_prints_its_summary_and_no_chroma_warning(tmp_path: Path) -> None:
    """Chroma warned, on every new index, that it could not rebuild our embedding function (by design)."""
    files = _copy(SMALL[:1], tmp_path / "docs")
    env = {**os.environ, "REMEDY_ATLAS_DATA": str(tmp_path / "index")}
    command = [sys.executable, "-m", "remedy_atlas.cli", "ingest", str(files[0])]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300, check=True)
    assert "1 ingested" in done.stdout + done.stderr
    assert "Warning" not in done.stderr


@pytest.mark.slow
def test_a_killed_ingest_resumes_to_exactly_a_clean_run(tmp_path: Path) -> None:
    names = [f"us/{p.name}" for p in sorted((CORPUS / "us").glob("us-18-*.md"))]
    files = _copy(names, tmp_path / "docs")
    env = {**os.environ, "REMEDY_ATLAS_DATA": str(tmp_path / "killed")}
    command = [sys.executable, "-m", "remedy_atlas.cli", "ingest", str(tmp_path / "docs")]
    proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    manifest = tmp_path / "killed" / "manifest-user_documents.json"
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and not (manifest.exists() and manifest.read_text().count('"hash"') >= 2):
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    done_before = manifest.read_text().count('"hash"')
    assert 2 <= done_before < len(files), "the kill should land half-way"

    subprocess.run(command, env=env, check=True, capture_output=True)
    subprocess.run(command, env={**env, "REMEDY_ATLAS_DATA": str(tmp_path / "clean")}, check=True, capture_output=True)
    embedder = load_embedder("e5")
    resumed = VectorStore(StoreConfig(tmp_path / "killed"), embedder, "user_documents")
    clean = VectorStore(StoreConfig(tmp_path / "clean"), embedder, "user_documents")
    assert _ids(resumed) == _ids(clean)
    assert resumed.count() == clean.count()
