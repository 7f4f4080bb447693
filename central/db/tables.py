"""Tables only the central service has: people who sign in, desks, sync bookkeeping, blobs,
audit, notices and secrets. They share the replica schema's `Base` so foreign keys resolve."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    Uuid,
)
from sqlalchemy.orm import Mapped, mapped_column

from desk.models.coltypes import utc_now
from desk.models.schema import Base


class User(Base):
    """Someone who signs in: an operator, a reviewer, a host organisation user, an admin."""

    __tablename__ = "app_user"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(100), default="")
    role: Mapped[str] = mapped_column(String(24))
    host_org_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("host_org.id"))
    password_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(default=utc_now)


class Desk(Base):
    """An enrolled registration counter (a device), and what it last told us about itself."""

    __tablename__ = "desk"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    # Reviews this desk's uninvited walk-ins (by default the committee's on-site office).
    host_org_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("host_org.id"))
    enrollment_code_hash: Mapped[str | None] = mapped_column(String(64))
    enrollment_expires_at: Mapped[datetime | None]
    token_key_id: Mapped[str | None] = mapped_column(String(32), unique=True)
    token_hash: Mapped[str | None] = mapped_column(String(64))
    public_key: Mapped[str | None] = mapped_column(String(80))
    enrolled_at: Mapped[datetime | None]
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)
    wipe: Mapped[bool] = mapped_column(Boolean, default=False)
    replaced_by: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    last_push_at: Mapped[datetime | None]
    last_pull_at: Mapped[datetime | None]
    outbox_waiting: Mapped[int | None] = mapped_column(Integer)
    outbox_rejected: Mapped[int | None] = mapped_column(Integer)
    app_version: Mapped[str] = mapped_column(String(40), default="")
    pulled_version: Mapped[int | None] = mapped_column(BigInteger)
    clock_skew_s: Mapped[float | None]
    created_at: Mapped[datetime] = mapped_column(default=utc_now)


class UserSession(Base):
    """A signed-in session of a user; only the digest of its secret is kept."""

    __tablename__ = "user_session"

    key_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64))
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("app_user.id"), index=True)
    desk_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("desk.id"))
    created_at: Mapped[datetime] = mapped_column(default=utc_now)
    expires_at: Mapped[datetime]
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)


class SyncClient(Base):
    """One desk replica (`client_id`) and the last command id the service answered for it."""

    __tablename__ = "sync_client"

    client_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    desk_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("desk.id"), index=True)
    last_command_id: Mapped[int] = mapped_column(BigInteger, default=0)
    created_at: Mapped[datetime] = mapped_column(default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(default=utc_now)


class CommandResult(Base):
    """The final answer to one pushed command, returned again for a replay and by pull."""

    __tablename__ = "command_result"
    __table_args__ = (Index("ix_command_result_client_version", "client_id", "version"),)

    client_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("sync_client.client_id"), primary_key=True
    )
    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    name: Mapped[str] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(10))
    code: Mapped[str | None] = mapped_column(String(60))
    message_zh: Mapped[str | None] = mapped_column(Text)
    message_en: Mapped[str | None] = mapped_column(Text)
    field: Mapped[str | None] = mapped_column(String(120))
    details: Mapped[dict[str, Any]] = mapped_column(default=dict)
    # The global version of the transaction that stored it: pull returns results newer
    # than the desk's cursor, so an answer whose push response was lost still arrives.
    version: Mapped[int] = mapped_column(BigInteger, default=0)
    operator_id: Mapped[uuid.UUID | None]
    desk_id: Mapped[uuid.UUID | None]
    occurred_at: Mapped[datetime | None]
    stored_at: Mapped[datetime] = mapped_column(default=utc_now)


class SyncCounter(Base):
    """The one row holding the global version counter (see `central.db.versioning`)."""

    __tablename__ = "sync_counter"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    value: Mapped[int] = mapped_column(BigInteger, default=0)
    # Versions at or below this were compacted away; a cursor older than it must reset.
    floor: Mapped[int] = mapped_column(BigInteger, default=0)


class Blob(Base):
    """A stored photo or scan by SHA-256, with the verdict of the photo rules on upload."""

    __tablename__ = "blob"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    size: Mapped[int] = mapped_column(Integer)
    ok: Mapped[bool] = mapped_column(Boolean)
    failures: Mapped[list[Any]] = mapped_column(default=list)
    demo: Mapped[bool] = mapped_column(Boolean, default=False)
    stored_at: Mapped[datetime] = mapped_column(default=utc_now)


class AuditLog(Base):
    """Who changed what, from which desk, when. Targets only: never personal data."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utc_now, index=True)
    user_id: Mapped[uuid.UUID | None]
    role: Mapped[str | None] = mapped_column(String(24))
    desk_id: Mapped[uuid.UUID | None]
    action: Mapped[str] = mapped_column(String(60))
    target: Mapped[str] = mapped_column(String(200), default="")
    outcome: Mapped[str] = mapped_column(String(20), default="ok")
    address: Mapped[str | None] = mapped_column(String(64))


class Notice(Base):
    """An SMS or e-mail waiting for the gateway (collection notices, account passwords)."""

    __tablename__ = "notice"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    kind: Mapped[str] = mapped_column(String(40))
    channel: Mapped[str] = mapped_column(String(10))  # sms | email
    recipient: Mapped[str] = mapped_column(String(254))
    subject_id: Mapped[uuid.UUID | None]
    body_zh: Mapped[str] = mapped_column(Text, default="")
    body_en: Mapped[str] = mapped_column(Text, default="")
    queued_at: Mapped[datetime] = mapped_column(default=utc_now)
    sent_at: Mapped[datetime | None]


class NoticeSecret(Base):
    """The one secret a waiting notice carries (a first password), sealed with the service's
    notice key; the notice's body holds only a placeholder. Deleted once the notice is sent."""

    __tablename__ = "notice_secret"

    notice_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("notice.id"), primary_key=True)
    sealed: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utc_now)


class AccountSecret(Base):
    """An enterprise account's password hash; it never leaves the service."""

    __tablename__ = "account_secret"

    account_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("account.id"), primary_key=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    set_at: Mapped[datetime] = mapped_column(default=utc_now)


class LoginAttempt(Base):
    """A failed or successful sign-in, for throttling by account and by address."""

    __tablename__ = "login_attempt"
    __table_args__ = (
        Index("ix_login_attempt_username_at", "username", "at"),
        Index("ix_login_attempt_address_at", "address", "at"),
    )

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    username: Mapped[str] = mapped_column(String(64))
    address: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(default=utc_now)
    ok: Mapped[bool] = mapped_column(Boolean)


class DeskEscrowKey(Base):
    """A desk's escrow key, which unwraps its replica key for an operator who signs in online.
    Stored sealed (AES-GCM under the service's master key, bound to the desk id)."""

    __tablename__ = "desk_escrow_key"

    desk_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    key_id: Mapped[str] = mapped_column(String(32))
    # nonce (12 bytes) + AES-GCM ciphertext of the key, bound to the desk id.
    sealed: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(default=utc_now)


class ServiceSigningKey(Base):
    """The service's Ed25519 keys that sign badges printed online; one current at a time."""

    __tablename__ = "service_signing_key"

    key_id: Mapped[str] = mapped_column(String(80), primary_key=True)
    private_key: Mapped[bytes] = mapped_column(LargeBinary)
    public_key: Mapped[str] = mapped_column(String(80))
    slot: Mapped[int | None] = mapped_column(Integer, unique=True)
    retired: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(default=utc_now)
