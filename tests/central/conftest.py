"""Fixtures: a fresh service per test, on SQLite and on PostgreSQL."""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from central.db.engine import make_engine
from central.db.migrate import migrate
from tests.central.harness import Harness
from tests.pg import PgCluster, find_pg_bin

TEMPLATE_DB = "fairdesk_template"


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[PgCluster]:
    if find_pg_bin() is None:
        message = "PostgreSQL server binaries are missing (apt-get install postgresql)"
        if os.environ.get("FAIRDESK_REQUIRE_PG") == "1":
            pytest.fail(message)
        pytest.skip(message)
    cluster = PgCluster(fsync=False).start()
    url = cluster.create_database(TEMPLATE_DB)
    engine = make_engine(url)
    migrate(engine)
    engine.dispose()
    yield cluster
    cluster.stop()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    migrate(engine)
    engine.dispose()
    return path


def database_url(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if backend == "sqlite":
        template: Path = request.getfixturevalue("sqlite_template")
        target = tmp_path / "central.sqlite3"
        shutil.copyfile(template, target)
        return f"sqlite:///{target}"
    cluster: PgCluster = request.getfixturevalue("pg_cluster")
    return cluster.create_database(f"t_{uuid.uuid4().hex[:12]}", template=TEMPLATE_DB)


@pytest.fixture(params=["sqlite", "postgresql"])
def svc(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Harness]:
    url = database_url(request.param, request, tmp_path)
    harness = Harness(request.param, url, str(tmp_path / "blobs"))
    yield harness
    harness.close()


@pytest.fixture
def pg_svc(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Harness]:
    url = database_url("postgresql", request, tmp_path)
    harness = Harness("postgresql", url, str(tmp_path / "blobs"))
    yield harness
    harness.close()


@pytest.fixture
def sqlite_fair(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Harness]:
    harness = Harness("sqlite", database_url("sqlite", request, tmp_path), str(tmp_path / "blobs"))
    harness.standard_fair()
    yield harness
    harness.close()


@pytest.fixture
def fair(svc: Harness) -> Harness:
    svc.standard_fair()
    return svc
