"""What a hostile document, question or file name must never do: render as markup, escape a directory, reach a log.

The engine's answer is Markdown that other tools (the CLI, an export, a Markdown viewer) display;
the app adds its own escaping, but the answer itself should carry no live HTML. Only ``<br>``,
which the comparison table uses inside cells, is expected markup.
"""

from __future__ import annotations

import json
import logging
import re
import shutil
import subprocess
import sys
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage

from remedy_atlas.answer.engine import AnswerEngine, Writer
from remedy_atlas.answer.llm import ChatModel, make_chat_model
from remedy_atlas.errors import DocumentError
from remedy_atlas.index import open_retriever, open_store
from remedy_atlas.ingest.pipeline import ingest, refresh_lexical_index
from remedy_atlas.ingest.store import USER_COLLECTION, StoreConfig, VectorStore
from remedy_atlas.library import add_user_document, remove_user_document, upload_path, user_documents
from remedy_atlas.retrieval.glossary import default_glossary
from remedy_atlas.retrieval.search import Retriever
from remedy_atlas.settings import PROJECT_DIR, LLMSettings, Settings

from .support.synthetic import SyntheticEmbedder
from .test_faults import BadEndpoint

TAG = re.compile(r"<\s*/?\s*([a-zA-Z][\w-]*)[^>]*>")
QUESTION = "Someone posted a deepfake nude of me in the US. What can I do?"


def assert_inert(text: str) -> None:
    """No HTML element but <br> (so no event handler can run) and no javascript: link."""
    tags = {m.group(1).lower() for m in TAG.finditer(text)}
    assert tags <= {"br"}, f"markup in the answer: {sorted(tags - {'br'})}"
    assert not re.search(r"\]\(\s*javascript:", text, re.IGNORECASE), "a javascript: link"


@pytest.fixture(scope="module")
def index_copy(corpus_settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """The session's corpus index, copied: uploads made here touch no other test."""
    import dataclasses

    data_dir = tmp_path_factory.mktemp("security-index")
    shutil.copytree(corpus_settings.data_dir, data_dir, dirs_exist_ok=True)
    return dataclasses.replace(corpus_settings, data_dir=data_dir)


@pytest.fixture
def pristine_copy(corpus_settings: Settings, tmp_path: Path) -> Settings:
    """A copy with none of this module's uploads in it."""
    import dataclasses

    shutil.copytree(corpus_settings.data_dir, tmp_path / "index")
    return dataclasses.replace(corpus_settings, data_dir=tmp_path / "index")


@pytest.fixture(scope="module")
def corpus_retriever(index_copy: Settings) -> Retriever:
    return open_retriever(index_copy)


def _engine_with_upload(settings: Settings, upload: Path) -> AnswerEngine:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        report = ingest([upload], open_store(settings, USER_COLLECTION))
    assert report.ingested == 1, report.errors
    return AnswerEngine(open_retriever(settings), user_retriever=open_retriever(settings, USER_COLLECTION))


# ---------------------------------------------------------------- markup never rendered


def test_markup_in_a_question_never_reaches_the_answer(corpus_retriever: Retriever) -> None:
    question = f"<script>alert(1)</script> <img src=x onerror=alert(2)> [x](javascript:alert(3)) {QUESTION}"
    answer = AnswerEngine(corpus_retriever).ask(question)
    assert_inert(answer.text)
    assert_inert(answer.as_json()["answer"])  # the citations' quotes are the law's own words, shown as text


def test_markup_in_an_uploaded_documents_text_never_reaches_the_answer(index_copy: Settings, tmp_path: Path) -> None:
    upload = tmp_path / "platform-reply.txt"
    upload.write_text(
        "Zebra deepfake takedown <script>alert(1)</script> notice.\n\n"
        "The zebra platform <img src=x onerror=alert(2)> refused to remove the deepfake.",
        encoding="utf-8",
    )
    answer = _engine_with_upload(index_copy, upload).ask("zebra deepfake takedown notice")
    assert any(s.user_document for s in answer.sources), "the upload should be cited"
    assert_inert(answer.text)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("<img src=x onerror=alert(1)>.txt", "Zebra deepfake takedown notice from the platform."),
        (
            "crafted.md",
            '---\nid: us-zebra\njurisdiction: US\nkind: statute\nlanguage: en\ntitle: "Zebra <script>alert(1)</script>"\n'
            'citation: "Zebra Act <img src=x onerror=alert(2)>"\n---\n\n§ 1. A zebra deepfake takedown notice.\n',
        ),
    ],
    ids=["file-name", "front-matter"],
)
def test_markup_in_an_uploads_name_or_front_matter_never_reaches_the_answer(
    index_copy: Settings, tmp_path: Path, name: str, content: str
) -> None:
    """The CLI ingests files under their own names, and an uploaded .md's front matter names it."""
    upload = tmp_path / name
    upload.write_text(content, encoding="utf-8")
    answer = _engine_with_upload(index_copy, upload).ask("zebra deepfake takedown notice")
    assert any(s.user_document for s in answer.sources), "the upload should be cited"
    assert_inert(answer.text)


