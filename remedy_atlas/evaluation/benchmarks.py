"""The public benchmarks, read in place from ``../shared/benchmarks``: STARD (Chinese layperson
questions → statute articles, MIT) and KoBLEX (Korean scenarios → statute paragraphs, CC BY-NC 4.0:
never copied here). Each pool is indexed in its own store, so the corpus's weights meet other law."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..ingest.documents import Document
from ..ingest.embed import CachedEmbedder
from ..ingest.pipeline import ingest_documents, refresh_lexical_index
from ..ingest.split import split_document
from ..ingest.store import StoreConfig, VectorStore
from ..retrieval.glossary import default_glossary
from ..retrieval.search import Retriever
from ..settings import PROJECT_DIR, Settings
from .questions import Question
from .search import EvalReport, evaluate, naive_baseline

BENCHMARKS_DIR = PROJECT_DIR.parent / "shared" / "benchmarks"


def run_benchmark(settings: Settings, benchmark: str, *, naive: bool = True, k: int = 10) -> EvalReport:
    from ..index import load_embedder

    embedder = load_embedder(settings.embedder)
    documents, questions = BENCHMARK_LOADERS[benchmark]()
    store_dir = settings.data_dir / "benchmarks" / benchmark
    cached = CachedEmbedder(embedder, store_dir / "vectors.npz")
    store = VectorStore(StoreConfig(store_dir), cached, "pool")
    ingest_documents(documents, store, prune=True)
    texts = [c.embed_text(d) for d in documents for c in split_document(d, embedder.count_tokens)]
    cached.encode_passages(texts)  # a run stopped after filling the pool, before this save, left some uncached
    cached.save(texts)
    retriever = Retriever(store, refresh_lexical_index(store), default_glossary())
    baseline = (
        naive_baseline(documents, embedder, settings.data_dir / "eval-cache" / f"naive-{benchmark}.npz")
        if naive
        else None
    )
    name = f"{benchmark} pool ({len(documents)} provisions, {len(questions)} questions)"
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
    root = BENCHMARKS_DIR / "koblex"
    pool = list(_jsonl(root / "gold_pool_corpus.jsonl"))
    documents = [_pool_document(f"koblex-{i}", "ko", row["index"], row["content"]) for i, row in enumerate(pool)]
    ids = {row["id"]: f"koblex-{i}" for i, row in enumerate(pool)}
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
