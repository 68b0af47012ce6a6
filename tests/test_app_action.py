"""The Draft tab, the brief button and the charts, driven through AppTest over the real index."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from streamlit.testing.v1 import AppTest

from remedy_atlas.settings import PROJECT_DIR, Settings

APP = PROJECT_DIR / "app.py"


@pytest.fixture
def app(corpus_settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Iterator[AppTest]:
    monkeypatch.setenv("REMEDY_ATLAS_DATA", str(corpus_settings.data_dir))
    monkeypatch.setenv("REMEDY_ATLAS_CORPUS", str(corpus_settings.corpus_dir))
    monkeypatch.delenv("REMEDY_ATLAS_LLM_PROVIDER", raising=False)
    at = AppTest.from_file(APP, default_timeout=240)
    at.context = {"locale": "en-US"}
    at.run()
    assert not at.exception, at.exception
    yield at


def open_tab(app: AppTest, label: str) -> None:
    """Only the open tab is drawn (app.py): switch to it as a click would."""
    app.session_state["tab-en"] = label
    app.run()


def test_draft_tab_makes_a_cited_takedown_notice_from_the_form(app: AppTest) -> None:
    open_tab(app, "Draft")
    app.selectbox(key="draft_kind").set_value("takedown")
    app.selectbox(key="draft_jurisdiction").set_value("US").run()
    app.text_input(key="draft_fact_name").input("Jane Roe")
    app.text_input(key="draft_fact_url").input("https://example.com/p/1")
    next(b for b in app.button if b.label == "Make the draft").click().run()
    assert not app.exception, app.exception
    draft = app.session_state["draft"]
    assert draft.jurisdictions == ("US",) and draft.sources
    assert "Jane Roe" in draft.text and "https://example.com/p/1" in draft.text
    assert "[ signature: ________ ]" in draft.text  # what was left empty stays a marked blank
    shown = [m.value for m in app.markdown if "Removal request under 47 U.S.C." in m.value]
    assert shown and "Jane Roe" in shown[0]
    assert not app.subheader  # the cited provisions are drawn only once their box is opened
    app.session_state["draft-sources"] = True
    app.run()
    assert any(h.value.startswith("\\[1\\]") and "223a" in h.value for h in app.subheader)
    labels = {b.proto.label for b in app.get("download_button")}
    assert labels == {"Summary with cited articles · DOCX", "Full annex · DOCX", "Markdown"}  # the answer's own


def test_comparison_has_a_brief_a_penalty_chart_and_a_timeline_each_mark_cited(app: AppTest) -> None:
    open_tab(app, "Compare")
    next(s for s in app.selectbox if s.label == "Conduct").set_value("deepfake").run()
    app.button(key="make_brief").click().run()
    assert not app.exception, app.exception
    (conduct, _, language), brief = app.session_state["brief"]
    assert (conduct, language) == ("deepfake", "en")
    assert "Maximum penalties side by side" in brief.text and brief.sources
    charts = [json.loads(c.proto.spec) for c in app.get("vega_lite_chart")]
    assert len(charts) == 2
    for spec in charts:
        fields = {t["field"] for layer in spec["layer"] for t in layer["encoding"]["tooltip"]}
        assert {"citation", "quote"} <= fields
