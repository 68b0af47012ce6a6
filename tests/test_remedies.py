"""The remedy knowledge only names provisions that exist, and only says of them what they say."""

from __future__ import annotations

import re
from functools import cache

import pytest

from remedy_atlas.answer.remedies import CONDUCTS, REMEDY_TYPES, Remedy, load_remedies
from remedy_atlas.ingest.load import load_document
from remedy_atlas.ingest.pipeline import corpus_files
from remedy_atlas.ingest.split import split_document
from remedy_atlas.legal_units import find_article_mentions

from .conftest import CORPUS

REMEDIES = load_remedies()


@cache
def articles() -> dict[tuple[str, str], str]:
    """(doc_id, article) → the article's text, over the whole corpus."""
    found: dict[tuple[str, str], str] = {}
    for path in corpus_files(CORPUS):
        document = load_document(path)
        for chunk in split_document(document):
            if chunk.article:
                key = (document.doc_id, chunk.article)
                found[key] = found.get(key, "") + chunk.text
    return found


def _texts(remedy: Remedy) -> list[str]:
    fields = [remedy.name, remedy.summary, remedy.gives, remedy.who, remedy.conditions, remedy.caveats or {}]
    return [text for field in fields for text in field.values()]


def test_every_jurisdiction_and_remedy_type_is_covered() -> None:
    assert {r.base_jurisdiction for r in REMEDIES} == {"CN", "KR", "US"}
    for jurisdiction in ("CN", "KR", "US"):
        types = {r.type for r in REMEDIES if r.base_jurisdiction == jurisdiction}
        assert {"criminal", "civil", "takedown"} <= types, jurisdiction


@pytest.mark.parametrize("remedy", REMEDIES, ids=[r.id for r in REMEDIES])
def test_remedy_rests_on_provisions_that_exist(remedy: Remedy) -> None:
    assert remedy.type in REMEDY_TYPES and set(remedy.conduct) <= set(CONDUCTS)
    assert all(
        set(text) for text in (remedy.name, remedy.summary) for text in [text.keys()] if {"zh", "ko", "en"} <= text
    )
    assert remedy.provisions
    for provision in remedy.provisions:
        assert (provision.doc_id, provision.article) in articles(), provision
    cited = {p.article.lower() for p in remedy.provisions}
    for text in _texts(remedy):
        for mention in find_article_mentions(text):
            assert mention.article.lower() in cited, (
                f"{remedy.id}: {text[mention.start : mention.end]} not in provisions"
            )


@pytest.mark.parametrize("remedy", REMEDIES, ids=[r.id for r in REMEDIES])
def test_quotations_are_verbatim(remedy: Remedy) -> None:
    provision_text = re.sub(r"\s+", "", "".join(articles()[(p.doc_id, p.article)] for p in remedy.provisions))
    for text in _texts(remedy):
        for quoted in re.findall(r"“([^”]{4,})”|\"([^\"]{4,})\"|「([^」]{4,})」|『([^』]{4,})』", text):
            span = next(q for q in quoted if q)
            assert re.sub(r"\s+", "", span) in provision_text, f"{remedy.id}: {span!r}"
