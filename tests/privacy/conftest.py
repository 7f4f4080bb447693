"""Fixtures: the sync tests' real service, fair, desks and photos; and one realistic desk
session whose leftovers the privacy tests look at."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from tests.privacy.flow import Session, debug_log, run_session, stderr_to
from tests.sync.conftest import (  # noqa: F401  (fixtures, found by name)
    bad_photo,
    desks,
    fair,
    good_photo,
    pg_cluster,
    proxy,
    service,
)
from tests.sync.harness import PASSWORD, Fair, Service


@pytest.fixture(scope="module")
def desk_session(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Session]:
    """One realistic session against a real service, logged at DEBUG into the desk's data
    folder, with stderr captured there too; the tests then look at what it left."""
    from tests.sync.photos import make_good_photo

    root = tmp_path_factory.mktemp("privacy")
    central = Service(root / "service")
    central.db()
    central.start()
    saved = {k: os.environ.get(k) for k in ("FAIRDESK_CONFIG_DIR", "FAIRDESK_PASSWORD")}
    session = Session(data_dir=root / "data", outside=root / "outside")
    session.outside.mkdir()
    os.environ["FAIRDESK_CONFIG_DIR"] = str(session.data_dir / "config")
    os.environ["FAIRDESK_PASSWORD"] = PASSWORD
    try:
        logs = session.data_dir / "logs"
        logs.mkdir(parents=True)
        with stderr_to(logs / "stderr.txt"), debug_log(logs / "desk.log"):
            run_session(Fair(central).setup(), session, make_good_photo())
        yield session
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        central.close()
