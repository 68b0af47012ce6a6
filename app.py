"""Remedy Atlas in the browser: ask, compare, browse the law, and keep your own documents beside it.

Interface only: answers, tables, citations, exports and file handling all come from ``remedy_atlas``.
Nothing typed or uploaded is logged, and the conversation lives only in this browser session, so
"quick exit" can wipe it. A session's uploads sit on its own private shelf, which no other session
can see. Text from documents and users is never rendered as HTML, and the page asks no host but
this server for anything (icons are local files).

Each tab is one function taking a ``Page``; only the open tab is drawn, so adding a tab is one
entry in ``TABS`` plus its function.
"""

from __future__ import annotations

import dataclasses
import logging
import re
import secrets
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import streamlit as st

from app_action import WORDS as ACTION_WORDS
from app_action import brief_section, draft_tab
from remedy_atlas import (
    Answer,
    AnswerEngine,
    Filters,
    LLMSettings,
    RemedyAtlasError,
    Settings,
    Source,
    Writer,
    ingest_corpus,
    open_retriever,
    open_store,
    to_docx,
    to_markdown,
)
from remedy_atlas.answer.export import (
    OwnPassage,
    answer_parts,
    escape_markdown,
    provision_markdown,
    untitled,
)
from remedy_atlas.answer.llm import ChatModel, make_chat_model
from remedy_atlas.answer.phrases import CONDUCT_NAMES
from remedy_atlas.answer.remedies import CONDUCTS, Remedy, default_remedies
from remedy_atlas.answer.sources import source_from
from remedy_atlas.ingest.pipeline import manifest_for
from remedy_atlas.ingest.store import VectorStore
from remedy_atlas.language import detect_language
from remedy_atlas.library import (
    Entry,
    Instrument,
    Shelf,
    about_own_documents,
    add_user_document,
    catalog,
    drop_shelves,
    open_shelf,
    own_passages,
    remove_user_document,
    user_documents,
)
from remedy_atlas.ui_text import (
    EXAMPLES,
    LANGUAGE_NAMES,
    LANGUAGES,
    anchor,
    compact_markers,
    hotlines,
    inert_markdown,
    link_markers,
    pick_language,
    support_resources,
    t,
)

JURISDICTIONS = ("CN", "KR", "US")
HOME = {"zh": "CN", "ko": "KR", "en": "US"}  # the country a question in each language is answered for by default
STATIC = Path(__file__).resolve().parent / "static"  # served by this server: the page fetches nothing elsewhere
ICON, NEUTRAL_ICON = STATIC / "icon.png", STATIC / "neutral.png"
AVATARS = {"user": ":material/person:", "assistant": ":material/balance:"}
WRITERS = {Writer.COMPOSER: "by_composer", Writer.MODEL: "by_model"}
PROVIDERS = {"": None, "ollama": "Ollama", "openai": "OpenAI-compatible"}
SEARCH_RESULTS = 8
EXPORT_FORMATS = (  # name, writer, file extension, MIME type, icon
    (
        "DOCX",
        to_docx,
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ":material/description:",
    ),
    ("Markdown", to_markdown, "md", "text/markdown", ":material/download:"),
)
LONG_TEXT, LONG_TEXT_HEIGHT = 1500, 420  # characters; pixels of a scrolling box, so one article cannot bury the rest
_CELL_SPLIT = re.compile(r"\s*(?:<br\s*/?>|&lt;br\s*/?>|•)\s*")
# The page sticks to its bottom while a chat box is pinned there; a new answer is read from its start.
_SHOW_NEWEST = """<script>
const page = window.parent.document;
const show = () => {
  const asked = page.querySelectorAll('[data-testid="stMainBlockContainer"] [data-testid="stChatMessage"]');
  if (asked.length < 2) return;
  const scroller = page.querySelector('[data-testid="stAppScrollToBottomContainer"]');
  if (scroller) scroller.dispatchEvent(new WheelEvent("wheel", {deltaY: -1, bubbles: true}));  // as if read upward
  const question = asked[asked.length - 2];
  question.style.scrollMarginTop = "3.75rem";  // below the page's fixed header
  question.scrollIntoView({block: "start"});
};
// Until the reader acts (the page is still drawing for a while and would stick to its bottom again), at most 10 s.
const acts = ["wheel", "touchstart", "keydown", "mousedown"];
let times = 0, acted = false;
const stop = (event) => { if (event.isTrusted) acted = true; };  // not the wheel event show() sends
acts.forEach((type) => page.addEventListener(type, stop, true));
const timer = setInterval(() => {
  if (acted || ++times > 66) {
    clearInterval(timer);
    acts.forEach((type) => page.removeEventListener(type, stop, true));
  } else show();
}, 150);
</script>"""

