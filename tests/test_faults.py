"""Faults from outside the code: a server killed mid-write, a store taken away, an index file damaged, an LLM that hangs.

Each must end in a state a user can act on: the same index a clean run builds, a one-line
StoreUnavailable (never a traceback from the CLI), a rebuilt lexical index, or the offline answer.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np
import pytest

from remedy_atlas.answer.engine import Answer, AnswerEngine, Writer
from remedy_atlas.answer.llm import make_chat_model
from remedy_atlas.errors import StoreUnavailable
from remedy_atlas.index import open_retriever, shipped_embedder
from remedy_atlas.ingest.embed import CachedEmbedder
from remedy_atlas.ingest.lexical import LexicalIndex
from remedy_atlas.ingest.pipeline import ingest, lexical_dir, manifest_for, refresh_lexical_index
from remedy_atlas.ingest.store import USER_COLLECTION, StoreConfig, VectorStore
from remedy_atlas.ingest.tokenize import tokenize
from remedy_atlas.retrieval.search import Retriever
from remedy_atlas.settings import PROJECT_DIR, LLMSettings, Settings

from .conftest import CORPUS
from .support.servers import ChromaServer, free_port
from .support.synthetic import SyntheticEmbedder

SAMPLE = (  # 194 chunks in three languages; the third is the one cut off by the kill
    "us/us-15-usc-6851.en.md",
    "kr/kr-case-2022do1683-public-display.ko.md",
    "cn/cn-pipl.zh.md",
    "kr/kr-stalking-punishment-act.ko.md",
    "us/us-47-usc-223.en.md",
)
VICTIM = "cn-pipl"
QUESTION = "Someone posted a deepfake nude of me. What can I do?"


def _ids(store: VectorStore) -> set[str]:
    return set(store.ids())


# ---------------------------------------------------------------- the Chroma server killed mid-ingest


@pytest.mark.slow
def test_a_server_killed_mid_document_and_restarted_ends_as_a_clean_run(
    tmp_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = [CORPUS / name for name in SAMPLE]
    embedder = shipped_embedder(settings)
    clean = VectorStore(StoreConfig(tmp_path / "clean"), embedder)
    ingest(files, clean)
    expected = _ids(clean)

    server = ChromaServer(tmp_path / "server-data").start()
    try:
        config = StoreConfig(tmp_path / "local", host="127.0.0.1", port=server.port)
        store = VectorStore(config, embedder)
        write = store.add

        def half_then_die(document, chunks, vectors, doc_hash):  # type: ignore[no-untyped-def]
            """Half of one document reaches the server, then the server dies (SIGKILL) before the rest."""
            if document.doc_id == VICTIM:
                half = len(chunks) // 2
                write(document, chunks[:half], vectors[:half], doc_hash)
                server.kill()
            write(document, chunks, vectors, doc_hash)

        monkeypatch.setattr(store, "add", half_then_die)
        with pytest.raises(StoreUnavailable, match="chroma run"):
            ingest(files, store)
        assert VICTIM not in manifest_for(store).entries

        server.start()  # the same --path and port
        reopened = VectorStore(config, embedder)
        assert reopened.count() < len(expected), "the crash should have left the store part-written"
        report = ingest(files, reopened)
        assert (report.skipped, report.ingested, report.errors) == (2, 3, [])
        assert _ids(reopened) == expected
        assert reopened.count() == clean.count()
        assert refresh_lexical_index(reopened).fingerprint == refresh_lexical_index(clean).fingerprint
        again = ingest(files, reopened)
        assert (again.skipped, again.ingested) == (len(SAMPLE), 0)
    finally:
        server.kill()


def test_a_server_that_is_down_gives_a_clear_error(tmp_path: Path) -> None:
    config = StoreConfig(tmp_path / "local", host="127.0.0.1", port=free_port())
    with pytest.raises(StoreUnavailable, match=r"Chroma server at 127\.0\.0\.1"):
        VectorStore(config, SyntheticEmbedder())


# ---------------------------------------------------------------- the store directory taken away


def _small_store(root: Path) -> tuple[VectorStore, Path, Path]:
    docs = root / "docs"
    docs.mkdir(parents=True)
    first, second = docs / "first.txt", docs / "second.txt"
    first.write_text("Article 1 A platform shall remove an intimate image.", encoding="utf-8")
    second.write_text("Article 1 A court may order compensation.", encoding="utf-8")
    store = VectorStore(StoreConfig(root / "store"), SyntheticEmbedder(), USER_COLLECTION)
    ingest([first], store)
    return store, first, second


def test_a_store_directory_removed_while_in_use_gives_store_unavailable(tmp_path: Path) -> None:
    store, _, second = _small_store(tmp_path)
    shutil.rmtree(tmp_path / "store")
    with pytest.raises(StoreUnavailable) as caught:
        ingest([second], store)
    assert "removed" in str(caught.value) and "\n" not in str(caught.value)


def _unprivileged() -> list[str]:
    """A prefix that makes permission bits bind: root ignores them, so run as a mapped ordinary user."""
    if os.geteuid() != 0:
        return []
    unshare = shutil.which("unshare")
    if unshare is None or subprocess.run([unshare, "--user", "--map-user=1000", "true"]).returncode != 0:
        pytest.skip("running as root without user namespaces: read-only directories cannot be tested")
    return [unshare, "--user", "--map-user=1000", "--map-group=1000"]


def _read_only(root: Path) -> None:
    for path in [root, *root.rglob("*")]:
        path.chmod(0o555 if path.is_dir() else 0o444)


def _writable(root: Path) -> None:
    for path in [root, *root.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)


WHILE_IN_USE = """
import sys, warnings
from pathlib import Path
warnings.simplefilter("ignore")
from tests.support.synthetic import SyntheticEmbedder
from remedy_atlas.errors import StoreUnavailable
from remedy_atlas.ingest.pipeline import ingest
from remedy_atlas.ingest.store import StoreConfig, VectorStore
root = Path(sys.argv[1])
store = VectorStore(StoreConfig(root / "store"), SyntheticEmbedder(), "user_documents")
ingest([root / "first.txt"], store)
for path in [root / "store", *(root / "store").rglob("*")]:
    path.chmod(0o555 if path.is_dir() else 0o444)
