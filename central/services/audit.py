"""The audit log: one row per state change, naming targets, never personal data."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import Table
from sqlalchemy.orm import Session

from central.db.tables import AuditLog
from desk.models.coltypes import utc_now

AUDIT_TABLE: Table = AuditLog.__table__  # type: ignore[assignment]


def audit(
    session: Session,
    *,
    action: str,
    target: str = "",
    user_id: uuid.UUID | None = None,
    role: str | None = None,
    desk_id: uuid.UUID | None = None,
    outcome: str = "ok",
    address: str | None = None,
) -> None:
    session.add(
        AuditLog(
            at=utc_now(),
            user_id=user_id,
            role=role,
            desk_id=desk_id,
            action=action[:60],
            target=target[:200],
            outcome=outcome[:20],
            address=address,
        )
    )


def command_target(args: Any) -> str:
    """The ids a command names, for the audit log (ids only: no names, numbers or phones)."""
    if not isinstance(args, dict):
        return ""
    ids = [f"{k}={v}" for k, v in args.items() if k.endswith("id") and isinstance(v, str)]
    if "target" in args and isinstance(args["target"], str):
        ids.insert(0, f"target={args['target']}")
    return " ".join(ids)[:200]
