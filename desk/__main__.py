"""`fairdesk`: the desk, and its headless commands for fair IT and scripts."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from desk import __version__

# Sub-command modules, imported only when named so a check stays fast and Qt-free.
SUBCOMMANDS: dict[str, tuple[str, str]] = {
    "check-document": ("desk.cli.check_document", "check a document number, phone or e-mail"),
    "check-photo": ("desk.cli.check_photo", "check photos against the fair's photo rules"),
    "enroll": ("desk.cli.enroll", "enroll this desk with the central service"),
    "status": ("desk.cli.status", "show the desk's sync state"),
    "sync": ("desk.cli.sync_once", "sync with the central service"),
    "export-outbox": ("desk.cli.outbox_io", "write the unanswered commands to a file"),
    "import-outbox": ("desk.cli.outbox_io", "send a replaced desk's commands from this desk"),
    "wipe": ("desk.cli.wipe", "destroy this desk's data after the fair"),
}
# Global options that take a value, so the sub-command's name can be found after them.
VALUE_OPTIONS = ("--data-dir",)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="fairdesk", description="Fair Desk: the on-site registration desk."
    )
    parser.add_argument("--version", action="version", version=f"fairdesk {__version__}")
    parser.add_argument(
        "--demo",
        action="store_true",
        help="start a demo fair on this computer and open the desk on it",
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check that this installation works (offscreen) and exit",
    )
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        default=None,
        help="where the desk keeps its data (default: the settings' folder)",
    )
    return parser


def command_name(args: Sequence[str]) -> str | None:
    """The sub-command named on the command line, if any."""
    tokens = iter(args)
    for token in tokens:
        if token in VALUE_OPTIONS:
            next(tokens, None)
        elif not token.startswith("-"):
            return token
    return None


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    name = command_name(args_list)
    for command, (module_name, summary) in SUBCOMMANDS.items():
        if command in subparsers.choices:
            continue  # a module that registers several commands did it already
        if name in (None, command):
            importlib.import_module(module_name).register(subparsers)
        else:
            subparsers.add_parser(command, help=summary)
    args = parser.parse_args(args_list)
    if args.self_test:
        from desk.selftest import run_self_test

        return run_self_test()
    if args.command is None:
        from desk.app import main_options

        return main_options(args.data_dir, args.demo)
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
