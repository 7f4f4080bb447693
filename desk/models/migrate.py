"""Schema migrations: the shared tables' history, run by the desk and the service alike.

Each side keeps its own tables in a history of its own (the service's in `central/`, the
desk's outbox in `desk/sync/`), each with its own version table, so the shared history is
the same on every replica and on the service.

Alembic is imported only when a history has something to run: a desk opening a replica
whose histories are at their heads (every start but the first after an update) compares the
stored revisions with the heads read from the revision files, and stops there.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine

if TYPE_CHECKING:
    from alembic.config import Config

SHARED_MIGRATIONS = Path(__file__).resolve().parent / "migrations"
SHARED_VERSION_TABLE = "schema_version_shared"

# `revision = "0002"`, `down_revision: str | None = "0001"`, `down_revision = ("a", "b")`.
_REVISION_LINE = re.compile(r"^(down_revision|revision)\s*(?::[^=]*)?=\s*(.+?)\s*$",
                            re.MULTILINE)


def alembic_config(script_location: Path, version_table: str) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(script_location))
    config.attributes["version_table"] = version_table
    return config


def upgrade(bind: Engine | Connection, script_location: Path, version_table: str) -> None:
    """Bring one history to its head on this database."""
    from alembic import command

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


def head_revisions(script_location: Path) -> frozenset[str] | None:
    """The heads of a history, read from its revision files without Alembic; None when a
    file does not say its revisions in the plain form (Alembic then decides)."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in sorted((script_location / "versions").glob("*.py")):
        found = {m[1]: m[2] for m in _REVISION_LINE.finditer(path.read_text("utf-8"))}
        if "revision" not in found or "down_revision" not in found:
            return None
        try:
            revision = ast.literal_eval(found["revision"])
            down = ast.literal_eval(found["down_revision"])
        except (ValueError, SyntaxError):
            return None
        if not isinstance(revision, str):
            return None
        revisions.add(revision)
        if isinstance(down, str):
            parents.add(down)
        elif isinstance(down, tuple | list):
            parents.update(str(d) for d in down)
        elif down is not None:
            return None
    heads = revisions - parents
    return frozenset(heads) if heads else None


def stored_revisions(conn: Connection, version_table: str) -> frozenset[str]:
    """The revisions a database records for one history (none for a new database)."""
    exists = conn.exec_driver_sql(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (version_table,)
    ).first() if conn.dialect.name == "sqlite" else None
    if exists is None:
        return frozenset()
    return frozenset(r[0] for r in conn.exec_driver_sql(
        f"SELECT version_num FROM {version_table}"))


def at_head(conn: Connection, script_location: Path, version_table: str) -> bool:
    heads = head_revisions(script_location)
    return heads is not None and stored_revisions(conn, version_table) == heads


def upgrade_if_behind(conn: Connection, script_location: Path, version_table: str) -> bool:
    """Run one history on a SQLite replica unless it is at its head already; True when
    Alembic ran."""
    if at_head(conn, script_location, version_table):
        return False
    upgrade(conn, script_location, version_table)
    return True
