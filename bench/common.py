"""What every benchmark shares: the machine it ran on, memory, a results file (test helpers they reuse, like
the synthetic embedder and the Chroma server, live in tests/support/).

Figures from a shared 2-core machine swing with other people's work, so every result records the
load average next to it; a number without its machine is not worth keeping.
"""

from __future__ import annotations

import dataclasses
import json
import os
import platform
import resource
import shutil
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from remedy_atlas.settings import CORPUS_DIR, PROJECT_DIR, Settings

BENCH_DIR = Path(__file__).resolve().parent
RESULTS_DIR = BENCH_DIR / "results"
CACHE_DIR = BENCH_DIR / ".cache"  # ingested indexes the benchmarks reuse between runs (git-ignored)
DEV_QUESTIONS = PROJECT_DIR.parent / "shared" / "eval" / "dev.jsonl"


def machine() -> dict[str, Any]:
    """nproc, memory, CPU model and load: enough to tell whether two runs are comparable."""
    cpu = "unknown"
    with open("/proc/cpuinfo", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    mem_kb = 0
    with open("/proc/meminfo", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("MemTotal:"):
                mem_kb = int(line.split()[1])
    return {
        "nproc": os.cpu_count(),
        "mem_gib": round(mem_kb / 1024**2, 1),
        "cpu": cpu,
        "loadavg": [round(x, 2) for x in os.getloadavg()],
        "python": platform.python_version(),
        "when": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
    }


def peak_rss_mb() -> float:
    """This process's peak resident set (Linux reports kilobytes)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def rss_mb(pid: int | None = None) -> float:
    """Current resident set of a process and all its descendants (a server may fork workers)."""
    pids = [pid or os.getpid()]
    total_kb = 0
    while pids:
        current = pids.pop()
        try:
            with open(f"/proc/{current}/status", encoding="utf-8") as handle:
                total_kb += next((int(line.split()[1]) for line in handle if line.startswith("VmRSS:")), 0)
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except OSError:
            continue
        pids += [int(c) for c in children]
    return total_kb / 1024


def dir_size_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1024**2 if path.exists() else 0.0


def table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """A Markdown table: the same text reads in a terminal and pastes into bench/README.md."""

    def cell(value: Any) -> str:
        return f"{value:.1f}" if isinstance(value, float) else str(value)

    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)


def write_result(name: str, payload: dict[str, Any]) -> Path:
    """bench/results/<name>.json, with the machine and the command that produced it."""
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    path = RESULTS_DIR / f"{name}.json"
    record = {"command": f"python -m bench.{name} " + " ".join(sys.argv[1:]), "machine": machine(), **payload}
    path.write_text(json.dumps(record, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return path


def corpus_settings(data_dir: Path | None = None) -> Settings:
    """Settings for an index of the shipped corpus, by default the benchmarks' own cached copy."""
    return dataclasses.replace(
        Settings.from_env(), data_dir=data_dir or CACHE_DIR / "corpus-index", corpus_dir=CORPUS_DIR
    )


def ensure_corpus_index(settings: Settings) -> float:
    """Ingest the corpus if needed (incremental: seconds when already done); returns the seconds it took."""
    from remedy_atlas.index import ingest_corpus

    started = time.perf_counter()
    ingest_corpus(settings)
    return time.perf_counter() - started


def fresh_dir(path: Path) -> Path:
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    return path
