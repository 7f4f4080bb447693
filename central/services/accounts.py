"""Users, their sessions, desks and their tokens: creating, finding, checking."""

from __future__ import annotations

import base64
import binascii
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from central.core import security
from central.core.config import Settings
from central.db.tables import AccountSecret, Desk, LoginAttempt, User, UserSession
from desk.models.coltypes import utc_now
from desk.models.commands import ROLES, SERVICE
from desk.models.schema import Account, HostOrg

USER_ROLES = tuple(r for r in ROLES if r != SERVICE)


class AccountError(Exception):
    def __init__(self, status: int, error: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.error = error
        self.message = message


def find_host_org(session: Session, ref: str | None) -> HostOrg | None:
    """A host organisation by id, exact name or English name."""
    if not ref:
        return None
    try:
        row = session.get(HostOrg, uuid.UUID(ref))
        if row is not None:
            return row
    except ValueError:
        pass
    row = session.scalar(
        select(HostOrg).where((HostOrg.name == ref) | (HostOrg.name_en == ref)).limit(1)
    )
    if row is None:
        raise AccountError(404, "host_org_unknown", f"No host organisation {ref!r}")
    return row


def committee_office(session: Session) -> HostOrg | None:
    return session.scalar(
        select(HostOrg)
        .where(HostOrg.is_committee.is_(True), HostOrg.deleted.is_(False))
        .order_by(HostOrg.created_at)
        .limit(1)
    )


def create_user(
    session: Session,
    *,
    username: str,
    role: str,
    password: str,
    display_name: str = "",
    host_org: str | None = None,
) -> User:
    if role not in USER_ROLES:
        raise AccountError(422, "bad_role", f"Role must be one of {', '.join(USER_ROLES)}")
    if not (3 <= len(username) <= 64):
        raise AccountError(422, "bad_username", "A username has 3 to 64 characters")
    if len(password) < 8:
        raise AccountError(422, "weak_password", "A password has at least 8 characters")
    if session.scalar(select(User).where(User.username == username)) is not None:
        raise AccountError(409, "username_taken", "This username is taken")
    org = find_host_org(session, host_org)
    if role == "host_reviewer" and org is None:
        raise AccountError(422, "host_org_required", "A host reviewer needs a host organisation")
    user = User(
        username=username,
        display_name=display_name or username,
        role=role,
        host_org_id=org.id if org is not None else None,
        password_hash=security.hash_password(password),
    )
    session.add(user)
    session.flush()
    return user


def replace_account_password(session: Session, account: Account, password: str) -> None:
    """Store an enterprise account's new password as its argon2 hash in place of the old
    one, which stops working at once (an account registered before hashes were kept gets
    its first)."""
    password_hash = security.hash_password(password)
    stored = session.get(AccountSecret, account.id)
    if stored is None:
        session.add(AccountSecret(account_id=account.id, password_hash=password_hash))
    else:
        stored.password_hash = password_hash
        stored.set_at = utc_now()


def throttled(session: Session, settings: Settings, *, username: str, address: str) -> bool:
    since = utc_now() - timedelta(seconds=settings.login_window_s)
    failures = (
        select(func.count())
        .select_from(LoginAttempt)
        .where(LoginAttempt.at >= since, LoginAttempt.ok.is_(False))
    )
    by_account = session.scalar(failures.where(LoginAttempt.username == username)) or 0
    by_address = session.scalar(failures.where(LoginAttempt.address == address)) or 0
    return (
        by_account >= settings.login_max_failures_account
        or by_address >= settings.login_max_failures_address
    )


def check_password(session: Session, *, username: str, password: str) -> User | None:
    user = session.scalar(select(User).where(User.username == username))
    if user is None:
        security.dummy_verify()
        return None
    if not security.verify_password(user.password_hash, password) or not user.active:
        return None
    return user


def open_session(
    session: Session, settings: Settings, user: User, desk: Desk | None
) -> tuple[str, datetime]:
    token, key_id, digest = security.make_token(security.SESSION_TOKEN_PREFIX)
    expires = utc_now() + timedelta(seconds=settings.session_ttl_s)
    session.add(
        UserSession(
            key_id=key_id,
            token_hash=digest,
            user_id=user.id,
            desk_id=desk.id if desk is not None else None,
            expires_at=expires,
        )
    )
    return token, expires


@dataclass(frozen=True)
class SignedIn:
    user: User
    session: UserSession


def user_for_token(session: Session, token: str) -> SignedIn | None:
    parts = security.split_token(token, security.SESSION_TOKEN_PREFIX)
    if parts is None:
        return None
    key_id, secret = parts
    row = session.get(UserSession, key_id)
    if row is None or not security.digest_matches(row.token_hash, secret):
        return None
    if row.revoked or row.expires_at <= utc_now():
        return None
    user = session.get(User, row.user_id)
    if user is None or not user.active:
        return None
    return SignedIn(user, row)


def desk_for_token(session: Session, token: str, *, lock: bool = False) -> Desk | None:
    """The desk a device token belongs to (revoked ones too: the caller says why it refuses);
    with `lock`, its row is locked until the transaction ends."""
    parts = security.split_token(token, security.DESK_TOKEN_PREFIX)
    if parts is None:
        return None
    key_id, secret = parts
    query = select(Desk).where(Desk.token_key_id == key_id)
    desk = session.scalar(query.with_for_update() if lock else query)
    if desk is None or desk.token_hash is None:
        return None
    return desk if security.digest_matches(desk.token_hash, secret) else None


def new_enrollment(
    session: Session, settings: Settings, *, name: str, host_org: str | None = None
) -> tuple[Desk, str]:
    """A desk waiting to enroll, and its one-time code (shown once, stored hashed)."""
    if not name or len(name) > 80:
        raise AccountError(422, "bad_name", "A desk name has 1 to 80 characters")
    if session.scalar(select(Desk).where(Desk.name == name)) is not None:
        raise AccountError(409, "desk_exists", "A desk with this name exists")
    org = find_host_org(session, host_org) if host_org else committee_office(session)
    code = security.make_enrollment_code()
    desk = Desk(
        name=name,
        host_org_id=org.id if org is not None else None,
        enrollment_code_hash=security.secret_digest(security.normalise_enrollment_code(code)),
        enrollment_expires_at=utc_now() + timedelta(seconds=settings.enrollment_code_ttl_s),
    )
    session.add(desk)
    session.flush()
    return desk, code


def parse_public_key(value: str | None) -> str | None:
    """An Ed25519 public key as raw base64 (32 bytes), normalised, or an error."""
    if value is None:
        return None
    try:
        raw = base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        raise AccountError(422, "bad_public_key", "The public key is not base64") from None
    if len(raw) != 32:
        raise AccountError(422, "bad_public_key", "An Ed25519 public key has 32 bytes")
    return base64.b64encode(raw).decode()


def enroll(session: Session, *, code: str, public_key: str | None) -> tuple[Desk, str]:
    """Exchange a one-time code for a device token; the code cannot be used again."""
    digest = security.secret_digest(security.normalise_enrollment_code(code))
    desk = session.scalar(select(Desk).where(Desk.enrollment_code_hash == digest))
    if desk is None or desk.revoked:
        raise AccountError(401, "bad_enrollment_code", "Unknown or used enrollment code")
    if desk.enrollment_expires_at is not None and desk.enrollment_expires_at <= utc_now():
        raise AccountError(401, "enrollment_code_expired", "This enrollment code has expired")
    key = parse_public_key(public_key)
    token, key_id, token_digest = security.make_token(security.DESK_TOKEN_PREFIX)
    desk.enrollment_code_hash = None
    desk.enrollment_expires_at = None
    desk.token_key_id = key_id
    desk.token_hash = token_digest
    desk.public_key = key
    desk.enrolled_at = utc_now()
    return desk, token


def find_desk(session: Session, ref: str) -> Desk:
    desk = session.scalar(select(Desk).where(Desk.name == ref))
    if desk is None:
        try:
            desk = session.get(Desk, uuid.UUID(ref))
        except ValueError:
            desk = None
    if desk is None:
        raise AccountError(404, "desk_unknown", f"No desk {ref!r}")
    return desk


def revoke_desk(session: Session, ref: str, *, wipe: bool = False) -> Desk:
    desk = find_desk(session, ref)
    desk.revoked = True
    desk.wipe = desk.wipe or wipe
    return desk


def replace_desk(session: Session, old: str, new: str) -> tuple[Desk, Desk]:
    """The old desk is retired; the new one may send the old one's outbox under its ids."""
    old_desk, new_desk = find_desk(session, old), find_desk(session, new)
    if old_desk.id == new_desk.id:
        raise AccountError(422, "same_desk", "A desk cannot replace itself")
    old_desk.replaced_by = new_desk.id
    old_desk.revoked = True
    return old_desk, new_desk


def operator_allowed_at(user: User, desk: Desk) -> bool:
    return (
        user.active
        and user.role == "operator"
        and (user.host_org_id is None or user.host_org_id == desk.host_org_id)
    )
