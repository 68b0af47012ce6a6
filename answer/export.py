"""An answer or a comparison as a file to draft from: Markdown or DOCX, short or with the full annex.

A saved answer is read away from the app, where no [n] can be clicked, so both formats list the cited
provisions with their official source and then quote them. The short form ("summary with cited
articles") keeps the direct answer, the steps and the provisions those cite; the full annex adds the
details and every provision. Both are written from one outline of (heading, Markdown) sections, so
the DOCX has real headings, lists and bold runs rather than Markdown characters, and never a
repository path: only the ``source_url`` the corpus names as the official page.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass

from docx import Document
from docx.document import Document as DocxDocument
from docx.text.paragraph import Paragraph

from .engine import Answer
from .phrases import CONDUCT_NAMES, PHRASES
from .sources import Source

LABELS: dict[str, dict[str, str]] = {
    "zh": {
        "question": "问题",
        "conduct": "行为",
        "jurisdictions": "法域",
        "answer": "回答",
        "what_now": "您现在可以做的",
        "details": "各项救济的详细说明",
        "yours": "您自己的文件（不是法律）",
        "bibliography": "引用条文目录",
        "texts": "条文原文",
        "version": "版本",
        "effective": "施行",
        "page": "第 {page} 页",
        "official": "官方来源",
        "partial": "语料库仅收录部分文本",
        "own": "用户自己上传的文件，不是法律",
    },
    "ko": {
        "question": "질문",
        "conduct": "행위",
        "jurisdictions": "법역",
        "answer": "답변",
        "what_now": "지금 할 수 있는 일",
        "details": "구제수단별 자세한 설명",
        "yours": "내 문서 (법령이 아님)",
        "bibliography": "인용 조문 목록",
        "texts": "조문 원문",
        "version": "버전",
        "effective": "시행",
        "page": "{page}쪽",
        "official": "공식 출처",
        "partial": "코퍼스에 일부만 수록",
        "own": "사용자가 올린 문서이며 법령이 아님",
    },
    "en": {
        "question": "Question",
        "conduct": "Conduct",
        "jurisdictions": "Jurisdictions",
        "answer": "Answer",
        "what_now": "What you can do now",
        "details": "Each remedy in detail",
        "yours": "Your own documents (not law)",
        "bibliography": "Provisions cited",
        "texts": "The provisions' own words",
        "version": "version",
        "effective": "in force from",
        "page": "p. {page}",
        "official": "official source",
        "partial": "the corpus holds only part of this text",
        "own": "a document the user uploaded, not law",
    },
}
_INLINE = re.compile(r"((?<!\\)\*\*[^*]+\*\*|(?<!\\)\*[^*\s][^*]*(?<!\\)\*)")
_BULLET = re.compile(r"^(\s*)([-*]|\d+\.) (.*)$")
_HEADING = re.compile(r"^(#{1,6}) (.*)$")
_ESCAPED = re.compile(r"\\(.)")
_MARKERS = re.compile(r"\[(\d+)\]")
_DISCLAIMER_RULE = "\n\n---\n"
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~<>$:&])")
_SOURCE_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)[\s#]*$")
_BOLD = re.compile(r"\*\*(.+?)\*\*")


@dataclass(frozen=True)
class OwnPassage:
    """The words of a user's own document an answer quotes: theirs, never law."""

    doc_id: str
    title: str
    quote: str


