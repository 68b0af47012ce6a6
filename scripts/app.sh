#!/usr/bin/env bash
# Installs Remedy Atlas into .venv and starts the app on http://localhost:8501.
# The first start indexes the corpus (a progress bar shows it); nothing is downloaded at run time.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d .venv ] || python3 -m venv .venv
. .venv/bin/activate
python -m pip install -q --upgrade pip
python -m pip install -q -e .
exec streamlit run app.py "$@"
