"""Tables only a desk's replica has: its outbox, sync state, attention items, photos, the
operators it may sign in offline, and the pre-images its unanswered commands overwrote.

Secrets (the device token, the desk's private key, operator verifiers) live here, in the
encrypted replica, and nowhere else: never in settings files, never in logs.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Float,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from desk.models.coltypes import utc_now
from desk.models.schema import Base

# Outbox statuses: waiting for the service, then its final answer.
PENDING = "pending"
APPLIED = "applied"
REJECTED = "rejected"
MERGED = "merged"
OUTBOX_STATUSES = (PENDING, APPLIED, REJECTED, MERGED)


class OutboxCommand(Base):
    """A command the desk ran on its replica and owes the service, then its answer.

    Rows are kept after the answer for the whole fair: a service restored from a backup may
    ask for them again. `seq` is the local order (imported outboxes come before later work).
    """

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_status_seq", "status", "seq"),)

    client_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    seq: Mapped[int] = mapped_column(Integer, unique=True)
    name: Mapped[str] = mapped_column(String(40))
    v: Mapped[int] = mapped_column(Integer, default=1)
    args: Mapped[dict[str, Any]] = mapped_column(JSON)
    operator_id: Mapped[uuid.UUID | None]
    occurred_at: Mapped[datetime]
    status: Mapped[str] = mapped_column(String(10), default=PENDING)
    result: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    # The service version at which the answer's effects are visible: until the replica's
    # cursor reaches it, the command is replayed on top of pulled rows.
    answered_version: Mapped[int | None] = mapped_column(BigInteger)
    answered_at: Mapped[datetime | None]


class SyncClient(Base):
    """Every client id this replica sends commands under: its own, and those of outboxes
    imported from a replaced desk or kept from before a re-enrollment."""

    __tablename__ = "sync_client_local"

    client_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    own: Mapped[bool] = mapped_column(Boolean, default=False)
    last_allocated_id: Mapped[int] = mapped_column(BigInteger, default=0)
    # The service's last_command_id for this client as last seen; None until first heard.
    server_last_id: Mapped[int | None] = mapped_column(BigInteger)
    # The highest id this replica has seen answered (a service below it was restored).
    max_answered_id: Mapped[int] = mapped_column(BigInteger, default=0)


class SyncState(Base):
    """One row: who this desk is, where the service is, how far it has pulled."""

    __tablename__ = "sync_state"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    client_id: Mapped[uuid.UUID]
    created_at: Mapped[datetime] = mapped_column(default=utc_now)
    service_url: Mapped[str | None] = mapped_column(String(300))
    desk_id: Mapped[uuid.UUID | None]
    desk_name: Mapped[str | None] = mapped_column(String(80))
    host_org_id: Mapped[uuid.UUID | None]
    device_token: Mapped[str | None] = mapped_column(Text)
    private_key: Mapped[bytes | None] = mapped_column(LargeBinary)
    enrolled_at: Mapped[datetime | None]
    cursor: Mapped[int] = mapped_column(BigInteger, default=0)
    # A reset (full re-pull) in progress: rows not seen again are dropped at its end.
    resetting: Mapped[bool] = mapped_column(Boolean, default=False)
    last_success_at: Mapped[datetime | None]
    last_failure_at: Mapped[datetime | None]
    last_failure: Mapped[str | None] = mapped_column(String(200))
    link_state: Mapped[str] = mapped_column(String(24), default="offline")
    # Why syncing stopped for good until someone acts: revoked, replica_restored,
    # version_not_supported, not_enrolled.
    blocked: Mapped[str | None] = mapped_column(String(40))
    clock_skew_s: Mapped[float | None] = mapped_column(Float)
    # The service revoked this desk and ordered its data wiped: done once nothing unanswered
    # would be lost with it.
    wipe_ordered_at: Mapped[datetime | None]
    # The outbox up to this `seq` was written to an export file (it survives a wipe there).
    exported_seq: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class AttentionItem(Base):
    """Something the operator must see and act on: a refused or merged command, a flagged
    hand-out, a review rejection. The command's arguments are kept so nothing typed is lost."""

    __tablename__ = "attention"
    __table_args__ = (UniqueConstraint("source"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    # Deduplicates: "cmd:<client>:<id>:<kind>" or "review:<entity>:<id>:<version>".
    source: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(24))
    command_name: Mapped[str | None] = mapped_column(String(40))
    args: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    entity: Mapped[str | None] = mapped_column(String(40))
    entity_id: Mapped[str | None] = mapped_column(String(40))
    code: Mapped[str | None] = mapped_column(String(60))
    message_zh: Mapped[str] = mapped_column(Text, default="")
    message_en: Mapped[str] = mapped_column(Text, default="")
    field: Mapped[str | None] = mapped_column(String(120))
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utc_now)
    resolved_at: Mapped[datetime | None]
    resolution: Mapped[str | None] = mapped_column(String(40))


class StoredPhoto(Base):
    """A photo by SHA-256: taken here (waiting for upload) or fetched when first shown."""

    __tablename__ = "photo_store"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    data: Mapped[bytes] = mapped_column(LargeBinary)
    # accepted: passed the desk's checks (or the service's); refused: failed them for good.
    status: Mapped[str] = mapped_column(String(10), default="accepted")
    uploaded: Mapped[bool] = mapped_column(Boolean, default=False)
    failures: Mapped[list[Any]] = mapped_column(JSON, default=list)
    stored_at: Mapped[datetime] = mapped_column(default=utc_now)


class OperatorVerifier(Base):
    """An operator who signed in here online, with an argon2 hash of that password, so the
    same operator can sign in while the service is out of reach."""

    __tablename__ = "operator_verifier"

    username: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[uuid.UUID]
    role: Mapped[str] = mapped_column(String(24))
    display_name: Mapped[str] = mapped_column(String(100), default="")
    host_org_id: Mapped[uuid.UUID | None]
    verifier: Mapped[str] = mapped_column(String(200))
    verified_online_at: Mapped[datetime] = mapped_column(default=utc_now)


class Shadow(Base):
    """What an unanswered command changed: the pulled row as it was before (`data`), or
    None when the command created the row. Undone before each rebase, so the replica is
    always the service's rows with the unanswered commands replayed on top."""

    __tablename__ = "shadow"

    entity: Mapped[str] = mapped_column(String(40), primary_key=True)
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    data: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class ResetSeen(Base):
    """Rows a full re-pull has delivered; at its end the replica drops pulled rows not here."""

    __tablename__ = "reset_seen"

    entity: Mapped[str] = mapped_column(String(40), primary_key=True)
    id: Mapped[str] = mapped_column(String(36), primary_key=True)


DESK_TABLES = frozenset(
    t.__tablename__
    for t in (
        OutboxCommand,
        SyncClient,
        SyncState,
        AttentionItem,
        StoredPhoto,
        OperatorVerifier,
        Shadow,
        ResetSeen,
    )
)
