"""An answer or a comparison as a file to keep: Markdown or DOCX, with a bibliography.

A saved answer is read away from the app, where no [n] can be clicked, so both formats end with
every cited provision in citation form and then the provisions' own words.
"""

from __future__ import annotations

import io
import re

from docx import Document
from docx.document import Document as DocxDocument
from docx.text.paragraph import Paragraph

from .engine import Answer
from .phrases import CONDUCT_NAMES
from .sources import Source

LABELS: dict[str, dict[str, str]] = {
    "zh": {
        "question": "问题",
        "conduct": "行为",
        "jurisdictions": "法域",
        "bibliography": "引用条文目录",
        "texts": "条文原文",
        "version": "版本",
        "effective": "施行",
        "page": "第 {page} 页",
        "partial": "语料库仅收录部分文本",
        "own": "用户自己上传的文件，不是法律",
    },
    "ko": {
        "question": "질문",
        "conduct": "행위",
        "jurisdictions": "법역",
        "bibliography": "인용 조문 목록",
        "texts": "조문 원문",
        "version": "버전",
        "effective": "시행",
        "page": "{page}쪽",
        "partial": "코퍼스에 일부만 수록",
        "own": "사용자가 올린 문서이며 법령이 아님",
    },
    "en": {
        "question": "Question",
        "conduct": "Conduct",
        "jurisdictions": "Jurisdictions",
        "bibliography": "Provisions cited",
        "texts": "The provisions' own words",
        "version": "version",
        "effective": "in force from",
        "page": "p. {page}",
        "partial": "the corpus holds only part of this text",
        "own": "a document the user uploaded, not law",
    },
}
_INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*\s][^*]*\*)")
_BULLET = re.compile(r"^(\s*)(?:[-*]|\d+\.) (.*)$")
_HEADING = re.compile(r"^(#{1,6}) (.*)$")


def _subject(answer: Answer) -> tuple[str, str]:
    """A comparison's "question" is a conduct key: shown by its name, under the label "conduct"."""
    words = LABELS[answer.language]
    if answer.question in CONDUCT_NAMES:
        return words["conduct"], CONDUCT_NAMES[answer.question][answer.language]
    return words["question"], answer.question


def citation_entry(source: Source, language: str) -> str:
    """One bibliography line: label, title (and its English title), version, date, page, source."""
    words = LABELS[language]
    title = source.title + (f" ({source.title_en})" if source.title_en and source.title_en != source.title else "")
    details = []
    if source.version:
        details.append(f"{words['version']}: {source.version}")
    if source.effective:
        details.append(f"{words['effective']}: {source.effective}")
    if source.page:
        details.append(words["page"].format(page=source.page))
    if source.source or source.source_url:
        details.append(" ".join(p for p in (source.source, source.source_url) if p))
    if source.partial:
        details.append(words["partial"] + (f": {source.partial_note}" if source.partial_note else ""))
    if source.user_document:
        details.append(words["own"])
    return f"[{source.marker}] {source.citation} — {title}" + (". " + "; ".join(details) if details else "")


def to_markdown(answer: Answer) -> str:
    words = LABELS[answer.language]
    label, subject = _subject(answer)
    lines = [
        "# Remedy Atlas",
        "",
        f"**{label}:** {subject}",
        "",
        f"**{words['jurisdictions']}:** {', '.join(answer.jurisdictions)}",
        "",
        answer.text,
        "",
        f"## {words['bibliography']}",
        "",
    ]
    lines += [f"{citation_entry(s, answer.language)}\n" for s in answer.sources] or ["—"]
    lines += ["", f"## {words['texts']}"]
    for source in answer.sources:
        lines += ["", f"### [{source.marker}] {source.citation}", ""]
        lines += [f"> {line}" if line else ">" for line in source.quote.split("\n")]
    return "\n".join(lines).rstrip() + "\n"


def to_docx(answer: Answer) -> bytes:
    words = LABELS[answer.language]
    label, subject = _subject(answer)
    doc = Document()
    doc.core_properties.title = "Remedy Atlas"
    doc.add_heading("Remedy Atlas", 0)
    for name, value in ((label, subject), (words["jurisdictions"], ", ".join(answer.jurisdictions))):
        paragraph = doc.add_paragraph()
        paragraph.add_run(f"{name}: ").bold = True
        paragraph.add_run(value)
    _add_markdown(doc, answer.text)
    doc.add_heading(words["bibliography"], 1)
    for source in answer.sources:
        doc.add_paragraph(citation_entry(source, answer.language))
    doc.add_heading(words["texts"], 1)
    for source in answer.sources:
        doc.add_heading(f"[{source.marker}] {source.citation}", 2)
        for block in source.quote.split("\n\n"):
            doc.add_paragraph(block.strip("\n"))
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _add_markdown(doc: DocxDocument, text: str) -> None:
    """The few Markdown forms answers use: headings, bullets, tables, bold, italics, rules."""
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.lstrip().startswith("|"):
            table = []
            while i < len(lines) and lines[i].lstrip().startswith("|"):
                table.append(lines[i])
                i += 1
            _add_table(doc, table)
            continue
        i += 1
        if not line.strip() or re.fullmatch(r"\s*-{3,}\s*", line):
            continue
        if heading := _HEADING.match(line):
            _add_inline(doc.add_heading("", min(len(heading.group(1)), 4)), heading.group(2))
        elif bullet := _BULLET.match(line):
            style = "List Bullet 2" if len(bullet.group(1)) >= 2 else "List Bullet"
            _add_inline(doc.add_paragraph(style=style), bullet.group(2))
        else:
            _add_inline(doc.add_paragraph(), line)


def _add_table(doc: DocxDocument, rows: list[str]) -> None:
    cells = [[c.strip() for c in row.strip().strip("|").split("|")] for row in rows]
    cells = [row for row in cells if not all(re.fullmatch(r":?-{3,}:?", c) for c in row)]
    if not cells:
        return
    width = max(len(row) for row in cells)
    table = doc.add_table(rows=len(cells), cols=width)
    table.style = "Table Grid"
    for r, row in enumerate(cells):
        for c, value in enumerate(row):
            paragraph = table.cell(r, c).paragraphs[0]
            _add_inline(paragraph, re.sub(r"<br\s*/?>", "\n", value), bold=r == 0)


def _add_inline(paragraph: Paragraph, text: str, bold: bool = False) -> None:
    for part in _INLINE.split(text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            paragraph.add_run(part[2:-2]).bold = True
        elif part.startswith("*") and part.endswith("*") and len(part) > 2:
            run = paragraph.add_run(part[1:-1])
            run.italic = True
            run.bold = bold or None
        else:
            paragraph.add_run(part).bold = bold or None
