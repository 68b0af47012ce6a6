"""The Streamlit app driven through AppTest: what a survivor, an activist or a law student does with it."""

from __future__ import annotations

import dataclasses
import io
import re
import shutil
import socket
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest
from streamlit.testing.v1 import AppTest

from remedy_atlas.answer.phrases import CONDUCT_NAMES
from remedy_atlas.errors import DocumentError
from remedy_atlas.index import ingest_corpus, open_engine, open_store
from remedy_atlas.ingest.pipeline import manifest_for
from remedy_atlas.ingest.store import USER_COLLECTION
from remedy_atlas.library import upload_path
from remedy_atlas.settings import PROJECT_DIR, Settings
from remedy_atlas.ui_text import escape_markdown, inert_markdown, pick_language, support_resources

APP = PROJECT_DIR / "app.py"
QUESTION = "Someone posted a deepfake nude of me in the US. What can I do?"
MARKUP = "<script>alert(1)</script>"
CRAFTED = f"""---
id: us-zebra-act
jurisdiction: US
kind: statute
language: en
title: "Zebra Act {MARKUP}"
title_en: "Zebra Act <img src=x onerror=alert(2)>"
citation: Zebra Act
version: "test <b>bold</b>"
source: "[click](javascript:alert(3))"
partial: true — only {MARKUP} survives
---

### § 1. Zebra crossings {MARKUP}

§ 1. A zebra deepfake provision {MARKUP} <img src=x onerror=alert(2)> **not bold** ![pixel](http://127.0.0.1:9/x.png)
"""


