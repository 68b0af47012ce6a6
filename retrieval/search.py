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
TERMS_PER_CONCEPT = 3  # a concept's first terms are the law's own words: more adds noise (measured on dev)
SECONDARY_WEIGHT = 0.6  # cases, bills, notes, addenda: context for the law in force, rarely what is asked for
PRIOR_WEIGHT = 1.5  # a provision the remedy knowledge names for the question: as if first in 1.5 more rankings
ABROAD_WEIGHT = 0.5  # unasked, another country's law comes after the asker's own (see Retriever.search)
KEYS_WEIGHT = 2.0  # the index terms' ranking (corpus/index_terms.json), as two rankings (dev misses 18 → 10)
KEY_MATCH_MARGIN = 1.2  # the index terms' best match this far above the next is clear (1.1–1.4 measured alike)
KEY_MATCH_WEIGHT = 2.0  # a clear match, once more: dev MRR 0.791 → 0.811 (headings so treated lost: 0.788)
HEADINGS_WEIGHT = 1.0  # article headings (corpus/heading_terms.json); on 301 dev questions MRR 0.821 → 0.827 over 0.5
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


@dataclass
class Found:
    """An article (or case, or section) as fusion ranks it, before its text is read."""

    entry: LexicalEntry  # of its best chunk: where it belongs, for filters and re-ranking
    score: float = 0.0
    chunk_ids: list[str] = field(default_factory=list)  # its matched chunks, in the order found
    found_by: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class QueryPlan:
    """What a question is taken to ask: its language, the jurisdictions and the expansion terms."""

    question: str
    language: str
    jurisdictions: tuple[str, ...]
    named_jurisdictions: tuple[str, ...]
    expansion: dict[str, list[str]] = field(default_factory=dict)
    names: Names = field(default_factory=Names)
    implied: tuple[str, ...] = ()  # words for what the question implies: "minor" for "I'm 15"

    @property
    def text(self) -> str:
        """What the retrievers read: the question, and the words for what it implies."""
        return " ".join((self.question, *self.implied))


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
        question,
        language,
        jurisdictions,
        named,
        glossary.expansion(question, languages, TERMS_PER_CONCEPT),
        read,
        tuple(glossary.implied_words(question, language)),
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
        # where the corpus has law: CN, KR, US (federal) and the states with texts of their own
        self.places = frozenset(self._places.values())

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
            keys, clear = self._keys_ranking(self.terms, plan, filters)
            rankings.append(("keys", KEYS_WEIGHT, keys))
            if clear:
                rankings.append(("key match", KEY_MATCH_WEIGHT, keys[:1]))
        # not for Korean questions: they meet the Korean headings in the text, and dev lost with them (0.823–0.834)
        if self.headings is not None and HEADINGS_WEIGHT and plan.language != "ko":
            rankings.append(("headings", HEADINGS_WEIGHT, self._keys_ranking(self.headings, plan, filters)[0]))
        focus = self._focus(plan, filters)
        if focus is not None and FOCUS_WEIGHT:
            rankings.append(("focus", FOCUS_WEIGHT, self._ranked(scores, focus)))
        cited = [self.lexical.entries[i] for i in self._cited(plan, filters)]
        rankings.append(("cited", 0.0, [entry.chunk_id for entry in cited]))  # found whatever else ranks them
        found = self._fused(rankings, self.prior(plan) if self.prior else [])
        found = _named_first(found, plan.names, {(entry.doc_id, entry.article) for entry in cited})
        if not (chosen or plan.named_jurisdictions):
            found = _home_first(found, plan.language)
        if len(plan.named_jurisdictions) > 1:
            found = _balanced(found, plan.named_jurisdictions)
        return self._read(found[:k])

    def _lexical_scores(self, plan: QueryPlan) -> np.ndarray:
        """BM25 on the question, plus each language's glossary terms at a lower weight.

        Each part is scaled to its best score first: BM25 scores of different languages and query
        lengths are not comparable, and a long list of translated terms must widen, not steer.
        """
        scores = _scaled(self.lexical.scores(tokenize(plan.text, plan.language)))
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

    def _keys_ranking(self, terms: IndexTerms, plan: QueryPlan, filters: Filters) -> tuple[list[str], bool]:
        """Provisions whose index terms match the question's words, best first, as their first chunk; and
        whether the best scores ``KEY_MATCH_MARGIN`` times the next (or is alone): a match that clear names
        what is asked ("can i challenge the decision as the victim" → 治安管理处罚法 第一百二十一条) where the
        other rankings, led by the story's words, do not find it."""
        scores = terms.scores(tokenize(plan.text, plan.language))
        found: list[tuple[float, str]] = []
        for i in np.argsort(-scores):
            if scores[i] <= 0 or len(found) >= CANDIDATES:
                break
            if chunk := self._first_chunk(terms.provisions[i], filters):
                found.append((scores[i], chunk))
        clear = bool(found) and (len(found) == 1 or found[0][0] >= KEY_MATCH_MARGIN * found[1][0])
        return [chunk for _, chunk in found], clear

    def _first_chunk(self, provision: Provision, filters: Filters) -> str | None:
        positions = self._chunks.get((provision.doc_id, provision.article.lower()), [])
        if positions and filters.admits(entry := self.lexical.entries[positions[0]]):
            return entry.chunk_id
        return None

    def _first_chunks(self, provisions: Iterable[Provision], filters: Filters) -> list[str]:
        """Each provision that passes ``filters`` as its first chunk, in the given order, at most ``CANDIDATES``."""
        ranked: list[str] = []
        for provision in provisions:
            if len(ranked) >= CANDIDATES:
                break
            if chunk := self._first_chunk(provision, filters):
                ranked.append(chunk)
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
        """The question against the chunks, and against the provisions' keys in its own language.

        The glossary terms in another law's language were once a second dense query: on 301 dev
        questions ranks were level without it (hit@5 0.947 both), and it was most of a search's time.
        """
        vector = self.store.embedder.encode_queries([plan.text])[0]
        rankings = [("dense", DENSE_WEIGHT, dense_neighbours(self.store, vector, filters, self.lexical.entry))]
        if self.key_vectors is not None and KEY_VECTORS_WEIGHT:
            nearest = self.key_vectors.ranked(vector, plan.language)
            rankings.append(("key vectors", KEY_VECTORS_WEIGHT, self._first_chunks(nearest, filters)))
        return rankings

    def _fused(self, rankings: list[tuple[str, float, list[str]]], prior: list[tuple[str, str]]) -> list[Found]:
        """Reciprocal rank fusion over articles, not chunks, on what the lexical index knows of each chunk.

        Each ranking is first cut to one place per article (its best chunk's): a long case of forty
        chunks would otherwise fill a ranking's top places and push the provisions down before fusion.
        The prior re-ranks what the retrievers found and adds nothing they did not: a survivor asks
        "can the platform delete it", the law says "网络服务提供者 … 删除、屏蔽、断开链接".
        Texts are read from the store only for what is returned (see _read): reading every
        candidate's was a third of a search's time.
        """
        fused: dict[str, Found] = {}
        for name, weight, ranking in rankings:
            places: dict[str, None] = {}  # articles in rank order, each at its best chunk's place
            for chunk_id in ranking:
                entry = self.lexical.entry(chunk_id)
                if entry is None:
                    continue
                key = _section_key(entry)
                found = fused.setdefault(key, Found(entry))
                if chunk_id not in found.chunk_ids:
                    found.chunk_ids.append(chunk_id)
                places.setdefault(key)
            for rank, key in enumerate(places):
                fused[key].score += weight / (RRF_K + rank + 1)
                fused[key].found_by.add(name)
        for key in {_provision_key(doc_id, article) for doc_id, article in prior} & fused.keys():
            fused[key].score += PRIOR_WEIGHT / (RRF_K + 1)
        for found in fused.values():
            entry = found.entry
            if entry.kind in SECONDARY_KINDS or entry.unit in SECONDARY_UNITS:
                found.score *= SECONDARY_WEIGHT
        return sorted(fused.values(), key=lambda f: -f.score)

    def _read(self, found: list[Found]) -> list[Hit]:
        """Hits with their text: an article whole; a case or a section outside articles, its matched chunks."""
        whole = self.store.articles([(f.entry.doc_id, f.entry.article) for f in found if f.entry.article])
        records = self.store.get(
            [c for f in found if (f.entry.doc_id, f.entry.article) not in whole for c in f.chunk_ids]
        )
        hits = []
        for rank, f in enumerate(found, start=1):
            key = (f.entry.doc_id, f.entry.article)
            text, meta = (
                whole[key]
                if key in whole
                else (passage((c, *records[c]) for c in f.chunk_ids), records[f.chunk_ids[0]][1])
            )
            hits.append(
                Hit(
                    doc_id=f.entry.doc_id,
                    article=f.entry.article or None,
                    jurisdiction=f.entry.jurisdiction,
                    kind=f.entry.kind,
                    citation=str(meta["article_citation"]),
                    title=str(meta["title"]),
                    score=f.score,
                    text=text,
                    chunk_ids=f.chunk_ids,
                    metadata=meta,
                    found_by=f.found_by,
                    rank=rank,
                )
            )
        return hits


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


