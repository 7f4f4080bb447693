"""`fairdesk-central`: run, set up and operate the central service from a terminal."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from central.core.config import Settings
from central.db.engine import Database
from central.db.migrate import migrate


def out(text: str = "") -> None:
    sys.stdout.write(text + "\n")


def _settings(args: argparse.Namespace) -> Settings:
    if args.db:
        os.environ["FAIRDESK_DB"] = args.db  # worker processes read the same setting
    return Settings()


def _database(args: argparse.Namespace) -> Database:
    settings = _settings(args)
    db = Database.from_url(settings.db, settings)
    migrate(db.engine)
    return db


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    # Through the environment, like --db, so every worker process reads the same values.
    if args.min_desk_version is not None:
        os.environ["FAIRDESK_MIN_DESK_VERSION"] = args.min_desk_version
    if args.installer_url is not None:
        os.environ["FAIRDESK_INSTALLER_URL"] = args.installer_url
    settings = _settings(args)
    db = Database.from_url(settings.db, settings)
    migrate(db.engine)
    db.dispose()
    out(f"Fair Desk central service on http://{args.host}:{args.port} ({db.dialect})")
    uvicorn.run(
        "central.main:app_from_env",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        log_level=args.log_level,
        access_log=False,
        # Longer than any desk's pause between syncs: a connection the service closes just
        # as a desk reuses it makes the desk's request fail (it resends, but needlessly).
        timeout_keep_alive=settings.keep_alive_s,
        # No `server: uvicorn`: the software and its version are nobody's business. The
        # Date header stays: desks read the service's clock from it.
        server_header=False,
    )
    return 0


def cmd_migrate(args: argparse.Namespace) -> int:
    db = _database(args)
    out(f"database ready ({db.dialect})")
    return 0


def cmd_seed_demo(args: argparse.Namespace) -> int:
    from central.services.seed import seed_demo

    db = _database(args)
    settings = _settings(args)
    report = seed_demo(
        db,
        settings,
        host_orgs=args.host_orgs,
        enterprises=args.enterprises,
        people=args.people,
        holders_per_org=args.holders_per_org,
    )
    out("demo fair seeded:")
    for key, value in report.counts.items():
        out(f"  {key}: {value}")
    out("demo users (demo passwords, change them for a real fair):")
    for username, role, password in report.users:
        out(f"  {role:<19} {username:<16} {password}")
    return 0


def cmd_create_user(args: argparse.Namespace) -> int:
    from central.core.security import make_account_password
    from central.services import accounts

    db = _database(args)
    password = args.password or make_account_password(12)
    with db.write() as session:
        user = accounts.create_user(
            session,
            username=args.username,
            role=args.role,
            password=password,
            display_name=args.display_name or "",
            host_org=args.host_org,
        )
        _audit(session, "user:create", user.username)
    out(f"user {args.username} ({args.role}) created")
    if not args.password:
        out(f"password: {password}")
    return 0


def cmd_enroll_desk(args: argparse.Namespace) -> int:
    from central.services import accounts

    db = _database(args)
    with db.write() as session:
        desk, code = accounts.new_enrollment(
            session, _settings(args), name=args.name, host_org=args.host_org
        )
        _audit(session, "desk:create", desk.name)
    out(f"desk {args.name} created; one-time enrollment code (type it on the desk):")
    out(f"  {code}")
    return 0


def cmd_revoke_desk(args: argparse.Namespace) -> int:
    from central.services import accounts

    db = _database(args)
    with db.write() as session:
        accounts.revoke_desk(session, args.name, wipe=args.wipe)
        _audit(session, "desk:revoke", args.name)
    out(f"desk {args.name} revoked" + (" (it will wipe its data)" if args.wipe else ""))
    return 0


def cmd_replace_desk(args: argparse.Namespace) -> int:
    from central.services import accounts

    db = _database(args)
    with db.write() as session:
        accounts.replace_desk(session, args.old, args.new)
        _audit(session, "desk:replace", f"{args.old}->{args.new}")
    out(f"desk {args.old} replaced by {args.new}: import its outbox on {args.new}")
    return 0


def cmd_desks(args: argparse.Namespace) -> int:
    from central.services.operations import desk_rows

    db = _database(args)
    with db.read() as session:
        rows = desk_rows(session)
    if args.json:
        out(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    out(
        f"{'desk':<16} {'state':<9} {'last push':<20} {'last pull':<20} {'waiting':>7} "
        f"{'version':>8} {'skew s':>7}"
    )
    for r in rows:
        state = "revoked" if r["revoked"] else ("enrolled" if r["enrolled"] else "waiting")
        skew = "" if r["clock_skew_s"] is None else f"{r['clock_skew_s']:.0f}"
        out(
            f"{r['name']:<16} {state:<9} {(r['last_push_at'] or '-')[:19]:<20} "
            f"{(r['last_pull_at'] or '-')[:19]:<20} {_dash(r['outbox_waiting']):>7} "
            f"{_dash(r['pulled_version']):>8} {skew:>7}"
        )
    return 0


def _dash(value: Any) -> str:
    return "-" if value is None else str(value)


def cmd_issue_codes(args: argparse.Namespace) -> int:
    from central.services.operations import issue_codes

    db = _database(args)
    with db.write() as session:
        codes = issue_codes(session, host_org=args.host_org, count=args.count)
    for code in codes:
        out(code)
    return 0


def cmd_load_fortune500(args: argparse.Namespace) -> int:
    from central.services.operations import load_fortune500

    db = _database(args)
    with db.write() as session:
        count = load_fortune500(session, Path(args.csv))
    out(f"{count} companies loaded")
    return 0


def cmd_set_window(args: argparse.Namespace) -> int:
    from central.services.operations import set_window

    db = _database(args)
    with db.write() as session:
        set_window(session, participation_type=args.type, opens=args.opens, closes=args.closes)
    out(f"window for {args.type}: {args.opens} to {args.closes}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from central.services.export import export_csv

    db = _database(args)
    with db.read() as session:
        counts = export_csv(session, Path(args.dir))
    for name, count in counts.items():
        out(f"{name}.csv: {count} rows")
    return 0


def _audit(session: Any, action: str, target: str) -> None:
    from central.services.audit import audit

    audit(session, action=f"cli:{action}", target=target, role="service")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="fairdesk-central", description=__doc__)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db",
        default=None,
        help="database URL (default: $FAIRDESK_DB or a SQLite file in the data directory)",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    def add(
        name: str, fn: Callable[[argparse.Namespace], int], help_text: str
    ) -> argparse.ArgumentParser:
        p = sub.add_parser(name, parents=[common], help=help_text)
        p.set_defaults(fn=fn)
        return p

    p = add("serve", cmd_serve, "run the service")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8700)
    p.add_argument("--workers", type=int, default=1)
    p.add_argument("--log-level", default="info")
    p.add_argument("--min-desk-version", help="the oldest desk version that may sync")
    p.add_argument("--installer-url", help="where desks too old for the service get the new one")
    add("migrate", cmd_migrate, "create or upgrade the database")
    p = add("seed-demo", cmd_seed_demo, "fill the database with a demo fair")
    p.add_argument("--host-orgs", type=int, default=6)
    p.add_argument("--enterprises", type=int, default=60)
    p.add_argument("--people", type=int, default=300)
    p.add_argument("--holders-per-org", type=int, default=5,
                   help="staff members, and as many guests, of each approved host organisation")
    p = add("create-user", cmd_create_user, "create an operator, reviewer or admin")
    p.add_argument("--role", required=True)
    p.add_argument("--username", required=True)
    p.add_argument("--password")
    p.add_argument("--display-name")
    p.add_argument("--host-org")
    p = add("enroll-desk", cmd_enroll_desk, "create a desk and print its one-time code")
    p.add_argument("--name", required=True)
    p.add_argument(
        "--host-org",
        help="reviews the desk's uninvited walk-ins (default: the committee's on-site office)",
    )
    p = add("revoke-desk", cmd_revoke_desk, "stop a desk from syncing")
    p.add_argument("name")
    p.add_argument("--wipe", action="store_true", help="tell the desk to wipe its data")
    p = add("replace-desk", cmd_replace_desk, "let a new desk send a broken desk's outbox")
    p.add_argument("old")
    p.add_argument("new")
    p = add("desks", cmd_desks, "every desk and its sync state")
    p.add_argument("--json", action="store_true")
    p = add("issue-codes", cmd_issue_codes, "issue invitation codes to a host organisation")
    p.add_argument("--host-org", required=True)
    p.add_argument("--count", type=int, required=True)
    p = add("load-fortune500", cmd_load_fortune500, "load the Fortune Global 500 list (CSV)")
    p.add_argument("csv")
    p = add("set-window", cmd_set_window, "set a participation type's registration window")
    p.add_argument("type", help="exhibitor_online | exhibitor_onsite | attendee")
    p.add_argument("opens", metavar="FROM")
    p.add_argument("closes", metavar="TO")
    p = add("export", cmd_export, "CSV of enterprises, people, badges and hand-outs")
    p.add_argument("dir")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from central.services.accounts import AccountError

    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    args = build_parser().parse_args(argv)
    try:
        return int(args.fn(args))
    except AccountError as error:
        sys.stderr.write(f"error: {error.message}\n")
        return 2
    except Exception as error:  # a command refusal or a bad argument: one line, not a traceback
        from desk.models.commands import CommandRefused

        if isinstance(error, CommandRefused):
            sys.stderr.write(f"refused: {error.message_en}\n")
            return 2
        raise


if __name__ == "__main__":
    raise SystemExit(main())
