"""`fairdesk`: the desk, and its headless commands for fair IT and scripts."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from desk import __version__

# Sub-command modules, imported only when named so a check stays fast and Qt-free.
SUBCOMMANDS: dict[str, str] = {
    "check-document": "desk.cli.check_document",
    "check-photo": "desk.cli.check_photo",
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="fairdesk", description="Fair Desk: the on-site registration desk."
    )
    parser.add_argument("--version", action="version", version=f"fairdesk {__version__}")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    name = next((a for a in args_list if not a.startswith("-")), None)
    for command, module_name in SUBCOMMANDS.items():
        if name in (None, command):
            importlib.import_module(module_name).register(subparsers)
        else:
            subparsers.add_parser(command)
    args = parser.parse_args(args_list)
    if args.command is None:
        parser.print_help()
        return 2
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
