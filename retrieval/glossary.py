"""The zh/ko/en glossary of this field's legal terms: cross-lingual expansion and topic detection.

BM25 cannot cross languages and a small multilingual embedder does so only partly, so a
question's terms are looked up here and the same concept's terms in each target jurisdiction's
language are added to the lexical query (偷拍 → 불법촬영 → voyeurism).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..ingest.tokenize import tokenize_en
from ..settings import CORPUS_DIR

GLOSSARY_FILE = CORPUS_DIR / "glossary.json"
JURISDICTION_LANGUAGE = {"CN": "zh", "KR": "ko", "US": "en"}
_JURISDICTION_CONCEPT = re.compile(r"^jurisdiction-(cn|kr|us)$")
_STATE_CONCEPT = re.compile(r"^jurisdiction-(us-[a-z]{2})$")


@dataclass(frozen=True)
class Concept:
    name: str
    conduct: str | None
    terms: dict[str, tuple[str, ...]]
    remedy: str | None = None  # the kind of remedy the words ask for (删除 → takedown)

    def matches(self, question: str) -> bool:
        # a jurisdiction's terms are names, not words: "federal" is no stem of "women's federation"
        stems = None if self.name.startswith("jurisdiction-") else f" {_stems(question.lower())} "
        return any(_term_in(term, question, stems) for terms in self.terms.values() for term in terms)


@cache
def _stems(text: str) -> str:
    return " ".join(tokenize_en(text))


def _term_in(term: str, text: str, text_stems: str | None) -> bool:
    """English terms match on stems (insult ~ insulting), or without ``text_stems`` as names, whole
    words in any case (a plural or possessive too: Americans, Texas's); acronyms (US, FTC) as
    written, in whole words; Chinese and Korean terms as substrings."""
    if sum(c.isupper() for c in term) >= 2:
        return re.search(rf"(?<![A-Za-z]){re.escape(term)}(?![A-Za-z])", text) is not None
    if re.fullmatch(r"[A-Za-z0-9 .'$,\-]+", term):
        stems = _stems(term.lower())
        # "recorded me in", "pay them", "under 18": a phrase of common words, as one stem, would match any
        # "record", "pay" or "18"; such a phrase matches as written, like a name
        if text_stems is None or (" " in term.strip() and " " not in stems):
            return re.search(rf"(?<![A-Za-z]){re.escape(term)}(?:'?s)?(?![A-Za-z])", text, re.IGNORECASE) is not None
        return bool(stems) and f" {stems} " in text_stems
    return term.lower() in text.lower()


class Glossary:
    CACHED_QUESTIONS = 1024  # a search asks about one question several times (plan, names, prior)

    def __init__(self, concepts: list[Concept]) -> None:
        self.concepts = concepts
        self._matching: dict[str, tuple[Concept, ...]] = {}

    def matching(self, question: str) -> tuple[Concept, ...]:
        """Every concept the question mentions, jurisdictions included; computed once per question."""
        found = self._matching.get(question)
        if found is None:
            if len(self._matching) >= self.CACHED_QUESTIONS:
                self._matching.clear()
            found = self._matching[question] = tuple(c for c in self.concepts if c.matches(question))
        return found

    @classmethod
    def load(cls, path: Path = GLOSSARY_FILE) -> Glossary:
        rows = json.loads(path.read_text(encoding="utf-8"))
        return cls(
            [
                Concept(
                    row["concept"],
                    row.get("conduct"),
                    {lang: tuple(row.get(lang, ())) for lang in ("zh", "ko", "en")},
                    row.get("remedy"),
                )
                for row in rows
            ]
        )

    def matched(self, question: str) -> list[Concept]:
        return [c for c in self.matching(question) if not c.name.startswith("jurisdiction-")]

    def jurisdictions(self, question: str) -> list[str]:
        """Jurisdictions the question names ("in Korea", "美国", "중국"), in canonical order."""
        named = {m.group(1).upper() for c in self.matching(question) if (m := _JURISDICTION_CONCEPT.match(c.name))}
        return [j for j in JURISDICTION_LANGUAGE if j in named]

    def states(self, question: str) -> list[str]:
        """US states the question names ("in California", "纽约"), as US-CA, US-NY …"""
        return sorted(m.group(1).upper() for c in self.matching(question) if (m := _STATE_CONCEPT.match(c.name)))

    def conducts(self, question: str) -> list[str]:
        return sorted({c.conduct for c in self.matched(question) if c.conduct})

    def remedy_types(self, question: str) -> list[str]:
        return sorted({c.remedy for c in self.matched(question) if c.remedy})

    def expansion(self, question: str, languages: list[str], per_concept: int | None = None) -> dict[str, list[str]]:
        """For each target language, the terms (the first ``per_concept`` of each) of the concepts mentioned."""
        concepts = self.matched(question)
        return {lang: [t for c in concepts for t in c.terms.get(lang, ())[:per_concept]] for lang in languages}


@cache
def default_glossary() -> Glossary:
    return Glossary.load()
