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
_EN_ARTICLE_HEADING = re.compile(r"^(Article\s+(\d+))\b")
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


@dataclass(frozen=True)
class _Opening:
    """What a heading line opens: a unit of this kind, its article number and its citation label."""

    unit: str
    article: str | None
    label: str
    paragraph: str | None = None


class _Scan:
    """One pass over a document's lines: the heading path so far, the units so far, the one being filled."""

    def __init__(self, document: Document) -> None:
        self.sections = _us_sections(document)
        self.headings: list[tuple[int, str]] = []  # (level, text) of the structural headings above this line
        self.units: list[_Unit] = []
        self.current: _Unit | None = None
        self.mode = ""  # "addendum" after a 부칙 heading, "notes" after a US "Notes" heading
        self.addendum_no = ""
        self.seen_article = False
        self.heading_only: tuple[_Unit, int, str] | None = None  # a unit opened at a heading, nothing in it yet
        self.deferred: _Unit | None = None  # that unit, when a compiler's line followed its heading

    def open(self, start: int, end: int, opening: _Opening, md: re.Match[str] | None) -> None:
        if md:  # a heading that opens a unit closes the headings of its level and below
            self.headings = [(lvl, t) for lvl, t in self.headings if lvl < len(md.group(1))]
        unit = self._add(start, opening)
        unit.end = end
        self.heading_only = (unit, len(md.group(1)), md.group(2)) if md else None
        self.seen_article = self.seen_article or opening.unit != "section"

    def heading(self, level: int, text: str, system: _System) -> None:
        self.headings = [(lvl, t) for lvl, t in self.headings if lvl < level] + [(level, text)]
        self.current = self.deferred = None
        self.mode = next((mode for pattern, mode in system.modes if pattern.match(text)), self.mode)

    def compiler_line(self) -> None:
        """The compiler's words belong to no unit. Right under a heading that opened one ("### Text A —
        § 10 …" then "Source: …"), the heading names the text below it, which opens the unit instead."""
        if self.heading_only and self.heading_only[0] is self.current:
            self.deferred, level, text = self.heading_only
            self.units.remove(self.deferred)
            self.headings = [(lvl, t) for lvl, t in self.headings if lvl < level] + [(level, text)]
        self.current = self.heading_only = None

    def text_line(self, start: int, end: int) -> None:
        self.heading_only = None
        unit = self.current or self._add(start, self._continuation())
        unit.end = end

    def blank_line(self, end: int) -> None:
        if self.current:
            self.current.end = end

    def _continuation(self) -> _Opening:
        """What text outside any heading's unit belongs to."""
        last = self.headings[-1][1] if self.headings else None
        if self.deferred:
            return _Opening(self.deferred.unit, self.deferred.article, self.deferred.label, self.deferred.paragraph)
        if self.mode == "notes":  # editorial notes are not the section's text: no article number of their own
            return _Opening("notes", None, "", last)
        if self.mode == "addendum":
            return _Opening("addendum", f"addendum-{self.addendum_no or '0'}", "부칙")
        return _Opening("annex" if self.seen_article else "preamble", None, last or "", last)

    def _add(self, start: int, opening: _Opening) -> _Unit:
        path = tuple(text for _, text in self.headings)
        self.current = _Unit(start, opening.unit, opening.article, opening.label, path, opening.paragraph)
        self.deferred = None
        self.units.append(self.current)
        return self.current


# A heading rule reads one line (and its Markdown heading match, if any) and says what it opens, if anything.
HeadingRule = Callable[[_Scan, str, re.Match[str] | None], _Opening | None]


def _case_section(scan: _Scan, line: str, md: re.Match[str] | None) -> _Opening | None:
    """Cases (and headed user files): every heading below the title opens a section."""
    return _Opening("section", None, md.group(2), md.group(2)) if md and len(md.group(1)) >= 2 else None


def _cn_article(scan: _Scan, line: str, md: re.Match[str] | None) -> _Opening | None:
    """第二百五十三条之一 at the start of a line."""
    m = _CN_HEADING.match(line)
    return _Opening("article", cn_article(m.group(1), m.group(2)), m.group(0)) if m else None


def _kr_article(scan: _Scan, line: str, md: re.Match[str] | None) -> _Opening | None:
    """##### 제14조의2 (…) in the main text."""
    m = _KR_HEADING.match(line)
    if not m or scan.mode == "addendum":
        return None
    return _Opening("article", kr_article(m.group(2), m.group(3)), m.group(1))


