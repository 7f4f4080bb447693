"""What a host organisation sees of its own part of the fair: the overview counts of the
registration guide (信息总览), its invitation codes and who used them, its staff and guests,
its own record, and its requests to the committee for more codes."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from central.db.tables import AuditLog
from central.services.audit import audit
from desk.models.schema import (
    APPROVED,
    PENDING,
    REJECTED,
    UNDER_REVIEW,
    WAITING_ENTERPRISE,
    BadgeRequest,
    Enterprise,
    Guest,
    HostOrg,
    HostStaff,
    InvitationCode,
)

PARTICIPATIONS = ("exhibitor", "attendee")
ENTERPRISE_STATES = (PENDING, UNDER_REVIEW, APPROVED, REJECTED)
PERSONNEL_STATES = (WAITING_ENTERPRISE, PENDING, UNDER_REVIEW, APPROVED, REJECTED)
CODE_REQUEST_ACTION = "host:codes_requested"
MAX_CODES_ASKED = 500


def _zeros(states: tuple[str, ...]) -> dict[str, int]:
    return dict.fromkeys(states, 0)


def _reviewed_by(org_id: uuid.UUID) -> Any:
    return (
        (Enterprise.reviewing_host_org_id == org_id)
        & Enterprise.canonical_id.is_(None)
        & Enterprise.deleted.is_(False)
    )


def _own_people_counts(session: Session, model: Any, org_id: uuid.UUID) -> dict[str, int]:
    """Added / under review / approved / rejected, as the guide counts staff and guests: a
    record the committee has not decided yet is "under review" from the organisation's side."""
    rows = session.execute(
        select(model.review_state, func.count())
        .where(model.host_org_id == org_id, model.deleted.is_(False))
        .group_by(model.review_state)
    ).all()
    by_state = {state: int(n) for state, n in rows}
    return {
        "added": sum(by_state.values()),
        "under_review": by_state.get(PENDING, 0),
        "approved": by_state.get(APPROVED, 0),
        "rejected": by_state.get(REJECTED, 0),
    }


def overview(session: Session, org_id: uuid.UUID) -> dict[str, Any]:
    """The counts of the guide's overview page for one host organisation.

    Enterprises and personnel are those this organisation reviews at stage one (its codes'
    enterprises); personnel are counted by their badge requests' state.
    """
    enterprises = {p: _zeros(ENTERPRISE_STATES) for p in PARTICIPATIONS}
    for participation, state, n in session.execute(
        select(Enterprise.participation, Enterprise.review_state, func.count())
        .where(_reviewed_by(org_id), Enterprise.participation.in_(PARTICIPATIONS))
        .group_by(Enterprise.participation, Enterprise.review_state)
    ).all():
        if participation in enterprises and state in ENTERPRISE_STATES:
            enterprises[str(participation)][state] = int(n)
    personnel = {p: _zeros(PERSONNEL_STATES) for p in PARTICIPATIONS}
    for participation, status, n in session.execute(
        select(Enterprise.participation, BadgeRequest.status, func.count())
        .join(Enterprise, Enterprise.id == BadgeRequest.enterprise_id)
        .where(
            _reviewed_by(org_id),
            Enterprise.participation.in_(PARTICIPATIONS),
            BadgeRequest.holder_kind == "person",
            BadgeRequest.deleted.is_(False),
        )
        .group_by(Enterprise.participation, BadgeRequest.status)
    ).all():
        if participation in personnel and status in PERSONNEL_STATES:
            personnel[str(participation)][status] = int(n)
    guests = _own_people_counts(session, Guest, org_id)
    guests["vip"] = int(
        session.scalar(
            select(func.count()).where(
                Guest.host_org_id == org_id, Guest.deleted.is_(False), Guest.kind == "vip"
            )
        )
        or 0
    )
    org = session.get(HostOrg, org_id)
    return {
        "host_org": org_summary(org) if org is not None else None,
        "enterprises": enterprises,
        "personnel": personnel,
        "staff": _own_people_counts(session, HostStaff, org_id),
        "guests": guests,
    }


