"""Fair IT's endpoints (desks, users, audit) and commands run with a user's own session."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query
from fastapi.concurrency import run_in_threadpool
from sqlalchemy import select

from central.api.deps import CurrentUser, StateDep
from central.api.errors import ApiError
from central.api.routes.auth import user_out
from central.api.schemas import (
    CommandIn,
    DeskCreate,
    DeskReplace,
    DeskRevoke,
    UserCreate,
    errors,
)
from central.api.state import AppState
from central.db.tables import AuditLog
from central.services import accounts, operations
from central.services.audit import audit, command_target
from central.services.commands import execute
from desk.models.coltypes import utc_now
from desk.models.commands import ADMIN, COMMANDS, Actor, CommandRefused, TemporaryFailure

router = APIRouter(tags=["admin"])


def _admin(signed_in: CurrentUser) -> accounts.SignedIn:
    if signed_in.user.role != ADMIN:
        raise ApiError(403, "forbidden", "Administrators only")
    return signed_in


Admin = Annotated[accounts.SignedIn, Depends(_admin)]


@router.get("/admin/desks", responses=errors(401, 403))
async def list_desks(_admin_user: Admin, state: StateDep) -> dict[str, Any]:
    def _read() -> list[dict[str, Any]]:
        with state.db.read() as session:
            return operations.desk_rows(session)

    return {"desks": await run_in_threadpool(_read)}


@router.post("/admin/desks", status_code=201, responses=errors(401, 403, 404, 409, 422))
async def create_desk(body: DeskCreate, admin: Admin, state: StateDep) -> dict[str, Any]:
    def _create() -> dict[str, Any]:
        with state.db.write() as session:
            desk, code = accounts.new_enrollment(
                session, state.settings, name=body.name, host_org=body.host_org
            )
            audit(
                session, action="desk:create", target=desk.name, user_id=admin.user.id, role=ADMIN
            )
            return {
                "id": str(desk.id),
                "name": desk.name,
                "enrollment_code": code,
                "host_org_id": str(desk.host_org_id) if desk.host_org_id else None,
            }

    return await run_in_threadpool(_create)


@router.post("/admin/desks/{ref}/revoke", responses=errors(401, 403, 404, 422))
async def revoke_desk(ref: str, body: DeskRevoke, admin: Admin, state: StateDep) -> dict[str, Any]:
    def _revoke() -> dict[str, Any]:
        with state.db.write() as session:
            desk = accounts.revoke_desk(session, ref, wipe=body.wipe)
            audit(
                session, action="desk:revoke", target=desk.name, user_id=admin.user.id, role=ADMIN
            )
            return {"name": desk.name, "revoked": True, "wipe": desk.wipe}

    return await run_in_threadpool(_revoke)


@router.post("/admin/desks/{ref}/replace", responses=errors(401, 403, 404, 409, 422))
async def replace_desk(
    ref: str, body: DeskReplace, admin: Admin, state: StateDep
) -> dict[str, Any]:
    def _replace() -> dict[str, Any]:
        with state.db.write() as session:
            old, new = accounts.replace_desk(session, ref, body.new)
            audit(
                session,
                action="desk:replace",
                target=f"{old.name}->{new.name}",
                user_id=admin.user.id,
                role=ADMIN,
            )
            return {"old": old.name, "new": new.name}

    return await run_in_threadpool(_replace)


@router.post("/admin/users", status_code=201, responses=errors(401, 403, 404, 409, 422))
async def create_user(body: UserCreate, admin: Admin, state: StateDep) -> dict[str, Any]:
    def _create() -> dict[str, Any]:
        with state.db.write() as session:
            user = accounts.create_user(
                session,
                username=body.username,
                role=body.role,
                password=body.password,
                display_name=body.display_name,
                host_org=body.host_org,
            )
            audit(
                session,
                action="user:create",
                target=user.username,
                user_id=admin.user.id,
                role=ADMIN,
            )
            return user_out(user).model_dump()

    return await run_in_threadpool(_create)


@router.get("/admin/audit", responses=errors(401, 403, 422))
async def audit_log(
    _admin_user: Admin, state: StateDep, limit: int = Query(200, ge=1, le=5000)
) -> dict[str, Any]:
    def _read() -> list[dict[str, Any]]:
        with state.db.read() as session:
            rows = session.scalars(select(AuditLog).order_by(AuditLog.id.desc()).limit(limit))
            return [
                {
                    "at": r.at.isoformat(),
                    "user_id": str(r.user_id) if r.user_id else None,
                    "role": r.role,
                    "desk_id": str(r.desk_id) if r.desk_id else None,
                    "action": r.action,
                    "target": r.target,
                    "outcome": r.outcome,
                }
                for r in rows
            ]

    return {"entries": await run_in_threadpool(_read)}


def _run(state: AppState, signed_in: accounts.SignedIn, body: CommandIn) -> dict[str, Any]:
    spec = COMMANDS.get(body.name)
    if spec is None:
        raise ApiError(404, "unknown_command", f"Unknown command {body.name!r}")
    if spec.kind == "decision":
        raise ApiError(409, "use_review_endpoint", "Review decisions go through /review/decide")
    user = signed_in.user
    actor = Actor(
        role=user.role,
        user_id=user.id,
        desk_id=signed_in.session.desk_id,
        host_org_id=user.host_org_id,
    )
    refused: CommandRefused | None = None
    with state.db.write() as session:
        try:
            with session.begin_nested():
                outcome = execute(
                    session,
                    actor=actor,
                    name=body.name,
                    args=body.args,
                    now=utc_now(),
                    gateway=state.gateway,
                )
        except CommandRefused as error:
            refused = error
        except TemporaryFailure as failure:
            raise ApiError(503, failure.code, str(failure)) from None
        audit(
            session,
            action=f"command:{body.name}",
            target=command_target(body.args),
            user_id=user.id,
            role=user.role,
            outcome="refused" if refused else "ok",
        )
    if refused is not None:
        status = 403 if refused.code in ("not_allowed", "out_of_scope") else 409
        raise ApiError(
            status,
            refused.code,
            refused.message_en,
            message_zh=refused.message_zh,
            field=refused.field,
            details=refused.details,
        )
    return {"status": outcome.status, "details": outcome.details}


@router.post("/commands", responses=errors(401, 403, 404, 409, 422, 503))
async def run_command(body: CommandIn, signed_in: CurrentUser, state: StateDep) -> dict[str, Any]:
    """Run one command (host records, codes, windows) for the signed-in user, online."""
    return await run_in_threadpool(_run, state, signed_in, body)
