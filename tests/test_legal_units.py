from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from remedy_atlas.legal_units import cn_label, cn_to_int, find_article_mentions, int_to_cn, kr_label


@pytest.mark.parametrize(
    ("numeral", "value"),
    [
        ("一", 1),
        ("十", 10),
        ("十二", 12),
        ("一百零一", 101),
        ("一百一十", 110),
        ("二百四十六", 246),
        ("三百六十四", 364),
        ("一千零一十", 1010),
        ("一千一百九十五", 1195),
    ],
)
def test_chinese_numerals_as_statutes_write_them(numeral: str, value: int) -> None:
    assert cn_to_int(numeral) == value
    assert int_to_cn(value) == numeral


@given(st.integers(min_value=1, max_value=9999))
def test_chinese_numerals_round_trip(value: int) -> None:
    assert cn_to_int(int_to_cn(value)) == value


@given(st.integers(min_value=1, max_value=1300), st.one_of(st.none(), st.integers(min_value=1, max_value=9)))
def test_article_labels_round_trip(main: int, sub: int | None) -> None:
    article = f"{main}-{sub}" if sub else str(main)
    for label in (cn_label(article), kr_label(article)):
        assert [m.article for m in find_article_mentions(label)] == [article]


def test_mentions_in_prose_of_all_three_systems() -> None:
    text = "依照刑法第二百五十三条之一，성폭력처벌법 제14조의2, 15 U.S.C. § 6851(b), Cal. Civ. Code § 1708.85 and Article 246."
    assert [(m.system, m.article) for m in find_article_mentions(text)] == [
        ("cn", "253-1"),
        ("kr", "14-2"),
        ("us", "6851"),
        ("us", "1708.85"),
        ("en", "246"),
    ]
