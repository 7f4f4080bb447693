"""Review queues in a reviewer's scope, and running a decision for them."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from central.services.pull import serialise_row
from desk.models.commands import COMMITTEE_REVIEWER, HOST_REVIEWER
from desk.models.schema import (
    PENDING,
    UNDER_REVIEW,
    WAITING_ENTERPRISE,
    BadgeRequest,
    Enterprise,
    Guest,
    HostOrg,
    HostStaff,
)

KINDS = ("enterprise", "badge_request", "host_staff", "guest", "host_org")
QUEUE_LIMIT = 500


def _table(model: Any) -> Table:
    return model.__table__


def _committee_orgs(session: Session) -> list[uuid.UUID]:
    return list(session.scalars(select(HostOrg.id).where(HostOrg.is_committee.is_(True))))


def _stage_one_orgs(session: Session, role: str, host_org_id: uuid.UUID | None) -> list[Any]:
    """Whose stage-one reviews this reviewer makes: their organisation's, or for a committee
    reviewer, those of the committee's own office (uninvited walk-ins)."""
    if role == HOST_REVIEWER:
        return [host_org_id] if host_org_id is not None else []
    return _committee_orgs(session)


def queue(
    session: Session, *, role: str, host_org_id: uuid.UUID | None, kind: str, stage: int | None
) -> list[dict[str, Any]]:
    stages: tuple[int, ...] = (1, 2) if stage is None else (stage,)
    if role == HOST_REVIEWER:
        stages = tuple(s for s in stages if s == 1)
    if kind in ("host_staff", "guest", "host_org"):
        if role != COMMITTEE_REVIEWER:
            return []
        model: Any = {"host_staff": HostStaff, "guest": Guest, "host_org": HostOrg}[kind]
        rows = session.execute(
            select(_table(model))
            .where(model.review_state == PENDING, model.deleted.is_(False))
            .order_by(model.updated_at)
            .limit(QUEUE_LIMIT)
        ).all()
        return [{kind: serialise_row(_table(model), r)} for r in rows]
    states: list[str] = []
    orgs = _stage_one_orgs(session, role, host_org_id)
    conditions: list[Any] = []
    if 1 in stages and orgs:
        conditions.append(
            (Enterprise.review_state == PENDING) & Enterprise.reviewing_host_org_id.in_(orgs)
        )
        states.append(PENDING)
    if 2 in stages and role == COMMITTEE_REVIEWER:
        conditions.append(Enterprise.review_state == UNDER_REVIEW)
        states.append(UNDER_REVIEW)
    if not conditions:
        return []
    cond = conditions[0] if len(conditions) == 1 else conditions[0] | conditions[1]
    if kind == "enterprise":
        return _enterprises(session, cond)
    return _badge_requests(session, orgs if 1 in stages else [], stages, role)


def _enterprises(session: Session, condition: Any) -> list[dict[str, Any]]:
    """Enterprises waiting for a decision, each with its waiting badge requests, so a walk-in
    and its people are decided in one sitting."""
    e_table, r_table = _table(Enterprise), _table(BadgeRequest)
    rows = session.execute(
        select(e_table)
        .where(condition, Enterprise.deleted.is_(False), Enterprise.canonical_id.is_(None))
        .order_by(Enterprise.applied_at)
        .limit(QUEUE_LIMIT)
    ).all()
    ids = [r.id for r in rows]
    requests: dict[Any, list[dict[str, Any]]] = {}
    if ids:
        for r in session.execute(
            select(r_table).where(
                BadgeRequest.enterprise_id.in_(ids),
                BadgeRequest.deleted.is_(False),
                BadgeRequest.status.in_((WAITING_ENTERPRISE, PENDING, UNDER_REVIEW)),
            )
        ).all():
            requests.setdefault(r.enterprise_id, []).append(serialise_row(r_table, r))
    return [
        {"enterprise": serialise_row(e_table, r), "badge_requests": requests.get(r.id, [])}
        for r in rows
    ]


def _badge_requests(
    session: Session, stage_one_orgs: list[Any], stages: tuple[int, ...], role: str
) -> list[dict[str, Any]]:
    r_table = _table(BadgeRequest)
    conditions: list[Any] = []
    if 1 in stages and stage_one_orgs:
        conditions.append(
            (BadgeRequest.status == PENDING)
            & BadgeRequest.enterprise_id.in_(
                select(Enterprise.id).where(Enterprise.reviewing_host_org_id.in_(stage_one_orgs))
            )
        )
    if 2 in stages and role == COMMITTEE_REVIEWER:
        conditions.append(BadgeRequest.status == UNDER_REVIEW)
    if not conditions:
        return []
    cond = conditions[0] if len(conditions) == 1 else conditions[0] | conditions[1]
    rows = session.execute(
        select(r_table)
        .where(cond, BadgeRequest.deleted.is_(False))
        .order_by(BadgeRequest.requested_at)
        .limit(QUEUE_LIMIT)
    ).all()
    return [{"badge_request": serialise_row(r_table, r)} for r in rows]
