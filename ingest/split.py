"""Cutting a document into legal units: one chunk per article, long articles at paragraph bounds.

The splitter works on offsets, never on copies: a chunk's text is always
``document.text[chunk.start:chunk.end]``, so what the product quotes is what the source says.
Structural headings (编/章/节, 장/절, Notes) are not chunks; they become each chunk's heading path.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from ..legal_units import CN_NUMERAL, cn_article, int_to_cn, kr_article, us_sections
from .documents import Chunk, Document

TokenCounter = Callable[[str], int]
DEFAULT_MAX_TOKENS = 320
SPLIT_RULES = 3  # raise it whenever a change here cuts a text differently: indexes then split their documents again

_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_CN_HEADING = re.compile(rf"^第({CN_NUMERAL})条(?:之({CN_NUMERAL}))?(?=[\s\u3000])")
_CN_STRUCTURE = re.compile(rf"^(第{CN_NUMERAL}[编章节分]\s.*|附\s*则|附件[一二三四五六七八九十]*)$")
_KR_HEADING = re.compile(r"^#{1,6}\s*(제(\d+)조(?:의(\d+))?)(?=[\s(]|$)")
_KR_ADDENDUM_BLOCK = re.compile(r"^(부칙(?:\([^)]*\))?\s*<제(\d+)호,[^>]*>)")
_KR_ADDENDUM_ARTICLE = re.compile(r"^(제(\d+)조(?:의(\d+))?)\s*\(")
_US_NUMBER = r"(\d[\w.\-]*\w|\d)"
# a section opens at "Sec. 21.16." (Texas, Illinois), "* § 52-c." or a line ending "Section 52-C" (New York)
_US_SECTION_LINE = re.compile(
    rf"^(?:\*\s*)?(?:Sec\.|§)\s*{_US_NUMBER}\.(?:\s|$)|^(?:.*\s)?Section\s+{_US_NUMBER}$", re.I | re.M
)
_US_SESSION_SECTION = re.compile(r"^#{1,6}\s*((?:Sec\.|Section)\s*(\d+))(?:\.|\s*$)")
SESSION_KINDS = ("bill", "session law")  # numbered "Sec. 1" / "Section 1" of an act, not codified sections
# the compiler's words in a corpus text: a note ("> Rendering note: …"), the page an excerpt was read from,
# where it stops. They are provenance, never the law's text, so no chunk holds them.
_COMPILER_LINE = re.compile(r"^(?:>|Source:\s+\S+$|\[excerpt ends here\b)")
_KR_PARAGRAPH = re.compile(r"^\s*(?:\*\*)?([①-⑳])")
# (a), (a-1), also right after a "Sec. 21.16. TITLE." heading on the same line
_US_SUBSECTION = re.compile(r"^(?:Sec\.\s[^\n]*?\s)?\(([a-z](?:-\d+)?)\)")
_US_SEC_LINE = re.compile(r"^Sec\.\s", re.M)  # Texas and Illinois: "Sec. 21.16. TITLE. (a) …", then a line each
_US_NUMBERED = re.compile(r"^(\d+)\.(?:\s|$)")  # Washington and New York subsections: "1. A person …"
_US_LINE_SUBSECTION = re.compile(r"\n(?=\([a-z](?:-\d+)?\))")  # Texas: one subdivision per line
_ITEM = re.compile(r"^\s*(（[一二三四五六七八九十]+）|\d+\s*[．.、\\]|[가-하]\\?\.|\([0-9A-Za-z]+\))")
_SENTENCE_END = re.compile(r"[。！？；.!?;:：)）」』\]]\s*$")


def approx_tokens(text: str) -> int:
    """A cheap stand-in for a model tokenizer: CJK characters cost about one token, words about 1.3."""
    cjk = sum(1 for c in text if "\u3000" <= c <= "\u9fff" or "\uac00" <= c <= "\ud7a3")
    return cjk + int(len(re.findall(r"[A-Za-z0-9]+", text)) * 1.3)


@dataclass
class _Unit:
    """An article (or other unit) being collected while scanning the lines of a document."""

    start: int
    unit: str
    article: str | None
    label: str
    heading_path: tuple[str, ...]
    paragraph: str | None = None
    end: int = 0
    blocks: list[tuple[int, int]] = field(default_factory=list)


def split_document(
    document: Document, count_tokens: TokenCounter = approx_tokens, max_tokens: int = DEFAULT_MAX_TOKENS
) -> list[Chunk]:
    """The document's legal units, in order; articles over ``max_tokens`` split at paragraphs."""
    units = _units(document)
    chunks: list[Chunk] = []
    for unit in units:
        parts = _pack(document.text, unit, count_tokens, max_tokens, document.jurisdiction.startswith("US"))
        for start, end, labels in parts:
            paragraphs = labels if len(parts) > 1 and unit.unit in ("article", "addendum") else None
            paragraph = _range(paragraphs) if paragraphs else None
            chunks.append(
                Chunk(
                    doc_id=document.doc_id,
                    index=len(chunks),
                    text=document.text[start:end],
                    start=start,
                    end=end,
                    unit=unit.unit,
                    article=unit.article,
                    paragraph=paragraph or unit.paragraph,
                    citation=_citation(document, unit, paragraphs),
                    article_citation=_citation(document, unit, None),
                    heading_path=unit.heading_path,
                    page=_page_of(document, start),
                    continues=bool(chunks) and not document.text[chunks[-1].end : start].strip(),
                )
            )
    return chunks


