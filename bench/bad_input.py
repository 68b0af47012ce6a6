"""``python -m bench.bad_input``: the generated hostile set (tests/support/hostile.py) through ingest, search and ask.

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
import sys
import tempfile
from dataclasses import asdict
from pathlib import Path

from remedy_atlas.index import open_retriever
from tests.support.hostile import (
    IN_CHILD,
    Outcome,
    hostile_files,
    hostile_questions,
    question_in_child,
    try_file,
    try_question,
    upload_store,
)

from .common import PROJECT_DIR, corpus_settings, ensure_corpus_index, table, write_result


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
    args = parser.parse_args(argv)
    settings = corpus_settings(args.store)
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
