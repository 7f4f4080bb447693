"""A replica in memory, and a fair in it, for the model tests."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine
from sqlalchemy.orm import Session

from desk.models.migrate import upgrade_shared
from tests.models.world import StoredPhotos, World


@pytest.fixture
def session() -> Iterator[Session]:
    engine = create_engine("sqlite://")
    upgrade_shared(engine)
    with Session(engine) as s:
        yield s
    engine.dispose()


@pytest.fixture
def world(session: Session) -> World:
    photos = StoredPhotos()
    committee_id, host_id = uuid.uuid4(), uuid.uuid4()
    w = World(session=session, photos=photos, committee_id=committee_id, host_id=host_id)
    w.as_admin(
        "create_host_org", host_org_id=str(committee_id), name="组委会现场登记处", is_committee=True
    )
    w.as_admin(
        "create_host_org", host_org_id=str(host_id), name="北京市商务局", name_en="Beijing Commerce"
    )
    return w
