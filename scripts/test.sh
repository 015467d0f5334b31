#!/usr/bin/env bash
# Run the whole test suite: lint (ruff), types (mypy), tests (pytest), and the wheel built,
# installed outside the repository and building a copy of the edition.
#   bash scripts/test.sh            (after bash scripts/setup.sh)
#   bash scripts/test.sh -k cli     (extra arguments go to pytest)
set -euo pipefail
cd "$(dirname "$0")/.."
echo "test: ruff"
.venv/bin/ruff check scripts tests
echo "test: mypy"
.venv/bin/mypy
echo "test: pytest"
.venv/bin/python -m pytest "$@"
echo "test: the installed wheel"
bash scripts/check_wheel.sh
