"""Remedy Atlas in the browser: ask, compare, browse the law, and keep your own documents beside it.

Interface only: answers, tables, citations, exports and file handling all come from ``remedy_atlas``.
Nothing typed or uploaded is logged, and the conversation lives only in this browser session, so
"quick exit" can wipe it. Text from documents and users is never rendered as HTML.
"""

from __future__ import annotations

import dataclasses
import logging
import threading
from pathlib import Path
from typing import Any

import streamlit as st

from app_action import WORDS as ACTION_WORDS
from app_action import brief_section, draft_tab
from remedy_atlas.answer.engine import Answer, AnswerEngine
from remedy_atlas.answer.export import to_docx, to_markdown
from remedy_atlas.answer.llm import ChatModel, make_chat_model
from remedy_atlas.answer.phrases import CONDUCT_NAMES
from remedy_atlas.answer.remedies import CONDUCTS
from remedy_atlas.answer.sources import Source, source_from
from remedy_atlas.errors import RemedyAtlasError
from remedy_atlas.index import ingest_corpus, open_engine, open_store
from remedy_atlas.ingest.pipeline import manifest_for
from remedy_atlas.ingest.store import VectorStore
from remedy_atlas.library import Entry, Instrument, add_user_document, catalog, remove_user_document, user_documents
from remedy_atlas.retrieval.search import Filters, Retriever
from remedy_atlas.settings import LLMSettings, Settings
from remedy_atlas.ui_text import (
    EXAMPLES,
    LANGUAGE_NAMES,
    LANGUAGES,
    escape_markdown,
    inert_markdown,
    pick_language,
    support_resources,
    t,
)

JURISDICTIONS = ("CN", "KR", "US")
HOME = {"zh": "CN", "ko": "KR", "en": "US"}  # whose support organisations a reader of each language sees first
AVATARS = {"user": ":material/person:", "assistant": ":material/balance:"}
WRITERS = {"offline composer": "by_composer", "language model, verified": "by_model"}
PROVIDERS = {"": None, "ollama": "Ollama", "openai": "OpenAI-compatible"}
SEARCH_RESULTS = 8
LONG_TEXT, LONG_TEXT_HEIGHT = 1500, 460  # characters; pixels of a scrolling box, so one article cannot bury the rest

# Questions can surface in the core's log lines (e.g. a verifier warning quoting a sentence).
logging.getLogger("remedy_atlas").setLevel(logging.ERROR)


@st.cache_resource(show_spinner=False)
def _engine(settings: Settings) -> AnswerEngine:
    return open_engine(settings)


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


def _quick_exit(language: str) -> None:
    st.session_state.clear()
    st.session_state["exited"] = language


def _neutral_page(language: str) -> None:
    st.title(t(language, "neutral_title"))
    st.write(t(language, "neutral_body"))


def _browser_language() -> str:
    headers = st.context.headers or {}
    return pick_language(st.context.locale, headers.get("Accept-Language"))


# --- sidebar ------------------------------------------------------------------------------------


def quick_exit(language: str) -> None:
    """First in the sidebar and drawn before anything slow, so it is there from the first moment."""
    with st.sidebar:
        st.button(
            t(language, "quick_exit"),
            key="quick_exit",
            type="primary",
            icon=":material/logout:",
            width="stretch",
            help=t(language, "quick_exit_help"),
            on_click=_quick_exit,
            args=(language,),
            shortcut="Esc",
        )
        st.caption(t(language, "not_advice"))


def sidebar(language: str, settings: Settings, configured: LLMSettings) -> tuple[tuple[str, ...], LLMSettings]:
    with st.sidebar:
        st.selectbox(
            t(language, "language"),
            LANGUAGES,
            index=LANGUAGES.index(language),
            key="lang",
            format_func=LANGUAGE_NAMES.__getitem__,
        )
        key, kept = carried("jurisdictions", language, JURISDICTIONS)
        chosen = st.multiselect(
            t(language, "jurisdictions"),
            JURISDICTIONS,
            default=kept,
            key=key,
            format_func=lambda j: t(language, j),
            placeholder=t(language, "choose"),
        )
        st.session_state["jurisdictions"] = chosen
        jurisdictions = tuple(j for j in JURISDICTIONS if j in chosen) or JURISDICTIONS
        with st.expander(t(language, "support"), icon=":material/support:"):
            _support(language, tuple(sorted(jurisdictions, key=lambda j: j != HOME[language])))
        with st.expander(t(language, "llm"), icon=":material/smart_toy:"):
            llm = _llm_settings(language, configured)
        _index_status(language, settings)
    return jurisdictions, llm


