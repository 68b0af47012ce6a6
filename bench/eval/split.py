"""Which split each question belongs to, decided by its id alone so nobody can move a question later.

Within a batch (the character after the language in the id: ``zh-105`` is batch 1, ``zh-A05`` batch A), questions are
lined up by stratum — language, then the country asked about, then question type — and inside a
stratum by the SHA-256 of their id, then dealt alternately to dev and test (the batch's hash picks
which gets the first). Dealing down the whole line, not per stratum, keeps every language, country
and type within one question of half-and-half. A landed batch is never reopened, so later batches
grow dev and test together without reshuffling what was already there.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

EVAL_DIR = Path(__file__).resolve().parent
SPLITS = ("dev", "test")


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def country(jurisdictions: Iterable[str]) -> str:
    """``CN``, ``KR``, ``US`` (a state counts as the US), ``multi`` or ``none``: the stratum's country part."""
    countries = {j.split("-")[0] for j in jurisdictions}
    if not countries:
        return "none"
    return countries.pop() if len(countries) == 1 else "multi"


def assign(items: Iterable[dict[str, Any]]) -> dict[str, str]:
    """Each question id mapped to ``dev`` or ``test``."""
    batches: dict[str, list[tuple[str, str, str, str, str]]] = defaultdict(list)
    for item in items:
        qid = item["id"]
        batch = qid.split("-")[1][0]
        batches[batch].append((item["lang"], country(item["jurisdictions"]), item["type"], _digest(qid), qid))
    split: dict[str, str] = {}
    for batch, line in batches.items():
        first = int(_digest(batch), 16) % 2
        for position, (*_, qid) in enumerate(sorted(line)):
            split[qid] = SPLITS[(first + position) % 2]
    return split


def load(name: str, directory: Path = EVAL_DIR) -> list[dict[str, Any]]:
    """The questions of one split, in file order."""
    text = (directory / f"{name}.jsonl").read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]
