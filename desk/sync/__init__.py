"""Desk side of the sync protocol: the replica, the outbox, the engine and its worker.

No Qt here. The views get these through the desk's service object:

- `open_replica(path) -> Replica`
- `outbox.record(replica, name, args, operator_id=...) -> Recorded` (raises `CommandRefused`)
- `SyncEngine(replica)`, `.sync_once() -> CycleResult`; `SyncWorker(engine).start()`
- `desk_status(replica, link)`; `operators.login(...)`; `attention.open_items(session)`,
  `outbox.resend(...)`, `outbox.resolve_item(...)`
"""

from __future__ import annotations

from desk.sync.engine import CycleResult, SyncEngine
from desk.sync.errors import (
    AuthError,
    LoginRefused,
    Offline,
    ReplicaRestored,
    ServerError,
    SyncError,
    VersionNotSupported,
)
from desk.sync.outbox import Recorded, record
from desk.sync.replica import Replica, open_replica
from desk.sync.status import desk_status
from desk.sync.worker import SyncWorker

__all__ = [
    "AuthError",
    "CycleResult",
    "LoginRefused",
    "Offline",
    "Recorded",
    "Replica",
    "ReplicaRestored",
    "ServerError",
    "SyncEngine",
    "SyncError",
    "SyncWorker",
    "VersionNotSupported",
    "desk_status",
    "open_replica",
    "record",
]
