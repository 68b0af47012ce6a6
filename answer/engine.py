"""``ask`` and ``compare``: question → plan → retrieve → match remedies → compose → verify.

Without a chat model the composer writes the answer; with one, the model rewrites it from the
same numbered provisions and the verifier decides what survives. Either way every answer ends
with the "not legal advice" line in the question's language.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from ..errors import EmptyQuestion
from ..retrieval.search import Filters, Hit, Retriever, clean_question
from .compose import Composed, compare_table, compose
from .llm import ChatModel, build_messages, parse_sections, remedy_notes
from .phrases import CONDUCT_NAMES, PHRASES
from .remedies import CONDUCTS, Remedy, default_remedies
from .sources import Source, SourceList
from .understand import Cues, Understanding, default_cues, understand
from .verify import verify

log = logging.getLogger(__name__)
HITS_PER_JURISDICTION = 10


class Writer(Enum):
    """Who wrote the answer the user reads (the app shows it, and keys on it)."""

    COMPOSER = "offline composer"
    MODEL = "language model, verified"


@dataclass
class Answer:
    """``text`` is ``direct``, ``steps``, ``details`` and the user's documents, then the disclaimer.

    ``direct`` answers exactly what was asked (per jurisdiction when several); ``steps`` is "what
    you can do now" (a heading and a Markdown ordered list); ``details`` the remedies one by one.
    Each part is verified Markdown; any of them but ``direct`` may be empty.
    """

    question: str
    language: str
    jurisdictions: tuple[str, ...]
    text: str
    sources: list[Source]
    warnings: list[str] = field(default_factory=list)
    conducts: list[str] = field(default_factory=list)
    remedies: list[str] = field(default_factory=list)
    direct: str = ""
    steps: str = ""
    details: str = ""
    question_type: str = "law"
    written_by: Writer = Writer.COMPOSER

    @property
    def disclaimer(self) -> str:
        return PHRASES[self.language]["disclaimer"]

    def as_json(self) -> dict[str, Any]:
        return {
            "answer": self.text,
            "language": self.language,
            "direct": self.direct,
            "steps": self.steps,
            "details": self.details,
            "question_type": self.question_type,
            "citations": [
                {"doc_id": s.doc_id, "article": s.article, "citation": s.citation, "quote": s.quote}
                for s in self.sources
            ],
            "jurisdictions": list(self.jurisdictions),
            "warnings": self.warnings,
            "written_by": self.written_by.value,
        }


@dataclass(frozen=True)
class Written:
    """An answer's three parts as one writer wrote them, before verification."""

    direct: str
    steps: str
    details: str
    writer: Writer


