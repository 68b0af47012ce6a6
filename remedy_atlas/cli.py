"""``remedy-atlas``: parse, call the public API, print. Nothing else lives here."""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import RemedyAtlasError, Settings, UsageError

if TYPE_CHECKING:
    from . import Answer, Filters


def _store_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--store", type=Path, help="index directory (default: per-user data dir; env REMEDY_ATLAS_DATA)"
    )
    parser.add_argument(
        "--chroma-host", help="use a Chroma server (`chroma run`) at this host instead of the embedded store"
    )
    parser.add_argument("--chroma-port", type=int, help="the Chroma server's port (default 8000)")
    parser.add_argument("--embedder", help="e5 (default, multilingual), use, or a sentence-transformers model path")


def _search_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--jurisdiction", help="comma-separated: CN,KR,US")
    parser.add_argument("--kind", help="comma-separated: statute,case,regulation,judicial-interpretation,bill")
    parser.add_argument("--language", help="comma-separated document languages: zh,ko,en")
    parser.add_argument(
        "--exclude-partial", action="store_true", help="leave out documents the corpus has only in part"
    )


def _settings(args: argparse.Namespace) -> Settings:
    settings = Settings.from_env()
    changes: dict[str, Any] = {}
    if args.store:
        changes["data_dir"] = args.store
    if args.chroma_host:
        changes["chroma_host"] = args.chroma_host
    if args.chroma_port:
        changes["chroma_port"] = args.chroma_port
    if args.embedder:
        changes["embedder"] = args.embedder
    return dataclasses.replace(settings, **changes)


def _csv(value: str | None, upper: bool = False) -> tuple[str, ...]:
    if not value:
        return ()
    return tuple(v.strip().upper() if upper else v.strip() for v in value.split(",") if v.strip())


def _filters(args: argparse.Namespace) -> Filters:
    from . import Filters

    return Filters(_csv(args.jurisdiction, upper=True), _csv(args.kind), _csv(args.language), not args.exclude_partial)


def _progress_bar(description: str) -> tuple[Any, Callable[[int, int, str], None]]:
    from tqdm import tqdm

    bar = tqdm(total=0, desc=description, unit="chunk", file=sys.stderr, disable=None)

    def update(done: int, total: int, _doc: str) -> None:
        bar.total = total
        bar.n = done
        bar.refresh()

    return bar, update


def cmd_ingest(args: argparse.Namespace) -> int:
    from . import ingest_corpus, ingest_files

    settings = _settings(args)
    bar, update = _progress_bar("embedding")
    if args.paths:
        report = ingest_files(settings, args.paths, args.jurisdiction, progress=update)
    else:
        report = ingest_corpus(settings, progress=update)
    bar.close()
    for error in report.errors:
        print(f"error: {error}", file=sys.stderr)
    print(report.summary())
    return 1 if report.errors and not report.ingested and not report.skipped else 0


def cmd_search(args: argparse.Namespace) -> int:
    from . import open_retriever

    retriever = open_retriever(_settings(args))
    filters = _filters(args)
    if args.queries:
        for line in args.queries.read_text(encoding="utf-8").splitlines():
            if line.strip():
                query = json.loads(line)
                hits = retriever.search(query["question"], filters, args.k)
                print(json.dumps({"id": query.get("id"), "hits": [h.as_json() for h in hits]}, ensure_ascii=False))
        return 0
    if not args.question:
        raise UsageError("give a question, or --queries FILE.jsonl")
    hits = retriever.search(args.question, filters, args.k)
    if args.json:
        print(json.dumps({"hits": [h.as_json() for h in hits]}, ensure_ascii=False, indent=1))
        return 0
    for hit in hits:
        print(f"{hit.rank:>2}. [{hit.jurisdiction}] {hit.citation}  ({hit.score:.4f})")
        print("    " + hit.text[:200].replace("\n", " ") + ("…" if len(hit.text) > 200 else ""))
    if not hits:
        print("No provision in the corpus matches.")
    return 0


def _print_answer(answer: Answer, as_json: bool) -> None:
    if as_json:
        print(json.dumps(answer.as_json(), ensure_ascii=False, indent=1))
        return
    print(answer.text)
    if answer.sources:
        print()
    for source in answer.sources:
        partial = "  (partial text)" if source.partial else ""
        title = source.title if source.title.startswith(source.citation) else f"{source.citation} — {source.title}"
        version = source.version if len(source.version) <= 80 else source.version[:80].rsplit(" ", 1)[0] + " …"
        print(f"[{source.marker}] {title}; {version}{partial}")
    for warning in answer.warnings:
        print(f"warning: {warning}", file=sys.stderr)


