"""Fixtures: a real service in a subprocess (SQLite, or PostgreSQL), a fair in it, a
fault-injecting proxy in front of it, and desks."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.pg import PgCluster, find_pg_bin
from tests.sync.harness import Desk, Fair, Service, make_desk
from tests.sync.proxy import FaultProxy


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[PgCluster]:
    if find_pg_bin() is None:
        message = "PostgreSQL server binaries are missing"
        if os.environ.get("FAIRDESK_REQUIRE_PG") == "1":
            pytest.fail(message)
        pytest.skip(message)
    cluster = PgCluster(fsync=False).start()
    yield cluster
    cluster.stop()


def new_service(
    workdir: Path, backend: str, request: pytest.FixtureRequest, env: dict[str, str] | None = None
) -> Service:
    url = None
    if backend == "postgresql":
        cluster: PgCluster = request.getfixturevalue("pg_cluster")
        url = cluster.create_database(f"s_{uuid.uuid4().hex[:12]}")
    return Service(workdir, url, env)


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def service(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Service]:
    backend = getattr(request, "param", None) or "sqlite"
    if "backend" in request.fixturenames:
        backend = request.getfixturevalue("backend")
    svc = new_service(tmp_path / "service", backend, request)
    svc.db()
    svc.start()
    yield svc
    svc.close()


@pytest.fixture
def fair(service: Service) -> Fair:
    return Fair(service).setup()


@pytest.fixture
def proxy(service: Service) -> Iterator[FaultProxy]:
    relay = FaultProxy(service.port)
    yield relay
    relay.close()


@pytest.fixture
def desks(fair: Fair, proxy: FaultProxy, tmp_path: Path) -> Iterator[Callable[..., Desk]]:
    made: list[Desk] = []

    def make(name: str, **kwargs: Any) -> Desk:
        kwargs.setdefault("url", proxy.url)
        desk = make_desk(fair, tmp_path / "desks", name, **kwargs)
        made.append(desk)
        return desk

    yield make
    for desk in made:
        desk.close()


@pytest.fixture(scope="session")
def good_photo(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """A badge photo that passes every rule: a real portrait on white, fixed by the rules'
    own auto-fix (so the service accepts it)."""
    from tests.sync.photos import make_good_photo

    return make_good_photo()


@pytest.fixture(scope="session")
def bad_photo() -> bytes:
    from tests.sync.photos import make_bad_photo

    return make_bad_photo()
