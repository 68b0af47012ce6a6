"""The splitter against hand-checked articles of the real corpus, and its invariants on any text."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from remedy_atlas.ingest.documents import Document
from remedy_atlas.ingest.load import load_document
from remedy_atlas.ingest.split import approx_tokens, split_document
from remedy_atlas.legal_units import cn_label

from .conftest import CORPUS


def _chunks(name: str, **kwargs: object):  # type: ignore[no-untyped-def]
    path = next(CORPUS.glob(f"*/{name}"))
    return split_document(load_document(path), **kwargs)  # type: ignore[arg-type]


def test_chinese_articles_with_citation_and_heading_path() -> None:
    chunks = {c.article: c for c in _chunks("cn-criminal-law.zh.md")}
    art = chunks["246"]
    assert art.citation == "刑法 第二百四十六条"
    assert art.text.startswith("第二百四十六条 以暴力或者其他方法公然侮辱他人")
    assert "告诉的才处理" in art.text and "公安机关提供协助" in art.text
    assert art.heading_path[-1] == "第四章 侵犯公民人身权利、民主权利罪"
    assert chunks["253-1"].citation == "刑法 第二百五十三条之一"
    assert "第二百五十四条" not in chunks["253-1"].text


def test_a_superseded_version_is_cited_as_one() -> None:
    """治安管理处罚法 第四十二条 of 2012 is not 第四十二条 of the law in force: a survivor who names it in a
    report, or a student who quotes it, must see which version it is."""
    old = {c.article: c for c in _chunks("cn-psapl-2012.zh.md")}
    current = {c.article: c for c in _chunks("cn-psapl.zh.md")}
    assert old["42"].citation == "治安管理处罚法（2012年修正，已被取代） 第四十二条"
    assert current["50"].citation == "治安管理处罚法 第五十条"
    assert all("2016年" in c.citation for c in _chunks("cn-cybersecurity-law-2016.zh.md") if c.article)


def test_cross_references_are_not_headings() -> None:
    chunks = [c for c in _chunks("cn-criminal-law.zh.md") if c.unit == "article"]
    # 第二百八十七条之二 says 有前两款行为 … 依照处罚较重的规定; references mid-line never open an article
    articles = [c.article for c in chunks]
    assert articles[articles.index("287-2") - 1 : articles.index("287-2") + 2] == ["287-1", "287-2", "288"]
    assert chunks[articles.index("287-2")].text.endswith(
        "有前两款行为，同时构成其他犯罪的，依照处罚较重的规定定罪处罚。"
    )
    # every chunk opens at its article's heading, but the second part of the 18 articles too long for one
    # (第七十八条: 第二款 lists the minimum terms; 第二百九十四条: 第五款 the four features of a gang)
    continued = [(c.article, c.paragraph) for c in chunks if not c.text.startswith(cn_label(c.article))]
    assert continued == [
        ("78", "2"),
        ("153", "2-3"),
        ("160", "3"),
        ("169-1", "2-3"),
        ("171", "3"),
        ("180", "4"),
        ("182", "1-2"),
        ("198", "2-4"),
        ("205", "3"),
        ("217", "1"),
        ("229", "3"),
        ("294", "5"),
        ("330", "2-3"),
        ("338", "2"),
        ("347", "4-7"),
        ("383", "4"),
        ("390", "3"),
        ("399", "3-4"),
    ]
    assert len(articles) == len(set(articles)) + len(continued)


def test_korean_articles_sub_articles_and_addenda_never_collide() -> None:
    chunks = _chunks("kr-sexual-crimes-act.ko.md")
    by_article = {}
    for c in chunks:
        by_article.setdefault(c.article, []).append(c)
    first = by_article["14-2"][0]
    assert first.citation.startswith("성폭력처벌법 제14조의2")
    assert first.text.startswith("##### 제14조의2 (허위영상물 등의 반포등)")
    addenda = [c for c in chunks if c.unit == "addendum"]
    assert addenda and all(c.article.startswith("addendum-") for c in addenda)
    assert "addendum-11556-1" in by_article
    assert by_article["addendum-11556-1"][0].citation.startswith("성폭력처벌법 부칙 <제11556호,2012.12.18> 제1조")
    assert all(c.unit == "article" for c in by_article["1"])


def test_long_articles_split_at_paragraphs_and_repeat_the_heading_path() -> None:
    parts = [c for c in _chunks("kr-sexual-crimes-act.ko.md", max_tokens=200) if c.article == "14"]
    assert parts[0].text.startswith("##### 제14조 (카메라 등을 이용한 촬영)")
    assert all(p.text.lstrip("*").startswith(("①", "②", "③", "④", "⑤", "⑥", "#####")) for p in parts)
    assert [p.citation for p in parts] == [
        "성폭력처벌법 제14조제1항",
        "성폭력처벌법 제14조제2항",
        "성폭력처벌법 제14조제3항~제4항",
        "성폭력처벌법 제14조제5항",
    ]
    assert len({p.heading_path for p in parts}) == 1


def test_us_sections_split_at_subsections_with_their_citation() -> None:
    parts = [c for c in _chunks("us-15-usc-6851.en.md") if c.unit == "article"]
    assert {p.article for p in parts} == {"6851"}
    assert parts[0].text.startswith("## § 6851. Civil action relating to disclosure of intimate images")
    labels = [p.citation for p in parts]
    assert "15 U.S.C. § 6851(a)" in labels and "15 U.S.C. § 6851(b)" in labels
    assert all(p.article_citation == "15 U.S.C. § 6851" for p in parts)
    notes = [c for c in _chunks("us-15-usc-6851.en.md") if c.unit == "notes"]
    assert notes and all(c.citation.startswith("15 U.S.C. § 6851 (notes") for c in notes)


def test_state_and_section_numbers_keep_their_own_spelling() -> None:
    assert {c.article for c in _chunks("us-ca-civ-1708-85.en.md") if c.unit == "article"} == {"1708.85"}
    assert {c.article for c in _chunks("us-47-usc-223a.en.md") if c.unit == "article"} == {"223a"}
    assert {c.article for c in _chunks("us-18-usc-2261a.en.md") if c.unit == "article"} == {"2261A"}
    assert {c.article for c in _chunks("us-il-720-ilcs-5-11-23-5.en.md") if c.unit == "article"} == {"11-23.5"}


# the article keys of the brief, hand-checked against the section headings of each file
NEW_US_ARTICLES = {
    "us-17-usc-512.en.md": ["512"],
    "us-18-usc-2251.en.md": ["2251"],
    "us-18-usc-2259.en.md": ["2259"],
    "us-18-usc-2264.en.md": ["2264"],
    "us-18-usc-2265.en.md": ["2265"],
    "us-18-usc-2422.en.md": ["2422"],
    "us-28-usc-1658.en.md": ["1658"],
    "us-ca-civ-1708-85.en.md": ["1708.85"],
    "us-ca-civ-1708-86.en.md": ["1708.86"],
    "us-ca-civ-1708-88.en.md": ["1708.88"],
    "us-ca-pen-647.en.md": ["647", "647.7", "647.8"],
    "us-fl-836-13.en.md": ["836.13"],
    "us-il-740-ilcs-190-10.en.md": ["10", "10"],  # Text A (as amended) and Text B (before)
    "us-ny-crl-52-c.en.md": ["52-c", "52-c"],  # Excerpts A and B
    "us-tx-cprc-98b.en.md": ["98B.001", "98B.002", "98B.002"],  # § 98B.002 in Excerpt A and in Excerpt B
    "us-tx-pen-21-15.en.md": ["21.15"],
    "us-tx-pen-21-16.en.md": ["21.16"],
    "us-tx-pen-21-165.en.md": ["21.165"],
    "us-tx-pen-21-17.en.md": ["21.17"],
    "us-tx-pen-21-18.en.md": ["21.18"],
    "us-tx-pen-21-19.en.md": ["21.19"],
    "us-tx-pen-43-235.en.md": ["43.235"],
    "us-tx-pen-43-26.en.md": ["43.26"],
    "us-tx-pen-43-261.en.md": ["43.261"],
    "us-wa-rcw-9a-86.en.md": ["9A.86.010", "9A.86.020"],
    "us-wa-shb-1999-2024.en.md": [str(n) for n in range(1, 16)],
}


def _section_runs(name: str) -> list[str]:
    """The article of each run of chunks with one article and heading path, in order."""
    runs = [(c.article, c.heading_path) for c in _chunks(name) if c.unit == "article"]
    return [str(article) for i, (article, path) in enumerate(runs) if i == 0 or runs[i - 1] != (article, path)]


@pytest.mark.parametrize("name", NEW_US_ARTICLES)
def test_new_us_texts_split_into_their_sections(name: str) -> None:
    assert _section_runs(name) == NEW_US_ARTICLES[name]


def test_texas_sections_split_at_lettered_subsections_written_one_per_line() -> None:
    parts = [c for c in _chunks("us-tx-pen-21-16.en.md") if c.unit == "article"]
    assert [c.citation for c in parts] == [
        "Tex. Penal Code § 21.16(a)",
        "Tex. Penal Code § 21.16(b)–(c)",
        "Tex. Penal Code § 21.16(d)–(g)",
        "Tex. Penal Code § 21.16(h)",
    ]
    assert [c.text[:24] for c in parts] == [
        "## Tex. Penal Code § 21.",
        "(b) A person commits an ",
        "(d) A person commits an ",
        "(h) If conduct that cons",
    ]
    assert parts[0].article_citation == "Tex. Penal Code § 21.16"
    # (c-1) is a subsection of its own, after (c); a range of such labels is written with an en dash
    subsections = {c.paragraph: c.citation for c in _chunks("us-tx-pen-43-26.en.md")}
    assert subsections["c-1"] == "Tex. Penal Code § 43.26(c-1)"
    assert subsections["c-1–c-2"] == "Tex. Penal Code § 43.26(c-1)–(c-2)"


def test_a_file_of_several_sections_cites_each_by_its_own_number() -> None:
    assert {c.article: c.article_citation for c in _chunks("us-ca-pen-647.en.md") if c.unit == "article"} == {
        "647": "Cal. Penal Code § 647",
        "647.7": "Cal. Penal Code § 647.7",
        "647.8": "Cal. Penal Code § 647.8",
    }
    rcw = [(c.article, c.paragraph, c.citation) for c in _chunks("us-wa-rcw-9a-86.en.md") if c.unit == "article"]
    assert rcw == [
        ("9A.86.010", "1-3", "Wash. Rev. Code § 9A.86.010(1)–(3)"),
        ("9A.86.010", "4-5", "Wash. Rev. Code § 9A.86.010(4)–(5)"),
        ("9A.86.010", "6-7", "Wash. Rev. Code § 9A.86.010(6)–(7)"),
        ("9A.86.010", "8", "Wash. Rev. Code § 9A.86.010(8)"),
        ("9A.86.020", None, "Wash. Rev. Code § 9A.86.020"),
    ]
    cprc = [(c.article, c.heading_path, c.text[:30]) for c in _chunks("us-tx-cprc-98b.en.md") if c.unit == "article"]
    assert cprc == [
        ("98B.001", ("Excerpt A — official chapter page",), "Sec. 98B.001. DEFINITIONS. In "),
        ("98B.002", ("Excerpt A — official chapter page",), "Sec. 98B.002. LIABILITY FOR UN"),
        ("98B.002", ("Excerpt B — § 98B.002 (secondary copy)",), "Sec. 98B.002. LIABILITY FOR UN"),
        ("98B.002", ("Excerpt B — § 98B.002 (secondary copy)",), "(b) A defendant is liable, as "),
    ]
    illinois = [(c.heading_path, c.text[:22]) for c in _chunks("us-il-740-ilcs-190-10.en.md") if c.unit == "article"]
    assert illinois == [
        (("Text A — § 10 as amended by P.A. 103-294 (research copy)",), "Sec. 10. Civil action."),
        (("Text B — § 10 before amendment by P.A. 103-294 (official ILGA database)",), "(740 ILCS 190/10) (Tex"),
    ]


def test_a_session_law_is_cited_by_its_own_section_numbers() -> None:
    chunks = [c for c in _chunks("us-wa-shb-1999-2024.en.md") if c.article == "7"]
    assert [c.citation for c in chunks] == [
        "SHB 1999 § 7(1)–(4)",
        "SHB 1999 § 7(5)",
        "SHB 1999 § 7(6)",
        "SHB 1999 § 7(7)–(8)",
    ]
    assert chunks[0].text.startswith(
        "## Section 7\n1. A person commits the crime of disclosing fabricated intimate images"
    )


def test_cases_split_by_their_own_sections() -> None:
    chunks = _chunks("kr-case-2023do5757-telegram-link-possession.ko.md")
    assert {c.paragraph for c in chunks} >= {"판시사항", "판결요지"}
    assert all(c.citation.startswith("대법원 2023. 10. 12. 선고 2023도5757 판결") for c in chunks)


_PIECES = [*"第一二三条之款abc §()ab\n\n제조의①②#。 ", "第三条 ", "\n##### 제2조 (x)\n", "\n(a) ", "\n## 第一章 总则\n"]
_TEXT = st.lists(st.sampled_from(_PIECES), max_size=120).map("".join)


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(
    body=_TEXT,
    language=st.sampled_from(["zh", "ko", "en"]),
    kind=st.sampled_from(["statute", "case"]),
    max_tokens=st.integers(min_value=3, max_value=60),
)
def test_chunks_cover_the_text_exactly_once(body: str, language: str, kind: str, max_tokens: int) -> None:
    """Outside the chunks there is only white space and structural heading lines; chunks never overlap."""
    document = Document("d", "d", body, 0, "US" if language == "en" else "KR", kind, language, "T")
    chunks = split_document(document, approx_tokens, max_tokens)
    covered = [False] * len(body)
    for chunk in chunks:
        assert chunk.text == body[chunk.start : chunk.end] and chunk.text.strip()
        for i in range(chunk.start, chunk.end):
            assert not covered[i], "chunks overlap"
            covered[i] = True
    leftover = "".join("\0" if covered[i] else ch for i, ch in enumerate(body))
    for line in leftover.split("\n"):
        rest = line.replace("\0", "")
        assert not rest.strip() or line.lstrip().startswith("#"), repr(line)


def test_a_ten_megabyte_single_line_is_cut_without_losing_text(tmp_path: Path) -> None:
    body = "偷拍" * 50_000
    document = Document("big", "big", body, 0, "CN", "user-document", "zh", "big")
    chunks = split_document(document, approx_tokens, 300)
    assert "".join(c.text for c in chunks) == body
    assert max(approx_tokens(c.text) for c in chunks) <= 300
