"""hit@1/5/10, MRR@10 and recall@10 per language, for our retriever and the naive baseline side by side.

Gold labels are ``(doc, article)``; ``article`` null means any part of that document counts.
"""

from __future__ import annotations

import json
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..ingest.documents import Document
from ..ingest.embed import CachedEmbedder
from ..ingest.load import load_document
from ..ingest.pipeline import corpus_files, ingest_documents, refresh_lexical_index
from ..ingest.split import split_document
from ..ingest.store import StoreConfig, VectorStore
from ..settings import PROJECT_DIR, Settings
from .glossary import default_glossary
from .naive import NaivePipeline
from .search import Retriever

BENCHMARKS_DIR = PROJECT_DIR.parent / "shared" / "benchmarks"
Gold = tuple[str, str | None]
MISSES_SHOWN = 30


@dataclass(frozen=True)
class Question:
    id: str
    lang: str
    question: str
    gold: tuple[Gold, ...]


def load_questions(path: Path) -> list[Question]:
    questions = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            gold = tuple((g["doc"], g.get("article")) for g in row["gold"])
            questions.append(Question(str(row["id"]), row.get("lang", ""), row["question"], gold))
    return questions


def _matches(found: tuple[str, frozenset[str]], gold: Gold) -> bool:
    doc, articles = found
    return doc == gold[0] and (gold[1] is None or gold[1].lower() in {a.lower() for a in articles})


def score(ranked: list[tuple[str, frozenset[str]]], gold: tuple[Gold, ...], k: int = 10) -> dict[str, float]:
    """One question's metrics. ``ranked`` holds, per result, its document and the articles it covers."""
    first = next((i for i, r in enumerate(ranked[:k]) if any(_matches(r, g) for g in gold)), None)
    found = sum(1 for g in gold if any(_matches(r, g) for r in ranked[:k]))
    return {
        "hit@1": float(first is not None and first < 1),
        "hit@5": float(first is not None and first < 5),
        "hit@10": float(first is not None and first < 10),
        "mrr@10": 1.0 / (first + 1) if first is not None else 0.0,
        "recall@10": found / len(gold),
    }


@dataclass
class EvalReport:
    name: str
    systems: dict[str, dict[str, dict[str, float]]] = field(default_factory=dict)  # system → lang → metric
    latency_ms: dict[str, list[float]] = field(default_factory=dict)
    misses: dict[str, list[str]] = field(default_factory=dict)

    def add(self, system: str, per_question: list[tuple[Question, dict[str, float]]], latencies: list[float]) -> None:
        buckets: dict[str, list[dict[str, float]]] = defaultdict(list)
        for question, metrics in per_question:
            buckets[question.lang or "all"].append(metrics)
            if question.lang:
                buckets["all"].append(metrics)
        self.systems[system] = {
            lang: {"n": float(len(rows)), **{m: sum(r[m] for r in rows) / len(rows) for m in rows[0]}}
            for lang, rows in sorted(buckets.items())
        }
        self.latency_ms[system] = sorted(latencies)
        self.misses[system] = [q.id for q, m in per_question if not m["hit@5"]]

    def table(self) -> str:
        metrics = ("hit@1", "hit@5", "hit@10", "mrr@10", "recall@10")
        lines = [
            f"## {self.name}",
            "",
            "| system | lang | n | " + " | ".join(metrics) + " |",
            "|---" * (3 + len(metrics)) + "|",
        ]
        for system, langs in self.systems.items():
            for lang, row in langs.items():
                cells = " | ".join(f"{row[m]:.3f}" for m in metrics)
                lines.append(f"| {system} | {lang} | {int(row['n'])} | {cells} |")
        lines.append("")
        for system, values in self.latency_ms.items():
            if values:
                lines.append(f"{system}: latency p50 {_pct(values, 50):.1f} ms, p95 {_pct(values, 95):.1f} ms")
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
            "latency_ms": {s: {"p50": _pct(v, 50), "p95": _pct(v, 95)} for s, v in self.latency_ms.items() if v},
            "misses": self.misses,
        }


def _pct(values: list[float], pct: int) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def _timed(questions: list[Question], run: Callable[[str], list[tuple[str, frozenset[str]]]], k: int):  # type: ignore[no-untyped-def]
    rows, latencies = [], []
    for question in questions:
        started = time.perf_counter()
        ranked = run(question.question)
        latencies.append((time.perf_counter() - started) * 1000)
        rows.append((question, score(ranked, question.gold, k)))
    return rows, latencies


