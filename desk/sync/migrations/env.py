"""Alembic environment of the desk-local tables (outbox, sync state, attention, photos...)."""

from __future__ import annotations

from typing import Any

from alembic import context

import desk.sync.tables  # noqa: F401  (registers the desk-local tables on Base.metadata)
from desk.models.schema import Base
from desk.sync.tables import DESK_TABLES


def include_object(
    obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any
) -> bool:
    table = obj if type_ == "table" else getattr(obj, "table", None)
    table_name = name if type_ == "table" else getattr(table, "name", None)
    return table_name in DESK_TABLES


config = context.config
connection = config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    include_object=include_object,
    version_table=config.attributes["version_table"],
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
