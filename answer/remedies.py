"""The structured remedy knowledge in ``corpus/remedies``: what a survivor can do, and on which provisions.

Each entry was written from the provisions it names; a test proves every one of them exists in
the corpus, so the offline answer can rest on these entries without a language model.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from ..retrieval.glossary import Glossary
from ..retrieval.search import Prior, QueryPlan
from ..settings import CORPUS_DIR

REMEDIES_DIR = CORPUS_DIR / "remedies"
REMEDY_TYPES = ("criminal", "civil", "administrative", "takedown", "protective-order", "victim-support")
REPORTING_ENTRIES = frozenset({"cn-criminal-reporting-procedure"})  # criminal by type: how to report, no offence
MINORS = "minors"  # a conduct, and the circumstance a question most often implies without saying it
CONDUCTS = (
    "covert-filming",
    "distribution",
    "threats",
    "extortion",
    "deepfake",
    "possession",
    "minors",
    "insult-defamation",
    "personal-information",
    "stalking",
    "platform-hosting",
)
Localized = dict[str, str]


@dataclass(frozen=True)
class Provision:
    doc_id: str
    article: str
    paragraph: str | None = None

    @property
    def key(self) -> tuple[str, str]:
        """As search's hits name an article: "14-2", "223a", "9a.86.010" (lower case)."""
        return self.doc_id, self.article.lower()


@dataclass(frozen=True)
class Remedy:
    id: str
    jurisdiction: str
    type: str
    conduct: tuple[str, ...]
    name: Localized
    summary: Localized
    gives: Localized
    who: Localized
    conditions: Localized
    provisions: tuple[Provision, ...]
    caveats: Localized | None = None
    only_for: tuple[str, ...] = ()  # e.g. ("minors",): applies only when the question is about a child
    general: bool = False  # general law that a special law displaces where both apply (형법 협박죄 vs 성폭력처벌법)
    needs: tuple[str, ...] = ()  # situations a narrow offence needs (a spy device, selling): unstated, it does not lead

    @property
    def base_jurisdiction(self) -> str:
        return self.jurisdiction.split("-")[0]

    @property
    def type_order(self) -> int:
        """Criminal first, victim support last; tests/test_remedies.py keeps every entry's type in REMEDY_TYPES."""
        return REMEDY_TYPES.index(self.type)


def _remedy(row: dict[str, Any]) -> Remedy:
    return Remedy(
        id=row["id"],
        jurisdiction=row["jurisdiction"],
        type=row["type"],
        conduct=tuple(row["conduct"]),
        name=row["name"],
        summary=row["summary"],
        gives=row["gives"],
        who=row["who"],
        conditions=row["conditions"],
        provisions=tuple(Provision(p["doc_id"], p["article"], p.get("paragraph")) for p in row["provisions"]),
        caveats=row.get("caveats"),
        only_for=tuple(row.get("only_for", ())),
        general=row.get("general", False),
        needs=tuple(row.get("needs", ())),
    )


def load_remedies(directory: Path = REMEDIES_DIR) -> list[Remedy]:
    remedies: list[Remedy] = []
    for path in sorted(directory.glob("*.json")):
        remedies += [_remedy(row) for row in json.loads(path.read_text(encoding="utf-8"))]
    return remedies


@cache
def default_remedies() -> tuple[Remedy, ...]:
    return tuple(load_remedies())


def remedy_prior(remedies: tuple[Remedy, ...], glossary: Glossary) -> Prior:
    """The provisions of the remedies a question asks for, for the retriever to rank up.

    Only when the question asks for a kind of remedy (删除, 손해배상, report to police), and only
    remedies of its jurisdictions and conduct.
    """

    def prior(plan: QueryPlan) -> list[tuple[str, str]]:
        types = glossary.remedy_types(plan.question)
        if not types:
            return []
        conducts = glossary.conducts(plan.question)
        chosen = [
            r
            for r in remedies
            if r.type in types
            and r.base_jurisdiction in plan.jurisdictions
            and all(c in conducts for c in r.only_for)
            and (not conducts or set(conducts) & set(r.conduct))
        ]
        return [(p.doc_id, p.article) for r in chosen for p in r.provisions]

    return prior
