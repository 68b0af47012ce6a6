"""The Draft tab, the activists' brief and the penalty chart and timeline, for ``app.py``.

Self-contained: ``app.py`` calls ``draft_tab`` from its tab row and ``brief_section`` under its
comparison, and passes its own way of showing an answer (text, cited provisions, downloads), so
a draft or a brief looks and saves exactly like an answer. Nothing typed or uploaded is kept:
facts live in the session's widgets, and a capture is read once, hashed and dropped.
"""

from __future__ import annotations

from collections.abc import Callable

import altair as alt
import pandas as pd
import streamlit as st

from remedy_atlas.answer.brief import chart_rows, timeline_rows, write_brief
from remedy_atlas.answer.draft_texts import FACT_LABELS, KINDS, TITLES
from remedy_atlas.answer.drafts import EvidenceFile, fact_keys, write_draft
from remedy_atlas.answer.engine import Answer
from remedy_atlas.answer.phrases import CONDUCT_NAMES, PHRASES
from remedy_atlas.answer.remedies import CONDUCTS
from remedy_atlas.ingest.store import VectorStore
from remedy_atlas.ui_text import LANGUAGE_NAMES

Show = Callable[[Answer, str], None]  # app.py's answer view: text, cited provisions, downloads
LONG_FACTS = ("description", "what", "evidence")  # facts that take a paragraph, not a line

WORDS: dict[str, dict[str, str]] = {
    "zh": {
        "tab": "起草文书",
        "intro": "填写你愿意填写的内容；空着的地方会在文书里留下标明的空白。本工具不保存你填写或上传的任何内容。",
        "kind": "文书类型",
        "jurisdiction": "法域",
        "language": "文书语言",
        "conduct": "行为（用于列出罪名）",
        "any": "全部",
        "files": "截图或录屏文件（只在本机计算 SHA-256，不保存）",
        "make": "生成文书",
        "brief": "生成立法简报",
        "chart": "各行为的最高刑期（年）",
        "timeline": "法律生效时间",
        "years": "最高刑期（年）",
        "date": "日期",
        "label": "刑罚",
        "remedy": "途径",
        "citation": "条文",
        "quote": "原文",
        "event": "事件",
        "life": "无期徒刑画在刻度顶端。",
    },
    "ko": {
        "tab": "문서 작성",
        "intro": "원하는 만큼만 적으세요. 비워 둔 곳은 문서에 표시된 빈칸으로 남습니다. 이 도구는 입력하거나 올린 내용을 저장하지 않습니다.",
        "kind": "문서 종류",
        "jurisdiction": "법역",
        "language": "문서 언어",
        "conduct": "행위(적용 범죄 목록용)",
        "any": "전체",
        "files": "캡처·녹화 파일 (이 기기에서 SHA-256만 계산하고 저장하지 않음)",
        "make": "문서 만들기",
        "brief": "입법 브리프 만들기",
        "chart": "행위별 법정 최고 징역(년)",
        "timeline": "법률 시행 시기",
        "years": "최고 징역(년)",
        "date": "날짜",
        "label": "형량",
        "remedy": "구제수단",
        "citation": "조문",
        "quote": "원문",
        "event": "내용",
        "life": "무기징역은 눈금 맨 위에 그렸습니다.",
    },
    "en": {
        "tab": "Draft",
        "intro": "Fill in what you want to; anything left empty stays a marked blank in the draft. Nothing you type or upload is kept.",
        "kind": "Document",
        "jurisdiction": "Jurisdiction",
        "language": "Language of the draft",
        "conduct": "Conduct (for the offences to name)",
        "any": "All",
        "files": "Screenshots or recordings (hashed with SHA-256 here; never kept)",
        "make": "Make the draft",
        "brief": "Make a brief for activists",
        "chart": "Maximum imprisonment by conduct (years)",
        "timeline": "When the laws took effect",
        "years": "Maximum imprisonment (years)",
        "date": "Date",
        "label": "Penalty",
        "remedy": "Remedy",
        "citation": "Provision",
        "quote": "Its words",
        "event": "Event",
        "life": "Life imprisonment is drawn to the top of the scale.",
    },
}


