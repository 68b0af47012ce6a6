"""The activists' brief, the penalty chart and the timeline: real store, hand-checked figures and dates."""

from __future__ import annotations

import io
import json
import re

import pytest
from docx import Document

from remedy_atlas.answer.brief import chart_rows, timeline_rows, write_brief
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


def test_deepfake_brief_penalties_side_by_side(store: VectorStore) -> None:
    brief = write_brief(store, "deepfake", ("CN", "KR", "US"), "en")
    figures = {(r.jurisdiction, r.remedy.id): (r.value("max_prison_months"), r.value("fine")) for r in brief.penalties}
    # read by hand: 刑法 第246条 / 第364条, 治安管理处罚法 第80条, 성폭력처벌법 제14조의2①·제14조④,
    # 정보통신망법 제74조①, 전기통신사업법 제95조의2, 47 U.S.C. § 223(h)(4) and (6)
    assert figures == {
        ("CN", "cn-criminal-insult-defamation"): (36, None),
        ("CN", "cn-criminal-obscene-dissemination"): (24, None),
        ("CN", "cn-admin-obscene-information"): (None, 5000),
        ("KR", "kr-criminal-possession-viewing"): (36, 30_000_000),
        ("KR", "kr-criminal-deepfake"): (84, 50_000_000),
        ("KR", "kr-criminal-network-obscene"): (12, 10_000_000),
        ("KR", "kr-takedown-illegal-footage-platform-duty"): (36, 100_000_000),
        ("KR", "kr-civil-damages-illegal-information"): (None, None),
        ("US", "us-criminal-take-it-down-forgery"): (24, None),
        ("US", "us-criminal-take-it-down-threats"): (24, None),
        ("US", "us-ca-civil-deepfake"): (None, None),  # damages only: Cal. Civ. Code § 1708.86(f)
        ("US", "us-wa-civil-intimate-images"): (None, None),  # damages only: SHB 1999 Sec. 14
    }
    assert "| South Korea | Criminal complaint: making or distributing sexual deepfakes" in brief.text
    assert re.search(r"\| 7 years \[\d+\] \| KRW 50,000,000 \[\d+\] \|", brief.text)
    assert "China has no specific offence of 'revenge porn' or 'deepfake pornography'" in brief.text
    assert "No remedy of these kinds in the corpus: " in brief.text
    assert verify(brief.text, brief.sources).warnings == [] and brief.warnings == []
    table = brief.text.split("### Maximum penalties side by side")[1].split("###")[0]
    for line in table.strip().splitlines()[2:]:
        assert re.search(r"\[\d+\]", line), line  # every penalty row cites its provision


@pytest.mark.parametrize("language", ["zh", "ko", "en"])
def test_brief_in_each_language_downloads(store: VectorStore, language: str) -> None:
    brief = write_brief(store, "distribution", ("CN", "KR", "US"), language)
    assert detect_language(_QUOTED.sub("", brief.text)) == language
    assert brief.penalties and brief.sources and brief.warnings == []
    assert "[" in to_markdown(brief.as_answer())
    docx = Document(io.BytesIO(to_docx(brief.as_answer())))
    assert len(docx.tables) == 2  # the comparison and the penalties


def test_chart_rows_are_the_heaviest_stated_penalty_with_its_citation(store: VectorStore) -> None:
    rows = {(r["conduct"], r["jurisdiction"]): r for r in chart_rows(store, "en")}
    assert rows[("Deepfakes / synthetic media", "South Korea")]["years"] == 7
    assert rows[("Deepfakes / synthetic media", "United States")]["years"] == 2
    assert rows[("Deepfakes / synthetic media", "China")]["years"] == 3
    assert rows[("Threats and sextortion", "South Korea")]["years"] == 10  # 형법 제350조 공갈
    assert rows[("Threats and sextortion", "United States")]["years"] == 20  # 18 U.S.C. § 875(b)
    life = rows[("Non-consensual distribution", "China")]
    assert (life["years"], life["life"], life["label"]) == (None, True, "life")
    assert life["citation"] == "刑法 第三百六十三条" and "无期徒刑" in life["quote"]


def test_timeline_dates_come_from_the_corpus(store: VectorStore) -> None:
    events = [(e["date"], e["jurisdiction"]) for e in timeline_rows(store, "en")]
    assert events == [
        ("2020-05-19", "South Korea"),  # 성폭력처벌법 제14조④ <신설 2020.5.19>
        ("2021-01-01", "China"),  # 民法典, front matter
        ("2022-10-01", "United States"),  # 15 U.S.C. § 6851, front matter
        ("2024-10-16", "South Korea"),  # 제14조의2④ <신설 2024.10.16>
        ("2025-05-19", "United States"),  # TAKE IT DOWN Act, § 223(h)
        ("2026-01-01", "China"),  # 治安管理处罚法 2025 revision
        ("2026-05-19", "United States"),  # § 223a platforms' deadline
    ]


def test_cli_brief_json_contract(corpus_settings: Settings, capsys: pytest.CaptureFixture[str]) -> None:
    store = ["--store", str(corpus_settings.data_dir)]
    assert main(["brief", "deepfake", "--jurisdiction", "KR,US", "--lang", "ko", "--json", *store]) == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out) == {"text", "citations", "penalties"}
    keys = {"jurisdiction", "conduct", "provision", "max_prison_months", "fine", "detention_days", "damages"}
    assert all(keys <= set(p) for p in out["penalties"])
    kr = next(p for p in out["penalties"] if p["remedy"] == "kr-criminal-deepfake")
    assert (kr["provision"], kr["max_prison_months"], kr["fine"]) == ("성폭력처벌법 제14조의2", 84, 50_000_000)
    assert {p["jurisdiction"] for p in out["penalties"]} == {"KR", "US"}