# ---------------------------------------------------------------- scanning lines into units


def _lines(document: Document) -> Iterator[tuple[int, int, str]]:
    offset = document.body_start
    for line in document.text[document.body_start :].split("\n"):
        yield offset, offset + len(line), line
        offset += len(line) + 1


def _units(document: Document) -> list[_Unit]:
    language, kind = document.language, document.kind
    sections = _us_sections(document)
    headings: list[tuple[int, str]] = []
    units: list[_Unit] = []
    current: _Unit | None = None
    in_addendum = in_notes = False
    addendum_no = ""
    seen_article = False
    heading_only: tuple[_Unit, int, str] | None = None  # a unit opened at a heading, with its level and text
    deferred: _Unit | None = None  # that unit, when a compiler's line followed its heading

    def path() -> tuple[str, ...]:
        return tuple(text for _, text in headings)

    def open_unit(start: int, unit: str, article: str | None, label: str, paragraph: str | None = None) -> _Unit:
        nonlocal current, deferred
        current, deferred = _Unit(start, unit, article, label, path(), paragraph), None
        units.append(current)
        return current

    for start, end, line in _lines(document):
        stripped = line.strip()
        md = _MD_HEADING.match(line)
        article_start = None  # (unit, article, label)
        if kind != "user-document" and _COMPILER_LINE.match(stripped):
            if heading_only and heading_only[0] is current:
                # "### Text A — § 10 …" then "Source: …": the heading names the text, which starts below
                deferred, level, heading = heading_only
                units.remove(deferred)
                headings = [(lvl, t) for lvl, t in headings if lvl < level] + [(level, heading)]
            current = heading_only = None
            continue
        if kind == "case" or (kind == "user-document" and not _has_legal_headings(document)):
            if md and len(md.group(1)) >= 2:
                heading_only = (
                    open_unit(start, "section", None, md.group(2), md.group(2)),
                    len(md.group(1)),
                    md.group(2),
                )
                current.end = end
                continue
        elif language == "zh":
            m = _CN_HEADING.match(line)
            if m:
                article_start = ("article", cn_article(m.group(1), m.group(2)), m.group(0))
        elif language == "ko":
            m = _KR_HEADING.match(line)
            block = _KR_ADDENDUM_BLOCK.match(stripped)
            if m and not in_addendum:
                article_start = ("article", kr_article(m.group(2), m.group(3)), m.group(1))
            elif block and in_addendum:
                addendum_no = block.group(2)
                article_start = ("addendum", f"addendum-{addendum_no}", block.group(1))
            elif in_addendum and addendum_no and (m2 := _KR_ADDENDUM_ARTICLE.match(stripped)):
                number = kr_article(m2.group(2), m2.group(3))
                block_label = current.label.split(" 제")[0] if current else f"부칙 <제{addendum_no}호>"
                article_start = ("addendum", f"addendum-{addendum_no}-{number}", f"{block_label} {m2.group(1)}")
        elif language == "en" and kind in SESSION_KINDS:
            m = _US_SESSION_SECTION.match(line)
            if m:
                article_start = ("article", m.group(2), m.group(1))
        elif language == "en" and sections and not in_notes:
            number = _us_heading_section(md.group(2), sections) if md else _us_line_section(stripped, sections)
            if number and (md or current is None or current.article != number):
                article_start = ("article", number, "")
        elif language == "en" and md is None:
            m = re.match(r"^(Article\s+(\d+))\b", line)
            if m:
                article_start = ("article", m.group(2), m.group(1))

        if article_start:
            seen_article = True
            unit_type, article, label = article_start
            if md:  # a heading that opens a section closes the headings of its level and below
                headings = [(lvl, t) for lvl, t in headings if lvl < len(md.group(1))]
            opened = open_unit(start, unit_type, article, label)
            heading_only = (opened, len(md.group(1)), md.group(2)) if md else None
            current.end = end
            continue

        structural = md is not None or (language == "zh" and _CN_STRUCTURE.match(stripped))
        if structural:
            level = len(md.group(1)) if md else 3
            text = md.group(2) if md else stripped
            headings = [(lvl, t) for lvl, t in headings if lvl < level] + [(level, text)]
            current = deferred = None
            if language == "ko" and re.match(r"^부\s*칙$", text):
                in_addendum = True
            if sections and text.startswith("Notes"):
                in_notes = True
            continue

        if not stripped:
            if current:
                current.end = end
            continue
        heading_only = None
        if current is None:
            if deferred:
                open_unit(start, deferred.unit, deferred.article, deferred.label, deferred.paragraph)
            elif in_notes:  # editorial notes are not the section's text: no article number of their own
                open_unit(start, "notes", None, "", headings[-1][1] if headings else None)
            elif in_addendum:
                open_unit(start, "addendum", f"addendum-{addendum_no or '0'}", "부칙")
            else:
                heading = headings[-1][1] if headings else None
                open_unit(start, "annex" if seen_article else "preamble", None, heading or "", heading)
        current.end = end
    return [u for u in units if document.text[u.start : u.end].strip()]


