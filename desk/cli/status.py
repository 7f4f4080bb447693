"""`fairdesk status [--json]`: link state, outbox, last syncs, attention, clock skew."""

from __future__ import annotations

import argparse
from typing import Any

from desk.cli.output import emit, emit_json
from desk.sync.replica import open_desk_replica
from desk.sync.status import desk_status


def register(subparsers: Any) -> None:
    if "status" in subparsers.choices:
        return
    parser = subparsers.add_parser("status", help="show this desk's sync state")
    parser.add_argument("--json", action="store_true", help="answer as one JSON object")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    replica = open_desk_replica(getattr(args, "data_dir", None))
    try:
        status = desk_status(replica)
    finally:
        replica.close()
    if args.json:
        emit_json(status)
        return 0
    counts = status["outbox"]
    emit(f"desk:        {status['desk_name'] or '(not enrolled)'}")
    emit(
        f"link:        {status['link_state']}"
        + (f" ({status['blocked']})" if status["blocked"] else "")
    )
    emit("outbox:      " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    emit(f"last sync:   {status['last_success_at'] or '-'}")
    emit(f"last error:  {status['last_failure'] or '-'} {status['last_failure_at'] or ''}")
    emit(f"attention:   {status['attention']}")
    emit(f"cursor:      {status['cursor']}  last command id: {status['last_command_id']}")
    if status["clock_warning"]:
        emit(f"WARNING: this desk's clock is {status['clock_skew_s']} s off the service's")
    return 0
