"""Keys the service keeps in its database are sealed under a master key kept outside it: a
dump of the database alone gives neither the badge-signing key nor any desk's escrow key."""

from __future__ import annotations

import base64
import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from central.core.config import Settings
from central.db.tables import DeskEscrowKey, ServiceSigningKey
from central.services import escrow, signing
from desk.models import badge_token as bt
from tests.central.conftest import database_url, sqlite_template
from tests.central.harness import Desk, Harness

PEM_MARK = b"PRIVATE KEY"
__all__ = ["sqlite_template"]  # the fixture, found by name


@pytest.fixture
def svc(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Harness]:
    harness = Harness("sqlite", database_url("sqlite", request, tmp_path), str(tmp_path / "b"))
    yield harness
    harness.close()


def database_bytes(svc: Harness) -> bytes:
    """The database as a copy of its files would hold it (with SQLite's journal beside)."""
    path = Path(svc.settings.db.removeprefix("sqlite:///"))
    return b"".join(p.read_bytes() for p in [path, *path.parent.glob(path.name + "-*")])


def sign(svc: Harness, desk: Desk) -> tuple[str, str]:
    answer = svc.http.post(
        f"{svc.url}/badges/sign",
        json={"badge_id": str(uuid.uuid4()), "revision_desk": desk.id, "revision_counter": 1},
        headers=desk.headers(),
    )
    assert answer.status_code == 200, answer.text
    return answer.json()["payload"], answer.json()["key_id"]


def verified_by(svc: Harness, payload: str) -> str:
    keys = svc.http.get(f"{svc.url}/keys").json()["keys"]
    return bt.verify_badge(payload, signing.key_map(keys)).key_id


def stored_key(svc: Harness) -> tuple[str, bytes]:
    with svc.db.read() as session:
        row = session.scalar(select(ServiceSigningKey).where(ServiceSigningKey.slot == 1))
        assert row is not None
        return row.key_id, bytes(row.private_key)


def test_the_signing_key_is_sealed_and_still_signs(svc: Harness, tmp_path: Path) -> None:
    desk = svc.enroll("K1")
    payload, key_id = sign(svc, desk)
    assert verified_by(svc, payload) == key_id
    stored_id, stored = stored_key(svc)
    assert stored_id == key_id and signing.is_sealed(stored)
    raw = signing.unseal(escrow.master_key(svc.settings), key_id, stored)
    private = bt.private_key_from_bytes(raw)
    assert bt.key_id_for(private, "service") == key_id  # the sealed key is the signing key
    dump = database_bytes(svc)
    for form in (raw, base64.b64encode(raw), raw.hex().encode(), PEM_MARK):
        assert form not in stored and form not in dump
    # Another service's master key (a stolen copy of the database elsewhere) opens nothing.
    elsewhere = escrow.master_key(Settings(db=svc.settings.db, blob_dir=tmp_path / "o" / "b"))
    assert elsewhere != escrow.master_key(svc.settings)
    with pytest.raises(signing.SigningKeyError):
        signing.unseal(elsewhere, key_id, stored)


def test_a_key_stored_in_clear_by_an_older_service_is_sealed_and_kept(svc: Harness) -> None:
    private = bt.generate_private_key()
    key_id = bt.key_id_for(private, "service")
    raw = bt.private_key_bytes(private)
    with svc.db.write() as session:
        session.add(
            ServiceSigningKey(
                key_id=key_id,
                private_key=raw,
                public_key=bt.public_key_text(private),
                slot=1,
            )
        )
    desk = svc.enroll("K2")
    payload, signed_with = sign(svc, desk)
    assert signed_with == key_id and verified_by(svc, payload) == key_id
    stored_id, stored = stored_key(svc)
    assert stored_id == key_id and signing.is_sealed(stored) and raw not in stored
    assert raw not in database_bytes(svc)


def test_escrow_keys_are_sealed_too(svc: Harness) -> None:
    from central.services import accounts

    with svc.db.write() as session:
        _desk, code = accounts.new_enrollment(session, svc.settings, name="K3")
    answer = svc.http.post(
        f"{svc.url}/escrow/enroll",
        json={"code": code, "public_key": base64.b64encode(os.urandom(32)).decode()},
    )
    assert answer.status_code == 200, answer.text
    key = base64.b64decode(answer.json()["escrow_key"])
    with svc.db.read() as session:
        row = session.scalar(
            select(DeskEscrowKey).where(
                DeskEscrowKey.desk_id == uuid.UUID(answer.json()["desk_id"])
            )
        )
        assert row is not None
        sealed = bytes(row.sealed)
    assert key not in sealed and len(sealed) > len(key)
    dump = database_bytes(svc)
    assert key not in dump and base64.b64encode(key) not in dump
