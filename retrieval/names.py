"""What a question names: a statute (in any of the three languages), an article of it, the US
federal level or a state, a place that points to a country.

A survivor who writes "China's public security administration law" or "제14조의3" or "Tex. Penal
Code § 21.16" has told search exactly where to look; the embedder and BM25 alone would treat those
words as any others. The names are data (``corpus/statute_names.json``,
``corpus/jurisdiction_names.json``), so a new statute needs no code.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..legal_units import CN_NUMERAL, cn_to_int
from ..settings import CORPUS_DIR

STATUTE_NAMES_FILE = CORPUS_DIR / "statute_names.json"
JURISDICTION_NAMES_FILE = CORPUS_DIR / "jurisdiction_names.json"
FEDERAL = "US"  # the federal level, as a place below the country: a document whose full jurisdiction is plain US
HOME = {"zh": "CN", "ko": "KR", "en": "US"}

_NUMBER = rf"(\d+|{CN_NUMERAL})"
_ARTICLE_PATTERNS = (
    # 第364条, 第三百六十四条, 第二百五十三条之一
    re.compile(rf"第\s*{_NUMBER}\s*条(?:\s*之\s*{_NUMBER})?"),
    # 제14조의3, 14조의2, 647조
    re.compile(r"(?:제\s?)?(\d+)\s?조(?:\s?의\s?(\d+))?"),
    # Article 364, Art. 14-3, article 14(3) is paragraph 3: only the article
    re.compile(r"\b(?:Articles?|Arts?\.)\s*(\d+)(?:-(\d+))?", re.IGNORECASE),
)
# US sections: § 223(h), Sec. 21.16, section 1708.85, RCW 9A.86.010, 740 ILCS 190/10, § 52-c
_SECTION = re.compile(
    r"(?:§{1,2}|\bsec(?:tion|s?\.)?|\bILCS\s+\d+/)\s*(\d[0-9A-Za-z]*(?:[.\-][0-9A-Za-z]+)*)", re.IGNORECASE
)
_DOTTED = re.compile(r"(?<![\w.])(\d+[A-Z]?\.\d+(?:\.\d+)?)(?![\w])")  # 1708.85, 21.165, 9A.86.010, 836.13


@dataclass(frozen=True)
class Names:
    """What a question names. ``articles`` are article keys as the splitter writes them
    (364, 14-3, 21.16); ``sections`` the subset written the US way, which name a provision
    without its statute (§ 223 is 47 U.S.C. § 223 wherever it is asked)."""

    countries: tuple[str, ...] = ()  # CN, KR, US named through a place, a state or "federal"
    places: tuple[str, ...] = ()  # "US" for federal, US-CA …
    documents: tuple[str, ...] = ()  # doc ids named by a statute's name
    articles: tuple[str, ...] = ()
    sections: tuple[str, ...] = ()
    elsewhere: tuple[str, ...] = ()  # places whose law the corpus does not hold: HK, JP …


@dataclass(frozen=True)
class _Name:
    doc_id: str
    jurisdiction: str
    text: str


class NameBook:
    """The names of statutes and places, matched the way people write them: English in whole words
    and any case, Chinese and Korean as substrings with spaces ignored (성폭력 처벌법 = 성폭력처벌법)."""

    def __init__(self, statutes: dict[str, dict[str, list[str]]], places: dict[str, object]) -> None:
        self.statutes = [
            _Name(doc_id, _jurisdiction_of(doc_id), name)
            for doc_id, names in statutes.items()
            for language in ("zh", "ko", "en")
            for name in names.get(language, ())
        ]
        self.federal: list[str] = [n for names in places["federal"].values() for n in names]  # type: ignore[attr-defined]
        self.states: dict[str, dict[str, list[str]]] = places["states"]  # type: ignore[assignment]
        self.elsewhere: dict[str, dict[str, list[str]]] = places["elsewhere"]  # type: ignore[assignment]
        self.places: list[tuple[str, str]] = [
            (code, name)
            for group in ("places", "states")
            for code, names in places[group].items()  # type: ignore[attr-defined]
            for language_names in names.values()
            for name in language_names
        ]

    @classmethod
    def load(cls, statutes: Path = STATUTE_NAMES_FILE, places: Path = JURISDICTION_NAMES_FILE) -> NameBook:
        return cls(json.loads(statutes.read_text(encoding="utf-8")), json.loads(places.read_text(encoding="utf-8")))

    def place_name(self, code: str, language: str) -> str:
        """A state's or another place's name as the asker's language writes it first (US-OH → Ohio,
        俄亥俄, 오하이오; JP → Japan, 日本, 일본)."""
        names = self.states.get(code) or self.elsewhere[code]
        return (names.get(language) or names["en"])[0]

    def read(self, question: str, language: str, countries: Iterable[str] = ()) -> Names:
        """``countries``: those the question names in words (the glossary's "in Korea", "美国")."""
        folded = _fold(question)
        places = {code for code, name in self.places if _contains(question, folded, name)}
        if any(_contains(question, folded, name) for name in self.federal):
            places.add(FEDERAL)
        named_countries = {*countries, *(p.split("-")[0] for p in places)}
        matched = [n for n in self.statutes if _contains(question, folded, n.text)]
        documents = _disambiguated(matched, named_countries, HOME.get(language))
        if len({_jurisdiction_of(d) for d in documents}) == 1:  # "성폭력처벌법" names Korea too
            named_countries.add(_jurisdiction_of(documents[0]))
        articles, sections = _articles(question)
        elsewhere = [
            code
            for code, names in self.elsewhere.items()
            if any(_contains(question, folded, name) for language_names in names.values() for name in language_names)
        ]
        return Names(
            tuple(c for c in ("CN", "KR", "US") if c in named_countries),
            tuple(sorted(places)),
            tuple(documents),
            tuple(articles),
            tuple(sections),
            tuple(elsewhere),
        )


def _jurisdiction_of(doc_id: str) -> str:
    return doc_id.split("-")[0].upper()


def _fold(text: str) -> str:
    return re.sub(r"[\s·ㆍ・]+", "", text).lower()


def _contains(text: str, folded: str, name: str) -> bool:
    patterns = _patterns(name)
    if patterns:
        return any(pattern.search(text) is not None for pattern in patterns)
    return _fold(name) in folded


@cache
def _patterns(name: str) -> tuple[re.Pattern[str], ...]:
    """How an English name is found, compiled once: a name book has thousands, more than ``re``'s own
    cache keeps, and compiling them on every question was most of a search's time. Chinese and
    Korean names have none: they match as substrings with spaces ignored."""
    if re.fullmatch(r"[A-Z]{2}", name):  # a state's code: capitals, on its own (TX, not "tx" in "text")
        # or as an address writes it in lower case, after a place and before a stop: "lubbock tx, a match …"
        return (
            re.compile(rf"(?<![A-Za-z]){name}(?![A-Za-z])"),
            re.compile(rf"(?<![\w'])[a-z]+,?\s+{name.lower()}(?=\s*(?:[,.;:!?)\-–—]|$))"),
        )
    if re.fullmatch(r"[\x00-\x7f]+", name):
        pattern = r"\s+".join(re.escape(word) for word in name.split())
        # an abbreviation only as written: "in LA." ends a sentence about Los Angeles, not Louisiana ("La.")
        flags = 0 if name.endswith(".") else re.IGNORECASE
        return (re.compile(rf"(?<![A-Za-z0-9]){pattern}(?![A-Za-z0-9])", flags),)
    return ()


def _disambiguated(matched: list[_Name], countries: set[str], home: str | None) -> list[str]:
    """A name inside a longer matched name gives way to it (刑法 in 韩国刑法, 형법 in 중국 형법); a name
    two countries share (형법, Criminal Law) goes to the country the question names, else to the
    country of the question's language, else to neither."""
    kept = [n for n in matched if not any(_fold(n.text) in _fold(o.text) != _fold(n.text) for o in matched)]
    docs = list(dict.fromkeys(n.doc_id for n in kept))
    if countries:
        return [d for d in docs if _jurisdiction_of(d) in countries]
    if len({_jurisdiction_of(d) for d in docs}) <= 1:
        return docs
    return [d for d in docs if _jurisdiction_of(d) == home]


def _articles(question: str) -> tuple[list[str], list[str]]:
    articles: list[str] = []
    for pattern in _ARTICLE_PATTERNS:
        for m in pattern.finditer(question):
            main, sub = m.group(1), m.group(2)
            articles.append(f"{_int(main)}-{_int(sub)}" if sub else str(_int(main)))
    sections = [m.group(1).rstrip(".") for m in _SECTION.finditer(question)]
    sections += [m.group(1) for m in _DOTTED.finditer(question)]
    return list(dict.fromkeys(articles + sections)), list(dict.fromkeys(sections))


def articles_named(text: str) -> list[str]:
    """Every article or section key the text names, in any notation (第364条, 제14조의3, Sec. 7, 9A.86.010)."""
    return _articles(text)[0]


def _int(number: str) -> int:
    return int(number) if number.isdigit() else cn_to_int(number)


@cache
def default_name_book() -> NameBook:
    return NameBook.load()