def _section_key(entry: LexicalEntry) -> str:
    """An article; a case as a whole; otherwise the section (a note, an addendum) the chunk belongs to."""
    if entry.article:
        return _provision_key(entry.doc_id, entry.article)
    if entry.kind == "case":
        return entry.doc_id
    return f"{entry.doc_id}#{entry.unit}:{entry.paragraph}"


def _provision_key(doc_id: str, article: str) -> str:
    return f"{doc_id}#{article}"


def _named_first(found: list[Found], names: Names, cited: set[tuple[str, str]]) -> list[Found]:
    """What the question names ranks first: an article cited by number above all, then the articles of
    a statute it names; asked about a state, the other states' law comes after; asked about federal
    law, the states' law comes after."""
    for f in found:
        entry = f.entry
        if (entry.doc_id, entry.article) in cited:
            f.score += NAMED_PROVISION_BONUS
        if entry.doc_id in names.documents:
            f.score *= NAMED_DOC_WEIGHT
        place = entry.jurisdiction_full
        if entry.jurisdiction == "US" and names.places and place not in names.places:
            f.score *= FEDERAL_IN_STATE_WEIGHT if place == FEDERAL else OTHER_PLACE_WEIGHT
    return sorted(found, key=lambda f: -f.score)


def _home_first(found: list[Found], language: str) -> list[Found]:
    """Asked in Chinese of no country in particular, most likely about China: Chinese law first,
    the other two below it. A named or selected country always wins over this guess."""
    home = next((j for j, lang in JURISDICTION_LANGUAGE.items() if lang == language), None)
    for f in found:
        f.score *= 1.0 if f.entry.jurisdiction == home else ABROAD_WEIGHT
    return sorted(found, key=lambda f: -f.score)


def _balanced(found: list[Found], jurisdictions: tuple[str, ...]) -> list[Found]:
    """For a comparative question, alternate jurisdictions so one does not crowd out the others."""
    queues = {j: [f for f in found if f.entry.jurisdiction == j] for j in jurisdictions}
    out: list[Found] = []
    while any(queues.values()):
        for j in jurisdictions:
            if queues[j]:
                out.append(queues[j].pop(0))
    return out + [f for f in found if f.entry.jurisdiction not in jurisdictions]