def _support(language: str, jurisdictions: tuple[str, ...]) -> None:
    st.markdown(f"**{t(language, 'emergency')}**")
    organisations = support_resources(jurisdictions)
    for org in organisations:
        lines = [f"**{org['name'][language]}**", org["what"][language]]
        if org["phone"]:
            lines.append(f"☎ {org['phone']}")
        if org["website"]:
            lines.append(f"[{org['website']}]({org['website']})")
        st.markdown("  \n".join(lines))
    st.caption(t(language, "support_as_of").format(as_of=min(org["as_of"] for org in organisations)))


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
    """
    with _ingest_lock():
        if settings.data_dir in _synced():
            return
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
    return AnswerEngine(base.retriever, model, base.remedies, base.user_retriever)


# --- answers and their sources ------------------------------------------------------------------


def exported(answer: Answer) -> dict[str, Any]:
    """Both exports made once, when the answer arrives, not on every rerun."""
    return {"answer": answer, "md": to_markdown(answer), "docx": to_docx(answer)}


def show_answer(entry: dict[str, Any], key: str, language: str) -> None:
    answer: Answer = entry["answer"]
    st.markdown(inert_markdown(answer.text))
    if answer.sources:
        st.caption(t(language, "sources"))
        for source in answer.sources:
            show_source(source, language)
    if answer.warnings:
        with st.expander(t(language, "warnings"), icon=":material/fact_check:"):
            for warning in answer.warnings:
                st.text(warning)
    writer = t(language, WRITERS[answer.written_by]) if answer.written_by in WRITERS else answer.written_by
    st.caption(f"{t(language, 'written_by')}: {writer}")
    left, right = st.columns(2)
    left.download_button(
        t(language, "export_md"),
        entry["md"],
        file_name=f"remedy-atlas-{key}.md",
        mime="text/markdown",
        key=f"{key}-md",
        on_click="ignore",
        icon=":material/download:",
    )
    right.download_button(
        t(language, "export_docx"),
        entry["docx"],
        file_name=f"remedy-atlas-{key}.docx",
        key=f"{key}-docx",
        mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        on_click="ignore",
        icon=":material/description:",
    )


def show_source(source: Source, language: str) -> None:
    with st.expander(f"\\[{source.marker}\\] {escape_markdown(source.citation)}", icon=":material/gavel:"):
        provision(source, source.quote, source.page, source.user_document, language)


def provision(about: Source | Instrument, text: str, page: int | None, own: bool, language: str) -> None:
    """Where a provision comes from, then its own words, as plain text."""
    if own:
        st.info(t(language, "own_document"), icon=":material/folder_shared:")
    if about.partial:
        note = f" {plain(about.partial_note)}" if about.partial_note else ""
        st.warning(t(language, "partial") + note, icon=":material/warning:")
    titles = about.title + (f" / {about.title_en}" if about.title_en and about.title_en != about.title else "")
    facts = [
        (t(language, "title_label"), titles),
        (t(language, "version"), about.version),
        (t(language, "effective"), about.effective),
        (t(language, "page"), str(page or "")),
        (t(language, "source"), about.source),
    ]
    st.markdown("  \n".join(f"**{label}:** {plain(value)}" for label, value in facts if value))
    if about.source_url.startswith(("https://", "http://")):
        st.link_button(t(language, "open_source"), about.source_url, icon=":material/open_in_new:")
    st.caption(t(language, "verbatim"))
    with st.container(height=LONG_TEXT_HEIGHT if len(text) > LONG_TEXT else "content"):
        st.text(text)


# --- tabs ---------------------------------------------------------------------------------------


def ask_tab(engine: AnswerEngine, language: str, jurisdictions: tuple[str, ...]) -> None:
    messages: list[dict[str, Any]] = st.session_state.setdefault("messages", [])
    conversation = st.container()
    with conversation:
        if not messages:
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
                    show_answer(message, f"answer-{i}", language)
    question = st.chat_input(t(language, "ask_placeholder"), key="question") or st.session_state.pop("example", None)
    if messages:
        st.button(
            t(language, "clear_chat"),
            key="clear_chat",
            type="tertiary",
            icon=":material/delete_sweep:",
            on_click=st.session_state.__setitem__,
            args=("messages", []),
        )
    if not question:
        return
    earlier = [m["text"] for m in messages if m["role"] == "user"]
    with conversation:
        with st.chat_message("user", avatar=AVATARS["user"]):
            st.markdown(plain(question))
        with st.chat_message("assistant", avatar=AVATARS["assistant"]), st.spinner(t(language, "thinking")):
            answer = engine.ask(question, jurisdictions, history=earlier)
    messages += [{"role": "user", "text": question}, {"role": "assistant", **exported(answer)}]
    st.rerun()


def compare_tab(engine: AnswerEngine, language: str, jurisdictions: tuple[str, ...]) -> None:
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
    wanted = (conduct, jurisdictions, language)
    comparison = st.session_state.get("comparison")
    if comparison is None or comparison["key"] != wanted:
        comparison = {"key": wanted, **exported(engine.compare(conduct, jurisdictions, language))}
        st.session_state["comparison"] = comparison
    show_answer(comparison, "comparison", language)
    brief_section(engine.retriever.store, conduct, jurisdictions, language, shown(language))


def shown(language: str):  # type: ignore[no-untyped-def]
    """app_action's drafts and briefs are shown, cited and saved exactly as answers are."""
    return lambda answer, key: show_answer(exported(answer), key, language)


