"""The service's badge-signing key, signing revisions for desks that print online, and the
public keys a verifier needs (the service's and every enrolled desk's).

The private key lives in the database, not in a process: several service processes behind
a load balancer sign with the same key, and the first one that finds none makes it. A
unique `slot` column lets only one key be current, so two processes starting at once agree
on one key. A retired key keeps its row (slot NULL): badges it signed still verify.

The private key is stored sealed (AES-256-GCM, bound to its key id) under the service's
master key, which is kept outside the database (`FAIRDESK_ESCROW_KEY`, else the key file
beside the blob folder; see `central.services.escrow`): a copy of the database alone cannot
sign a badge. A row written in clear by an older service is sealed when first read.
"""

from __future__ import annotations

import logging
import secrets
import threading
import uuid
import weakref
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlalchemy import exc, select, text
from sqlalchemy.orm import Session

from central.core.config import Settings
from central.db.engine import Database
from central.db.tables import Desk, ServiceSigningKey
from central.services import escrow
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


SEALED = b"fdsk1:"  # marks a sealed private key (a clear one is 32 raw bytes)
NONCE_BYTES = 12

# The settings (and so the master key) of each database this process serves, by URL: a
# second `Database` over the same URL (another pool, a maintenance command) seals alike.
_settings_by_url: dict[str, Settings] = {}


class SigningKeyError(RuntimeError):
    """The stored signing key does not open with this service's master key."""


def use_settings(db: Database, settings: Settings) -> None:
    """Seal and open this database's signing keys with the master key of `settings`."""
    _settings_by_url[str(db.engine.url)] = settings


def _master(db: Database) -> bytes:
    url = str(db.engine.url)
    settings = _settings_by_url.get(url) or Settings(db=url)
    return escrow.master_key(settings)


def _aad(key_id: str) -> bytes:
    return f"service-signing-key/{key_id}".encode()


def seal(master: bytes, key_id: str, raw: bytes) -> bytes:
    nonce = secrets.token_bytes(NONCE_BYTES)
    return SEALED + nonce + AESGCM(master).encrypt(nonce, raw, _aad(key_id))


def is_sealed(stored: bytes) -> bool:
    return stored.startswith(SEALED)


def unseal(master: bytes, key_id: str, stored: bytes) -> bytes:
    body = stored[len(SEALED) :]
    try:
        return AESGCM(master).decrypt(body[:NONCE_BYTES], body[NONCE_BYTES:], _aad(key_id))
    except InvalidTag:
        raise SigningKeyError(
            f"the signing key {key_id} was sealed with another master key"
        ) from None


def _current(session: Session) -> ServiceSigningKey | None:
    return session.scalar(select(ServiceSigningKey).where(ServiceSigningKey.slot == CURRENT_SLOT))


def current_key(db: Database) -> SigningKey:
    """The key that signs now; made and stored on first use."""
    with _lock:
        known = _ready.get(db)
        if known is not None:
            return known
        master = _master(db)
        _seal_clear_rows(db, master)
        with db.read() as session:
            row = _current(session)
        if row is None:
            row = _create(db, master)
        raw = unseal(master, row.key_id, bytes(row.private_key))
        key = SigningKey(row.key_id, bt.private_key_from_bytes(raw))
        _ready[db] = key
        return key


def _seal_clear_rows(db: Database, master: bytes) -> None:
    """Seal any private key an older service stored in clear (retired ones too)."""
    with db.read() as session:
        stored_keys = session.scalars(select(ServiceSigningKey.private_key)).all()
    if all(is_sealed(bytes(stored)) for stored in stored_keys):
        return  # the usual case: no write needed
    sealed = 0
    with db.write() as session:
        if not db.is_postgres:
            # Overwrite the clear bytes where they lay, not just unlink them from the row.
            session.execute(text("PRAGMA secure_delete = ON"))
        rows = session.scalars(select(ServiceSigningKey)).all()
        for row in rows:
            stored = bytes(row.private_key)
            if not is_sealed(stored):
                row.private_key = seal(master, row.key_id, stored)
                sealed += 1
                log.info("sealed the badge-signing key %s stored in clear", row.key_id)
        session.flush()
        if not db.is_postgres:
            session.execute(text("PRAGMA secure_delete = OFF"))  # pooled: back as it was
    if sealed and not db.is_postgres:
        # The journal still holds the clear page until a checkpoint writes it over.
        with db.engine.connect() as connection:
            connection.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))


def _create(db: Database, master: bytes) -> ServiceSigningKey:
    private = bt.generate_private_key()
    key_id = bt.key_id_for(private, "service")
    row = ServiceSigningKey(
        key_id=key_id,
        private_key=seal(master, key_id, bt.private_key_bytes(private)),
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
