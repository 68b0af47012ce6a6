"""The wheel works anywhere: built from the checkout, installed into a fresh venv, run from an empty directory.

Nothing is downloaded: the build uses this venv's setuptools, and the fresh venv reaches the
dependencies already installed here through a .pth line (never this checkout, never the editable
install), so the test passes offline and only the wheel's own files can supply the corpus,
the shipped vectors and the prompts.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from remedy_atlas.ingest.pipeline import corpus_files
from remedy_atlas.settings import CORPUS_DIR, PROJECT_DIR, PROMPTS_DIR

pytestmark = pytest.mark.slow


def run(command: list[str | Path], cwd: Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False, timeout=900)
    assert done.returncode == 0, f"{command} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def shipped(directory: Path) -> set[str]:
    return {str(p.relative_to(directory)) for p in directory.rglob("*") if p.is_file()}


def test_the_wheel_ingests_and_answers_from_an_empty_directory(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", wheels, PROJECT_DIR],
        tmp_path,
    )
    (wheel,) = wheels.glob("remedy_atlas-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {f"remedy_atlas/corpus/{name}" for name in shipped(CORPUS_DIR)} <= names
    assert {f"remedy_atlas/prompts/{name}" for name in shipped(PROMPTS_DIR)} <= names
    assert not any(name.startswith(("ingest/", "retrieval/", "answer/", "tests/", "bench/")) for name in names)

    venv = tmp_path / "venv"
    run([sys.executable, "-m", "venv", venv], tmp_path)
    python = venv / "bin" / "python"
    run([python, "-m", "pip", "install", "-q", "--no-deps", "--no-index", wheel], tmp_path)
    site = Path(run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], tmp_path).strip())
    (site / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")

    empty = tmp_path / "empty"
    empty.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "REMEDY_ATLAS_", "VIRTUAL_ENV"))}
    env["REMEDY_ATLAS_DATA"] = str(tmp_path / "data")
    where = run(
        [python, "-c", "import remedy_atlas.settings as s; print(s.CORPUS_DIR); print(s.PROMPTS_DIR)"], empty, env
    )
    assert where.split() == [str(site / "remedy_atlas" / "corpus"), str(site / "remedy_atlas" / "prompts")]

    summary = run([venv / "bin" / "remedy-atlas", "ingest"], empty, env)
    documents = len(corpus_files(CORPUS_DIR))
    found = re.search(
        r"(\d+) documents \((\d+) ingested, 0 unchanged, 0 removed\), (\d+) chunks in the index, (\d+) embedded \((\d+) from shipped vectors\)",
        summary,
    )
    assert found, summary
    assert int(found[1]) == int(found[2]) == documents
    # every chunk's vector came from the wheel's corpus/embeddings: nothing was embedded live
    assert int(found[3]) == int(found[4]) == int(found[5])

    reply = json.loads(
        run(
            [venv / "bin" / "remedy-atlas", "ask", "--json", "Is sharing a deepfake of me a crime in Korea?"],
            empty,
            env,
        )
    )
    assert reply["jurisdictions"] == ["KR"]
    cited = {(c["doc_id"], c["article"]) for c in reply["citations"]}
    assert ("kr-sexual-crimes-act", "14-2") in cited  # Art. 14-2: the deepfake offence, from the wheel's corpus
    assert sorted(os.listdir(empty)) == []  # nothing written beside the user: the index went to REMEDY_ATLAS_DATA