def draft_tab(store: VectorStore, language: str, jurisdictions: tuple[str, ...], show: Show) -> None:
    words = WORDS[language]
    st.caption(words["intro"])
    left, middle, right = st.columns(3)
    kind = left.selectbox(words["kind"], KINDS, format_func=lambda k: TITLES[k][language], key="draft_kind")
    jurisdiction = middle.selectbox(
        words["jurisdiction"],
        jurisdictions or ("CN", "KR", "US"),
        format_func=lambda j: PHRASES[language][j],
        key="draft_jurisdiction",
    )
    draft_language = right.selectbox(
        words["language"],
        ("zh", "ko", "en"),
        index=("zh", "ko", "en").index(language),
        format_func=LANGUAGE_NAMES.get,
        key="draft_language",
    )
    with st.form("draft_form"):
        facts: dict[str, str] = {}
        if kind == "police-report":
            conduct = st.selectbox(
                words["conduct"],
                ("", *CONDUCTS),
                key="draft_conduct",
                format_func=lambda c: CONDUCT_NAMES[c][language] if c else words["any"],
            )
            facts["conduct"] = conduct
        columns = st.columns(2)
        for i, key in enumerate(fact_keys(kind, jurisdiction, draft_language)):
            label = FACT_LABELS[key][language]
            field = columns[i % 2].text_area if key in LONG_FACTS else columns[i % 2].text_input
            facts[key] = field(label, key=f"draft_fact_{key}")
        uploads = (
            st.file_uploader(words["files"], accept_multiple_files=True, key="draft_files")
            if kind == "evidence-log"
            else []
        )
        made = st.form_submit_button(words["make"], icon=":material/edit_document:")
    if made:
        evidence = [EvidenceFile.of_bytes(upload.name, upload.getvalue()) for upload in uploads or []]
        draft = write_draft(store, kind, jurisdiction, draft_language, facts, evidence)
        st.session_state["draft"] = draft.as_answer()
    if "draft" in st.session_state:
        show(st.session_state["draft"], "draft")


def brief_section(store: VectorStore, conduct: str, jurisdictions: tuple[str, ...], language: str, show: Show) -> None:
    """Under the comparison: the brief on request, and always the chart and the timeline."""
    words = WORDS[language]
    wanted = (conduct, jurisdictions, language)
    if st.button(words["brief"], icon=":material/summarize:", key="make_brief"):
        st.session_state["brief"] = (wanted, write_brief(store, conduct, jurisdictions, language).as_answer())
    kept = st.session_state.get("brief")
    if kept and kept[0] == wanted:
        show(kept[1], "brief")
    st.subheader(words["chart"])
    st.altair_chart(penalty_chart(chart_rows(store, language, jurisdictions), language), width="stretch")
    st.caption(words["life"])
    st.subheader(words["timeline"])
    st.altair_chart(timeline_chart(timeline_rows(store, language), language), width="stretch")


def penalty_chart(rows: list[dict[str, object]], language: str) -> alt.LayerChart:
    """Bars per conduct and jurisdiction; each bar's tooltip names the provision and quotes its words."""
    words = WORDS[language]
    data = pd.DataFrame(rows)
    data["height"] = data["years"].fillna(data["years"].max())  # only life has no years
    tooltip = [
        alt.Tooltip("jurisdiction:N", title=words["jurisdiction"]),
        alt.Tooltip("label:N", title=words["label"]),
        alt.Tooltip("remedy:N", title=words["remedy"]),
        alt.Tooltip("citation:N", title=words["citation"]),
        alt.Tooltip("quote:N", title=words["quote"]),
    ]
    base = alt.Chart(data).encode(
        x=alt.X("conduct:N", title=None, axis=alt.Axis(labelAngle=0, labelLimit=160)),
        xOffset="jurisdiction:N",
        y=alt.Y("height:Q", title=words["years"]),
        tooltip=tooltip,
    )
    bars = base.mark_bar().encode(color=alt.Color("jurisdiction:N", title=words["jurisdiction"]))
    return bars + base.mark_text(dy=-6, fontSize=10).encode(text="label:N")


def timeline_chart(rows: list[dict[str, object]], language: str) -> alt.LayerChart:
    words = WORDS[language]
    data = pd.DataFrame(rows)
    data["lane"] = data.groupby("jurisdiction").cumcount() % 2  # neighbouring labels above and below
    base = alt.Chart(data).encode(
        x=alt.X("date:T", title=words["date"]),
        y=alt.Y("jurisdiction:N", title=None),
        tooltip=[
            alt.Tooltip("date:T", title=words["date"]),
            alt.Tooltip("label:N", title=words["event"]),
            alt.Tooltip("citation:N", title=words["citation"]),
            alt.Tooltip("quote:N", title=words["quote"]),
        ],
    )
    points = base.mark_point(filled=True, size=140).encode(color=alt.Color("jurisdiction:N", legend=None))
    labels = base.mark_text(align="left", dx=9, fontSize=10).encode(
        text="label:N", yOffset=alt.YOffset("lane:O", scale=alt.Scale(range=[-12, 12]))
    )
    return (points + labels).properties(height=260)
