"""The optional chat model: Ollama or any OpenAI-compatible endpoint, through LangChain.

The model only ever rewrites what the offline composer would say, from the same numbered
provisions; its output goes through the verifier, and any failure falls back to the composer.
"""

from __future__ import annotations

import threading
from concurrent.futures import Future
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import HumanMessage, SystemMessage

from ..errors import UsageError
from ..settings import PROMPTS_DIR, LLMSettings
from .remedies import Remedy
from .sources import Source
from .tokens import count_tokens, truncate

if TYPE_CHECKING:
    from .compose import Composed
    from .understand import Understanding

LANGUAGE_NAMES = {"zh": "Chinese (简体中文)", "ko": "Korean (한국어)", "en": "English"}
QUOTE_TOKENS = 500  # of one provision, in the LLM's tokens
PROVISIONS_BUDGET = 8000  # all provisions together: fits an 8k-16k context with the answer


@dataclass(frozen=True)
class ChatModel:
    """A LangChain chat model, and how long one whole reply may take.

    The HTTP clients' timeouts bound each read, not the call: an endpoint that sends a byte a
    second would hold a survivor's answer forever. The deadline bounds the call; a late reply's
    thread is abandoned, and the offline answer is shown.
    """

    model: BaseChatModel
    timeout: float = 60.0

    def reply(self, messages: list[SystemMessage | HumanMessage] | str) -> str:
        future: Future[Any] = Future()

        def call() -> None:
            try:
                future.set_result(self.model.invoke(messages))
            except BaseException as error:  # handed to the caller below
                future.set_exception(error)

        threading.Thread(target=call, name="llm-call", daemon=True).start()
        try:
            content = future.result(timeout=self.timeout).content
        except TimeoutError:
            raise TimeoutError(f"no reply within {self.timeout:g} s") from None
        return content if isinstance(content, str) else "".join(str(part) for part in content)


def make_chat_model(settings: LLMSettings) -> ChatModel | None:
    """None when no model is configured: the product works without one."""
    if not settings.provider:
        return None
    return ChatModel(_langchain_model(settings), settings.timeout)


def _langchain_model(settings: LLMSettings) -> BaseChatModel:
    if settings.provider == "ollama":
        from langchain_ollama import ChatOllama

        kwargs: dict[str, Any] = {
            "model": settings.model,
            "temperature": 0,
            "client_kwargs": {"timeout": settings.timeout},
        }
        if settings.base_url:
            kwargs["base_url"] = settings.base_url
        return ChatOllama(**kwargs)
    if settings.provider == "openai":
        from langchain_openai import ChatOpenAI

        return ChatOpenAI(
            model=settings.model,
            base_url=settings.base_url or None,
            api_key=settings.api_key or "not-needed",  # type: ignore[arg-type]
            timeout=settings.timeout,
            max_retries=0,
            temperature=0,
        )
    raise UsageError(f"unknown LLM provider {settings.provider!r} (use ollama or openai)")


def _template(name: str) -> str:
    return (PROMPTS_DIR / name).read_text(encoding="utf-8")


SECTION_MARKS = ("[[DIRECT]]", "[[STEPS]]", "[[DETAILS]]")


def build_messages(
    understanding: Understanding, remedies_text: str, draft: Composed, sources: list[Source]
) -> list[SystemMessage | HumanMessage]:
    """The question read, the composer's draft in its three parts, and the numbered provisions."""
    blocks: list[str] = []
    budget = PROVISIONS_BUDGET
    for s in sources:
        block = f"[{s.marker}] {s.citation} ({s.title})\n<<<\n{truncate(s.quote, QUOTE_TOKENS)}\n>>>"
        budget -= count_tokens(block)
        if budget < 0:
            break
        blocks.append(block)
    provisions = "\n\n".join(blocks)
    system = _template("answer_system.md").format(language_name=LANGUAGE_NAMES[understanding.language])
    user = _template("answer_user.md").format(
        question=understanding.question,
        question_type=understanding.question_type,
        situation=", ".join(sorted(understanding.situation)) or "(not given)",
        jurisdictions=", ".join(understanding.jurisdictions),
        remedies=remedies_text or "(none)",
        draft="\n\n".join(part for part in (draft.direct, draft.steps) if part) or "(none)",
        provisions=provisions or "(none)",
    )
    return [SystemMessage(system), HumanMessage(user)]


def parse_sections(reply: str) -> tuple[str, str, str] | None:
    """The model's reply cut at the three section marks; None when the direct answer is missing."""
    positions = [reply.find(mark) for mark in SECTION_MARKS]
    if positions[0] < 0:
        return None
    parts: list[str] = []
    for index, mark in enumerate(SECTION_MARKS):
        start = positions[index]
        if start < 0:
            parts.append("")
            continue
        later = [p for p in positions[index + 1 :] if p > start]
        parts.append(reply[start + len(mark) : min(later, default=len(reply))].strip())
    return (parts[0], parts[1], parts[2]) if parts[0] else None


def remedy_notes(remedies: list[Remedy], language: str, markers: dict[str, str]) -> str:
    return "\n".join(f"- {r.name[language]}: {r.summary[language]} {markers.get(r.id, '')}" for r in remedies)
