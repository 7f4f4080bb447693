"""`fairdesk check-document KIND VALUE [--json]`: check one number the way the desk does.

Exit status: 0 valid, 1 invalid, 2 usage error. VALUE `-` reads standard input, so a
scanner's MRZ with its line breaks can be piped in.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from desk.cli.output import emit, emit_json
from desk.models.rules import DOCUMENT_KINDS, WARNINGS, check_document


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "check-document",
        help="check a document number, phone or e-mail",
        description=(
            "Check a document number, a passport MRZ, a unified social credit code, "
            "a mobile number or an e-mail address with the desk's own rules."
        ),
    )
    parser.add_argument(
        "kind", metavar="KIND", choices=DOCUMENT_KINDS, help=", ".join(DOCUMENT_KINDS)
    )
    parser.add_argument(
        "value", metavar="VALUE", help="the value as typed or scanned; - reads stdin"
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    value = sys.stdin.read() if args.value == "-" else args.value
    check = check_document(args.kind, value)
    if args.json:
        emit_json(check.as_json())
    elif check.ok:
        details = [
            part for part in (check.birthday and check.birthday.isoformat(), check.gender) if part
        ]
        suffix = f" ({', '.join(details)})" if details else ""
        # An MRZ is two long lines: the passport number says more.
        normalized = check.fields.get("number") or check.normalized or ""
        emit(f"有效 / valid: {normalized}{suffix}")
        for code in check.warnings:
            zh, en = WARNINGS[code]
            emit(f"注意 / note: {zh} / {en}")
    else:
        emit(f"无效 / invalid [{check.code}]: {check.message_zh} / {check.message_en}")
    return 0 if check.ok else 1
