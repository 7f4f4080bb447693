"""Photos by SHA-256 in the replica: taken here and waiting for upload, or fetched from the
service the first time they are shown, then cached.

A command is pushed only after every photo it names is on the service. The service checks
each photo again; one it refuses is refused for good, and the commands naming it come back
rejected, so the operator retakes it.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from typing import Any

from desk.sync.client import Client
from desk.sync.replica import Replica
from desk.sync.tables import StoredPhoto

log = logging.getLogger(__name__)


def store(
    replica: Replica,
    data: bytes,
    kind: str,
    *,
    accepted: bool = True,
    failures: Sequence[dict[str, Any]] = (),
) -> str:
    """Keep a photo the operator took (with the verdict of the desk's own checks); returns
    its SHA-256, the name commands use for it."""
    digest = hashlib.sha256(data).hexdigest()
    with replica.write() as session:
        row = session.get(StoredPhoto, digest)
        if row is None:
            session.add(
                StoredPhoto(
                    sha256=digest,
                    kind=kind,
                    data=data,
                    status="accepted" if accepted else "refused",
                    uploaded=False,
                    failures=list(failures),
                )
            )
    return digest


def load(replica: Replica, sha256: str) -> bytes | None:
    with replica.read() as session:
        row = session.get(StoredPhoto, sha256.lower())
        return None if row is None else bytes(row.data)


def fetch(replica: Replica, client: Client, sha256: str, kind: str = "badge") -> bytes:
    """A photo from the replica, else from the service (then kept). Raises `Offline`."""
    cached = load(replica, sha256)
    if cached is not None:
        return cached
    data = client.get_blob(sha256)
    with replica.write() as session:
        if session.get(StoredPhoto, sha256) is None:
            session.add(
                StoredPhoto(
                    sha256=sha256,
                    kind=kind,
                    data=data,
                    status="accepted",
                    uploaded=True,
                    failures=[],
                )
            )
    return data


def ensure_uploaded(replica: Replica, client: Client, sha256: str) -> bool:
    """Make sure the service holds the photo. True when it does (accepted or refused: either
    way the command may go, and the service answers it); False when we cannot send it
    (not in this replica and not on the service). Raises `Offline` when unreachable."""
    with replica.read() as session:
        row = session.get(StoredPhoto, sha256)
        if row is not None and row.uploaded:
            return True
        kind = row.kind if row is not None else "badge"
        data = bytes(row.data) if row is not None else None
    remote = client.head_blob(sha256)
    if remote is None:
        if data is None:
            return False
        if hashlib.sha256(data).hexdigest() != sha256:
            log.error("a stored photo does not match its hash; it cannot be sent")
            return False
        answer = client.put_blob(sha256, kind, data)
        remote = str(answer.get("status") or "accepted")
        failures = answer.get("failures") or []
    else:
        failures = []
    with replica.write() as session:
        row = session.get(StoredPhoto, sha256)
        if row is not None:
            row.uploaded = True
            if remote == "refused":
                row.status = "refused"
                row.failures = list(failures)
    if remote == "refused":
        log.info("the service refused a photo; the commands naming it will come back rejected")
    return True


def upload_all(replica: Replica, client: Client, hashes: Sequence[str]) -> list[str]:
    """Upload each photo in turn; returns the hashes that could not be sent at all.
    Raises `Offline` when the service cannot be reached."""
    return [digest for digest in hashes if not ensure_uploaded(replica, client, digest)]
