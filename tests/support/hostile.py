"""The generated set of malformed files and hostile questions, and the harness that runs one case
through the real parts; shared by tests/test_bad_input.py and ``python -m bench.bad_input``.

Every file is built here byte by byte (no fixtures on disk), so the set is reproducible and can
grow. Each case says what holding up means for it: rejected with a DocumentError whose message
names the reason, accepted as a document, or either (as long as nothing crashes).

``python -m tests.support.hostile --question NAME --kind search|ask --store DIR`` runs one question
and prints its outcome as a JSON line: the child that ``question_in_child`` kills at the deadline.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import subprocess
import sys
import time
import warnings
import zlib
from dataclasses import asdict, dataclass
from pathlib import Path

from remedy_atlas.answer.engine import AnswerEngine
from remedy_atlas.errors import DocumentError, RemedyAtlasError
from remedy_atlas.index import open_retriever
from remedy_atlas.ingest.lexical import LexicalIndex, fingerprint
from remedy_atlas.ingest.pipeline import ingest, lexical_dir, manifest_for, refresh_lexical_index
from remedy_atlas.ingest.store import USER_COLLECTION, StoreConfig, VectorStore
from remedy_atlas.retrieval.search import Retriever
from remedy_atlas.settings import PROJECT_DIR, Settings

from .pdfs import encrypted_pdf, image_only_pdf, pdf, stream, text_pdf
from .synthetic import SyntheticEmbedder

REJECTED, ACCEPTED, EITHER = "rejected", "accepted", "either"
TEN_MB = 10 * 1024 * 1024


@dataclass(frozen=True)
class FileCase:
    name: str  # the file name it is written under (its suffix picks the loader)
    data: bytes
    expect: str  # REJECTED, ACCEPTED or EITHER
    reason: str = ""  # a word the DocumentError must contain when rejected
    slow: bool = False


def zero_page_pdf() -> bytes:
    return pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"])


def broken_xref_pdf() -> bytes:
    """Every offset in the cross-reference table is wrong; readers either rebuild it or give up."""
    good = text_pdf(["Article 1 Platforms shall remove intimate images on request."])
    start = good.rindex(b"xref\n")
    table = good[start:].split(b"trailer")[0]
    broken = table.replace(b"00000000", b"99999999")
    return good[:start] + broken + good[start + len(table) :]


def page_tree_loop_pdf() -> bytes:
    """A page tree whose node lists itself as its own kid: a naive walk never ends."""
    return pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [2 0 R] /Count 1 >>"])


def lying_count_pdf() -> bytes:
    """One real page, a /Count of two billion."""
    good = text_pdf(["Article 1 One page only."])
    return good.replace(b"/Count 1 ", b"/Count 2000000000 ")


def flate_bomb_pdf(megabytes: int = 200) -> bytes:
    """A ~200 KB content stream that inflates to ``megabytes`` of blanks."""
    inflated = b" " * (megabytes * 1024 * 1024)
    return pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 842] /Contents 4 0 R >>",
            stream(zlib.compress(inflated, 9), b"/Filter /FlateDecode "),
        ]
    )


def yaml_bomb_markdown(levels: int = 5) -> bytes:
    """Front matter whose title is a nest of YAML aliases: 600 bytes that expand ninefold per level.

    At 5 levels the title is ~4 MB and is copied into every chunk's metadata; at 9 it would be
    tens of gigabytes, so the set stops at 5: enough to show whether it is refused.
    """
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, levels + 1):
        lines.append(f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * 9) + "]")
    front = "\n".join(["id: us-yaml-bomb", "jurisdiction: US", "kind: statute", "language: en", *lines])
    return f"---\n{front}\ntitle: *a{levels}\n---\n\nSection 1. Body.\n".encode()


def hostile_files() -> list[FileCase]:
    mixed = "Article 1 平台应当删除 영상물을 삭제하여야 한다 platforms shall remove ملف صورة 😀 "
    controls = "".join(chr(c) for c in range(1, 32) if chr(c) not in "\n\r\t")
    return [
        FileCase("truncated.pdf", text_pdf(["Article 1 Platforms shall remove images."])[:120], REJECTED, "PDF"),
        FileCase("encrypted.pdf", encrypted_pdf("Article 1 secret text"), REJECTED, "encrypted"),
        FileCase("zero-pages.pdf", zero_page_pdf(), REJECTED, "no pages"),
        FileCase("broken-xref.pdf", broken_xref_pdf(), EITHER),
        FileCase("blank-2000-pages.pdf", text_pdf([""] * 2000), REJECTED, "no text", slow=True),
        FileCase("image-only.pdf", image_only_pdf(), REJECTED, "no text"),
        FileCase("page-tree-loop.pdf", page_tree_loop_pdf(), REJECTED, "PDF"),
        FileCase("lying-page-count.pdf", lying_count_pdf(), EITHER),
        FileCase("flate-bomb.pdf", flate_bomb_pdf(), EITHER, slow=True),
        FileCase("html-named.pdf", b"<!doctype html><script>alert(1)</script>", REJECTED, "PDF"),
        FileCase(
            "single-line-10mb.txt",
            ("deepfake removal duty " * (TEN_MB // 22 + 1))[:TEN_MB].encode(),
            ACCEPTED,
            slow=True,
        ),
        FileCase(
            "controls.txt",
            f"Article 1 {controls} removal\u200b\u200c\u200d\ufeff\u202e duty\x00 of platforms.".encode(),
            EITHER,
        ),
        FileCase("only-zero-width.txt", "\u200b\u200c\u200d\ufeff\u2060".encode() * 50, EITHER),
        FileCase("mixed-scripts.txt", (mixed * 40).encode(), ACCEPTED),
        FileCase("invalid-utf8.txt", b"Article 1 \xff\xfe\xc3\x28 broken bytes", REJECTED, "UTF-8"),
        FileCase("utf16.txt", "Article 1 평판".encode("utf-16"), REJECTED, "UTF-8"),
        FileCase("yaml-bomb.md", yaml_bomb_markdown(), REJECTED, "front matter"),
        FileCase(
            "bad-jurisdiction.md",
            b"---\nid: x\njurisdiction: XX\nkind: statute\nlanguage: en\ntitle: X\n---\nBody",
            REJECTED,
            "jurisdiction",
        ),
    ]


def hostile_questions() -> dict[str, str]:
    """name → question. ``long`` is 100,000 characters in three scripts."""
    return {
        "empty": "",
        "whitespace": " \n\t\u3000 ",
        "emoji": "😀🔥💔🙈🫠" * 8,
        "html": "<script>alert(1)</script><img src=x onerror=alert(2)> deepfake of me posted online?",
        "markdown-link": "[click me](javascript:alert(1)) ![x](http://127.0.0.1:9/p.png) deepfake",
        "controls": "deep\x00fake\x07 \u200b\u202eof me\ufeff online",
        "surrogates": "deepfake \udcff\udcfe posted",  # what a CLI gets for invalid UTF-8 bytes in argv
        "long": ("deepfake 딥페이크 深度伪造 intimate image " * 3000)[:100_000],
    }


# ---------------------------------------------------------------- the harness: one case through the real parts

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
    command = [
        sys.executable,
        "-m",
        "tests.support.hostile",
        "--question",
        name,
        "--kind",
        kind,
        "--store",
        str(data_dir),
    ]
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.support.hostile", description=__doc__.split("\n")[0])
    parser.add_argument("--question", required=True, choices=sorted(hostile_questions()))
    parser.add_argument("--kind", default="search", choices=["search", "ask"])
    parser.add_argument("--store", type=Path, required=True, help="an index of the corpus")
    args = parser.parse_args(argv)
    retriever = open_retriever(dataclasses.replace(Settings.from_env(), data_dir=args.store))
    outcome = try_question(args.question, hostile_questions()[args.question], args.kind, retriever)
    print(json.dumps(asdict(outcome), ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
