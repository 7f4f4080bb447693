"""`fairdesk sync --once`: one sync cycle (push, pull) and its result; without `--once`,
keep syncing until interrupted. Signs in first: the replica is encrypted."""

from __future__ import annotations

import argparse
import dataclasses
import threading
from typing import Any

from desk.cli import credentials
from desk.cli.output import emit, emit_json, fail
from desk.sync.engine import SyncEngine
from desk.sync.worker import SyncWorker


def register(subparsers: Any) -> None:
    if "sync" in subparsers.choices:
        return
    parser = subparsers.add_parser("sync", help="sync this desk with the service")
    parser.add_argument("--once", action="store_true", help="one cycle, then exit")
    parser.add_argument("--json", action="store_true", help="answer as one JSON object")
    credentials.add_arguments(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:
        replica = credentials.open_signed_in(args)
    except credentials.SignInFailed:
        return 1
    engine = SyncEngine(replica)
    try:
        if not args.once:
            worker = SyncWorker(engine)
            worker.on_cycle(
                lambda r: emit(
                    f"{r.link_state}: waiting {r.waiting}"
                    + (f", error {r.error}" if r.error else "")
                )
            )
            worker.start()
            try:
                threading.Event().wait()
            except KeyboardInterrupt:
                pass
            finally:
                worker.stop()
            return 0
        result = engine.sync_once()
    finally:
        engine.close()
        replica.close()
    if args.json:
        emit_json(dataclasses.asdict(result))
    elif result.ok:
        emit(
            f"synced: pushed {result.pushed}, answered {result.answered}, "
            f"pulled {result.pulled}, waiting {result.waiting}"
        )
    elif result.wiped:
        fail("this desk's data was wiped, as the service ordered")
    else:
        fail(f"sync failed: {result.error}")
    return 0 if result.ok else 1
