"""Quotes, on the real index of the corpus: the law's own words as one passage, or its parts joined by a
visible "…"; never a compiler's note."""

from __future__ import annotations

import pytest

from remedy_atlas.answer.sources import SourceList
from remedy_atlas.index import open_retriever
from remedy_atlas.ingest.documents import GAP
from remedy_atlas.retrieval.search import Retriever
from remedy_atlas.settings import Settings


@pytest.fixture(scope="module")
def retriever(corpus_settings: Settings) -> Retriever:
    return open_retriever(corpus_settings)


def test_a_statute_is_quoted_from_its_own_text_not_from_the_compilers_note(retriever: Retriever) -> None:
    sources = SourceList(retriever.store)
    marker = sources.cite_article("us-ca-civ-1708-85", "1708.85")
    assert marker == 1
    quote = sources.sources[0].quote
    assert quote.startswith("## Cal. Civ. Code § 1708.85\n\n1708.85.\n\n(a) A private cause of action lies against")
    assert quote.endswith("(History: Amended by Stats. 2021, Ch. 518, Sec. 1.   (AB 514)   Effective January 1, 2022.)")
    assert "Rendering note" not in quote and GAP not in quote


def test_no_chunk_in_the_index_holds_a_compilers_words(retriever: Retriever) -> None:
    """Rendering and compiler notes, "Source: …" lines and "[excerpt ends here …]" are provenance."""
    for chunk_id, text, _meta in retriever.store.records():
        for line in text.split("\n"):
            assert not line.startswith(("> ", "Source: http", "[excerpt ends here")), chunk_id


def test_a_case_quote_shows_the_part_it_leaves_out(retriever: Retriever) -> None:
    """检例第138号: 【关键词】 and 【基本案情】 matched, 【要旨】 between them did not."""
    records = retriever.store.get([f"cn-case-spp-138#{i}" for i in (1, 2, 3)])
    keywords, gist, facts = (records[f"cn-case-spp-138#{i}"][0] for i in (1, 2, 3))
    assert (keywords[:8], gist[:7], facts[:9]) == ("## 【关键词】", "## 【要旨】", "## 【基本案情】")
    apart = retriever._read(retriever._fused([("lexical", 1.0, ["cn-case-spp-138#3", "cn-case-spp-138#1"])], []))
    assert apart[0].text == f"{keywords}{GAP}{facts}"
    together = retriever._read(retriever._fused([("lexical", 1.0, ["cn-case-spp-138#1", "cn-case-spp-138#2"])], []))
    assert together[0].text == f"{keywords}\n\n{gist}"


def test_two_excerpts_of_one_section_are_never_one_passage(retriever: Retriever) -> None:
    """Tex. Civ. Prac. & Rem. Code § 98B.002: the official page's opening and a secondary copy."""
    found = retriever.store.article("us-tx-cprc-98b", "98B.002")
    assert found is not None
    official, secondary = found[0].split(GAP)
    assert official.startswith("Sec. 98B.002. LIABILITY FOR UNLAWFUL DISCLOSURE") and official.endswith(
        "with the intent t"
    )
    assert secondary.startswith("Sec. 98B.002. LIABILITY FOR UNLAWFUL DISCLOSURE")
    assert secondary.endswith("Acts 2019, 86th Leg., R.S., Ch. 1354 (H.B. 98), Sec. 1, eff. September 1, 2019.")
