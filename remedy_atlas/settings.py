"""Where things live and which parts are switched on, from the environment (one place to look)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from platformdirs import user_data_dir

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent  # the checkout, when run from one: only the eval sets and benchmarks need it


def _shipped(name: str) -> Path:
    """Inside the package when installed from a wheel, beside it in a checkout (and an editable install)."""
    inside = PACKAGE_DIR / name
    return inside if inside.is_dir() else PROJECT_DIR / name


CORPUS_DIR = _shipped("corpus")  # the legal texts, remedy entries, glossary and shipped vectors
PROMPTS_DIR = _shipped("prompts")


def _env(name: str, default: str = "") -> str:
    return os.environ.get(f"REMEDY_ATLAS_{name}", default)


@dataclass(frozen=True)
class LLMSettings:
    """An optional chat model. ``provider`` is "" (off), "ollama" or "openai" (any compatible endpoint)."""

    provider: str = ""
    model: str = ""
    base_url: str = ""
    api_key: str = field(default="", repr=False)
    timeout: float = 60.0

    @classmethod
    def from_env(cls) -> LLMSettings:
        return cls(
            provider=_env("LLM_PROVIDER").lower(),
            model=_env("LLM_MODEL"),
            base_url=_env("LLM_BASE_URL"),
            api_key=_env("LLM_API_KEY"),
            timeout=float(_env("LLM_TIMEOUT", "60")),
        )


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    corpus_dir: Path
    embedder: str = "e5"
    chroma_host: str | None = None
    chroma_port: int = 8000
    llm: LLMSettings = field(default_factory=LLMSettings)

    @classmethod
    def from_env(cls) -> Settings:
        return cls(
            data_dir=Path(_env("DATA", user_data_dir("remedy-atlas", appauthor=False))),
            corpus_dir=Path(_env("CORPUS", str(CORPUS_DIR))),
            embedder=_env("EMBEDDER", "e5"),
            chroma_host=_env("CHROMA_HOST") or None,
            chroma_port=int(_env("CHROMA_PORT", "8000")),
            llm=LLMSettings.from_env(),
        )