def _kr_addendum(scan: _Scan, line: str, md: re.Match[str] | None) -> _Opening | None:
    """Under 부칙: each block 부칙 <제11556호,2012.12.18> and its articles, keyed by promulgation number."""
    if scan.mode != "addendum":
        return None
    stripped = line.strip()
    if block := _KR_ADDENDUM_BLOCK.match(stripped):
        scan.addendum_no = block.group(2)
        return _Opening("addendum", f"addendum-{scan.addendum_no}", block.group(1))
    if scan.addendum_no and (m := _KR_ADDENDUM_ARTICLE.match(stripped)):
        number = kr_article(m.group(2), m.group(3))
        block_label = scan.current.label.split(" 제")[0] if scan.current else f"부칙 <제{scan.addendum_no}호>"
        return _Opening("addendum", f"addendum-{scan.addendum_no}-{number}", f"{block_label} {m.group(1)}")
    return None


def _session_section(scan: _Scan, line: str, md: re.Match[str] | None) -> _Opening | None:
    """A bill or session law: ## Sec. 3. / ## Section 3, by the act's own numbers."""
    m = _US_SESSION_SECTION.match(line)
    return _Opening("article", m.group(2), m.group(1)) if m else None


def _us_section(scan: _Scan, line: str, md: re.Match[str] | None) -> _Opening | None:
    """A codified US section the citation names: at a heading ("## § 6851.", "## 9A.86.010 - …") or at a
    plain heading line ("Sec. 21.16.", "* § 52-c."), which continues a unit of the same section."""
    if scan.mode == "notes":
        return None
    if md:
        number = _us_heading_section(md.group(2), scan.sections)
    else:
        number = _us_line_section(line.strip(), scan.sections)
        number = None if scan.current and scan.current.article == number else number
    return _Opening("article", number, "") if number else None


def _en_article(scan: _Scan, line: str, md: re.Match[str] | None) -> _Opening | None:
    """An English translation: Article 246 at the start of a line."""
    m = None if md else _EN_ARTICLE_HEADING.match(line)
    return _Opening("article", m.group(2), m.group(1)) if m else None


@dataclass(frozen=True)
class _System:
    """How one legal system marks its units: heading rules tried in order, lines that are structural
    headings besides Markdown ones, and headings that switch the scan into a mode."""

    rules: tuple[HeadingRule, ...]
    structure: re.Pattern[str] | None = None
    modes: tuple[tuple[re.Pattern[str], str], ...] = ()


STRUCTURE_LEVEL = 3  # a plain structural line (第一章 总则) ranks as a ### heading in the path

_CASES = _System((_case_section,))
_CN_CASES = _System((_case_section,), structure=_CN_STRUCTURE)
_CN = _System((_cn_article,), structure=_CN_STRUCTURE)
_KR = _System((_kr_article, _kr_addendum), modes=((re.compile(r"^부\s*칙$"), "addendum"),))
_US_ACTS = _System((_session_section,))
_US_CODE = _System((_us_section,), modes=((re.compile(r"^Notes"), "notes"),))
_EN = _System((_en_article,))
_PLAIN = _System(())


def _system(document: Document) -> _System:
    if document.kind == "case" or (document.kind == "user-document" and not _has_legal_headings(document)):
        return _CN_CASES if document.language == "zh" else _CASES
    if document.language == "zh":
        return _CN
    if document.language == "ko":
        return _KR
    if document.language != "en":
        return _PLAIN
    if document.kind in SESSION_KINDS:
        return _US_ACTS
    return _US_CODE if _us_sections(document) else _EN


def _units(document: Document) -> list[_Unit]:
    system, scan = _system(document), _Scan(document)
    for start, end, line in _lines(document):
        stripped = line.strip()
        md = _MD_HEADING.match(line)
        if document.kind != "user-document" and _COMPILER_LINE.match(stripped):
            scan.compiler_line()
        elif opening := next((o for rule in system.rules if (o := rule(scan, line, md))), None):
            scan.open(start, end, opening, md)
        elif md:
            scan.heading(len(md.group(1)), md.group(2), system)
        elif system.structure and system.structure.match(stripped):
            scan.heading(STRUCTURE_LEVEL, stripped, system)
        elif stripped:
            scan.text_line(start, end)
        else:
            scan.blank_line(end)
    return [u for u in scan.units if document.text[u.start : u.end].strip()]


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
