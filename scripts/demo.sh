#!/usr/bin/env bash
# Set up everything that is missing, then open the desk on a demo fair: the desk starts a
# central service on loopback (SQLite, no set-up) with demo data, enrolls itself and signs
# in a demo operator. The demo fair is kept in .demo/ between runs; delete it for a fresh one.
#   bash scripts/demo.sh            the desk and its embedded service
#   bash scripts/demo.sh --service  only the service, on 127.0.0.1:8700, for other desks
set -euo pipefail
source "$(dirname "$0")/bootstrap.sh"

DEMO_DIR="${FAIRDESK_DEMO_DIR:-$ROOT/.demo}"
mkdir -p "$DEMO_DIR"

if [ "${1:-}" = "--service" ]; then
  export FAIRDESK_DB="sqlite:///$DEMO_DIR/central-standalone.db"
  export FAIRDESK_BLOB_DIR="$DEMO_DIR/blobs-standalone"
  fairdesk-central migrate
  if [ ! -f "$DEMO_DIR/.seeded-standalone" ]; then
    fairdesk-central seed-demo | tee "$DEMO_DIR/demo-accounts.txt"
    touch "$DEMO_DIR/.seeded-standalone"
  fi
  exec fairdesk-central serve --host 127.0.0.1 --port "${FAIRDESK_PORT:-8700}"
fi

if [ "$(uname)" = "Linux" ] && [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] \
    && [ -z "${QT_QPA_PLATFORM:-}" ]; then
  echo "demo: no screen found (DISPLAY is not set). Run this in a desktop session," >&2
  echo "      or run 'bash scripts/demo.sh --service' for the service alone." >&2
  exit 1
fi
exec fairdesk --data-dir "$DEMO_DIR" --demo
