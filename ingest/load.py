"""Reading files into :class:`Document`: the corpus Markdown, user PDFs, plain text.

Every way a file can be unreadable becomes a :class:`DocumentError` naming the file and the
reason, so a batch can report it and go on with the rest.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from ..errors import DocumentError
from ..language import detect_language
from .documents import JURISDICTIONS, Document, Page

SUPPORTED_SUFFIXES = (".md", ".txt", ".pdf")
SLUG_LENGTH = 60  # characters of a file name kept in a user document's id and its saved name
_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.DOTALL)
_REQUIRED = ("id", "jurisdiction", "kind", "language", "title")


def load_document(path: Path, *, jurisdiction: str | None = None) -> Document:
    """Read one file. Corpus files carry their provenance as front matter; user files get defaults."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise DocumentError(path, f"unsupported format '{suffix or 'no extension'}' (use .md, .txt or .pdf)")
    if not path.is_file():
        raise DocumentError(path, "no such file")
    if suffix == ".pdf":
        return _load_pdf(path, jurisdiction)
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DocumentError(path, f"not UTF-8 text (byte {exc.start}); save it as UTF-8 and try again") from exc
    text = text.replace("\r\n", "\n")
    if not text.strip():
        raise DocumentError(path, "the file is empty")
    match = _FRONT_MATTER.match(text)
    if match:
        return _from_front_matter(path, text, match)
    return _user_document(path, text, (), jurisdiction)


def _from_front_matter(path: Path, text: str, match: re.Match[str]) -> Document:
    try:
        _check_size(yaml.compose(match.group(1), Loader=yaml.SafeLoader), path)
        meta: dict[str, Any] = yaml.safe_load(match.group(1)) or {}
    except yaml.YAMLError as exc:
        raise DocumentError(path, f"front matter is not valid YAML: {exc}") from exc
    missing = [key for key in _REQUIRED if not meta.get(key)]
    if missing:
        raise DocumentError(path, f"front matter lacks {', '.join(missing)}")
    jurisdiction = str(meta["jurisdiction"])
    if jurisdiction.split("-")[0] not in JURISDICTIONS:
        raise DocumentError(path, f"unknown jurisdiction {jurisdiction!r}")
    body = text[match.end() :]
    if not body.strip():
        raise DocumentError(path, "no text after the front matter")
    partial_raw = meta.get("partial", False)
    partial_text = str(partial_raw).strip()
    partial = partial_raw is True or partial_text.lower().startswith("true")
    return Document(
        doc_id=str(meta["id"]),
        path=str(path),
        text=text,
        body_start=match.end(),
        jurisdiction=jurisdiction,
        kind=str(meta["kind"]),
        language=str(meta["language"]),
        title=str(meta["title"]),
        title_en=str(meta.get("title_en") or ""),
        citation=str(meta.get("citation") or ""),
        version=str(meta.get("version") or ""),
        effective=str(meta.get("effective") or ""),
        source=str(meta.get("source") or ""),
        source_url=str(meta.get("source_url") or ""),
        partial=partial,
        partial_note=re.sub(r"^true\s*[-—:]?\s*", "", partial_text, flags=re.IGNORECASE) if partial else "",
        short_title=str(meta.get("short_title") or _short_titles(path.parent.parent).get(str(meta["id"]), "")),
    )


MAX_FRONT_MATTER_NODES = 10_000


def _check_size(root: yaml.Node | None, path: Path) -> None:
    """Refuse front matter whose aliases would expand without bound (a "billion laughs" file)."""
    stack, seen = [root], 0
    while stack:
        node = stack.pop()
        seen += 1
        if seen > MAX_FRONT_MATTER_NODES:
            raise DocumentError(path, "front matter is too large once its aliases are expanded")
        if isinstance(node, yaml.SequenceNode):
            stack += node.value
        elif isinstance(node, yaml.MappingNode):
            stack += [part for pair in node.value for part in pair]


@cache
def _short_titles(corpus_root: Path) -> dict[str, str]:
    """Conventional short names (성폭력처벌법) kept beside the texts, which stay byte-for-byte as sourced."""
    path = corpus_root / "short_titles.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def slug(name: str) -> str:
    """A file name made safe for an id and a path: word characters and dashes, never empty or dotted."""
    return re.sub(r"[^\w\-]+", "-", unicodedata.normalize("NFKC", name)).strip("-_")[:SLUG_LENGTH] or "document"


def _user_document(path: Path, text: str, pages: tuple[Page, ...], jurisdiction: str | None) -> Document:
    """A user's own file: no provenance beyond its name, so it is labelled as theirs."""
    if not text.strip():
        raise DocumentError(path, "no text found")
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:10]
    stem = slug(path.stem)
    return Document(
        doc_id=f"user-{stem}-{digest}",
        path=str(path),
        text=text,
        body_start=0,
        jurisdiction=jurisdiction or "USER",
        kind="user-document",
        language=detect_language(text),
        title=path.name,
        title_en=path.name,
        pages=pages,
    )


def _load_pdf(path: Path, jurisdiction: str | None) -> Document:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(path)
        if reader.is_encrypted:
            raise DocumentError(path, "the PDF is encrypted; remove the password and upload it again")
        page_texts = [(page.extract_text() or "").replace("\r\n", "\n") for page in reader.pages]
    except DocumentError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError, RecursionError) as exc:
        raise DocumentError(path, f"not a readable PDF ({type(exc).__name__}: {exc})") from exc
    if not page_texts:
        raise DocumentError(path, "the PDF has no pages")
    parts: list[str] = []
    pages: list[Page] = []
    offset = 0
    for number, page_text in enumerate(page_texts, start=1):
        pages.append(Page(number, offset, offset + len(page_text)))
        parts.append(page_text)
        offset += len(page_text) + 2
    text = "\n\n".join(parts)
    if not text.strip():
        raise DocumentError(path, "the PDF has no text layer (scanned images?); OCR it first")
    return _user_document(path, text, tuple(pages), jurisdiction)
