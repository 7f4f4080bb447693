"""The desk's replica: one SQLite file with the shared tables and the desk's own.

SQLite settings, and why:
- WAL: the UI reads while the sync thread writes a page; readers never block the writer.
- `synchronous=FULL`: a command is on disk when `record` returns. With WAL, NORMAL is safe
  from corruption but a power cut may drop the last commits, and an outbox row may be the
  only trace of a badge already handed over. FULL costs one fsync per commit: a few per
  minute for commands, one per page of up to 5,000 rows for pulls.
- busy timeout 30 s, and writers start with BEGIN IMMEDIATE: two writers (the UI's worker,
  the sync thread) queue on the lock instead of failing when a read turns into a write.
- foreign keys off: pulled pages arrive in version order, so a child may come before the
  parent's newest version; the service enforces integrity.
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, select
from sqlalchemy.orm import Session, sessionmaker

from desk.models.coltypes import utc_now
from desk.models.commands.base import PhotoStatus
from desk.models.migrate import upgrade, upgrade_shared
from desk.sync import rebase
from desk.sync.tables import StoredPhoto, SyncClient, SyncState

log = logging.getLogger(__name__)

DESK_MIGRATIONS = Path(__file__).resolve().parent / "migrations"
DESK_VERSION_TABLE = "schema_version_desk"
BUSY_TIMEOUT_MS = 30_000
STATE_ID = 1


class ReplicaPhotos:
    """The desk's `PhotoLookup`: photos taken or fetched here, with their check verdict."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def photo_status(self, sha256: str, kind: str) -> PhotoStatus:
        row = self._session.get(StoredPhoto, sha256.lower())
        if row is None:
            return "missing"
        return "accepted" if row.status == "accepted" else "refused"


@dataclass(frozen=True)
class Identity:
    """Who this replica is, read once per use (not a live view)."""

    client_id: uuid.UUID
    desk_id: uuid.UUID | None
    desk_name: str | None
    host_org_id: uuid.UUID | None
    service_url: str | None
    token: str | None
    blocked: str | None


class Replica:
    """An open replica file. Thread-safe: each `read()`/`write()` uses its own session."""

    def __init__(self, path: Path, engine: Engine, clock: Callable[[], datetime]) -> None:
        self.path = path
        self.engine = engine
        self.clock = clock
        self._write_engine = engine.execution_options(fairdesk_write=True)
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._write_sessions = sessionmaker(self._write_engine, expire_on_commit=False)
        rebase.install_capture(self._write_sessions)
        self._listeners: list[Callable[[], None]] = []
        self._listeners_lock = threading.Lock()

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One write transaction: committed at the end of the block, rolled back on error."""
        with self._write_sessions() as session, session.begin():
            yield session

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._sessions() as session, session.begin():
            yield session

    def identity(self) -> Identity:
        with self.read() as session:
            state = session.get(SyncState, STATE_ID)
            assert state is not None
            return Identity(
                state.client_id,
                state.desk_id,
                state.desk_name,
                state.host_org_id,
                state.service_url,
                state.device_token,
                state.blocked,
            )

    def on_recorded(self, listener: Callable[[], None]) -> None:
        """Call `listener` after each command committed here (the sync worker's poke)."""
        with self._listeners_lock:
            self._listeners.append(listener)

    def notify_recorded(self) -> None:
        with self._listeners_lock:
            listeners = list(self._listeners)
        for listener in listeners:
            try:
                listener()
            except Exception:  # a broken listener must not undo a committed command
                log.exception("a command listener failed")

    def close(self) -> None:
        self.engine.dispose()


def _engine(path: Path) -> Engine:
    engine = create_engine(
        f"sqlite:///{path}",
        connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000},
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # SQLAlchemy's "begin" event below emits BEGIN
        cursor = dbapi_conn.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=OFF")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        immediate = conn.get_execution_options().get("fairdesk_write")
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def open_replica(path: str | Path, *, clock: Callable[[], datetime] | None = None) -> Replica:
    """Open (or create) the replica at `path`, bring both schema histories to their heads,
    and give a new file its own client id."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    engine = _engine(path)
    with engine.execution_options(fairdesk_write=True).begin() as conn:
        upgrade_shared(conn)
        upgrade(conn, DESK_MIGRATIONS, DESK_VERSION_TABLE)
    replica = Replica(path, engine, clock or utc_now)
    with replica.write() as session:
        if session.get(SyncState, STATE_ID) is None:
            client_id = uuid.uuid4()
            session.add(SyncState(id=STATE_ID, client_id=client_id, created_at=utc_now()))
            session.add(SyncClient(client_id=client_id, own=True))
            log.info("new replica with its own client id")
    return replica


def own_client(session: Session) -> SyncClient:
    state = session.get(SyncState, STATE_ID)
    assert state is not None
    client = session.get(SyncClient, state.client_id)
    assert client is not None
    return client


def sync_state(session: Session) -> SyncState:
    state = session.get(SyncState, STATE_ID)
    assert state is not None
    return state


def clients(session: Session) -> list[SyncClient]:
    """Every client id to send under, others' (imported, older) first."""
    return list(session.scalars(select(SyncClient).order_by(SyncClient.own, SyncClient.client_id)))


def open_desk_replica(data_dir: str | Path | None = None) -> Replica:
    """The desk's own replica: under `data_dir` (`--data-dir`), else where the settings say."""
    from desk import settings

    return open_replica(settings.load().replica_path(data_dir))
