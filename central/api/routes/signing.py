"""Badge signatures: the public keys (`GET /keys`), signing a revision a desk prints online
(`POST /badges/sign`), and checking a scanned token (`POST /badges/verify`)."""

from __future__ import annotations

import logging
import uuid
from typing import Any

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, ConfigDict, Field

from central.api.deps import CurrentDesk, StateDep, bearer, desk_from_token, desk_token
from central.api.errors import ApiError
from central.api.schemas import errors
from central.api.state import AppState
from central.core import security
from central.services import accounts
from central.services import signing as signing_service
from central.services.audit import audit
from desk.models.badge_token import MAX_COUNTER, normalize_desk

router = APIRouter(tags=["badges"])
log = logging.getLogger(__name__)


class SignIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    badge_id: uuid.UUID
    revision_desk: str = Field(min_length=1, max_length=63)
    revision_counter: int = Field(ge=1, le=MAX_COUNTER)


class VerifyIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    payload: str = Field(min_length=1, max_length=400)


@router.get("/keys")
async def keys(state: StateDep) -> dict[str, Any]:
    """Public keys only: a gate or a desk verifying badges needs nothing else."""
    return {"keys": await run_in_threadpool(signing_service.public_keys, state.db)}


def _sign(state: AppState, desk_id: uuid.UUID, body: SignIn) -> dict[str, str]:
    # A desk signs only its own revisions: revisions are unique per desk, so a desk asking
    # for another desk's could mint a clash with a badge that desk printed offline.
    if normalize_desk(body.revision_desk) != str(desk_id):
        raise ApiError(403, "not_your_revision", "A desk may only sign its own revisions")
    answer = signing_service.sign_revision(
        state.db,
        badge_id=body.badge_id,
        revision_desk=body.revision_desk,
        revision_counter=body.revision_counter,
    )
    with state.db.write() as session:
        audit(
            session,
            action="badge:sign",
            target=f"badge={body.badge_id} rev={body.revision_counter}",
            desk_id=desk_id,
        )
    return answer


@router.post("/badges/sign", responses=errors(401, 403, 404, 409, 422))
async def sign(body: SignIn, desk: CurrentDesk, state: StateDep) -> dict[str, str]:
    """Sign a revision an enrolled desk prints while online, with the service's key."""
    return await run_in_threadpool(_sign, state, desk.id, body)


def _check_caller(request: Request, state: AppState) -> None:
    token = bearer(request)
    if token and token.startswith(security.SESSION_TOKEN_PREFIX + "_"):
        with state.db.read() as session:
            if accounts.user_for_token(session, token) is None:
                raise ApiError(401, "session_expired", "Sign in again")
        return
    desk_from_token(state, desk_token(request))


@router.post("/badges/verify", responses=errors(401, 403, 422))
async def verify(body: VerifyIn, request: Request, state: StateDep) -> dict[str, Any]:
    """Whether a scanned token is genuine and still its badge's valid revision."""
    await run_in_threadpool(_check_caller, request, state)
    return await run_in_threadpool(signing_service.check_token, state.db, body.payload)
