"""Every way a file can be unreadable gives one clear error naming the file and the reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from remedy_atlas.errors import DocumentError
from remedy_atlas.ingest.load import load_document
from remedy_atlas.ingest.split import split_document

from .support.pdfs import encrypted_pdf, image_only_pdf, text_pdf

JUDGMENT = "Section 1 Definitions\nIn this Act, intimate image means a private image.\n\nSection 2 Offence"


def test_a_pdf_keeps_its_pages_and_finds_its_articles(tmp_path: Path) -> None:
    path = tmp_path / "local-regulation.pdf"
    path.write_bytes(
        text_pdf(["Article 1 This regulation protects victims.", "Article 2 Platforms shall remove images."])
    )
    document = load_document(path, jurisdiction="US")
    assert [p.number for p in document.pages] == [1, 2]
    chunks = split_document(document)
    assert [(c.article, c.page) for c in chunks] == [("1", 1), ("2", 2)]
    assert document.kind == "user-document" and document.doc_id.startswith("user-local-regulation-")


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.md", b"  \n\n ", "empty"),
        ("latin1.txt", "Urteil über Schadensersatz".encode("latin-1"), "not UTF-8"),
        ("scan.pdf", image_only_pdf(), "no text layer"),
        ("locked.pdf", encrypted_pdf("Article 1 secret"), "encrypted"),
        ("corrupt.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog", "not a readable PDF"),
        ("truncated.pdf", text_pdf(["Article 1 x"])[:60], "not a readable PDF"),
        ("notes.docx", b"PK\x03\x04", "unsupported format"),
        ("bad-front-matter.md", b"---\nid: [\n---\nbody", "front matter"),
        ("no-id.md", b"---\ntitle: x\n---\nbody", "lacks id"),
    ],
)
def test_unreadable_files_are_named_with_the_reason(tmp_path: Path, name: str, content: bytes, reason: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(DocumentError) as caught:
        load_document(path)
    assert caught.value.path == str(path)
    assert reason in str(caught.value)
    assert "\n" not in str(caught.value)


def test_plain_text_without_legal_headings_splits_into_passages(tmp_path: Path) -> None:
    path = tmp_path / "my-notes.txt"
    path.write_text("The police said the video was not obscene.\n\nI kept screenshots of every post.", encoding="utf-8")
    document = load_document(path)
    assert document.language == "en"
    assert [c.text for c in split_document(document)] == [path.read_text(encoding="utf-8")]
