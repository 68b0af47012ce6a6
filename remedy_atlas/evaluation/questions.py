"""The labelled question sets: ``bench/eval/{dev,test}.jsonl`` and any file in the same format."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from ..settings import PROJECT_DIR
from .metrics import Gold

EVAL_DIR = PROJECT_DIR / "bench" / "eval"
SPLITS = ("dev", "test")  # tune on dev; test is only ever reported


@dataclass(frozen=True)
class Question:
    id: str
    lang: str
    question: str
    gold: tuple[Gold, ...]
    type: str = ""
    jurisdictions: tuple[str, ...] = ()  # what the question asks about: CN, KR, US, US-CA …
    persona: str = ""
    history: tuple[str, ...] = ()  # earlier questions of the conversation, for a follow-up

    @property
    def asked_about(self) -> tuple[str, ...]:
        """The countries asked about (US-CA counts as US), in the order named; when the question names
        none ("my ex posted my photos"), the countries of its gold provisions (doc ids start cn-, kr-, us-)."""
        named = [j.split("-")[0] for j in self.jurisdictions] or [doc.split("-")[0].upper() for doc, _ in self.gold]
        return tuple(dict.fromkeys(named))


def split_file(split: str) -> Path:
    return EVAL_DIR / f"{split}.jsonl"


def load_questions(path: Path) -> list[Question]:
    questions = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            questions.append(
                Question(
                    str(row["id"]),
                    row.get("lang", ""),
                    row["question"],
                    tuple((g["doc"], g.get("article")) for g in row["gold"]),
                    row.get("type", ""),
                    tuple(row.get("jurisdictions", ())),
                    row.get("persona", ""),
                    tuple(row.get("history", ())),
                )
            )
    return questions
