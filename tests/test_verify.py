"""The verifier removes whatever the sources do not support, and keeps what they do."""

from __future__ import annotations

from remedy_atlas.answer.sources import Source
from remedy_atlas.answer.verify import verify


def _source(marker: int, article: str, quote: str, doc_id: str = "cn-criminal-law") -> Source:
    return Source(
        doc_id=doc_id,
        jurisdiction="CN",
        kind="statute",
        title="中华人民共和国刑法",
        title_en="Criminal Law",
        version="",
        effective="",
        source="",
        source_url="",
        partial=False,
        partial_note="",
        marker=marker,
        article=article,
        citation=f"刑法 第{article}条",
        quote=quote,
        page=None,
        user_document=False,
    )


SOURCES = [
    _source(
        1,
        "364",
        "第三百六十四条 传播淫秽的书刊、影片、音像、图片或者其他淫秽物品，情节严重的，处二年以下有期徒刑、拘役或者管制。",
    ),
    _source(
        2,
        "246",
        "第二百四十六条 以暴力或者其他方法公然侮辱他人……\n\n前款罪，告诉的才处理，但是严重危害社会秩序和国家利益的除外。",
    ),
]


def test_supported_statements_pass_untouched() -> None:
    text = "传播淫秽物品，情节严重的，可处二年以下有期徒刑[1]。第二百四十六条规定的侮辱罪“告诉的才处理”[2]。"
    checked = verify(text, SOURCES)
    assert checked.text == text and checked.warnings == []


def test_invented_article_numbers_are_removed() -> None:
    checked = verify("根据刑法第九百九十九条，深度伪造不违法[1]。偷拍可能构成犯罪[1]。", SOURCES)
    assert "九百九十九" not in checked.text
    assert "偷拍可能构成犯罪[1]。" in checked.text
    assert len(checked.warnings) == 1


def test_markers_past_the_list_are_removed() -> None:
    checked = verify("You may sue for damages [7]. Distribution is punished [1].", SOURCES)
    assert "[7]" not in checked.text and "Distribution is punished [1]." in checked.text


def test_quotes_must_be_verbatim() -> None:
    checked = verify("The law says “deepfakes are always legal” [1]. 法律规定“告诉的才处理”[2]。", SOURCES)
    assert "always legal" not in checked.text and "告诉的才处理" in checked.text


def test_us_and_korean_numbers_are_checked_too() -> None:
    sources = [_source(1, "6851", "(a) Definitions ...", "us-15-usc-6851"), _source(2, "14-2", "제14조의2 ...", "kr-x")]
    checked = verify("See 15 U.S.C. § 6851(b) [1]. See § 2252A [1]. 제14조의2 applies [2]. 제99조 too [2].", sources)
    assert "§ 6851(b)" in checked.text and "제14조의2" in checked.text
    assert "2252A" not in checked.text and "제99조" not in checked.text


def test_llm_tokens_are_counted_offline_as_tiktoken_would() -> None:
    from remedy_atlas.answer.tokens import count_tokens, truncate

    assert count_tokens("hello world") == 2  # [15339, 1917] in cl100k_base
    assert count_tokens("传播淫秽物品") > 0
    assert truncate("word " * 1000, 10).endswith(" …")
