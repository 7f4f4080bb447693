"""Review decisions: reviewers only, online, in scope. Never queued by a desk."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from desk.models import review
from desk.models.commands.base import CommandRefused, Context, Outcome
from desk.models.commands.lookup import canonical_enterprise, live, require
from desk.models.schema import (
    APPROVED,
    PENDING,
    WAITING_ENTERPRISE,
    BadgeRequest,
    Enterprise,
    Guest,
    HostOrg,
    HostStaff,
    Synced,
)

TARGET_TABLES: dict[str, type[Synced]] = {
    "enterprise": Enterprise,
    "badge_request": BadgeRequest,
    "host_staff": HostStaff,
    "guest": Guest,
    "host_org": HostOrg,
}
MAX_REASON = 500


def _stage_one_org(session: Session, target: str, row: Any) -> tuple[Any, bool]:
    """The host organisation reviewing stage one, and whether it is the committee's office."""
    if target == "enterprise":
        org_id = row.reviewing_host_org_id
    elif target == "badge_request" and row.enterprise_id is not None:
        org_id = canonical_enterprise(session, row.enterprise_id).reviewing_host_org_id
    elif target == "host_org":
        org_id = row.id
    else:
        org_id = row.host_org_id
    org = session.get(HostOrg, org_id) if org_id is not None else None
    return org_id, bool(org is not None and org.is_committee)


def _state_field(target: str) -> str:
    return "status" if target == "badge_request" else "review_state"


def delegate_request(kind: str, holder: Any, status: str, now: datetime) -> BadgeRequest:
    """The delegate badge request host staff and guests receive once the committee approves
    them."""
    return BadgeRequest(
        id=uuid.uuid4(),
        holder_kind=kind,
        holder_id=holder.id,
        host_org_id=holder.host_org_id,
        batch_id=uuid.uuid4(),
        badge_type="delegate",
        status=status,
        snapshot={
            "name": holder.name,
            "doc_type": holder.doc_type,
            "photo_sha256": holder.photo_sha256,
        },
        requested_at=now,
    )


def _on_approved(session: Session, ctx: Context, target: str, row: Any) -> None:
    if target == "enterprise":
        # Requests prepared while the enterprise was pending now enter review by themselves.
        waiting = session.scalars(
            live(BadgeRequest).where(
                BadgeRequest.enterprise_id == row.id, BadgeRequest.status == WAITING_ENTERPRISE
            )
        )
        for request in waiting:
            request.status = PENDING
    elif target == "badge_request":
        ctx.events.append({"type": "badge_approved", "request_id": str(row.id)})
    elif target in ("host_staff", "guest"):
        session.add(delegate_request(target, row, APPROVED, ctx.now))
        ctx.events.append(
            {"type": "badge_approved", "holder_kind": target, "holder_id": str(row.id)}
        )


def review_decide(
    session: Session,
    ctx: Context,
    *,
    target: str,
    id: str,
    decision: str,
    reason: str = "",
) -> Outcome:
    """Approve, or reject with a reason, one application at its current stage."""
    table = TARGET_TABLES.get(target)
    if table is None:
        raise CommandRefused(
            "unknown_target", "未知的审核对象", "Unknown review target", field="target"
        )
    reason = str(reason or "").strip()
    if decision == "reject" and not reason:
        raise CommandRefused(
            "reason_required", "驳回须填写原因", "A rejection needs a reason", field="reason"
        )
    if len(reason) > MAX_REASON:
        raise CommandRefused(
            "reason_too_long",
            f"原因最多 {MAX_REASON} 字",
            f"At most {MAX_REASON} characters",
            field="reason",
        )
    row: Any = require(session, table, id, "id")
    if target == "enterprise":
        row = canonical_enterprise(session, row.id)
    state_field = _state_field(target)
    org_id, org_is_committee = _stage_one_org(session, target, row)
    verdict = review.decide(
        target=target,
        state=getattr(row, state_field) or "",
        decision=decision,
        reviewer=review.Reviewer(ctx.actor.role, ctx.actor.host_org_id),
        reviewing_host_org_id=org_id,
        reviewing_org_is_committee=org_is_committee,
    )
    setattr(row, state_field, verdict.state)
    row.review_reason = reason if decision == "reject" else ""
    if hasattr(row, "rejected_stage"):
        row.rejected_stage = verdict.rejected_stage
    if verdict.state == APPROVED:
        _on_approved(session, ctx, target, row)
    return Outcome(details={"state": verdict.state})
