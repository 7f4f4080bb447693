"""Finding the rows a command names, and refusing clearly when they are not there."""

from __future__ import annotations

import uuid
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk.models.commands.base import SERVICE, CommandRefused, Context, TemporaryFailure
from desk.models.schema import Enterprise, Synced

T = TypeVar("T", bound=Synced)

ENTITY_WORDS = {
    "account": ("账户", "account"),
    "enterprise": ("企业", "enterprise"),
    "person": ("人员", "person"),
    "badge_request": ("制证申请", "badge request"),
    "badge": ("证件", "badge"),
    "host_org": ("承办机构", "host organisation"),
    "host_staff": ("机构人员", "host staff member"),
    "guest": ("嘉宾", "guest"),
    "invitation_code": ("邀请码", "invitation code"),
}


def as_uuid(value: Any, field: str) -> uuid.UUID:
    if isinstance(value, uuid.UUID):
        return value
    try:
        return uuid.UUID(str(value))
    except ValueError:
        raise CommandRefused(
            "bad_id", "编号格式不正确", "The id is not a valid UUID", field=field
        ) from None


def require(session: Session, model: type[T], row_id: Any, field: str) -> T:
    """The row with that id, not deleted, or a `not_found` refusal."""
    row = session.get(model, as_uuid(row_id, field))
    if row is None or row.deleted:
        zh, en = ENTITY_WORDS.get(getattr(model, "__tablename__", ""), ("记录", "record"))
        raise CommandRefused("not_found", f"找不到该{zh}", f"No such {en}", field=field)
    return row


def require_new(session: Session, model: type[T], row_id: Any, field: str) -> uuid.UUID:
    """An id for a new row; refused if a row already has it (ids are made by the caller)."""
    new_id = as_uuid(row_id, field)
    if session.get(model, new_id) is not None:
        raise CommandRefused(
            "duplicate_id", "该编号已被使用", "A record with this id exists already", field=field
        )
    return new_id


def canonical_enterprise(
    session: Session, enterprise_id: Any, field: str = "enterprise_id"
) -> Enterprise:
    """The enterprise a command acts on: the canonical one when the id names a merged alias."""
    enterprise = require(session, Enterprise, enterprise_id, field)
    seen = {enterprise.id}
    while enterprise.canonical_id is not None:
        enterprise = require(session, Enterprise, enterprise.canonical_id, field)
        if enterprise.id in seen:  # a loop would be a data error; stop rather than spin
            break
        seen.add(enterprise.id)
    return enterprise


def require_photo(ctx: Context, sha256: str | None, kind: str, field: str = "photo_sha256") -> str:
    """A photo named by hash that passed the photo rules, or the right refusal."""
    if not sha256:
        raise CommandRefused("photo_missing", "缺少证件照", "A photo is required", field=field)
    sha256 = str(sha256).lower()
    if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
        raise CommandRefused(
            "bad_photo_hash", "照片编号无效", "The photo hash is not valid", field=field
        )
    status = ctx.photos.photo_status(sha256, kind)
    if status == "refused":
        raise CommandRefused(
            "photo_refused",
            "照片未通过检查，请重新拍摄",
            "The photo did not pass the checks: take it again",
            field=field,
        )
    if status == "missing":
        if ctx.side == "service" and ctx.actor.role != SERVICE:
            raise TemporaryFailure("photo_not_uploaded", "The photo has not been uploaded yet")
        raise CommandRefused(
            "photo_missing", "找不到该照片", "The photo is not stored", field=field
        )
    return sha256


def live(model: type[T]) -> Any:
    """A select of the rows of `model` that are not deleted."""
    return select(model).where(model.deleted.is_(False))
