"""What a reviewer's queue shows beside each item: the names of the enterprises and host
organisations it names (a badge request carries only their ids)."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Depends
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import select

from central.api.deps import StateDep, require_roles
from central.api.schemas import errors
from central.services import accounts
from desk.models.commands import COMMITTEE_REVIEWER, HOST_REVIEWER
from desk.models.schema import Enterprise, HostOrg

router = APIRouter(prefix="/review", tags=["review"])

Reviewer = Annotated[accounts.SignedIn, Depends(require_roles(HOST_REVIEWER, COMMITTEE_REVIEWER))]
MAX_IDS = 1000


class NamesIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    enterprise_ids: list[uuid.UUID] = Field(default_factory=list, max_length=MAX_IDS)
    host_org_ids: list[uuid.UUID] = Field(default_factory=list, max_length=MAX_IDS)


@router.post("/names", responses=errors(401, 403, 422))
async def names(body: NamesIn, _reviewer: Reviewer, state: StateDep) -> dict[str, Any]:
    """Display names by id. Enterprise names are public once applied; nothing personal."""

    def read() -> dict[str, Any]:
        with state.db.read() as session:
            enterprises = (
                session.execute(
                    select(Enterprise.id, Enterprise.name, Enterprise.participation).where(
                        Enterprise.id.in_(body.enterprise_ids)
                    )
                ).all()
                if body.enterprise_ids
                else []
            )
            orgs = (
                session.execute(
                    select(HostOrg.id, HostOrg.name, HostOrg.name_en).where(
                        HostOrg.id.in_(body.host_org_ids)
                    )
                ).all()
                if body.host_org_ids
                else []
            )
        return {
            "enterprises": {str(i): {"name": n, "participation": p} for i, n, p in enterprises},
            "host_orgs": {str(i): {"name": n, "name_en": e} for i, n, e in orgs},
        }

    return await run_in_threadpool(read)
