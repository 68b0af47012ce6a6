"""``python -m bench.load``: 20 concurrent users through AnswerEngine.ask, and through a running Streamlit server.

The API part shares one engine between threads, as the app shares its cached engine between
browser sessions: errors here are thread-safety bugs. The HTTP part starts ``streamlit run app.py``
on 127.0.0.1 and sends a bounded number of GET / and GET /_stcore/health requests. GET / returns
the static page; the script (and so an answer) runs only over a browser's websocket, so this
measures the server staying responsive, not answering.
"""

from __future__ import annotations

import argparse
import http.client
import os
import signal
import subprocess
import sys
import threading
import time
import warnings
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from remedy_atlas.answer.engine import AnswerEngine
from remedy_atlas.evaluation.metrics import percentile
from remedy_atlas.evaluation.questions import load_questions
from remedy_atlas.index import open_retriever
from tests.support.servers import free_port

from .common import (
    DEV_QUESTIONS,
    PROJECT_DIR,
    corpus_settings,
    ensure_corpus_index,
    rss_mb,
    table,
    write_result,
)

USERS = 20


def concurrently(
    users: int, per_user: int, request: Callable[[int, int], None]
) -> tuple[list[float], Counter[str], float]:
    """``users`` threads released together, each making ``per_user`` requests; latencies in ms and errors by type."""
    start = threading.Barrier(users)
    latencies: list[float] = []
    errors: Counter[str] = Counter()
    lock = threading.Lock()

    def user(number: int) -> None:
        start.wait()
        for step in range(per_user):
            started = time.perf_counter()
            try:
                request(number, step)
            except Exception as error:  # counted, not raised: the point is how many fail
                with lock:
                    errors[f"{type(error).__name__}: {str(error)[:80]}"] += 1
                continue
            with lock:
                latencies.append((time.perf_counter() - started) * 1000)

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=users) as pool:
        list(pool.map(user, range(users)))
    return latencies, errors, time.perf_counter() - started


def api_load(data_dir: Path, users: int, per_user: int) -> dict[str, Any]:
    engine = AnswerEngine(open_retriever(corpus_settings(data_dir)))
    questions = [q.question for q in load_questions(DEV_QUESTIONS)]
    engine.ask(questions[0])  # warm, as a running app is

    def ask(number: int, step: int) -> None:
        answer = engine.ask(questions[(number * per_user + step) % len(questions)])
        if not answer.sources:
            raise AssertionError("an answer without sources")

    latencies, errors, wall = concurrently(users, per_user, ask)
    return _summary("AnswerEngine.ask (offline, one shared engine)", users, per_user, latencies, errors, wall)


def _get(port: int, path: str) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        if response.status != 200:
            raise RuntimeError(f"HTTP {response.status} for {path}")
    finally:
        connection.close()


def streamlit_load(data_dir: Path, users: int, per_user: int) -> list[dict[str, Any]]:
    """Start the app on loopback, wait for its health check, load it, stop it (by its own pid)."""
    port = free_port()
    command = [
        sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
        "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false",
    ]  # fmt: skip
    env = {**os.environ, "REMEDY_ATLAS_DATA": str(data_dir)}
    server = subprocess.Popen(command, cwd=PROJECT_DIR, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                _get(port, "/_stcore/health")
                break
            except (OSError, RuntimeError, http.client.HTTPException):
                if time.monotonic() > deadline or server.poll() is not None:
                    raise SystemExit("streamlit did not come up on 127.0.0.1") from None
                time.sleep(0.5)
        results = []
        for path in ("/", "/_stcore/health"):
            latencies, errors, wall = concurrently(users, per_user, lambda _n, _s, path=path: _get(port, path))
            results.append(_summary(f"streamlit GET {path}", users, per_user, latencies, errors, wall))
        results[-1]["server_rss_mb"] = round(rss_mb(server.pid), 1)
        return results
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def _summary(
    name: str, users: int, per_user: int, latencies: list[float], errors: Counter[str], wall: float
) -> dict[str, Any]:
    return {
        "name": name,
        "users": users,
        "requests": users * per_user,
        "ok": len(latencies),
        "errors": sum(errors.values()),
        "error_kinds": dict(errors),
        "p50_ms": round(percentile(latencies, 50), 1),
        "p95_ms": round(percentile(latencies, 95), 1),
        "wall_s": round(wall, 1),
        "per_s": round(len(latencies) / wall, 2) if wall else 0.0,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__.split("\n")[0])
    parser.add_argument("--store", type=Path, help="an index of the corpus (default bench/.cache/corpus-index)")
    parser.add_argument("--users", type=int, default=USERS)
    parser.add_argument("--asks-per-user", type=int, default=2)
    parser.add_argument("--gets-per-user", type=int, default=10)
    args = parser.parse_args(argv)
    warnings.simplefilter("ignore")
    settings = corpus_settings(args.store)
    ensure_corpus_index(settings)
    load_before = os.getloadavg()
    results = [api_load(settings.data_dir, args.users, args.asks_per_user)]
    if (PROJECT_DIR / "app.py").exists():
        results += streamlit_load(settings.data_dir, args.users, args.gets_per_user)
    else:
        print("no app.py: the Streamlit part is skipped")
    load_after = os.getloadavg()
    rows = [(r["name"], r["users"], r["requests"], r["errors"], r["p50_ms"], r["p95_ms"], r["per_s"]) for r in results]
    print(table(("through", "users", "requests", "errors", "p50 ms", "p95 ms", "req/s"), rows))
    for result in results:
        for kind, count in result["error_kinds"].items():
            print(f"  {result['name']}: {count} x {kind}")
    print(f"\nload average before {load_before[0]:.2f}, after {load_after[0]:.2f} (on {os.cpu_count()} CPUs)")
    path = write_result(
        "load",
        {
            "results": results,
            "loadavg_before": [round(x, 2) for x in load_before],
            "loadavg_after": [round(x, 2) for x in load_after],
        },
    )
    print(f"saved {path.relative_to(PROJECT_DIR)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