def org_summary(org: HostOrg) -> dict[str, Any]:
    return {
        "id": str(org.id),
        "name": org.name,
        "name_en": org.name_en,
        "is_committee": org.is_committee,
        "review_state": org.review_state,
        "review_reason": org.review_reason,
    }


def org_record(session: Session, org_id: uuid.UUID) -> dict[str, Any] | None:
    org = session.get(HostOrg, org_id)
    if org is None:
        return None
    fields = (
        "field",
        "industry_category",
        "licence_sha256",
        "uscc",
        "address",
        "postcode",
        "phone",
        "website",
    )
    return {**org_summary(org), **{f: getattr(org, f) for f in fields}}


def codes(session: Session, org_id: uuid.UUID) -> list[dict[str, Any]]:
    """The organisation's codes, unused first, each with the enterprise that used it."""
    rows = session.execute(
        select(
            InvitationCode.code,
            InvitationCode.used_at,
            Enterprise.id,
            Enterprise.name,
            Enterprise.review_state,
        )
        .outerjoin(Enterprise, Enterprise.id == InvitationCode.used_by_enterprise_id)
        .where(InvitationCode.host_org_id == org_id, InvitationCode.deleted.is_(False))
        .order_by(InvitationCode.used_by_enterprise_id.is_not(None), InvitationCode.code)
    ).all()
    return [
        {
            "code": code,
            "used": enterprise_id is not None,
            "used_at": used_at.isoformat() if used_at else None,
            "enterprise_id": str(enterprise_id) if enterprise_id else None,
            "enterprise_name": name,
            "enterprise_state": state,
        }
        for code, used_at, enterprise_id, name, state in rows
    ]


def people(session: Session, org_id: uuid.UUID) -> dict[str, list[dict[str, Any]]]:
    """The organisation's own staff and guests with their review state (for its own users)."""
    common = (
        "name",
        "gender",
        "doc_type",
        "mobile",
        "email",
        "photo_sha256",
        "review_state",
        "review_reason",
    )
    staff = session.scalars(
        select(HostStaff)
        .where(HostStaff.host_org_id == org_id, HostStaff.deleted.is_(False))
        .order_by(HostStaff.created_at)
    )
    guests = session.scalars(
        select(Guest)
        .where(Guest.host_org_id == org_id, Guest.deleted.is_(False))
        .order_by(Guest.created_at)
    )
    return {
        "staff": [
            {"id": str(s.id), "position": s.position, **{f: getattr(s, f) for f in common}}
            for s in staff
        ],
        "guests": [
            {
                "id": str(g.id),
                "kind": g.kind,
                "organisation": g.organisation,
                "position": g.position,
                **{f: getattr(g, f) for f in common},
            }
            for g in guests
        ],
    }


def request_codes(
    session: Session, *, org_id: uuid.UUID, count: int, user_id: uuid.UUID, role: str
) -> None:
    """Ask the committee for more codes. Kept in the audit log, which the committee's
    code-request list reads: ids and a number only."""
    audit(
        session,
        action=CODE_REQUEST_ACTION,
        target=f"host_org={org_id} count={count}",
        user_id=user_id,
        role=role,
    )


def code_requests(session: Session, org_id: uuid.UUID | None = None) -> list[dict[str, Any]]:
    query = select(AuditLog).where(AuditLog.action == CODE_REQUEST_ACTION)
    if org_id is not None:
        query = query.where(AuditLog.target.startswith(f"host_org={org_id} "))
    out = []
    for row in session.scalars(query.order_by(AuditLog.id.desc()).limit(500)):
        parts = dict(p.split("=", 1) for p in row.target.split() if "=" in p)
        out.append(
            {
                "at": row.at.isoformat(),
                "host_org_id": parts.get("host_org"),
                "count": int(parts.get("count", "0") or 0),
            }
        )
    return out
