#!/usr/bin/env bash
# Set up everything that is missing, then start the central service on loopback with a
# seeded demo fair (SQLite, no set-up). The demo fair is kept in .demo/ between runs;
# delete that folder for a fresh one.
set -euo pipefail
source "$(dirname "$0")/bootstrap.sh"

DEMO_DIR="${FAIRDESK_DEMO_DIR:-$ROOT/.demo}"
mkdir -p "$DEMO_DIR"
export FAIRDESK_DB="sqlite:///$DEMO_DIR/central.db"
export FAIRDESK_BLOB_DIR="$DEMO_DIR/blobs"

fairdesk-central migrate
if [ ! -f "$DEMO_DIR/.seeded" ]; then
  fairdesk-central seed-demo | tee "$DEMO_DIR/demo-accounts.txt"
  touch "$DEMO_DIR/.seeded"
fi
exec fairdesk-central serve --host 127.0.0.1 --port "${FAIRDESK_PORT:-8700}"
