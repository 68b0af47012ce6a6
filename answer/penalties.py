"""Penalties as data (``corpus/penalties.json``): each figure tied to the provision and the words that state it.

Keyed by remedy entry id, beside the entries rather than inside them, so the penalty figures and
the entries' prose are reviewed separately. A figure is the maximum the provision states for the
conduct the entry describes, over its tiers of seriousness (情节严重, 情节特别严重), but not over
tiers that need another element (a weapon, a child victim, profit, habit): those are other
offences, and a chart that mixed them in would overstate the ordinary case. Where a provision
states a penalty without a number (并处罚金, "fined under title 18") the figure has no value: the
fine exists, its amount lies outside the corpus. A test reads every snippet in its provision,
through the real loader and splitter, and reads the number back out of it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from ..settings import CORPUS_DIR
from .remedies import Provision

PENALTIES_FILE = CORPUS_DIR / "penalties.json"
LIFE = "life"
FIELDS = ("max_prison_months", "min_prison_months", "fine", "detention_days", "damages")
# money as each language writes it: {} is the amount with thousands separators
MONEY = {
    "zh": {"CN": "{}元", "KR": "{}韩元", "US": "${}"},
    "ko": {"CN": "{}위안", "KR": "{}원", "US": "${}"},
    "en": {"CN": "CNY {}", "KR": "KRW {}", "US": "${}"},
}

Value = int | str | None  # months, days or money; LIFE; None where the provision names no number


@dataclass(frozen=True)
class Figure:
    value: Value
    provision: Provision
    snippet: str  # verbatim from the provision: the words that state the value


@dataclass(frozen=True)
class Penalty:
    remedy_id: str
    max_prison_months: Figure | None = None
    min_prison_months: Figure | None = None
    fine: Figure | None = None
    detention_days: Figure | None = None
    damages: Figure | None = None

    def figures(self) -> list[tuple[str, Figure]]:
        return [(name, figure) for name in FIELDS if (figure := getattr(self, name)) is not None]


def _figure(row: dict[str, Any]) -> Figure:
    return Figure(row["value"], Provision(row["doc_id"], row["article"], row.get("paragraph")), row["snippet"])


def load_penalties(path: Path = PENALTIES_FILE) -> dict[str, Penalty]:
    rows = json.loads(path.read_text(encoding="utf-8"))
    return {
        remedy_id: Penalty(remedy_id, **{name: _figure(row) for name, row in figures.items()})
        for remedy_id, figures in rows.items()
    }


@cache
def default_penalties() -> dict[str, Penalty]:
    return load_penalties()


_WORDS = {
    "zh": {LIFE: "无期徒刑", "months": "{} 个月", "years": "{} 年", "days": "{} 日", "unstated": "（数额未载明）"},
    "ko": {LIFE: "무기징역", "months": "{}개월", "years": "{}년", "days": "{}일", "unstated": "(금액 미기재)"},
    "en": {
        LIFE: "life",
        "months": "{} months",
        "years": "{} years",
        "year": "{} year",
        "days": "{} days",
        "unstated": "(amount not stated)",
    },
}


def format_value(name: str, value: Value, language: str, jurisdiction: str) -> str:
    """A figure as a reader says it: 7 年 / 7년 / 7 years, 5,000元 / KRW 50,000,000 / $150,000."""
    words = _WORDS[language]
    if value is None:
        return words["unstated"]
    if value == LIFE:
        return words[LIFE]
    assert isinstance(value, int)
    if name.endswith("months"):
        if value % 12:
            return words["months"].format(value)
        return words["year" if value == 12 and "year" in words else "years"].format(value // 12)
    if name == "detention_days":
        return words["days"].format(value)
    return MONEY[language][jurisdiction.split("-")[0]].format(f"{value:,}")
