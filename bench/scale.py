"""``python -m bench.scale``: the store and the lexical index at 10k and 100k chunks (1M with --sizes, outside CI).

Synthetic chunks: 384-d unit vectors (seeded) and realistic metadata from ``chunk_metadata``; texts
of two to four real corpus sentences in zh, ko or en, a third each, 100 chunks per document.
Three backends, each size in a fresh child process so memory figures are its own:

- embedded: VectorStore over Chroma's PersistentClient, in this process;
- server:   VectorStore over HttpClient to a ``chroma run`` on 127.0.0.1 (its RSS is the server's);
- lexical:  LexicalIndex.build over the same texts, then save, load and scoring.

Queries ask for 60 neighbours, what Retriever asks of the store: unfiltered, with the
jurisdiction filter as a Chroma ``where`` clause, and filtered locally on an over-fetched
unfiltered query (``dense_neighbours``, what search does since the where clause's curve).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from remedy_atlas.evaluation.metrics import percentile
from remedy_atlas.ingest.documents import Chunk, Document
from remedy_atlas.ingest.lexical import LexicalEntry, LexicalIndex
from remedy_atlas.ingest.load import load_document
from remedy_atlas.ingest.pipeline import corpus_files
from remedy_atlas.ingest.store import StoreConfig, VectorStore, chunk_metadata
from remedy_atlas.ingest.tokenize import tokenize
from remedy_atlas.retrieval.search import CANDIDATES, Filters, dense_neighbours
from tests.support.servers import ChromaServer
from tests.support.synthetic import DIM, SyntheticEmbedder

from .common import (
    CORPUS_DIR,
    PROJECT_DIR,
    RESULTS_DIR,
    dir_size_mb,
    machine,
    peak_rss_mb,
    rss_mb,
    table,
    write_result,
)

CHUNKS_PER_DOCUMENT = 100
QUERIES = 100
LANGUAGES = {"zh": "CN", "ko": "KR", "en": "US"}
KINDS = ("statute", "regulation", "case", "judicial-interpretation")
QUESTIONS = {
    "zh": ["前男友把私密视频发到网上怎么办", "深度伪造色情图片的法律责任", "平台删除义务"],
    "ko": ["불법촬영물 유포 처벌", "딥페이크 영상 삭제 요청", "손해배상 청구"],
    "en": ["civil action for disclosure of intimate images", "deepfake removal duty", "damages for a victim"],
}


@cache
def sentences() -> dict[str, list[str]]:
    """Real corpus sentences by language: synthetic texts keep real vocabulary and token statistics."""
    pool: dict[str, list[str]] = {language: [] for language in LANGUAGES}
    for path in corpus_files(CORPUS_DIR):
        document = load_document(path)
        if document.language not in pool:
            continue
        for sentence in re.split(r"(?<=[。！？.!?])\s*|\n+", document.text[document.body_start :]):
            sentence = sentence.strip(" #*>")
            if 20 <= len(sentence) <= 300:
                pool[document.language].append(sentence)
    return pool


def synthetic_documents(size: int, seed: int = 7) -> Iterator[tuple[Document, list[Chunk], np.ndarray]]:
    """``size`` chunks as documents of 100, with their unit vectors; generated lazily to keep memory flat."""
    rng = random.Random(seed)
    vectors = np.random.default_rng(seed)
    pool = sentences()
    for number in range(0, size, CHUNKS_PER_DOCUMENT):
        language = list(LANGUAGES)[(number // CHUNKS_PER_DOCUMENT) % 3]
        doc_id = f"syn-{language}-{number // CHUNKS_PER_DOCUMENT:06d}"
        title = f"Synthetic {language} law {number // CHUNKS_PER_DOCUMENT}"
        document = Document(
            doc_id=doc_id,
            path=f"synthetic/{doc_id}.md",
            text="",
            body_start=0,
            jurisdiction=LANGUAGES[language],
            kind=KINDS[rng.randrange(len(KINDS))],
            language=language,
            title=title,
            title_en=title,
            version="synthetic",
            source="bench.scale",
        )
        count = min(CHUNKS_PER_DOCUMENT, size - number)
        chunks = []
        offset = 0
        for index in range(count):
            text = " ".join(rng.choices(pool[language], k=rng.randint(2, 4)))
            article = str(index + 1)
            chunks.append(
                Chunk(doc_id, index, text, offset, offset + len(text), "article", article, None,
                      f"{title} Art. {article}", f"{title} Art. {article}", ("Chapter 1",))
            )  # fmt: skip
            offset += len(text) + 2
        block = vectors.standard_normal((count, DIM)).astype(np.float32)
        yield document, chunks, block / np.linalg.norm(block, axis=1, keepdims=True)


def query_latencies(search: Callable[[np.ndarray], object]) -> list[float]:
    rng = np.random.default_rng(11)
    latencies = []
    search(rng.standard_normal(DIM).astype(np.float32))  # warm
    for _ in range(QUERIES):
        vector = rng.standard_normal(DIM).astype(np.float32)
        vector /= np.linalg.norm(vector)
        started = time.perf_counter()
        search(vector)
        latencies.append((time.perf_counter() - started) * 1000)
    return latencies


def _ms(latencies: list[float]) -> dict[str, float]:
    return {"p50": round(percentile(latencies, 50), 2), "p95": round(percentile(latencies, 95), 2)}


def store_run(backend: str, size: int) -> dict[str, Any]:
    """Insert ``size`` chunks a document at a time (as ingest does), then query."""
    with tempfile.TemporaryDirectory(prefix=f"bench-scale-{backend}-") as tmp:
        root = Path(tmp)
        server = ChromaServer(root / "server-data").start() if backend == "server" else None
        try:
            config = StoreConfig(root / "index", "127.0.0.1" if server else None, server.port if server else 8000)
            store = VectorStore(config, SyntheticEmbedder())
            entries: dict[str, LexicalEntry] = {}
            started = time.perf_counter()
            for document, chunks, vectors in synthetic_documents(size):
                store.add(document, chunks, vectors, f"hash-{document.doc_id}")
                for c in chunks:
                    entries[c.chunk_id] = LexicalEntry(
                        c.chunk_id,
                        document.doc_id,
                        document.base_jurisdiction,
                        document.kind,
                        document.language,
                        False,
                        c.article or "",
                        document.jurisdiction,
                        c.unit,
                        c.paragraph or "",
                    )
            insert_s = time.perf_counter() - started
            assert store.count() == size
            korea = Filters(jurisdictions=("KR",))
            plain = query_latencies(lambda v: store.query(v, CANDIDATES))
            filtered = query_latencies(lambda v: store.query(v, CANDIDATES, korea.where()))
            local = query_latencies(lambda v: dense_neighbours(store, v, korea, entries.get))
            started = time.perf_counter()  # every record read back: what a lexical rebuild reads
            assert sum(1 for _ in store.records()) == size
            scan_s = time.perf_counter() - started
            started = time.perf_counter()  # every chunk id: what each start's index check reads
            assert sum(1 for _ in store.ids()) == size
            ids_s = time.perf_counter() - started
            return {
                "backend": backend,
                "size": size,
                "insert_s": round(insert_s, 1),
                "insert_per_s": round(size / insert_s),
                "query_ms": _ms(plain),
                "query_kr_filter_ms": _ms(filtered),
                "query_kr_local_filter_ms": _ms(local),
                "scan_s": round(scan_s, 1),
                "ids_s": round(ids_s, 2),
                "disk_mb": round(dir_size_mb(root / "server-data" if server else root / "index" / "chroma"), 1),
                "client_rss_mb": round(rss_mb(), 1),
                "server_rss_mb": round(rss_mb(server.pid), 1) if server else None,
            }
        finally:
            if server:
                server.kill()


def lexical_run(size: int) -> dict[str, Any]:
    """Build (from a stream of records, as from the store), save, load and score a LexicalIndex.

    Memory is resident-set growth: while building, and in a fresh process that only loads the
    saved index, which is what the app holds.
    """
    text_bytes = 0

    def records() -> Iterator[tuple[str, str, dict[str, Any]]]:
        nonlocal text_bytes
        for document, chunks, _ in synthetic_documents(size):
            for chunk in chunks:
                text_bytes += len(chunk.text.encode())
                yield chunk.chunk_id, chunk.text, chunk_metadata(document, chunk, f"hash-{document.doc_id}")

    for language, questions in QUESTIONS.items():  # tokenizer models load before the baseline
        tokenize(questions[0], language)
    baseline = rss_mb()
    started = time.perf_counter()
    index = LexicalIndex.build(records())
    build_s = time.perf_counter() - started
    built_rss = rss_mb()
    with tempfile.TemporaryDirectory(prefix="bench-lexical-") as tmp:
        directory = Path(tmp) / "lexical"
        started = time.perf_counter()
        index.save(directory)
        save_s = time.perf_counter() - started
        disk = dir_size_mb(directory)
        del index
        started = time.perf_counter()
        loaded = LexicalIndex.load(directory)
        load_s = time.perf_counter() - started
        loaded_rss = float(subprocess.check_output([sys.executable, "-c", _LOAD_RSS, str(directory)], cwd=PROJECT_DIR))
    assert loaded is not None and len(loaded.entries) == size
    probes = [tokenize(q, language) for language, questions in QUESTIONS.items() for q in questions]
    latencies = []
    for _ in range(5):
        for tokens in probes:
            started = time.perf_counter()
            np.argsort(-loaded.scores(tokens))  # what Retriever._lexical_ranking does with the scores
            latencies.append((time.perf_counter() - started) * 1000)
    return {
        "backend": "lexical",
        "size": size,
        "text_mb": round(text_bytes / 1024**2, 1),
        "build_s": round(build_s, 1),
        "build_per_s": round(size / build_s),
        "index_rss_mb": round(built_rss - baseline, 1),
        "loaded_rss_mb": round(loaded_rss, 1),
        "peak_rss_mb": round(peak_rss_mb(), 1),
        "save_s": round(save_s, 2),
        "load_s": round(load_s, 2),
        "disk_mb": round(disk, 1),
        "query_ms": _ms(latencies),
    }


_LOAD_RSS = """
import sys
from pathlib import Path
import bm25s
from bench.common import rss_mb
from remedy_atlas.ingest.lexical import LexicalIndex
before = rss_mb()
index = LexicalIndex.load(Path(sys.argv[1]))
print(rss_mb() - before)
"""


def in_child(backend: str, size: int) -> dict[str, Any]:
    command = [sys.executable, "-m", "bench.scale", "--one", backend, str(size)]
    done = subprocess.run(command, cwd=PROJECT_DIR, capture_output=True, text=True, check=False)
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        return {"backend": backend, "size": size, "error": done.stderr.strip().splitlines()[-1:]}
    return dict(json.loads(lines[-1]))


def merged(results: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The saved curve with this run's points replacing theirs: the 1M point runs on its own, for an hour."""
    path = RESULTS_DIR / "scale.json"
    saved = json.loads(path.read_text(encoding="utf-8"))["results"] if path.exists() else []
    points = {(r["backend"], r["size"]): r for r in saved + results}
    return sorted(points.values(), key=lambda r: (r["backend"], r["size"]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.scale", description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="10000,100000", help="comma-separated chunk counts (default 10000,100000)")
    parser.add_argument("--backends", default="embedded,server,lexical")
    parser.add_argument("--one", nargs=2, metavar=("BACKEND", "SIZE"), help=argparse.SUPPRESS)  # child mode
    args = parser.parse_args(argv)
    warnings.simplefilter("ignore")
    if args.one:
        backend, size = args.one[0], int(args.one[1])
        result = lexical_run(size) if backend == "lexical" else store_run(backend, size)
        print(json.dumps({**result, "machine": machine()}))  # points merge across runs: each keeps its own
        return 0
    sizes = [int(s) for s in args.sizes.split(",")]
    results = []
    for backend in args.backends.split(","):
        for size in sizes:
            result = in_child(backend, size)
            print(json.dumps(result), flush=True)
            results.append(result)
    stores = [r for r in results if r["backend"] != "lexical" and "error" not in r]
    print()
    print(
        table(
            ("backend", "chunks", "insert/s", "query p50 ms", "p95", "KR where p50", "p95", "KR local p50", "p95",
             "scan s", "ids s", "disk MB", "RSS MB"),
            [
                (r["backend"], r["size"], r["insert_per_s"], r["query_ms"]["p50"], r["query_ms"]["p95"],
                 r["query_kr_filter_ms"]["p50"], r["query_kr_filter_ms"]["p95"],
                 r["query_kr_local_filter_ms"]["p50"], r["query_kr_local_filter_ms"]["p95"], r.get("scan_s", "–"),
                 r.get("ids_s", "–"), r["disk_mb"],
                 r["server_rss_mb"] if r["server_rss_mb"] is not None else r["client_rss_mb"])
                for r in stores
            ],
        )
    )  # fmt: skip
    lexical = [r for r in results if r["backend"] == "lexical" and "error" not in r]
    print()
    print(
        table(
            ("lexical", "text MB", "build s", "chunks/s", "build RSS MB", "peak RSS MB", "loaded RSS MB", "save s",
             "load s", "disk MB", "query p50 ms", "p95"),
            [
                (r["size"], r["text_mb"], r["build_s"], r["build_per_s"], r["index_rss_mb"], r["peak_rss_mb"],
                 r.get("loaded_rss_mb", "–"), r["save_s"], r["load_s"], r["disk_mb"], r["query_ms"]["p50"],
                 r["query_ms"]["p95"])
                for r in lexical
            ],
        )
    )  # fmt: skip
    for failed in (r for r in results if "error" in r):
        print(f"FAILED {failed['backend']} {failed['size']}: {failed['error']}")
    path = write_result("scale", {"results": merged(results)})
    print(f"saved {path.relative_to(PROJECT_DIR)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
