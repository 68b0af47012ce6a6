"""Drafts a survivor can send: a takedown notice, a police report, an evidence log.

Each is assembled from the reviewed blocks in ``draft_texts`` and, for the offences to name, the
reviewed remedy entries; every legal statement carries the marker of the provision it rests on
and passes the same verifier as an answer. The verifier reads the draft before the user's facts
are filled in: what a survivor types is never read as law, and a 第…条 in their own account
cannot make a sentence of the law disappear. Nothing is stored: facts and files live only in
the call that drafts.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..ingest.store import VectorStore
from .compose import remedy_block, remedy_line
from .draft_texts import (
    EVIDENCE_HEADER,
    EVIDENCE_INTRO,
    EVIDENCE_NOTES,
    FACT_LABELS,
    KINDS,
    MISSING,
    OFFENCES_NONE,
    OFFENCES_PICK,
    POLICE_REPORT,
    REPORT_CONDUCTS,
    TAKEDOWN,
    TITLES,
    Block,
)
from .engine import Answer, _cited, inert
from .phrases import PHRASES
from .remedies import REPORTING_ENTRIES, Remedy, default_remedies
from .sources import Source, SourceList
from .verify import verify

JURISDICTIONS = ("CN", "KR", "US")
LANGUAGES = ("zh", "ko", "en")
EVIDENCE_COLUMNS = ("when", "url", "platform", "account", "what")  # then the capture's name and hash
BLANK_ROWS = 3  # room to log later finds by hand
_CITE = re.compile(r"\[\[([\w.\-]+) ([\w.\-]+)\]\]")
_FACT = re.compile(r"\{(\w+)\}")
_CHUNK = 1 << 20


@dataclass(frozen=True)
class EvidenceFile:
    """A capture's name and SHA-256, computed where the file is; the file itself is never kept."""

    name: str
    sha256: str

    @classmethod
    def of_bytes(cls, name: str, data: bytes) -> EvidenceFile:
        return cls(name, hashlib.sha256(data).hexdigest())

    @classmethod
    def of_path(cls, path: Path) -> EvidenceFile:
        digest = hashlib.sha256()
        with path.open("rb") as file:
            while chunk := file.read(_CHUNK):
                digest.update(chunk)
        return cls(path.name, digest.hexdigest())


@dataclass
class Draft:
    kind: str
    jurisdiction: str
    language: str
    text: str
    sources: list[Source]
    warnings: list[str] = field(default_factory=list)

    @property
    def title(self) -> str:
        return f"{TITLES[self.kind][self.language]} ({PHRASES[self.language][self.jurisdiction]})"

    def as_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "jurisdiction": self.jurisdiction,
            "language": self.language,
            "text": self.text,
            "citations": self.as_answer().as_json()["citations"],  # one citation shape for all
        }

    def as_answer(self) -> Answer:
        """The shape ``export.to_markdown`` / ``to_docx`` save, so a draft downloads like an answer."""
        return Answer(
            question=self.title,
            language=self.language,
            jurisdictions=(self.jurisdiction,),
            text=self.text,
            sources=self.sources,
            warnings=self.warnings,
        )


def fact_keys(kind: str, jurisdiction: str, language: str = "en") -> list[str]:
    """The blanks a draft has, in the order it asks for them: what a form should offer to fill."""
    if kind == "evidence-log":
        return list(EVIDENCE_COLUMNS)
    blocks = (TAKEDOWN if kind == "takedown" else POLICE_REPORT)[jurisdiction]
    return list(dict.fromkeys(key for block in blocks for key in _FACT.findall(block[language])))