# A marker [n] links to its provision in the answer's sources, which are drawn only once opened: a click
# on one not drawn yet opens the box (the key's st-key- class) and scrolls to the provision once it is there.
_FOLLOW_MARKERS = """<script>
function follow() {
  document.addEventListener("click", (event) => {
    const link = event.target.closest && event.target.closest("a[href^='#ref-']");
    if (!link) return;
    event.preventDefault();
    const id = link.getAttribute("href").slice(1);
    const box = document.querySelector(".st-key-" + id.split("-")[1] + "-sources details");
    if (box && !box.open) box.querySelector("summary").click();
    const scroller = document.querySelector('[data-testid="stAppScrollToBottomContainer"]');
    if (scroller) scroller.dispatchEvent(new WheelEvent("wheel", {deltaY: -1, bubbles: true}));  // unstick
    // again and again while the rest of the box is drawn and moves it, until the reader scrolls or 30 s pass
    const inputs = ["wheel", "touchstart", "keydown", "mousedown"];
    let tries = 0;
    const timer = setInterval(() => {
      const target = document.getElementById(id);
      if (target) target.scrollIntoView({block: "start"});
      if (++tries >= 300) done();  // a box drawn under load can take that long to appear
    }, 100);
    const done = (event) => {
      if (event && !event.isTrusted) return;
      clearInterval(timer);
      inputs.forEach((name) => document.removeEventListener(name, done, true));
    };
    inputs.forEach((name) => document.addEventListener(name, done, true));
  }, true);
}
const page = window.parent;  // installed in the page itself, so it outlives this frame
if (!page.remedyAtlasMarkers) {
  page.remedyAtlasMarkers = true;
  const script = page.document.createElement("script");
  script.textContent = "(" + follow + ")();";
  page.document.head.appendChild(script);
}
</script>"""

# Questions can surface in the core's log lines (e.g. a verifier warning quoting a sentence).
logging.getLogger("remedy_atlas").setLevel(logging.ERROR)


@dataclasses.dataclass(frozen=True)
class Page:
    """What every tab is drawn from."""

    language: str
    settings: Settings
    engine: AnswerEngine
    chosen: tuple[str, ...]  # jurisdictions picked in the sidebar; empty: as each question says


@st.cache_resource(show_spinner=False)
def _engine(settings: Settings) -> AnswerEngine:
    """The shared engine sees the corpus only: a session's own documents are its shelf's, added by the app."""
    return AnswerEngine(open_retriever(settings))


@st.cache_resource(show_spinner=False)
def _corpus_store(settings: Settings) -> VectorStore:
    return open_store(settings)


@st.cache_resource(show_spinner=False)
def _chat_model(llm: LLMSettings) -> ChatModel | None:
    return make_chat_model(llm)


@st.cache_resource(show_spinner=False)
def _catalog(settings: Settings, chunks: int) -> dict[str, list[Instrument]]:
    """Keyed by the chunk count so a re-ingest shows up without a restart."""
    return catalog(_corpus_store(settings).records())


@st.cache_resource(show_spinner=False)
def _ingest_lock() -> threading.Lock:
    """Two browser tabs opened on an empty index must not both index it."""
    return threading.Lock()


@st.cache_resource(show_spinner=False)
def _synced() -> set[Path]:
    """Data directories whose corpus index this server process has brought in line with corpus/."""
    return set()


def plain(text: str) -> str:
    """User or document text for a Markdown element: shown as typed, line breaks kept."""
    return escape_markdown(text).replace("\n", "  \n")


