"""A brief for activists: one conduct across jurisdictions, penalties side by side, gaps and platform duties.

Everything in it comes from the reviewed remedy entries (their names, caveats and provisions),
the penalty figures in ``corpus/penalties.json`` and the corpus's own dates; each cell carries
the marker of the provision it rests on and the whole passes the answer verifier. The same rows
feed the app's chart of maximum penalties and its timeline, so a mark there can be traced to the
provision that states it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..ingest.store import VectorStore
from ..retrieval.glossary import default_glossary
from ..settings import CORPUS_DIR
from .compose import _markers, compare_table, remedy_block
from .engine import Answer, _cited, inert
from .penalties import FIELDS, LIFE, Penalty, Value, default_penalties, format_value
from .phrases import CONDUCT_NAMES, PHRASES
from .remedies import CONDUCTS, MINORS, REMEDY_TYPES, Remedy, default_remedies
from .sources import Source, SourceList
from .verify import verify

TIMELINE_FILE = CORPUS_DIR / "timeline.json"
CHART_CONDUCTS = ("covert-filming", "distribution", "deepfake", "threats", "possession")
_AMENDED = re.compile(r"<(?:신설|개정) (\d{4})\.(\d{1,2})\.(\d{1,2})>")

WORDS: dict[str, dict[str, str]] = {
    "zh": {
        "title": "立法简报",
        "table": "比较表",
        "penalties": "最高刑罚对照",
        "lacks": "各法域的缺口",
        "platforms": "平台义务",
        "remedy": "途径",
        "jurisdiction": "法域",
        "no_type": "语料库中没有以下类型的途径：",
        "max_prison_months": "最高刑期",
        "min_prison_months": "最低刑期",
        "fine": "罚金/罚款",
        "detention_days": "行政拘留",
        "damages": "法定赔偿",
        "no_penalty": "语料库中没有载明刑罚数字的条文。",
        "no_gap": "条目没有记载缺口。",
        "no_platform": "语料库中没有针对平台的规定。",
    },
    "ko": {
        "title": "입법 브리프",
        "table": "비교표",
        "penalties": "법정 최고형 비교",
        "lacks": "법역별 공백",
        "platforms": "플랫폼의 의무",
        "remedy": "구제수단",
        "jurisdiction": "법역",
        "no_type": "코퍼스에 없는 구제수단 유형: ",
        "max_prison_months": "최고 징역",
        "min_prison_months": "최저 징역",
        "fine": "벌금·과태료",
        "detention_days": "행정구류",
        "damages": "법정 손해배상",
        "no_penalty": "코퍼스에 형량 숫자를 정한 조문이 없습니다.",
        "no_gap": "항목에 기록된 공백이 없습니다.",
        "no_platform": "코퍼스에 플랫폼에 관한 규정이 없습니다.",
    },
    "en": {
        "title": "Brief",
        "table": "Comparison",
        "penalties": "Maximum penalties side by side",
        "lacks": "What each jurisdiction lacks",
        "platforms": "Platform duties",
        "remedy": "Remedy",
        "jurisdiction": "Jurisdiction",
        "no_type": "No remedy of these kinds in the corpus: ",
        "max_prison_months": "Max. imprisonment",
        "min_prison_months": "Min. imprisonment",
        "fine": "Fine",
        "detention_days": "Administrative detention",
        "damages": "Statutory damages",
        "no_penalty": "No provision in the corpus states a number for this.",
        "no_gap": "The entries record no gap.",
        "no_platform": "The corpus has no provision on platforms for this.",
    },
}


@dataclass(frozen=True)
class PenaltyRow:
    """One remedy's stated penalties for one conduct, with the provision that states them."""

    jurisdiction: str
    conduct: str
    remedy: Remedy
    penalty: Penalty
    source: Source

    def value(self, name: str) -> Value:
        figure = getattr(self.penalty, name)
        return figure.value if figure else None

    def as_json(self) -> dict[str, Any]:
        return {
            "jurisdiction": self.jurisdiction,
            "conduct": self.conduct,
            "remedy": self.remedy.id,
            "provision": self.source.citation,
            "doc_id": self.source.doc_id,
            "article": self.source.article,
            **{name: self.value(name) for name in FIELDS},
        }


