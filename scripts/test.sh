#!/usr/bin/env bash
# Installs everything the tests need (Python packages, the CPU build of torch, Debian's Chromium
# for the browser test) into .venv, then ruff, mypy (strict, on the package) and the whole suite, slow
# end-to-end tests included (the wheel test builds and installs the wheel offline).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null 2>&1 || ! dpkg -s fonts-noto-cjk >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
  else
    echo "note: install Debian's chromium and fonts-noto-cjk for the browser test (skipped without chromium)" >&2
  fi
fi
[ -d .venv ] || python3 -m venv .venv
. .venv/bin/activate
python -m pip install -q --upgrade pip
python -m pip install -q torch==2.13.0
python -m pip install -q -e '.[test]'
ruff check .
bash scripts/typecheck.sh
python -m pytest -q -rs "$@"
