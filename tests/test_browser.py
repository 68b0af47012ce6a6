"""The app served by ``streamlit run`` and used in Debian's Chromium: what AppTest cannot see (real rendering).

Screenshots land in test-output/screenshots/ for a person to look at.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from remedy_atlas.index import open_store
from remedy_atlas.ingest.pipeline import ingest
from remedy_atlas.ingest.store import USER_COLLECTION
from remedy_atlas.settings import PROJECT_DIR, Settings

from .support.servers import free_port
from .test_app import CRAFTED, MARKUP

pytestmark = pytest.mark.slow

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = PROJECT_DIR / "test-output" / "screenshots"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
QUESTIONS = {
    "en": "Someone posted a deepfake nude of me in the US. What can I do?",
    "ko": "몰래 찍은 영상을 인터넷에 올리면 어떻게 처벌되나요?",
    "zh": "前男友把我们的私密视频发到网上，我能做什么？",
}
LANGUAGE_NAMES = {"en": "English", "ko": "한국어", "zh": "中文"}
ANSWER_SECTION = {"en": "Provisions cited", "ko": "인용한 조문", "zh": "引用的条文"}
TIMEOUT_MS = 120_000


@pytest.fixture(scope="module")
def app_url(corpus_settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A private copy of the corpus index, plus one hostile document, served on a free port."""
    if not CHROMIUM.exists():
        pytest.skip("needs Debian's chromium at /usr/bin/chromium")
    pytest.importorskip("playwright.sync_api")
    data_dir = tmp_path_factory.mktemp("browser-index")
    shutil.copytree(corpus_settings.data_dir, data_dir, dirs_exist_ok=True)
    settings = dataclasses.replace(corpus_settings, data_dir=data_dir)
    user_store = open_store(settings, USER_COLLECTION)
    for doc_id in user_store.document_ids():
        user_store.delete_document(doc_id)
    # The app syncs the index to its corpus directory on start, so the hostile document joins a copy of it.
    corpus_dir = tmp_path_factory.mktemp("corpus")
    shutil.copytree(corpus_settings.corpus_dir, corpus_dir, dirs_exist_ok=True)
    settings = dataclasses.replace(settings, corpus_dir=corpus_dir)
    hostile = corpus_dir / "us" / "us-zebra-act.en.md"
    hostile.write_text(CRAFTED, encoding="utf-8")
    ingest([hostile], open_store(settings))
    port = free_port()
    env = {**os.environ, "REMEDY_ATLAS_DATA": str(data_dir), "REMEDY_ATLAS_CORPUS": str(settings.corpus_dir)}
    log = (data_dir / "streamlit.log").open("wb")
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "app.py",
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
        ],
        cwd=PROJECT_DIR,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_for(f"{url}/_stcore/health", server)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


def _wait_for(health: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"streamlit exited with {server.returncode}")
        try:
            with urllib.request.urlopen(health, timeout=2) as reply:
                if reply.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise TimeoutError(health)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any, app_url: str) -> Iterator[Any]:
    """A fresh English-speaking browser tab; any JavaScript dialog (an injected alert) fails the test."""
    context = browser.new_context(viewport={"width": 1280, "height": 1600}, locale="en-US")
    tab = context.new_page()
    dialogs: list[str] = []
    tab.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    tab.goto(app_url)
    tab.get_by_role("tab", name="Ask").wait_for(timeout=TIMEOUT_MS)
    yield tab
    context.close()
    assert dialogs == []


