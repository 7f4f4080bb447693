"""Running domain commands on the service: the photo lookup, the context, the after-effects.

The commands themselves live in `desk.models.commands` and are the same the desks run; the
service adds what only it has: photos checked on upload, account passwords, notices.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from central.core.security import hash_password, make_account_password
from central.db.tables import AccountSecret, Blob
from central.services.accounts import replace_account_password
from central.services.audit import audit
from central.services.gateway import NoticeDraft, NoticeGateway, TableGateway, contact_channel
from central.services.notices import PLACEHOLDER
from desk.models.commands import Actor, Context, Outcome, run_command
from desk.models.commands.base import PhotoStatus
from desk.models.schema import Account, BadgeRequest, Guest, HostStaff, Person, PersonFields

COLLECTION_PLACE_ZH = "会场证件领取处"
COLLECTION_PLACE_EN = "the badge collection desks of the venue"


class BlobPhotoLookup:
    """A photo's verdict from the blobs table: what the service's own checks said on upload."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def photo_status(self, sha256: str, kind: str) -> PhotoStatus:
        blob = self._session.get(Blob, sha256.lower())
        if blob is None:
            return "missing"
        # A photo passed the rules of the kind it was uploaded as, and only those: a badge
        # photo is no one-inch photo, and a licence scan is neither.
        return "accepted" if blob.ok and blob.kind == kind else "refused"


def execute(
    session: Session,
    *,
    actor: Actor,
    name: str,
    args: Mapping[str, Any],
    now: datetime,
    gateway: NoticeGateway | None = None,
    optimistic: bool = False,
) -> Outcome:
    """Run one command and its after-effects in the caller's transaction (or savepoint)."""
    ctx = Context(
        actor=actor,
        now=now,
        side="service",
        photos=BlobPhotoLookup(session),
        optimistic=optimistic,
    )
    outcome = run_command(session, ctx, name, args)
    deliver_events(session, ctx.events, gateway or TableGateway())
    return outcome


def deliver_events(session: Session, events: list[dict[str, Any]], gateway: NoticeGateway) -> None:
    for event in events:
        kind = event.get("type")
        if kind == "account_created":
            _account_created(session, event, gateway)
        elif kind == "badge_approved":
            _badge_approved(session, event, gateway)
        elif kind == "password_reset":
            _password_reset(session, event, gateway)


def _account_created(session: Session, event: dict[str, Any], gateway: NoticeGateway) -> None:
    """Store the account's password hash and send the password to the registration contact."""
    account = session.get(Account, uuid.UUID(str(event["account_id"])))
    if account is None:
        return
    password = event.get("password") or make_account_password()
    session.add(AccountSecret(account_id=account.id, password_hash=hash_password(password)))
    session.flush()
    target = contact_channel(account.contact_mobile, account.contact_email)
    if target is None:
        return
    channel, recipient = target
    gateway.queue(
        session,
        NoticeDraft(
            kind="account_password",
            channel=channel,
            recipient=recipient,
            subject_id=account.id,
            body_zh=f"您的企业标识 {account.identifier}，用户名 {account.admin_username}，"
            f"初始密码 {PLACEHOLDER}。请登录后修改。",
            body_en=f"Your enterprise identifier is {account.identifier}, username "
            f"{account.admin_username}, first password {PLACEHOLDER}. Change it after signing in.",
            secret=password,
        ),
    )


def _password_reset(session: Session, event: dict[str, Any], gateway: NoticeGateway) -> None:
    """A new password for the account: its hash replaces the old one, the password itself
    goes sealed into an SMS to the account's contact mobile, and the audit log names who
    asked and whom the visitor was checked against (ids only)."""
    account = session.get(Account, uuid.UUID(str(event["account_id"])))
    if account is None or not account.contact_mobile:
        return  # the command refuses both, on the service's own rows, before this runs
    password = make_account_password()
    replace_account_password(session, account, password)
    gateway.queue(
        session,
        NoticeDraft(
            kind="password_reset",
            channel="sms",
            recipient=account.contact_mobile,
            subject_id=account.id,
            body_zh=f"企业标识 {account.identifier} 的用户 {account.admin_username} 已在现场登记台"
            f"重置密码，新密码 {PLACEHOLDER}。请登录后修改。",
            body_en=f"The password of user {account.admin_username} of enterprise "
            f"{account.identifier} was reset at an on-site desk; the new password is "
            f"{PLACEHOLDER}. Change it after signing in.",
            secret=password,
        ),
    )
    audit(
        session,
        action="account_password_reset",
        target=f"account_id={account.id} {event.get('verified_as')}={event.get('verified_id')}",
        user_id=_uuid_or_none(event.get("requested_by")),
        role=event.get("role"),
        desk_id=_uuid_or_none(event.get("desk_id")),
    )


def _uuid_or_none(value: Any) -> uuid.UUID | None:
    return uuid.UUID(str(value)) if value else None


def _holder(session: Session, kind: str, holder_id: Any) -> PersonFields | None:
    model: type[Any] = {"person": Person, "host_staff": HostStaff, "guest": Guest}.get(kind, Person)
    return session.get(model, uuid.UUID(str(holder_id)))


def _badge_approved(session: Session, event: dict[str, Any], gateway: NoticeGateway) -> None:
    """Tell the holder their badge can be collected, and where."""
    if "request_id" in event:
        request = session.get(BadgeRequest, uuid.UUID(str(event["request_id"])))
        if request is None:
            return
        holder = _holder(session, request.holder_kind, request.holder_id)
        subject = request.id
    else:
        holder = _holder(session, str(event.get("holder_kind")), event.get("holder_id"))
        subject = uuid.UUID(str(event["holder_id"]))
    if holder is None:
        return
    target = contact_channel(holder.mobile, holder.email)
    if target is None:
        return
    channel, recipient = target
    gateway.queue(
        session,
        NoticeDraft(
            kind="badge_collectable",
            channel=channel,
            recipient=recipient,
            subject_id=subject,
            body_zh=f"{holder.name}，您的证件已审核通过，请持本人证件到{COLLECTION_PLACE_ZH}领取。",
            body_en=f"{holder.name}, your badge is approved: collect it at {COLLECTION_PLACE_EN}"
            " with your identity document.",
        ),
    )
