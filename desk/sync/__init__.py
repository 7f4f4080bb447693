"""Desk side of the sync protocol: the replica, the outbox, the engine and its worker.

No Qt here. The views get these through the desk's service object:

- `open_desk_replica(data_dir)` / `open_replica(path, key=None) -> Replica`: locked when the
  file exists; `operators.login(replica, client, username, password)` opens it
  (`replica.locked`, `replica.unlock(key)`, `ReplicaLocked`)
- `outbox.record(replica, name, args, operator_id=...) -> Recorded` (raises `CommandRefused`)
- `SyncEngine(replica)`, `.sync_once() -> CycleResult`; `SyncWorker(engine).start()`
- `desk_status(replica, link)`; `operators.login(...)`; `attention.open_items(session)`,
  `outbox.resend(...)`, `outbox.resolve_item(...)`
- `wipe.wipe_replica(replica, force=...)`; a cycle that wiped says `CycleResult.wiped`
"""

from __future__ import annotations

from desk.sync.engine import CycleResult, SyncEngine
from desk.sync.errors import (
    AuthError,
    LoginRefused,
    Offline,
    ReplicaLocked,
    ReplicaRestored,
    ServerError,
    SyncError,
    VersionNotSupported,
)
from desk.sync.outbox import Recorded, record
from desk.sync.replica import Replica, open_desk_replica, open_replica
from desk.sync.status import desk_status
from desk.sync.worker import SyncWorker

__all__ = [
    "AuthError",
    "CycleResult",
    "LoginRefused",
    "Offline",
    "Recorded",
    "Replica",
    "ReplicaLocked",
    "ReplicaRestored",
    "ServerError",
    "SyncEngine",
    "SyncError",
    "SyncWorker",
    "VersionNotSupported",
    "desk_status",
    "open_desk_replica",
    "open_replica",
    "record",
]
