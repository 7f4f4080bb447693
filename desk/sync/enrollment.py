"""Enrolling this desk with the service: a one-time code for a revocable device token.

The desk makes an Ed25519 key pair; the service keeps the public half, the private half
stays in the replica (to sign printed badges). The service also answers with the desk's
escrow key: the replica's key is wrapped with it into the escrow key slot, written before the
token is kept, so no enrolled replica is ever without a way in. Enrolling a replica that was
enrolled before
(a desk re-enrolled after a restore, or after its token was revoked) also gives it a new
client id: its old outbox stays, under the old id, and is still sent.
"""

from __future__ import annotations

import base64
import logging
import uuid
from dataclasses import dataclass

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
)
from sqlalchemy import select
from sqlalchemy.orm import Session

from desk.sync import keyslots
from desk.sync.client import Client
from desk.sync.errors import ServerError
from desk.sync.replica import Replica, sync_state
from desk.sync.tables import PENDING, OutboxCommand, SyncClient

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Enrolled:
    desk_id: uuid.UUID
    desk_name: str
    client_id: uuid.UUID
    new_client_id: bool


def enroll(
    replica: Replica, service_url: str, code: str, *, client: Client | None = None
) -> Enrolled:
    """Exchange `code` for a device token and keep everything in the replica.

    Raises `AuthError` for a wrong or used code, `Offline` when the service is out of reach,
    `ReplicaLocked` for a locked replica (an operator signs in first).
    """
    key = Ed25519PrivateKey.generate()
    public = key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    private = key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    replica_key = replica.key()  # raises ReplicaLocked: sign in before re-enrolling
    own_client = client is None
    http = client or Client(service_url, clock=replica.clock)
    try:
        answer = http.escrow_enroll(code=code, public_key=base64.b64encode(public).decode())
    finally:
        if own_client:
            http.close()
    try:
        escrow_key = base64.b64decode(str(answer["escrow_key"]), validate=True)
    except (KeyError, ValueError):
        raise ServerError("no_escrow_key", "The service sent no escrow key") from None
    with keyslots.edit(replica.slots_path) as slots:
        slots.set_escrow(replica_key, escrow_key, str(answer.get("escrow_key_id") or ""))
        slots.meta.update(
            desk_id=str(answer["desk_id"]),
            desk_name=str(answer.get("desk_name") or ""),
            service_url=service_url.rstrip("/"),
        )
    with replica.write() as session:
        state = sync_state(session)
        renew = state.desk_id is not None or state.blocked is not None
        if renew:
            old = session.get(SyncClient, state.client_id)
            if old is not None:
                old.own = False
            state.client_id = uuid.uuid4()
            fresh = SyncClient(client_id=state.client_id, own=True)
            session.add(fresh)
            if state.blocked == "replica_restored":
                _rehome_pending(session, state.client_id, fresh)
        state.service_url = service_url.rstrip("/")
        state.desk_id = uuid.UUID(str(answer["desk_id"]))
        state.desk_name = str(answer.get("desk_name") or "")
        host = answer.get("host_org_id")
        state.host_org_id = uuid.UUID(str(host)) if host else None
        state.device_token = str(answer["token"])
        state.private_key = private
        state.enrolled_at = replica.clock()
        state.blocked = None
        state.wipe_ordered_at = None  # an order to the old identity; IT chose to re-enroll
        state.link_state = "offline"
        result = Enrolled(state.desk_id, state.desk_name or "", state.client_id, renew)
    with keyslots.edit(replica.slots_path) as slots:
        slots.meta["client_id"] = str(result.client_id)
    log.info("desk enrolled as %s%s", result.desk_name, " with a new client id" if renew else "")
    return result


def _rehome_pending(session: Session, client_id: uuid.UUID, client: SyncClient) -> None:
    """A restored replica's unanswered commands carry ids the service already gave to
    commands it lost with the copy: send them again as new commands under the new client id.
    One that did reach the service before is refused as a duplicate (the desk made its
    rows' ids), so nothing runs twice and nothing typed is lost."""
    pending = list(
        session.scalars(
            select(OutboxCommand).where(OutboxCommand.status == PENDING).order_by(OutboxCommand.seq)
        )
    )
    moved = []
    for row in pending:
        moved.append({c.name: getattr(row, c.name) for c in OutboxCommand.__table__.columns})
        session.delete(row)
    session.flush()
    for values in moved:
        client.last_allocated_id += 1
        session.add(
            OutboxCommand(**{**values, "client_id": client_id, "id": client.last_allocated_id})
        )
    if moved:
        log.warning("%d unanswered commands of the restored replica will be sent again", len(moved))


def move_service(replica: Replica, service_url: str) -> None:
    """The service answers at another address now: note it in the replica and in the key
    slots file (which a locked desk reads to know whom to ask)."""
    url = service_url.rstrip("/")
    with replica.write() as session:
        sync_state(session).service_url = url
    if replica.slots_path.exists():
        with keyslots.edit(replica.slots_path) as slots:
            slots.meta["service_url"] = url


def signing_key(replica: Replica) -> Ed25519PrivateKey | None:
    """The desk's private key (for badge signatures), or None before enrollment."""
    with replica.read() as session:
        raw = sync_state(session).private_key
    return None if raw is None else Ed25519PrivateKey.from_private_bytes(bytes(raw))
