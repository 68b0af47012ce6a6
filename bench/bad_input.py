"""``python -m bench.bad_input``: the generated hostile set (bench/hostile.py) through ingest, search and ask.

Prints one row per case and "tried N / held M". A file holds when it is rejected with a one-line
DocumentError naming the reason (and the index is left exactly as it was) or ingested cleanly (and
the saved lexical index matches the store); a question holds when it gets hits or an answer with
no markup in it, or a RemedyAtlasError, within QUESTION_DEADLINE seconds. Files are embedded by a
synthetic model: the loaders and the store are under test, and a 10 MB upload would keep the
real model busy for many minutes. Questions run against the real corpus index.

The 100,000-character question runs in a child process that is killed at the deadline, because
a stuck embedding call cannot be interrupted from inside.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
import warnings
from dataclasses import asdict, dataclass
from pathlib import Path

from remedy_atlas.answer.engine import AnswerEngine
from remedy_atlas.errors import DocumentError, RemedyAtlasError
from remedy_atlas.index import open_retriever
from remedy_atlas.ingest.lexical import LexicalIndex, fingerprint
from remedy_atlas.ingest.pipeline import ingest, lexical_dir, manifest_for, refresh_lexical_index
from remedy_atlas.ingest.store import USER_COLLECTION, StoreConfig, VectorStore
from remedy_atlas.retrieval.search import Retriever

from .common import PROJECT_DIR, SyntheticEmbedder, corpus_settings, ensure_corpus_index, table, write_result
from .hostile import ACCEPTED, EITHER, REJECTED, FileCase, hostile_files, hostile_questions

QUESTION_DEADLINE = 30.0  # seconds for one search or one ask; a normal one takes 1-8 s on 2 shared cores
STARTUP_ALLOWANCE = 45.0  # a child process loads the model and opens the index first
IN_CHILD = ("long",)
MARKUP = ("<script", "<img", "onerror", "javascript:")


@dataclass
class Outcome:
    case: str
    kind: str  # file, search or ask
    expect: str
    result: str  # rejected, accepted, answered, error, crashed, timeout
    detail: str
    seconds: float
    held: bool


def chunk_ids(store: VectorStore) -> set[str]:
    return set(store.ids())


def lexical_matches_store(store: VectorStore) -> bool:
    """The saved lexical index describes exactly the chunks in the store (nothing stale, nothing missing)."""
    saved = LexicalIndex.load(lexical_dir(store))
    current = fingerprint((cid, str(meta.get("doc_hash", ""))) for cid, _, meta in store.records())
    return saved is not None and saved.fingerprint == current


def upload_store(directory: Path) -> VectorStore:
    """A user collection with one ordinary document in it, so "unchanged" is checked against something."""
    store = VectorStore(StoreConfig(directory / "index"), SyntheticEmbedder(), USER_COLLECTION)
    ordinary = directory / "ordinary.txt"
    ordinary.write_text("Article 1 A platform shall remove an intimate image within 48 hours.\n", encoding="utf-8")
    ingest([ordinary], store)
    return store


def try_file(case: FileCase, store: VectorStore, directory: Path) -> Outcome:
    """Ingest one file; an accepted one is removed again afterwards, so every case starts from the same index."""
    path = directory / case.name
    path.write_bytes(case.data)
    before = chunk_ids(store)
    started = time.perf_counter()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            report = ingest([path], store)
    except Exception as exc:  # anything raised out of ingest is a crash: it must report, not raise
        return Outcome(case.name, "file", case.expect, "crashed", f"{type(exc).__name__}: {exc}"[:300], 0.0, False)
    seconds = time.perf_counter() - started
    after = chunk_ids(store)
    if report.errors:
        error = report.errors[0]
        one_line = isinstance(error, DocumentError) and "\n" not in str(error)
        named = case.reason.lower() in error.reason.lower()
        held = case.expect in (REJECTED, EITHER) and one_line and named and after == before
        detail = error.reason if after == before else f"{error.reason} — BUT the index changed"
        return Outcome(case.name, "file", case.expect, "rejected", detail[:300], seconds, held)
    new = after - before
    consistent = before <= after and bool(new) and lexical_matches_store(store)
    detail = f"{len(new)} chunks" + ("" if consistent else " — BUT the index is inconsistent")
    longest_title = max((len(str(meta["title"])) for _, meta in store.get(sorted(new)).values()), default=0)
    if longest_title > 1000:
        detail += f", a title of {longest_title:,} characters"
    for doc_id in {cid.split("#")[0] for cid in new}:
        store.delete_document(doc_id)
        manifest_for(store).forget(doc_id)
    refresh_lexical_index(store, force=True)
    held = case.expect in (ACCEPTED, EITHER) and consistent and chunk_ids(store) == before
    return Outcome(case.name, "file", case.expect, "accepted", detail, seconds, held)


def try_question(name: str, question: str, kind: str, retriever: Retriever) -> Outcome:
    """One question through Retriever.search (k=10) or AnswerEngine.ask (offline), in this process."""
    started = time.perf_counter()
    try:
        if kind == "search":
            hits = retriever.search(question, k=10)
            text, result = "\n".join(h.citation for h in hits), f"{len(hits)} hits"
        else:
            answer = AnswerEngine(retriever).ask(question)
            text, result = answer.text, f"{len(answer.text)} chars, {len(answer.sources)} sources"
    except RemedyAtlasError as error:
        seconds = time.perf_counter() - started
        return Outcome(name, kind, EITHER, "error", str(error)[:200], seconds, seconds <= QUESTION_DEADLINE)
    except Exception as exc:  # a crash: what the CLI would show as a traceback
        seconds = time.perf_counter() - started
        return Outcome(name, kind, EITHER, "crashed", f"{type(exc).__name__}: {exc}"[:200], seconds, False)
    seconds = time.perf_counter() - started
    markup = [m for m in MARKUP if m in text.lower()]
    detail = result + (f" — markup in the output: {markup}" if markup else "")
    held = not markup and seconds <= QUESTION_DEADLINE
    if seconds > QUESTION_DEADLINE:
        detail += f" — over the {QUESTION_DEADLINE:.0f} s deadline"
    return Outcome(name, kind, EITHER, "answered", detail, seconds, held)


def question_in_child(name: str, kind: str, data_dir: Path) -> Outcome:
    """The same, in a child process killed at the deadline (a stuck native call cannot be interrupted)."""
    command = [sys.executable, "-m", "bench.bad_input", "--question", name, "--kind", kind, "--store", str(data_dir)]
    try:
        done = subprocess.run(
            command, cwd=PROJECT_DIR, capture_output=True, text=True, timeout=STARTUP_ALLOWANCE + QUESTION_DEADLINE
        )
    except subprocess.TimeoutExpired:
        limit = STARTUP_ALLOWANCE + QUESTION_DEADLINE
        return Outcome(name, kind, EITHER, "timeout", f"no answer within {limit:.0f} s (killed)", limit, False)
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        return Outcome(name, kind, EITHER, "crashed", done.stderr.strip().splitlines()[-1:][0][:200], 0.0, False)
    return Outcome(**json.loads(lines[-1]))


def run_files(quick: bool) -> list[Outcome]:
    with tempfile.TemporaryDirectory(prefix="bad-input-") as tmp:
        directory = Path(tmp)
        store = upload_store(directory)
        return [try_file(case, store, directory) for case in hostile_files() if not (quick and case.slow)]


def run_questions(data_dir: Path) -> list[Outcome]:
    retriever = open_retriever(corpus_settings(data_dir))
    outcomes = []
    for name, question in hostile_questions().items():
        for kind in ("search", "ask"):
            if name in IN_CHILD:
                outcomes.append(question_in_child(name, kind, data_dir))
            else:
                outcomes.append(try_question(name, question, kind, retriever))
    return outcomes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.bad_input", description=__doc__.split("\n")[0])
    parser.add_argument("--store", type=Path, help="an index of the corpus (default bench/.cache/corpus-index)")
    parser.add_argument("--quick", action="store_true", help="leave out the slow files (10 MB, 2,000 pages, bomb)")
    parser.add_argument("--question", help=argparse.SUPPRESS)  # child mode: one question, one JSON line
    parser.add_argument("--kind", default="search", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    settings = corpus_settings(args.store)
    if args.question:
        retriever = open_retriever(settings)
        outcome = try_question(args.question, hostile_questions()[args.question], args.kind, retriever)
        print(json.dumps(asdict(outcome), ensure_ascii=False))
        return 0
    ensure_corpus_index(settings)
    outcomes = run_files(args.quick) + run_questions(settings.data_dir)
    rows = [
        (o.case, o.kind, o.expect, o.result, f"{o.seconds:.2f}", "yes" if o.held else "NO", o.detail[:90])
        for o in outcomes
    ]
    print(table(("case", "through", "expected", "result", "s", "held", "detail"), rows))
    held = sum(o.held for o in outcomes)
    print(f"\ntried {len(outcomes)} / held {held}")
    path = write_result("bad_input", {"tried": len(outcomes), "held": held, "outcomes": [asdict(o) for o in outcomes]})
    print(f"saved {path.relative_to(PROJECT_DIR)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
