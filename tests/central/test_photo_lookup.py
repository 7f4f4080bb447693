"""The service's verdict on a photo named by a command: by hash, and for its own kind only."""

from __future__ import annotations

from sqlalchemy import create_engine
from sqlalchemy.orm import Session

from central.db.migrate import migrate
from central.db.tables import Blob
from central.services.commands import BlobPhotoLookup


def test_a_photo_counts_only_for_the_kind_it_was_checked_as(tmp_path) -> None:  # type: ignore[no-untyped-def]
    engine = create_engine(f"sqlite:///{tmp_path / 'service.db'}")
    migrate(engine)
    badge, refused = "a" * 64, "b" * 64
    with Session(engine) as session:
        session.add(Blob(sha256=badge, kind="badge", size=60_000, ok=True, failures=[]))
        session.add(Blob(sha256=refused, kind="one-inch", size=40_000, ok=False, failures=[]))
        session.flush()
        lookup = BlobPhotoLookup(session)
        assert lookup.photo_status(badge, "badge") == "accepted"
        assert lookup.photo_status(badge.upper(), "badge") == "accepted"
        assert lookup.photo_status(badge, "one-inch") == "refused"
        assert lookup.photo_status(badge, "licence") == "refused"
        assert lookup.photo_status(refused, "one-inch") == "refused"
        assert lookup.photo_status("c" * 64, "badge") == "missing"
    engine.dispose()
