"""Enrolling desks and signing people in."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from sqlalchemy.orm import Session

from central.api.deps import CurrentUser, StateDep, client_address, desk_from_token, desk_token
from central.api.errors import ApiError
from central.api.schemas import EnrollIn, EnrollOut, LoginIn, LoginOut, UserOut, errors
from central.api.state import AppState
from central.core import security
from central.db.tables import Desk, LoginAttempt, User, UserSession
from central.services import accounts, escrow
from central.services.audit import audit

router = APIRouter(prefix="/auth", tags=["auth"])
log = logging.getLogger(__name__)


def user_out(user: User) -> UserOut:
    return UserOut(
        id=str(user.id),
        username=user.username,
        display_name=user.display_name,
        role=user.role,
        host_org_id=str(user.host_org_id) if user.host_org_id else None,
    )


def enroll_key(code: str) -> str:
    """The throttle's name for one enrollment code: a digest, as codes are secrets."""
    normal = security.normalise_enrollment_code(code)
    digest = hashlib.sha256(normal.encode()).hexdigest()[:24]
    return f"enroll:{digest}"


def check_enroll_throttle(state: AppState, code: str, address: str) -> None:
    """Refuse when this code, or this address, failed too often lately. Keyed per address and
    per code (never one key for all): one address guessing codes blocks itself, not every
    desk being enrolled elsewhere."""
    with state.db.write() as session:
        if accounts.throttled(session, state.settings, username=enroll_key(code), address=address):
            raise ApiError(
                429,
                "too_many_attempts",
                "Too many attempts: wait a few minutes",
                headers={"Retry-After": str(state.settings.login_window_s)},
            )


def note_enroll_failure(state: AppState, code: str, address: str) -> None:
    with state.db.write() as session:
        session.add(LoginAttempt(username=enroll_key(code), address=address, ok=False))


def enroll_desk(
    state: AppState,
    body: EnrollIn,
    address: str,
    more: Callable[[Session, Desk], dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """Exchange the code for a device token, throttled per address and per code, audited;
    the fields of the answer, with what `more` adds in the same transaction."""
    check_enroll_throttle(state, body.code, address)
    try:
        with state.db.write() as session:
            desk, token = accounts.enroll(session, code=body.code, public_key=body.public_key)
            extra = more(session, desk) if more else {}
            audit(session, action="desk:enroll", target=desk.name, desk_id=desk.id, address=address)
            return {
                "desk_id": str(desk.id),
                "desk_name": desk.name,
                "token": token,
                "host_org_id": str(desk.host_org_id) if desk.host_org_id else None,
                "protocol_min": state.settings.protocol_min,
                "protocol_max": state.settings.protocol_max,
                **extra,
            }
    except accounts.AccountError:
        note_enroll_failure(state, body.code, address)
        raise


def _enroll(state: AppState, body: EnrollIn, address: str) -> EnrollOut:
    out = EnrollOut(**enroll_desk(state, body, address))
    log.info("desk %s enrolled", out.desk_name)
    return out


@router.post("/enroll", response_model=EnrollOut, responses=errors(401, 422, 429))
async def enroll(body: EnrollIn, request: Request, state: StateDep) -> EnrollOut:
    """Exchange a one-time enrollment code for the desk's device token."""
    return await run_in_threadpool(_enroll, state, body, client_address(request))


def _login(state: AppState, body: LoginIn, token: str | None, address: str) -> LoginOut:
    with state.db.write() as session:
        if accounts.throttled(session, state.settings, username=body.username, address=address):
            audit(
                session,
                action="auth:login",
                target=body.username,
                outcome="throttled",
                address=address,
            )
            raise ApiError(
                429,
                "too_many_attempts",
                "Too many failed sign-ins: wait a few minutes",
                headers={"Retry-After": str(state.settings.login_window_s)},
            )
    desk = desk_from_token(state, token) if token else None
    with state.db.write() as session:
        user = accounts.check_password(session, username=body.username, password=body.password)
        ok = user is not None
        if user is not None and user.role == "operator" and desk is None:
            # An operator signs in at an enrolled desk, and only at one they are allowed at.
            raise ApiError(403, "desk_required", "Operators sign in at an enrolled desk")
        if user is not None and desk is not None and not escrow.may_sign_in_at(user, desk):
            # Signing in at a desk gives a key slot to its data: the escrow route's rule.
            raise ApiError(403, "not_allowed_at_desk", escrow.refusal_text(user))
        session.add(LoginAttempt(username=body.username, address=address, ok=ok))
        audit(
            session,
            action="auth:login",
            target=body.username,
            outcome="ok" if ok else "failed",
            user_id=user.id if user else None,
            role=user.role if user else None,
            desk_id=desk.id if desk else None,
            address=address,
        )
        answer = None
        if user is not None:
            session_token, expires = accounts.open_session(session, state.settings, user, desk)
            answer = LoginOut(
                token=session_token,
                expires_at=expires,
                user=user_out(user),
                desk_id=str(desk.id) if desk else None,
            )
    if answer is None:
        raise ApiError(401, "bad_credentials", "Wrong username or password")
    return answer


@router.post("/login", response_model=LoginOut, responses=errors(401, 403, 422, 429))
async def login(body: LoginIn, request: Request, state: StateDep) -> LoginOut:
    """Sign in; operators send their desk's token too, and get what offline sign-in needs."""
    token = desk_token(request, body.desk_token)
    return await run_in_threadpool(_login, state, body, token, client_address(request))


def _logout(state: AppState, key_id: str) -> None:
    with state.db.write() as session:
        row = session.get(UserSession, key_id)
        if row is not None:
            row.revoked = True
            audit(session, action="auth:logout", user_id=row.user_id, desk_id=row.desk_id)


@router.post("/logout", responses=errors(401))
async def logout(signed_in: CurrentUser, state: StateDep) -> dict[str, Any]:
    await run_in_threadpool(_logout, state, signed_in.session.key_id)
    return {"ok": True}


@router.get("/me", response_model=UserOut, responses=errors(401))
async def me(signed_in: CurrentUser) -> UserOut:
    return user_out(signed_in.user)