def carried(name: str, language: str, fallback: Any) -> tuple[str, Any]:
    """A key and starting value for a widget whose option labels are translated.

    The browser remembers a choice by its label, so one widget would lose the choice when the language
    changes; such widgets are keyed per language and the choice itself is kept under ``name``.
    """
    return f"{name}-{language}", st.session_state.get(name, fallback)


def _shelf(settings: Settings) -> Shelf:
    """This session's private shelf, made at its first upload under a key no other session learns."""
    if "shelf" not in st.session_state:
        st.session_state["shelf"] = open_shelf(settings, secrets.token_hex(16))
    shelf: Shelf = st.session_state["shelf"]
    return shelf


def _quick_exit(language: str, settings: Settings) -> None:
    shelf: Shelf | None = st.session_state.get("shelf")
    if shelf is not None:
        drop_shelves(settings, [shelf.uploads.name])
    st.session_state.clear()
    st.session_state["exited"] = language


def _neutral_page(language: str) -> None:
    st.title(t(language, "neutral_title"), anchor=False)
    st.write(t(language, "neutral_body"))


def _browser_language() -> str:
    headers = st.context.headers or {}
    return pick_language(st.context.locale, headers.get("Accept-Language"))


# --- always in reach: quick exit and help ------------------------------------------------------


def help_bar(language: str, settings: Settings) -> None:
    """Quick exit and help on the page (a phone hides the sidebar), drawn before anything slow.

    Beside the chat box, pinned to the bottom of the screen. Elsewhere at the top: anything pinned to
    the bottom makes the page follow its bottom as it grows, and a table or an article is read from its start.
    """
    asking = st.session_state.get(f"tab-{language}", t(language, "tab_ask")) == t(language, "tab_ask")
    with st.bottom if asking else st.container(), st.container(horizontal=True, vertical_alignment="center"):
        st.button(
            t(language, "quick_exit"),
            key="quick_exit",
            type="primary",
            icon=":material/logout:",
            help=t(language, "quick_exit_help"),
            on_click=_quick_exit,
            args=(language, settings),
            shortcut="Esc",
        )
        with st.popover(t(language, "help"), icon=":material/call:"):
            _support(language, _help_order(language))


def _help_order(language: str) -> tuple[str, ...]:
    chosen = tuple(st.session_state.get("jurisdictions") or ())
    return tuple(dict.fromkeys((HOME[language], *chosen)))


def _support(language: str, jurisdictions: tuple[str, ...]) -> None:
    st.markdown(f"**{t(language, 'emergency')}**")
    organisations = support_resources(jurisdictions)
    for org in organisations:
        lines = [f"**{escape_markdown(org['name'][language])}**", escape_markdown(org["what"][language])]
        if org["phone"]:
            lines.append("☎ " + " / ".join(f"[{n}](tel:{n.replace('-', '')})" for n in org["phone"].split(" / ")))
        if org["website"]:
            lines.append(f"[{org['website']}]({org['website']})")
        st.markdown("  \n".join(lines))
    st.caption(t(language, "support_as_of").format(as_of=min(org["as_of"] for org in organisations)))


# --- sidebar ------------------------------------------------------------------------------------


def sidebar(language: str, settings: Settings, configured: LLMSettings) -> tuple[tuple[str, ...], LLMSettings]:
    with st.sidebar:
        st.caption(t(language, "not_advice"))
        st.selectbox(
            t(language, "language"),
            LANGUAGES,
            index=LANGUAGES.index(language),
            key="lang",
            format_func=LANGUAGE_NAMES.__getitem__,
        )
        key, kept = carried("jurisdictions", language, ())
        chosen = st.multiselect(
            t(language, "jurisdictions"),
            JURISDICTIONS,
            default=kept,
            key=key,
            format_func=lambda j: t(language, j),
            placeholder=t(language, "as_question_says"),
        )
        st.session_state["jurisdictions"] = chosen
        with st.expander(t(language, "llm"), icon=":material/smart_toy:"):
            llm = _llm_settings(language, configured)
        _index_status(language, settings)
    return tuple(j for j in JURISDICTIONS if j in chosen), llm


