"""A host organisation's own record, staff and guests (reviewed by the committee alone)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from desk.models import review
from desk.models.commands.base import ADMIN, SERVICE, CommandRefused, Context, Outcome
from desk.models.commands.lookup import require, require_new, require_photo
from desk.models.commands.people import identity_columns
from desk.models.rules import check_guest, check_host_org, check_host_staff
from desk.models.schema import APPROVED, PENDING, REJECTED, Guest, HostOrg, HostStaff


def _own_org(session: Session, ctx: Context, host_org_id: Any) -> HostOrg:
    """The host organisation named, refused unless it is the actor's own (or an admin's)."""
    org = require(session, HostOrg, host_org_id, "host_org_id")
    if ctx.actor.role not in (ADMIN, SERVICE) and ctx.actor.host_org_id != org.id:
        raise CommandRefused(
            "out_of_scope", "只能管理本机构的信息", "You can only manage your own organisation"
        )
    return org


def _approved_org(session: Session, ctx: Context, host_org_id: Any) -> HostOrg:
    org = _own_org(session, ctx, host_org_id)
    if org.review_state != APPROVED and not org.is_committee:
        raise CommandRefused(
            "host_org_not_approved",
            "本机构信息通过组委会审核后才能使用此功能",
            "Your organisation's record must be approved by the committee first",
            field="host_org_id",
        )
    return org


def _edited_state(state: str) -> str:
    """An applicant's edit of a pending or rejected record; a rejected one goes back to review."""
    review.applicant_change(target="host_record", state=state, action="edit")
    return PENDING if state == REJECTED else state


def update_host_org(
    session: Session, ctx: Context, *, host_org_id: str, record: dict[str, Any]
) -> Outcome:
    """The organisation's own record with its licence scan; the committee reviews it."""
    values = check_host_org(record).values_or_raise()
    org = _own_org(session, ctx, host_org_id)
    if not org.is_committee:
        org.review_state = _edited_state(org.review_state)
    require_photo(ctx, values["licence_sha256"], "licence", field="licence_sha256")
    for key, value in values.items():
        setattr(org, key, value)
    return Outcome()


def _add_member(
    session: Session,
    ctx: Context,
    model: type[HostStaff] | type[Guest],
    *,
    new_id: str,
    id_field: str,
    host_org_id: str,
    values: dict[str, Any],
    photo_sha256: str,
) -> Outcome:
    """A host organisation's staff member or guest, with a one-inch photo."""
    org = _approved_org(session, ctx, host_org_id)
    row_id = require_new(session, model, new_id, id_field)
    photo = require_photo(ctx, photo_sha256, "one-inch")
    session.add(
        model(id=row_id, host_org_id=org.id, photo_sha256=photo, **identity_columns(values))
    )
    return Outcome()


def _edit_member(
    session: Session,
    ctx: Context,
    model: type[HostStaff] | type[Guest],
    *,
    row_id: str,
    id_field: str,
    values: dict[str, Any],
    photo_sha256: str | None,
) -> Outcome:
    """An edit of a staff member or guest goes back to the committee when it was rejected."""
    row = require(session, model, row_id, id_field)
    _own_org(session, ctx, row.host_org_id)
    row.review_state = _edited_state(row.review_state)
    if photo_sha256:
        row.photo_sha256 = require_photo(ctx, photo_sha256, "one-inch")
    for key, value in identity_columns(values).items():
        setattr(row, key, value)
    return Outcome()


def add_host_staff(
    session: Session,
    ctx: Context,
    *,
    staff_id: str,
    host_org_id: str,
    staff: dict[str, Any],
    photo_sha256: str,
) -> Outcome:
    values = check_host_staff(staff).values_or_raise()
    return _add_member(
        session,
        ctx,
        HostStaff,
        new_id=staff_id,
        id_field="staff_id",
        host_org_id=host_org_id,
        values=values,
        photo_sha256=photo_sha256,
    )


def edit_host_staff(
    session: Session,
    ctx: Context,
    *,
    staff_id: str,
    staff: dict[str, Any],
    photo_sha256: str | None = None,
) -> Outcome:
    values = check_host_staff(staff).values_or_raise()
    return _edit_member(
        session,
        ctx,
        HostStaff,
        row_id=staff_id,
        id_field="staff_id",
        values=values,
        photo_sha256=photo_sha256,
    )


def add_guest(
    session: Session,
    ctx: Context,
    *,
    guest_id: str,
    host_org_id: str,
    guest: dict[str, Any],
    photo_sha256: str,
) -> Outcome:
    values = check_guest(guest).values_or_raise()
    return _add_member(
        session,
        ctx,
        Guest,
        new_id=guest_id,
        id_field="guest_id",
        host_org_id=host_org_id,
        values=values,
        photo_sha256=photo_sha256,
    )


def edit_guest(
    session: Session,
    ctx: Context,
    *,
    guest_id: str,
    guest: dict[str, Any],
    photo_sha256: str | None = None,
) -> Outcome:
    values = check_guest(guest).values_or_raise()
    return _edit_member(
        session,
        ctx,
        Guest,
        row_id=guest_id,
        id_field="guest_id",
        values=values,
        photo_sha256=photo_sha256,
    )
