"""Hybrid search: dense (Chroma) and lexical (BM25) ranks fused, filtered, one hit per article.

Cross-lingual reach comes from two places: the multilingual embedder, and the glossary, which
adds each target jurisdiction's own legal terms to the lexical query.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..ingest.documents import passage
from ..ingest.lexical import LexicalEntry, LexicalIndex
from ..ingest.store import VectorStore
from ..ingest.tokenize import tokenize
from ..language import detect_language
from .glossary import JURISDICTION_LANGUAGE, Glossary
from .keys import IndexTerms, KeyVectors, Provision
from .names import FEDERAL, NameBook, Names

RRF_K = 10
MAX_QUESTION_CHARS = 2000
CANDIDATES = 60
OVERFETCH = 4  # unfiltered neighbours asked for each one wanted: see dense_neighbours
EXPANSION_WEIGHT = 0.5  # each language's glossary terms, scaled, half the question's words (STARD 0.657 → 0.661)
DENSE_WEIGHT = 1.25  # the question's own embedding: the stronger retriever on STARD, level on KoBLEX (measured)
TRANSLATED_WEIGHT = 1.0  # a dense ranking from glossary terms in another law's language
TERMS_PER_CONCEPT = 3  # a concept's first terms are the law's own words: more adds noise (measured on dev)
SECONDARY_WEIGHT = 0.6  # cases, bills, notes, addenda: context for the law in force, rarely what is asked for
PRIOR_WEIGHT = 1.5  # a provision the remedy knowledge names for the question: as if first in 1.5 more rankings
ABROAD_WEIGHT = 0.5  # unasked, another country's law comes after the asker's own (see Retriever.search)
KEYS_WEIGHT = 2.0  # the index terms' ranking (corpus/index_terms.json), as two rankings (dev misses 18 → 10)
HEADINGS_WEIGHT = 0.5  # article headings (corpus/heading_terms.json); dev MRR 0.837 → 0.840, level at 0.25–1
KEY_VECTORS_WEIGHT = 2.0  # the question's embedding against the keys in its language; dev MRR 0.839 → 0.874
FOCUS_WEIGHT = 1.0  # BM25 within the statutes or the state the question names
NAMED_DOC_WEIGHT = 1.5  # an article of a statute the question names
OTHER_PLACE_WEIGHT = 0.5  # asked about a state: other states' law; asked about federal law: the states'
FEDERAL_IN_STATE_WEIGHT = 1.0  # asked about a state: federal law, which applies there too
NAMED_PROVISION_BONUS = 1.0  # an article the question cites by number: above anything fused (a fused score is < 0.6)
SECONDARY_KINDS = ("case", "bill")
SECONDARY_UNITS = ("notes", "addendum", "preamble", "annex")


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

    def admits(self, entry: LexicalEntry) -> bool:
        return (
            (not self.jurisdictions or entry.jurisdiction in self.jurisdictions)
            and (not self.kinds or entry.kind in self.kinds)
            and (not self.languages or entry.language in self.languages)
            and (self.include_partial or not entry.partial)
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
    names: Names = field(default_factory=Names)


def clean_question(question: str) -> str:
    """A question as the models can take it: valid UTF-8 (no lone surrogates) and of bounded length.

    Nobody asks in more than a few thousand characters; a pasted 100,000-character text would
    otherwise be embedded window by window.
    """
    return question.encode("utf-8", "replace").decode("utf-8")[:MAX_QUESTION_CHARS]


def plan_query(
    question: str, glossary: Glossary, selected: tuple[str, ...] = (), names: NameBook | None = None
) -> QueryPlan:
    """Named jurisdictions win; otherwise the user's selection; otherwise all three.

    A jurisdiction is never guessed from the question's language: a Chinese speaker may ask about Korea.
    A country is named by its name, or by a place in it, a state, "federal", or one of its statutes.
    """
    language = detect_language(question)
    said = glossary.jurisdictions(question)
    read = names.read(question, language, said) if names else Names()
    named = tuple(j for j in JURISDICTION_LANGUAGE if j in {*said, *read.countries})
    jurisdictions = named or selected or tuple(JURISDICTION_LANGUAGE)
    languages = sorted({JURISDICTION_LANGUAGE[j] for j in jurisdictions if j in JURISDICTION_LANGUAGE})
    return QueryPlan(
        question, language, jurisdictions, named, glossary.expansion(question, languages, TERMS_PER_CONCEPT), read
    )


Prior = Callable[[QueryPlan], list[tuple[str, str]]]
"""Provisions (doc id, article) that reviewed knowledge names for a question."""


class Retriever:
    def __init__(
        self,
        store: VectorStore,
        lexical: LexicalIndex,
        glossary: Glossary,
        prior: Prior | None = None,
        *,
        names: NameBook | None = None,
        terms: IndexTerms | None = None,
        headings: IndexTerms | None = None,
        key_vectors: KeyVectors | None = None,
    ) -> None:
        self.store = store
        self.lexical = lexical
        self.glossary = glossary
        self.prior = prior
        self.names = names
        self.terms = terms
        self.headings = headings
        self.key_vectors = key_vectors
        self._chunks: dict[tuple[str, str], list[int]] = defaultdict(list)  # (doc, article) → lexical entry positions
        self._places: dict[str, str] = {}  # doc → US-CA, or US for federal law
        for i, entry in enumerate(lexical.entries):
            self._places[entry.doc_id] = entry.jurisdiction_full
            if entry.article:
                self._chunks[(entry.doc_id, entry.article.lower())].append(i)

    def search(
        self, question: str, filters: Filters | None = None, k: int = 10, *, selected: tuple[str, ...] = ()
    ) -> list[Hit]:
        """Top ``k`` articles. Without a jurisdiction filter, the question's plan decides (see plan_query)."""
        filters = filters or Filters()
        question = clean_question(question)
        chosen = filters.jurisdictions or selected
        plan = plan_query(question, self.glossary, chosen, self.names)
        if not filters.jurisdictions:
            filters = Filters(plan.jurisdictions, filters.kinds, filters.languages, filters.include_partial)
        scores = self._lexical_scores(plan)
        rankings = [("lexical", 1.0, self._ranked(scores, filters.admits))]
        rankings += self._dense_rankings(plan, filters)
        if self.terms is not None and KEYS_WEIGHT:
            rankings.append(("keys", KEYS_WEIGHT, self._keys_ranking(self.terms, plan, filters)))
        # not for Korean questions: they meet the Korean headings in the text, and dev lost with them (0.823–0.834)
        if self.headings is not None and HEADINGS_WEIGHT and plan.language != "ko":
            rankings.append(("headings", HEADINGS_WEIGHT, self._keys_ranking(self.headings, plan, filters)))
        focus = self._focus(plan, filters)
        if focus is not None and FOCUS_WEIGHT:
            rankings.append(("focus", FOCUS_WEIGHT, self._ranked(scores, focus)))
        cited = [self.lexical.entries[i] for i in self._cited(plan, filters)]
        rankings.append(("cited", 0.0, [entry.chunk_id for entry in cited]))  # found whatever else ranks them
        hits = self._fused(rankings, self.prior(plan) if self.prior else [])
        hits = _named_first(hits, plan.names, {(entry.doc_id, entry.article) for entry in cited})
        if not (chosen or plan.named_jurisdictions):
            hits = _home_first(hits, plan.language)
        if len(plan.named_jurisdictions) > 1:
            hits = _balanced(hits, plan.named_jurisdictions)
        hits = hits[:k]
        # whole articles, fetched only for the hits returned; outside articles, the matched chunks
        whole = self.store.articles([(h.doc_id, h.article) for h in hits if h.article])
        for rank, hit in enumerate(hits, start=1):
            hit.rank = rank
            if hit.article and (hit.doc_id, hit.article) in whole:
                hit.text = whole[(hit.doc_id, hit.article)][0]
        return hits

    def _lexical_scores(self, plan: QueryPlan) -> np.ndarray:
        """BM25 on the question, plus each language's glossary terms at a lower weight.

        Each part is scaled to its best score first: BM25 scores of different languages and query
        lengths are not comparable, and a long list of translated terms must widen, not steer.
        """
        scores = _scaled(self.lexical.scores(tokenize(plan.question, plan.language)))
        for language, terms in plan.expansion.items():
            if terms:
                scores += EXPANSION_WEIGHT * _scaled(self.lexical.scores(tokenize(" ".join(terms), language)))
        return scores

    def _ranked(self, scores: np.ndarray, admits: Callable[[LexicalEntry], bool]) -> list[str]:
        ranked: list[str] = []
        for i in np.argsort(-scores):
            if scores[i] <= 0 or len(ranked) >= CANDIDATES:
                break
            entry = self.lexical.entries[i]
            if admits(entry):
                ranked.append(entry.chunk_id)
        return ranked

    def _keys_ranking(self, terms: IndexTerms, plan: QueryPlan, filters: Filters) -> list[str]:
        """Provisions whose index terms match the question's words, best first, as their first chunk."""
        scores = terms.scores(tokenize(plan.question, plan.language))
        return self._first_chunks((terms.provisions[i] for i in np.argsort(-scores) if scores[i] > 0), filters)

    def _first_chunks(self, provisions: Iterable[Provision], filters: Filters) -> list[str]:
        """Each provision that passes ``filters`` as its first chunk, in the given order, at most ``CANDIDATES``."""
        ranked: list[str] = []
        for provision in provisions:
            if len(ranked) >= CANDIDATES:
                break
            positions = self._chunks.get((provision.doc_id, provision.article.lower()), [])
            if positions and filters.admits(entry := self.lexical.entries[positions[0]]):
                ranked.append(entry.chunk_id)
        return ranked

    def _focus(self, plan: QueryPlan, filters: Filters) -> Callable[[LexicalEntry], bool] | None:
        """Within what the question names: its statutes, else its states (or federal law)."""
        documents, places = set(plan.names.documents), set(plan.names.places)
        if documents:
            return lambda entry: entry.doc_id in documents and filters.admits(entry)
        if places:
            return lambda entry: entry.jurisdiction_full in places and filters.admits(entry)
        return None

    def _cited(self, plan: QueryPlan, filters: Filters) -> list[int]:
        """Lexical entries of the articles the question cites by number: of the statutes it names, or,
        for a US section (§ 223, Sec. 21.16), of whichever statute in the asked places has it."""
        names = plan.names
        found: list[int] = []
        for article in names.articles:
            if names.documents:
                docs = list(names.documents)
            elif article in names.sections:
                docs = [
                    doc
                    for doc, key in self._chunks
                    if key == article.lower()
                    and self._places[doc].startswith("US")
                    and (not names.places or self._places[doc] in names.places)
                ]
                docs = docs if len(docs) == 1 else []
            else:
                docs = []
            for doc in docs:
                found += [
                    i for i in self._chunks.get((doc, article.lower()), []) if filters.admits(self.lexical.entries[i])
                ]
        return found

    def _dense_rankings(self, plan: QueryPlan, filters: Filters) -> list[tuple[str, float, list[str]]]:
        """The question, and for each other-language jurisdiction its glossary terms as a second query;
        and the question against the provisions' keys in its own language.

        multilingual-e5-small crosses languages only partly; the terms in the law's own language
        reach what the question's wording misses.
        """
        queries = [(DENSE_WEIGHT, plan.question, filters)]
        for language, terms in plan.expansion.items():
            if terms and language != plan.language:
                narrowed = Filters(filters.jurisdictions, filters.kinds, (language,), filters.include_partial)
                queries.append((TRANSLATED_WEIGHT, " ".join(terms), narrowed))
        vectors = self.store.embedder.encode_queries([text for _, text, _ in queries])
        rankings = [
            ("dense", weight, dense_neighbours(self.store, vector, narrowed, self.lexical.entry))
            for (weight, _, narrowed), vector in zip(queries, vectors, strict=True)
        ]
        if self.key_vectors is not None and KEY_VECTORS_WEIGHT:
            nearest = self.key_vectors.ranked(vectors[0], plan.language)
            rankings.append(("key vectors", KEY_VECTORS_WEIGHT, self._first_chunks(nearest, filters)))
        return rankings

    def _fused(self, rankings: list[tuple[str, float, list[str]]], prior: list[tuple[str, str]]) -> list[Hit]:
        """Reciprocal rank fusion over articles, not chunks.

        Each ranking is first cut to one place per article (its best chunk's): a long case of forty
        chunks would otherwise fill a ranking's top places and push the provisions down before fusion.
        The prior re-ranks what the retrievers found and adds nothing they did not: a survivor asks
        "can the platform delete it", the law says "网络服务提供者 … 删除、屏蔽、断开链接".
        An article scores by its fused ranks; its text is its matched chunks, in document order.
        """
        records = self.store.get(list({chunk_id for _, _, ranking in rankings for chunk_id in ranking}))
        fused: dict[str, float] = defaultdict(float)
        found_by: dict[str, set[str]] = defaultdict(set)
        chunks: dict[str, list[str]] = defaultdict(list)  # article → its matched chunks, in the order found
        for name, weight, ranking in rankings:
            places: dict[str, None] = {}  # articles in rank order, each at its best chunk's place
            for chunk_id in ranking:
                if chunk_id not in records:
                    continue
                key = _article_key(records[chunk_id][1])
                if chunk_id not in chunks[key]:
                    chunks[key].append(chunk_id)
                places.setdefault(key)
            for rank, key in enumerate(places):
                fused[key] += weight / (RRF_K + rank + 1)
                found_by[key].add(name)
        for key in {_provision_key(doc_id, article) for doc_id, article in prior} & fused.keys():
            fused[key] += PRIOR_WEIGHT / (RRF_K + 1)
        hits = []
        for key, score in fused.items():
            meta = records[chunks[key][0]][1]
            secondary = meta["kind"] in SECONDARY_KINDS or meta["unit"] in SECONDARY_UNITS
            hits.append(
                Hit(
                    doc_id=str(meta["doc_id"]),
                    article=str(meta["article"]) or None,
                    jurisdiction=str(meta["jurisdiction"]),
                    kind=str(meta["kind"]),
                    citation=str(meta["article_citation"]),
                    title=str(meta["title"]),
                    score=score * (SECONDARY_WEIGHT if secondary else 1.0),
                    text=passage((c, *records[c]) for c in chunks[key]),
                    chunk_ids=chunks[key],
                    metadata=meta,
                    found_by=found_by[key],
                )
            )
        return sorted(hits, key=lambda h: -h.score)


