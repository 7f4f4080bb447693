"""Writing pulled rows into the replica fast: straight to SQLite's storage form.

A pulled row arrives as JSON (UUIDs as text, times as ISO 8601 UTC). Going through the ORM
would build an object per row and run a type processor per column; an initial pull of a fair
is hundreds of thousands of rows, so each table gets a converter that turns JSON into the
exact values SQLAlchemy itself stores on SQLite (UUID as 32 hex digits, times as
`YYYY-MM-DD HH:MM:SS.ffffff` UTC, JSON as text), written with one `executemany`. The ORM reads
them back unchanged; `tests/sync` checks the round trip column by column.
"""

from __future__ import annotations

import json
import operator
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, Connection, Index, Table, Uuid

from desk.models.coltypes import UtcDateTime
from desk.models.schema import ENTITIES

Converter = Callable[[Any], Any]


def _uuid(value: Any) -> Any:
    return None if value is None else str(value).replace("-", "").lower()


def _time(value: Any) -> Any:
    if value is None:
        return None
    text = str(value)
    # The service sends aware UTC times; the common shape needs no parsing at all.
    if text.endswith("+00:00") and len(text) in (25, 32):
        core = text[:-6]
        return (core if len(core) == 26 else core + ".000000").replace("T", " ")
    parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def _json(value: Any) -> str:
    return json.dumps(value)


def _plain(value: Any) -> Any:
    return value


def _converter(column: Any) -> Converter:
    kind = column.type
    if isinstance(kind, Uuid):
        return _uuid
    if isinstance(kind, UtcDateTime):
        return _time
    if isinstance(kind, JSON):
        return _json
    return _plain


class TableCodec:
    """One synced table: its columns, their converters and the upsert statement."""

    def __init__(self, entity: str, table: Table) -> None:
        self.entity = entity
        self.table = table
        self.columns = [c.name for c in table.columns]
        self.converters = [_converter(c) for c in table.columns]
        self.id_index = self.columns.index("id")
        # Most columns are stored as sent: take them all at once (C speed), convert a few.
        self._getter = operator.itemgetter(*self.columns)
        self._special = [(i, conv) for i, conv in enumerate(self.converters) if conv is not _plain]
        names = ", ".join(f'"{c}"' for c in self.columns)
        marks = ", ".join("?" for _ in self.columns)
        updates = ", ".join(f'"{c}" = excluded."{c}"' for c in self.columns if c != "id")
        self.upsert_sql = (
            f'INSERT INTO "{table.name}" ({names}) VALUES ({marks}) '
            f'ON CONFLICT("id") DO UPDATE SET {updates}'
        )
        self.select_sql = f'SELECT {names} FROM "{table.name}" WHERE "id" = ?'
        self.delete_sql = f'DELETE FROM "{table.name}" WHERE "id" = ?'

    def storage(self, data: dict[str, Any]) -> tuple[Any, ...]:
        """A pulled row's JSON as the tuple of values to store."""
        try:
            values = list(self._getter(data))
        except KeyError:  # a row from an older service lacks a column: it stays empty
            get = data.get
            values = [get(name) for name in self.columns]
        for index, conv in self._special:
            values[index] = conv(values[index])
        return tuple(values)

    def read_stored(self, conn: Connection, stored_id: str) -> dict[str, Any] | None:
        """A row exactly as stored (for a pre-image), or None."""
        row = conn.exec_driver_sql(self.select_sql, (stored_id,)).first()
        return None if row is None else dict(zip(self.columns, tuple(row), strict=True))

    def write_stored(self, conn: Connection, rows: Sequence[dict[str, Any]]) -> None:
        if rows:
            conn.exec_driver_sql(
                self.upsert_sql, [tuple(r.get(c) for c in self.columns) for r in rows]
            )

    def upsert(self, conn: Connection, rows: Sequence[tuple[Any, ...]]) -> None:
        if rows:
            conn.exec_driver_sql(self.upsert_sql, list(rows))

    def delete(self, conn: Connection, stored_ids: Iterable[str]) -> None:
        ids = [(i,) for i in stored_ids]
        if ids:
            conn.exec_driver_sql(self.delete_sql, ids)


CODECS: dict[str, TableCodec] = {
    name: TableCodec(name, cls.__table__)  # type: ignore[attr-defined]
    for name, cls in ENTITIES.items()
}


def stored_id(value: Any) -> str:
    """An entity id (UUID or text) in the replica's storage form."""
    return str(_uuid(value))


# -- an initial pull into empty tables ---------------------------------------------------
#
# Adding hundreds of thousands of rows one by one to a table's secondary indexes costs more
# than everything else a pull does: each row lands on a random leaf of every index, and each
# page's commit writes those leaves (encrypted) again. A table that is still empty when a
# pull from cursor 0 starts gets its schema's plain indexes dropped, and built once, sorted,
# in the transaction of the pull's last page. Unique indexes stay (upserts rely on them).
# Should the pull stop half way, the last page of the next one, or the next opening of the
# replica, builds them: the schema says which there must be.


def _declared_indexes() -> dict[str, Index]:
    """The plain (non-unique) indexes the schema declares on synced tables, by name."""
    found: dict[str, Index] = {}
    for codec in CODECS.values():
        for index in codec.table.indexes:
            if not index.unique and index.name:
                found[str(index.name)] = index
    return found


DECLARED_INDEXES = _declared_indexes()
# Page cache while the indexes are built: a fair's people, enterprises and requests (about
# 100 MB decrypted for 230,000 rows) stay in memory for the few seconds it takes.
INDEX_BUILD_CACHE_KIB = 131_072


def _present_indexes(conn: Connection) -> set[str]:
    rows = conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'index'")
    return {str(row[0]) for row in rows}


def defer_indexes(conn: Connection) -> list[str]:
    """Drop the declared plain indexes of every synced table that has no row yet; returns
    their names."""
    present = _present_indexes(conn)
    dropped = []
    for name, index in DECLARED_INDEXES.items():
        table = index.table
        if name not in present or table is None:
            continue
        if conn.exec_driver_sql(f'SELECT 1 FROM "{table.name}" LIMIT 1').first() is None:
            conn.exec_driver_sql(f'DROP INDEX "{name}"')
            dropped.append(name)
    return dropped


def restore_indexes(conn: Connection) -> list[str]:
    """Build every declared plain index that is missing; returns their names."""
    missing = [name for name in DECLARED_INDEXES if name not in _present_indexes(conn)]
    if not missing:
        return missing
    # Each index reads its whole table: with the usual small page cache every build would
    # decrypt the table's pages again.
    kept = conn.exec_driver_sql("PRAGMA cache_size").scalar()
    conn.exec_driver_sql(f"PRAGMA cache_size = -{INDEX_BUILD_CACHE_KIB}")
    try:
        for name in missing:
            DECLARED_INDEXES[name].create(conn)
    finally:
        conn.exec_driver_sql(f"PRAGMA cache_size = {int(kept or -2000)}")
    return missing
