"""What fair IT and the organiser set up: host organisations, codes, windows."""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from desk.models.commands.base import CommandRefused, Context, Outcome
from desk.models.commands.lookup import live, require, require_new
from desk.models.schema import APPROVED, PENDING, HostOrg, InvitationCode, RegistrationWindow

# Invitation codes avoid characters that are easy to misread on paper.
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 10
PARTICIPATION_TYPES = ("exhibitor_online", "exhibitor_onsite", "attendee")


def new_invitation_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def create_host_org(
    session: Session,
    ctx: Context,
    *,
    host_org_id: str,
    name: str,
    name_en: str = "",
    is_committee: bool = False,
) -> Outcome:
    """A host organisation known to the fair; it fills in its own record later."""
    new_id = require_new(session, HostOrg, host_org_id, "host_org_id")
    name = str(name or "").strip()
    if not name:
        raise CommandRefused(
            "required", "请填写机构名称", "Enter the organisation's name", field="name"
        )
    session.add(
        HostOrg(
            id=new_id,
            name=name,
            name_en=str(name_en or "").strip(),
            is_committee=bool(is_committee),
            review_state=APPROVED if is_committee else PENDING,
        )
    )
    return Outcome()


def issue_invitation_codes(
    session: Session, ctx: Context, *, host_org_id: str, codes: list[dict[str, Any]]
) -> Outcome:
    org = require(session, HostOrg, host_org_id, "host_org_id")
    if not isinstance(codes, list) or not 1 <= len(codes) <= 10_000:
        raise CommandRefused(
            "bad_count", "邀请码数量无效", "Between 1 and 10,000 codes", field="codes"
        )
    for item in codes:
        code = str(item.get("code") or "").strip().upper()
        if not (6 <= len(code) <= 16 and code.isalnum() and code.isascii()):
            raise CommandRefused("bad_code", "邀请码格式无效", "Bad invitation code", field="codes")
        if session.scalar(live(InvitationCode).where(InvitationCode.code == code).limit(1)):
            raise CommandRefused(
                "code_exists", "邀请码重复", "This code exists already", field="codes"
            )
        new_id = require_new(session, InvitationCode, item.get("id"), "codes")
        session.add(InvitationCode(id=new_id, code=code, host_org_id=org.id))
    return Outcome(details={"count": len(codes)})


def _aware(value: Any, field: str) -> datetime:
    try:
        parsed = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    except ValueError:
        raise CommandRefused("bad_time", "时间格式无效", "Bad time", field=field) from None
    if parsed.tzinfo is None:
        raise CommandRefused("bad_time", "时间须带时区", "The time needs a time zone", field=field)
    return parsed


def set_registration_window(
    session: Session,
    ctx: Context,
    *,
    participation_type: str,
    opens_at: str,
    closes_at: str,
) -> Outcome:
    """Set the one window of a participation type (replacing an earlier one)."""
    if participation_type not in PARTICIPATION_TYPES:
        raise CommandRefused(
            "not_in_list",
            "参展/参会类型无效",
            "Unknown participation type",
            field="participation_type",
        )
    opens, closes = _aware(opens_at, "opens_at"), _aware(closes_at, "closes_at")
    if closes <= opens:
        raise CommandRefused(
            "bad_window",
            "截止时间须晚于开始时间",
            "The window must close after it opens",
            field="closes_at",
        )
    existing = session.scalar(
        live(RegistrationWindow).where(RegistrationWindow.participation_type == participation_type)
    )
    if existing is None:
        session.add(
            RegistrationWindow(
                participation_type=participation_type, opens_at=opens, closes_at=closes
            )
        )
    else:
        existing.opens_at, existing.closes_at = opens, closes
    return Outcome()
