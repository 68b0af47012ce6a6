"""The Streamlit app driven through AppTest: what a survivor, an activist or a law student does with it."""

from __future__ import annotations

import dataclasses
import io
import itertools
import re
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
import pytest
from streamlit.testing.v1 import AppTest

from remedy_atlas.answer.engine import Writer
from remedy_atlas.answer.export import answer_parts, escape_markdown, provision_markdown, to_docx, to_markdown
from remedy_atlas.errors import DocumentError
from remedy_atlas.index import ingest_corpus, open_store
from remedy_atlas.ingest.pipeline import manifest_for
from remedy_atlas.ingest.store import USER_COLLECTION
from remedy_atlas.library import upload_path
from remedy_atlas.settings import PROJECT_DIR, Settings
from remedy_atlas.ui_text import (
    compact_markers,
    inert_markdown,
    link_markers,
    pick_language,
    support_resources,
)

from .support.indexes import private_index

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
    return private_index(corpus_settings, tmp_path_factory.mktemp("app-index"))


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


def sources_of(at: AppTest, reply: Any, key: str = "a1") -> Any:  # an answer's chat message, or the page
    """The one expander that holds every cited provision, grouped by instrument, opened: closed it holds nothing."""
    box = next(e for e in reply.expander if e.label.startswith("Provisions cited"))
    assert not box.subheader and not box.markdown, "the provisions are drawn only once the box is opened"
    at.session_state[f"{key}-sources"] = True
    return next(e for e in at.run().expander if e.label.startswith("Provisions cited"))


def test_a_question_gets_a_cited_answer_whose_markers_link_to_the_provisions(app_settings: Settings) -> None:
    at = asked(started(), QUESTION)
    entry = at.session_state["messages"][-1]
    answer = entry["answer"]
    key = "a1"
    assert answer.sources and answer.language == "en" and answer.jurisdictions == ("US",)
    reply = at.chat_message[-1]
    direct = answer_parts(answer)[0]
    assert reply.markdown[0].value == link_markers(inert_markdown(direct), key)
    assert f"](#ref-{key}-{answer.sources[0].marker})" in reply.markdown[0].value
    assert "844-878-2274" in reply.info[0].value, "the US hotline sits inside the answer"
    assert answer.disclaimer in reply.caption[-1].value
    sources = sources_of(at, reply)
    assert (
        sources.label
        == f"Provisions cited: {len(answer.sources)} from {len({s.doc_id for s in answer.sources})} instruments"
    )
    first = answer.sources[0]
    heading = next(h for h in sources.subheader if h.proto.anchor == f"ref-{key}-{first.marker}")
    assert heading.value == f"\\[{first.marker}\\] {escape_markdown(first.citation)}"
    texts = [m.value for m in sources.markdown]
    assert provision_markdown(first.quote) in texts
    assert not any("github:" in m for m in texts), "a repository path is never shown as the source"
    assert_no_html(at)


def test_the_helplines_in_an_answer_speak_the_askers_language(app_settings: Settings) -> None:
    """A survivor writing Korean in a browser set to English reads the centre's name in Korean."""
    at = asked(started(), "전 남자친구가 제 영상을 단톡방에 뿌렸어요. 어떻게 해야 하나요?")
    assert at.session_state["messages"][-1]["answer"].language == "ko"
    card = at.chat_message[-1].info[0].value
    assert "디지털성범죄피해자지원센터" in card and "Support Center" not in card


def test_a_korean_provision_read_in_english_has_the_remedy_summary_beside_it(app_settings: Settings) -> None:
    at = asked(started(), "Is it a crime in South Korea to secretly film someone with a camera?")
    answer = at.session_state["messages"][-1]["answer"]
    korean = [
        s for s in answer.sources if s.jurisdiction == "KR" and (s.doc_id, s.article) == ("kr-sexual-crimes-act", "14")
    ]
    assert korean, [(s.doc_id, s.article) for s in answer.sources]
    sources = sources_of(at, at.chat_message[-1])
    summaries = [i.value for i in sources.info if "not the law's text" in i.value]
    assert any("filming with a camera against the person" in s for s in summaries)


def test_partial_sources_carry_a_visible_warning(app_settings: Settings) -> None:
    at = asked(started(), "Is it a crime in New York to publish an intimate image of someone?")
    answer = at.session_state["messages"][-1]["answer"]
    assert any(s.partial for s in answer.sources), "the NY sources of this answer are partial in the corpus"
    assert any("only part of this document" in w.value for w in sources_of(at, at.chat_message[-1]).warning)