@dataclass
class Brief:
    conducts: list[str]
    jurisdictions: tuple[str, ...]
    language: str
    text: str
    sources: list[Source]
    penalties: list[PenaltyRow]
    warnings: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "citations": self.as_answer().as_json()["citations"],  # one citation shape for all
            "penalties": [row.as_json() for row in self.penalties],
        }

    def as_answer(self) -> Answer:
        """For ``export``: a brief downloads as DOCX or Markdown the way a comparison does."""
        subject = self.conducts[0] if len(self.conducts) == 1 else ", ".join(self.conducts)
        return Answer(
            question=subject,
            language=self.language,
            jurisdictions=self.jurisdictions,
            text=self.text,
            sources=self.sources,
            warnings=self.warnings,
        )


def conducts_of(conduct: str) -> list[str]:
    """A conduct key (``deepfake``) or words in any language (深度伪造, 불법촬영)."""
    if conduct in CONDUCTS:
        return [conduct]
    return default_glossary().conducts(conduct)


def penalty_rows(
    conducts: list[str],
    jurisdictions: tuple[str, ...],
    sources: SourceList,
    remedies: tuple[Remedy, ...] | None = None,
    penalties: dict[str, Penalty] | None = None,
) -> list[PenaltyRow]:
    """The remedies for each conduct that state a penalty, in the order of the jurisdictions asked.

    Remedies limited to child victims are left out unless the conduct asked is about children:
    their far heavier penalties are another offence, not the maximum for the conduct.
    """
    penalties = penalties if penalties is not None else default_penalties()
    rows = []
    for conduct in conducts:
        for jurisdiction in jurisdictions:
            for remedy in remedies if remedies is not None else default_remedies():
                penalty = penalties.get(remedy.id)
                if (
                    penalty is None
                    or remedy.base_jurisdiction != jurisdiction
                    or conduct not in remedy.conduct
                    or (MINORS in remedy.only_for and conduct != MINORS)
                ):
                    continue
                provision = penalty.figures()[0][1].provision
                marker = sources.cite_article(provision.doc_id, provision.article)
                if marker is not None:
                    rows.append(PenaltyRow(jurisdiction, conduct, remedy, penalty, sources.sources[marker - 1]))
    return rows


def write_brief(
    store: VectorStore,
    conduct: str,
    jurisdictions: tuple[str, ...] = ("CN", "KR", "US"),
    language: str = "en",
    remedies: tuple[Remedy, ...] | None = None,
) -> Brief:
    remedies = remedies if remedies is not None else default_remedies()
    conducts = conducts_of(conduct) or list(CONDUCTS)
    words, phrases = WORDS[language], PHRASES[language]
    sources = SourceList(store)
    rows = penalty_rows(conducts, jurisdictions, sources, remedies)
    covering = [r for r in remedies if r.base_jurisdiction in jurisdictions and set(r.conduct) & set(conducts)]
    parts = [
        f"## {words['title']}: " + ", ".join(CONDUCT_NAMES[c][language] for c in conducts),
        f"### {words['table']}",
        compare_table(language, conducts, jurisdictions, list(remedies), sources),
        f"### {words['penalties']}",
        _penalty_table(rows, language) if rows else words["no_penalty"],
        f"### {words['lacks']}",
        *_gaps(covering, jurisdictions, language, sources),
        f"### {words['platforms']}",
        *_platform_duties(remedies, conducts, jurisdictions, language, sources),
    ]
    checked = verify("\n\n".join(parts), sources.sources)
    text = f"{inert(checked.text)}\n\n---\n*{phrases['disclaimer']}*"
    return Brief(conducts, jurisdictions, language, text, _cited(checked.text, sources.sources), rows, checked.warnings)


