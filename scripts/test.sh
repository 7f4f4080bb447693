#!/usr/bin/env bash
# Set up everything that is missing, then run the linters and the whole test suite.
# Extra arguments go to pytest.
set -euo pipefail
source "$(dirname "$0")/bootstrap.sh"

export QT_QPA_PLATFORM=offscreen
export FAIRDESK_REQUIRE_PG=1

ruff check .
mypy
python -m pytest -q -p no:cacheprovider "$@"
