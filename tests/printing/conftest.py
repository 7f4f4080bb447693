"""Fixtures of the badge tests: signing keys, a fair in memory, and Qt where it is drawn."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from sqlalchemy.orm import Session

from desk.models.badge_token import generate_private_key, key_id_for
from desk.printing.jobs import KeySigner
from desk.printing.revisions import MemoryCounterStore, RevisionAllocator
from tests.printing.fair import Fair, memory_session


@pytest.fixture(scope="session")
def service_key() -> Ed25519PrivateKey:
    return generate_private_key()


@pytest.fixture(scope="session")
def desk_key() -> Ed25519PrivateKey:
    return generate_private_key()


@pytest.fixture(scope="session")
def public_keys(
    service_key: Ed25519PrivateKey, desk_key: Ed25519PrivateKey
) -> dict[str, Ed25519PublicKey]:
    """What a gate holds: the service's key and every enrolled desk's."""
    return {
        key_id_for(service_key, "service"): service_key.public_key(),
        key_id_for(desk_key, "desk"): desk_key.public_key(),
    }


@pytest.fixture(scope="session")
def service_signer(service_key: Ed25519PrivateKey) -> KeySigner:
    return KeySigner(service_key, key_id_for(service_key, "service"))


@pytest.fixture(scope="session")
def desk_signer(desk_key: Ed25519PrivateKey) -> KeySigner:
    return KeySigner(desk_key, key_id_for(desk_key, "desk"))


@pytest.fixture
def session() -> Iterator[Session]:
    yield from memory_session()


@pytest.fixture
def fair(session: Session) -> Fair:
    return Fair(session)


@pytest.fixture
def allocator(fair: Fair) -> RevisionAllocator:
    return RevisionAllocator(str(fair.desk_id), MemoryCounterStore())


@pytest.fixture
def badge_png_dir(tmp_path: Path) -> Path:
    """Where rendered badges go as PNGs: FAIRDESK_BADGE_PNG_DIR keeps them to look at."""
    kept = os.environ.get("FAIRDESK_BADGE_PNG_DIR")
    path = Path(kept) if kept else tmp_path / "png"
    path.mkdir(parents=True, exist_ok=True)
    return path


def new_id() -> str:
    return str(uuid.uuid4())
