"""Article numbers as the three legal systems write them, and one normalized form for all.

Normalized articles use Arabic numerals and a hyphen for inserted articles (刑法 第二百五十三条之一
→ ``253-1``; 제14조의2 → ``14-2``); US sections keep their own spelling (``6851``, ``223a``,
``2261A``, ``1708.85``). The same parser serves the splitter (headings) and the citation verifier
(article numbers written in an answer), so both agree on what an article number is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
CN_NUMERAL = "[零〇一二两三四五六七八九十百千]+"


def cn_to_int(numeral: str) -> int:
    """Chinese numerals as statutes use them (一千一百九十五, 十二, 一百零一) to an int."""
    if not numeral or any(c not in _CN_DIGITS and c not in _CN_UNITS for c in numeral):
        raise ValueError(f"not a Chinese numeral: {numeral!r}")
    total, digit = 0, 0
    for char in numeral:
        if char in _CN_DIGITS:
            digit = _CN_DIGITS[char]
        else:
            total += (digit or 1) * _CN_UNITS[char]
            digit = 0
    return total + digit


def int_to_cn(number: int) -> str:
    """The inverse of :func:`cn_to_int`, in the statutes' own style (十二, not 一十二)."""
    if number <= 0:
        raise ValueError("article numbers start at 1")
    digits = "零一二三四五六七八九"
    parts: list[str] = []
    zero_pending = False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d = number // value % 10
        if d == 0:
            zero_pending = bool(parts)
            continue
        if zero_pending:
            parts.append("零")
            zero_pending = False
        parts.append(("" if d == 1 and unit == "十" and not parts else digits[d]) + unit)
    return "".join(parts)


CN_ARTICLE = re.compile(rf"第({CN_NUMERAL})条(?:之({CN_NUMERAL}))?")
KR_ARTICLE = re.compile(r"제\s?(\d+)\s?조(?:\s?의\s?(\d+))?")
US_SECTION = re.compile(r"§{1,2}\s*(\d[\w.\-]*\w|\d)", re.ASCII)
EN_ARTICLE = re.compile(r"\bArticles?\s+(\d+)(?:-(\d+))?\b")


def cn_article(main: str, sub: str | None) -> str:
    return f"{cn_to_int(main)}-{cn_to_int(sub)}" if sub else str(cn_to_int(main))


def kr_article(main: str, sub: str | None) -> str:
    return f"{int(main)}-{int(sub)}" if sub else str(int(main))


def us_sections(citation: str) -> tuple[str, ...]:
    """The sections a US citation names: ``Cal. Penal Code §§ 647, 647.7`` → 647, 647.7.

    A range (``§§ 98B.001-98B.002``) gives its two ends; an ILCS citation its section after the slash.
    """
    if m := re.search(r"ILCS\s+\d+/([\w.\-]*\w)", citation):
        return (m.group(1),)
    start = citation.find("§")
    if start < 0:
        return ()
    sections: list[str] = []
    for token in re.findall(r"\d[\w.\-]*\w|\d", citation[start:], re.ASCII):
        ends = re.fullmatch(r"(\d+[A-Z]?\.\d+)-(\d+[A-Z]?\.\d+)", token)
        for section in ends.groups() if ends else (token,):
            if section not in sections:
                sections.append(section)
    return tuple(sections)


def cn_label(article: str) -> str:
    main, _, sub = article.partition("-")
    return f"第{int_to_cn(int(main))}条" + (f"之{int_to_cn(int(sub))}" if sub else "")


def kr_label(article: str) -> str:
    main, _, sub = article.partition("-")
    return f"제{int(main)}조" + (f"의{int(sub)}" if sub else "")


@dataclass(frozen=True)
class ArticleMention:
    """An article number written in free text, and where."""

    system: str  # "cn", "kr", "us" (§) or "en" (Article N)
    article: str
    start: int
    end: int


def find_article_mentions(text: str) -> list[ArticleMention]:
    """Every article number in ``text`` (第…条, 제…조, § …), normalized, in order of appearance."""
    found: list[ArticleMention] = []
    for m in CN_ARTICLE.finditer(text):
        found.append(ArticleMention("cn", cn_article(m.group(1), m.group(2)), m.start(), m.end()))
    for m in KR_ARTICLE.finditer(text):
        found.append(ArticleMention("kr", kr_article(m.group(1), m.group(2)), m.start(), m.end()))
    for m in US_SECTION.finditer(text):
        found.append(ArticleMention("us", m.group(1), m.start(), m.end()))
    for m in EN_ARTICLE.finditer(text):
        article = m.group(1) + (f"-{m.group(2)}" if m.group(2) else "")
        found.append(ArticleMention("en", article, m.start(), m.end()))
    return sorted(found, key=lambda mention: mention.start)
