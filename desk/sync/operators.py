"""Signing operators in, which is also what opens (unlocks) the replica.

- Online, when the service answers: the service checks the password. An operator who has no
  key slot here yet (new to this desk, or whose password was reset) signs in through the
  escrow endpoint, which answers with the desk's escrow key too; the replica opens with it
  and the operator gets a password slot.
- Offline: the operator's password slot opens the replica (it only opens with the password
  the operator last used online here).

A definite refusal online (wrong password, account disabled, not allowed at this desk)
drops that operator's slot and verifier, so a disabled operator cannot keep working offline.

Who may sign in at an enrolled desk is the service's rule (`central.services.escrow.
may_sign_in_at`), checked here again before a slot is made: operators allowed at the desk,
reviewers, fair IT, and a host organisation's account at that organisation's own desks.
A revoked desk still lets its operators in offline: syncing stops, and the outbox can be
exported.
"""

from __future__ import annotations

import base64
import hmac
import logging
import uuid
from dataclasses import dataclass
from typing import Any

from argon2 import PasswordHasher

from desk.sync import keyslots
from desk.sync.client import Client
from desk.sync.errors import AuthError, LoginRefused, Offline, ReplicaLocked, ServerError
from desk.sync.replica import Replica
from desk.sync.tables import OperatorVerifier

log = logging.getLogger(__name__)

# Roles that sign in at a desk; any other (or a future one this desk does not know) gets no
# key slot here.
OPERATOR, HOST_USER = "operator", "host_user"
DESK_ROLES = (OPERATOR, "host_reviewer", "committee_reviewer", HOST_USER, "admin")

# Kept for the operator's details (role, name) and for replicas without key slots.
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


def may_sign_in_here(
    role: str, user_host_org: uuid.UUID | None, desk_host_org: uuid.UUID | None
) -> bool:
    """Whether an account of `role` (of `user_host_org`) may sign in at a desk of
    `desk_host_org`."""
    if role not in DESK_ROLES:
        return False
    if role == OPERATOR:
        return user_host_org is None or user_host_org == desk_host_org
    if role == HOST_USER:
        return user_host_org is not None and user_host_org == desk_host_org
    return True


def _check_allowed(replica: Replica, operator: Operator) -> None:
    """Refuse (and drop any slot of) an account the desk's rule keeps out, whatever the
    service said: a slot opens everything this desk holds."""
    identity = replica.identity()
    if identity.desk_id is None:
        return  # not enrolled: no desk to be allowed at, as for the service
    if not may_sign_in_here(operator.role, operator.host_org_id, identity.host_org_id):
        _forget(replica, operator.username)
        log.warning("refused a %s account at this desk", operator.role or "roleless")
        raise LoginRefused("not_allowed_at_desk", "This account may not sign in at this desk")


def login(replica: Replica, client: Client | None, username: str, password: str) -> Operator:
    """Sign in, opening the replica if it is locked; online when the service answers, else
    against this operator's key slot.

    Raises `LoginRefused` (code `bad_credentials`, `not_allowed_at_desk`, `offline_unknown`,
    `desk_revoked`, `escrow_mismatch`...).
    """
    if replica.locked:
        return _login_locked(replica, client, username, password)
    if client is not None:
        if client.token is None:
            client.token = replica.identity().token
        try:
            answer = client.login(username=username, password=password)
        except LoginRefused:
            _forget(replica, username)
            raise
        except AuthError as error:
            log.warning("the service refuses this desk (%s): signing in offline", error.code)
        except (Offline, ServerError):
            log.info("service out of reach: signing in offline")
        else:
            operator = _operator(answer, username)
            _check_allowed(replica, operator)
            _keep(replica, operator, password)
            return operator
    return offline_login(replica, username, password)