def test_markup_written_by_the_language_model_never_reaches_the_answer(corpus_retriever: Retriever) -> None:
    """A model that echoes a document's markup (or is told to) passes the citation check with a valid marker."""
    reply = "[[DIRECT]] You can sue for damages [1]. <img src=x onerror=alert(1)> <script>alert(2)</script> See [1]."
    model = ChatModel(GenericFakeChatModel(messages=iter([AIMessage(reply)])))
    answer = AnswerEngine(corpus_retriever, model).ask(QUESTION, ("US",))
    assert answer.written_by is Writer.MODEL
    assert_inert(answer.text)


@pytest.mark.slow
def test_the_cli_prints_no_markup_from_a_question(pristine_copy: Settings) -> None:
    question = f"<script>alert(1)</script><img src=x onerror=alert(2)> {QUESTION}"
    done = subprocess.run(
        [sys.executable, "-m", "remedy_atlas.cli", "ask", question, "--json", "--store", str(pristine_copy.data_dir)],
        cwd=PROJECT_DIR,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-800:]
    assert_inert(json.loads(done.stdout)["answer"])


# ---------------------------------------------------------------- uploads stay in their directory


def _tree(root: Path) -> dict[str, tuple[int, int]]:
    """Every file under ``root`` (symlinks not followed) with its size and mtime: what a write would change."""
    return {
        str(p.relative_to(root)): (p.lstat().st_size, p.lstat().st_mtime_ns)
        for p in root.rglob("*")
        if p.is_file() or p.is_symlink()
    }


@pytest.fixture
def uploads_setup(tmp_path: Path) -> Iterator[tuple[Retriever, Path, Path]]:
    """A user collection (synthetic embedder: the file handling is under test) and its uploads directory."""
    data = tmp_path / "data"
    store = VectorStore(StoreConfig(data / "index"), SyntheticEmbedder(), USER_COLLECTION)
    retriever = Retriever(store, refresh_lexical_index(store), default_glossary())
    (tmp_path / "outside").mkdir()
    yield retriever, data / "uploads", tmp_path


HOSTILE_NAMES = [
    "../../escape.txt",
    "..\\..\\escape.txt",
    "uploads/../../escape.md",
    "．．／．．／escape.txt",  # fullwidth dots and slash: NFKC turns them into ../../
    "escape.txt\x00.txt",
    "\u202etxt.exe.txt",
    "CON.txt",
    "a" * 300 + ".txt",
    ".txt",
    "..",
    "~/.bashrc.txt",
    "%2e%2e%2fescape.txt",
]


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_an_upload_name_never_leads_outside_the_uploads_directory(
    uploads_setup: tuple[Retriever, Path, Path], name: str
) -> None:
    retriever, uploads, root = uploads_setup
    before = {k: v for k, v in _tree(root).items() if not k.startswith("data/")}
    try:
        saved = add_user_document(retriever, uploads, name, b"Article 1 A platform shall remove the image.")
    except DocumentError as error:
        assert "\n" not in str(error)
    else:
        assert saved.parent == uploads and saved.resolve().parent == uploads.resolve()
        assert not saved.name.startswith(".")
    after = {k: v for k, v in _tree(root).items() if not k.startswith("data/")}
    assert after == before, "something was written outside the data directory"
    assert not (root / "escape.txt").exists() and not (root.parent / "escape.txt").exists()


def test_an_absolute_upload_name_is_reduced_to_its_base_name(uploads_setup: tuple[Retriever, Path, Path]) -> None:
    _, uploads, root = uploads_setup
    target = root / "outside" / "absolute.txt"
    assert upload_path(uploads, str(target)) == uploads / "absolute.txt"