def shot(page: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.wait_for_timeout(500)
    page.screenshot(path=str(SHOTS / name))


def ask(page: Any, language: str) -> Any:
    """Ask, and return the answer's chat message once its citations are there."""
    messages = page.get_by_test_id("stMain").get_by_test_id("stChatMessage")
    before = messages.count()
    box = page.get_by_test_id("stChatInputTextArea")
    box.fill(QUESTIONS[language])
    box.press("Enter")
    answer = messages.nth(before + 1)
    answer.get_by_text(ANSWER_SECTION[language]).wait_for(timeout=TIMEOUT_MS)
    return answer


def settle(page: Any) -> None:
    """Wait until the script run an interaction started has finished."""
    page.wait_for_timeout(300)
    page.locator("[data-testid='stApp'][data-test-script-state='notRunning']").wait_for(timeout=TIMEOUT_MS)


def visible_tab(page: Any) -> Any:
    return page.locator("[data-testid='stTabPanel']:visible")


def switch_language(page: Any, language: str) -> None:
    page.get_by_test_id("stSidebar").get_by_test_id("stSelectbox").first.click()
    page.get_by_role("option", name=LANGUAGE_NAMES[language]).click()
    settle(page)


def open_first_citation(answer: Any) -> Any:
    citation = answer.get_by_test_id("stExpander").first
    citation.locator("summary").click()
    citation.get_by_test_id("stText").wait_for(timeout=TIMEOUT_MS)
    citation.scroll_into_view_if_needed()
    return citation


def test_three_languages_a_citation_and_the_language_switch(page: Any) -> None:
    shot(page, "01-start-en.png")
    answer = ask(page, "en")
    assert "United States" in answer.inner_text()
    shot(page, "02-answer-en.png")
    citation = open_first_citation(answer)
    assert "The provision's own words" in citation.inner_text()
    shot(page, "03-citation-en.png")

    switch_language(page, "ko")
    page.get_by_role("tab", name="질문").wait_for(timeout=TIMEOUT_MS)
    chosen = page.get_by_test_id("stSidebar").get_by_test_id("stMultiSelect").inner_text()
    assert all(name in chosen for name in ("중국", "한국", "미국")), "the jurisdictions survive the language switch"
    support = page.get_by_test_id("stSidebar").get_by_test_id("stExpander").first
    support.locator("summary").click()
    support.get_by_text("02-735-8994").wait_for(timeout=TIMEOUT_MS)
    shot(page, "04-support-ko.png")
    support.locator("summary").click()
    answer = ask(page, "ko")
    assert "한국" in answer.inner_text()
    answer.scroll_into_view_if_needed()
    shot(page, "05-answer-ko.png")
    assert "조문 원문" in open_first_citation(answer).inner_text()
    shot(page, "06-citation-ko.png")

    switch_language(page, "zh")
    page.get_by_role("tab", name="提问").wait_for(timeout=TIMEOUT_MS)
    answer = ask(page, "zh")
    assert "中国" in answer.inner_text()
    answer.scroll_into_view_if_needed()
    shot(page, "07-answer-zh.png")
    assert "条文原文" in open_first_citation(answer).inner_text()
    shot(page, "08-citation-zh.png")


def test_a_hostile_document_is_shown_as_text(page: Any) -> None:
    page.get_by_role("tab", name="Library").click()
    library = visible_tab(page)
    library.get_by_test_id("stSelectbox").nth(0).click()
    page.get_by_role("option", name="United States").click()
    settle(page)
    library.get_by_test_id("stSelectbox").nth(1).click()
    page.keyboard.type("Zebra")
    page.get_by_role("option", name="Zebra Act").first.click()
    settle(page)
    shown = library.get_by_test_id("stText").filter(has_text=MARKUP)
    shown.wait_for(timeout=TIMEOUT_MS)
    shown.scroll_into_view_if_needed()
    shot(page, "09-library-hostile-document.png")
    assert page.locator("script", has_text="alert(").count() == 0
    assert page.locator("img[src='x'], a[href^='javascript']").count() == 0
    assert library.locator("b", has_text="bold").count() == 0


def test_compare_then_quick_exit(page: Any) -> None:
    page.get_by_role("tab", name="Compare").click()
    table = visible_tab(page).locator("table").first
    table.wait_for(timeout=TIMEOUT_MS)
    assert "<br>" not in table.inner_text()
    shot(page, "11-compare.png")
    page.keyboard.press("Escape")
    page.get_by_text("Partly cloudy").wait_for(timeout=TIMEOUT_MS)
    assert page.title() == "Weather"
    assert "Remedy Atlas" not in page.get_by_test_id("stMain").inner_text()
    shot(page, "12-quick-exit.png")


def test_an_upload_is_listed_and_deleted(page: Any, tmp_path: Path) -> None:
    page.get_by_role("tab", name="Your documents").click()
    notes = tmp_path / "platform reply.txt"
    notes.write_text("The platform refused to take the video down.", encoding="utf-8")
    visible_tab(page).get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(notes))
    listed = visible_tab(page).get_by_text("platform-reply.txt", exact=True)
    listed.wait_for(timeout=TIMEOUT_MS)
    shot(page, "10-your-documents.png")
    visible_tab(page).get_by_role("button", name="Delete").click()
    visible_tab(page).get_by_text("No documents uploaded yet.").wait_for(timeout=TIMEOUT_MS)
