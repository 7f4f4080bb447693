"""`fairdesk enroll URL CODE`: enroll this desk with the service's one-time code. A new
desk's replica gets its key here, wrapped with the escrow key the service answers with; a
desk enrolled before is signed in to first."""

from __future__ import annotations

import argparse
from typing import Any

from desk import settings
from desk.cli import credentials
from desk.cli.output import emit, emit_json, fail
from desk.sync.enrollment import enroll
from desk.sync.errors import SyncError


def register(subparsers: Any) -> None:
    if "enroll" in subparsers.choices:
        return
    parser = subparsers.add_parser("enroll", help="enroll this desk with the central service")
    parser.add_argument("url", help="the service's address, e.g. http://10.0.0.2:8700")
    parser.add_argument("code", help="the one-time enrollment code fair IT gave you")
    parser.add_argument("--json", action="store_true", help="answer as one JSON object")
    credentials.add_arguments(parser)  # re-enrolling a desk opens its replica first
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:
        replica = credentials.open_signed_in(args)
    except credentials.SignInFailed:
        return 1
    try:
        enrolled = enroll(replica, args.url, args.code)
    except SyncError as error:
        fail(f"enrollment failed: {error.code}")
        return 1
    finally:
        replica.close()
    settings.update(service_url=args.url.rstrip("/"), desk_name=enrolled.desk_name)
    answer = {
        "desk_name": enrolled.desk_name,
        "desk_id": str(enrolled.desk_id),
        "client_id": str(enrolled.client_id),
        "new_client_id": enrolled.new_client_id,
    }
    if args.json:
        emit_json(answer)
    else:
        emit(f"enrolled as {enrolled.desk_name}")
    return 0