def write_draft(
    store: VectorStore,
    kind: str,
    jurisdiction: str,
    language: str,
    facts: Mapping[str, str] | None = None,
    evidence: Iterable[EvidenceFile] = (),
    remedies: tuple[Remedy, ...] | None = None,
) -> Draft:
    """``facts`` fills the blanks (keys as in ``FACT_LABELS``, plus ``conduct`` for the offences)."""
    if kind not in KINDS or jurisdiction not in JURISDICTIONS or language not in LANGUAGES:
        raise ValueError(f"no draft {kind!r} for {jurisdiction!r} in {language!r}")
    facts = {k: v for k, v in (facts or {}).items() if v and v.strip()}
    sources = SourceList(store)
    warnings: list[str] = []
    if kind == "evidence-log":
        blocks = [EVIDENCE_INTRO, EVIDENCE_NOTES[jurisdiction]]
    else:
        blocks = (TAKEDOWN if kind == "takedown" else POLICE_REPORT)[jurisdiction]
    parts = []
    for block in blocks:
        if block[language] == "@offences":
            parts.append(_offences(jurisdiction, language, facts.get("conduct"), remedies, sources))
        else:
            parts.append(_cite(block, language, sources, warnings))
    checked = verify("\n\n".join(parts), sources.sources)
    body = _fill(checked.text, language, facts)
    if kind == "evidence-log":
        body = body.replace("\n\n###", f"\n\n{_evidence_table(language, facts, evidence)}\n\n###", 1)
    text = f"{_line_breaks(body)}\n\n---\n*{PHRASES[language]['disclaimer']}*"
    return Draft(kind, jurisdiction, language, text, _cited(checked.text, sources.sources), warnings + checked.warnings)


def _cite(block: Block, language: str, sources: SourceList, warnings: list[str]) -> str:
    """A block with its citations as markers; left out, with a note, if the corpus lacks one."""
    text = block[language]
    markers = {key: sources.cite_article(*key) for key in _CITE.findall(text)}
    for (doc_id, article), marker in markers.items():
        if marker is None:
            warnings.append(f"left out: {doc_id} {article} is not in the corpus")
            return MISSING[language].format(doc_id=doc_id)
    return _CITE.sub(lambda m: f"[{markers[(m.group(1), m.group(2))]}]", text)


def _offences(
    jurisdiction: str, language: str, conduct: str | None, remedies: tuple[Remedy, ...] | None, sources: SourceList
) -> str:
    """The criminal (and, in China, public-order) entries for the conduct, in the entries' own words."""
    conducts = (conduct,) if conduct else REPORT_CONDUCTS
    chosen = [
        r
        for r in (remedies if remedies is not None else default_remedies())
        if r.jurisdiction == jurisdiction
        and r.type in ("criminal", "administrative")
        and set(r.conduct) & set(conducts)
        and all(c in conducts for c in r.only_for)
        and not (r.type == "administrative" and jurisdiction != "CN")
        and "platform-hosting" not in r.conduct
        and r.id not in REPORTING_ENTRIES
    ]
    if not chosen:
        return OFFENCES_NONE[language]
    if not conduct:  # every offence in full would run to pages: their names, to keep those that fit
        return "\n".join([OFFENCES_PICK[language], *(remedy_line(r, language, sources) for r in chosen)])
    return "\n".join(line for remedy in chosen for line in remedy_block(remedy, language, sources)[:2])


def _blank(key: str, language: str) -> str:
    label = FACT_LABELS.get(key, {}).get(language, key)
    return f"[ {label}: ________ ]"


def _fill(text: str, language: str, facts: Mapping[str, str]) -> str:
    def fact(match: re.Match[str]) -> str:
        key = match.group(1)
        return inert(facts[key].strip()) if key in facts else _blank(key, language)

    return _FACT.sub(fact, text)


def _line_breaks(text: str) -> str:
    """A letter's lines (To:, Date:, Signature:) stay lines in Markdown, which otherwise joins them."""
    lines = text.split("\n")
    return "\n".join(
        f"{line}  "
        if line.strip() and i + 1 < len(lines) and lines[i + 1].strip() and not line.startswith("|")
        else line
        for i, line in enumerate(lines)
    )


def _evidence_table(language: str, facts: Mapping[str, str], evidence: Iterable[EvidenceFile]) -> str:
    def cell(value: str) -> str:
        return inert(value).replace("|", "/").replace("\n", " ")

    given = [cell(facts[c]) if c in facts else "" for c in EVIDENCE_COLUMNS]
    rows = [EVIDENCE_HEADER[language], "|---" * 7 + "|"]
    rows += [f"| {' | '.join(given)} | {cell(f.name)} | `{f.sha256}` |" for f in evidence]
    rows += ["|" + "  |" * 7] * BLANK_ROWS
    return "\n".join(rows)
