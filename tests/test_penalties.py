"""Every penalty figure is stated, verbatim, by the provision it cites, and is the number stated there.

The numbers are read back out of the provisions' own words by a parser independent of the data
file (Chinese and Korean numerals included), so a figure typed wrong, or a snippet pasted from
the wrong paragraph, fails.
"""

from __future__ import annotations

import re

import pytest

from remedy_atlas.answer.penalties import LIFE, Figure, default_penalties, format_value
from remedy_atlas.answer.remedies import default_remedies
from remedy_atlas.legal_units import cn_to_int

from .test_remedies import articles

PENALTIES = default_penalties()
FIGURES = [(remedy_id, name, figure) for remedy_id, p in PENALTIES.items() for name, figure in p.figures()]
_EN_NUMBERS = {"one": 1, "two": 2, "three": 3, "five": 5, "ten": 10, "twenty": 20}


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _cn_amount(numeral: str) -> int:
    """一千万 → 10,000,000: statutes write money with 万 above 千, which article numbers never use."""
    high, _, low = numeral.rpartition("万")
    return (cn_to_int(high) * 10_000 if high else 0) + (cn_to_int(low) if low else 0)


def _kr_amount(written: str) -> int:
    """5천만 → 50,000,000; 200만 → 2,000,000; 1억 → 100,000,000."""
    total = 0
    for part, scale in re.findall(r"([\d천백]+)(억|만|)", written):
        if not part:
            continue
        number = int(re.match(r"\d*", part).group() or 1)  # type: ignore[union-attr]
        number *= 1000 if "천" in part else 100 if "백" in part else 1
        total += number * {"억": 100_000_000, "만": 10_000, "": 1}[scale]
    return total


def _en_number(word: str) -> int:
    return int(word) if word.isdigit() else _EN_NUMBERS[word]


def stated(name: str, snippet: str) -> int | str | None:
    """The number the snippet states for this kind of figure, read the way a lawyer reads it."""
    if name == "max_prison_months":
        if "无期徒刑" in snippet or snippet.startswith("무기") or snippet.endswith("or for life"):
            return LIFE
        if m := re.findall(r"([零一二三四五六七八九十百]+)年以下有期徒刑", snippet):
            return cn_to_int(m[-1]) * 12
        if m := re.findall(r"(\d+)년 이하의 징역", snippet):
            return int(m[-1]) * 12
        if m := re.search(r"not more than (\w+) (years?|months)", snippet):
            return _en_number(m.group(1)) * (1 if m.group(2) == "months" else 12)
    if name == "min_prison_months":
        if m := re.search(r"(\d+)년 이상의 (?:유기)?징역", snippet):
            return int(m.group(1)) * 12
        if m := re.search(r"not less than (\w+) years", snippet):
            return _en_number(m.group(1)) * 12
    if name == "detention_days" and (m := re.search(r"([零一二三四五六七八九十百]+)日以下拘留", snippet)):
        return cn_to_int(m.group(1))
    if name in ("fine", "damages"):
        if m := re.search(r"([零一二三四五六七八九十百千万]+)元以下罚款", snippet):
            return _cn_amount(m.group(1))
        if m := re.search(r"([\d천백만억]+)원(?: 이하의 벌금|의 범위)", snippet):
            return _kr_amount(m.group(1))
        if m := re.search(r"\$([\d,]+)", snippet):
            return int(m.group(1).replace(",", ""))
        if re.search(r"罚金|벌금|fined", snippet):
            return None  # a fine the provision imposes without an amount
    raise AssertionError(f"no {name} stated in {snippet!r}")


@pytest.mark.parametrize(("remedy_id", "name", "figure"), FIGURES, ids=[f"{r}-{n}" for r, n, _ in FIGURES])
def test_figure_is_the_number_its_provision_states(remedy_id: str, name: str, figure: Figure) -> None:
    remedy = next(r for r in default_remedies() if r.id == remedy_id)
    provision = figure.provision
    assert (provision.doc_id, provision.article) in {(p.doc_id, p.article) for p in remedy.provisions}
    assert _squash(figure.snippet) in _squash(articles()[(provision.doc_id, provision.article)])
    assert figure.value == stated(name, figure.snippet)


def test_hand_checked_figures() -> None:
    """A few read by hand from the statutes, so the parser above is itself checked."""
    assert PENALTIES["kr-criminal-illegal-filming"].max_prison_months.value == 84  # type: ignore[union-attr]
    assert PENALTIES["kr-criminal-illegal-filming"].fine.value == 50_000_000  # type: ignore[union-attr]
    assert PENALTIES["cn-criminal-obscene-dissemination"].max_prison_months.value == 24  # type: ignore[union-attr]
    assert PENALTIES["cn-admin-obscene-information"].detention_days.value == 15  # type: ignore[union-attr]
    assert PENALTIES["cn-admin-report-illegal-content"].fine.value == 10_000_000  # type: ignore[union-attr]
    assert PENALTIES["us-criminal-take-it-down-threats"].max_prison_months.value == 24  # type: ignore[union-attr]
    assert PENALTIES["us-civil-intimate-image-disclosure"].damages.value == 150_000  # type: ignore[union-attr]
    assert PENALTIES["kr-criminal-insult"].fine.value == 2_000_000  # type: ignore[union-attr]


def test_figures_read_in_each_language() -> None:
    assert format_value("max_prison_months", 84, "zh", "KR") == "7 年"
    assert format_value("max_prison_months", 12, "en", "US") == "1 year"
    assert format_value("max_prison_months", 18, "en", "US") == "18 months"
    assert format_value("fine", 50_000_000, "ko", "KR") == "50,000,000원"
    assert format_value("damages", 150_000, "en", "US-CA") == "$150,000"
    assert format_value("fine", 5000, "en", "CN") == "CNY 5,000"
    assert format_value("fine", 100_000_000, "zh", "KR") == "100,000,000韩元"
    assert format_value("max_prison_months", LIFE, "ko", "KR") == "무기징역"
    assert format_value("fine", None, "en", "US") == "(amount not stated)"