def _llm_settings(language: str, configured: LLMSettings) -> LLMSettings:
    st.caption(t(language, "llm_intro"))
    key, kept = carried("llm_provider", language, configured.provider if configured.provider in PROVIDERS else "")
    provider = st.selectbox(
        t(language, "provider"),
        list(PROVIDERS),
        key=key,
        index=list(PROVIDERS).index(kept),
        format_func=lambda p: PROVIDERS[p] or t(language, "off"),
    )
    st.session_state["llm_provider"] = provider
    model = st.text_input(t(language, "model"), configured.model, key="llm_model", disabled=not provider)
    base_url = st.text_input(
        t(language, "base_url"),
        configured.base_url,
        key="llm_base_url",
        disabled=not provider,
        placeholder="http://localhost:11434" if provider == "ollama" else "https://…/v1",
    )
    api_key = st.text_input(
        t(language, "api_key"),
        configured.api_key,
        key="llm_api_key",
        type="password",
        disabled=provider != "openai",
    )
    ready = bool(provider and model.strip())
    llm = LLMSettings(provider, model.strip(), base_url.strip(), api_key) if ready else LLMSettings()
    if st.button(t(language, "test_connection"), key="llm_test", disabled=not ready):
        try:
            model = make_chat_model(dataclasses.replace(llm, timeout=15.0))
            assert model is not None  # the button is enabled only with a provider
            model.reply("Reply with the word OK.")
            st.success(t(language, "connection_ok"))
        except Exception as error:  # an optional service failing is reported, never raised
            st.error(t(language, "connection_failed") + plain(f"{type(error).__name__}: {error}"))
    return llm


def _index_status(language: str, settings: Settings) -> None:
    store = _corpus_store(settings)
    st.caption(
        f"{t(language, 'index')}: {len(manifest_for(store).entries)} {t(language, 'documents')} · "
        f"{store.count()} {t(language, 'passages')}"
    )


def sync_corpus(language: str, settings: Settings) -> None:
    """Once per server start the index is brought in line with corpus/, and everything else waits.

    Not only when the index is empty: an ingest cut short by a crash leaves a partial one, and a new
    corpus release changes documents; ingest resumes or updates both, and skips what is current.
    The private shelves of the sessions of an earlier server go at the same moment: none survives it.
    """
    with _ingest_lock():
        if settings.data_dir in _synced():
            return
        drop_shelves(settings)
        bar = st.progress(0.0, text=t(language, "indexing"))

        def progress(done: int, total: int, _doc: str) -> None:
            bar.progress(done / total if total else 1.0, text=f"{t(language, 'indexing')} {done}/{total}")

        report = ingest_corpus(settings, progress=progress)
        _synced().add(settings.data_dir)
        bar.empty()
        if report.ingested or report.removed:
            _engine.clear()
            st.toast(t(language, "indexed") + report.summary())


def with_model(base: AnswerEngine, llm: LLMSettings, language: str) -> AnswerEngine:
    """The shared engine, or a per-session one around the same index that also uses this session's model."""
    if not llm.provider:
        return base
    try:
        model = _chat_model(llm)
    except Exception as error:  # an optional service failing is reported, never raised
        st.sidebar.error(t(language, "connection_failed") + plain(str(error)))
        return base
    return AnswerEngine(base.retriever, model, base.remedies)


# --- answers and their sources ------------------------------------------------------------------


def answered(page: Page, question: str, earlier: list[dict[str, Any]]) -> dict[str, Any]:
    """Ask for the places the question names, else the sidebar's choice, else the question language's country.

    The user's own documents are searched here, on this session's shelf, never by the shared engine.
    """
    asked = [m["text"] for m in earlier if m["role"] == "user"]
    answers = [m["answer"] for m in earlier if m["role"] == "assistant" and m["answer"].question not in CONDUCT_NAMES]
    default = (answers[-1].jurisdictions if answers else ()) or (HOME[detect_language(question)],)
    answer = page.engine.ask(question, page.chosen or default, history=asked)
    about = about_own_documents(question)
    shelf: Shelf | None = st.session_state.get("shelf")
    own = own_passages(shelf, question, about) if shelf is not None else []
    return {"role": "assistant", "answer": answer, "own": own, "about_own": about and bool(own)}


