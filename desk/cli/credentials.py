"""Signing in for the headless commands, which opens the desk's encrypted replica.

Interactively: the username is asked for, the password with `getpass` (never echoed). For
scripts: `--username NAME`, and the password from `FAIRDESK_PASSWORD` or the first line of
standard input (never a command-line argument: those show in process lists).
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from typing import Any

from desk.cli.output import fail
from desk.sync.client import Client
from desk.sync.errors import LoginRefused, ReplicaLocked, SyncError
from desk.sync.operators import Operator, login
from desk.sync.replica import Replica, open_desk_replica

PASSWORD_ENV = "FAIRDESK_PASSWORD"


class SignInFailed(Exception):
    """Told to the user already; the command exits with status 1."""


def add_arguments(parser: Any) -> None:
    parser.add_argument(
        "--username",
        help=f"sign in as this operator; the password is read from ${PASSWORD_ENV} or "
        "standard input (default: ask for both)",
    )


def read_credentials(args: argparse.Namespace) -> tuple[str, str]:
    username = getattr(args, "username", None)
    if username:
        password = os.environ.get(PASSWORD_ENV)
        if password is None:
            password = sys.stdin.readline().rstrip("\r\n")
        return username, password
    if not sys.stdin.isatty():
        fail(f"sign-in needed: give --username, and the password on stdin or in ${PASSWORD_ENV}")
        raise SignInFailed
    sys.stderr.write("Username: ")
    sys.stderr.flush()
    username = sys.stdin.readline().strip()
    return username, getpass.getpass("Password: ")


def sign_in(replica: Replica, args: argparse.Namespace) -> Operator:
    """Open a locked replica with an operator's credentials (online when the service
    answers, else against the operator's key slot)."""
    username, password = read_credentials(args)
    if not username or not password:
        fail("sign-in needed: a username and a password")
        raise SignInFailed
    url = replica.identity().service_url
    client = Client(url) if url else None
    try:
        return login(replica, client, username, password)
    except LoginRefused as error:
        fail(f"sign-in refused: {error.code}")
        raise SignInFailed from None
    except SyncError as error:
        fail(f"sign-in failed: {error.code}")
        raise SignInFailed from None
    finally:
        if client is not None:
            client.close()


def open_signed_in(args: argparse.Namespace) -> Replica:
    """The desk's replica, open: signed in first when it is locked. Raises `SignInFailed`."""
    try:
        replica = open_desk_replica(getattr(args, "data_dir", None))
    except ReplicaLocked as error:
        fail(f"the replica cannot be opened: {error.code}")
        raise SignInFailed from None
    if replica.locked:
        try:
            sign_in(replica, args)
        except SignInFailed:
            replica.close()
            raise
    return replica
