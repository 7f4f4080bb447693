"""Reading pages of changes for a desk, in version order, from one snapshot."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from central.db import versioning
from central.db.engine import Database
from central.db.tables import CommandResult, SyncClient
from central.services.push import result_dict
from desk.models.schema import ENTITIES

TABLES: dict[str, Table] = {name: cls.__table__ for name, cls in ENTITIES.items()}  # type: ignore[attr-defined]


def to_json(value: Any) -> Any:
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    return value


def serialise_row(table: Table, row: Any) -> dict[str, Any]:
    mapping = row._mapping
    return {column.name: to_json(mapping[column.name]) for column in table.columns}


def read_page(
    db: Database,
    *,
    client_id: uuid.UUID | None,
    cursor: int,
    limit: int,
    results_after: int | None = None,
) -> dict[str, Any]:
    """One page after `cursor`; `reset` when the cursor cannot be continued from."""
    with db.read() as session:
        top = versioning.current_version(session)
        floor = versioning.counter_floor(session)
        if cursor > top or (0 < cursor < floor):
            # Ahead of us: this service was restored from an older backup. Behind the
            # floor: what the desk missed was compacted away. Either way: start again.
            return {"reset": True, "cursor": 0, "version": top}
        candidates: list[tuple[int, str, Table, Any]] = []
        for name, table in TABLES.items():
            rows = session.execute(
                select(table)
                .where(table.c.version > cursor)
                .order_by(table.c.version)
                .limit(limit + 1)
            ).all()
            candidates.extend((row.version, name, table, row) for row in rows)
        candidates.sort(key=lambda c: c[0])
        has_more = len(candidates) > limit
        page = candidates[:limit]
        new_cursor = page[-1][0] if has_more else top
        changes = []
        for version, name, table, row in page:
            if row.deleted:
                changes.append(
                    {"entity": name, "id": str(row.id), "op": "del", "version": version, "data": {}}
                )
            else:
                changes.append(
                    {
                        "entity": name,
                        "id": str(row.id),
                        "op": "put",
                        "version": version,
                        "data": serialise_row(table, row),
                    }
                )
        answer: dict[str, Any] = {
            "changes": changes,
            "cursor": new_cursor,
            "has_more": has_more,
            "version": top,
        }
        if client_id is not None:
            answer["results"] = _results(session, client_id, cursor, new_cursor, results_after)
            if not has_more:
                last = session.scalar(
                    select(SyncClient.last_command_id).where(SyncClient.client_id == client_id)
                )
                answer["last_command_id"] = int(last or 0)
        return answer


def _results(
    session: Session, client_id: uuid.UUID, cursor: int, new_cursor: int, results_after: int | None
) -> list[dict[str, Any]]:
    """Results stored in this page's versions, and any after `results_after` the desk asks for."""
    query = select(CommandResult).where(CommandResult.client_id == client_id)
    in_page = (CommandResult.version > cursor) & (CommandResult.version <= new_cursor)
    if results_after is not None:
        query = query.where(in_page | (CommandResult.id > results_after))
    else:
        query = query.where(in_page)
    return [result_dict(r) for r in session.scalars(query.order_by(CommandResult.id).limit(5000))]
