"""Change texts the database builds for a pull page say exactly what the ORM rows say.

Every synced table gets rows whose columns take awkward values (NULLs, times with and
without microseconds, quotes, backslashes, control characters, Chinese text, nested JSON),
written through SQLAlchemy as the service writes them; the texts `change_query` builds on
SQLite and on PostgreSQL must decode to the row `serialise_row` gives in Python.
"""

from __future__ import annotations

import json
import uuid
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import JSON, BigInteger, Boolean, Date, Integer, String, Table, Uuid, insert, select

from central.db.engine import Database
from central.db.migrate import migrate
from central.services.pull import TABLES, change_query, serialise_row
from desk.models.coltypes import UtcDateTime
from tests.sync.conftest import new_service

AWKWARD = '单"\\\n\t/é'


def _value(column: Any, variant: int, ids: dict[str, uuid.UUID]) -> Any:
    if column.name == "id":
        return ids[column.table.name]
    for key in column.foreign_keys:  # a real parent, for the service's foreign keys
        return ids[key.column.table.name]
    if column.name == "holder_kind":
        return "person"
    if column.nullable and variant == 1:
        return None
    kind = column.type
    if isinstance(kind, Uuid):
        return uuid.uuid4()
    if isinstance(kind, UtcDateTime):
        micro = 0 if variant == 0 else 345678
        return datetime(2026, 9, 9, 8, 1, 2, micro, tzinfo=UTC)
    if isinstance(kind, Date):
        return date(1985, 6, 15)
    if isinstance(kind, Boolean):
        return variant == 0
    if isinstance(kind, JSON):
        return {"名": [AWKWARD, 1, 2.5, None, True], "empty": {}} if variant == 0 else ["x"]
    if isinstance(kind, BigInteger):
        return 2**40 + 7 if variant == 0 else -3
    if isinstance(kind, Integer):
        return 12345 if variant == 0 else -3
    if isinstance(kind, String):  # Text too
        text = AWKWARD if variant == 0 else "\x01 plain"
        return text[: kind.length] if kind.length else text
    raise AssertionError(f"no sample value for {column.type!r}")


def _rows(variant: int, version: int) -> dict[str, dict[str, Any]]:
    ids = {table.name: uuid.uuid4() for table in TABLES.values()}
    rows: dict[str, dict[str, Any]] = {}
    for entity, table in TABLES.items():
        row = {c.name: _value(c, variant, ids) for c in table.columns}
        row["version"], row["deleted"] = version + len(rows), False
        rows[entity] = row
    return rows


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_database_built_texts_match_the_orm_rows(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    service = new_service(tmp_path / "service", backend, request)
    db = Database.from_url(service.db_url, service.settings())
    migrate(db.engine)
    written = [_rows(0, 1000), _rows(1, 2000)]
    try:
        with db.write() as session:
            for rows in written:
                for entity, row in rows.items():
                    session.execute(insert(TABLES[entity]), [row])
        with db.read() as session:
            dialect = session.get_bind().dialect.name
            assert dialect == backend
            for entity, table in TABLES.items():
                expected = _expected(session, entity, table)
                built = _run(session, change_query(entity, dialect), 0, 10**6)
                got = {version: json.loads(text) for version, _id, _deleted, text in built}
                assert got == expected, entity
                assert len(got) == len(written)
    finally:
        db.dispose()


def _run(session: Any, sql: str, low: int, high: int) -> list[Any]:
    cursor = session.connection().connection.cursor()
    try:
        cursor.execute(sql, (low, high))
        return list(cursor.fetchall())
    finally:
        cursor.close()


def _expected(session: Any, entity: str, table: Table) -> dict[int, dict[str, Any]]:
    out = {}
    for row in session.execute(select(table)):
        data = serialise_row(table, row)
        # JSON values travel as JSON; `serialise_row` leaves them as Python values.
        data = json.loads(json.dumps(data))
        out[row.version] = {
            "entity": entity,
            "id": data["id"],
            "op": "put",
            "version": row.version,
            "data": data,
        }
    return out


def test_deleted_rows_have_no_text_and_the_range_is_kept(tmp_path: Path) -> None:
    db = Database.from_url(f"sqlite:///{tmp_path / 'c.sqlite3'}")
    migrate(db.engine)
    rows = _rows(0, 10)
    rows["person"]["deleted"] = True
    try:
        with db.write() as session:
            for entity, row in rows.items():
                session.execute(insert(TABLES[entity]), [row])
        with db.read() as session:
            for entity in TABLES:
                version = rows[entity]["version"]
                query = change_query(entity, "sqlite")
                inside = _run(session, query, version - 1, version)
                outside = _run(session, query, version, 10**6)
                assert outside == []
                assert [v for v, *_ in inside] == [version]
                _version, _id, deleted, text = inside[0]
                assert bool(deleted) == (entity == "person")
                assert (text is None) == (entity == "person")
    finally:
        db.dispose()