def _has_legal_headings(document: Document) -> bool:
    body = document.text[document.body_start :]
    return bool(re.search(rf"(?m)^(第{CN_NUMERAL}条|#*\s*제\d+조|Article\s+\d+\b|§\s*\d)", body))


def _us_sections(document: Document) -> tuple[str, ...]:
    """A US statute file holds the sections its front-matter citation names, usually one."""
    if not document.jurisdiction.startswith("US") or document.kind != "statute":
        return ()
    return us_sections(document.citation or document.title)


def _us_heading_section(heading: str, sections: tuple[str, ...]) -> str | None:
    """The cited section a Markdown heading opens: "§ 647.7", "9A.86.010 - …", "720 ILCS 5/11-23.5"."""
    found = [s for s in sections if re.search(rf"(?:§\s*|^|ILCS\s+\d+/){re.escape(s)}(?!\w|\.\d)", heading, re.I)]
    return max(found, key=len) if found else None


def _us_line_section(line: str, sections: tuple[str, ...]) -> str | None:
    """The cited section a plain heading line opens ("Sec. 98B.001. DEFINITIONS."), in the citation's spelling."""
    m = _US_SECTION_LINE.match(line)
    number = m and (m.group(1) or m.group(2))
    return next((s for s in sections if number and s.lower() == number.lower()), None)


# ---------------------------------------------------------------- packing paragraphs into chunks