def show_answer(entry: dict[str, Any], key: str, language: str, places_note: bool = False) -> None:
    """First screen: (the user's own file when asked about it,) help to call, the direct answer, what to do now.

    Everything long sits below in two expanders: the details, and the sources grouped by instrument.
    """
    answer: Answer = entry["answer"]
    own: list[OwnPassage] = entry.get("own", [])
    if entry.get("about_own"):
        _own_passages(own, language)
    direct, steps, details = answer_parts(answer)
    # first: on a phone a direct answer fills the screen; in the answer's language, which is the asker's
    if lines := hotlines(answer.jurisdictions[:2] or (HOME[answer.language],), answer.language):
        st.info("  \n".join(lines), icon=":material/call:")
    st.markdown(link_markers(inert_markdown(direct), key))
    if steps:
        st.markdown(link_markers(inert_markdown(steps), key))
    if own and not entry.get("about_own"):
        _own_passages(own, language)
    if places_note:
        places = "、".join(t(language, j) for j in answer.jurisdictions if j in JURISDICTIONS)
        st.caption(t(language, "answered_for").format(places=places))
    if details:
        with st.expander(t(language, "details"), icon=":material/list:"):
            st.markdown(link_markers(inert_markdown(untitled(details)), key))
    show_sources(answer.sources, key, language)
    if answer.warnings:
        with st.expander(t(language, "warnings"), icon=":material/fact_check:"):
            for warning in answer.warnings:
                st.text(warning)
    st.caption(f"{t(language, 'written_by')}: {t(language, WRITERS[answer.written_by])} · {answer.disclaimer}")
    exports(answer, own, key, language)


def _own_passages(own: list[OwnPassage], language: str) -> None:
    with st.container(border=True):
        st.markdown(f":material/folder_shared: **{t(language, 'yours_first')}**")
        for passage in own:
            st.markdown(f"**{plain(passage.title)}**\n\n> {plain(passage.quote)}")


def exports(answer: Answer, own: list[OwnPassage], key: str, language: str) -> None:
    """Made when clicked (a full annex can run to many pages), from the answer as it stands now."""
    with st.container(horizontal=True):
        for full, label in ((False, "export_summary"), (True, "export_full")):
            suffix = "full" if full else "summary"
            for name, write, extension, mime, icon in EXPORT_FORMATS:
                st.download_button(
                    f"{t(language, label)} · DOCX" if extension == "docx" else name,
                    lambda full=full, write=write: write(answer, own, full),
                    file_name=f"remedy-atlas-{key}-{suffix}.{extension}",
                    mime=mime,
                    key=f"{key}-{suffix}-{extension}",
                    on_click="ignore",
                    icon=icon,
                    type="tertiary",
                )


@st.fragment
def show_sources(sources: list[Source], key: str, language: str) -> None:
    """One expander for all of them, grouped by instrument; each provision is the target of its [n] links.

    Drawn only once opened, and then alone (a fragment): a collapsed box of 20–60 provisions was most
    of what an answer drew, and held the answer back by seconds. A marker opens the box and scrolls to
    its provision once drawn (``_FOLLOW_MARKERS``).
    """
    if not sources:
        return
    groups: dict[str, list[Source]] = {}
    for source in sources:
        groups.setdefault(source.doc_id, []).append(source)
    label = t(language, "sources_count").format(n=len(sources), m=len(groups))
    box = st.expander(label, icon=":material/gavel:", key=f"{key}-sources", on_change="rerun")
    if not box.open:
        return
    with box:
        summaries = _remedy_summaries(language)
        for members in groups.values():
            facts(members[0], None, language)
            for source in members:
                st.subheader(
                    f"\\[{source.marker}\\] {escape_markdown(source.citation)}", anchor=anchor(key, source.marker)
                )
                if summary := summaries.get((source.doc_id, (source.article or "").lower())):
                    st.info(f"**{t(language, 'remedy_summary')}**  \n{summary}", icon=":material/translate:")
                words(source.quote)
            st.divider()


