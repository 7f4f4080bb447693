"""Liveness and what this service speaks."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from fastapi.concurrency import run_in_threadpool

from central.api.deps import StateDep
from central.db import versioning

router = APIRouter(tags=["health"])


@router.get("/healthz")
async def healthz(state: StateDep) -> dict[str, Any]:
    def _version() -> int:
        with state.db.read() as session:
            return versioning.current_version(session)

    version = await run_in_threadpool(_version)
    s = state.settings
    return {
        "status": "ok",
        "db": state.db.dialect,
        "version": version,
        "protocol": {"min": s.protocol_min, "max": s.protocol_max},
        "schema": {"min": s.schema_min, "max": s.schema_max},
        # The oldest desk version synced with (None: every version), and where desks
        # refused as too old get the new one.
        "desk_version": {"min": s.min_desk_version},
        "installer_url": s.installer_url,
    }
