"""``python -m bench.latency``: warm query latency of search and ask over the dev questions, next to the naive pipeline.

The naive pipeline (retrieval/naive.py) needs its own vectors: about 9,000
1,000-character chunks that take the model tens of minutes on two cores. If a cache of them
exists (``remedy-atlas eval`` writes one under $REMEDY_ATLAS_DATA/eval-cache/) it is used over the
whole corpus; otherwise the baseline is built over a small sample of corpus files and the output
says so. Its search is one query embedding and one matrix product, so its latency barely depends
on how many chunks it holds.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

from remedy_atlas.answer.engine import AnswerEngine
from remedy_atlas.evaluation.metrics import percentile
from remedy_atlas.evaluation.questions import load_questions
from remedy_atlas.index import load_embedder, open_retriever
from remedy_atlas.ingest.embed import CachedEmbedder
from remedy_atlas.ingest.load import load_document
from remedy_atlas.ingest.pipeline import corpus_files
from remedy_atlas.retrieval.naive import NaivePipeline
from remedy_atlas.settings import Settings

from .common import (
    CACHE_DIR,
    CORPUS_DIR,
    DEV_QUESTIONS,
    PROJECT_DIR,
    corpus_settings,
    ensure_corpus_index,
    table,
    write_result,
)

SAMPLE_FILES = 6  # two per jurisdiction, when no cache of the naive vectors exists


def timed(run: Callable[[str], object], questions: list[str], repeat: int) -> list[float]:
    """Milliseconds per call, after one untimed pass: every language's tokenizer loaded, as in a running app."""
    for question in questions:
        run(question)
    latencies = []
    for _ in range(repeat):
        for question in questions:
            started = time.perf_counter()
            run(question)
            latencies.append((time.perf_counter() - started) * 1000)
    return latencies


def naive_pipeline(cache: Path) -> tuple[NaivePipeline, str]:
    """The baseline over the whole corpus from a cache of its vectors, else over a sample, said plainly."""
    embedder = load_embedder("e5")
    files = corpus_files(CORPUS_DIR)
    if cache.exists():
        cached = CachedEmbedder(embedder, cache)
        naive = NaivePipeline([load_document(p) for p in files], cached)
        live = len(naive.chunks) - cached.hits
        return naive, f"whole corpus ({len(naive.chunks)} chunks), vectors from {cache} ({live} embedded now)"
    by_jurisdiction = {j: [p for p in files if p.parent.name == j] for j in ("cn", "kr", "us")}
    sample = [
        p
        for paths in by_jurisdiction.values()
        for p in sorted(paths, key=lambda p: p.stat().st_size)[: SAMPLE_FILES // 3]
    ]
    sample_cache = CACHE_DIR / "naive-sample.npz"
    cached = CachedEmbedder(embedder, sample_cache)
    naive = NaivePipeline([load_document(p) for p in sample], cached)
    cached.save([c.text for c in naive.chunks])
    note = (
        f"SAMPLE of {len(sample)} files ({len(naive.chunks)} chunks): no cache at {cache}; "
        f"vectors embedded now and kept in {sample_cache}"
    )
    return naive, note


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.latency", description=__doc__.split("\n")[0])
    parser.add_argument("--store", type=Path, help="an index of the corpus (default bench/.cache/corpus-index)")
    default_cache = Settings.from_env().data_dir / "eval-cache" / "naive-corpus.npz"
    parser.add_argument("--naive-cache", type=Path, default=default_cache, help=f"default {default_cache}")
    parser.add_argument("--repeat", type=int, default=2, help="passes over the questions (default 2)")
    args = parser.parse_args(argv)
    warnings.simplefilter("ignore")
    load_before = os.getloadavg()
    settings = corpus_settings(args.store)
    ingest_seconds = ensure_corpus_index(settings)
    questions = [q.question for q in load_questions(DEV_QUESTIONS)]
    retriever = open_retriever(settings)
    engine = AnswerEngine(retriever)
    naive, naive_note = naive_pipeline(args.naive_cache)

    systems: dict[str, list[float]] = {
        "Retriever.search (k=10)": timed(lambda q: retriever.search(q, k=10), questions, args.repeat),
        "AnswerEngine.ask (offline)": timed(engine.ask, questions, args.repeat),
        "naive pipeline search (k=10)": timed(lambda q: naive.search(q, 10), questions, args.repeat),
    }
    load_after = os.getloadavg()
    rows = [
        (name, len(values), percentile(values, 50), percentile(values, 95), sum(values) / len(values))
        for name, values in systems.items()
    ]
    print(table(("system", "calls", "p50 ms", "p95 ms", "mean ms"), rows))
    print(f"\nnaive: {naive_note}")
    print(f"load average before {load_before[0]:.2f}, after {load_after[0]:.2f} (on {os.cpu_count()} CPUs)")
    result: dict[str, Any] = {
        "questions": len(questions),
        "repeat": args.repeat,
        "index_ready_s": round(ingest_seconds, 1),
        "naive": naive_note,
        "loadavg_before": [round(x, 2) for x in load_before],
        "loadavg_after": [round(x, 2) for x in load_after],
        "latency_ms": {
            name: {"p50": round(percentile(v, 50), 1), "p95": round(percentile(v, 95), 1), "n": len(v)}
            for name, v in systems.items()
        },
    }
    path = write_result("latency", result)
    print(f"saved {path.relative_to(PROJECT_DIR)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
