"""Alembic environment of the shared tables (those in `desk.models.schema.ENTITIES`)."""

from __future__ import annotations

from alembic import context

from desk.models.migrations.env_filter import include_object
from desk.models.schema import Base

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
