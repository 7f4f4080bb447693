"""Signing operators in: online against the service, offline against a kept verifier.

An online sign-in that succeeds keeps an argon2 hash of that password in the replica; when
the service is out of reach, the same operator can sign in with the same password. A
definite refusal online (wrong password, account disabled, not allowed at this desk) drops
the verifier, so a disabled operator cannot keep working offline.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from desk.sync.client import Client
from desk.sync.errors import LoginRefused, Offline, ServerError
from desk.sync.replica import Replica
from desk.sync.tables import OperatorVerifier

log = logging.getLogger(__name__)

# Interactive sign-in: about 20-40 ms on a desk laptop, slow enough to frustrate guessing a
# stolen replica's verifiers, fast enough not to be felt.
_hasher = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)


@dataclass(frozen=True)
class Operator:
    """The signed-in person every recorded command names."""

    user_id: uuid.UUID
    username: str
    role: str
    display_name: str
    host_org_id: uuid.UUID | None
    online: bool
    # The service session of an online sign-in (for online-only requests); memory only.
    session_token: str | None = None


def login(replica: Replica, client: Client | None, username: str, password: str) -> Operator:
    """Sign in; online when the service answers, else against the kept verifier.

    Raises `LoginRefused` (code `bad_credentials`, `not_allowed_at_desk`, `offline_unknown`,
    `desk_revoked`...).
    """
    if client is not None:
        try:
            answer = client.login(username=username, password=password)
        except LoginRefused:
            _forget(replica, username)
            raise
        except (Offline, ServerError):
            log.info("service out of reach: signing in offline")
        else:
            user = answer.get("user") or {}
            operator = Operator(
                user_id=uuid.UUID(str(user["id"])),
                username=username,
                role=str(user.get("role") or ""),
                display_name=str(user.get("display_name") or username),
                host_org_id=uuid.UUID(str(user["host_org_id"]))
                if user.get("host_org_id")
                else None,
                online=True,
                session_token=answer.get("token"),
            )
            _keep(replica, operator, password)
            return operator
    return offline_login(replica, username, password)


def offline_login(replica: Replica, username: str, password: str) -> Operator:
    with replica.read() as session:
        row = session.get(OperatorVerifier, username)
        if row is None:
            raise LoginRefused(
                "offline_unknown", "This operator has not signed in online at this desk yet"
            )
        try:
            _hasher.verify(row.verifier, password)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            raise LoginRefused("bad_credentials", "Wrong username or password") from None
        return Operator(
            row.user_id, row.username, row.role, row.display_name, row.host_org_id, online=False
        )


def _keep(replica: Replica, operator: Operator, password: str) -> None:
    verifier = _hasher.hash(password)
    with replica.write() as session:
        row = session.get(OperatorVerifier, operator.username)
        if row is None:
            row = OperatorVerifier(username=operator.username)
            session.add(row)
        row.user_id = operator.user_id
        row.role = operator.role
        row.display_name = operator.display_name
        row.host_org_id = operator.host_org_id
        row.verifier = verifier
        row.verified_online_at = replica.clock()


def _forget(replica: Replica, username: str) -> None:
    with replica.write() as session:
        row = session.get(OperatorVerifier, username)
        if row is not None:
            session.delete(row)