def test_interface_language_follows_the_browser_and_can_be_switched(app_settings: Settings) -> None:
    at = started("ko-KR")
    assert [t.label for t in at.tabs] == ["질문", "비교", "문서 작성", "법령 자료실", "내 문서"]
    assert at.button(key="quick_exit").label == "빠른 나가기"
    at.selectbox(key="lang").set_value("zh").run()
    assert [t.label for t in at.tabs] == ["提问", "比较", "起草文书", "法规库", "我的文件"]
    assert at.chat_input(key="question").placeholder.startswith("描述发生了什么")
    assert any("12338" in m.value for m in at.markdown), "help is pinned to the page"
    assert not any("12338" in m.value for m in at.sidebar.markdown), "a phone hides the sidebar"
    assert started(None).tabs[0].label == "Ask"


def test_a_question_in_chinese_is_answered_for_china_unless_another_country_is_named(app_settings: Settings) -> None:
    at = asked(started("zh-CN"), "前男友把我们的私密视频发到网上，我能做什么？")
    answer = at.session_state["messages"][-1]["answer"]
    assert answer.jurisdictions == ("CN",)
    assert "12338" in at.chat_message[-1].info[0].value
    answer = asked(at, "在韩国呢？").session_state["messages"][-1]["answer"]
    assert answer.jurisdictions == ("KR",)


def test_compare_shows_one_column_per_country_and_exports_it(app_settings: Settings) -> None:
    at = started()
    at.session_state["tab-en"] = "Compare"
    at.run()
    at.selectbox(key="compare_conduct-en").set_value("deepfake").run()
    answer = at.session_state["comparison"]["answer"]
    columns = [
        m.value
        for m in at.markdown
        if m.value.startswith("**") and m.value.strip("*") in ("China", "South Korea", "United States")
    ]
    assert columns == ["**China**", "**South Korea**", "**United States**"]
    cells = [m.value for m in at.markdown if m.value.startswith("- ")]
    assert all("<br>" not in c and "•" not in c for c in cells)
    assert all(re.search(r"\\\[\[\d+\]\(#ref-cmp-\d+\)", line) for c in cells for line in c.split("\n"))
    assert answer.sources
    document = docx.Document(io.BytesIO(to_docx(answer, full=True)))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Provisions cited" in text and "The provisions' own words" in text
    assert document.tables and "United States" in document.tables[0].rows[0].cells[-1].text


def test_compact_markers() -> None:
    assert compact_markers("Crime [1][2][3][4][7] and", "k") == (
        "Crime \\[[1](#ref-k-1)–[4](#ref-k-4), [7](#ref-k-7)\\] and"
    )


