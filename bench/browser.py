"""``python -m bench.browser``: Enter → answer drawn in Chromium, warm, next to the engine's own time for the same questions.

What a survivor waits for is the whole path: the question over the websocket, the answer engine,
and Streamlit drawing the answer. The app runs as ``streamlit run`` over the benchmarks' cached
corpus index; Debian's Chromium (headless, 375 px and 1280 px) types each survivor question of
the eval set's dev split and waits until the answer's export buttons (its last part) are drawn.
Every question is asked once untimed first (warm: models and tokenizers loaded, as in a running
app), then timed. The engine is timed in this process on the same questions, so the difference
is what the page costs. The page may ask no other host: any such request is refused and counted.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from remedy_atlas.answer.engine import AnswerEngine
from remedy_atlas.evaluation.metrics import percentile
from remedy_atlas.index import open_retriever
from remedy_atlas.settings import PROJECT_DIR
from tests.support.servers import free_port

from .common import corpus_settings, ensure_corpus_index, table, write_result

CHROMIUM = Path("/usr/bin/chromium")
DEV = PROJECT_DIR / "bench" / "eval" / "dev.jsonl"
LOCALES = {"zh": "zh-CN", "ko": "ko-KR", "en": "en-US"}
HOME = {"zh": ("CN",), "ko": ("KR",), "en": ("US",)}
TIMEOUT_MS = 120_000


def survivor_questions(per_language: int) -> dict[str, list[str]]:
    rows = [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines() if line.strip()]
    return {
        language: [r["question"] for r in rows if r["lang"] == language and r["persona"] == "survivor"][:per_language]
        for language in LOCALES
    }


def serve(data_dir: Path, port: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "REMEDY_ATLAS_DATA": str(data_dir)}
    command = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port)]
    command += ["--server.address", "127.0.0.1", "--server.headless", "true"]
    server = subprocess.Popen(command, cwd=PROJECT_DIR, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    import urllib.request

    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2):
                return server
        except OSError:
            time.sleep(0.5)
    server.terminate()
    raise TimeoutError("streamlit did not start")


def ask(page: Any, question: str) -> float:
    """Seconds from Enter to the new answer's export buttons (its last part) on screen; then the conversation is cleared."""
    messages = page.get_by_test_id("stMainBlockContainer").get_by_test_id("stChatMessage")
    box = page.get_by_test_id("stChatInputTextArea")
    box.fill(question)
    started = time.perf_counter()
    box.press("Enter")
    messages.nth(1).get_by_test_id("stDownloadButton").first.wait_for(timeout=TIMEOUT_MS)
    elapsed = time.perf_counter() - started
    page.locator("[data-testid='stApp'][data-test-script-state='notRunning']").wait_for(timeout=TIMEOUT_MS)
    page.get_by_test_id("stMainBlockContainer").get_by_role("button").last.click()  # "clear the conversation"
    messages.first.wait_for(state="detached", timeout=TIMEOUT_MS)
    return elapsed


def measure(url: str, questions: dict[str, list[str]], widths: list[int]) -> tuple[dict[str, list[float]], list[str]]:
    from playwright.sync_api import sync_playwright

    times: dict[str, list[float]] = {}
    refused: list[str] = []

    def route(request_route: Any) -> None:
        if request_route.request.url.startswith(url):
            request_route.continue_()
        else:
            refused.append(request_route.request.url)
            request_route.abort()

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--headless", "--no-sandbox"])
        for width in widths:
            for language, asked in questions.items():
                context = browser.new_context(viewport={"width": width, "height": 800}, locale=LOCALES[language])
                context.route("**/*", route)
                page = context.new_page()
                page.goto(url)
                page.get_by_test_id("stChatInputTextArea").wait_for(timeout=TIMEOUT_MS)
                for question in asked:  # warm
                    ask(page, question)
                times[f"{language}@{width}"] = [ask(page, question) for question in asked]
                context.close()
        browser.close()
    return times, refused


def engine_times(settings: Any, questions: dict[str, list[str]]) -> dict[str, list[float]]:
    """The engine alone, as the app calls it (the question language's country unless one is named), warm."""
    engine = AnswerEngine(open_retriever(settings))
    out: dict[str, list[float]] = {}
    for language, asked in questions.items():
        for question in asked:
            engine.ask(question, HOME[language])
        out[language] = []
        for question in asked:
            started = time.perf_counter()
            engine.ask(question, HOME[language])
            out[language].append(time.perf_counter() - started)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--questions", type=int, default=4, help="survivor questions per language (default 4)")
    parser.add_argument("--widths", default="1280,375")
    args = parser.parse_args()
    settings = corpus_settings()
    ensure_corpus_index(settings)
    questions = survivor_questions(args.questions)
    port = free_port()
    server = serve(settings.data_dir, port)
    try:
        browser, refused = measure(f"http://127.0.0.1:{port}", questions, [int(w) for w in args.widths.split(",")])
    finally:
        server.terminate()
        server.wait(timeout=30)
    engine = engine_times(settings, questions)
    rows = []
    for key, values in browser.items():
        own = engine[key.split("@")[0]]
        rows.append(
            [
                key,
                len(values),
                round(percentile(values, 50), 2),
                round(percentile(values, 95), 2),
                round(percentile(own, 50), 2),
                round(percentile(own, 95), 2),
            ]
        )
    everything = [v for values in browser.values() for v in values]
    engine_all = [v for values in engine.values() for v in values]
    rows.append(
        [
            "all",
            len(everything),
            round(percentile(everything, 50), 2),
            round(percentile(everything, 95), 2),
            round(percentile(engine_all, 50), 2),
            round(percentile(engine_all, 95), 2),
        ]
    )
    print(table(["language@width", "n", "screen p50 s", "screen p95 s", "engine p50 s", "engine p95 s"], rows))
    print(f"requests to other hosts refused: {len(refused)}")
    path = write_result(
        "browser",
        {
            "target": "Enter -> answer drawn, warm, p95 <= 1.5 s",
            "seconds": {k: [round(v, 3) for v in values] for k, values in browser.items()},
            "engine_seconds": {k: [round(v, 3) for v in values] for k, values in engine.items()},
            "rows": rows,
            "refused_requests": refused,
        },
    )
    print(f"written to {path}")


if __name__ == "__main__":
    main()
