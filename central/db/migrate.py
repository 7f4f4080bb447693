"""Schema migration: the one entry point that sets up and upgrades the service's database.

Two Alembic histories run in order, each with its own version table: the shared tables'
(`desk/models/migrations`, the same the desks run) and then the service's own
(`central/migrations`: its tables and the race-safe unique indexes on shared tables, see
`central.db.service_schema`). Then the version counter's row is made sure of.
"""

from __future__ import annotations

import logging
from pathlib import Path

from alembic import command
from sqlalchemy import Connection, Engine, Table, func, inspect, select

from central.db import tables
from central.db.service_schema import RACE_INDEXES, SERVICE_TABLES, service_metadata
from central.db.versioning import COUNTER_ID
from desk.models.migrate import (
    SHARED_MIGRATIONS,
    SHARED_VERSION_TABLE,
    alembic_config,
    upgrade,
    upgrade_shared,
)
from desk.models.schema import ENTITIES

log = logging.getLogger(__name__)

CENTRAL_MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"
CENTRAL_VERSION_TABLE = "schema_version_central"
# What a database made before the histories existed holds of the shared one.
FIRST_SHARED_REVISION = "0001"


def migrate(engine: Engine) -> None:
    """Bring both histories to their heads and make sure of the counter row; one
    transaction on PostgreSQL, so a failed upgrade leaves the database as it was."""
    with engine.begin() as conn:
        _adopt_unversioned(conn)
        upgrade_shared(conn)
        upgrade(conn, CENTRAL_MIGRATIONS, CENTRAL_VERSION_TABLE)
        _ensure_counter(conn)


def _adopt_unversioned(conn: Connection) -> None:
    """A database made by the table-creating set-up that came before these histories: give
    it what it lacks, then record it as current, so upgrading it does not re-create tables."""
    names = set(inspect(conn).get_table_names())
    if "sync_counter" not in names or CENTRAL_VERSION_TABLE in names:
        return
    log.warning("database without migration history: adopting it")
    if SHARED_VERSION_TABLE not in names:
        shared = alembic_config(SHARED_MIGRATIONS, SHARED_VERSION_TABLE)
        shared.attributes["connection"] = conn
        command.stamp(shared, FIRST_SHARED_REVISION)
    metadata = service_metadata()
    metadata.create_all(conn, tables=[metadata.tables[n] for n in SERVICE_TABLES])
    for table in metadata.tables.values():
        for index in table.indexes:
            if index.name in RACE_INDEXES:
                index.create(conn, checkfirst=True)
    central = alembic_config(CENTRAL_MIGRATIONS, CENTRAL_VERSION_TABLE)
    central.attributes["connection"] = conn
    command.stamp(central, "head")


def _ensure_counter(conn: Connection) -> None:
    counter: Table = tables.SyncCounter.__table__  # type: ignore[assignment]
    exists = conn.execute(select(counter.c.value).where(counter.c.id == COUNTER_ID)).first()
    # Never hand out a version some row already has (a database restored or loaded by hand).
    highest = 0
    for cls in ENTITIES.values():
        table = cls.__table__  # type: ignore[attr-defined]
        highest = max(highest, conn.execute(select(func.max(table.c.version))).scalar() or 0)
    if exists is None:
        conn.execute(counter.insert().values(id=COUNTER_ID, value=highest, floor=0))
    elif exists.value < highest:
        log.warning("version counter %s behind stored rows %s: raised", exists.value, highest)
        conn.execute(counter.update().where(counter.c.id == COUNTER_ID).values(value=highest))
