"""`fairdesk enroll URL CODE`: enroll this desk with the service's one-time code."""

from __future__ import annotations

import argparse
from typing import Any

from desk import settings
from desk.cli.output import emit, emit_json, fail
from desk.sync.enrollment import enroll
from desk.sync.errors import SyncError
from desk.sync.replica import open_desk_replica


def register(subparsers: Any) -> None:
    if "enroll" in subparsers.choices:
        return
    parser = subparsers.add_parser("enroll", help="enroll this desk with the central service")
    parser.add_argument("url", help="the service's address, e.g. http://10.0.0.2:8700")
    parser.add_argument("code", help="the one-time enrollment code fair IT gave you")
    parser.add_argument("--json", action="store_true", help="answer as one JSON object")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    replica = open_desk_replica(getattr(args, "data_dir", None))
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
