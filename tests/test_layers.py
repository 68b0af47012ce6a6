"""Data flows one way: no stage imports a later one, and none reaches up into the wiring.

ingest ← retrieval ← answer ← remedy_atlas (index, cli, library, evaluation, the public API, app.py).
A stage may import an earlier stage and the few modules every stage shares (errors, settings,
language, legal_units); a backward import is how the ingest ↔ retrieval cycle crept in before.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import remedy_atlas.answer
import remedy_atlas.ingest
import remedy_atlas.retrieval

STAGES = ("ingest", "retrieval", "answer")  # in the order data flows
SHARED = frozenset({"errors", "settings", "language", "legal_units"})


def imported(source: str, module: str, is_package: bool = False) -> set[str]:
    """The absolute names a module's source imports, relative imports resolved, lazy ones included."""
    package = module.split(".") if is_package else module.split(".")[:-1]
    names: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = ".".join(package[: len(package) - node.level + 1]) if node.level else ""
            target = ".".join(part for part in (base, node.module) if part)
            if node.module is None:  # from . import x: each x may be a module
                names.update(f"{target}.{alias.name}" for alias in node.names)
            else:
                names.add(target)
    return names


def allowed(stage: str, name: str) -> bool:
    """An earlier or the same stage, or a shared module; nothing else inside remedy_atlas."""
    parts = name.split(".")
    if parts[0] != "remedy_atlas":
        return True
    if len(parts) == 1:
        return False  # the public API sits above every stage
    if parts[1] in STAGES:
        return STAGES.index(parts[1]) <= STAGES.index(stage)
    return parts[1] in SHARED


def stage_modules() -> list[tuple[str, str, Path]]:
    found = []
    for package in (remedy_atlas.ingest, remedy_atlas.retrieval, remedy_atlas.answer):
        for path in sorted(Path(next(iter(package.__path__))).glob("*.py")):
            found.append((package.__name__.split(".")[1], f"{package.__name__}.{path.stem}", path))
    return found


def test_the_resolver_reads_relative_lazy_and_package_imports() -> None:
    source = "from ..index import load_embedder\nfrom .search import Retriever\ndef f():\n    from .. import cli\n"
    assert imported(source, "remedy_atlas.retrieval.evaluate") == {
        "remedy_atlas.index",
        "remedy_atlas.retrieval.search",
        "remedy_atlas.cli",
    }
    assert imported("from . import store", "remedy_atlas.ingest", is_package=True) == {"remedy_atlas.ingest.store"}


@pytest.mark.parametrize(
    ("stage", "name", "expected"),
    [
        ("retrieval", "remedy_atlas.ingest.lexical", True),
        ("retrieval", "remedy_atlas.errors", True),
        ("ingest", "remedy_atlas.retrieval.search", False),
        ("retrieval", "remedy_atlas.answer.remedies", False),
        ("answer", "remedy_atlas.index", False),
        ("answer", "remedy_atlas", False),
        ("ingest", "numpy", True),
    ],
)
def test_which_imports_are_allowed(stage: str, name: str, expected: bool) -> None:
    assert allowed(stage, name) is expected


def test_no_stage_imports_a_later_one_or_the_wiring() -> None:
    modules = stage_modules()
    assert {stage for stage, _, _ in modules} == set(STAGES)
    backward = [
        f"{module} imports {name}"
        for stage, module, path in modules
        for name in sorted(imported(path.read_text(encoding="utf-8"), module, path.name == "__init__.py"))
        if not allowed(stage, name)
    ]
    assert backward == []
