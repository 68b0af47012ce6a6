"""The metrics on rankings worked out by hand, the eval-set buckets, and the eval command's usage error."""

from __future__ import annotations

import pytest

from remedy_atlas.cli import main
from remedy_atlas.evaluation.metrics import mean, percentile, score
from remedy_atlas.evaluation.questions import Question
from remedy_atlas.evaluation.search import buckets


def test_score_against_a_ranking_worked_out_by_hand() -> None:
    ranked = [
        ("cn-civil-code", frozenset({"1194"})),
        ("cn-psapl", frozenset({"42"})),
        ("cn-civil-code", frozenset({"1195", "1196"})),  # a naive chunk spanning two articles
        ("kr-sexual-crimes-act", frozenset({"14-2"})),
    ]
    gold = (("cn-civil-code", "1195"), ("cn-criminal-law", "364"), ("kr-sexual-crimes-act", None))
    # first match at place 3 (index 2): not hit@1, hit@5; MRR 1/3; two of the three gold found
    assert score(ranked, gold) == {"hit@1": 0.0, "hit@5": 1.0, "hit@10": 1.0, "mrr@10": 1 / 3, "recall@10": 2 / 3}
    assert score(ranked, gold, k=2) == {"hit@1": 0.0, "hit@5": 0.0, "hit@10": 0.0, "mrr@10": 0.0, "recall@10": 0.0}
    assert score([("us-47-usc-223a", frozenset({"223A"}))], (("us-47-usc-223a", "223a"),))["hit@1"] == 1.0
    assert score([], (("cn-psapl", "50"),))["mrr@10"] == 0.0


def test_mean_and_percentile() -> None:
    rows = [{"hit@5": 1.0, "mrr@10": 0.5}, {"hit@5": 0.0, "mrr@10": 0.25}]
    assert mean(rows) == {"n": 2.0, "hit@5": 0.5, "mrr@10": 0.375}
    values = [float(v) for v in range(1, 21)]  # 1 … 20
    assert percentile(values, 50) == 11.0  # nearest rank: round(0.5 × 19) = 10 → the 11th value
    assert percentile(values, 95) == 19.0  # round(0.95 × 19) = 18 → the 19th value
    assert percentile([7.0], 95) == 7.0


def test_english_questions_count_per_country_asked_about() -> None:
    q = Question("q1", "en", "Is deepfake porn a crime in California and Korea?", (), jurisdictions=("US-CA", "KR"))
    assert buckets(q) == ["all", "en", "en→US", "en→KR"]
    assert buckets(Question("q2", "zh", "偷拍违法吗", (), jurisdictions=("CN",))) == ["all", "zh"]
    unnamed = Question("q3", "en", "my ex posted my nudes", (("kr-sexual-crimes-act", "14"),))
    assert buckets(unnamed) == ["all", "en", "en→KR"]  # named none: the gold's country


def test_eval_without_a_question_set_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["eval"])
    assert exit_info.value.code == 2
    assert "give a question file, --split dev|test, or --benchmark" in capsys.readouterr().err
