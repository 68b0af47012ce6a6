"""Drafts: every kind, jurisdiction and language builds in its language, each citation verified.

Real store, real corpus. The US notice is checked element by element against 47 U.S.C.
§ 223a(a)(1)(B); the evidence log's hash against hashlib; the CLI against its JSON contract.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
from pathlib import Path

import pytest
from docx import Document

from remedy_atlas.answer.draft_texts import KINDS, OFFENCES_PICK
from remedy_atlas.answer.drafts import JURISDICTIONS, LANGUAGES, EvidenceFile, write_draft
from remedy_atlas.answer.export import to_docx, to_markdown
from remedy_atlas.answer.verify import verify
from remedy_atlas.cli import main
from remedy_atlas.index import open_store
from remedy_atlas.ingest.store import VectorStore
from remedy_atlas.language import detect_language
from remedy_atlas.settings import Settings

_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"|「[^」]*」|『[^』]*』|'[^']*'|‘[^’]*’|\([^)]*\)|（[^）]*）")


@pytest.fixture(scope="module")
def store(corpus_settings: Settings) -> VectorStore:
    return open_store(corpus_settings)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("jurisdiction", JURISDICTIONS)
@pytest.mark.parametrize("kind", KINDS)
def test_draft_builds_in_its_language_with_verified_citations(
    store: VectorStore, kind: str, jurisdiction: str, language: str
) -> None:
    draft = write_draft(store, kind, jurisdiction, language)
    assert draft.warnings == []
    assert draft.sources, "every draft rests on provisions"
    markers = {int(m) for m in re.findall(r"\[(\d+)\]", draft.text)}
    assert markers == {s.marker for s in draft.sources}
    assert {s.doc_id.split("-")[0] for s in draft.sources} == {jurisdiction.lower()}
    assert verify(draft.text, draft.sources).warnings == []
    assert detect_language(_QUOTED.sub("", draft.text)) == language
    blank = "|  |  |" if kind == "evidence-log" else "________"
    assert blank in draft.text  # the facts are marked blanks when nobody filled them


def test_us_takedown_carries_each_element_223a_requires(store: VectorStore) -> None:
    facts = {
        "signature": "/s/ Jane Roe",
        "description": "a nude photo of me, posted 3 May",
        "url": "https://example.com/p/123",
        "contact": "jane@example.org",
        "name": "Jane Roe",
    }
    text = write_draft(store, "takedown", "US", "en", facts).text
    notice = text.split("## If you took")[0]
    # § 223a(a)(1)(B)(i)-(iv), in the order the statute lists them
    elements = [
        r"\*\*Signature\*\*.*/s/ Jane Roe",
        r"\*\*Identification of the depiction and information to locate it\*\*: a nude photo of me.*https://example.com/p/123",
        r"\*\*Good-faith statement\*\*: I have a good faith belief that .* is not consensual: it was published without my consent",
        r"\*\*Contact information\*\*: Jane Roe, jane@example.org",
    ]
    positions = [re.search(e, notice).start() for e in elements]  # type: ignore[union-attr]
    assert positions == sorted(positions)
    assert "not later than 48 hours after receiving such request" in notice
    dmca = text.split("## If you took")[1]  # 17 U.S.C. § 512(c)(3)(A)(i)-(vi)
    assert re.search(r"1\. \*\*Signature\*\* of the owner.*/s/ Jane Roe", dmca)
    assert "3. **The infringing material and information to locate it**: https://example.com/p/123" in dmca
    assert "6. The information in this notification is accurate, and under penalty of perjury" in dmca
    assert "designated agent of a service provider" in dmca


def test_facts_are_never_read_as_law(store: VectorStore) -> None:
    """A survivor's own words naming an article stay, though the draft does not cite it."""
    what = "他说要依第三百零三条把视频发给我父母 <script>"
    text = write_draft(store, "takedown", "CN", "zh", {"evidence": what}).text
    assert "他说要依第三百零三条把视频发给我父母 &lt;script>" in text


@pytest.mark.parametrize("jurisdiction", JURISDICTIONS)
def test_a_report_without_a_conduct_lists_offences_to_choose_from(store: VectorStore, jurisdiction: str) -> None:
    """Ten offences in full ran to 14,000 characters; named and cited, the asker keeps those that fit."""
    unsure = write_draft(store, "police-report", jurisdiction, "en").text
    offences = unsure.split(OFFENCES_PICK["en"])[1].split("\n\n")[0].strip().splitlines()
    assert len(offences) >= 3
    assert all(re.fullmatch(r"- \*\*[^*]+\*\* (\[\d+\])+", line.strip()) for line in offences), offences
    told = write_draft(store, "police-report", jurisdiction, "en", {"conduct": "distribution"}).text
    assert OFFENCES_PICK["en"] not in told and " — " in told


def test_evidence_log_hash_is_sha256_of_the_file(tmp_path: Path, store: VectorStore) -> None:
    capture = tmp_path / "capture 1.png"
    capture.write_bytes(bytes(range(256)) * 5000)  # over one read chunk
    expected = hashlib.sha256(capture.read_bytes()).hexdigest()
    assert EvidenceFile.of_path(capture) == EvidenceFile("capture 1.png", expected)
    assert EvidenceFile.of_bytes("capture 1.png", capture.read_bytes()).sha256 == expected
    text = write_draft(
        store, "evidence-log", "KR", "ko", {"url": "https://x.example/a"}, [EvidenceFile.of_path(capture)]
    ).text
    assert f"| https://x.example/a |  |  |  | capture 1.png | `{expected}` |" in text


def test_draft_downloads_as_markdown_and_docx(store: VectorStore) -> None:
    draft = write_draft(store, "police-report", "KR", "ko", {"name": "홍길동"})
    markdown = to_markdown(draft.as_answer())
    assert "## 고소장" in markdown and "홍길동" in markdown and "국선변호사" in markdown
    assert "성폭력범죄의 처벌 등에 관한 특례법" in markdown or "성폭력처벌법" in markdown
    docx = Document(io.BytesIO(to_docx(draft.as_answer())))
    body = "\n".join(p.text for p in docx.paragraphs)
    assert "고소장" in body and "홍길동" in body


def test_cli_draft_json_contract(corpus_settings: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capture = tmp_path / "shot.jpg"
    capture.write_bytes(b"\xff\xd8 not really a jpeg")
    store = ["--store", str(corpus_settings.data_dir)]
    args = ["draft", "evidence-log", "--jurisdiction", "cn", "--lang", "zh", "--json", "--file", str(capture)]
    assert main([*args, "--fact", "platform=微博", *store]) == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out) == {"kind", "jurisdiction", "language", "text", "citations"}
    assert (out["kind"], out["jurisdiction"], out["language"]) == ("evidence-log", "CN", "zh")
    assert hashlib.sha256(capture.read_bytes()).hexdigest() in out["text"] and "微博" in out["text"]
    assert out["citations"] and set(out["citations"][0]) == {"doc_id", "article", "citation", "quote"}
    assert {c["doc_id"] for c in out["citations"]} >= {"cn-civil-code", "cn-criminal-law"}
    assert main(["draft", "takedown", "--jurisdiction", "US", "--fact", "no-equals", *store]) == 2
    assert main(["draft", "takedown", "--jurisdiction", "US", "--file", str(capture), *store]) == 2