def dense_neighbours(
    store: VectorStore, vector: np.ndarray, filters: Filters, entry: Callable[[str], LexicalEntry | None]
) -> list[str]:
    """The ``CANDIDATES`` nearest chunks that pass ``filters``, nearest first.

    Chroma resolves a ``where`` clause in its metadata table before the vector search: measured, a
    filtered query costs 10x an unfiltered one at 6,000 chunks and 50x at 100,000 (bench/scale.py),
    and every search carries a jurisdiction filter. So the nearest ``OVERFETCH`` times as many are
    asked for unfiltered and filtered here on what the lexical index knows of each chunk; the
    filtered query is paid for only when a narrow filter leaves too few.
    """
    wanted = CANDIDATES * OVERFETCH
    found = store.query(vector, wanted)
    admitted = [chunk_id for chunk_id, _ in found if (e := entry(chunk_id)) is not None and filters.admits(e)]
    if len(found) < wanted or len(admitted) >= CANDIDATES // 2:  # the whole store was read, or enough passed
        return admitted[:CANDIDATES]
    return [chunk_id for chunk_id, _ in store.query(vector, CANDIDATES, filters.where())]


def _scaled(scores: np.ndarray) -> np.ndarray:
    top = float(scores.max()) if scores.size else 0.0
    return scores / top if top > 0 else scores