def cmd_ask(args: argparse.Namespace) -> int:
    from . import ask

    history = [line for line in args.history or [] if line.strip()]
    answer = ask(
        args.question, _csv(args.jurisdiction, upper=True), history or None, args.all, settings=_settings(args)
    )
    _print_answer(answer, args.json)
    return 0


def cmd_compare(args: argparse.Namespace) -> int:
    from . import compare

    jurisdictions = _csv(args.jurisdiction, upper=True) or ("CN", "KR", "US")
    _print_answer(compare(args.conduct, jurisdictions, args.lang, settings=_settings(args)), args.json)
    return 0


def _facts(pairs: list[str]) -> dict[str, str]:
    facts = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep:
            raise UsageError(f"--fact takes key=value, not {pair!r}")
        facts[key.strip()] = value
    return facts


def _output(document: Any, args: argparse.Namespace) -> None:
    """A draft or a brief: its own JSON, or printed like an answer; --out saves the app's DOCX or Markdown."""
    if args.json:
        print(json.dumps(document.as_json(), ensure_ascii=False, indent=1))
    else:
        _print_answer(document.as_answer(), False)
    if args.out is None:
        return
    from . import to_docx, to_markdown

    if args.out.suffix.lower() == ".docx":
        args.out.write_bytes(to_docx(document.as_answer()))
    else:
        args.out.write_text(to_markdown(document.as_answer()), encoding="utf-8")
    print(f"saved {args.out}", file=sys.stderr)


def cmd_draft(args: argparse.Namespace) -> int:
    from . import EvidenceFile, open_store, write_draft

    if args.file and args.kind != "evidence-log":
        raise RemedyAtlasError("--file goes with evidence-log: it hashes the captures the log lists")
    missing = [p for p in args.file if not p.is_file()]
    if missing:
        raise UsageError(f"no such file: {missing[0]}")
    evidence = [EvidenceFile.of_path(p) for p in args.file]
    draft = write_draft(
        open_store(_settings(args)), args.kind, args.jurisdiction.upper(), args.lang, _facts(args.fact), evidence
    )
    _output(draft, args)
    return 0


def cmd_brief(args: argparse.Namespace) -> int:
    from . import open_store, write_brief

    jurisdictions = _csv(args.jurisdiction, upper=True) or ("CN", "KR", "US")
    brief = write_brief(open_store(_settings(args)), args.conduct, jurisdictions, args.lang)
    _output(brief, args)
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    if args.answers:
        return _eval_answers(args)
    from .evaluation.benchmarks import run_benchmark
    from .evaluation.questions import split_file
    from .evaluation.search import run_corpus_evaluation

    if not (args.files or args.split or args.benchmark):
        args.usage_error("give a question file, --split dev|test, or --benchmark stard|koblex")
    settings = _settings(args)
    files = [*args.files, *(split_file(split) for split in args.split or ())]
    missing = [str(f) for f in files if not f.is_file()]
    if missing:
        raise UsageError(f"no question file at {', '.join(missing)}")
    reports = run_corpus_evaluation(settings, files, naive=not args.no_naive) if files else []
    if args.benchmark:
        reports.append(run_benchmark(settings, args.benchmark, naive=not args.no_naive))
    print("\n\n".join(report.table() for report in reports))
    if args.out:
        payload = [report.as_json() for report in reports]
        args.out.write_text(json.dumps(payload, ensure_ascii=False, indent=1), encoding="utf-8")
        print(f"saved {args.out}")
    return 0


def _eval_answers(args: argparse.Namespace) -> int:
    """Answers measured per split and language; without files or --split, every split there is."""
    from . import open_engine
    from .evaluation import answers
    from .evaluation.questions import split_file
    from .settings import PROJECT_DIR

    paths = {f.stem: f for f in args.files} | {split: split_file(split) for split in args.split or ()}
    paths = paths or answers.default_splits(PROJECT_DIR)
    missing = [str(f) for f in paths.values() if not f.is_file()]
    if missing or not paths:
        raise UsageError(f"no question file at {', '.join(missing) or 'bench/eval/'}")
    report = answers.run(answers.engine_ask(open_engine(_settings(args))), answers.load_splits(paths))
    baseline = json.loads(args.baseline.read_text(encoding="utf-8")) if args.baseline else None
    print(answers.table(report, baseline))
    if args.out:
        args.out.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
        print(f"saved {args.out}")
    return 0


