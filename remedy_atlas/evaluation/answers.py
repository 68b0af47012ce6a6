"""How answers read to someone who stops after one screen: where the gold provision is first cited, and length.

Per language and split: the character offset of the first citation of a gold provision, the
share of answers citing one within the first 1,200 characters (one screen), answer length
(median, max), question-type accuracy, and unverifiable citations (markers that open no
provision, statements the verifier had to remove) — which must be 0.

The same runner measures today's composer and an earlier commit's (``python -m
remedy_atlas.evaluation.answers`` in a checkout of it writes a baseline JSON), so the two are
compared on the same questions.
"""

from __future__ import annotations

import json
import re
import statistics
import sys
from collections import defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from .questions import Question, load_questions

SCREEN = 1200  # characters: what a phone shows before the reader scrolls
_MARKER = re.compile(r"\[(\d+)\]")


def load_splits(paths: dict[str, Path]) -> dict[str, list[Question]]:
    return {name: load_questions(path) for name, path in paths.items()}


def first_gold_citation(text: str, sources: Iterable[Any], gold: tuple[tuple[str, str | None], ...]) -> int | None:
    """The offset of the first marker in ``text`` that opens a gold provision (None: never cited)."""
    markers = {
        s.marker
        for s in sources
        for doc, article in gold
        if s.doc_id == doc and (article is None or (s.article or "").lower() == article.lower())
    }
    return next((m.start() for m in _MARKER.finditer(text) if int(m.group(1)) in markers), None)


def unverifiable(text: str, sources: Iterable[Any], warnings: Iterable[str]) -> int:
    """Markers that open no listed provision, plus statements the verifier removed."""
    listed = {s.marker for s in sources}
    dangling = sum(1 for m in _MARKER.finditer(text) if int(m.group(1)) not in listed)
    return dangling + sum(1 for w in warnings if w.startswith("removed"))


def measure(question: Question, answer: Any) -> dict[str, Any]:
    """One answer's figures; ``answer`` is any object with text, sources, warnings (question_type if known)."""
    at = first_gold_citation(answer.text, answer.sources, question.gold)
    predicted = getattr(answer, "question_type", None)
    return {
        "id": question.id,
        "lang": question.lang,
        "first_gold_at": at,
        "length": len(answer.text),
        "type": predicted,
        "type_ok": None if predicted is None or not question.type else predicted == question.type,
        "unverifiable": unverifiable(answer.text, answer.sources, answer.warnings),
    }


def summarize(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Figures of a group of answers (one language of one split)."""
    cited = [r["first_gold_at"] for r in rows if r["first_gold_at"] is not None]
    lengths = [r["length"] for r in rows]
    typed = [r["type_ok"] for r in rows if r["type_ok"] is not None]
    return {
        "n": len(rows),
        "gold_in_screen": sum(1 for at in cited if at < SCREEN) / len(rows),
        "gold_cited": len(cited) / len(rows),
        "gold_at_median": statistics.median(cited) if cited else None,
        "length_median": statistics.median(lengths),
        "length_max": max(lengths),
        "type_accuracy": sum(typed) / len(typed) if typed else None,
        "unverifiable": sum(r["unverifiable"] for r in rows),
    }


Ask = Callable[[Question], Any]


def run(ask: Ask, splits: dict[str, list[Question]]) -> dict[str, Any]:
    """Every split's questions through ``ask``: per split and language (and "all") the summary, and each row."""
    report: dict[str, Any] = {"splits": {}, "rows": {}}
    for split, questions in splits.items():
        rows = [measure(q, ask(q)) for q in questions]
        groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for row in rows:
            groups[row["lang"]].append(row)
            groups["all"].append(row)
        report["splits"][split] = {lang: summarize(group) for lang, group in sorted(groups.items())}
        report["rows"][split] = rows
    return report


def engine_ask(engine: Any) -> Ask:
    """Each question asked as the app asks it: its own jurisdictions unselected, its history as the conversation."""

    def ask(question: Question) -> Any:
        return engine.ask(question.question, history=list(question.history) or None)

    return ask


def _cell(value: Any, kind: str) -> str:
    if value is None:
        return "–"
    return f"{value:.0%}" if kind == "share" else f"{value:,.0f}"


COLUMNS = (
    ("gold_in_screen", "gold ≤1200", "share"),
    ("gold_cited", "gold cited", "share"),
    ("gold_at_median", "gold at (median)", "chars"),
    ("length_median", "length median", "chars"),
    ("length_max", "length max", "chars"),
    ("type_accuracy", "type acc.", "share"),
    ("unverifiable", "unverifiable", "chars"),
)


def table(report: dict[str, Any], baseline: dict[str, Any] | None = None) -> str:
    """Markdown: one row per split × language, each figure as new (old) when a baseline is given."""
    header = "| split | lang | n | " + " | ".join(title for _, title, _ in COLUMNS) + " |"
    lines = [header, "|---" * (3 + len(COLUMNS)) + "|"]
    for split, langs in report["splits"].items():
        for lang, row in langs.items():
            old = (baseline or {}).get("splits", {}).get(split, {}).get(lang)
            cells = []
            for key, _, kind in COLUMNS:
                cell = _cell(row[key], kind)
                if old is not None:
                    cell += f" ({_cell(old.get(key), kind)})"
                cells.append(cell)
            n = f"{row['n']}" if old is None else f"{row['n']} ({old['n']})"  # the baseline may predate a batch
            lines.append(f"| {split} | {lang} | {n} | " + " | ".join(cells) + " |")
    if baseline is not None:
        lines.append("")
        lines.append(f"new (old: {baseline.get('name', 'baseline')})")
    return "\n".join(lines)


def default_splits(project_dir: Path) -> dict[str, Path]:
    """The labelled set's splits, and the shared dev set as a third report."""
    candidates = {
        "dev": project_dir / "bench" / "eval" / "dev.jsonl",
        "test": project_dir / "bench" / "eval" / "test.jsonl",
        "shared-dev": project_dir.parent / "shared" / "eval" / "dev.jsonl",
    }
    return {name: path for name, path in candidates.items() if path.exists()}


def main(argv: list[str]) -> int:
    """``python -m remedy_atlas.evaluation.answers OUT.json [NAME=FILE.jsonl …]`` with the checkout's engine.

    Runs on any commit that has ``open_engine`` (it reads only text, sources and warnings), so an
    earlier composer is measured on the same questions as today's.
    """
    from ..index import open_engine
    from ..settings import PROJECT_DIR, Settings

    out = Path(argv[0])
    named = dict(arg.split("=", 1) for arg in argv[1:])
    paths = {name: Path(path) for name, path in named.items()} or default_splits(PROJECT_DIR)
    report = run(engine_ask(open_engine(Settings.from_env())), load_splits(paths))
    report["name"] = out.stem
    out.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    print(table(report))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
