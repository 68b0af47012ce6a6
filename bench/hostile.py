"""The generated set of malformed files and hostile questions, shared by tests/test_bad_input.py and bench.bad_input.

Every file is built here byte by byte (no fixtures on disk), so the set is reproducible and can
grow. Each case says what holding up means for it: rejected with a DocumentError whose message
names the reason, accepted as a document, or either (as long as nothing crashes).
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass

from tests.pdfs import encrypted_pdf, text_pdf

REJECTED, ACCEPTED, EITHER = "rejected", "accepted", "either"
TEN_MB = 10 * 1024 * 1024


@dataclass(frozen=True)
class FileCase:
    name: str  # the file name it is written under (its suffix picks the loader)
    data: bytes
    expect: str  # REJECTED, ACCEPTED or EITHER
    reason: str = ""  # a word the DocumentError must contain when rejected
    slow: bool = False


def _pdf(objects: list[bytes], *, root: int = 1, xref_shift: int = 0) -> bytes:
    """A PDF from raw object bodies (numbered from 1); ``xref_shift`` puts every xref offset off by that much."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % (off + xref_shift) for off in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, root, xref)
    return bytes(out)


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def zero_page_pdf() -> bytes:
    return _pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"])


def broken_xref_pdf() -> bytes:
    """Every offset in the cross-reference table is wrong; readers either rebuild it or give up."""
    good = text_pdf(["Article 1 Platforms shall remove intimate images on request."])
    start = good.rindex(b"xref\n")
    table = good[start:].split(b"trailer")[0]
    broken = table.replace(b"00000000", b"99999999")
    return good[:start] + broken + good[start + len(table) :]


def image_only_pdf() -> bytes:
    """One page painting one 8x8 grey image and no text: a scan without OCR."""
    pixels = bytes(range(64))
    return _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 842] /Contents 4 0 R "
            b"/Resources << /XObject << /Im1 5 0 R >> >> >>",
            _stream(b"q 500 0 0 700 50 70 cm /Im1 Do Q"),
            _stream(
                pixels,
                b"/Type /XObject /Subtype /Image /Width 8 /Height 8 /ColorSpace /DeviceGray /BitsPerComponent 8 ",
            ),
        ]
    )


def page_tree_loop_pdf() -> bytes:
    """A page tree whose node lists itself as its own kid: a naive walk never ends."""
    return _pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [2 0 R] /Count 1 >>"])


def lying_count_pdf() -> bytes:
    """One real page, a /Count of two billion."""
    good = text_pdf(["Article 1 One page only."])
    return good.replace(b"/Count 1 ", b"/Count 2000000000 ")


def flate_bomb_pdf(megabytes: int = 200) -> bytes:
    """A ~200 KB content stream that inflates to ``megabytes`` of blanks."""
    inflated = b" " * (megabytes * 1024 * 1024)
    return _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 842] /Contents 4 0 R >>",
            _stream(zlib.compress(inflated, 9), b"/Filter /FlateDecode "),
        ]
    )


def yaml_bomb_markdown(levels: int = 5) -> bytes:
    """Front matter whose title is a nest of YAML aliases: 600 bytes that expand ninefold per level.

    At 5 levels the title is ~4 MB and is copied into every chunk's metadata; at 9 it would be
    tens of gigabytes, so the set stops at 5: enough to show whether it is refused.
    """
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, levels + 1):
        lines.append(f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * 9) + "]")
    front = "\n".join(["id: us-yaml-bomb", "jurisdiction: US", "kind: statute", "language: en", *lines])
    return f"---\n{front}\ntitle: *a{levels}\n---\n\nSection 1. Body.\n".encode()


def hostile_files() -> list[FileCase]:
    mixed = "Article 1 平台应当删除 영상물을 삭제하여야 한다 platforms shall remove ملف صورة 😀 "
    controls = "".join(chr(c) for c in range(1, 32) if chr(c) not in "\n\r\t")
    return [
        FileCase("truncated.pdf", text_pdf(["Article 1 Platforms shall remove images."])[:120], REJECTED, "PDF"),
        FileCase("encrypted.pdf", encrypted_pdf("Article 1 secret text"), REJECTED, "encrypted"),
        FileCase("zero-pages.pdf", zero_page_pdf(), REJECTED, "no pages"),
        FileCase("broken-xref.pdf", broken_xref_pdf(), EITHER),
        FileCase("blank-2000-pages.pdf", text_pdf([""] * 2000), REJECTED, "no text", slow=True),
        FileCase("image-only.pdf", image_only_pdf(), REJECTED, "no text"),
        FileCase("page-tree-loop.pdf", page_tree_loop_pdf(), REJECTED, "PDF"),
        FileCase("lying-page-count.pdf", lying_count_pdf(), EITHER),
        FileCase("flate-bomb.pdf", flate_bomb_pdf(), EITHER, slow=True),
        FileCase("html-named.pdf", b"<!doctype html><script>alert(1)</script>", REJECTED, "PDF"),
        FileCase(
            "single-line-10mb.txt",
            ("deepfake removal duty " * (TEN_MB // 22 + 1))[:TEN_MB].encode(),
            ACCEPTED,
            slow=True,
        ),
        FileCase(
            "controls.txt",
            f"Article 1 {controls} removal\u200b\u200c\u200d\ufeff\u202e duty\x00 of platforms.".encode(),
            EITHER,
        ),
        FileCase("only-zero-width.txt", "\u200b\u200c\u200d\ufeff\u2060".encode() * 50, EITHER),
        FileCase("mixed-scripts.txt", (mixed * 40).encode(), ACCEPTED),
        FileCase("invalid-utf8.txt", b"Article 1 \xff\xfe\xc3\x28 broken bytes", REJECTED, "UTF-8"),
        FileCase("utf16.txt", "Article 1 평판".encode("utf-16"), REJECTED, "UTF-8"),
        FileCase("yaml-bomb.md", yaml_bomb_markdown(), REJECTED, "front matter"),
        FileCase(
            "bad-jurisdiction.md",
            b"---\nid: x\njurisdiction: XX\nkind: statute\nlanguage: en\ntitle: X\n---\nBody",
            REJECTED,
            "jurisdiction",
        ),
    ]


def hostile_questions() -> dict[str, str]:
    """name → question. ``long`` is 100,000 characters in three scripts."""
    return {
        "empty": "",
        "whitespace": " \n\t\u3000 ",
        "emoji": "😀🔥💔🙈🫠" * 8,
        "html": "<script>alert(1)</script><img src=x onerror=alert(2)> deepfake of me posted online?",
        "markdown-link": "[click me](javascript:alert(1)) ![x](http://127.0.0.1:9/p.png) deepfake",
        "controls": "deep\x00fake\x07 \u200b\u202eof me\ufeff online",
        "surrogates": "deepfake \udcff\udcfe posted",  # what a CLI gets for invalid UTF-8 bytes in argv
        "long": ("deepfake 딥페이크 深度伪造 intimate image " * 3000)[:100_000],
    }
