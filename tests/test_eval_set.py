"""The labelled eval set is sound: every gold provision exists, the split is the rule's, the counts hold.

A wrong gold label or a question leaking from dev into test would poison every number the retrieval
and answer reports print, so these checks run over the real corpus with the real loader and splitter.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

import pytest

from bench.eval.split import SPLITS, assign, country, load
from remedy_atlas.answer.understand import QUESTION_TYPES
from remedy_atlas.ingest.load import load_document
from remedy_atlas.ingest.pipeline import corpus_files
from remedy_atlas.ingest.split import split_document

from .conftest import CORPUS

LANGS = {"en", "zh", "ko"}
TYPES = set(QUESTION_TYPES)  # the shared contract: what question understanding outputs
PERSONAS = {"survivor", "activist", "student"}
HOME = {"zh": "CN", "ko": "KR", "en": "US"}  # the country a question that names none is about
SHARED_DEV = CORPUS.parent.parent / "shared" / "eval" / "dev.jsonl"

ITEMS = {name: load(name) for name in SPLITS}
ALL = [item for name in SPLITS for item in ITEMS[name]]


@pytest.fixture(scope="module")
def corpus_units() -> dict[str, tuple[str, set[str]]]:
    """Each document id with its jurisdiction and the article keys the splitter emits for it."""
    units: dict[str, tuple[str, set[str]]] = {}
    for path in corpus_files(CORPUS):
        document = load_document(path)
        articles = {c.article for c in split_document(document) if c.article}
        units[document.doc_id] = (document.jurisdiction, articles)
    return units


def test_every_gold_provision_exists_in_the_split_corpus(corpus_units: dict[str, tuple[str, set[str]]]) -> None:
    missing = [
        (item["id"], g["doc"], g["article"])
        for item in ALL
        for g in item["gold"]
        if g["article"] not in corpus_units.get(g["doc"], ("", set()))[1]
    ]
    assert missing == []


def test_gold_provisions_belong_to_the_countries_asked_about(corpus_units: dict[str, tuple[str, set[str]]]) -> None:
    """A gold label from a country the question is not about is a labelling slip."""
    wrong = []
    for item in ALL:
        asked = {j.split("-")[0] for j in item["jurisdictions"]} or {HOME[item["lang"]]}
        for g in item["gold"]:
            jurisdiction = corpus_units.get(g["doc"], ("",))[0]
            if jurisdiction and jurisdiction.split("-")[0] not in asked:
                wrong.append((item["id"], g["doc"]))
    assert wrong == []


def _valid(item: dict[str, Any]) -> bool:
    keys = {"id", "lang", "question", "gold", "type", "jurisdictions", "persona"}
    gold = item.get("gold")
    history = item.get("history", ["-"])
    return (
        keys <= item.keys() <= keys | {"history"}
        and item["lang"] in LANGS
        and item["type"] in TYPES
        and item["persona"] in PERSONAS
        and isinstance(item["question"], str)
        and item["question"].strip() != ""
        and isinstance(gold, list)
        and 1 <= len(gold) <= 3
        and all(set(g) == {"doc", "article"} and g["doc"] and g["article"] for g in gold)
        and len({(g["doc"], g["article"]) for g in gold}) == len(gold)
        and all(j in {"CN", "KR", "US"} or (j.startswith("US-") and len(j) == 5) for j in item["jurisdictions"])
        and isinstance(history, list)
        and len(history) >= 1
        and all(isinstance(h, str) and h.strip() for h in history)
    )


def test_fields_are_valid() -> None:
    assert [item["id"] for item in ALL if not _valid(item)] == []


def test_ids_and_questions_are_unique_and_no_question_is_in_both_splits() -> None:
    ids = Counter(item["id"] for item in ALL)
    assert [i for i, n in ids.items() if n > 1] == []
    questions = Counter(item["question"].strip() for item in ALL)
    assert [q for q, n in questions.items() if n > 1] == []
    dev, test = ({item["question"].strip() for item in ITEMS[name]} for name in SPLITS)
    assert dev & test == set()


@pytest.mark.skipif(not SHARED_DEV.exists(), reason="needs ../shared/eval/dev.jsonl")
def test_no_question_is_copied_from_the_shared_dev_set() -> None:
    shared = {
        json.loads(line)["question"].strip() for line in SHARED_DEV.read_text(encoding="utf-8").splitlines() if line
    }
    assert [item["id"] for item in ALL if item["question"].strip() in shared] == []


def test_each_question_sits_in_the_split_the_rule_gives_it() -> None:
    split = assign(ALL)
    assert [item["id"] for name in SPLITS for item in ITEMS[name] if split[item["id"]] != name] == []


def test_counts_per_language_and_country() -> None:
    langs = Counter(item["lang"] for item in ALL)
    assert all(langs[lang] >= 110 for lang in LANGS), langs
    pairs = Counter((item["lang"], c) for item in ALL for c in {j.split("-")[0] for j in item["jurisdictions"]})
    assert all(pairs[(lang, c)] >= 10 for lang in LANGS for c in ("CN", "KR", "US")), pairs
    english_about_asia = sum(
        1 for item in ALL if item["lang"] == "en" and country(item["jurisdictions"]) in {"CN", "KR"}
    )
    assert english_about_asia >= 40
    follow_ups = sum(1 for item in ALL if "history" in item)
    assert follow_ups >= 15
    for name in SPLITS:
        share = len(ITEMS[name]) / len(ALL)
        assert 0.45 <= share <= 0.55, (name, share)
