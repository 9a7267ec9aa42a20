#!/usr/bin/env bash
# Write requirements.lock: the exact version of every package the project installs, with every extra
# (test, spark, bench), resolved in a fresh virtual environment. `make` installs through it as a constraints
# file (pip install -c requirements.lock ...), so two fresh machines get the same versions.
# Run `make lock` after changing the dependencies in pyproject.toml, and commit requirements.lock.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-$(command -v python3.11 || command -v python3)}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$PYTHON" -m venv "$tmp/venv"
"$tmp/venv/bin/python" -m pip install --quiet --upgrade pip
"$tmp/venv/bin/python" -m pip install --quiet ".[test,spark,bench]"
{
  echo "# The versions every install of this project uses (make lock writes it; do not edit by hand)."
  echo "# Python $("$PYTHON" -c 'import sys; print(".".join(map(str, sys.version_info[:3])))'), $(date -u +%Y-%m-%d)."
  "$tmp/venv/bin/python" -m pip freeze --exclude sdlib | LC_ALL=C sort -f
} > requirements.lock
echo "wrote requirements.lock ($(grep -vc '^#' requirements.lock) packages)"