def library_tab(retriever: Retriever, settings: Settings, language: str) -> None:
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
        provision(document, entry.text, entry.page, document.kind == "user-document", language)
    query = st.text_input(t(language, "search"), key="library_query", icon=":material/search:")
    if query.strip():
        hits = retriever.search(query, Filters(jurisdictions=(jurisdiction,)), SEARCH_RESULTS)
        if not hits:
            st.caption(t(language, "no_results"))
        for hit in hits:
            show_source(source_from(hit.rank, hit.text, hit.metadata), language)


def _instrument_label(document: Instrument) -> str:
    if document.title_en and document.title_en != document.title:
        return f"{document.title} — {document.title_en}"
    return document.title


def documents_tab(retriever: Retriever, settings: Settings, language: str) -> None:
    st.caption(t(language, "documents_intro"))
    uploads = settings.data_dir / "uploads"
    round_ = st.session_state.setdefault("upload_round", 0)
    st.file_uploader(
        t(language, "upload"),
        type=["pdf", "txt", "md"],
        key=f"upload-{round_}",
        on_change=_upload,
        args=(retriever, uploads, f"upload-{round_}", language),
    )
    for kind, text in st.session_state.pop("notices", []):
        (st.success if kind == "ok" else st.error)(plain(text))
    documents = user_documents(retriever)
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
            args=(retriever, uploads, document, language),
        )


def _notice(kind: str, text: str) -> None:
    st.session_state.setdefault("notices", []).append((kind, text))


def _upload(retriever: Retriever, uploads: Any, key: str, language: str) -> None:
    uploaded = st.session_state.get(key)
    if uploaded is None:
        return
    try:
        saved = add_user_document(retriever, uploads, uploaded.name, uploaded.getvalue())
        _notice("ok", t(language, "uploaded") + saved.name)
    except RemedyAtlasError as error:
        _notice("error", str(error))
    st.session_state["upload_round"] += 1  # a fresh, empty uploader: the file is in the list below now


def _delete(retriever: Retriever, uploads: Any, document: Instrument, language: str) -> None:
    remove_user_document(retriever, uploads, document.doc_id)
    _notice("ok", t(language, "deleted") + document.title)


# --- page ---------------------------------------------------------------------------------------


def main() -> None:
    if "exited" in st.session_state:
        language = st.session_state["exited"]
        st.set_page_config(page_title=t(language, "neutral_title"), page_icon="⛅")
        _neutral_page(language)
        st.stop()
    st.set_page_config(page_title="Remedy Atlas", page_icon=":material/balance:", layout="wide")
    language = st.session_state.get("lang") or _browser_language()
    configured = Settings.from_env()
    settings = dataclasses.replace(configured, llm=LLMSettings())  # the shared index; models are per session
    quick_exit(language)
    try:
        st.title(t(language, "title"))
        st.caption(t(language, "tagline") + " " + t(language, "not_advice"))
        sync_corpus(language, settings)
        jurisdictions, llm = sidebar(language, settings, configured.llm)
        base = _engine(settings)
        engine = with_model(base, llm, language)
        user_retriever = base.user_retriever
        assert user_retriever is not None  # open_engine always opens the user's collection
        ask, compare, draft, library, documents = st.tabs(
            [
                t(language, "tab_ask"),
                t(language, "tab_compare"),
                ACTION_WORDS[language]["tab"],
                t(language, "tab_library"),
                t(language, "tab_documents"),
            ]
        )
        with ask:
            ask_tab(engine, language, jurisdictions)
        with compare:
            compare_tab(engine, language, jurisdictions)
        with draft:
            draft_tab(base.retriever.store, language, jurisdictions, shown(language))
        with library:
            library_tab(base.retriever, settings, language)
        with documents:
            documents_tab(user_retriever, settings, language)
    except RemedyAtlasError as error:
        st.error(plain(str(error)))


main()
