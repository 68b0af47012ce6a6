"""What every benchmark shares: the machine it ran on, memory, a results file, a Chroma server.

Figures from a shared 2-core machine swing with other people's work, so every result records the
load average next to it; a number without its machine is not worth keeping.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import platform
import resource
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from remedy_atlas.ingest.embed import Embedder
from remedy_atlas.settings import PROJECT_DIR, Settings

BENCH_DIR = Path(__file__).resolve().parent
RESULTS_DIR = BENCH_DIR / "results"
CACHE_DIR = BENCH_DIR / ".cache"  # ingested indexes the benchmarks reuse between runs (git-ignored)
CORPUS_DIR = PROJECT_DIR / "corpus"
DEV_QUESTIONS = PROJECT_DIR.parent / "shared" / "eval" / "dev.jsonl"
CHROMA = Path(sys.executable).with_name("chroma")
DIM = 384


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


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class SyntheticEmbedder(Embedder):
    """Deterministic 384-d unit vectors from a text's hash: for runs where the model is not what is measured.

    Scale and hostile-input runs would otherwise spend their time embedding, and a 10 MB upload
    would take the real model many minutes on two cores.
    """

    model_id = "synthetic-384 (bench)"

    def encode_passages(self, texts: Sequence[str]) -> np.ndarray:
        out = np.empty((len(texts), DIM), np.float32)
        for i, text in enumerate(texts):
            digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()
            vector = np.random.default_rng(int.from_bytes(digest[:8], "little")).standard_normal(DIM)
            out[i] = vector / np.linalg.norm(vector)
        return out

    def count_tokens(self, text: str) -> int:
        return max(1, len(text) // 3)


class ChromaServer:
    """``chroma run`` on loopback, started, restarted and killed by pid: only this process's own server."""

    def __init__(self, path: Path, port: int | None = None) -> None:
        self.path = path
        self.port = port or free_port()
        self.process: subprocess.Popen[bytes] | None = None

    def start(self, timeout: float = 90.0) -> ChromaServer:
        import chromadb

        self.process = subprocess.Popen(
            [str(CHROMA), "run", "--path", str(self.path), "--host", "127.0.0.1", "--port", str(self.port)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env={**os.environ, "ANONYMIZED_TELEMETRY": "False"},
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"chroma run exited with {self.process.returncode}")
            try:
                chromadb.HttpClient(host="127.0.0.1", port=self.port).heartbeat()
                return self
            except Exception:  # not listening yet
                time.sleep(0.2)
        self.kill()
        raise RuntimeError(f"chroma run gave no heartbeat within {timeout:.0f} s")

    def kill(self, sig: int = signal.SIGKILL) -> None:
        if self.process is not None and self.process.poll() is None:
            os.kill(self.process.pid, sig)
            self.process.wait(timeout=30)
        self.process = None

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    def __enter__(self) -> ChromaServer:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.kill()


def fresh_dir(path: Path) -> Path:
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    return path
