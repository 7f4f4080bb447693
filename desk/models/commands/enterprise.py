"""Enterprise accounts, registration and participation: applicant changes."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import or_
from sqlalchemy.orm import Session

from desk.models import review
from desk.models.commands.base import CommandRefused, Context, Outcome
from desk.models.commands.lookup import canonical_enterprise, live, require, require_new
from desk.models.rules import (
    check_account,
    check_enterprise,
    check_participation,
    enterprise_name_key,
)
from desk.models.schema import (
    PENDING,
    Account,
    Enterprise,
    HostOrg,
    InvitationCode,
    RegistrationWindow,
)
from desk.models.search_keys import organisation_keys


def create_account(
    session: Session, ctx: Context, *, account_id: str, account: dict[str, Any]
) -> Outcome:
    """An enterprise account with the visitor's recorded consent.

    The password is never stored here: the service generates one (or takes the one typed)
    and sends it by SMS; the desk never holds it.
    """
    values = check_account(account).values_or_raise()
    new_id = require_new(session, Account, account_id, "account_id")
    identifier = values["identifier"]
    taken = session.scalar(live(Account).where(Account.identifier == identifier).limit(1))
    if taken is not None:
        raise CommandRefused(
            "identifier_taken",
            "该企业标识已被使用，请换一个",
            "This enterprise identifier is taken: choose another",
            field="identifier",
        )
    password = values.pop("password", None)
    values.pop("consent_agreed", None)
    row = Account(
        id=new_id,
        consent_at=ctx.now,
        consent_operator_id=ctx.actor.user_id,
        **values,
    )
    session.add(row)
    ctx.events.append({"type": "account_created", "account_id": str(new_id), "password": password})
    return Outcome()


def _find_same_enterprise(
    session: Session, name_key: str, uscc: str | None, exclude: Any
) -> tuple[Enterprise, str] | None:
    """An earlier canonical enterprise with the same normalised name or credit code."""
    conditions = [Enterprise.name_key == name_key]
    if uscc:
        conditions.append(Enterprise.uscc == uscc)
    found = session.scalar(
        live(Enterprise)
        .where(Enterprise.canonical_id.is_(None), Enterprise.id != exclude, or_(*conditions))
        .order_by(Enterprise.created_at)
        .limit(1)
    )
    if found is None:
        return None
    return found, "name" if found.name_key == name_key else "uscc"


def _enterprise_columns(values: dict[str, Any]) -> dict[str, Any]:
    pinyin, initials = organisation_keys(values["name"])
    return {
        **values,
        "name_key": enterprise_name_key(values["name"]),
        "name_pinyin": pinyin,
        "name_initials": initials,
    }


def register_enterprise(
    session: Session,
    ctx: Context,
    *,
    enterprise_id: str,
    account_id: str,
    enterprise: dict[str, Any],
) -> Outcome:
    """Register an enterprise for an account: one account per normalised name.

    When the same enterprise (normalised name or credit code) was registered earlier, this
    one is kept as an alias of the first and the answer is `merged`.
    """
    values = check_enterprise(enterprise).values_or_raise()
    new_id = require_new(session, Enterprise, enterprise_id, "enterprise_id")
    account = require(session, Account, account_id, "account_id")
    if account.enterprise_id is not None:
        raise CommandRefused(
            "account_has_enterprise",
            "该账户已登记企业信息",
            "This account already has an enterprise",
            field="account_id",
        )
    columns = _enterprise_columns(values)
    same = _find_same_enterprise(session, columns["name_key"], values.get("uscc"), new_id)
    row = Enterprise(id=new_id, registered_at_desk_id=ctx.actor.desk_id, **columns)
    account.enterprise_id = new_id
    if same is None:
        session.add(row)
        return Outcome()
    canonical, matched_on = same
    row.canonical_id = canonical.id
    session.add(row)
    return Outcome(
        "merged",
        {"canonical_id": str(canonical.id), "matched_on": matched_on, "name": canonical.name},
    )


def _window_type(values: dict[str, Any]) -> str:
    if values["participation"] == "exhibitor":
        return f"exhibitor_{values['exhibitor_type']}"
    return "attendee"


def _check_window(session: Session, participation_type: str, at: datetime) -> None:
    window = session.scalar(
        live(RegistrationWindow)
        .where(RegistrationWindow.participation_type == participation_type)
        .order_by(RegistrationWindow.opens_at.desc())
        .limit(1)
    )
    if window is None:
        return  # the organiser set no window for this type: always open
    if not (window.opens_at <= at <= window.closes_at):
        opens, closes = window.opens_at.date().isoformat(), window.closes_at.date().isoformat()
        raise CommandRefused(
            "outside_window",
            f"不在报名时间内（{opens} 至 {closes}）",
            f"Registration for this type is open from {opens} to {closes}",
            field="participation",
            details={
                "opens_at": window.opens_at.isoformat(),
                "closes_at": window.closes_at.isoformat(),
            },
        )


def _redeem_code(
    session: Session, ctx: Context, code: str, enterprise: Enterprise
) -> InvitationCode:
    """Mark a single-use code used by this enterprise; the first to commit wins."""
    row = session.scalar(
        live(InvitationCode).where(InvitationCode.code == code).with_for_update().limit(1)
    )
    if row is None:
        raise CommandRefused(
            "code_unknown", "邀请码不存在", "No such invitation code", field="invitation_code"
        )
    if row.used_by_enterprise_id is not None and row.used_by_enterprise_id != enterprise.id:
        user = session.get(Enterprise, row.used_by_enterprise_id)
        when = row.used_at.strftime("%Y-%m-%d %H:%M") if row.used_at else ""
        name = user.name if user is not None else ""
        raise CommandRefused(
            "code_used",
            f"邀请码已被“{name}”使用（{when}）",
            f"This invitation code was used by “{name}” ({when} UTC)",
            field="invitation_code",
            details={
                "used_by_enterprise_id": str(row.used_by_enterprise_id),
                "used_by_name": name,
                "used_at": row.used_at.isoformat() if row.used_at else None,
                "used_at_desk_id": str(row.used_at_desk_id) if row.used_at_desk_id else None,
            },
        )
    row.used_by_enterprise_id = enterprise.id
    row.used_at = ctx.now
    row.used_at_desk_id = ctx.actor.desk_id
    return row


def _reviewing_org(session: Session, ctx: Context, code: InvitationCode | None) -> Any:
    """Who reviews stage one: the code's host organisation, else the desk's own, else the
    committee's on-site office."""
    if code is not None:
        return code.host_org_id
    if ctx.actor.host_org_id is not None:
        return ctx.actor.host_org_id
    committee = session.scalar(
        live(HostOrg).where(HostOrg.is_committee.is_(True)).order_by(HostOrg.created_at).limit(1)
    )
    return committee.id if committee is not None else None