def _blocks(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Blank-line separated blocks, as trimmed offsets."""
    blocks = []
    for m in re.finditer(r"\S(?:.*?\S)?(?=\s*\n\s*\n|\s*$)", text[start:end], re.DOTALL):
        blocks.append((start + m.start(), start + m.end()))
    return blocks


def _us_blocks(text: str, start: int, end: int, per_line: bool) -> list[tuple[int, int]]:
    """A heading line is a block of its own ("## 9A.86.010 - …" right above "1. A person …"); in a
    section written one subdivision per line (Texas), so is each lettered subdivision."""
    cuts = [start, end]
    if text.startswith("#", start) and (newline := text.find("\n", start, end)) > 0:
        cuts.insert(1, newline + 1)
    if per_line:
        cuts += [start + m.end() for m in _US_LINE_SUBSECTION.finditer(text[start:end])]
    return [_trim(text, a, b) for a, b in itertools.pairwise(sorted(set(cuts)))]


def _is_title_block(block: str) -> bool:
    """A heading-like block ("(a) Definitions", "##### 제14조 (…)") is never left without its body."""
    return block.startswith("#") or ("\n" not in block and len(block) < 90 and not _SENTENCE_END.search(block))


def _paragraph_label(unit: _Unit, block: str, ordinal: int, us: bool) -> tuple[bool, str]:
    """Whether ``block`` opens a new paragraph of the unit, and that paragraph's label."""
    kr = _KR_PARAGRAPH.match(block)
    if unit.unit == "article" and kr:
        return True, str(ord(kr.group(1)) - ord("①") + 1)
    m = _US_SUBSECTION.match(block) or (us and unit.unit == "article" and _US_NUMBERED.match(block))
    if m:
        return True, m.group(1)
    if us or _ITEM.match(block) or block.startswith("#"):
        return False, ""
    return True, str(ordinal)


def _groups(text: str, unit: _Unit, us: bool) -> list[tuple[int, int, str]]:
    """Paragraphs (款 / 항 / subsection) of a unit, each with its items and its title line kept."""
    blocks = _blocks(text, unit.start, unit.end)
    if us:
        per_line = bool(_US_SEC_LINE.search(text[unit.start : unit.end]))
        blocks = [piece for block in blocks for piece in _us_blocks(text, *block, per_line)]
    groups: list[list[int | str]] = []
    glue = False
    us_letter, us_number = "", 0  # the last US subsection opened: they come in order, (a) (a-1) (b) or 1. 2.
    for bstart, bend in blocks:
        block = text[bstart:bend]
        opens, label = _paragraph_label(unit, block, len(groups) + 1, us)
        if label.isalpha() and len(label) == 1:
            opens = label == (chr(ord(us_letter) + 1) if us_letter else "a")
            us_letter = label if opens else us_letter
        elif "-" in label:
            opens = label.split("-")[0] == us_letter
        elif us and label:
            opens = int(label) == us_number + 1
            us_number += opens
        if groups and (glue or not opens):
            groups[-1][1] = bend
            if not groups[-1][2] and opens:
                groups[-1][2] = label
        else:
            groups.append([bstart, bend, label])
        glue = _is_title_block(block)
    return [(int(g[0]), int(g[1]), str(g[2])) for g in groups]


def _fits(text: str, count: TokenCounter, max_tokens: int) -> bool:
    """Subword tokens cover at least one character each, so short texts need no tokenizer call."""
    return len(text) + 2 <= max_tokens or count(text) <= max_tokens


Paragraphs = tuple[str, str]  # the first and last paragraph label of a chunk; the last is "" for one


def _pack(
    text: str, unit: _Unit, count: TokenCounter, max_tokens: int, us: bool
) -> list[tuple[int, int, Paragraphs | None]]:
    """Whole unit if it fits; else consecutive paragraphs packed up to ``max_tokens``."""
    start, end = _trim(text, unit.start, unit.end)
    if _fits(text[start:end], count, max_tokens):
        return [(start, end, None)]
    pieces: list[tuple[int, int, str]] = []
    for gstart, gend, label in _groups(text, unit, us):
        for pstart, pend in _fit(text, gstart, gend, count, max_tokens):
            pieces.append((pstart, pend, label))
    parts: list[tuple[int, int, Paragraphs | None]] = []
    first_label = last_label = ""
    cur_start = cur_end = -1
    for pstart, pend, label in pieces:
        if cur_start >= 0 and _fits(text[cur_start:pend], count, max_tokens):
            cur_end, last_label = pend, label
            continue
        if cur_start >= 0:
            parts.append((cur_start, cur_end, _paragraphs(first_label, last_label)))
        cur_start, cur_end, first_label, last_label = pstart, pend, label, label
    parts.append((cur_start, cur_end, _paragraphs(first_label, last_label)))
    return parts


def _paragraphs(first: str, last: str) -> Paragraphs | None:
    if not first:
        return None
    return (first, "" if first == last else last)


def _range(paragraphs: Paragraphs) -> str:
    """``1-3``; with an en dash where a label has a hyphen of its own (``a-1–c``)."""
    first, last = paragraphs
    return f"{first}{'–' if '-' in first + last else '-'}{last}" if last else first


_CUT_PATTERNS = (r"\n", r"(?<=[。；！？])\s*|(?<=[.!?;])\s+", r"\s+")  # lines, sentences, words


def _fit(
    text: str, start: int, end: int, count: TokenCounter, max_tokens: int, level: int = 0
) -> list[tuple[int, int]]:
    """Split one over-long paragraph at lines, then sentences, then words, then characters: never lose text.

    A title line ("##### 제23조의2 (…)") is never cut off from what follows it.
    """
    if _fits(text[start:end], count, max_tokens):
        return [(start, end)]
    for lvl in range(level, len(_CUT_PATTERNS)):
        inner = [start + m.end() for m in re.finditer(_CUT_PATTERNS[lvl], text[start:end]) if 0 < m.end() < end - start]
        cuts = [start, *inner, end]
        pieces: list[tuple[int, int]] = []
        piece_start = start
        for a, b in itertools.pairwise(cuts):
            pending = text[piece_start:a].strip()
            too_long = not _fits(text[piece_start:b], count, max_tokens)
            if a > piece_start and pending and not ("\n" not in pending and _is_title_block(pending)) and too_long:
                pieces.append(_trim(text, piece_start, a))
                piece_start = a
        pieces.append(_trim(text, piece_start, end))
        if len(pieces) > 1:
            return [p for q in pieces if q[1] > q[0] for p in _fit(text, q[0], q[1], count, max_tokens, lvl)]
    # no line or sentence boundary left: cut by characters (a 10 MB single line, say)
    step = max(1, (end - start) * max_tokens // max(count(text[start:end]), 1))
    return [_trim(text, a, min(a + step, end)) for a in range(start, end, step) if text[a : min(a + step, end)].strip()]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


# ---------------------------------------------------------------- citation labels


def short_title(document: Document) -> str:
    """The name lawyers cite a law by: 刑法 for 中华人民共和国刑法; a front-matter short_title wins."""
    if document.short_title:
        return document.short_title
    if document.jurisdiction == "CN" and document.kind != "case":
        return document.title.removeprefix("中华人民共和国")
    return document.title


def _citation(document: Document, unit: _Unit, paragraphs: Paragraphs | None) -> str:
    name = short_title(document)
    if document.kind == "case":
        decided = document.version.split(" (")[0] if "선고" in document.version else ""
        base = document.citation or decided or document.title
        return f"{base}, {unit.label}" if unit.label else base
    if unit.unit == "preamble":
        return document.title
    if unit.unit in ("annex", "section", "passage"):
        return f"{name} {unit.label}".strip()
    if document.jurisdiction.startswith("US"):
        base = (document.citation or name).split(" (")[0]
        if document.kind in SESSION_KINDS:
            base = f"{base.split(',')[0]} § {unit.article}"
        elif len(_us_sections(document)) > 1 and unit.article:
            base = f"{base.split('§')[0].rstrip()} § {unit.article}"
        if unit.unit == "notes":
            return f"{base} (notes: {unit.paragraph})" if unit.paragraph else f"{base} (notes)"
        if paragraphs:
            first, last = paragraphs
            return f"{base}({first})" + (f"–({last})" if last else "")
        return base
    if document.language == "zh":
        label = unit.label or f"第{unit.article}条"
        if paragraphs and all(p.isdigit() for p in paragraphs if p):
            first, last = paragraphs
            label += f"第{int_to_cn(int(first))}款" + (f"至第{int_to_cn(int(last))}款" if last else "")
        return f"{name} {label}"
    if document.language == "ko":
        label = unit.label
        if paragraphs and all(p.isdigit() for p in paragraphs if p) and unit.unit == "article":
            first, last = paragraphs
            label += f"제{first}항" + (f"~제{last}항" if last else "")
        return f"{name} {label}"
    return f"{name} {unit.label}".strip()


def _page_of(document: Document, offset: int) -> int | None:
    for page in document.pages:
        if page.start <= offset <= page.end:
            return page.number
    return None