def _article_key(meta: dict[str, Any]) -> str:
    """An article; a case as a whole; otherwise the section (a note, an addendum) the chunk belongs to."""
    if meta["article"]:
        return _provision_key(str(meta["doc_id"]), str(meta["article"]))
    if meta["kind"] == "case":
        return str(meta["doc_id"])
    return f"{meta['doc_id']}#{meta['unit']}:{meta['paragraph']}"


def _provision_key(doc_id: str, article: str) -> str:
    return f"{doc_id}#{article}"


def _named_first(hits: list[Hit], names: Names, cited: set[tuple[str, str | None]]) -> list[Hit]:
    """What the question names ranks first: an article cited by number above all, then the articles of
    a statute it names; asked about a state, the other states' law comes after; asked about federal
    law, the states' law comes after."""
    for hit in hits:
        if (hit.doc_id, hit.article) in cited:
            hit.score += NAMED_PROVISION_BONUS
        if hit.doc_id in names.documents:
            hit.score *= NAMED_DOC_WEIGHT
        place = str(hit.metadata.get("jurisdiction_full", hit.jurisdiction))
        if hit.jurisdiction == "US" and names.places and place not in names.places:
            hit.score *= FEDERAL_IN_STATE_WEIGHT if place == FEDERAL else OTHER_PLACE_WEIGHT
    return sorted(hits, key=lambda h: -h.score)


def _home_first(hits: list[Hit], language: str) -> list[Hit]:
    """Asked in Chinese of no country in particular, most likely about China: Chinese law first,
    the other two below it. A named or selected country always wins over this guess."""
    home = next((j for j, lang in JURISDICTION_LANGUAGE.items() if lang == language), None)
    for hit in hits:
        hit.score *= 1.0 if hit.jurisdiction == home else ABROAD_WEIGHT
    return sorted(hits, key=lambda h: -h.score)


def _balanced(hits: list[Hit], jurisdictions: tuple[str, ...]) -> list[Hit]:
    """For a comparative question, alternate jurisdictions so one does not crowd out the others."""
    queues = {j: [h for h in hits if h.jurisdiction == j] for j in jurisdictions}
    out: list[Hit] = []
    while any(queues.values()):
        for j in jurisdictions:
            if queues[j]:
                out.append(queues[j].pop(0))
    return out + [h for h in hits if h.jurisdiction not in jurisdictions]