@st.cache_resource(show_spinner=False)
def _summaries(remedies: tuple[Remedy, ...]) -> dict[tuple[str, str], str]:
    """English remedy summaries by the provisions they rest on, for a Chinese or Korean provision read in English."""
    found: dict[tuple[str, str], list[str]] = {}
    for remedy in remedies:
        if remedy.base_jurisdiction in ("CN", "KR"):
            for provision in remedy.provisions:
                line = f"{escape_markdown(remedy.name['en'])}: {escape_markdown(remedy.summary['en'])}"
                found.setdefault((provision.doc_id, provision.article.lower()), []).append(line)
    return {key: "\n\n".join(dict.fromkeys(lines)) for key, lines in found.items()}


def _remedy_summaries(language: str) -> dict[tuple[str, str], str]:
    return _summaries(default_remedies()) if language == "en" else {}


def facts(about: Source | Instrument, page: int | None, language: str) -> None:
    """Where a provision comes from: title, version, date, page and the official page (never a repository path)."""
    if getattr(about, "user_document", False) or about.kind == "user-document":
        st.info(t(language, "own_document"), icon=":material/folder_shared:")
    titles = about.title + (f" / {about.title_en}" if about.title_en and about.title_en != about.title else "")
    lines = [f"**{plain(titles)}**"]
    details = [
        f"{t(language, label)}: {plain(value)}"
        for label, value in (("version", about.version), ("effective", about.effective), ("page", str(page or "")))
        if value
    ]
    if about.source_url.startswith(("https://", "http://")):
        details.append(f"[{t(language, 'open_source')}]({about.source_url})")
    if details:
        lines.append(" · ".join(details))
    st.markdown("  \n".join(lines))
    if about.partial:
        note = f" {plain(about.partial_note)}" if about.partial_note else ""
        st.warning(t(language, "partial") + note, icon=":material/warning:")


def words(text: str) -> None:
    """A provision's own words, its headings and paragraph marks as formatting, nothing else as markup.

    A long one scrolls in its own box, so it cannot bury the rest; a short one needs no box (one element less to draw).
    """
    if len(text) <= LONG_TEXT:
        st.markdown(provision_markdown(text))
        return
    with st.container(height=LONG_TEXT_HEIGHT):
        st.markdown(provision_markdown(text))


# --- tabs ---------------------------------------------------------------------------------------


def ask_tab(page: Page, question: str | None) -> None:
    messages: list[dict[str, Any]] = st.session_state.setdefault("messages", [])
    question = question or st.session_state.pop("example", None)
    language = page.language
    if not messages and not question:
        st.caption(t(language, "tagline"))
        st.caption(t(language, "ask_intro"))
        st.caption(t(language, "examples"))
        for i, example in enumerate(EXAMPLES[language]):
            st.button(
                example,
                key=f"example-{i}",
                type="tertiary",
                icon=":material/chat:",
                on_click=st.session_state.__setitem__,
                args=("example", example),
            )
    for i, message in enumerate(messages):
        with st.chat_message(message["role"], avatar=AVATARS[message["role"]]):
            if message["role"] == "user":
                st.markdown(plain(message["text"]))
            else:
                show_answer(message, f"a{i}", language, not page.chosen)
    if question:
        with st.chat_message("user", avatar=AVATARS["user"]):
            st.markdown(plain(question))
        with st.chat_message("assistant", avatar=AVATARS["assistant"]):
            with st.spinner(t(language, "thinking")):
                entry = answered(page, question, messages)
            show_answer(entry, f"a{len(messages) + 1}", language, not page.chosen)
        messages += [{"role": "user", "text": question}, entry]
        st.iframe(_SHOW_NEWEST, width=1, height=1)
    if messages:
        st.button(
            t(language, "clear_chat"),
            key="clear_chat",
            type="tertiary",
            icon=":material/delete_sweep:",
            on_click=st.session_state.__setitem__,
            args=("messages", []),
        )


