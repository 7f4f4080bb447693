"""Both migration histories build exactly the declared schema, and running them again does
nothing."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, event, inspect, text

from central.db.engine import make_engine
from central.db.migrate import CENTRAL_MIGRATIONS, CENTRAL_VERSION_TABLE, migrate
from central.db.service_schema import RACE_INDEXES, include_object, service_metadata
from desk.models.migrate import SHARED_MIGRATIONS, SHARED_VERSION_TABLE, alembic_config
from desk.models.migrations.env_filter import include_object as shared_include_object
from desk.models.schema import Base
from tests.pg import PgCluster


@pytest.fixture(params=["sqlite", "postgresql"])
def fresh_engine(request: pytest.FixtureRequest, tmp_path: Path) -> Any:
    if request.param == "sqlite":
        engine = make_engine(f"sqlite:///{tmp_path / 'fresh.sqlite3'}")
    else:
        cluster: PgCluster = request.getfixturevalue("pg_cluster")
        engine = make_engine(cluster.create_database(f"m_{uuid.uuid4().hex[:12]}"))
    yield engine
    engine.dispose()


def _differences(engine: Engine) -> list[Any]:
    def shared_only(obj: Any, name: str | None, type_: str, *rest: Any) -> bool:
        # The race indexes sit on shared tables but belong to the service's history.
        return shared_include_object(obj, name, type_, *rest) and name not in RACE_INDEXES

    with engine.connect() as conn:
        service = compare_metadata(
            MigrationContext.configure(conn, opts={"include_object": include_object}),
            service_metadata(),
        )
        shared = compare_metadata(
            MigrationContext.configure(conn, opts={"include_object": shared_only}),
            Base.metadata,
        )
    return [*service, *shared]


def test_migrated_database_matches_the_declared_schema(fresh_engine: Engine) -> None:
    migrate(fresh_engine)
    assert _differences(fresh_engine) == []
    indexes = {i["name"] for t in RACE_INDEXES.values() for i in _indexes(fresh_engine, t[0])}
    assert set(RACE_INDEXES) <= indexes
    with fresh_engine.connect() as conn:
        for folder, table in (
            (SHARED_MIGRATIONS, SHARED_VERSION_TABLE),
            (CENTRAL_MIGRATIONS, CENTRAL_VERSION_TABLE),
        ):
            head = ScriptDirectory.from_config(alembic_config(folder, table)).get_current_head()
            assert conn.execute(text(f"SELECT version_num FROM {table}")).scalar() == head


def test_migrating_twice_changes_nothing(fresh_engine: Engine) -> None:
    migrate(fresh_engine)
    before = _snapshot(fresh_engine)
    statements: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_rest: Any) -> None:
        statements.append(statement.strip().split()[0].upper())

    event.listen(fresh_engine, "before_cursor_execute", record)
    try:
        migrate(fresh_engine)
    finally:
        event.remove(fresh_engine, "before_cursor_execute", record)
    assert not {"CREATE", "ALTER", "DROP", "INSERT", "UPDATE", "DELETE"} & set(statements)
    assert _snapshot(fresh_engine) == before


def _indexes(engine: Engine, table: str) -> list[Any]:
    with engine.connect() as conn:
        return list(inspect(conn).get_indexes(table))


def _snapshot(engine: Engine) -> dict[str, Any]:
    with engine.connect() as conn:
        inspector = inspect(conn)
        tables = sorted(inspector.get_table_names())
        return {
            "tables": tables,
            "indexes": {
                t: sorted(i["name"] or "" for i in inspector.get_indexes(t)) for t in tables
            },
            "versions": [
                conn.execute(text(f"SELECT version_num FROM {t}")).scalar()
                for t in (SHARED_VERSION_TABLE, CENTRAL_VERSION_TABLE)
            ],
            "counter": conn.execute(text("SELECT value FROM sync_counter")).scalar(),
        }
