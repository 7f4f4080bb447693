"""What fair IT does: desks, users, codes, windows, reference data. Used by the CLI and the
admin routes alike, each in the caller's transaction."""

from __future__ import annotations

import csv
import uuid
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from central.db.tables import Desk
from central.services.accounts import find_host_org
from central.services.audit import audit
from central.services.commands import execute
from desk.models.coltypes import utc_now
from desk.models.commands import SERVICE, Actor
from desk.models.commands.admin import new_invitation_code
from desk.models.schema import RefItem

SERVICE_ACTOR = Actor(role=SERVICE)


def desk_rows(session: Session) -> list[dict[str, Any]]:
    """Every desk and its sync state as it last reported it."""
    out = []
    for desk in session.scalars(select(Desk).order_by(Desk.name)):
        out.append(
            {
                "id": str(desk.id),
                "name": desk.name,
                "host_org_id": str(desk.host_org_id) if desk.host_org_id else None,
                "enrolled": desk.enrolled_at is not None,
                "revoked": desk.revoked,
                "wipe": desk.wipe,
                "replaced_by": str(desk.replaced_by) if desk.replaced_by else None,
                "last_push_at": desk.last_push_at.isoformat() if desk.last_push_at else None,
                "last_pull_at": desk.last_pull_at.isoformat() if desk.last_pull_at else None,
                "outbox_waiting": desk.outbox_waiting,
                "outbox_rejected": desk.outbox_rejected,
                "app_version": desk.app_version,
                "pulled_version": desk.pulled_version,
                "clock_skew_s": desk.clock_skew_s,
            }
        )
    return out


def run_as_service(session: Session, name: str, args: dict[str, Any]) -> Any:
    outcome = execute(session, actor=SERVICE_ACTOR, name=name, args=args, now=utc_now())
    audit(session, action=f"cli:{name}", role=SERVICE)
    return outcome


def issue_codes(session: Session, *, host_org: str, count: int) -> list[str]:
    org = find_host_org(session, host_org)
    assert org is not None
    codes = [{"id": str(uuid.uuid4()), "code": new_invitation_code()} for _ in range(count)]
    run_as_service(session, "issue_invitation_codes", {"host_org_id": str(org.id), "codes": codes})
    return [c["code"] for c in codes]


def set_window(session: Session, *, participation_type: str, opens: str, closes: str) -> None:
    run_as_service(
        session,
        "set_registration_window",
        {
            "participation_type": participation_type,
            "opens_at": _aware(opens),
            "closes_at": _aware(closes),
        },
    )


def _aware(value: str) -> str:
    """Dates typed on the command line are taken as Beijing time unless a zone is given."""
    parsed = datetime.fromisoformat(value)
    if parsed.tzinfo is None:
        parsed = datetime.fromisoformat(parsed.isoformat() + "+08:00")
    return parsed.isoformat()


def load_fortune500(session: Session, path: Path) -> int:
    """The organiser's Fortune Global 500 list: a CSV with `name` or `name_zh`/`name_en`
    columns (and optionally `rank`). Existing entries are updated, missing ones retired."""
    with path.open(newline="", encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    existing = {
        r.code: r for r in session.scalars(select(RefItem).where(RefItem.kind == "fortune500"))
    }
    seen = set()
    for index, row in enumerate(rows):
        name_en = (row.get("name_en") or row.get("name") or "").strip()
        name_zh = (row.get("name_zh") or "").strip()
        code = name_en or name_zh
        if not code:
            continue
        rank = int(row["rank"]) if (row.get("rank") or "").strip().isdigit() else index + 1
        seen.add(code)
        item = existing.get(code)
        if item is None:
            session.add(
                RefItem(
                    kind="fortune500",
                    code=code,
                    name_zh=name_zh,
                    name_en=name_en,
                    sort_order=rank,
                    active=True,
                )
            )
        else:
            item.name_zh, item.name_en, item.sort_order, item.active = name_zh, name_en, rank, True
    for code, item in existing.items():
        if code not in seen and item.active:
            item.active = False
    audit(session, action="cli:load_fortune500", target=str(path.name), role=SERVICE)
    return len(seen)