def compare_tab(page: Page) -> None:
    language = page.language
    st.caption(t(language, "compare_intro"))
    key, kept = carried("compare_conduct", language, CONDUCTS[0])
    conduct = st.selectbox(
        t(language, "conduct"),
        CONDUCTS,
        key=key,
        index=CONDUCTS.index(kept),
        format_func=lambda c: CONDUCT_NAMES[c][language],
    )
    st.session_state["compare_conduct"] = conduct
    places = page.chosen or JURISDICTIONS
    wanted = (conduct, places, language)
    comparison = st.session_state.get("comparison")
    if comparison is None or comparison["key"] != wanted:
        comparison = {"key": wanted, "answer": page.engine.compare(conduct, places, language)}
        st.session_state["comparison"] = comparison
    answer: Answer = comparison["answer"]
    comparison_columns(answer, "cmp", language)
    show_sources(answer.sources, "cmp", language)
    st.caption(answer.disclaimer)
    exports(answer, [], "comparison", language)
    brief_section(page.engine.retriever.store, conduct, places, language, shown(language))


def shown(language: str):  # type: ignore[no-untyped-def]
    """app_action's drafts and briefs are shown, cited and saved exactly as answers are."""
    return lambda answer, key: show_answer({"answer": answer}, key, language)


def draft(page: Page) -> None:
    draft_tab(page.engine.retriever.store, page.language, page.chosen or JURISDICTIONS, shown(page.language))


def comparison_columns(answer: Answer, key: str, language: str) -> None:
    """The comparison table as one column per jurisdiction, one remedy per line; a phone stacks the columns."""
    rows = [
        [cell.strip() for cell in line.strip().strip("|").split("|")]
        for line in answer.text.splitlines()
        if line.lstrip().startswith("|") and not re.fullmatch(r"[\s|:-]+", line)
    ]
    if not rows:
        st.markdown(inert_markdown(answer_parts(answer)[0]))
        return
    header, body = rows[0], rows[1:]
    for column, place in zip(st.columns(len(header) - 1, border=True), header[1:], strict=True):
        index = header.index(place)
        with column:
            st.markdown(f"**{place}**")
            for row in body:
                if len(body) > 1:
                    st.caption(row[0])
                remedies = [r for r in _CELL_SPLIT.split(row[index]) if r.strip()]
                lines = [f"- {compact_markers(inert_markdown(r), key)}" for r in remedies]
                st.markdown("\n".join(lines) or "—")


def library_tab(page: Page) -> None:
    language, settings, retriever = page.language, page.settings, page.engine.retriever
    st.caption(t(language, "library_intro"))
    tree = _catalog(settings, _corpus_store(settings).count())
    available = [j for j in JURISDICTIONS if j in tree]
    if not available:
        return
    key, kept = carried("library_jurisdiction", language, available[0])
    jurisdiction = st.selectbox(
        t(language, "jurisdictions"),
        available,
        key=key,
        index=available.index(kept) if kept in available else 0,
        format_func=lambda j: t(language, j),
    )
    st.session_state["library_jurisdiction"] = jurisdiction
    documents = tree[jurisdiction]
    chosen = st.selectbox(
        t(language, "instrument"),
        range(len(documents)),
        key=f"library_doc_{jurisdiction}",
        format_func=lambda i: _instrument_label(documents[i]),
    )
    document = documents[chosen]
    article = st.selectbox(
        t(language, "article"),
        range(len(document.entries)),
        key=f"library_article_{document.doc_id}",
        format_func=lambda i: document.entries[i].label,
    )
    entry: Entry = document.entries[article]
    with st.container(border=True):
        st.markdown(f"**{plain(entry.label)}**")
        facts(document, entry.page, language)
        words(entry.text)
    query = st.text_input(t(language, "search"), key="library_query", icon=":material/search:")
    if query.strip():
        hits = retriever.search(query, Filters(jurisdictions=(jurisdiction,)), SEARCH_RESULTS)
        if not hits:
            st.caption(t(language, "no_results"))
        show_sources([source_from(hit.rank, hit.text, hit.metadata) for hit in hits], "lib", language)


def _instrument_label(document: Instrument) -> str:
    if document.title_en and document.title_en != document.title:
        return f"{document.title} — {document.title_en}"
    return document.title


