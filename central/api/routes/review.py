"""Review queues and decisions: reviewers only, online, with their own session."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query
from fastapi.concurrency import run_in_threadpool

from central.api.deps import StateDep, require_roles
from central.api.errors import ApiError
from central.api.schemas import DecideIn, errors
from central.api.state import AppState
from central.services import accounts
from central.services import review as review_service
from central.services.audit import audit
from central.services.commands import execute
from desk.models.coltypes import utc_now
from desk.models.commands import COMMITTEE_REVIEWER, HOST_REVIEWER, Actor, CommandRefused

router = APIRouter(prefix="/review", tags=["review"])

Reviewer = Annotated[accounts.SignedIn, Depends(require_roles(HOST_REVIEWER, COMMITTEE_REVIEWER))]

# Refusals that are about who asks, not about the application.
FORBIDDEN_CODES = {"out_of_scope", "not_a_reviewer", "not_allowed"}


@router.get("/queue", responses=errors(401, 403, 422))
async def review_queue(
    reviewer: Reviewer,
    state: StateDep,
    kind: str = Query("enterprise"),
    stage: int | None = Query(None, ge=1, le=2),
) -> dict[str, Any]:
    if kind not in review_service.KINDS:
        raise ApiError(422, "bad_kind", f"kind is one of {', '.join(review_service.KINDS)}")

    def _read() -> list[dict[str, Any]]:
        with state.db.read() as session:
            return review_service.queue(
                session,
                role=reviewer.user.role,
                host_org_id=reviewer.user.host_org_id,
                kind=kind,
                stage=stage,
            )

    items = await run_in_threadpool(_read)
    return {"kind": kind, "stage": stage, "items": items}


def _decide(state: AppState, reviewer: accounts.SignedIn, body: DecideIn) -> dict[str, Any]:
    user = reviewer.user
    actor = Actor(
        role=user.role,
        user_id=user.id,
        desk_id=reviewer.session.desk_id,
        host_org_id=user.host_org_id,
    )
    args = {"target": body.target, "id": body.id, "decision": body.decision, "reason": body.reason}
    refused: CommandRefused | None = None
    with state.db.write() as session:
        try:
            with session.begin_nested():
                outcome = execute(
                    session,
                    actor=actor,
                    name="review_decide",
                    args=args,
                    now=utc_now(),
                    gateway=state.gateway,
                )
        except CommandRefused as error:
            refused = error
        audit(
            session,
            action=f"review:{body.decision}",
            target=f"{body.target}={body.id}",
            user_id=user.id,
            role=user.role,
            desk_id=reviewer.session.desk_id,
            outcome="refused" if refused else "ok",
        )
    if refused is not None:
        raise ApiError(
            403 if refused.code in FORBIDDEN_CODES else 409,
            refused.code,
            refused.message_en,
            message_zh=refused.message_zh,
            field=refused.field,
            details=refused.details,
        )
    return {"status": outcome.status, "details": outcome.details}


@router.post("/decide", responses=errors(401, 403, 409, 422))
async def decide(body: DecideIn, reviewer: Reviewer, state: StateDep) -> dict[str, Any]:
    """Approve, or reject with a reason, one application in the reviewer's scope."""
    return await run_in_threadpool(_decide, state, reviewer, body)
