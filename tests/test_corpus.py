"""Every shipped corpus file parses, keeps its id, and splits into non-empty legal units."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from remedy_atlas.index import open_retriever
from remedy_atlas.ingest.load import load_document
from remedy_atlas.ingest.pipeline import corpus_files
from remedy_atlas.ingest.split import split_document
from remedy_atlas.legal_units import CN_NUMERAL, cn_article, kr_article
from remedy_atlas.settings import Settings

from .conftest import CORPUS

FILES = corpus_files(CORPUS)
RAW = CORPUS.parent.parent / "shared" / "corpus-raw"


def test_the_corpus_has_all_three_jurisdictions() -> None:
    assert {load_document(p).base_jurisdiction for p in FILES} == {"CN", "KR", "US"}
    assert len(FILES) >= 60


def test_ids_are_unique() -> None:
    ids = Counter(load_document(p).doc_id for p in FILES)
    assert [i for i, n in ids.items() if n > 1] == []


@pytest.mark.skipif(not RAW.exists(), reason="needs ../shared/corpus-raw")
def test_texts_are_verbatim_copies_of_the_shared_sources() -> None:
    for path in FILES:
        raw = RAW / path.parent.name / path.name
        assert path.read_bytes() == raw.read_bytes(), path.name


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_every_heading_becomes_a_unit_and_no_unit_is_empty(path: Path) -> None:
    document = load_document(path)
    chunks = split_document(document)
    assert chunks, "no chunks"
    text = document.text
    for chunk in chunks:
        assert chunk.text == text[chunk.start : chunk.end]
        assert chunk.text.strip()
        # a long article is cut at lines, sentences or words, never inside a word ("agazine, periodical")
        assert not (text[chunk.start - 1].isalnum() and text[chunk.start].isalnum()), chunk.citation
        assert not (chunk.end < len(text) and text[chunk.end - 1].isalnum() and text[chunk.end].isalnum())
        # the compiler's words (a rendering note, the page read, where an excerpt stops) are not the law's
        compilers = [line for line in chunk.text.split("\n") if line.startswith((">", "Source: ", "[excerpt ends"))]
        assert compilers == [], chunk.citation
    articles = {c.article for c in chunks if c.unit == "article"}
    body = document.text[document.body_start :]
    if document.kind != "case" and document.language == "zh":
        headings = re.findall(rf"(?m)^第({CN_NUMERAL})条(?:之({CN_NUMERAL}))?[\s\u3000]", body)
        assert {cn_article(a, b or None) for a, b in headings} == articles
    if document.kind != "case" and document.language == "ko":
        headings = re.findall(r"(?m)^#####\s*제(\d+)조(?:의(\d+))?", body)
        assert {kr_article(a, b or None) for a, b in headings} == articles
    for chunk in chunks:
        if chunk.unit == "article":
            heading_only = re.fullmatch(r"#*\s*(제\d+조(의\d+)?\s*(\([^)]*\))?|§.*)", chunk.text.strip())
            assert not heading_only, f"{chunk.citation} has no body"


def test_the_corpus_readme_lists_every_document() -> None:
    readme = (CORPUS / "README.md").read_text(encoding="utf-8")
    for path in FILES:
        assert f"`{load_document(path).doc_id}`" in readme, path.name


@pytest.mark.parametrize(
    "question, expected",
    [
        ("Texas unlawful disclosure of intimate visual material", {("us-tx-pen-21-16", "21.16")}),
        ("Texas civil liability for disclosing intimate visual material", {("us-tx-cprc-98b", "98B.002")}),
        ("Washington disclosing intimate images crime", {("us-wa-rcw-9a-86", "9A.86.010")}),
        ("Florida altered sexual depiction", {("us-fl-836-13", "836.13")}),
        ("New York deepfake private right of action", {("us-ny-crl-52-c", "52-c")}),
        ("protection order full faith and credit in another state", {("us-18-usc-2265", "2265")}),
    ],
)
def test_the_new_us_texts_are_found_by_their_own_words(
    corpus_settings: Settings, question: str, expected: set[tuple[str, str]]
) -> None:
    hits = open_retriever(corpus_settings).search(question, k=5)
    assert expected <= {(h.doc_id, h.article) for h in hits}