def offline_login(replica: Replica, username: str, password: str) -> Operator:
    """Sign in against this operator's key slot (opening a locked replica with it)."""
    slots = replica.keyslots()
    key = _open_slot(slots, username, password)
    if replica.locked:
        if key is None:
            raise _unknown()
        replica.unlock(key)
    elif key is not None and not hmac.compare_digest(key, replica.key()):
        raise LoginRefused("bad_credentials", "Wrong username or password")
    with replica.read() as session:
        row = session.get(OperatorVerifier, username)
        if row is None:
            raise _unknown()
        if key is None:
            # No slot: a replica without slots (never enrolled) falls back on the verifier;
            # one with slots does not, as a dropped slot means a refused operator.
            if slots is not None and not slots.empty:
                raise _unknown()
            try:
                _hasher.verify(row.verifier, password)
            except Exception:  # argon2's mismatch, a damaged hash: the same answer
                raise LoginRefused("bad_credentials", "Wrong username or password") from None
        return Operator(
            row.user_id, row.username, row.role, row.display_name, row.host_org_id, online=False
        )


def _login_locked(
    replica: Replica, client: Client | None, username: str, password: str
) -> Operator:
    slots = replica.keyslots()
    had_slot = slots is not None and slots.has_user(username)
    try:
        key = _open_slot(slots, username, password)
    except LoginRefused:
        key = None
    if key is not None:
        replica.unlock(key)
        try:
            return login(replica, client, username, password)
        except LoginRefused:
            replica.lock()
            raise
    if client is None:
        if had_slot:
            raise LoginRefused("bad_credentials", "Wrong username or password")
        raise _unknown()
    return _escrow_login(replica, client, username, password, had_slot=had_slot)


def _escrow_login(
    replica: Replica, client: Client, username: str, password: str, *, had_slot: bool
) -> Operator:
    identity = replica.identity()
    if identity.desk_id is None:
        raise LoginRefused("not_enrolled", "This desk is not enrolled")
    try:
        answer = client.escrow_unlock(
            desk_id=str(identity.desk_id), username=username, password=password
        )
    except LoginRefused:
        _forget(replica, username)
        raise
    except AuthError as error:
        raise LoginRefused(error.code, "The service refuses this desk") from None
    except (Offline, ServerError):
        if had_slot:
            raise LoginRefused("bad_credentials", "Wrong username or password") from None
        raise _unknown() from None
    slots = replica.keyslots()
    try:
        escrow_key = base64.b64decode(str(answer.get("escrow_key")), validate=True)
        if slots is None:
            raise keyslots.SlotError("no key slots")
        key = slots.open_escrow(escrow_key)
    except (ValueError, keyslots.SlotError):
        raise LoginRefused(
            "escrow_mismatch", "The service's escrow key does not open this desk's data"
        ) from None
    replica.unlock(key)
    operator = _operator(answer, username)
    try:
        _check_allowed(replica, operator)
    except LoginRefused:
        replica.lock()
        raise
    if client.token is None:
        client.token = replica.identity().token
    _keep(replica, operator, password)
    log.info("desk opened with its escrow key; the operator now has a key slot here")
    return operator


def _open_slot(slots: keyslots.KeySlots | None, username: str, password: str) -> bytes | None:
    if slots is None:
        return None
    try:
        return slots.open_password(username, password)
    except keyslots.SlotError:
        raise LoginRefused("bad_credentials", "Wrong username or password") from None


def _unknown() -> LoginRefused:
    return LoginRefused(
        "offline_unknown", "This operator has not signed in online at this desk yet"
    )


def _operator(answer: dict[str, Any], username: str) -> Operator:
    user = answer.get("user") or {}
    host = user.get("host_org_id")
    return Operator(
        user_id=uuid.UUID(str(user["id"])),
        username=username,
        role=str(user.get("role") or ""),
        display_name=str(user.get("display_name") or username),
        host_org_id=uuid.UUID(str(host)) if host else None,
        online=True,
        session_token=answer.get("token"),
    )


def _keep(replica: Replica, operator: Operator, password: str) -> None:
    """Remember the operator for offline sign-in: details in the replica, and a password
    slot for the replica key beside it."""
    verifier = _hasher.hash(password)
    with keyslots.edit(replica.slots_path) as slots:
        slots.set_password(replica.key(), operator.username, password)
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
    if replica.slots_path.exists():
        with keyslots.edit(replica.slots_path) as slots:
            slots.remove_user(username)
    if replica.locked:
        return  # the details stay inside, unusable without a slot
    try:
        with replica.write() as session:
            row = session.get(OperatorVerifier, username)
            if row is not None:
                session.delete(row)
    except ReplicaLocked:
        pass