def documents_tab(page: Page) -> None:
    language, settings = page.language, page.settings
    st.caption(t(language, "documents_intro"))
    round_ = st.session_state.setdefault("upload_round", 0)
    st.file_uploader(
        t(language, "upload"),
        type=["pdf", "txt", "md"],
        key=f"upload-{round_}",
        on_change=_upload,
        args=(settings, f"upload-{round_}", language),
    )
    for kind, text in st.session_state.pop("notices", []):
        (st.success if kind == "ok" else st.error)(plain(text))
    shelf: Shelf | None = st.session_state.get("shelf")
    documents = user_documents(shelf.retriever) if shelf is not None else []
    if not documents:
        st.caption(t(language, "no_documents"))
    for document in documents:
        name, delete = st.columns([5, 1], vertical_alignment="center")
        passages = t(language, "passage" if document.chunks == 1 else "passages")
        name.markdown(f"**{plain(document.title)}** · {document.chunks} {passages}")
        delete.button(
            t(language, "delete"),
            key=f"delete-{document.doc_id}",
            icon=":material/delete:",
            on_click=_delete,
            args=(settings, document, language),
        )


def _notice(kind: str, text: str) -> None:
    st.session_state.setdefault("notices", []).append((kind, text))


def _upload(settings: Settings, key: str, language: str) -> None:
    uploaded = st.session_state.get(key)
    if uploaded is None:
        return
    shelf = _shelf(settings)
    try:
        saved = add_user_document(shelf.retriever, shelf.uploads, uploaded.name, uploaded.getvalue())
        _notice("ok", t(language, "uploaded") + saved.name)
    except RemedyAtlasError as error:
        _notice("error", str(error))
    st.session_state["upload_round"] += 1  # a fresh, empty uploader: the file is in the list below now


def _delete(settings: Settings, document: Instrument, language: str) -> None:
    """Gone from the shelf, and from every answer of this session (and so from every export made after)."""
    shelf = _shelf(settings)
    remove_user_document(shelf.retriever, shelf.uploads, document.doc_id)
    for message in st.session_state.get("messages", []):
        if message["role"] == "assistant":
            message["own"] = [p for p in message["own"] if p.doc_id != document.doc_id]
            message["about_own"] = message["about_own"] and bool(message["own"])
    _notice("ok", t(language, "deleted") + document.title)


TABS: list[tuple[Callable[[str], str], Callable[[Page], None]]] = [
    (lambda language: t(language, "tab_compare"), compare_tab),
    (lambda language: ACTION_WORDS[language]["tab"], draft),
    (lambda language: t(language, "tab_library"), library_tab),
    (lambda language: t(language, "tab_documents"), documents_tab),
]  # (label, drawing) after the Ask tab, whose drawing also takes the question typed into the chat box


# --- page ---------------------------------------------------------------------------------------


def main() -> None:
    if "exited" in st.session_state:
        language = st.session_state["exited"]
        st.set_page_config(page_title=t(language, "neutral_title"), page_icon=str(NEUTRAL_ICON))
        _neutral_page(language)
        st.stop()
    st.set_page_config(page_title="Remedy Atlas", page_icon=str(ICON), layout="wide")
    language = st.session_state.get("lang") or _browser_language()
    configured = Settings.from_env()
    settings = dataclasses.replace(configured, llm=LLMSettings())  # the shared index; models are per session
    help_bar(language, settings)
    try:
        st.title(t(language, "title"), anchor=False)
        sync_corpus(language, settings)
        chosen, llm = sidebar(language, settings, configured.llm)
        base = _engine(settings)
        page = Page(language, settings, with_model(base, llm, language), chosen)
        labels = [t(language, "tab_ask"), *(label(language) for label, _ in TABS)]
        tabs = st.tabs(labels, key=f"tab-{language}", on_change="rerun")
        question = st.chat_input(t(language, "ask_placeholder"), key="question") if tabs[0].open else None
        with tabs[0]:
            if tabs[0].open:
                ask_tab(page, question)
        for tab, (_, drawing) in zip(tabs[1:], TABS, strict=True):
            if tab.open:
                with tab:
                    drawing(page)
    except RemedyAtlasError as error:
        st.error(plain(str(error)))
    st.iframe(_FOLLOW_MARKERS, width=1, height=1)


main()
