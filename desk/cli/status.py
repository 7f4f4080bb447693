"""`fairdesk status [--json] [--username NAME]`: link state, outbox, last syncs, attention,
clock skew, a wipe order, an update the service requires. Signs in first: the replica is
encrypted."""

from __future__ import annotations

import argparse
from typing import Any

from desk.cli import credentials
from desk.cli.output import emit, emit_json
from desk.sync.status import desk_status


def register(subparsers: Any) -> None:
    if "status" in subparsers.choices:
        return
    parser = subparsers.add_parser("status", help="show this desk's sync state")
    parser.add_argument("--json", action="store_true", help="answer as one JSON object")
    credentials.add_arguments(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:
        replica = credentials.open_signed_in(args)
    except credentials.SignInFailed:
        return 1
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
    if status["wipe_ordered"]:
        emit(
            f"WIPE ORDERED: {status['unsaved']} unanswered commands not exported yet"
            if status["unsaved"]
            else "WIPE ORDERED: the desk wipes itself at its next sync"
        )
    update = status["update_required"]
    if update:
        emit(_update_line(status["desk_version"], update, status["waiting"]))
    if status["clock_warning"]:
        emit(f"WARNING: this desk's clock is {status['clock_skew_s']} s off the service's")
    return 0


def _update_line(own: str, update: dict[str, Any], waiting: int) -> str:
    minimum = update["min_desk_version"]
    url = update["installer_url"]
    need_zh = f"需要 {minimum} 或更高版本" if minimum else "需要更新版本"
    need_en = f"needs version {minimum} or later" if minimum else "needs a newer desk"
    from_zh = f"安装程序：{url}" if url else "安装程序请向大会技术人员索取"
    from_en = f"installer: {url}" if url else "ask fair IT for the installer"
    return (
        f"须更新 / UPDATE REQUIRED: 本登记台为 {own}，服务{need_zh}；{from_zh}。"
        f"{waiting} 条待提交内容已保留。 / "
        f"this desk runs {own}, the service {need_en}; {from_en}. "
        f"{waiting} waiting commands are kept."
    )