def test_a_symlink_planted_in_uploads_is_never_written_through(uploads_setup: tuple[Retriever, Path, Path]) -> None:
    """Refusing the name or replacing the link are both safe; writing into the link's target is not."""
    retriever, uploads, root = uploads_setup
    victim = root / "outside" / "victim.txt"
    victim.write_text("the user's own original", encoding="utf-8")
    uploads.mkdir(parents=True)
    (uploads / "evidence.txt").symlink_to(victim)
    try:
        saved = add_user_document(retriever, uploads, "evidence.txt", b"Article 1 The new upload.")
    except DocumentError as error:
        assert "\n" not in str(error)
    else:
        assert saved == uploads / "evidence.txt" and not saved.is_symlink()
    assert victim.read_text(encoding="utf-8") == "the user's own original"


def test_removing_a_document_never_deletes_the_users_original(uploads_setup: tuple[Retriever, Path, Path]) -> None:
    """The CLI ingests files where they lie; removing one from the index must leave the file alone."""
    retriever, uploads, root = uploads_setup
    original = root / "outside" / "my-evidence.txt"
    original.write_text("Article 1 Screenshots of the posts.", encoding="utf-8")
    ingest([original], retriever.store)
    (document,) = user_documents(retriever)
    remove_user_document(retriever, uploads, document.doc_id)
    assert original.exists() and user_documents(retriever) == []


def test_ingest_writes_nothing_outside_the_data_directory(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("Article 1 A platform shall remove the image.", encoding="utf-8")
    (docs / "b.md").write_text("# Notes\n\nThe police kept a copy.", encoding="utf-8")
    before = _tree(tmp_path)
    store = VectorStore(StoreConfig(tmp_path / "data"), SyntheticEmbedder(), USER_COLLECTION)
    assert ingest([docs], store).ingested == 2
    after = {k: v for k, v in _tree(tmp_path).items() if not k.startswith("data/")}
    assert after == before


# ---------------------------------------------------------------- nothing private in the logs

SECRET_QUESTION = "QUOKKA-7731 my ex posted a deepfake of me in the US, what can I do?"
SECRET_CONTENT = "WOMBAT-4419"
SECRET_NAME = "WALLABY-5520"
SECRET_KEY = "sk-NUMBAT-9902-do-not-log"


def _leaks(records: list[logging.LogRecord], secrets: tuple[str, ...]) -> list[str]:
    found = []
    for record in records:
        text = f"{record.getMessage()} {record.args!r} {record.exc_text or ''}"
        found += [f"{record.name}/{record.levelname}: {s}" for s in secrets if s in text]
    return found


@pytest.mark.parametrize("provider", ["openai", "ollama"])
def test_no_question_upload_or_api_key_reaches_the_logs(
    index_copy: Settings, tmp_path: Path, caplog: pytest.LogCaptureFixture, provider: str
) -> None:
    caplog.set_level(logging.DEBUG)
    endpoint = BadEndpoint("fails")
    try:
        llm = LLMSettings(
            provider=provider, base_url=endpoint.base_url(provider), model="x", api_key=SECRET_KEY, timeout=5
        )
        model = make_chat_model(llm)
        assert SECRET_KEY not in repr(llm) and SECRET_KEY not in repr(model)
        store = open_store(index_copy, USER_COLLECTION)
        user = Retriever(store, refresh_lexical_index(store), default_glossary())
        add_user_document(user, tmp_path / "uploads", f"{SECRET_NAME}.txt", f"{SECRET_CONTENT} deepfake notes".encode())
        engine = AnswerEngine(open_retriever(index_copy), model, user_retriever=user)
        answer = engine.ask(SECRET_QUESTION)
    finally:
        endpoint.stop.set()
    assert answer.warnings, "the failing endpoint should have been reported"
    assert caplog.records, "nothing was captured: the check would prove nothing"
    assert _leaks(caplog.records, (SECRET_QUESTION[:11], SECRET_CONTENT, SECRET_NAME, SECRET_KEY)) == []


def test_a_model_quoting_the_question_does_not_put_it_in_the_logs(
    corpus_retriever: Retriever, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    reply = f"You can sue for damages [1]. You asked “{SECRET_QUESTION[:30]}” [1]."
    model = ChatModel(GenericFakeChatModel(messages=iter([AIMessage(reply)])))
    AnswerEngine(corpus_retriever, model).ask(SECRET_QUESTION, ("US",))
    assert _leaks(caplog.records, (SECRET_QUESTION[:11],)) == []
