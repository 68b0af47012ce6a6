"""The offline composer: an answer built from remedy entries and retrieved provisions, no model needed.

Its prose is the remedy entries' own reviewed text; every remedy carries markers for the
provisions it rests on, fetched verbatim from the index.
"""

from __future__ import annotations

from ..retrieval.search import Hit
from .phrases import CONDUCT_NAMES, PHRASES
from .remedies import REMEDY_TYPES, Remedy
from .sources import SourceList

PER_TYPE = 2
PER_JURISDICTION = 8
PER_JURISDICTION_OF_SEVERAL = 4  # three jurisdictions at eight remedies each is more than anyone reads
RELATED = 3


def _markers(remedy: Remedy, sources: SourceList) -> str:
    markers = [sources.cite_article(p.doc_id, p.article) for p in remedy.provisions]
    return "".join(f"[{m}]" for m in dict.fromkeys(markers) if m is not None)


def select(remedies: list[Remedy], jurisdiction: str, limit: int = PER_JURISDICTION) -> list[Remedy]:
    """The best few of one jurisdiction: first the best of each kind of remedy, then seconds.

    A survivor needs to see every kind of option (criminal, civil, takedown …) before a second
    criminal route.
    """
    mine = [r for r in remedies if r.base_jurisdiction == jurisdiction]
    chosen: list[Remedy] = []
    for round_ in range(PER_TYPE):
        seen: set[str] = set()
        for remedy in mine:
            if remedy in chosen or remedy.type in seen:
                continue
            seen.add(remedy.type)
            if sum(1 for c in chosen if c.type == remedy.type) == round_:
                chosen.append(remedy)
    return chosen[:limit]


def remedy_block(remedy: Remedy, language: str, sources: SourceList) -> list[str]:
    words = PHRASES[language]
    lines = [f"- **{remedy.name[language]}** — {remedy.summary[language]} {_markers(remedy, sources)}".rstrip()]
    for key in ("gives", "who", "conditions"):
        text = getattr(remedy, key).get(language, "")
        if text:
            lines.append(f"  - {words[key]}: {text}")
    if remedy.caveats and remedy.caveats.get(language):
        lines.append(f"  - {words['caveat']}: {remedy.caveats[language]}")
    return lines


def compose(
    language: str,
    jurisdictions: tuple[str, ...],
    remedies: list[Remedy],
    hits: list[Hit],
    sources: SourceList,
) -> str:
    words = PHRASES[language]
    out: list[str] = []
    used_articles: set[tuple[str, str]] = set()
    limit = PER_JURISDICTION if len(jurisdictions) == 1 else PER_JURISDICTION_OF_SEVERAL
    for jurisdiction in jurisdictions:
        chosen = select(remedies, jurisdiction, limit)
        if not chosen:
            continue
        out.append(f"### {words[jurisdiction]}")
        for remedy_type in REMEDY_TYPES:
            group = [r for r in chosen if r.type == remedy_type]
            if not group:
                continue
            out.append(f"**{words[remedy_type]}**")
            for remedy in group:
                out += remedy_block(remedy, language, sources)
                used_articles |= {(p.doc_id, p.article.lower()) for p in remedy.provisions}
            out.append("")
    related = [
        h for h in hits if "lexical" in h.found_by and (h.doc_id, (h.article or "").lower()) not in used_articles
    ]
    if related[:RELATED]:
        out.append(f"**{words['related'] if out else words['no_remedy']}**")
        for hit in related[:RELATED]:
            out.append(f"- {hit.citation} [{sources.cite_hit(hit)}]")
    if not out:
        return words["nothing"]
    return "\n".join(out).strip()


def compare_table(
    language: str, conducts: list[str], jurisdictions: tuple[str, ...], remedies: list[Remedy], sources: SourceList
) -> str:
    """Conduct × jurisdiction, each cell the remedies that cover it, cited, or an explicit gap."""
    words = PHRASES[language]
    header = f"| {words['conduct']} | " + " | ".join(words[j] for j in jurisdictions) + " |"
    rows = [header, "|---" * (len(jurisdictions) + 1) + "|"]
    for conduct in conducts:
        cells = []
        for jurisdiction in jurisdictions:
            covering = [r for r in remedies if r.base_jurisdiction == jurisdiction and conduct in r.conduct]
            covering.sort(key=lambda r: r.type_order)
            cell = " • ".join(f"{r.name[language]} {_markers(r, sources)}".replace("|", "/") for r in covering)
            cells.append(cell or f"*{words['no_provision']}*")
        rows.append(f"| {CONDUCT_NAMES[conduct][language]} | " + " | ".join(cells) + " |")
    return "\n".join(rows)