def _apply(session: Session, ctx: Context, row: Enterprise, values: dict[str, Any]) -> None:
    _check_window(session, _window_type(values), ctx.now)
    code_text = values.pop("invitation_code", None)
    code = None
    if code_text:
        current = (
            session.get(InvitationCode, row.invitation_code_id) if row.invitation_code_id else None
        )
        code = current if current is not None and current.code == code_text else None
        if code is None:
            code = _redeem_code(session, ctx, code_text, row)
    for key, value in values.items():
        setattr(row, key, value)
    row.invitation_code_id = code.id if code is not None else None
    row.reviewing_host_org_id = _reviewing_org(session, ctx, code)


def apply_participation(
    session: Session, ctx: Context, *, enterprise_id: str, participation: dict[str, Any]
) -> Outcome:
    """Apply as an exhibitor or attendee: enters stage one of the review."""
    values = check_participation(participation).values_or_raise()
    row = canonical_enterprise(session, enterprise_id)
    if row.review_state is not None:
        raise CommandRefused(
            "already_applied",
            "该企业已提交参展/参会申请",
            "This enterprise has applied already",
            field="participation",
        )
    _apply(session, ctx, row, values)
    row.review_state = PENDING
    row.review_reason = ""
    row.applied_at = ctx.now
    return Outcome()


def update_enterprise(
    session: Session,
    ctx: Context,
    *,
    enterprise_id: str,
    enterprise: dict[str, Any] | None = None,
    participation: dict[str, Any] | None = None,
) -> Outcome:
    """Edit the enterprise's information or application while it is pending or rejected."""
    row = canonical_enterprise(session, enterprise_id)
    if row.review_state is not None:
        review.applicant_change(target="enterprise", state=row.review_state, action="edit")
    if enterprise is not None:
        columns = _enterprise_columns(check_enterprise(enterprise).values_or_raise())
        same = _find_same_enterprise(session, columns["name_key"], columns.get("uscc"), row.id)
        if same is not None:
            raise CommandRefused(
                "name_taken",
                "已有同名或同信用代码的企业",
                "Another enterprise has this name or credit code",
                field="name" if same[1] == "name" else "uscc",
                details={"canonical_id": str(same[0].id)},
            )
        for key, value in columns.items():
            setattr(row, key, value)
    if participation is not None:
        if row.review_state is None:
            raise CommandRefused(
                "not_applied", "该企业尚未提交申请", "This enterprise has not applied yet"
            )
        _apply(session, ctx, row, check_participation(participation).values_or_raise())
    return Outcome()


def resubmit_enterprise(session: Session, ctx: Context, *, enterprise_id: str) -> Outcome:
    """After a rejection: back to pending, for stage one again."""
    row = canonical_enterprise(session, enterprise_id)
    row.review_state = review.applicant_change(
        target="enterprise", state=row.review_state or "", action="resubmit"
    )
    row.rejected_stage = None
    return Outcome()