try:
    ingest([root / "second.txt"], store)
except StoreUnavailable as error:
    print("StoreUnavailable:", error)
"""


def test_a_store_made_read_only_while_in_use_gives_store_unavailable(tmp_path: Path) -> None:
    (tmp_path / "first.txt").write_text("Article 1 A platform shall remove an image.", encoding="utf-8")
    (tmp_path / "second.txt").write_text("Article 1 A court may order compensation.", encoding="utf-8")
    try:
        done = subprocess.run(
            [*_unprivileged(), sys.executable, "-c", WHILE_IN_USE, str(tmp_path)],
            cwd=PROJECT_DIR,
            capture_output=True,
            text=True,
            timeout=300,
        )
    finally:
        if (tmp_path / "store").exists():
            _writable(tmp_path / "store")
    assert "Traceback" not in done.stderr, done.stderr[-1500:]
    assert done.stdout.startswith("StoreUnavailable:"), done.stdout + done.stderr[-500:]
    assert "writable" in done.stdout


def _cli(*args: str, prefix: list[str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*(prefix or []), sys.executable, "-m", "remedy_atlas.cli", *args],
        cwd=PROJECT_DIR,
        capture_output=True,
        text=True,
        timeout=300,
    )


def _assert_clean_error(done: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in done.stderr, done.stderr[-2000:]
    assert done.returncode != 0 and "error:" in done.stderr, (done.returncode, done.stderr[-800:])


@pytest.mark.slow
def test_the_cli_reports_a_read_only_store_without_a_traceback(tmp_path: Path) -> None:
    prefix = _unprivileged()
    store = tmp_path / "store"
    first, second = tmp_path / "first.txt", tmp_path / "second.txt"
    first.write_text("Article 1 A platform shall remove an intimate image.", encoding="utf-8")
    second.write_text("Article 1 A court may order compensation.", encoding="utf-8")
    built = _cli("ingest", str(first), "--store", str(store))
    assert built.returncode == 0, built.stderr[-800:]
    _read_only(store)
    try:
        _assert_clean_error(_cli("ingest", str(second), "--store", str(store), prefix=prefix))
        _assert_clean_error(_cli("search", "removal", "--store", str(store), prefix=prefix))
    finally:
        _writable(store)


@pytest.mark.slow
def test_the_cli_reports_a_missing_store_or_server_without_a_traceback(tmp_path: Path) -> None:
    occupied = tmp_path / "not-a-directory"
    occupied.write_text("a file where the store should be", encoding="utf-8")
    _assert_clean_error(_cli("search", "removal", "--store", str(occupied)))
    down = ("--chroma-host", "127.0.0.1", "--chroma-port", str(free_port()))
    _assert_clean_error(_cli("search", "removal", "--store", str(tmp_path / "local"), *down))


# ---------------------------------------------------------------- a damaged lexical index


def _zero_scores(path: Path) -> None:
    """Same shape, same dtype, every BM25 weight zero: a file that loads fine and answers wrong."""
    np.save(path, np.zeros_like(np.load(path)))


CORRUPTIONS: dict[str, Callable[[Path], None]] = {
    "truncated": lambda p: p.write_bytes(p.read_bytes()[: p.stat().st_size // 2]),
    "garbage": lambda p: p.write_bytes(os.urandom(max(64, p.stat().st_size))),
    "deleted": lambda p: p.unlink(),
    "empty": lambda p: p.write_bytes(b""),
    "zeroed-scores": _zero_scores,
}
CASES = [
    ("entries.json", "truncated"),
    ("entries.json", "garbage"),
    ("entries.json", "empty"),
    ("vocab.index.json", "garbage"),
    ("params.index.json", "deleted"),
    ("indices.csc.index.npy", "garbage"),
    ("indptr.csc.index.npy", "deleted"),
    ("data.csc.index.npy", "truncated"),
    ("data.csc.index.npy", "empty"),
    ("data.csc.index.npy", "zeroed-scores"),
]


@pytest.fixture(scope="module")
def lexical_store(tmp_path_factory: pytest.TempPathFactory) -> VectorStore:
    """Three corpus documents (zh, ko, en) under a synthetic embedder: only the lexical side is under test."""
    store = VectorStore(StoreConfig(tmp_path_factory.mktemp("lexical")), SyntheticEmbedder())
    ingest([CORPUS / name for name in SAMPLE[:3]], store)
    return store


@pytest.mark.parametrize(
    ("name", "how"),
    [pytest.param(n, h, id=f"{n}-{h}") for n, h in CASES],
)
def test_a_damaged_lexical_index_is_detected_and_rebuilt(lexical_store: VectorStore, name: str, how: str) -> None:
    directory = lexical_dir(lexical_store)
    good = refresh_lexical_index(lexical_store, force=True)
    probes = [tokenize(text, meta["language"]) for _, text, meta in list(lexical_store.records())[:40:8]]
    expected = [good.scores(tokens) for tokens in probes]
    assert all(scores.max() > 0 for scores in expected)

    CORRUPTIONS[how](directory / name)
    rebuilt = refresh_lexical_index(lexical_store)
    assert rebuilt.fingerprint == good.fingerprint
    for tokens, scores in zip(probes, expected, strict=True):
        np.testing.assert_allclose(rebuilt.scores(tokens), scores, rtol=1e-5)
    reloaded = LexicalIndex.load(directory)
    assert reloaded is not None and reloaded.fingerprint == good.fingerprint, "the rebuilt index was saved"


def test_an_index_left_behind_by_a_crash_after_a_changed_document_is_rebuilt(tmp_path: Path) -> None:
    """Ingest writes the chunks and the manifest, then dies before saving the lexical index.

    Same chunk ids, new text: the start-up check reads only ids and the manifest's hashes, and
    must still see that the saved index is stale.
    """
    store = VectorStore(StoreConfig(tmp_path / "index"), SyntheticEmbedder())
    law = tmp_path / "law.md"
    head = "---\nid: us-test-law\njurisdiction: US\nkind: statute\nlanguage: en\ntitle: Test law\n---\n"
    law.write_text(head + "Article 1 A platform shall remove a deepfake within 48 hours.\n", encoding="utf-8")
    ingest([law], store)
    saved = (lexical_dir(store) / "entries.json").stat().st_mtime_ns
    refresh_lexical_index(store)
    assert (lexical_dir(store) / "entries.json").stat().st_mtime_ns == saved, "a matching index is not rebuilt"
    before = set(store.ids())
    stale = tmp_path / "stale-lexical"
    shutil.copytree(lexical_dir(store), stale)

    law.write_text(head + "Article 1 A platform shall remove a hologram within 48 hours.\n", encoding="utf-8")
    ingest([law], store)
    assert set(store.ids()) == before
    shutil.rmtree(lexical_dir(store))
    shutil.copytree(stale, lexical_dir(store))  # the save that the crash prevented

    index = refresh_lexical_index(store)
    assert index.scores(tokenize("hologram", "en")).max() > 0
    assert index.scores(tokenize("deepfake", "en")).max() == 0


# ---------------------------------------------------------------- a vector cache an older version wrote


def test_a_vector_cache_an_older_version_wrote_is_embedded_again_and_rewritten(tmp_path: Path) -> None:
    """The key vectors of a data directory from before the cache kept its model id: a start crashed."""
    cache = tmp_path / "key-vectors-corpus.npz"
    np.savez(cache, fingerprint=np.array("old"), vectors=np.zeros((2, 384), np.float32))
    old = CachedEmbedder(SyntheticEmbedder(), cache)
    vectors = old.encode_passages(["a key", "another key"])
    assert old.hits == 0
    old.save(["a key", "another key"])
    again = CachedEmbedder(SyntheticEmbedder(), cache)
    assert np.allclose(again.encode_passages(["a key", "another key"]), vectors, atol=1e-3) and again.hits == 2


# ---------------------------------------------------------------- an LLM endpoint that hangs or fails


class BadEndpoint:
    """An HTTP endpoint on 127.0.0.1 that misbehaves in one way; threads only, stopped at teardown."""

    def __init__(self, mode: str) -> None:
        self.mode = mode
        self.stop = threading.Event()
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.port = int(self.sock.getsockname()[1])
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            threading.Thread(target=self._answer, args=(conn,), daemon=True).start()
        self.sock.close()

    def _answer(self, conn: socket.socket) -> None:
        try:
            conn.settimeout(5)
            conn.recv(65536)
            if self.mode == "hangs":  # accepts, reads the request, never says a word
                self.stop.wait()
            elif self.mode == "drips":  # a 200 whose body trickles in one byte a second: each read is "on time"
                conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n")
                while not self.stop.wait(1.0):
                    conn.sendall(b" ")
            else:
                status, body = {
                    "fails": (b"500 Internal Server Error", b'{"error": {"message": "boom"}}'),
                    "garbles": (b"200 OK", b"<html>not json"),
                }[self.mode]
                conn.sendall(
                    b"HTTP/1.1 %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%s"
                    % (status, len(body), body)
                )
        except OSError:
            pass
        finally:
            conn.close()

    def base_url(self, provider: str) -> str:
        return f"http://127.0.0.1:{self.port}" + ("/v1" if provider == "openai" else "")


@pytest.fixture(scope="module")
def corpus_retriever(corpus_settings: Settings) -> Retriever:
    return open_retriever(corpus_settings)


@pytest.fixture(scope="module")
def offline(corpus_retriever: Retriever) -> tuple[Answer, float]:
    """The offline answer, and how long it takes warm: the yardstick for "bounded"."""
    engine = AnswerEngine(corpus_retriever)
    engine.ask(QUESTION, ("US",))
    started = time.perf_counter()
    answer = engine.ask(QUESTION, ("US",))
    return answer, time.perf_counter() - started


@pytest.fixture
def endpoint(request: pytest.FixtureRequest) -> Iterator[BadEndpoint]:
    server = BadEndpoint(request.param)
    yield server
    server.stop.set()


LLM_TIMEOUT = 2.0
SLACK = 8.0  # beyond the offline answer's own time: one timeout, plus a loaded machine's jitter


@pytest.mark.parametrize(
    ("provider", "endpoint"),
    [
        ("openai", "hangs"),
        ("openai", "fails"),
        ("openai", "garbles"),
        ("ollama", "hangs"),
        ("ollama", "fails"),
        ("openai", "drips"),
        ("ollama", "drips"),
    ],
    indirect=["endpoint"],
)
def test_an_llm_that_hangs_or_fails_gives_the_offline_answer_in_bounded_time(
    provider: str, endpoint: BadEndpoint, corpus_retriever: Retriever, offline: tuple[Answer, float]
) -> None:
    expected, offline_seconds = offline
    settings = LLMSettings(provider=provider, base_url=endpoint.base_url(provider), model="x", timeout=LLM_TIMEOUT)
    engine = AnswerEngine(corpus_retriever, make_chat_model(settings))
    result: dict[str, Answer | BaseException] = {}

    def ask() -> None:
        try:
            result["answer"] = engine.ask(QUESTION, ("US",))
        except BaseException as error:  # reported below, not lost in the thread
            result["error"] = error

    bound = offline_seconds + SLACK
    started = time.perf_counter()
    worker = threading.Thread(target=ask, daemon=True)
    worker.start()
    worker.join(bound)
    elapsed = time.perf_counter() - started
    assert not worker.is_alive(), f"no answer after {elapsed:.1f} s (offline takes {offline_seconds:.1f} s)"
    assert "error" not in result, repr(result.get("error"))
    answer = result["answer"]
    assert isinstance(answer, Answer)
    assert answer.text == expected.text and answer.written_by is Writer.COMPOSER
    assert any("language model" in w for w in answer.warnings), answer.warnings
