"""`fairdesk wipe [--force] [--yes] [--username NAME] [--json]`: destroy this desk's data.

Overwrites and deletes the key slots, then deletes the database files (see
`desk.sync.wipe` for why that is enough, SSDs included). It signs in first to check the
outbox, and refuses while commands the service has not answered are neither answered nor
exported (`fairdesk export-outbox FILE`): they would be lost with the data. `--force` skips
the sign-in and the check, and loses them.

Exit status: 0 wiped (or nothing to wipe), 1 refused or failed, 2 not confirmed.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from desk import settings
from desk.cli import credentials
from desk.cli.output import emit, emit_json, fail
from desk.sync import keyslots
from desk.sync.errors import ReplicaLocked
from desk.sync.replica import open_replica
from desk.sync.wipe import WipeRefused, destroy, wipe_replica


def register(subparsers: Any) -> None:
    if "wipe" in subparsers.choices:
        return
    parser = subparsers.add_parser(
        "wipe",
        help="destroy this desk's data",
        description="Destroy this desk's replica: its key slots, then its files.",
    )
    parser.add_argument(
        "--force",
        action="store_true",
        help="wipe without signing in, even with unanswered commands (they are lost)",
    )
    parser.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    parser.add_argument("--json", action="store_true", help="answer as one JSON object")
    credentials.add_arguments(parser)
    parser.set_defaults(func=run)


def _confirmed(args: argparse.Namespace) -> bool:
    if args.yes or not sys.stdin.isatty():
        return True
    sys.stderr.write("This destroys every record on this desk. Type WIPE to go on: ")
    sys.stderr.flush()
    return sys.stdin.readline().strip() == "WIPE"


def run(args: argparse.Namespace) -> int:
    path = settings.load().replica_path(getattr(args, "data_dir", None))
    if not path.exists() and not keyslots.slots_path(path).exists():
        _answer(args, wiped=False, files=0, text="nothing to wipe")
        return 0
    if args.force:
        if not _confirmed(args):
            fail("not wiped")
            return 2
        _answer(args, wiped=True, files=len(destroy(path)), text="wiped")
        return 0
    try:
        replica = open_replica(path)
    except ReplicaLocked as error:
        if error.code != "no_key_slots":
            fail(f"the replica cannot be opened ({error.code}): wipe --force destroys it")
            return 1
        # Nothing can read it any more: what is left is noise.
        _answer(args, wiped=True, files=len(destroy(path)), text="wiped")
        return 0
    try:
        if replica.locked:
            credentials.sign_in(replica, args)
        if not _confirmed(args):
            fail("not wiped")
            return 2
        files = wipe_replica(replica)
    except credentials.SignInFailed:
        return 1
    except WipeRefused as refused:
        fail(
            f"not wiped: {refused.unsaved} commands are not answered by the service and not "
            "exported. Run `fairdesk export-outbox FILE` first, or `fairdesk wipe --force` "
            "to lose them."
        )
        return 1
    finally:
        replica.close()
    _answer(args, wiped=True, files=len(files), text="wiped")
    return 0


def _answer(args: argparse.Namespace, *, wiped: bool, files: int, text: str) -> None:
    if args.json:
        emit_json({"wiped": wiped, "files_removed": files})
    else:
        emit(text)