def escape_markdown(text: str) -> str:
    """Text shown where Streamlit renders Markdown, shown as typed: no links, images, math or markup."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def provision_markdown(text: str) -> str:
    """A provision's own words as Markdown that shows them as typed, but with the corpus's formatting as formatting.

    Corpus texts mark article headings with ``#`` and paragraph numbers with ``**①**``; raw, those
    read as noise. Headings become bold lines and ``**…**`` bold; every other character is escaped,
    so a document cannot inject links, images or markup.
    """
    blocks = []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = []
        for line in block.split("\n"):
            if heading := _SOURCE_HEADING.match(line):
                lines.append(f"**{escape_markdown(heading.group(1).replace('**', ''))}**")
                continue
            parts = _BOLD.split(line.strip())  # odd positions were inside ** **
            lines.append(
                "".join(f"**{escape_markdown(p)}**" if i % 2 else escape_markdown(p) for i, p in enumerate(parts))
            )
        blocks.append("  \n".join(lines))
    return "\n\n".join(blocks)


def answer_parts(answer: Answer) -> tuple[str, str, str]:
    """The direct answer, the steps and the details; an answer without them (a comparison, a draft) is all "direct"."""
    if answer.direct:
        return answer.direct, answer.steps, answer.details
    return answer.text.split(_DISCLAIMER_RULE)[0].strip(), "", ""


def untitled(markdown: str) -> str:
    """A part without the heading it starts with, where the app or the document gives it its own."""
    first, _, rest = markdown.partition("\n")
    return rest.lstrip("\n") if _HEADING.match(first) else markdown


def citation_entry(source: Source, language: str) -> str:
    """One bibliography line: label, title (and its English title), version, date, page, official source."""
    words = LABELS[language]
    title = source.title + (f" ({source.title_en})" if source.title_en and source.title_en != source.title else "")
    details = []
    if source.version:
        details.append(f"{words['version']}: {source.version}")
    if source.effective:
        details.append(f"{words['effective']}: {source.effective}")
    if source.page:
        details.append(words["page"].format(page=source.page))
    if source.source_url.startswith(("https://", "http://")):
        details.append(f"{words['official']}: {source.source_url}")
    if source.partial:
        details.append(words["partial"] + (f": {source.partial_note}" if source.partial_note else ""))
    if source.user_document:
        details.append(words["own"])
    return f"[{source.marker}] {source.citation} — {title}" + (". " + "; ".join(details) if details else "")


def outline(answer: Answer, own: Sequence[OwnPassage] = (), full: bool = False) -> list[tuple[str, str]]:
    """The document as (section heading, Markdown body) pairs, in reading order."""
    words = LABELS[answer.language]
    direct, steps, details = answer_parts(answer)
    sections = [(words["answer"], direct)]
    if steps:
        sections.append((words["what_now"], untitled(steps)))
    if own:
        sections.append((words["yours"], "\n\n".join(f"**{p.title}**\n\n> {p.quote}" for p in own)))
    if details and full:
        sections.append((words["details"], untitled(details)))
    cited = answer.sources
    if not full:
        shown = {int(n) for n in _MARKERS.findall(f"{direct}\n{steps}")}
        cited = [s for s in answer.sources if s.marker in shown] or answer.sources
    if cited:
        sections.append((words["bibliography"], "\n".join(f"- {citation_entry(s, answer.language)}" for s in cited)))
        texts = [f"### [{s.marker}] {s.citation}\n\n{provision_markdown(s.quote)}" for s in cited]
        sections.append((words["texts"], "\n\n".join(texts)))
    return sections


def _subject(answer: Answer) -> list[tuple[str, str]]:
    """The question (a comparison's is a conduct key, shown by name) and the jurisdictions, as labelled facts."""
    words = LABELS[answer.language]
    if answer.question in CONDUCT_NAMES:
        subject = (words["conduct"], CONDUCT_NAMES[answer.question][answer.language])
    else:
        subject = (words["question"], answer.question)
    places = ", ".join(PHRASES[answer.language].get(j, j) for j in answer.jurisdictions)
    return [subject, (words["jurisdictions"], places)]


def _shifted(markdown: str, top: int) -> str:
    """Headings of a section body moved so its highest becomes level ``top`` (a country under a section)."""
    levels = [len(m.group(1)) for m in re.finditer(r"^(#{1,6}) ", markdown, re.MULTILINE)]
    if not levels:
        return markdown
    shift = top - min(levels)
    return re.sub(r"^(#{1,6}) ", lambda m: "#" * min(6, len(m.group(1)) + shift) + " ", markdown, flags=re.MULTILINE)


def to_markdown(answer: Answer, own: Sequence[OwnPassage] = (), full: bool = False) -> str:
    lines = ["# Remedy Atlas", ""]
    lines += [f"**{label}:** {value}  " for label, value in _subject(answer)]
    for heading, body in outline(answer, own, full):
        lines += ["", f"## {heading}", "", _shifted(body, 3)]
    lines += ["", "---", f"*{answer.disclaimer}*"]
    return "\n".join(lines).rstrip() + "\n"


def to_docx(answer: Answer, own: Sequence[OwnPassage] = (), full: bool = False) -> bytes:
    doc = Document()
    doc.core_properties.title = "Remedy Atlas"
    doc.core_properties.language = answer.language
    doc.add_heading("Remedy Atlas", 0)
    for name, value in _subject(answer):
        paragraph = doc.add_paragraph()
        paragraph.add_run(f"{name}: ").bold = True
        paragraph.add_run(value)
    for heading, body in outline(answer, own, full):
        doc.add_heading(heading, 1)
        _add_markdown(doc, _shifted(body, 2))
    doc.add_paragraph().add_run(answer.disclaimer).italic = True
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _add_markdown(doc: DocxDocument, text: str) -> None:
    """The Markdown answers use, as Word formatting: headings, bullet and numbered lists, tables, quotes, bold."""
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
        while line.endswith("  ") and i < len(lines) and lines[i].strip() and not _starts_block(lines[i]):
            line = f"{line.rstrip()}\n{lines[i]}"  # a hard line break inside one paragraph
            i += 1
        if not line.strip() or re.fullmatch(r"\s*-{3,}\s*", line):
            continue
        if heading := _HEADING.match(line):
            _add_inline(doc.add_heading("", min(len(heading.group(1)), 4)), heading.group(2))
        elif bullet := _BULLET.match(line):
            numbered = bullet.group(2)[0].isdigit()
            style = "List Number" if numbered else "List Bullet"
            _add_inline(doc.add_paragraph(style=style + (" 2" if len(bullet.group(1)) >= 2 else "")), bullet.group(3))
        elif line.startswith(">"):
            _add_inline(doc.add_paragraph(style="Quote"), line.lstrip("> "))
        else:
            _add_inline(doc.add_paragraph(), line)


def _starts_block(line: str) -> bool:
    return bool(_HEADING.match(line) or _BULLET.match(line) or line.lstrip().startswith(("|", ">")))


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
            _add_inline(paragraph, re.sub(r"\s*(?:<br\s*/?>|&lt;br\s*/?>|•)\s*", "\n", value).strip(), bold=r == 0)


def _add_inline(paragraph: Paragraph, text: str, bold: bool = False) -> None:
    """Bold and italic spans as runs; Markdown escapes and hard breaks as the characters they stand for."""
    for part in _INLINE.split(text.replace("  \n", "\n")):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**"):
            paragraph.add_run(_ESCAPED.sub(r"\1", part[2:-2])).bold = True
        elif part.startswith("*") and part.endswith("*") and len(part) > 2:
            run = paragraph.add_run(_ESCAPED.sub(r"\1", part[1:-1]))
            run.italic = True
            run.bold = bold or None
        else:
            paragraph.add_run(_ESCAPED.sub(r"\1", part)).bold = bold or None
