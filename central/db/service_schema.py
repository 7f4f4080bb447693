"""What the service's own migration history owns, declared for Alembic.

The service's history (`central/migrations`, version table `schema_version_central`) owns:
- the service-only tables (`central.db.tables`) and their indexes;
- the partial unique indexes on shared tables that make desks' races safe (a name, a
  credit code, an invitation code taken twice). They are the service's, not the shared
  history's: a desk replica must be able to hold a local row beside a pulled one that the
  service will merge it with, so the replica never gets them.

The shared tables themselves belong to the shared history (`desk/models/migrations`), which
runs first. The race indexes are declared here on copies of the shared tables, in a
metadata of the service's own, so the shared `Base.metadata` (which a replica creates)
never carries them.
"""

from __future__ import annotations

import functools
from typing import Any

from sqlalchemy import Index, MetaData, Table, text

from central.db import tables
from desk.models.migrations.env_filter import SHARED_TABLES
from desk.models.schema import Base

SERVICE_MODELS: tuple[Any, ...] = (
    tables.User,
    tables.Desk,
    tables.UserSession,
    tables.SyncClient,
    tables.CommandResult,
    tables.SyncCounter,
    tables.Blob,
    tables.AuditLog,
    tables.Notice,
    tables.NoticeSecret,
    tables.AccountSecret,
    tables.LoginAttempt,
    tables.DeskEscrowKey,
    tables.ServiceSigningKey,
)
SERVICE_TABLES = frozenset(model.__tablename__ for model in SERVICE_MODELS)

LIVE_CANONICAL = "canonical_id IS NULL AND NOT deleted"

# name -> (shared table, columns, partial-index condition or None)
RACE_INDEXES: dict[str, tuple[str, tuple[str, ...], str | None]] = {
    # Same enterprise registered at two desks: the later one becomes an alias.
    "uq_enterprise_name_key_canonical": ("enterprise", ("name_key",), LIVE_CANONICAL),
    "uq_enterprise_uscc_canonical": (
        "enterprise",
        ("uscc",),
        f"{LIVE_CANONICAL} AND uscc IS NOT NULL",
    ),
    # Two desks redeeming one code: the second enterprise to take it fails on commit order.
    "uq_enterprise_invitation_code": (
        "enterprise",
        ("invitation_code_id",),
        f"invitation_code_id IS NOT NULL AND {LIVE_CANONICAL}",
    ),
    "uq_invitation_code_code": ("invitation_code", ("code",), None),
    "uq_account_identifier": ("account", ("identifier",), None),
    # Two desks adding one visitor to one enterprise: the second is refused as a duplicate.
    "uq_person_document_live": (
        "person",
        ("enterprise_id", "doc_type", "doc_number"),
        "NOT deleted",
    ),
}


RACE_TABLES = frozenset(table for table, _columns, _where in RACE_INDEXES.values())


@functools.cache
def service_metadata() -> MetaData:
    """The shared and service tables, copied, with the race indexes on the shared copies."""
    metadata = MetaData(naming_convention=Base.metadata.naming_convention)
    for name in (*sorted(SHARED_TABLES), *sorted(SERVICE_TABLES)):
        Base.metadata.tables[name].to_metadata(metadata)
    for name, (table_name, columns, where) in RACE_INDEXES.items():
        table: Table = metadata.tables[table_name]
        condition: dict[str, Any] = {}
        if where is not None:
            condition = {"sqlite_where": text(where), "postgresql_where": text(where)}
        Index(name, *(table.c[c] for c in columns), unique=True, **condition)
    return metadata


def include_object(
    obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any
) -> bool:
    """The service's tables with everything on them, and its race indexes on shared tables
    (whose tables are looked at for those indexes alone)."""
    if type_ == "table":
        return name in SERVICE_TABLES or name in RACE_TABLES
    table_name = getattr(getattr(obj, "table", None), "name", None)
    if table_name in SERVICE_TABLES:
        return True
    return type_ == "index" and name in RACE_INDEXES