class AnswerEngine:
    def __init__(
        self,
        retriever: Retriever,
        chat_model: ChatModel | None = None,
        remedies: tuple[Remedy, ...] | None = None,
        user_retriever: Retriever | None = None,
        cues: Cues | None = None,
    ) -> None:
        self.retriever = retriever
        self.user_retriever = user_retriever
        self.chat_model = chat_model
        self.remedies = remedies if remedies is not None else default_remedies()
        self.cues = cues or default_cues()

    def ask(
        self,
        question: str,
        jurisdictions: tuple[str, ...] = (),
        history: list[str] | None = None,
        all_options: bool = False,
    ) -> Answer:
        """``jurisdictions`` is the user's selection; ``history`` the earlier questions of the conversation.

        Raises EmptyQuestion when nothing was typed; a question the corpus's law does not reach
        gets an answer that says so, and what can be asked.
        """
        question = clean_question(question).strip()
        if not question:
            raise EmptyQuestion(
                "the question is empty: type a question, for example: what can I do about a hidden camera?"
            )
        understanding = understand(question, self.retriever.glossary, jurisdictions, history, self.cues)
        if not understanding.answerable:
            return self._nothing_to_answer(understanding)
        hits = self._retrieve(understanding.topic, understanding.jurisdictions)
        sources = SourceList(self.retriever.store)
        composed = compose(
            understanding, list(self.remedies), hits, sources, self.cues, self.retriever.places, all_options
        )
        user_documents = self._user_documents(understanding.topic, understanding.language, sources)
        written, warnings = self._write(understanding, composed, sources)
        return self._finish(understanding, written, composed, user_documents, sources, warnings)

    def _write(
        self, understanding: Understanding, composed: Composed, sources: SourceList
    ) -> tuple[Written, list[str]]:
        """The model's answer when one is configured and its direct answer survives verification; else the composer's."""
        offline = Written(composed.direct, composed.steps, composed.details, Writer.COMPOSER)
        if self.chat_model is None:
            return offline, []
        written, warnings = self._with_model(understanding, composed, sources)
        if written is None:
            return offline, warnings
        if "[" not in verify(written.direct, sources.sources).text:
            return offline, [*warnings, "the language model's answer could not be verified; offline answer shown"]
        return written, warnings

    def _finish(
        self,
        understanding: Understanding,
        written: Written,
        composed: Composed,
        user_documents: str,
        sources: SourceList,
        warnings: list[str],
    ) -> Answer:
        parts: list[str] = []
        for part in (written.direct, written.steps, written.details):
            checked = verify(part, sources.sources)
            warnings += checked.warnings
            parts.append(inert(checked.text))
        removed = len(warnings)
        if removed:  # the count only: warnings quote the answer, and questions are never logged
            log.warning("answer verification removed or replaced %d statement(s)", removed)
        direct, steps, details = parts
        disclaimer = f"---\n*{PHRASES[understanding.language]['disclaimer']}*"
        body = "\n\n".join(p for p in (direct, steps, details, inert(user_documents.strip())) if p)
        return Answer(
            understanding.question,
            understanding.language,
            understanding.jurisdictions,
            f"{body}\n\n{disclaimer}",
            _cited(body, sources.sources),
            warnings,
            list(understanding.conducts),
            [r.id for r in composed.remedies],
            direct=direct,
            steps=steps,
            details=details,
            question_type=understanding.question_type,
            written_by=written.writer,
        )

    def _nothing_to_answer(self, understanding: Understanding) -> Answer:
        """Off the corpus's law (or no words at all): say so in the asker's language, and what can be asked."""
        words = PHRASES[understanding.language]
        direct = f"{words['out_of_scope']}\n\n{words['examples']}"
        return Answer(
            understanding.question,
            understanding.language,
            (),
            f"{direct}\n\n---\n*{words['disclaimer']}*",
            [],
            direct=direct,
            question_type=understanding.question_type,
        )

    def compare(
        self, conduct: str, jurisdictions: tuple[str, ...] = ("CN", "KR", "US"), language: str = "en"
    ) -> Answer:
        """One conduct (a key like ``deepfake``, or words in any language) across jurisdictions."""
        conducts = [conduct] if conduct in CONDUCTS else self.retriever.glossary.conducts(conduct)
        if not conducts:
            conducts = list(CONDUCTS)
        sources = SourceList(self.retriever.store)
        table = compare_table(language, conducts, jurisdictions, list(self.remedies), sources)
        checked = verify(table, sources.sources)
        words = PHRASES[language]
        title = f"### {words['compare_title']}: " + ", ".join(CONDUCT_NAMES[c][language] for c in conducts)
        return Answer(
            conduct,
            language,
            jurisdictions,
            f"{title}\n\n{inert(checked.text)}\n\n---\n*{words['disclaimer']}*",
            _cited(checked.text, sources.sources),
            checked.warnings,
            conducts,
        )

    def _user_documents(self, question: str, language: str, sources: SourceList) -> str:
        """The user's own uploads, always labelled as theirs and never mixed into the law."""
        if self.user_retriever is None or self.user_retriever.store.count() == 0:
            return ""
        everything = Filters(jurisdictions=("USER", "CN", "KR", "US"))
        hits = [h for h in self.user_retriever.search(question, everything, 3) if "lexical" in h.found_by]
        if not hits:
            return ""
        lines = [f"- {h.citation} [{sources.cite_hit(h)}]" for h in hits]
        return f"\n\n**{PHRASES[language]['yours']}**\n" + "\n".join(lines)

    def _retrieve(self, question: str, jurisdictions: tuple[str, ...]) -> list[Hit]:
        hits: list[Hit] = []
        for jurisdiction in jurisdictions:
            hits += self.retriever.search(question, Filters(jurisdictions=(jurisdiction,)), HITS_PER_JURISDICTION)
        return sorted(hits, key=lambda h: -h.score)

    def _with_model(
        self, understanding: Understanding, composed: Composed, sources: SourceList
    ) -> tuple[Written | None, list[str]]:
        """The model rewrites the composer's answer from the same numbered provisions, in the same three parts."""
        chosen = list(composed.remedies)
        markers = {
            r.id: "".join(f"[{m}]" for p in r.provisions if (m := sources.cite_article(p.doc_id, p.article)))
            for r in chosen
        }
        messages = build_messages(
            understanding,
            remedy_notes(chosen, understanding.language, markers),
            composed,
            sources.sources,
        )
        assert self.chat_model is not None
        try:
            reply = self.chat_model.reply(messages)
        except Exception as error:  # any failure of an optional service: the offline answer stands
            return None, [f"the language model failed ({type(error).__name__}); offline answer shown"]
        sections = parse_sections(reply)
        if sections is None:
            return None, [
                "the language model's answer was not in the three parts asked for; offline answer shown"
            ] if reply.strip() else []
        return Written(*sections, Writer.MODEL), []


def inert(text: str) -> str:
    """Markdown that renders no HTML: a tag from a file name, a document or a model stays text."""
    return re.sub(r"<(?=[A-Za-z/!?])", "&lt;", text)


def _cited(text: str, sources: list[Source]) -> list[Source]:
    """Only the provisions the final text still cites, in marker order."""
    return [s for s in sources if f"[{s.marker}]" in text]
