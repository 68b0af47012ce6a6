"""Search quality over a question set: hit@k and MRR per language (and, for English, per country
asked about), for our retriever and the naive baseline side by side, with warm latency."""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..ingest.documents import Document
from ..ingest.embed import CachedEmbedder, Embedder
from ..ingest.load import load_document
from ..ingest.pipeline import corpus_files
from ..retrieval.naive import NaivePipeline
from ..retrieval.search import Retriever
from ..settings import Settings
from .metrics import METRICS, Found, mean, percentile, score
from .questions import Question, load_questions

MISSES_SHOWN = 30


def buckets(question: Question) -> list[str]:
    """Where a question counts: all, its language, and for English each country it asks about
    (English is the one language asked about all three, and the one that must cross languages)."""
    named = [f"{question.lang}→{j}" for j in question.asked_about] if question.lang == "en" else []
    return ["all", *([question.lang] if question.lang else []), *named]


@dataclass
class EvalReport:
    name: str
    systems: dict[str, dict[str, dict[str, float]]] = field(default_factory=dict)  # system → bucket → metric
    latency_ms: dict[str, list[float]] = field(default_factory=dict)
    misses: dict[str, list[str]] = field(default_factory=dict)  # system → ids not in the top 5

    def add(self, system: str, per_question: list[tuple[Question, dict[str, float]]], latencies: list[float]) -> None:
        grouped: dict[str, list[dict[str, float]]] = defaultdict(list)
        for question, metrics in per_question:
            for bucket in buckets(question):
                grouped[bucket].append(metrics)
        order = sorted(grouped, key=lambda b: (b != "all", "→" in b, b))
        self.systems[system] = {bucket: mean(grouped[bucket]) for bucket in order}
        self.latency_ms[system] = sorted(latencies)
        self.misses[system] = [q.id for q, m in per_question if not m["hit@5"]]

    def table(self) -> str:
        lines = [
            f"## {self.name}",
            "",
            "| system | questions | n | " + " | ".join(METRICS) + " |",
            "|---" * (3 + len(METRICS)) + "|",
        ]
        for system, rows in self.systems.items():
            for bucket, row in rows.items():
                cells = " | ".join(f"{row[m]:.3f}" for m in METRICS)
                lines.append(f"| {system} | {bucket} | {int(row['n'])} | {cells} |")
        lines.append("")
        for system, values in self.latency_ms.items():
            if values:
                lines.append(
                    f"{system}: latency p50 {percentile(values, 50):.1f} ms, p95 {percentile(values, 95):.1f} ms"
                )
        for system, ids in self.misses.items():
            shown = ", ".join(ids[:MISSES_SHOWN]) + (
                f" … ({len(ids)} in all; the JSON report lists each)" if len(ids) > MISSES_SHOWN else ""
            )
            lines.append(f"{system}: not in top 5: {shown or 'none'}")
        return "\n".join(lines)

    def as_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "systems": self.systems,
            "latency_ms": {
                s: {"p50": percentile(v, 50), "p95": percentile(v, 95)} for s, v in self.latency_ms.items() if v
            },
            "misses": self.misses,
        }


def search_text(question: Question) -> str:
    """What search is given: a follow-up ("what about in Korea?") carries the question before it."""
    return " ".join((*question.history[-1:], question.question))


def _timed(
    questions: Sequence[Question], run: Callable[[str], list[Found]], k: int
) -> tuple[list[tuple[Question, dict[str, float]]], list[float]]:
    rows, latencies = [], []
    for question in questions:
        started = time.perf_counter()
        ranked = run(search_text(question))
        latencies.append((time.perf_counter() - started) * 1000)
        rows.append((question, score(ranked, question.gold, k)))
    return rows, latencies


def evaluate(
    name: str, questions: Sequence[Question], retriever: Retriever, naive: NaivePipeline | None, k: int = 10
) -> EvalReport:
    report = EvalReport(name)
    for first in {q.lang: q for q in questions}.values():  # warm: each language's tokenizer loads once, as in an app
        retriever.search(first.question, k=k)

    def ours(text: str) -> list[Found]:
        return [(h.doc_id, frozenset({h.article or ""})) for h in retriever.search(text, k=k)]

    report.add("remedy-atlas", *_timed(questions, ours, k))
    if naive is not None:
        naive.search(questions[0].question)
        report.add("naive", *_timed(questions, lambda text: [(c.doc_id, c.articles) for c in naive.search(text, k)], k))
    return report


def naive_baseline(documents: list[Document], embedder: Embedder, cache: Path) -> NaivePipeline:
    """The baseline's vectors are cached: embedding its 1,000-character chunks takes the model minutes."""
    cached = CachedEmbedder(embedder, cache)
    baseline = NaivePipeline(documents, cached)
    cached.save([c.text for c in baseline.chunks])
    return baseline


def run_corpus_evaluation(
    settings: Settings, files: Sequence[Path], *, naive: bool = True, k: int = 10
) -> list[EvalReport]:
    """Each question file against the shipped corpus, one report per file; the index is built once."""
    from ..index import ingest_corpus, load_embedder, open_retriever

    ingest_corpus(settings)
    retriever = open_retriever(settings)
    baseline = None
    if naive:
        documents = [load_document(p) for p in corpus_files(settings.corpus_dir)]
        cache = settings.data_dir / "eval-cache" / "naive-corpus.npz"
        baseline = naive_baseline(documents, load_embedder(settings.embedder), cache)
    reports = []
    for file in files:
        questions = load_questions(file)
        reports.append(evaluate(f"{file.name} ({len(questions)} questions)", questions, retriever, baseline, k))
    return reports