@pytest.fixture(scope="module")
def index_copy(corpus_settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """The session's corpus index, copied so uploads here touch no other test (and none of theirs show here)."""
    data_dir = tmp_path_factory.mktemp("app-index")
    shutil.copytree(corpus_settings.data_dir, data_dir, dirs_exist_ok=True)
    settings = dataclasses.replace(corpus_settings, data_dir=data_dir)
    store = open_store(settings, USER_COLLECTION)
    for doc_id in store.document_ids():
        store.delete_document(doc_id)
    return settings


@pytest.fixture
def app_settings(index_copy: Settings, monkeypatch: pytest.MonkeyPatch) -> Iterator[Settings]:
    monkeypatch.setenv("REMEDY_ATLAS_DATA", str(index_copy.data_dir))
    monkeypatch.setenv("REMEDY_ATLAS_CORPUS", str(index_copy.corpus_dir))
    monkeypatch.delenv("REMEDY_ATLAS_LLM_PROVIDER", raising=False)
    yield index_copy


def started(locale: str | None = "en-US") -> AppTest:
    at = AppTest.from_file(APP, default_timeout=240)
    at.context = {"locale": locale}
    at.run()
    assert not at.exception, at.exception
    return at


def asked(at: AppTest, question: str) -> AppTest:
    at.chat_input(key="question").set_value(question).run()
    assert not at.exception, at.exception
    return at


def assert_no_html(at: AppTest) -> None:
    """No element may let Markdown through as HTML, and no raw HTML element may exist at all."""
    assert len(at.html) == 0
    for element in [*at.markdown, *at.caption]:
        assert not element.proto.allow_html, element.value[:80]


def test_a_question_gets_a_cited_answer_whose_citations_open_the_provision(app_settings: Settings) -> None:
    at = asked(started(), QUESTION)
    entry = at.session_state["messages"][-1]
    answer = entry["answer"]
    assert answer.sources and answer.language == "en"
    reply = at.chat_message[-1]
    assert reply.markdown[0].value.startswith(inert_markdown(answer.text)[:40])
    assert answer.disclaimer in reply.markdown[0].value
    first = answer.sources[0]
    citation = next(e for e in reply.expander if e.label.startswith("\\[1\\]"))
    assert escape_markdown(first.citation) in citation.label
    assert [t.value for t in citation.text] == [first.quote]
    facts = citation.markdown[0].value
    assert escape_markdown(first.title) in facts
    if first.version:
        assert escape_markdown(first.version) in facts
    if first.source_url.startswith("http"):
        assert citation.link_button[0].proto.url == first.source_url
    assert_no_html(at)


def test_partial_sources_carry_a_visible_warning(app_settings: Settings) -> None:
    at = asked(started(), "Is it a crime in New York to publish an intimate image of someone?")
    answer = at.session_state["messages"][-1]["answer"]
    partial = [s for s in answer.sources if s.partial]
    assert partial, "the NY sources of this answer are partial in the corpus"
    expander = next(e for e in at.chat_message[-1].expander if e.label.startswith(f"\\[{partial[0].marker}\\]"))
    assert "only part of this document" in expander.warning[0].value


def test_interface_language_follows_the_browser_and_can_be_switched(app_settings: Settings) -> None:
    at = started("ko-KR")
    assert [t.label for t in at.tabs] == ["질문", "비교", "법령 자료실", "내 문서"]
    assert at.button(key="quick_exit").label == "빠른 나가기"
    at.selectbox(key="lang").set_value("zh").run()
    assert [t.label for t in at.tabs] == ["提问", "比较", "法规库", "我的文件"]
    assert at.chat_input(key="question").placeholder.startswith("描述发生了什么")
    assert any("12338" in m.value for m in at.sidebar.markdown)
    assert started(None).tabs[0].label == "Ask"


def test_compare_builds_the_table_and_exports_it_with_a_bibliography(app_settings: Settings) -> None:
    at = started()
    at.selectbox(key="compare_conduct-en").set_value("deepfake").run()
    comparison = at.session_state["comparison"]
    answer = comparison["answer"]
    shown = next(m.value for m in at.markdown if m.value.startswith("### Comparison"))
    assert CONDUCT_NAMES["deepfake"]["en"] in shown and "| United States |" in shown
    assert "<br>" not in shown
    assert answer.sources
    document = docx.Document(io.BytesIO(comparison["docx"]))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Provisions cited" in text and "The provisions' own words" in text
    for source in answer.sources:
        assert f"[{source.marker}] {source.citation}" in text
    assert document.tables and "United States" in document.tables[0].rows[0].cells[-1].text
    assert "## Provisions cited" in comparison["md"]
    labels = [b.label for b in at.download_button]
    assert "Export Markdown" in labels and "Export Word (DOCX)" in labels


def test_an_answer_exports_to_markdown_and_docx(app_settings: Settings) -> None:
    at = asked(started(), QUESTION)
    entry = at.session_state["messages"][-1]
    answer = entry["answer"]
    markdown = entry["md"]
    assert QUESTION in markdown and answer.text in markdown
    bibliography = markdown.split("## Provisions cited", 1)[1]
    document = docx.Document(io.BytesIO(entry["docx"]))
    paragraphs = [p.text for p in document.paragraphs]
    for source in answer.sources:
        line = f"[{source.marker}] {source.citation} — {source.title}"
        assert line in bibliography
        assert any(p.startswith(line) for p in paragraphs)
        if source.version:
            assert any(line in p and source.version in p for p in paragraphs)
    assert "Provisions cited" in paragraphs


def test_the_language_model_is_off_until_set_and_a_dead_one_is_reported(app_settings: Settings) -> None:
    at = started()
    assert at.selectbox(key="llm_provider-en").value == "" and at.button(key="llm_test").disabled
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        nobody = f"http://127.0.0.1:{closed.getsockname()[1]}"
    at.selectbox(key="llm_provider-en").set_value("ollama").run()
    at.text_input(key="llm_model").set_value("qwen3:4b").run()
    at.text_input(key="llm_base_url").set_value(nobody).run()
    at.button(key="llm_test").click().run()
    assert any(e.value.startswith("Connection failed") for e in at.sidebar.error)
    answer = asked(at, QUESTION).session_state["messages"][-1]["answer"]
    assert answer.written_by == "offline composer" and answer.sources
    assert any("language model failed" in w for w in answer.warnings)


def test_own_documents_are_uploaded_listed_and_deleted_from_disk_and_index(app_settings: Settings) -> None:
    uploads = app_settings.data_dir / "uploads"
    at = started()
    at.file_uploader[0].upload("../../my notes.txt", b"The platform refused to remove the video.", "text/plain").run()
    assert not at.exception, at.exception
    saved = uploads / "my-notes.txt"
    assert saved.is_file() and not (app_settings.data_dir.parent / "my notes.txt").exists()
    assert any(escape_markdown("my-notes.txt") in m.value for m in at.markdown)
    store = open_store(app_settings, USER_COLLECTION)
    (doc_id,) = store.document_ids()
    at.button(key=f"delete-{doc_id}").click().run()
    assert not saved.exists()
    assert store.document_ids() == set()
    assert any("Deleted" in s.value for s in at.success)


def test_an_answer_cites_an_uploaded_document_as_the_users_own(app_settings: Settings) -> None:
    at = started()
    notes = f"Screenshot log: the deepfake video was posted on the forum. {MARKUP}".encode()
    at.file_uploader[0].upload("forum log.md", notes, "text/markdown").run()
    question = "deepfake video posted on the forum"
    try:
        at.chat_input(key="question").set_value(question).run()
        if at.exception:  # the app shows a redacted message; the engine says what it was
            open_engine(app_settings).ask(question)
            pytest.fail(at.exception[0].message)
        source = next(s for s in at.session_state["messages"][-1]["answer"].sources if s.user_document)
        expander = next(e for e in at.chat_message[-1].expander if e.label.startswith(f"\\[{source.marker}\\]"))
        assert "a document you uploaded" in expander.info[0].value
        assert MARKUP in expander.text[0].value
        assert_no_html(at)
    finally:
        store = open_store(app_settings, USER_COLLECTION)
        for doc_id in store.document_ids():
            at.button(key=f"delete-{doc_id}").click().run()


def test_an_unreadable_upload_shows_why_and_leaves_nothing_behind(app_settings: Settings) -> None:
    at = started()
    at.file_uploader[0].upload("scan.pdf", b"%PDF-1.4 this is not really a PDF", "application/pdf").run()
    assert not at.exception, at.exception
    assert any("not a readable PDF" in e.value for e in at.error)
    assert not (app_settings.data_dir / "uploads" / "scan.pdf").exists()


def test_quick_exit_clears_the_session_and_shows_a_neutral_page(app_settings: Settings) -> None:
    at = asked(started(), QUESTION)
    assert at.session_state["messages"]
    at.button(key="quick_exit").click().run()
    assert list(at.session_state.keys()) == ["exited"]
    assert at.title[0].value == "Weather"
    assert len(at.chat_input) == 0 and len(at.tabs) == 0 and len(at.sidebar.children) == 0
    assert not any("Remedy Atlas" in m.value for m in at.markdown)


def test_markup_in_a_document_is_shown_as_text_never_as_html(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A first start on an empty index: it indexes the corpus (here one hostile document) and shows it inert."""
    corpus = tmp_path / "corpus"
    (corpus / "us").mkdir(parents=True)
    (corpus / "us" / "us-zebra-act.en.md").write_text(CRAFTED, encoding="utf-8")
    monkeypatch.setenv("REMEDY_ATLAS_DATA", str(tmp_path / "index"))
    monkeypatch.setenv("REMEDY_ATLAS_CORPUS", str(corpus))
    at = started()
    assert any("Indexed" in toast.value for toast in at.toast)
    texts = [t.value for t in at.text]
    assert any(MARKUP in text and "<img src=x onerror=alert(2)>" in text for text in texts)
    assert any("only part of this document" in w.value and "\\<script\\>" in w.value for w in at.warning)
    for element in [*at.markdown, *at.caption, *at.warning]:
        assert MARKUP not in element.value
    asked(at, "zebra deepfake provision")
    reply = at.chat_message[-1]
    assert any(MARKUP in t.value for e in reply.expander for t in e.text)
    assert_no_html(at)


def test_a_start_after_an_ingest_cut_short_completes_the_index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The index is not empty, yet a document is missing: a crash stopped the first start half-way."""
    corpus = tmp_path / "corpus"
    (corpus / "us").mkdir(parents=True)
    for name in ("alpha", "beta"):
        head = f"---\nid: us-{name}-act\njurisdiction: US\nkind: statute\nlanguage: en\ntitle: {name} Act\n---\n"
        (corpus / "us" / f"us-{name}-act.en.md").write_text(head + f"§ 1. The {name} provision.\n", encoding="utf-8")
    settings = dataclasses.replace(Settings.from_env(), data_dir=tmp_path / "index", corpus_dir=corpus)
    ingest_corpus(settings)
    store = open_store(settings)
    store.delete_document("us-beta-act")
    manifest_for(store).forget("us-beta-act")
    assert store.document_ids() == {"us-alpha-act"}

    monkeypatch.setenv("REMEDY_ATLAS_DATA", str(settings.data_dir))
    monkeypatch.setenv("REMEDY_ATLAS_CORPUS", str(corpus))
    at = started()
    assert any("1 ingested" in toast.value for toast in at.toast)
    assert open_store(settings).document_ids() == {"us-alpha-act", "us-beta-act"}


def test_upload_names_cannot_leave_the_uploads_directory(tmp_path: Path) -> None:
    uploads = tmp_path / "uploads"
    for name in ("../../etc/passwd.md", "..\\..\\win.txt", "/abs/path.pdf", "..md", ".hidden.txt", "a/../../b.md"):
        path = upload_path(uploads, name)
        assert path.parent == uploads and not path.name.startswith("."), name
    assert upload_path(uploads, "판결문 (1).PDF").name == "판결문-1.pdf"
    with pytest.raises(DocumentError):
        upload_path(uploads, "photo.jpg")


def test_browser_language_and_support_resources() -> None:
    assert pick_language("ko-KR", None) == "ko"
    assert pick_language(None, "fr-FR,zh-CN;q=0.8,en;q=0.5") == "zh"
    assert pick_language("de-DE", "de") == "en"
    assert {org["jurisdiction"] for org in support_resources(("KR",))} == {"KR", "ANY"}
    for org in support_resources(("CN", "KR", "US")):
        assert re.fullmatch(r"20\d\d", org["as_of"]) and org["source_url"].startswith("https://")
        assert set(org["name"]) == set(org["what"]) == {"zh", "ko", "en"}
    assert escape_markdown("[x](javascript:y) <b>") == "\\[x\\]\\(javascript\\:y\\) \\<b\\>"
    assert inert_markdown("a <br> b ![i](http://x)") == "a • b !\\[i](http://x)"