def evaluate(
    name: str,
    questions: list[Question],
    retriever: Retriever,
    naive: NaivePipeline | None,
    k: int = 10,
) -> EvalReport:
    report = EvalReport(name)
    for first in {
        q.lang: q for q in questions
    }.values():  # warm: each language's tokenizer loads once, as in a running app
        retriever.search(first.question, k=k)

    def ours(text: str) -> list[tuple[str, frozenset[str]]]:
        return [(h.doc_id, frozenset({h.article or ""})) for h in retriever.search(text, k=k)]

    report.add("remedy-atlas", *_timed(questions, ours, k))
    if naive is not None:
        naive.search(questions[0].question)
        report.add("naive", *_timed(questions, lambda text: [(c.doc_id, c.articles) for c in naive.search(text, k)], k))
    return report


# ---------------------------------------------------------------- wiring: corpus and benchmark pools


def run_evaluation(
    settings: Settings, file: Path | None, *, benchmark: str | None = None, naive: bool = True, k: int = 10
) -> EvalReport:
    from ..index import ingest_corpus, load_embedder, open_retriever

    embedder = load_embedder(settings.embedder)
    if benchmark:
        documents, questions = BENCHMARK_LOADERS[benchmark]()
        store_dir = settings.data_dir / "benchmarks" / benchmark
        cached = CachedEmbedder(embedder, store_dir / "vectors.npz")
        store = VectorStore(StoreConfig(store_dir), cached, "pool")
        ingest_documents(documents, store, prune=True)
        cached.save([c.embed_text(d) for d in documents for c in split_document(d, embedder.count_tokens)])
        retriever = Retriever(store, refresh_lexical_index(store), default_glossary())
        name = f"{benchmark} pool ({len(documents)} provisions, {len(questions)} questions)"
    else:
        if file is None:
            raise ValueError("give a question file or --benchmark")
        questions = load_questions(file)
        ingest_corpus(settings)
        retriever = open_retriever(settings)
        documents = [load_document(p) for p in corpus_files(settings.corpus_dir)]
        name = f"{file.name} ({len(questions)} questions)"
    baseline = None
    if naive:
        naive_cache = CachedEmbedder(embedder, settings.data_dir / "eval-cache" / f"naive-{benchmark or 'corpus'}.npz")
        baseline = NaivePipeline(documents, naive_cache)
        naive_cache.save([c.text for c in baseline.chunks])
    return evaluate(name, questions, retriever, baseline, k)


def _pool_document(doc_id: str, language: str, title: str, text: str) -> Document:
    return Document(
        doc_id=doc_id,
        path=doc_id,
        text=text,
        body_start=0,
        jurisdiction="KR" if language == "ko" else "CN",
        kind="statute",
        language=language,
        title=title,
    )


def _stard() -> tuple[list[Document], list[Question]]:
    """STARD: Chinese layperson questions → statute articles (MIT licence)."""
    root = BENCHMARKS_DIR / "stard"
    documents = [
        _pool_document(f"stard-{row['id']}", "zh", row["name"], row["content"])
        for row in _jsonl(root / "gold_pool_corpus.jsonl")
    ]
    rows = json.loads((root / "queries.json").read_text(encoding="utf-8"))
    questions = [
        Question(str(r["query_id"]), "zh", str(r["问题"]), tuple((f"stard-{i}", None) for i in r["match_id"]))
        for r in rows
    ]
    return documents, questions


def _koblex() -> tuple[list[Document], list[Question]]:
    """KoBLEX: Korean scenario questions → statute paragraphs (CC BY-NC 4.0: read in place, never copied)."""
    root = BENCHMARKS_DIR / "koblex"
    documents = [
        _pool_document(f"koblex-{i}", "ko", row["index"], row["content"])
        for i, row in enumerate(_jsonl(root / "gold_pool_corpus.jsonl"))
    ]
    ids = {row["id"]: f"koblex-{i}" for i, row in enumerate(_jsonl(root / "gold_pool_corpus.jsonl"))}
    questions = [
        Question(
            row["id"],
            "ko",
            f"{row.get('background', '')} {row['question']}".strip(),
            tuple((ids[c["hierarchy"]], None) for c in row["contexts"] if c["hierarchy"] in ids),
        )
        for row in _jsonl(root / "koblex.jsonl")
    ]
    return documents, [q for q in questions if q.gold]


def _jsonl(path: Path) -> Iterable[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


BENCHMARK_LOADERS = {"stard": _stard, "koblex": _koblex}
