"""Schema creation: the one entry point that sets up (later: upgrades) the service's database."""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy import Engine, Table, func, select, text

from central.db import tables
from central.db.versioning import COUNTER_ID
from desk.models.schema import ENTITIES, Base

log = logging.getLogger(__name__)

SERVICE_TABLES = (
    tables.User,
    tables.Desk,
    tables.UserSession,
    tables.SyncClient,
    tables.CommandResult,
    tables.SyncCounter,
    tables.Blob,
    tables.AuditLog,
    tables.Notice,
    tables.AccountSecret,
    tables.LoginAttempt,
)

# Uniqueness that desks race for lives here, not in the shared schema: a desk replica must be
# able to hold a local row beside a pulled one that the service will merge it with. Partial
# indexes (same syntax on both databases) leave aliases and tombstones out.
UNIQUE_INDEXES = (
    "CREATE UNIQUE INDEX IF NOT EXISTS uq_enterprise_name_key_canonical ON enterprise (name_key)"
    " WHERE canonical_id IS NULL AND NOT deleted",
    "CREATE UNIQUE INDEX IF NOT EXISTS uq_enterprise_uscc_canonical ON enterprise (uscc)"
    " WHERE canonical_id IS NULL AND NOT deleted AND uscc IS NOT NULL",
    # Two desks redeeming one code: the second enterprise to take it fails on commit order.
    "CREATE UNIQUE INDEX IF NOT EXISTS uq_enterprise_invitation_code ON enterprise"
    " (invitation_code_id) WHERE invitation_code_id IS NOT NULL AND canonical_id IS NULL"
    " AND NOT deleted",
    "CREATE UNIQUE INDEX IF NOT EXISTS uq_invitation_code_code ON invitation_code (code)",
    "CREATE UNIQUE INDEX IF NOT EXISTS uq_account_identifier ON account (identifier)",
)


def managed_tables() -> list[Table]:
    synced: list[Any] = [cls.__table__ for cls in ENTITIES.values()]  # type: ignore[attr-defined]
    service: list[Any] = [cls.__table__ for cls in SERVICE_TABLES]
    return [*synced, *service]


def migrate(engine: Engine) -> None:
    """Create what is missing: tables, the race-safe unique indexes, the counter row."""
    Base.metadata.create_all(engine, tables=managed_tables())
    with engine.begin() as conn:
        for ddl in UNIQUE_INDEXES:
            conn.execute(text(ddl))
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
