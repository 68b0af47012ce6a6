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
from ..legal_units import CN_NUMERAL, cn_to_int
from ..settings import CORPUS_DIR

GLOSSARY_FILE = CORPUS_DIR / "glossary.json"
JURISDICTION_LANGUAGE = {"CN": "zh", "KR": "ko", "US": "en"}
_JURISDICTION_CONCEPT = re.compile(r"^jurisdiction-(cn|kr|us)$")
_STATE_CONCEPT = re.compile(r"^jurisdiction-(us-[a-z]{2})$")
_UNITS = (  # what follows a number that is no age: "is 10 years in prison", "is 3 to 7", "is 10 million won"
    r"(?:(?:years?|yrs?|months?|weeks?|days?|hours?|hrs?|minutes?|mins?|times?|am|pm|percent|k|th|st|nd|rd"
    r"|hundred|thousand|million|billion|won|dollars?|yuan)\b|%|(?:to|or|-|–)\s*\d)"
)
_STATED_AGES = (
    re.compile(r"(?<![\d.,])(\d{1,2})\s*-?\s*(?:years?|yrs?)\s*-?\s*old\b", re.IGNORECASE),  # 13 years old, 15-year-old
    re.compile(r"(?<![\d.,])(\d{1,2})\s*(?:yo|y/o|y\.o\.)(?![a-z])", re.IGNORECASE),  # my 12 yo
    re.compile(  # im 15, she's 14, my sister is 15, aged 16: not "he's 6 months", "is 10 years in prison"
        r"\b(?:i'?m|i am|\w+'s|is|was|aged?)(?: only| just)?"
        rf"\s+(\d{{1,2}})(?!\d|[.,:]\d)(?!\s*{_UNITS})",
        re.IGNORECASE,
    ),
    re.compile(rf"(\d{{1,2}}|{CN_NUMERAL})\s*周?岁"),  # 16岁, 十五周岁
    re.compile(r"(\d{1,2})\s*(?:살|세)(?![가-힣])|(\d{1,2})\s*(?:살|세)(?=[이은는인의야에])"),  # 15살, 만 14세
    re.compile(r"(열|열한|열두|열세|열네|열다섯|열여섯|열일곱)\s*살"),
)
_KOREAN_AGES = {"열": 10, "열한": 11, "열두": 12, "열세": 13, "열네": 14, "열다섯": 15, "열여섯": 16, "열일곱": 17}


def stated_ages(text: str) -> list[int]:
    """The ages a question states ("I'm 15", "my 13 yo", "16岁", "열다섯 살"), for a child's law to apply
    where no word says "minor": survivors give their age, not their legal status."""
    ages: list[int] = []
    for pattern in _STATED_AGES:
        for match in pattern.finditer(text):
            said = next(g for g in match.groups() if g)
            ages.append(int(said) if said.isdigit() else _KOREAN_AGES.get(said) or cn_to_int(said))
    return ages


@dataclass(frozen=True)
class Concept:
    name: str
    conduct: str | None
    terms: dict[str, tuple[str, ...]]
    remedy: str | None = None  # the kind of remedy the words ask for (删除 → takedown)
    ages_below: int | None = None  # a stated age below it mentions the concept ("I'm 15": a minor)

    def matches(self, question: str) -> bool:
        return self.said(question) or self.implied(question)

    def said(self, question: str) -> bool:
        # a jurisdiction's terms are names, not words: "federal" is no stem of "women's federation"
        stems = None if self.name.startswith("jurisdiction-") else f" {_stems(question.lower())} "
        return any(_term_in(term, question, stems) for terms in self.terms.values() for term in terms)

    def implied(self, question: str) -> bool:
        return self.ages_below is not None and any(age < self.ages_below for age in stated_ages(question))


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
                    row.get("ages_below"),
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

    def implied_words(self, question: str, language: str) -> list[str]:
        """The first word of each concept the question implies but does not say ("I'm 15": "minor"),
        for the retrievers to read with it (its first three: dev MRR 0.750 → 0.746)."""
        return [c.terms[language][0] for c in self.matched(question) if c.terms.get(language) and not c.said(question)]

    def expansion(self, question: str, languages: list[str], per_concept: int | None = None) -> dict[str, list[str]]:
        """For each target language, the terms (the first ``per_concept`` of each) of the concepts mentioned."""
        concepts = self.matched(question)
        return {lang: [t for c in concepts for t in c.terms.get(lang, ())[:per_concept]] for lang in languages}


@cache
def default_glossary() -> Glossary:
    return Glossary.load()
