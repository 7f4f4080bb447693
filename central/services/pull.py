"""Reading pages of changes for a desk, in version order, from one snapshot.

Recent changes come from the process's `RecentChanges` run when it matches the page's
snapshot (see `central.services.recent`); older ones, and pages of a snapshot the run does not
match, from the database.
"""

from __future__ import annotations

import functools
import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import BigInteger, Integer, Table, bindparam, literal_column, select, union_all
from sqlalchemy.orm import Session

from central.db.engine import Database
from central.db.tables import CommandResult, Desk, SyncClient, SyncCounter
from central.db.versioning import COUNTER_ID
from central.services.clients import PushError, replaces_desk
from central.services.recent import RecentChanges
from central.services.results import result_dict
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


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


@dataclass
class Page:
    """A pull answer: `changes` are JSON texts ready to send, `meta` the rest of the body."""

    desk: Desk
    changes: list[str] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def reset(self) -> bool:
        return bool(self.meta.get("reset"))

    def body(self) -> bytes:
        if self.reset:
            return dumps(self.meta).encode()
        rest = dumps(self.meta)
        return ('{"changes":[' + ",".join(self.changes) + "]," + rest[1:]).encode()


# A process that fell further behind than this starts its run again instead of reading it all.
DELTA_MAX = 5000


def read_page(
    db: Database,
    recent: RecentChanges,
    *,
    find_desk: Callable[[Session], Desk],
    client_id: uuid.UUID | None,
    cursor: int,
    limit: int,
    results_after: int | None = None,
) -> Page:
    """One page after `cursor`; `reset` when the cursor cannot be continued from.

    The caller's desk, the replica's ownership, the counter, the changes, the results and
    `last_command_id` are all read in one snapshot.
    """
    with db.read() as session:
        desk = find_desk(session)
        client = _owned_client(session, desk, client_id)
        top, floor = session.execute(
            select(SyncCounter.value, SyncCounter.floor).where(SyncCounter.id == COUNTER_ID)
        ).one()
        page = Page(desk)
        if cursor > top or (0 < cursor < floor):
            # Ahead of us: this service was restored from an older backup. Behind the
            # floor: what the desk missed was compacted away. Either way: start again.
            page.meta = {"reset": True, "cursor": 0, "version": top}
            return page
        _catch_up(session, recent, top)
        kept = recent.page(top, cursor, limit)
        if kept is not None:
            versions, page.changes = kept
        else:
            found = list(session.execute(_changed_query(), {"cursor": cursor, "limit": limit + 1}))
            versions = [row.version for row in found]
            page.changes = _texts(session, recent, found)
        has_more = len(versions) > limit
        new_cursor = versions[limit - 1] if has_more else top
        del page.changes[limit:]
        page.meta = {"cursor": new_cursor, "has_more": has_more, "version": top}
        if client_id is not None:
            page.meta["results"] = _results(session, client_id, cursor, new_cursor, results_after)
            if not has_more:
                page.meta["last_command_id"] = int(client.last_command_id if client else 0)
        return page


def _catch_up(session: Session, recent: RecentChanges, top: int) -> None:
    """Extend the process's run of recent changes to this snapshot's counter."""
    if recent.high < 0:
        recent.begin(top)
    for _attempt in range(3):  # another request may move the run while this one reads
        since = recent.high
        if since >= top:
            return
        found = list(session.execute(_changed_query(), {"cursor": since, "limit": DELTA_MAX + 1}))
        if len(found) > DELTA_MAX:
            recent.restart(top)
            return
        found = [row for row in found if row.version <= top]
        texts = _texts(session, recent, found)
        changes = [(r.entity, r.id, r.version, t) for r, t in zip(found, texts, strict=True)]
        recent.extend(since, top, changes)


def _owned_client(session: Session, desk: Desk, client_id: uuid.UUID | None) -> SyncClient | None:
    if client_id is None:
        return None
    client = session.get(SyncClient, client_id)
    if client is not None and client.desk_id != desk.id:
        if not replaces_desk(session, client.desk_id, desk.id):
            raise PushError(403, "client_of_other_desk", "This replica belongs to another desk")
    return client


@functools.cache
def _changed_query() -> Any:
    """The first `limit + 1` changed rows of all tables after `cursor`: each table's own
    version index gives its first rows, so a full download never sorts whole tables.
    Built once: composing twelve subqueries costs more than running them."""
    cursor = bindparam("cursor", type_=BigInteger)
    limit = bindparam("limit", type_=Integer)
    parts = []
    for name, table in TABLES.items():
        first = (
            select(
                literal_column(f"'{name}'").label("entity"),
                table.c.id,
                table.c.version,
                table.c.deleted,
            )
            .where(table.c.version > cursor)
            .order_by(table.c.version)
            .limit(limit)
            .subquery()
        )
        parts.append(select(first))
    merged = union_all(*parts).subquery()
    return select(merged).order_by(merged.c.version).limit(limit)


def _texts(session: Session, recent: RecentChanges, found: list[Any]) -> list[str]:
    """The change texts of `found` rows (entity, id, version, deleted), from the run where it
    holds them, else serialised from the rows read in this snapshot."""
    texts: list[str | None] = []
    missing: dict[str, list[Any]] = {}
    for row in found:
        if row.deleted:
            change = {"entity": row.entity, "id": str(row.id), "op": "del", "version": row.version}
            texts.append(dumps({**change, "data": {}}))
            continue
        text = recent.text(row.version)
        if text is None:
            missing.setdefault(row.entity, []).append(row.id)
        texts.append(text)
    fresh: dict[int, str] = {}
    for name, ids in missing.items():
        table = TABLES[name]
        for start in range(0, len(ids), 1000):
            query = select(table).where(table.c.id.in_(ids[start : start + 1000]))
            for full in session.execute(query):
                fresh[full.version] = _put_text(name, table, full)
    return [
        text if text is not None else fresh[row.version]
        for row, text in zip(found, texts, strict=True)
    ]


def _put_text(name: str, table: Table, row: Any) -> str:
    data = serialise_row(table, row)
    return dumps(
        {"entity": name, "id": data["id"], "op": "put", "version": row.version, "data": data}
    )


_RESULT_COLUMNS = [
    CommandResult.id,
    CommandResult.status,
    CommandResult.code,
    CommandResult.message_zh,
    CommandResult.message_en,
    CommandResult.field,
    CommandResult.details,
]


def _results(
    session: Session, client_id: uuid.UUID, cursor: int, new_cursor: int, results_after: int | None
) -> list[dict[str, Any]]:
    """Results stored in this page's versions, and any after `results_after` the desk asks for.
    Plain rows, not ORM objects: a page can carry thousands."""
    query = select(*_RESULT_COLUMNS).where(CommandResult.client_id == client_id)
    in_page = (CommandResult.version > cursor) & (CommandResult.version <= new_cursor)
    if results_after is not None:
        query = query.where(in_page | (CommandResult.id > results_after))
    else:
        query = query.where(in_page)
    rows = session.execute(query.order_by(CommandResult.id).limit(5000)).mappings()
    return [result_dict(dict(row)) for row in rows]
