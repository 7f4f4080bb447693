"""Per-desk escrow keys: the service's way into a desk's encrypted replica.

A desk wraps its replica key with its escrow key at enrollment. The service hands the key
over again only to someone who signs in at that desk with a valid password (an operator new
to the desk, or one whose password was reset), and never for a revoked desk. A new
enrollment makes a new key.

Keys are stored sealed (AES-256-GCM, bound to the desk's id) under a master key that is not
in the database, so a copy of the database alone opens no desk: from `FAIRDESK_ESCROW_KEY`
(base64 of 32 bytes; set it for several service processes on several machines), else a file
`escrow-master.key` made on first use beside the blob folder. The same master key seals the
service's badge-signing key (`central.services.signing`). Nothing here logs a key.
"""

from __future__ import annotations

import base64
import binascii
import os
import secrets
import threading
import uuid
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlalchemy.orm import Session

from central.core.config import Settings
from central.db.tables import Desk, DeskEscrowKey, User
from central.services import accounts
from desk.models.coltypes import utc_now
from desk.models.commands import (
    ADMIN,
    COMMITTEE_REVIEWER,
    HOST_REVIEWER,
    HOST_USER,
    OPERATOR,
)

MASTER_ENV = "FAIRDESK_ESCROW_KEY"
MASTER_FILE = "escrow-master.key"
KEY_BYTES = 32


# Who may sign in at a desk, and so open its data: its operators, on-site reviewers, fair
# IT, and the host organisation's own account at that organisation's desks (its host tools).
DESK_ROLES = (OPERATOR, HOST_REVIEWER, COMMITTEE_REVIEWER, HOST_USER, ADMIN)


def may_sign_in_at(user: User, desk: Desk) -> bool:
    """Whether `user` may sign in at `desk`, which gives them a key slot for its replica.

    A host organisation's account works on that organisation's own records only, yet a
    slot opens everything the desk holds: so only at the organisation's own desks.
    """
    if not user.active or user.role not in DESK_ROLES:
        return False
    if user.role == OPERATOR:
        return accounts.operator_allowed_at(user, desk)
    if user.role == HOST_USER:
        return user.host_org_id is not None and user.host_org_id == desk.host_org_id
    return True


def refusal_text(user: User) -> str:
    if user.role == HOST_USER:
        return "A host organisation's account signs in at its own organisation's desks only"
    if user.role == OPERATOR:
        return "This operator may not use this desk"
    return "This account may not sign in at a desk"


class EscrowError(Exception):
    def __init__(self, status: int, error: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.error = error
        self.message = message


_masters: dict[str, bytes] = {}
_lock = threading.Lock()


def master_key(settings: Settings) -> bytes:
    configured = os.environ.get(MASTER_ENV)
    if configured:
        try:
            key = base64.b64decode(configured, validate=True)
        except (binascii.Error, ValueError):
            key = b""
        if len(key) != KEY_BYTES:
            raise RuntimeError(f"{MASTER_ENV} must be base64 of {KEY_BYTES} bytes")
        return key
    path = Path(settings.blob_dir).parent / MASTER_FILE
    with _lock:
        cached = _masters.get(str(path))
        if cached is None:
            cached = _file_master(path)
            _masters[str(path)] = cached
        return cached


def _file_master(path: Path) -> bytes:
    """Read the master key file, or make it: written aside and linked into place, so two
    processes starting at once agree on one key and none reads half a file."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            os.write(fd, base64.b64encode(secrets.token_bytes(KEY_BYTES)) + b"\n")
            os.fsync(fd)
        finally:
            os.close(fd)
        try:
            os.link(tmp, path)
        except FileExistsError:
            pass
        finally:
            tmp.unlink()
    key = base64.b64decode(path.read_bytes().strip(), validate=True)
    if len(key) != KEY_BYTES:
        raise RuntimeError(f"{path} does not hold a {KEY_BYTES}-byte key")
    return key


def _seal(master: bytes, desk_id: uuid.UUID, key: bytes) -> bytes:
    nonce = secrets.token_bytes(12)
    return nonce + AESGCM(master).encrypt(nonce, key, desk_id.bytes)


def _unseal(master: bytes, desk_id: uuid.UUID, sealed: bytes) -> bytes:
    try:
        return AESGCM(master).decrypt(sealed[:12], sealed[12:], desk_id.bytes)
    except InvalidTag:
        raise EscrowError(500, "escrow_unreadable", "The escrow key cannot be read") from None


def issue(session: Session, settings: Settings, desk: Desk) -> tuple[str, bytes]:
    """A new escrow key for `desk` (replacing any older one); in the caller's transaction."""
    key, key_id = secrets.token_bytes(KEY_BYTES), secrets.token_hex(8)
    row = session.get(DeskEscrowKey, desk.id)
    if row is None:
        row = DeskEscrowKey(desk_id=desk.id)
        session.add(row)
    row.key_id = key_id
    row.sealed = _seal(master_key(settings), desk.id, key)
    row.created_at = utc_now()
    return key_id, key


def reveal(session: Session, settings: Settings, desk: Desk) -> tuple[str, bytes]:
    """The escrow key of an enrolled, unrevoked desk."""
    if desk.revoked:
        raise EscrowError(403, "desk_revoked", "This desk is revoked")
    row = session.get(DeskEscrowKey, desk.id)
    if row is None:
        raise EscrowError(409, "escrow_missing", "This desk has no escrow key: re-enroll it")
    return row.key_id, _unseal(master_key(settings), desk.id, row.sealed)


def forget(session: Session, desk_id: uuid.UUID) -> None:
    """Destroy a desk's escrow key (for good: its replica opens with passwords only)."""
    row = session.get(DeskEscrowKey, desk_id)
    if row is not None:
        session.delete(row)
