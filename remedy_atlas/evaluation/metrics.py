"""Pure metrics: a ranking against its gold, averaged, and percentiles of latencies.

No model, store or file here, so each number can be checked by hand (tests/test_evaluation.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

Gold = tuple[str, str | None]
"""(document id, article); article None: any part of the document counts."""
Found = tuple[str, frozenset[str]]
"""One result: its document and the articles it covers (a naive chunk may span several)."""

METRICS = ("hit@1", "hit@5", "hit@10", "mrr@10", "recall@10")


def matches(found: Found, gold: Gold) -> bool:
    doc, articles = found
    return doc == gold[0] and (gold[1] is None or gold[1].lower() in {a.lower() for a in articles})


def first_hit(ranked: Sequence[Found], gold: Sequence[Gold], k: int = 10) -> int | None:
    """The 0-based place of the first result that matches any gold, within the top ``k``."""
    return next((i for i, r in enumerate(ranked[:k]) if any(matches(r, g) for g in gold)), None)


def hit_at(first: int | None, k: int) -> float:
    return float(first is not None and first < k)


def reciprocal_rank(first: int | None) -> float:
    return 1.0 / (first + 1) if first is not None else 0.0


def recall(ranked: Sequence[Found], gold: Sequence[Gold], k: int = 10) -> float:
    """The share of gold provisions found in the top ``k`` (one question may have several)."""
    return sum(1 for g in gold if any(matches(r, g) for r in ranked[:k])) / len(gold)


def score(ranked: Sequence[Found], gold: Sequence[Gold], k: int = 10) -> dict[str, float]:
    """One question's metrics; hit@k and MRR count the first result matching any gold."""
    first = first_hit(ranked, gold, k)
    return {
        "hit@1": hit_at(first, 1),
        "hit@5": hit_at(first, 5),
        "hit@10": hit_at(first, 10),
        "mrr@10": reciprocal_rank(first),
        "recall@10": recall(ranked, gold, k),
    }


def mean(rows: Iterable[dict[str, float]]) -> dict[str, float]:
    """Each metric averaged over questions, with ``n``, the number of questions."""
    rows = list(rows)
    if not rows:
        return {"n": 0.0}
    return {"n": float(len(rows)), **{m: sum(r[m] for r in rows) / len(rows) for m in rows[0]}}


def percentile(values: Sequence[float], pct: float) -> float:
    """Nearest rank on the sorted values: on 20 samples, p95 is a value that was measured, not interpolated."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]