def cmd_embed_corpus(args: argparse.Namespace) -> int:
    from . import write_shipped_embeddings

    settings = _settings(args)
    bar, update = _progress_bar("embedding corpus")
    count = write_shipped_embeddings(settings, progress=update)
    bar.close()
    print(f"{count} vectors (chunks and provision keys) saved under {settings.corpus_dir / 'embeddings'}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="remedy-atlas", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("ingest", help="index the corpus (no paths) or your own files (into a private collection)")
    p.add_argument("paths", nargs="*", type=Path)
    p.add_argument("--jurisdiction", help="for your own files: CN, KR or US")
    _store_options(p)
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("search", help="the provisions that match a question")
    p.add_argument("question", nargs="?")
    p.add_argument("-k", type=int, default=10)
    p.add_argument("--json", action="store_true")
    p.add_argument("--queries", type=Path, help='JSON lines {"id", "question"}; writes one JSON line per query')
    _search_options(p)
    _store_options(p)
    p.set_defaults(func=cmd_search)

    p = sub.add_parser("ask", help="which remedies apply, with cited provisions")
    p.add_argument("question")
    p.add_argument("--jurisdiction", help="your selection when the question names none: CN,KR,US")
    p.add_argument("--all", action="store_true", help="every option in detail, not only those that answer the question")
    p.add_argument("--history", action="append", help="an earlier question of the conversation (repeat, oldest first)")
    p.add_argument("--json", action="store_true")
    _store_options(p)
    p.set_defaults(func=cmd_ask)

    p = sub.add_parser("compare", help="one conduct across jurisdictions, as a cited table")
    p.add_argument("conduct", help="deepfake, covert-filming, distribution, … or words in any language")
    p.add_argument("--jurisdiction", help="comma-separated (default CN,KR,US)")
    p.add_argument("--lang", choices=["zh", "ko", "en"], default="en")
    p.add_argument("--json", action="store_true")
    _store_options(p)
    p.set_defaults(func=cmd_compare)

    p = sub.add_parser("draft", help="a takedown notice, police report or evidence log to send or keep, cited")
    p.add_argument("kind", choices=["takedown", "police-report", "evidence-log"])
    p.add_argument("--jurisdiction", required=True, type=str.upper, choices=["CN", "KR", "US"])
    p.add_argument("--lang", choices=["zh", "ko", "en"], default="en")
    p.add_argument(
        "--fact", action="append", default=[], metavar="KEY=VALUE", help="fill a blank: name, contact, url …"
    )
    p.add_argument(
        "--file", action="append", default=[], type=Path, help="evidence-log: a capture to hash (read here, never kept)"
    )
    p.add_argument("--out", type=Path, help="also save as .docx or .md")
    p.add_argument("--json", action="store_true")
    _store_options(p)
    p.set_defaults(func=cmd_draft)

    p = sub.add_parser(
        "brief", help="for activists: one conduct compared, penalties side by side, gaps, platform duties"
    )
    p.add_argument("conduct", help="deepfake, covert-filming, distribution, … or words in any language")
    p.add_argument("--jurisdiction", help="comma-separated (default CN,KR,US)")
    p.add_argument("--lang", choices=["zh", "ko", "en"], default="en")
    p.add_argument("--out", type=Path, help="also save as .docx or .md")
    p.add_argument("--json", action="store_true")
    _store_options(p)
    p.set_defaults(func=cmd_brief)

    p = sub.add_parser("eval", help="hit@k / MRR of question sets or a public benchmark, next to the naive pipeline")
    p.add_argument(
        "files", type=Path, nargs="*", help='JSON lines {"id", "lang", "question", "gold": [{"doc", "article"}]}'
    )
    p.add_argument(
        "--split", action="append", choices=["dev", "test"], help="the labelled set in bench/eval/ (repeatable)"
    )
    p.add_argument("--benchmark", choices=["stard", "koblex"], help="a public benchmark pool from ../shared/benchmarks")
    p.add_argument("--no-naive", action="store_true", help="skip the naive baseline")
    p.add_argument(
        "--answers", action="store_true", help="measure answers (gold cited within 1,200 characters, length, type)"
    )
    p.add_argument(
        "--baseline",
        type=Path,
        help="with --answers: an earlier run's JSON, shown beside (bench/results/answers-*.json)",
    )
    p.add_argument("--out", type=Path, help="save the reports as JSON")
    _store_options(p)
    p.set_defaults(func=cmd_eval, usage_error=p.error)  # argparse's own usage message, exit 2

    p = sub.add_parser("embed-corpus", help="(maintainers) embed the shipped corpus and save the vectors beside it")
    _store_options(p)
    p.set_defaults(func=cmd_embed_corpus)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except RemedyAtlasError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
