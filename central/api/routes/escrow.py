"""Desk escrow keys: handed to a desk at enrollment, and to a person signing in at a locked
desk that has no other way to open its data (no device token at hand: it is inside)."""

from __future__ import annotations

import base64
import logging
import uuid
from typing import Any

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.orm import Session

from central.api.deps import StateDep, client_address
from central.api.errors import ApiError
from central.api.routes.auth import enroll_desk, user_out
from central.api.schemas import EnrollIn, EnrollOut, LoginOut, errors
from central.api.state import AppState
from central.db.tables import Desk, LoginAttempt
from central.services import accounts, escrow
from central.services.audit import audit

router = APIRouter(prefix="/escrow", tags=["escrow"])

log = logging.getLogger(__name__)


class EscrowEnrollOut(EnrollOut):
    escrow_key: str
    escrow_key_id: str


class UnlockIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    desk_id: str = Field(min_length=1, max_length=40)
    username: str = Field(min_length=1, max_length=64)
    password: str = Field(min_length=1, max_length=200)


class UnlockOut(LoginOut):
    escrow_key: str
    escrow_key_id: str


def _too_many(state: AppState) -> ApiError:
    return ApiError(
        429,
        "too_many_attempts",
        "Too many failed attempts: wait a few minutes",
        headers={"Retry-After": str(state.settings.login_window_s)},
    )


def _enroll(state: AppState, body: EnrollIn, address: str) -> EscrowEnrollOut:
    def escrow_key(session: Session, desk: Desk) -> dict[str, Any]:
        key_id, key = escrow.issue(session, state.settings, desk)
        return {"escrow_key": base64.b64encode(key).decode(), "escrow_key_id": key_id}

    out = EscrowEnrollOut(**enroll_desk(state, body, address, escrow_key))
    log.info("desk %s enrolled with an escrow key", out.desk_name)
    return out


@router.post("/enroll", response_model=EscrowEnrollOut, responses=errors(401, 422, 429))
async def enroll(body: EnrollIn, request: Request, state: StateDep) -> EscrowEnrollOut:
    """Exchange a one-time enrollment code for the device token and the desk's escrow key."""
    return await run_in_threadpool(_enroll, state, body, client_address(request))


def _unlock(state: AppState, body: UnlockIn, address: str) -> UnlockOut:
    with state.db.write() as session:
        if accounts.throttled(session, state.settings, username=body.username, address=address):
            audit(
                session,
                action="escrow:unlock",
                target=body.username,
                outcome="throttled",
                address=address,
            )
            raise _too_many(state)
    try:
        desk_id = uuid.UUID(body.desk_id)
    except ValueError:
        raise ApiError(403, "desk_unknown", "No such desk") from None
    refusal: ApiError | None = None
    answer: UnlockOut | None = None
    with state.db.write() as session:
        user = accounts.check_password(session, username=body.username, password=body.password)
        desk = session.get(Desk, desk_id)
        if user is None:
            refusal = ApiError(401, "bad_credentials", "Wrong username or password")
        elif desk is None or desk.enrolled_at is None:
            refusal = ApiError(403, "desk_unknown", "No such desk")
        elif desk.revoked:
            refusal = ApiError(403, "desk_revoked", "This desk is revoked", wipe=desk.wipe)
        elif not escrow.may_sign_in_at(user, desk):
            refusal = ApiError(403, "not_allowed_at_desk", escrow.refusal_text(user))
        session.add(LoginAttempt(username=body.username, address=address, ok=user is not None))
        audit(
            session,
            action="escrow:unlock",
            target=body.username,
            outcome="ok" if refusal is None else refusal.body["error"],
            user_id=user.id if user else None,
            role=user.role if user else None,
            desk_id=desk.id if desk else None,
            address=address,
        )
        if refusal is None and user is not None and desk is not None:
            try:
                key_id, key = escrow.reveal(session, state.settings, desk)
            except escrow.EscrowError as error:
                refusal = ApiError(error.status, error.error, error.message)
            else:
                session_token, expires = accounts.open_session(session, state.settings, user, desk)
                answer = UnlockOut(
                    token=session_token,
                    expires_at=expires,
                    user=user_out(user),
                    desk_id=str(desk.id),
                    escrow_key=base64.b64encode(key).decode(),
                    escrow_key_id=key_id,
                )
    if answer is None:
        assert refusal is not None
        raise refusal
    return answer


@router.post("/unlock", response_model=UnlockOut, responses=errors(401, 403, 409, 422, 429))
async def unlock(body: UnlockIn, request: Request, state: StateDep) -> UnlockOut:
    """Sign in at a locked desk: the login answer, with the desk's escrow key."""
    return await run_in_threadpool(_unlock, state, body, client_address(request))
