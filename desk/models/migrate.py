"""Schema migrations: the shared tables' history, run by the desk and the service alike.

Each side keeps its own tables in a history of its own (the service's in `central/`, the
desk's outbox in `desk/sync/`), each with its own version table, so the shared history is
the same on every replica and on the service.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine

SHARED_MIGRATIONS = Path(__file__).resolve().parent / "migrations"
SHARED_VERSION_TABLE = "schema_version_shared"


def alembic_config(script_location: Path, version_table: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(script_location))
    config.attributes["version_table"] = version_table
    return config


def upgrade(bind: Engine | Connection, script_location: Path, version_table: str) -> None:
    """Bring one history to its head on this database."""
    config = alembic_config(script_location, version_table)
    if isinstance(bind, Engine):
        with bind.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    else:
        config.attributes["connection"] = bind
        command.upgrade(config, "head")


def upgrade_shared(bind: Engine | Connection) -> None:
    upgrade(bind, SHARED_MIGRATIONS, SHARED_VERSION_TABLE)
