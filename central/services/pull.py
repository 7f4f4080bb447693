"""Reading pages of changes for a desk, in version order, from one snapshot.

Recent changes come from the process's `RecentChanges` run when it matches the page's
snapshot (see `central.services.recent`); older ones, and pages of a snapshot the run does not
match, from the database.
"""

from __future__ import annotations

import functools
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any, NamedTuple

import orjson
from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Integer,
    Table,
    Uuid,
    bindparam,
    false,
    func,
    literal_column,
    select,
    union_all,
)
from sqlalchemy.orm import Session

from central.db.engine import Database
from central.db.tables import CommandResult, Desk, SyncClient, SyncCounter
from central.db.versioning import COUNTER_ID
from central.services.clients import PushError, replaces_desk
from central.services.recent import RecentChanges
from central.services.results import result_dict
from desk.models.coltypes import UtcDateTime
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


def dumps(value: Any) -> bytes:
    return orjson.dumps(value)


@dataclass
class Page:
    """A pull answer: `changes` are UTF-8 JSON texts ready to send, `meta` the rest of the
    body."""

    desk: Desk
    changes: list[bytes] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def reset(self) -> bool:
        return bool(self.meta.get("reset"))

    def body(self) -> bytes:
        if self.reset:
            return dumps(self.meta)
        rest = dumps(self.meta)
        return b'{"changes":[' + b",".join(self.changes) + b"]," + rest[1:]


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
        top, floor, client = _counter_and_client(session, desk, client_id)
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
            found = _read_changes(session, cursor, limit + 1)
            versions = [change.version for change in found]
            page.changes = [change.text for change in found]
        has_more = len(versions) > limit
        new_cursor = versions[limit - 1] if has_more else top
        del page.changes[limit:]
        page.meta = {"cursor": new_cursor, "has_more": has_more, "version": top}
        if client_id is not None:
            # A replica that never pushed has no results to read.
            page.meta["results"] = (
                _results(session, client_id, cursor, new_cursor, results_after) if client else []
            )
            if not has_more:
                page.meta["last_command_id"] = client.last_command_id if client else 0
        return page


def _catch_up(session: Session, recent: RecentChanges, top: int) -> None:
    """Extend the process's run of recent changes to this snapshot's counter."""
    if recent.high < 0:
        recent.begin(top)
    for _attempt in range(3):  # another request may move the run while this one reads
        since = recent.high
        if since >= top:
            return
        found = _read_changes(session, since, DELTA_MAX + 1)
        if len(found) > DELTA_MAX:
            recent.restart(top)
            return
        recent.extend(since, top, [c for c in found if c.version <= top])


class _Client(NamedTuple):
    desk_id: uuid.UUID
    last_command_id: int


def _counter_and_client(
    session: Session, desk: Desk, client_id: uuid.UUID | None
) -> tuple[int, int, _Client | None]:
    """The counter's value and floor, and the replica's row when it has one (refused when it
    belongs to another desk), in one statement: a pull is mostly fixed costs like these. Plain
    columns on the session's connection, past the ORM's statement handling, which costs more
    than the statement itself here."""
    same_client = SyncClient.client_id == client_id if client_id is not None else false()
    top, floor, owner, last = session.connection().execute(
        select(SyncCounter.value, SyncCounter.floor, SyncClient.desk_id, SyncClient.last_command_id)
        .select_from(SyncCounter)
        .outerjoin(SyncClient, same_client)
        .where(SyncCounter.id == COUNTER_ID)
    ).one()
    if owner is None:
        return int(top), int(floor), None
    if owner != desk.id and not replaces_desk(session, owner, desk.id):
        raise PushError(403, "client_of_other_desk", "This replica belongs to another desk")
    return int(top), int(floor), _Client(owner, int(last))


class Change(NamedTuple):
    entity: str
    id: Any  # as stored (a key for `RecentChanges`, not sent)
    version: int
    text: bytes


def _read_changes(session: Session, cursor: int, count: int) -> list[Change]:
    """The first `count` changes after `cursor`, in version order, with their texts.

    Two steps, both on the tables' version indexes: how far the next `count` versions
    reach, and in which tables (the indexes alone answer), then each of those tables' rows
    of that version range with the texts the database builds. Reading the rows in the first
    step would read, and serialise, up to `count` rows of every table to keep `count`."""
    heads = session.connection().execute(_heads_query(), {"cursor": cursor, "count": count}).all()
    if not heads:
        return []
    high = max(row.high for row in heads)
    dialect = session.get_bind().dialect.name
    # Plain DBAPI rows, on the session's connection (its snapshot): wrapping a page's rows
    # in result objects costs as much as building their texts.
    raw = session.connection().connection.cursor()
    found: list[Change] = []
    try:
        for row in heads:
            raw.execute(change_query(row.entity, dialect), (cursor, high))
            for version, row_id, deleted, text in raw.fetchall():
                if deleted:
                    text = _deletion_text(row.entity, row_id, version)
                found.append(Change(row.entity, row_id, version, text))
    finally:
        raw.close()
    found.sort(key=lambda change: change.version)
    return found


