"""``ask`` and ``compare``: question → plan → retrieve → match remedies → compose → verify.

Without a chat model the composer writes the answer; with one, the model rewrites it from the
same numbered provisions and the verifier decides what survives. Either way every answer ends
with the "not legal advice" line in the question's language.
"""

from __future__ import annotations

import dataclasses
import logging
import re
from dataclasses import dataclass, field
from typing import Any

from ..retrieval.glossary import JURISDICTION_LANGUAGE
from ..retrieval.search import Filters, Hit, Retriever, clean_question, plan_query
from .compose import compare_table, compose, select
from .llm import ChatModel, build_messages, remedy_notes
from .phrases import CONDUCT_NAMES, PHRASES
from .remedies import CONDUCTS, Remedy, default_remedies, matching_remedies
from .sources import Source, SourceList
from .verify import verify

log = logging.getLogger(__name__)
HITS_PER_JURISDICTION = 6
FOLLOW_UP_MAX_CHARS = 40


@dataclass
class Answer:
    question: str
    language: str
    jurisdictions: tuple[str, ...]
    text: str
    sources: list[Source]
    warnings: list[str] = field(default_factory=list)
    conducts: list[str] = field(default_factory=list)
    remedies: list[str] = field(default_factory=list)
    retrieval: str = "hybrid (BM25 + dense)"
    written_by: str = "offline composer"

    @property
    def disclaimer(self) -> str:
        return PHRASES[self.language]["disclaimer"]

    def as_json(self) -> dict[str, Any]:
        return {
            "answer": self.text,
            "language": self.language,
            "citations": [
                {"doc_id": s.doc_id, "article": s.article, "citation": s.citation, "quote": s.quote}
                for s in self.sources
            ],
            "jurisdictions": list(self.jurisdictions),
            "warnings": self.warnings,
            "written_by": self.written_by,
        }


class AnswerEngine:
    def __init__(
        self,
        retriever: Retriever,
        chat_model: ChatModel | None = None,
        remedies: tuple[Remedy, ...] | None = None,
        user_retriever: Retriever | None = None,
    ) -> None:
        self.retriever = retriever
        self.user_retriever = user_retriever
        self.chat_model = chat_model
        self.remedies = remedies if remedies is not None else default_remedies()

    def ask(self, question: str, jurisdictions: tuple[str, ...] = (), history: list[str] | None = None) -> Answer:
        """``jurisdictions`` is the user's selection; ``history`` the earlier questions of the chat."""
        question = clean_question(question)
        glossary = self.retriever.glossary
        plan = plan_query(question, glossary, jurisdictions)
        conducts = glossary.conducts(question)
        topic = question
        if history and not conducts and len(question) <= FOLLOW_UP_MAX_CHARS:
            # "and in Korea?": the topic comes from the previous question, the jurisdiction from this one
            topic = f"{history[-1]} {question}"
            conducts = glossary.conducts(topic)
            if not plan.named_jurisdictions:
                plan = plan_query(topic, glossary, jurisdictions)
        # all asked jurisdictions are answered; the reader's own comes first (its language is only an order)
        order = tuple(sorted(plan.jurisdictions, key=lambda j: JURISDICTION_LANGUAGE[j] != plan.language))
        plan = dataclasses.replace(plan, jurisdictions=order)
        hits = self._retrieve(topic, plan.jurisdictions)
        retrieved = {(h.doc_id, (h.article or "").lower()) for h in hits}
        states = tuple(glossary.states(topic))
        remedies = matching_remedies(self.remedies, plan.jurisdictions, conducts, retrieved, states)
        sources = SourceList(self.retriever.store)
        offline = compose(plan.language, plan.jurisdictions, remedies, hits, sources)
        offline += self._user_documents(topic, plan.language, sources)
        if len(plan.named_jurisdictions) > 1 and conducts:
            table = compare_table(plan.language, conducts, plan.named_jurisdictions, list(self.remedies), sources)
            offline = f"{table}\n\n{offline}"
        answer = Answer(
            question,
            plan.language,
            plan.jurisdictions,
            offline,
            [],
            conducts=conducts,
            remedies=[r.id for r in remedies],
        )
        text = offline
        if self.chat_model is not None:
            text = self._with_model(question, plan.language, plan.jurisdictions, remedies, sources, answer) or offline
        checked = verify(text, sources.sources)
        if text is not offline and "[" not in checked.text:
            answer.warnings += [
                *checked.warnings,
                "the language model's answer could not be verified; offline answer shown",
            ]
            answer.written_by = "offline composer"
            checked = verify(offline, sources.sources)
        answer.warnings += checked.warnings
        if checked.warnings:  # the count only: warnings quote the answer, and questions are never logged
            log.warning("answer verification removed %d unsupported statement(s)", len(checked.warnings))
        answer.text = f"{inert(checked.text)}\n\n---\n*{answer.disclaimer}*"
        answer.sources = _cited(checked.text, sources.sources)
        return answer

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
        self,
        question: str,
        language: str,
        jurisdictions: tuple[str, ...],
        remedies: list[Remedy],
        sources: SourceList,
        answer: Answer,
    ) -> str | None:
        chosen = [r for j in jurisdictions for r in select(remedies, j)]
        markers = {
            r.id: "".join(f"[{m}]" for p in r.provisions if (m := sources.cite_article(p.doc_id, p.article)))
            for r in chosen
        }
        messages = build_messages(
            question, language, list(jurisdictions), remedy_notes(chosen, language, markers), sources.sources
        )
        assert self.chat_model is not None
        try:
            text = self.chat_model.reply(messages)
        except Exception as error:  # any failure of an optional service: the offline answer stands
            answer.warnings.append(f"the language model failed ({type(error).__name__}); offline answer shown")
            return None
        if not text.strip():
            return None
        answer.written_by = "language model, verified"
        return text


def inert(text: str) -> str:
    """Markdown that renders no HTML: a tag from a file name, a document or a model stays text."""
    return re.sub(r"<(?=[A-Za-z/!?])", "&lt;", text)


def _cited(text: str, sources: list[Source]) -> list[Source]:
    """Only the provisions the final text still cites, in marker order."""
    return [s for s in sources if f"[{s.marker}]" in text]