def test_an_answer_exports_as_a_summary_or_a_full_annex(app_settings: Settings) -> None:
    at = asked(started("ko-KR"), "몰래 찍은 영상을 인터넷에 올리면 어떻게 처벌되나요?")
    answer = at.session_state["messages"][-1]["answer"]
    short, full = (docx.Document(io.BytesIO(to_docx(answer, full=f))) for f in (False, True))
    for document in (short, full):
        headings = [
            (p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith(("Heading", "Title"))
        ]
        levels = [0 if name == "Title" else int(name.split()[-1]) for name, _ in headings]
        assert levels[0] == 0 and all(b <= a + 1 for a, b in itertools.pairwise(levels)), headings
        assert ("Heading 1", "인용 조문 목록") in headings and ("Heading 1", "조문 원문") in headings
        text = "\n".join(p.text for p in document.paragraphs)
        for raw in ("**", "#####", "github:", "Provisions cited", "version:"):
            assert raw not in text, raw
    if answer_parts(answer)[2]:  # the details are the full annex's alone
        assert len(full.paragraphs) > len(short.paragraphs)
    markdown = to_markdown(answer, full=True)
    for source in answer.sources:
        assert f"[{source.marker}] {source.citation} — {source.title}" in markdown
        if source.source_url.startswith("http"):
            assert source.source_url in markdown
    assert "github:" not in markdown


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
    assert answer.written_by is Writer.COMPOSER and answer.sources
    assert any("language model failed" in w for w in answer.warnings)


def open_tab(at: AppTest, label: str) -> AppTest:
    at.session_state["tab-en"] = label
    at.run()
    assert not at.exception, at.exception
    return at


def upload(at: AppTest, name: str, data: bytes) -> AppTest:
    open_tab(at, "Your documents").file_uploader[0].upload(name, data, "text/plain").run()
    assert not at.exception, at.exception
    return at


def test_own_documents_go_on_a_private_shelf_and_are_deleted_from_disk_and_index(app_settings: Settings) -> None:
    at = upload(started(), "../../my notes.txt", b"The platform refused to remove the video.")
    shelf = at.session_state["shelf"]
    saved = shelf.uploads / "my-notes.txt"
    assert saved.is_file() and shelf.uploads.parent == app_settings.data_dir / "uploads"
    assert not (app_settings.data_dir.parent / "my notes.txt").exists()
    assert any(escape_markdown("my-notes.txt") in m.value for m in at.markdown)
    assert open_store(app_settings, USER_COLLECTION).count() == 0, "nothing goes to the shared collection"
    (doc_id,) = shelf.retriever.store.document_ids()
    at.button(key=f"delete-{doc_id}").click().run()
    assert not saved.exists()
    assert shelf.retriever.store.document_ids() == set()
    assert any("Deleted" in s.value for s in at.success)


def test_another_session_never_sees_an_upload(app_settings: Settings) -> None:
    mine = upload(started(), "forum log.txt", b"Screenshot log: the deepfake video was posted on the forum zebrawood.")
    theirs = open_tab(started(), "Your documents")
    assert any("No documents uploaded yet" in c.value for c in theirs.caption)
    asked(open_tab(theirs, "Ask"), "what does my file say about the deepfake video on the forum zebrawood?")
    assert theirs.session_state["messages"][-1]["own"] == []
    assert "shelf" in mine.session_state and "shelf" not in theirs.session_state


def test_a_question_about_my_file_quotes_it_first_and_a_delete_removes_it_everywhere(app_settings: Settings) -> None:
    notes = (
        "Judgment of the district court, 3 May 2024. The defendant posted the video on the forum. "
        f"The court awards the plaintiff damages of 12,500,000 won. Costs follow the event. {MARKUP}"
    )
    at = upload(started(), "judgment.txt", notes.encode())
    asked(open_tab(at, "Ask"), "How much damages does this judgment award?")
    entry = at.session_state["messages"][-1]
    assert entry["about_own"] and entry["own"][0].title == "judgment.txt"
    assert "12,500,000 won" in entry["own"][0].quote
    reply = at.chat_message[-1]
    assert reply.markdown[0].value.endswith("(your document, not law)**")
    assert "12,500,000 won" in reply.markdown[1].value and MARKUP not in reply.markdown[1].value
    assert "12,500,000 won" in to_markdown(entry["answer"], entry["own"])
    (doc_id,) = at.session_state["shelf"].retriever.store.document_ids()
    open_tab(at, "Your documents").button(key=f"delete-{doc_id}").click().run()
    open_tab(at, "Ask")
    entry = at.session_state["messages"][-1]
    assert entry["own"] == [] and not entry["about_own"]
    assert not any("12,500,000" in m.value for m in at.main.markdown)
    for full in (False, True):
        assert "12,500,000" not in to_markdown(entry["answer"], entry["own"], full)
        document = docx.Document(io.BytesIO(to_docx(entry["answer"], entry["own"], full)))
        assert not any("12,500,000" in p.text or "judgment.txt" in p.text for p in document.paragraphs)
    assert_no_html(at)


def test_an_unreadable_upload_shows_why_and_leaves_nothing_behind(app_settings: Settings) -> None:
    at = upload(started(), "scan.pdf", b"%PDF-1.4 this is not really a PDF")
    assert any("not a readable PDF" in e.value for e in at.error)
    assert not (at.session_state["shelf"].uploads / "scan.pdf").exists()


def test_quick_exit_clears_the_session_drops_its_shelf_and_shows_a_neutral_page(app_settings: Settings) -> None:
    at = asked(open_tab(upload(started(), "notes.txt", b"The platform refused."), "Ask"), QUESTION)
    shelf = at.session_state["shelf"]
    assert at.session_state["messages"] and shelf.uploads.is_dir()
    at.button(key="quick_exit").click().run()
    assert list(at.session_state.keys()) == ["exited"]
    assert not shelf.uploads.exists()
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
    open_tab(at, "Library")
    shown = escape_markdown(MARKUP)
    assert any(shown in m.value and escape_markdown("<img src=x onerror=alert(2)>") in m.value for m in at.markdown)
    assert any("only part of this document" in w.value and "\\<script\\>" in w.value for w in at.warning)
    for element in [*at.markdown, *at.caption, *at.warning]:
        assert MARKUP not in element.value
    at.text_input(key="library_query").input("zebra deepfake provision").run()
    assert any(shown in m.value for m in sources_of(at, at, "lib").markdown), (
        "a search hit is drawn as an answer's sources are"
    )
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
    assert provision_markdown("##### 제14조(촬영)\n**①** 카메라 [x](y)\n\n**②** 다음") == (
        "**제14조\\(촬영\\)**  \n**①** 카메라 \\[x\\]\\(y\\)\n\n**②** 다음"
    )
    assert inert_markdown("a <br> b ![i](http://x)") == "a • b !\\[i](http://x)"
