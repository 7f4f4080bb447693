"""The service's badge-signing key, signing revisions for desks that print online, and the
public keys a verifier needs (the service's and every enrolled desk's).

The private key lives in the database, not in a process: several service processes behind
a load balancer sign with the same key, and the first one that finds none makes it. A
unique `slot` column lets only one key be current, so two processes starting at once agree
on one key. A retired key keeps its row (slot NULL): badges it signed still verify.
"""

from __future__ import annotations

import logging
import threading
import uuid
import weakref
from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from sqlalchemy import exc, select
from sqlalchemy.orm import Session

from central.db.engine import Database
from central.db.tables import Desk, ServiceSigningKey
from desk.models import badge_token as bt
from desk.models.schema import Badge

log = logging.getLogger(__name__)

CURRENT_SLOT = 1


@dataclass(frozen=True, slots=True)
class SigningKey:
    key_id: str
    private_key: Ed25519PrivateKey


_ready: weakref.WeakKeyDictionary[Database, SigningKey] = weakref.WeakKeyDictionary()
_lock = threading.Lock()


def _current(session: Session) -> ServiceSigningKey | None:
    return session.scalar(select(ServiceSigningKey).where(ServiceSigningKey.slot == CURRENT_SLOT))


def current_key(db: Database) -> SigningKey:
    """The key that signs now; made and stored on first use."""
    with _lock:
        known = _ready.get(db)
        if known is not None:
            return known
        with db.read() as session:
            row = _current(session)
        if row is None:
            row = _create(db)
        key = SigningKey(row.key_id, bt.private_key_from_bytes(bytes(row.private_key)))
        _ready[db] = key
        return key


def _create(db: Database) -> ServiceSigningKey:
    private = bt.generate_private_key()
    row = ServiceSigningKey(
        key_id=bt.key_id_for(private, "service"),
        private_key=bt.private_key_bytes(private),
        public_key=bt.public_key_text(private),
        slot=CURRENT_SLOT,
    )
    try:
        with db.write() as session:
            session.add(row)
        log.info("made the service's badge-signing key %s", row.key_id)
        return row
    except exc.IntegrityError:
        # Another process made one first: use theirs.
        with db.read() as session:
            winner = _current(session)
        assert winner is not None
        return winner


def sign_revision(
    db: Database, *, badge_id: uuid.UUID, revision_desk: str, revision_counter: int
) -> dict[str, str]:
    """The signed QR text of one revision, with the key id and the signature to store."""
    key = current_key(db)
    payload = bt.sign_badge(
        key.private_key,
        badge_id=badge_id,
        revision_desk=revision_desk,
        revision_counter=revision_counter,
        key_id=key.key_id,
    )
    token = bt.parse_badge(payload)
    return {"payload": payload, "key_id": key.key_id, "signature": token.signature_text}


def public_keys(db: Database) -> list[dict[str, Any]]:
    """Every key a badge may name: the service's (retired ones too) and each desk's."""
    current_key(db)
    out: list[dict[str, Any]] = []
    with db.read() as session:
        rows = session.scalars(select(ServiceSigningKey).order_by(ServiceSigningKey.created_at))
        for row in rows:
            out.append(
                {
                    "key_id": row.key_id,
                    "kind": "service",
                    "public_key": row.public_key,
                    "current": row.slot == CURRENT_SLOT,
                }
            )
        desks = session.scalars(select(Desk).where(Desk.public_key.is_not(None)))
        for desk in desks:
            try:
                public = bt.public_key_from_text(str(desk.public_key))
            except ValueError:
                log.warning("desk %s has an unreadable public key: left out", desk.id)
                continue
            out.append(
                {
                    "key_id": bt.key_id_for(public, "desk"),
                    "kind": "desk",
                    "public_key": desk.public_key,
                    "desk_id": str(desk.id),
                    "revoked": desk.revoked,
                }
            )
    return out


def key_map(keys: list[dict[str, Any]]) -> dict[str, Ed25519PublicKey]:
    """`public_keys` as `verify_badge` takes them."""
    return {k["key_id"]: bt.public_key_from_text(k["public_key"]) for k in keys}


def check_token(db: Database, payload: str) -> dict[str, Any]:
    """Whether a scanned token is a genuine badge and its badge's current revision."""
    try:
        verified = bt.verify_badge(payload, key_map(public_keys(db)))
    except bt.BadgeTokenError as error:
        return {"valid": False, "reason": error.code}
    with db.read() as session:
        badge = session.get(Badge, verified.badge_id)
        current = (
            (badge.revision_desk, badge.revision_counter)
            if badge is not None and badge.status == "valid" and not badge.deleted
            else None
        )
        code = badge.code if badge is not None else None
    if badge is None:
        return {"valid": False, "reason": "unknown_badge", "key_id": verified.key_id}
    if not bt.is_current(verified, current):
        return {"valid": False, "reason": "void", "code": code, "key_id": verified.key_id}
    return {"valid": True, "reason": "", "code": code, "key_id": verified.key_id}
