"""A host organisation's own view: overview counts, invitation codes (and asking for more),
its staff and guests, its record. Host users and host reviewers see their own organisation;
committee reviewers and administrators name one with `host_org_id`."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any, TypeVar

from fastapi import APIRouter, Query
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.orm import Session

from central.api.deps import CurrentUser, StateDep
from central.api.errors import ApiError
from central.api.schemas import errors
from central.services import accounts
from central.services import host_tools as host_service
from desk.models.commands import ADMIN, COMMITTEE_REVIEWER, HOST_REVIEWER, HOST_USER
from desk.models.schema import APPROVED, HostOrg

router = APIRouter(prefix="/host", tags=["host"])
T = TypeVar("T")

OWN_ORG_ROLES = (HOST_USER, HOST_REVIEWER)
FAIR_ROLES = (ADMIN, COMMITTEE_REVIEWER)


class CodeRequestIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    count: int = Field(ge=1, le=host_service.MAX_CODES_ASKED)


def _org_id(signed_in: accounts.SignedIn, wanted: str | None) -> uuid.UUID:
    """The organisation the caller may look at."""
    user = signed_in.user
    try:
        asked = uuid.UUID(wanted) if wanted else None
    except ValueError:
        raise ApiError(422, "bad_id", "host_org_id is not a UUID") from None
    if user.role in OWN_ORG_ROLES and user.host_org_id is not None:
        if asked is not None and asked != user.host_org_id:
            raise ApiError(403, "out_of_scope", "You can only see your own organisation")
        return user.host_org_id
    if user.role in FAIR_ROLES:
        if asked is None:
            raise ApiError(422, "host_org_required", "Name the host organisation")
        return asked
    raise ApiError(403, "forbidden", "Your account may not do this")


async def _read(state: Any, fn: Callable[[Session], T]) -> T:
    def run() -> T:
        with state.db.read() as session:
            return fn(session)

    return await run_in_threadpool(run)


@router.get("/overview", responses=errors(401, 403, 422))
async def overview(
    signed_in: CurrentUser, state: StateDep, host_org_id: str | None = Query(None)
) -> dict[str, Any]:
    org_id = _org_id(signed_in, host_org_id)
    return await _read(state, lambda s: host_service.overview(s, org_id))


@router.get("/org", responses=errors(401, 403, 404, 422))
async def org_record(
    signed_in: CurrentUser, state: StateDep, host_org_id: str | None = Query(None)
) -> dict[str, Any]:
    org_id = _org_id(signed_in, host_org_id)
    record = await _read(state, lambda s: host_service.org_record(s, org_id))
    if record is None:
        raise ApiError(404, "not_found", "No such host organisation")
    return record


@router.get("/codes", responses=errors(401, 403, 422))
async def codes(
    signed_in: CurrentUser, state: StateDep, host_org_id: str | None = Query(None)
) -> dict[str, Any]:
    org_id = _org_id(signed_in, host_org_id)
    return {"codes": await _read(state, lambda s: host_service.codes(s, org_id))}


@router.get("/people", responses=errors(401, 403, 422))
async def people(
    signed_in: CurrentUser, state: StateDep, host_org_id: str | None = Query(None)
) -> dict[str, Any]:
    org_id = _org_id(signed_in, host_org_id)
    return await _read(state, lambda s: host_service.people(s, org_id))


@router.post("/codes/request", status_code=201, responses=errors(401, 403, 409, 422))
async def request_codes(
    body: CodeRequestIn, signed_in: CurrentUser, state: StateDep
) -> dict[str, Any]:
    """Ask the committee for more invitation codes (host users, for their organisation)."""
    user = signed_in.user
    if user.role != HOST_USER or user.host_org_id is None:
        raise ApiError(403, "forbidden", "Host organisation accounts ask for codes")
    org_id = user.host_org_id

    def run() -> None:
        with state.db.write() as session:
            org = session.get(HostOrg, org_id)
            if org is None or (org.review_state != APPROVED and not org.is_committee):
                raise ApiError(
                    409,
                    "host_org_not_approved",
                    "Your organisation's record must be approved by the committee first",
                    message_zh="本机构信息通过组委会审核后才能使用此功能",
                )
            host_service.request_codes(
                session, org_id=org_id, count=body.count, user_id=user.id, role=user.role
            )

    await run_in_threadpool(run)
    return {"requested": body.count}


@router.get("/code-requests", responses=errors(401, 403, 422))
async def code_requests(
    signed_in: CurrentUser, state: StateDep, host_org_id: str | None = Query(None)
) -> dict[str, Any]:
    """Requests for more codes: the committee and administrators see all (or one
    organisation's), a host organisation its own."""
    role = signed_in.user.role
    org_id: uuid.UUID | None
    if role in FAIR_ROLES and not host_org_id:
        org_id = None
    else:
        org_id = _org_id(signed_in, host_org_id)
    return {"requests": await _read(state, lambda s: host_service.code_requests(s, org_id))}