def _deletion_text(entity: str, row_id: Any, version: int) -> bytes:
    sent_id = str(uuid.UUID(str(row_id)))  # stored as hex on SQLite
    change = {"entity": entity, "id": sent_id, "op": "del", "version": version, "data": {}}
    return dumps(change)


@functools.cache
def _heads_query() -> Any:
    """Per table, (entity, high): the highest of its versions among the first `count`
    changes of all tables after `cursor`. Each table's version index gives its first ones,
    so a full download never sorts whole tables. Built once: composing twelve subqueries
    costs more than running them."""
    cursor = bindparam("cursor", type_=BigInteger)
    count = bindparam("count", type_=Integer)
    parts = []
    for name, table in TABLES.items():
        first = (
            select(literal_column(f"'{name}'").label("entity"), table.c.version)
            .where(table.c.version > cursor)
            .order_by(table.c.version)
            .limit(count)
            .subquery()
        )
        parts.append(select(first))
    merged = union_all(*parts).subquery()
    page = select(merged).order_by(merged.c.version).limit(count).subquery()
    return select(page.c.entity, func.max(page.c.version).label("high")).group_by(page.c.entity)


# Column values in JSON, as `to_json` gives them, from each database's storage form. The
# database builds the whole change text: serialising in Python costs more than the query
# and, on an initial pull of a fair, more than everything else the service does. The text
# comes back as UTF-8 bytes, as it is sent: decoding a page to Python text only to encode
# it again for the answer cost a fifth of the service's time on an initial pull.


def _sqlite_value(column: Any) -> str:
    name = f'"{column.name}"'
    kind = column.type
    if isinstance(kind, Uuid):  # 32 hex digits
        return (
            f"substr({name},1,8)||'-'||substr({name},9,4)||'-'||substr({name},13,4)||'-'||"
            f"substr({name},17,4)||'-'||substr({name},21,12)"
        )
    if isinstance(kind, UtcDateTime):  # 'YYYY-MM-DD HH:MM:SS.ffffff', UTC
        return (
            f"substr({name},1,10)||'T'||CASE WHEN substr({name},21,6)='000000' "
            f"THEN substr({name},12,8) ELSE substr({name},12,15) END||'+00:00'"
        )
    if isinstance(kind, Boolean):  # 0 or 1
        return (
            f"json(CASE WHEN {name} IS NULL THEN 'null' WHEN {name} THEN 'true' ELSE 'false' END)"
        )
    if isinstance(kind, JSON):  # JSON text
        return f"json({name})"
    return name


def _postgresql_value(column: Any) -> str:
    name = f'"{column.name}"'
    if isinstance(column.type, UtcDateTime):
        utc = f"({name} AT TIME ZONE 'UTC')"
        return (
            f"to_char({utc},'YYYY-MM-DD\"T\"HH24:MI:SS')||CASE WHEN to_char({utc},'US')='000000' "
            f"THEN '' ELSE '.'||to_char({utc},'US') END||'+00:00'"
        )
    return name  # uuid, date, boolean, json and numbers are already as `to_json` gives them


_BUILDERS = {
    "sqlite": ("json_object", _sqlite_value),
    "postgresql": ("json_build_object", _postgresql_value),
}
# The change object as UTF-8 bytes (both databases store text as UTF-8).
_AS_BYTES = {
    "sqlite": "CAST({} AS BLOB)",
    "postgresql": "convert_to(CAST({} AS TEXT), 'UTF8')",
}


@functools.cache
def put_text(entity: str, dialect: str) -> str:
    """SQL for the UTF-8 text of a put change of a row of `entity`, built by the database."""
    table = TABLES[entity]
    function, value = _BUILDERS[dialect]
    pairs = ",".join(f"'{c.name}',{value(c)}" for c in table.columns)
    change = (
        f"{function}('entity','{entity}','id',{value(table.c.id)},'op','put',"
        f"'version',\"version\",'data',{function}({pairs}))"
    )
    return _AS_BYTES[dialect].format(change)


_PLACEHOLDERS = {"sqlite": "?", "postgresql": "%s"}


@functools.cache
def change_query(entity: str, dialect: str) -> str:
    """DBAPI SQL for (version, id as stored, deleted, put text (bytes) or NULL) of the rows of
    `entity` with `low < version <= high`, given as (low, high)."""
    table = TABLES[entity]
    mark = _PLACEHOLDERS[dialect]
    return (
        f'SELECT "version", "id", "deleted", CASE WHEN "deleted" THEN NULL ELSE '
        f"{put_text(entity, dialect)} END "
        f'FROM "{table.name}" WHERE "version" > {mark} AND "version" <= {mark}'
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
    rows = session.connection().execute(query.order_by(CommandResult.id).limit(5000)).mappings()
    return [result_dict(dict(row)) for row in rows]
