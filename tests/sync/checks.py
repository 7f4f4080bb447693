"""What the property tests compare: the service's data and results, each desk's replica."""

from __future__ import annotations

import hashlib
import json
import time
import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import sqlcipher3
from sqlalchemy import Engine, select

from central.db.tables import CommandResult
from central.services.pull import serialise_row
from desk.models.schema import ENTITIES
from desk.sync import cipher
from desk.sync.tables import PENDING, OutboxCommand
from tests.sync.harness import Desk, Service

TABLES = {name: cls.__table__ for name, cls in ENTITIES.items()}  # type: ignore[attr-defined]


def raw_connect(path: Path, key: bytes | None = None) -> sqlcipher3.Connection:
    """A bare connection to an encrypted replica, with the key this process opened it with
    (or `key`), to peek at it while another process writes."""
    key = key or cipher.known_key(path)
    assert key is not None, "open the replica in this process first"
    conn = sqlcipher3.connect(str(path), timeout=30)
    conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    return conn


def _snapshot(engine: Engine) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    with engine.connect() as conn:
        for name, table in TABLES.items():
            rows = conn.execute(select(table).where(table.c.deleted.is_(False))).all()
            out[name] = {str(r.id): serialise_row(table, r) for r in rows}
    return out


def service_snapshot(service: Service) -> dict[str, dict[str, Any]]:
    return _snapshot(service.db().engine)


def replica_snapshot(desk: Desk) -> dict[str, dict[str, Any]]:
    return _snapshot(desk.replica.engine)


def table_hashes(snapshot: dict[str, dict[str, Any]]) -> dict[str, str]:
    return {
        name: hashlib.sha256(
            json.dumps(rows, sort_keys=True, ensure_ascii=False).encode()
        ).hexdigest()
        for name, rows in snapshot.items()
    }


def service_results(service: Service) -> dict[tuple[str, int], str]:
    with service.db().read() as session:
        rows = session.execute(
            select(CommandResult.client_id, CommandResult.id, CommandResult.status)
        )
        return {(str(c), int(i)): str(s) for c, i, s in rows}


def outbox_rows(desk: Desk) -> list[OutboxCommand]:
    with desk.replica.read() as session:
        return list(session.scalars(select(OutboxCommand).order_by(OutboxCommand.seq)))


def heal(desks: Sequence[Desk], timeout_s: float = 60.0) -> float:
    """Sync every desk until none has anything waiting and a full round pulls nothing;
    returns the seconds it took."""
    started = time.monotonic()
    while time.monotonic() - started < timeout_s:
        quiet = True
        for desk in desks:
            result = desk.engine.sync_once()
            if not result.ok or result.waiting or result.pulled or result.pushed:
                quiet = False
        if quiet:
            return time.monotonic() - started
        time.sleep(0.05)
    raise AssertionError("desks did not converge in time")


def assert_everything_answered(service: Service, desks: Sequence[Desk]) -> int:
    """P1: every command a desk committed has a final result on the service, the same one
    the desk holds."""
    results = service_results(service)
    total = 0
    for desk in desks:
        for row in outbox_rows(desk):
            key = (str(row.client_id), row.id)
            assert row.status != PENDING, f"{desk.name} #{row.id} {row.name} still pending"
            assert key in results, f"{desk.name} #{row.id} {row.name} has no service result"
            assert results[key] == row.status, (
                f"{desk.name} #{row.id}: {row.status} != {results[key]}"
            )
            total += 1
    return total


def assert_converged(service: Service, desks: Sequence[Desk]) -> None:
    """P4: every desk's replica equals the service's data, table by table."""
    expected = table_hashes(service_snapshot(service))
    for desk in desks:
        got = table_hashes(replica_snapshot(desk))
        differing = [name for name in expected if expected[name] != got.get(name)]
        if differing:
            theirs, ours = service_snapshot(service), replica_snapshot(desk)
            name = differing[0]
            missing = set(theirs[name]) - set(ours[name])
            extra = set(ours[name]) - set(theirs[name])
            changed = [
                k for k in set(theirs[name]) & set(ours[name]) if theirs[name][k] != ours[name][k]
            ]
            detail = ""
            if changed:
                k = changed[0]
                detail = str(
                    {
                        c: (theirs[name][k][c], ours[name][k][c])
                        for c in theirs[name][k]
                        if theirs[name][k][c] != ours[name][k].get(c)
                    }
                )
            raise AssertionError(
                f"{desk.name} differs in {differing}: missing {len(missing)}, "
                f"extra {len(extra)}, changed {len(changed)} {detail}"
            )


def uid(value: Any) -> uuid.UUID:
    return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))
