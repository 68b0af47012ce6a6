"""The app served by ``streamlit run`` and used in Debian's Chromium: what AppTest cannot see (real rendering).

Screenshots land in test-output/screenshots/ for a person to look at.
"""

from __future__ import annotations

import dataclasses
import itertools
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
from remedy_atlas.settings import PROJECT_DIR, Settings

from .support.indexes import private_index
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
HOTLINES = {"en": "844-878-2274", "ko": "02-735-8994", "zh": "12338"}  # the asker's country's first helpline
LOCALES = {"en": "en-US", "ko": "ko-KR", "zh": "zh-CN"}
SOURCES = {"en": "Provisions cited", "ko": "인용한 조문", "zh": "引用的条文"}
VIEWPORTS = {"1280": {"width": 1280, "height": 800}, "375": {"width": 375, "height": 740}}
TIMEOUT_MS = 120_000
SCROLL_CHECKS = 40  # every 250 ms: 10 s


@pytest.fixture(scope="module")
def app_url(corpus_settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A private copy of the corpus index, plus one hostile document, served on a free port."""
    if not CHROMIUM.exists():
        pytest.skip("needs Debian's chromium at /usr/bin/chromium")
    pytest.importorskip("playwright.sync_api")
    settings = private_index(corpus_settings, tmp_path_factory.mktemp("browser-index"))
    # The app syncs the index to its corpus directory on start, so the hostile document joins a copy of it.
    corpus_dir = tmp_path_factory.mktemp("corpus")
    shutil.copytree(corpus_settings.corpus_dir, corpus_dir, dirs_exist_ok=True)
    settings = dataclasses.replace(settings, corpus_dir=corpus_dir)
    hostile = corpus_dir / "us" / "us-zebra-act.en.md"
    hostile.write_text(CRAFTED, encoding="utf-8")
    ingest([hostile], open_store(settings))
    port = free_port()
    env = {**os.environ, "REMEDY_ATLAS_DATA": str(settings.data_dir), "REMEDY_ATLAS_CORPUS": str(settings.corpus_dir)}
    log = (settings.data_dir / "streamlit.log").open("wb")
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


def local_only(url: str) -> Any:
    """A route handler for a browser context: this server's own requests pass, any other is recorded and refused."""
    own = url.rstrip("/") + "/"
    attempts: list[str] = []

    def route(request_route: Any) -> None:
        if request_route.request.url.startswith(own) or request_route.request.url == own.rstrip("/"):
            request_route.continue_()
        else:
            attempts.append(request_route.request.url)
            request_route.abort()

    return route, attempts


@pytest.fixture
def open_page(browser: Any, app_url: str) -> Iterator[Any]:
    """Opens tabs in fresh browser contexts that may reach only this server; any other request fails the test."""
    contexts: list[Any] = []
    attempts: list[str] = []
    dialogs: list[str] = []

    def opener(language: str = "en", viewport: str = "1280") -> Any:
        context = browser.new_context(viewport=VIEWPORTS[viewport], locale=LOCALES[language], accept_downloads=True)
        route, tried = local_only(app_url)
        context.route("**/*", route)
        contexts.append((context, tried))
        tab = context.new_page()
        tab.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        tab.goto(app_url)
        tab.get_by_test_id("stChatInputTextArea").wait_for(timeout=TIMEOUT_MS)
        return tab

    yield opener
    for context, tried in contexts:
        attempts += tried
        context.close()
    assert attempts == [], "the app asked another host for something"
    assert dialogs == []


@pytest.fixture
def page(open_page: Any) -> Any:
    return open_page("en")


def shot(page: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.wait_for_timeout(300)
    page.screenshot(path=str(SHOTS / name))


def ask(page: Any, question: str, sources: str) -> Any:
    """Ask, and return the answer's chat message once it is drawn (export buttons last) with its sources."""
    messages = page.get_by_test_id("stMainBlockContainer").get_by_test_id("stChatMessage")
    before = messages.count()
    box = page.get_by_test_id("stChatInputTextArea")
    box.fill(question)
    box.press("Enter")
    answer = messages.nth(before + 1)
    answer.get_by_test_id("stDownloadButton").first.wait_for(timeout=TIMEOUT_MS)
    answer.get_by_test_id("stExpander").filter(has_text=sources).wait_for(timeout=TIMEOUT_MS)
    settle(page)
    page.wait_for_timeout(1800)  # the page brings the new answer's start into view
    return answer


def settle(page: Any) -> None:
    """Wait until the script run an interaction started has finished."""
    page.wait_for_timeout(300)
    page.locator("[data-testid='stApp'][data-test-script-state='notRunning']").wait_for(timeout=TIMEOUT_MS)


def visible_tab(page: Any) -> Any:
    return page.locator("[data-testid='stTabPanel']:visible")


def on_screen(page: Any, element: Any, wholly: bool = True) -> bool:
    """Inside the viewport (wholly, or its first lines) and above what is pinned to its bottom (exit, help, chat box)."""
    box = element.bounding_box()
    bottom = page.get_by_test_id("stBottom").bounding_box()
    limit = bottom["y"] if bottom else page.viewport_size["height"]
    end = box["y"] + (box["height"] if wholly else 40) if box else limit + 2
    return bool(box) and box["y"] >= 0 and end <= limit + 1


def scrolled_into_view(page: Any, element: Any, wholly: bool = True) -> bool:
    """On screen once the page has scrolled to it: the app scrolls after drawing, later under load."""
    for _ in range(SCROLL_CHECKS):
        if on_screen(page, element, wholly):
            return True
        page.wait_for_timeout(250)
    return on_screen(page, element, wholly)


@pytest.mark.parametrize("viewport", ["375", "1280"])
@pytest.mark.parametrize("language", ["zh", "ko", "en"])
def test_a_survivors_first_screen(open_page: Any, language: str, viewport: str) -> None:
    """The direct answer and a helpline in the first screen, help and the chat box in reach, a marker that opens."""
    page = open_page(language, viewport)
    exit_button = page.get_by_test_id("stBottom").get_by_role("button").first
    assert exit_button.is_visible()
    answer = ask(page, QUESTIONS[language], SOURCES[language])
    direct = answer.get_by_test_id("stMarkdown").first
    assert scrolled_into_view(page, direct, wholly=False), "the direct answer starts in the first screen"
    hotline = answer.get_by_test_id("stAlert").filter(has_text=HOTLINES[language]).first
    assert scrolled_into_view(page, hotline), "the asker's helpline is in the first screen"
    assert page.get_by_test_id("stChatInputTextArea").is_visible() and exit_button.is_visible()
    shot(page, f"first-screen-{language}-{viewport}.png")  # once settled: mid-scroll it showed the answer's middle

    marker = direct.locator("a[href^='#ref-']").first
    target = marker.get_attribute("href").lstrip("#")
    marker.click()
    heading = page.locator(f"[id='{target}']")
    heading.wait_for(timeout=TIMEOUT_MS)
    assert heading.is_visible() and scrolled_into_view(page, heading), "the marker opened its provision"
    shot(page, f"marker-{language}-{viewport}.png")
    provision = heading.locator("xpath=ancestor::*[@data-testid='stExpander']")
    assert "#####" not in provision.inner_text() and "github:" not in provision.inner_text()


def test_help_is_one_tap_away_on_a_phone(open_page: Any) -> None:
    page = open_page("zh", "375")
    page.get_by_test_id("stBottom").get_by_test_id("stPopover").get_by_role("button").click()
    body = page.get_by_test_id("stPopoverBody")
    body.get_by_text("12338").first.wait_for(timeout=TIMEOUT_MS)
    shot(page, "help-zh-375.png")


def test_a_hostile_document_is_shown_as_text(page: Any) -> None:
    page.get_by_role("tab", name="Library").click()
    settle(page)
    library = visible_tab(page)
    library.get_by_test_id("stSelectbox").nth(0).click()
    page.get_by_role("option", name="United States").click()
    settle(page)
    library.get_by_test_id("stSelectbox").nth(1).click()
    page.keyboard.type("Zebra")
    page.get_by_role("option", name="Zebra Act").first.click()
    settle(page)
    shown = library.get_by_test_id("stMarkdown").filter(has_text=MARKUP).last
    shown.wait_for(timeout=TIMEOUT_MS)
    shown.scroll_into_view_if_needed()
    shot(page, "09-library-hostile-document.png")
    assert page.locator("script", has_text="alert(").count() == 0
    assert page.locator("img[src='x'], a[href^='javascript']").count() == 0
    assert library.locator("b", has_text="bold").count() == 0


@pytest.mark.parametrize("viewport", ["1280", "375"])
def test_compare_reads_as_one_remedy_per_line_then_quick_exit(open_page: Any, viewport: str) -> None:
    page = open_page("en", viewport)
    page.get_by_role("tab", name="Compare").click()
    columns = visible_tab(page).get_by_test_id("stHorizontalBlock").first.get_by_test_id("stColumn")
    columns.first.get_by_test_id("stMarkdown").nth(1).wait_for(timeout=TIMEOUT_MS)
    settle(page)
    first, last = columns.evaluate_all("cs => [cs[0], cs[cs.length - 1]].map(c => c.getBoundingClientRect().toJSON())")
    if viewport == "375":
        assert last["y"] > first["y"], "a phone stacks the countries"
    else:
        assert last["x"] > first["x"] and abs(last["y"] - first["y"]) < 2, "side by side on a desk"
    assert "•" not in columns.first.inner_text() and "<br>" not in columns.first.inner_text()
    shot(page, f"11-compare-{viewport}.png")
    page.get_by_role("button", name="Quick exit").click()
    page.get_by_text("Partly cloudy").wait_for(timeout=TIMEOUT_MS)
    assert page.title() == "Weather"
    assert "Remedy Atlas" not in page.locator("body").inner_text()
    shot(page, f"12-quick-exit-{viewport}.png")


def _docx_text(page: Any, answer: Any, label: str, tmp_path: Path) -> Any:
    """Download one of an answer's DOCX exports and open it as Word would."""
    import docx

    with page.expect_download(timeout=TIMEOUT_MS) as download:
        answer.get_by_test_id("stDownloadButton").filter(has_text=label).get_by_role("button").click()
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    return docx.Document(str(path))


def test_uploads_are_private_quoted_first_and_gone_everywhere_once_deleted(open_page: Any, tmp_path: Path) -> None:
    page = open_page("en")
    page.get_by_role("tab", name="Your documents").click()
    settle(page)
    notes = tmp_path / "judgment.txt"
    notes.write_text(
        "Judgment of the district court, 3 May 2024. The defendant posted the video on the forum. "
        "The court awards the plaintiff damages of 12,500,000 won. Costs follow the event.",
        encoding="utf-8",
    )
    visible_tab(page).get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(notes))
    visible_tab(page).get_by_text("judgment.txt", exact=True).wait_for(timeout=TIMEOUT_MS)
    shot(page, "10-your-documents.png")

    other = open_page("en")
    other.get_by_role("tab", name="Your documents").click()
    settle(other)
    visible_tab(other).get_by_text("No documents uploaded yet.").wait_for(timeout=TIMEOUT_MS)
    assert "judgment.txt" not in other.locator("body").inner_text()

    page.get_by_role("tab", name="Ask").click()
    settle(page)
    answer = ask(page, "How much damages does this judgment award?", SOURCES["en"])
    assert answer.get_by_test_id("stMarkdown").first.inner_text().endswith("(your document, not law)")
    mine = answer.get_by_test_id("stMarkdown").nth(1)
    assert "12,500,000 won" in mine.inner_text() and on_screen(page, mine)
    shot(page, "13-own-document-first.png")
    full = _docx_text(page, answer, "Full annex", tmp_path)
    assert any("12,500,000 won" in p.text for p in full.paragraphs)
    headings = [p for p in full.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    levels = [0 if p.style.name == "Title" else int(p.style.name.split()[-1]) for p in headings]
    assert levels[0] == 0 and all(b <= a + 1 for a, b in itertools.pairwise(levels)), levels
    text = "\n".join(p.text for p in full.paragraphs)
    for raw in ("**", "#####", "github:", "corpus/"):
        assert raw not in text, raw

    page.get_by_role("tab", name="Your documents").click()
    settle(page)
    visible_tab(page).get_by_role("button", name="Delete").click()
    visible_tab(page).get_by_text("No documents uploaded yet.").wait_for(timeout=TIMEOUT_MS)
    page.get_by_role("tab", name="Ask").click()
    settle(page)
    answer = page.get_by_test_id("stMainBlockContainer").get_by_test_id("stChatMessage").nth(1)
    assert "12,500,000" not in answer.inner_text()
    for label in ("Summary with cited articles", "Full annex"):
        document = _docx_text(page, answer, label, tmp_path)
        assert not any("12,500,000" in p.text or "judgment.txt" in p.text for p in document.paragraphs)
