"""The Draft tab, the brief and the charts in Debian's Chromium, with screenshots for a person to look at.

Real server, real upload: the evidence log's hash is computed from the file the browser sends.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from .test_browser import TIMEOUT_MS, app_url, browser, open_page, page, settle, shot, visible_tab  # noqa: F401 (fixtures)

pytestmark = pytest.mark.slow
PICK_TRIES, PICK_TIMEOUT_MS = 3, 20_000


def pick(tab_page: Any, tab: str, label: str, option: str) -> None:
    """Choose an option, then make sure the tab is still the one shown.

    The first rerun after a server start drops the corpus-sync status above the tab row, and
    Streamlit then shows the first tab again (app.py's layout, not this tab's). The option is typed
    as well as clicked: a click on a select scrolled to the top edge focuses it without opening it.
    """
    settle(tab_page)  # a click during a run is lost when the run redraws the select
    select = visible_tab(tab_page).get_by_test_id("stSelectbox").filter(has_text=label)
    choice = tab_page.get_by_role("option", name=option, exact=True)
    for attempt in range(PICK_TRIES):
        select.click()
        tab_page.keyboard.type(option)
        try:
            choice.click(timeout=PICK_TIMEOUT_MS)
            break
        except PlaywrightTimeout:
            if attempt == PICK_TRIES - 1:
                raise
            settle(tab_page)
    settle(tab_page)
    tab_page.get_by_role("tab", name=tab).click()


def test_draft_tab_takedown_and_evidence_log(page: Any, tmp_path: Path) -> None:  # noqa: F811
    page.set_default_timeout(TIMEOUT_MS)  # two shared cores: a rerun can take longer than playwright's 30 s
    page.get_by_role("tab", name="Draft").click()
    pick(page, "Draft", "Jurisdiction", "United States")
    tab = visible_tab(page)
    tab.get_by_label("your name").fill("Jane Roe")
    tab.get_by_label("URL").fill("https://example.com/p/1")
    shot(page, "20-draft-form-en.png")
    tab.get_by_role("button", name="Make the draft").click()
    settle(page)
    notice = tab.get_by_text("Removal request under 47 U.S.C.")
    notice.wait_for(timeout=TIMEOUT_MS)
    assert "Jane Roe" in tab.inner_text()
    notice.scroll_into_view_if_needed()
    shot(page, "21-draft-takedown-us-en.png")

    capture = tmp_path / "capture.png"
    capture.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40)
    pick(page, "Draft", "Document", "Evidence log")
    tab = visible_tab(page)
    tab.locator("input[type='file']").set_input_files(str(capture))
    settle(page)
    tab.get_by_role("button", name="Make the draft").click()
    settle(page)
    digest = hashlib.sha256(capture.read_bytes()).hexdigest()
    tab.get_by_text(digest).wait_for(timeout=TIMEOUT_MS)
    tab.get_by_text(digest).scroll_into_view_if_needed()
    shot(page, "22-draft-evidence-log-en.png")


def test_brief_and_charts_on_the_comparison(page: Any) -> None:  # noqa: F811
    page.set_default_timeout(TIMEOUT_MS)
    page.get_by_role("tab", name="Compare").click()
    settle(page)
    tab = visible_tab(page)
    tab.get_by_role("button", name="Make a brief for activists").click()
    settle(page)
    heading = tab.get_by_text("Maximum penalties side by side")
    heading.wait_for(timeout=TIMEOUT_MS)
    heading.scroll_into_view_if_needed()
    shot(page, "23-brief-en.png")
    charts = tab.locator("[data-testid='stVegaLiteChart']")
    charts.first.wait_for(timeout=TIMEOUT_MS)
    assert charts.count() == 2
    charts.first.scroll_into_view_if_needed()
    box = charts.first.bounding_box()
    page.mouse.move(box["x"] + box["width"] * 0.3, box["y"] + box["height"] * 0.6)
    shot(page, "24-penalty-chart-en.png")
    charts.nth(1).scroll_into_view_if_needed()
    shot(page, "25-timeline-en.png")
