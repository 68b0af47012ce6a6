"""Hybrid search: dense (Chroma) and lexical (BM25) ranks fused, filtered, one hit per article.

Cross-lingual reach comes from two places: the multilingual embedder, and the glossary, which
adds each target jurisdiction's own legal terms to the lexical query.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..ingest.store import VectorStore
from ..language import detect_language
from .glossary import JURISDICTION_LANGUAGE, Glossary
from .lexical import LexicalIndex
from .tokenize import tokenize

RRF_K = 60
CANDIDATES = 60


@dataclass(frozen=True)
class Filters:
    jurisdictions: tuple[str, ...] = ()  # CN, KR, US; empty = all
    kinds: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    include_partial: bool = True

    def where(self) -> dict[str, Any] | None:
        """The same filter as a Chroma ``where`` clause."""
        clauses: list[dict[str, Any]] = []
        for key, values in (("jurisdiction", self.jurisdictions), ("kind", self.kinds), ("language", self.languages)):
            if values:
                clauses.append({key: {"$in": list(values)}})
        if not self.include_partial:
            clauses.append({"partial": False})
        if not clauses:
            return None
        return clauses[0] if len(clauses) == 1 else {"$and": clauses}

    def admits(self, jurisdiction: str, kind: str, language: str, partial: bool) -> bool:
        return (
            (not self.jurisdictions or jurisdiction in self.jurisdictions)
            and (not self.kinds or kind in self.kinds)
            and (not self.languages or language in self.languages)
            and (self.include_partial or not partial)
        )


@dataclass
class Hit:
    """One article (or case section, or passage), with the chunks of it that matched."""

    doc_id: str
    article: str | None
    jurisdiction: str
    kind: str
    citation: str
    title: str
    score: float
    text: str
    chunk_ids: list[str]
    metadata: dict[str, Any]
    found_by: set[str] = field(default_factory=set)  # "lexical", "dense": which retrievers found it
    rank: int = 0

    def as_json(self) -> dict[str, Any]:
        return {
            "rank": self.rank,
            "doc_id": self.doc_id,
            "article": self.article,
            "jurisdiction": self.jurisdiction,
            "kind": self.kind,
            "citation": self.citation,
            "title": self.title,
            "score": round(self.score, 6),
            "text": self.text,
        }


@dataclass(frozen=True)
class QueryPlan:
    """What a question is taken to ask: its language, the jurisdictions and the expansion terms."""

    question: str
    language: str
    jurisdictions: tuple[str, ...]
    named_jurisdictions: tuple[str, ...]
    expansion: dict[str, list[str]] = field(default_factory=dict)


def plan_query(question: str, glossary: Glossary, selected: tuple[str, ...] = ()) -> QueryPlan:
    """Named jurisdictions win; otherwise the user's selection; otherwise all three.

    A jurisdiction is never guessed from the question's language: a Chinese speaker may ask about Korea.
    """
    named = tuple(glossary.jurisdictions(question))
    jurisdictions = named or selected or tuple(JURISDICTION_LANGUAGE)
    languages = sorted({JURISDICTION_LANGUAGE[j] for j in jurisdictions})
    return QueryPlan(question, detect_language(question), jurisdictions, named, glossary.expansion(question, languages))


class Retriever:
    def __init__(self, store: VectorStore, lexical: LexicalIndex, glossary: Glossary) -> None:
        self.store = store
        self.lexical = lexical
        self.glossary = glossary

    def search(
        self, question: str, filters: Filters | None = None, k: int = 10, *, selected: tuple[str, ...] = ()
    ) -> list[Hit]:
        """Top ``k`` articles. Without a jurisdiction filter, the question's plan decides (see plan_query)."""
        filters = filters or Filters()
        plan = plan_query(question, self.glossary, filters.jurisdictions or selected)
        if not filters.jurisdictions:
            filters = Filters(plan.jurisdictions, filters.kinds, filters.languages, filters.include_partial)
        fused: dict[str, float] = defaultdict(float)
        found_by: dict[str, set[str]] = defaultdict(set)
        for name, ranking in (("lexical", self._lexical_ranking(plan, filters)), ("dense", self._dense_ranking(plan, filters))):
            for rank, chunk_id in enumerate(ranking):
                fused[chunk_id] += 1.0 / (RRF_K + rank + 1)
                found_by[chunk_id].add(name)
        hits = self._articles(fused, found_by)
        if len(plan.named_jurisdictions) > 1:
            hits = _balanced(hits, plan.named_jurisdictions)
        hits = hits[:k]
        for rank, hit in enumerate(hits, start=1):
            hit.rank = rank
        return hits

    def _lexical_ranking(self, plan: QueryPlan, filters: Filters) -> list[str]:
        tokens = tokenize(plan.question, plan.language)
        for language, terms in plan.expansion.items():
            tokens += tokenize(" ".join(terms), language)
        scores = self.lexical.scores(tokens)
        order = np.argsort(-scores)
        ranked: list[str] = []
        for i in order:
            if scores[i] <= 0 or len(ranked) >= CANDIDATES:
                break
            entry = self.lexical.entries[i]
            if filters.admits(entry.jurisdiction, entry.kind, entry.language, entry.partial):
                ranked.append(entry.chunk_id)
        return ranked

    def _dense_ranking(self, plan: QueryPlan, filters: Filters) -> list[str]:
        vector = self.store.embedder.encode_queries([plan.question])[0]
        return [chunk_id for chunk_id, _ in self.store.query(vector, CANDIDATES, filters.where())]

    def _articles(self, fused: dict[str, float], found_by: dict[str, set[str]]) -> list[Hit]:
        """Chunks of one article merge into one hit scored by its best chunk; its text is the whole article."""
        records = self.store.get(list(fused))
        groups: dict[str, list[str]] = defaultdict(list)
        for chunk_id in fused:
            if chunk_id in records:
                groups[_article_key(records[chunk_id][1])].append(chunk_id)
        hits = []
        for _key, chunk_ids in groups.items():
            best = max(chunk_ids, key=fused.__getitem__)
            meta = records[best][1]
            hits.append(
                Hit(
                    doc_id=str(meta["doc_id"]),
                    article=str(meta["article"]) or None,
                    jurisdiction=str(meta["jurisdiction"]),
                    kind=str(meta["kind"]),
                    citation=str(meta["article_citation"]),
                    title=str(meta["title"]),
                    score=fused[best],
                    text=self._article_text(meta, [records[c] for c in chunk_ids]),
                    chunk_ids=sorted(chunk_ids, key=fused.__getitem__, reverse=True),
                    metadata=meta,
                    found_by=set().union(*(found_by[c] for c in chunk_ids)),
                )
            )
        return sorted(hits, key=lambda h: -h.score)

    def _article_text(self, meta: dict[str, Any], matched: list[tuple[str, dict[str, Any]]]) -> str:
        """A whole article from the store; outside articles, the matched chunks in document order."""
        whole = self.store.article(str(meta["doc_id"]), str(meta["article"])) if meta["article"] else None
        if whole:
            return whole[0]
        return "\n\n".join(text for text, m in sorted(matched, key=lambda pair: int(pair[1]["start"])))


def _article_key(meta: dict[str, Any]) -> str:
    """An article, or outside articles the section (a case's 裁判理由, a note) the chunk belongs to."""
    if meta["article"]:
        return f"{meta['doc_id']}#{meta['article']}"
    return f"{meta['doc_id']}#{meta['unit']}:{meta['paragraph']}"


def _balanced(hits: list[Hit], jurisdictions: tuple[str, ...]) -> list[Hit]:
    """For a comparative question, alternate jurisdictions so one does not crowd out the others."""
    queues = {j: [h for h in hits if h.jurisdiction == j] for j in jurisdictions}
    out: list[Hit] = []
    while any(queues.values()):
        for j in jurisdictions:
            if queues[j]:
                out.append(queues[j].pop(0))
    return out + [h for h in hits if h.jurisdiction not in jurisdictions]
