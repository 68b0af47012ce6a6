#!/usr/bin/env bash
# mypy, strict, over the package as it installs: remedy_atlas.ingest is ingest/ and so on
# (pyproject's package-dir), which mypy cannot follow, so it reads a tree of links in build/.
set -euo pipefail
cd "$(dirname "$0")/.."
tree=build/typecheck
rm -rf "$tree" && mkdir -p "$tree/remedy_atlas"
ln -s "$PWD"/remedy_atlas/* "$tree/remedy_atlas/"
for stage in ingest retrieval answer; do ln -s "$PWD/$stage" "$tree/remedy_atlas/$stage"; done
cd "$tree" && python -m mypy --config-file "$OLDPWD/pyproject.toml" -p remedy_atlas