def _penalty_table(rows: list[PenaltyRow], language: str) -> str:
    words = WORDS[language]
    shown = [name for name in FIELDS if any(getattr(row.penalty, name) for row in rows)]
    several = len({row.conduct for row in rows}) > 1
    lines = [
        f"| {words['jurisdiction']} | {words['remedy']} | " + " | ".join(words[n] for n in shown) + " |",
        "|---" * (len(shown) + 2) + "|",
    ]
    for row in rows:
        cells = []
        for name in shown:
            figure = getattr(row.penalty, name)
            cells.append(
                f"{format_value(name, figure.value, language, row.jurisdiction)} [{row.source.marker}]"
                if figure
                else "—"
            )
        label = PHRASES[language][row.jurisdiction]
        if several:
            label += f": {CONDUCT_NAMES[row.conduct][language]}"
        lines.append(f"| {label} | {row.remedy.name[language].replace('|', '/')} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _gaps(covering: list[Remedy], jurisdictions: tuple[str, ...], language: str, sources: SourceList) -> list[str]:
    """Per jurisdiction, the limits the reviewed entries record (their caveats), criminal law first."""
    words, phrases = WORDS[language], PHRASES[language]
    out = []
    for jurisdiction in jurisdictions:
        mine = sorted(
            (r for r in covering if r.base_jurisdiction == jurisdiction),
            key=lambda r: REMEDY_TYPES.index(r.type) if r.type in REMEDY_TYPES else 99,
        )
        lines = [
            f"- **{r.name[language]}**: {r.caveats[language]} {_markers(r.provisions, sources)}"
            for r in mine
            if r.caveats and r.caveats.get(language)
        ]
        if not mine:
            lines = [f"- *{phrases['no_provision']}*"]
        missing = [phrases[t] for t in REMEDY_TYPES if t not in {r.type for r in mine}]
        if mine and missing:
            separator = "、" if language == "zh" else ", "
            lines.insert(0, f"- {words['no_type']}{separator.join(missing)}")
        out.append(f"**{phrases[jurisdiction]}**\n" + ("\n".join(lines) or f"- {words['no_gap']}"))
    return out


def _platform_duties(
    remedies: tuple[Remedy, ...],
    conducts: list[str],
    jurisdictions: tuple[str, ...],
    language: str,
    sources: SourceList,
) -> list[str]:
    """Every takedown route (images filmed are images that can be posted), and hosting rules for this conduct."""
    out = []
    for jurisdiction in jurisdictions:
        duties = [
            r
            for r in remedies
            if r.base_jurisdiction == jurisdiction
            and all(c in conducts for c in r.only_for)
            and (r.type == "takedown" or ("platform-hosting" in r.conduct and set(r.conduct) & set(conducts)))
        ]
        lines = [line for r in duties for line in remedy_block(r, language, sources)[:2]]
        body = "\n".join(lines) or f"- {WORDS[language]['no_platform']}"
        out.append(f"**{PHRASES[language][jurisdiction]}**\n{body}")
    return out


# ---------------------------------------------------------------- chart and timeline data


def chart_rows(
    store: VectorStore, language: str, jurisdictions: tuple[str, ...] = ("CN", "KR", "US")
) -> list[dict[str, Any]]:
    """Maximum imprisonment per conduct and jurisdiction (the heaviest remedy), each with its citation.

    Life imprisonment has no number of years: its row carries ``life`` and the chart draws it to
    the top of the scale with a label, rather than inventing a figure.
    """
    sources = SourceList(store)
    best: dict[tuple[str, str], PenaltyRow] = {}
    for row in penalty_rows(list(CHART_CONDUCTS), jurisdictions, sources):
        value = row.value("max_prison_months")
        if value is None:
            continue
        key = (row.conduct, row.jurisdiction)
        if key not in best or _months(value) > _months(best[key].value("max_prison_months")):
            best[key] = row
    out = []
    for (conduct, jurisdiction), row in best.items():
        value = row.value("max_prison_months")
        figure = row.penalty.max_prison_months
        assert figure is not None
        out.append(
            {
                "conduct": CONDUCT_NAMES[conduct][language],
                "jurisdiction": PHRASES[language][jurisdiction],
                "years": None if value == LIFE else int(value) / 12,  # type: ignore[arg-type]
                "life": value == LIFE,
                "label": format_value("max_prison_months", value, language, jurisdiction),
                "remedy": row.remedy.name[language],
                "citation": row.source.citation,
                "quote": figure.snippet,
            }
        )
    return out


def _months(value: Value) -> float:
    return float("inf") if value == LIFE else float(value or 0)


def timeline_rows(store: VectorStore, language: str, path: Path = TIMELINE_FILE) -> list[dict[str, Any]]:
    """When each law took effect: the front matter's ``effective`` date, or the amendment tag a snippet quotes."""
    sources = SourceList(store)
    out = []
    for event in json.loads(path.read_text(encoding="utf-8")):
        marker = sources.cite_article(event["doc_id"], event["article"])
        if marker is None:
            continue
        source = sources.sources[marker - 1]
        date = source.effective
        if snippet := event.get("snippet"):
            tag = _AMENDED.search(snippet)
            assert tag is not None, snippet
            date = f"{tag.group(1)}-{int(tag.group(2)):02d}-{int(tag.group(3)):02d}"
        if date:
            out.append(
                {
                    "date": date,
                    "jurisdiction": PHRASES[language][event["jurisdiction"]],
                    "label": event["label"][language],
                    "citation": source.citation,
                    "quote": event.get("snippet", ""),
                }
            )
    return sorted(out, key=lambda row: row["date"])
