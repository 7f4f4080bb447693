"""`fairdesk export-outbox FILE` and `fairdesk import-outbox FILE`: move an outbox to a
replacement desk (import once the old desk is marked replaced on the service). Both sign in
first: the replica is encrypted, and the export file is not (hand it over like the laptop)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from desk.cli import credentials
from desk.cli.output import emit, emit_json, fail
from desk.sync.status import desk_status
from desk.sync.transfer import TransferError, export_outbox, import_outbox


def register(subparsers: Any) -> None:
    # One module, two commands: add whichever is not there yet.
    if "export-outbox" not in subparsers.choices:
        parser = subparsers.add_parser("export-outbox", help="write this desk's outbox to a file")
        parser.add_argument("file", type=Path)
        parser.add_argument("--json", action="store_true")
        credentials.add_arguments(parser)
        parser.set_defaults(func=run)
    if "import-outbox" not in subparsers.choices:
        parser = subparsers.add_parser("import-outbox", help="take in a replaced desk's outbox")
        parser.add_argument("file", type=Path)
        parser.add_argument("--json", action="store_true")
        credentials.add_arguments(parser)
        parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:
        replica = credentials.open_signed_in(args)
    except credentials.SignInFailed:
        return 1
    try:
        if args.command == "export-outbox":
            counts = export_outbox(replica, args.file)
            text = f"exported {counts['commands']} commands and {counts['photos']} photos"
            if desk_status(replica)["wipe_ordered"]:
                text += "; the service ordered this desk wiped: it wipes itself at its next sync"
        else:
            counts = import_outbox(replica, args.file)
            text = f"imported {counts['added']} commands ({counts['skipped']} already here)"
    except TransferError as error:
        fail(f"{args.command} failed: {error.code}")
        return 1
    finally:
        replica.close()
    if args.json:
        emit_json(counts)
    else:
        emit(text)
    return 0
