"""Alembic environment of the service's own tables and indexes (see
`central.db.service_schema` for what this history owns)."""

from __future__ import annotations

from alembic import context

from central.db.service_schema import include_object, service_metadata

config = context.config
connection = config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=service_metadata(),
    include_object=include_object,
    version_table=config.attributes["version_table"],
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
