"""The central service fixtures (a fresh service on SQLite and PostgreSQL per test), shared."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.central.conftest import (
    database_url,
    fair,
    pg_cluster,
    pg_svc,
    sqlite_template,
    svc,
)
from tests.central.harness import Harness

__all__ = ["fair", "pg_cluster", "pg_svc", "sqlite_template", "svc"]


@pytest.fixture
def sq(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Harness]:
    """A fresh service over SQLite with one user of every role (enough where the backend
    plays no part)."""
    harness = Harness("sqlite", database_url("sqlite", request, tmp_path), str(tmp_path / "b"))
    harness.standard_fair()
    yield harness
    harness.close()
