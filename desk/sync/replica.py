"""The desk's replica: one SQLite file with the shared tables and the desk's own.

SQLite settings, and why:
- WAL: the UI reads while the sync thread writes a page; readers never block the writer.
- `synchronous=FULL`: a command is on disk when `record` returns. With WAL, NORMAL is safe
  from corruption but a power cut may drop the last commits, and an outbox row may be the
  only trace of a badge already handed over. FULL costs one fsync per commit: a few per
  minute for commands. A pulled page commits with NORMAL instead: a power cut may roll it
  back, but its cursor goes with it, so the page is simply pulled again; the next FULL
  commit flushes it anyway (the WAL is written in order).
- busy timeout 30 s, and writers start with BEGIN IMMEDIATE: two writers (the UI's worker,
  the sync thread) queue on the lock instead of failing when a read turns into a write.
- foreign keys off: pulled pages arrive in version order, so a child may come before the
  parent's newest version; the service enforces integrity.

The file is encrypted (see `cipher`) with a key kept wrapped in key slots beside it (see
`keyslots`). A replica opened without its key is *locked*: `identity()` answers from the
slots file (whom to ask), and `read()`/`write()` raise `ReplicaLocked` until `unlock(key)`,
which `operators.login` calls after checking the operator's password. Once unlocked, the key
stays in memory until `close()`, so a desk whose screen is locked keeps syncing.
"""

from __future__ import annotations

import hmac
import logging
import threading
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, event, select
from sqlalchemy.orm import Session, sessionmaker

from desk.models.coltypes import utc_now
from desk.models.commands.base import PhotoStatus
from desk.models.migrate import SHARED_MIGRATIONS, SHARED_VERSION_TABLE, upgrade_if_behind
from desk.sync import cipher, keyslots, rebase, rows
from desk.sync.errors import ReplicaLocked
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
        # Checked against the rules of its own kind only (badge, one-inch, licence).
        return "accepted" if row.status == "accepted" and row.kind == kind else "refused"


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
    """A replica file, locked or open. Thread-safe: each `read()`/`write()` uses its own
    session."""

    def __init__(
        self,
        path: Path,
        engine: Engine | None,
        clock: Callable[[], datetime],
        *,
        key: bytes | None = None,
    ) -> None:
        self.path = path
        self.clock = clock
        self._key = key
        self._engine: Engine | None = None
        self._wiped = False
        self._unlock_lock = threading.Lock()
        self._listeners: list[Callable[[], None]] = []
        self._listeners_lock = threading.Lock()
        if engine is not None:
            self._attach(engine)

    def _attach(self, engine: Engine) -> None:
        self._engine = engine
        self._write_engine = engine.execution_options(fairdesk_write=True)
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._write_sessions = sessionmaker(self._write_engine, expire_on_commit=False)
        rebase.install_capture(self._write_sessions)
        self._pulled_sessions = sessionmaker(
            engine.execution_options(fairdesk_write=True, fairdesk_lazy_sync=True),
            expire_on_commit=False,
        )
        rebase.install_capture(self._pulled_sessions)

    # -- the key ----------------------------------------------------------------------

    @property
    def locked(self) -> bool:
        return self._engine is None

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            raise self._locked_error()
        return self._engine

    @property
    def slots_path(self) -> Path:
        return keyslots.slots_path(self.path)

    def keyslots(self) -> keyslots.KeySlots | None:
        """The key slots as they are on disk now."""
        return keyslots.KeySlots.load(self.slots_path)

    def key(self) -> bytes:
        """The replica key (only while open): for wrapping it into a new slot."""
        if self._key is None or self._engine is None:
            raise self._locked_error()
        return self._key

    def unlock(self, key: bytes) -> None:
        """Open the database with `key` (created when missing) and bring its schema up to
        date. Raises `ReplicaLocked("wrong_key")` when the key does not open it."""
        with self._unlock_lock:
            if self._wiped:
                raise self._locked_error()
            if self._engine is not None:
                if self._key is not None and hmac.compare_digest(self._key, key):
                    return
                raise ReplicaLocked("wrong_key", "The replica is open with another key")
            if not cipher.key_opens(self.path, key):
                raise ReplicaLocked("wrong_key", "This key does not open the replica")
            engine = _engine(self.path, key)
            try:
                _prepare(engine)
            except Exception:
                engine.dispose()
                raise
            self._key = key
            self._attach(engine)
            cipher.remember(self.path, key)

    def lock(self) -> None:
        """Close the database and drop the key from this object (the sign-in that opened it
        was refused after all)."""
        with self._unlock_lock:
            engine, self._engine, self._key = self._engine, None, None
            cipher.forget(self.path)
        if engine is not None:
            engine.dispose()

    def mark_wiped(self) -> None:
        """The files are being destroyed: refuse every further use."""
        self._wiped = True
        self.lock()

    @property
    def wiped(self) -> bool:
        return self._wiped

    def _locked_error(self) -> ReplicaLocked:
        if self._wiped:
            return ReplicaLocked("wiped", "This desk's data was wiped")
        return ReplicaLocked("locked", "Sign in to open this desk's data")

    # -- sessions ---------------------------------------------------------------------

    @contextmanager
    def write(self, *, durable: bool = True) -> Iterator[Session]:
        """One write transaction: committed at the end of the block, rolled back on error.

        `durable=False` is for a pulled page: its commit is not flushed to disk at once (see
        the module's notes), which a page with its cursor can afford and a command cannot."""
        if self._engine is None:
            raise self._locked_error()
        sessions = self._write_sessions if durable else self._pulled_sessions
        with sessions() as session, session.begin():
            yield session

    @contextmanager
    def read(self) -> Iterator[Session]:
        if self._engine is None:
            raise self._locked_error()
        with self._sessions() as session, session.begin():
            yield session

    def identity(self) -> Identity:
        """Who this replica is. While locked, what the key slots file says (no token)."""
        if self._engine is None:
            if self._wiped:
                raise self._locked_error()
            return _locked_identity(self.keyslots())
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
        engine, self._engine = self._engine, None
        self._key = None
        if engine is not None:
            engine.dispose()


def _locked_identity(slots: keyslots.KeySlots | None) -> Identity:
    meta = slots.meta if slots is not None else {}

    def as_uuid(value: object) -> uuid.UUID | None:
        try:
            return uuid.UUID(str(value)) if value else None
        except ValueError:
            return None

    return Identity(
        as_uuid(meta.get("client_id")) or uuid.UUID(int=0),
        as_uuid(meta.get("desk_id")),
        str(meta.get("desk_name") or "") or None,
        None,
        str(meta.get("service_url") or "") or None,
        None,
        None,
    )


def _engine(path: Path, key: bytes) -> Engine:
    engine = cipher.make_engine(path, key, busy_timeout_s=BUSY_TIMEOUT_MS / 1000)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # SQLAlchemy's "begin" event below emits BEGIN
        cursor = dbapi_conn.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=OFF")
        cursor.execute("PRAGMA temp_store=MEMORY")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        options = conn.get_execution_options()
        # Set per transaction: the pooled connection may have committed a pulled page last.
        lazy = options.get("fairdesk_lazy_sync")
        conn.exec_driver_sql(f"PRAGMA synchronous={'NORMAL' if lazy else 'FULL'}")
        conn.exec_driver_sql("BEGIN IMMEDIATE" if options.get("fairdesk_write") else "BEGIN")

    return engine


def _prepare(engine: Engine) -> None:
    """Both schema histories at their heads, every declared index there, and a new file's
    own client id."""
    with engine.execution_options(fairdesk_write=True).begin() as conn:
        upgrade_if_behind(conn, SHARED_MIGRATIONS, SHARED_VERSION_TABLE)
        upgrade_if_behind(conn, DESK_MIGRATIONS, DESK_VERSION_TABLE)
        # An initial pull that stopped half way left its tables without their indexes.
        if rows.restore_indexes(conn):
            log.info("indexes an interrupted pull had deferred are built again")
    with Session(engine.execution_options(fairdesk_write=True)) as session, session.begin():
        if session.get(SyncState, STATE_ID) is None:
            client_id = uuid.uuid4()
            session.add(SyncState(id=STATE_ID, client_id=client_id, created_at=utc_now()))
            session.add(SyncClient(client_id=client_id, own=True))
            log.info("new replica with its own client id")


def open_replica(
    path: str | Path,
    *,
    key: bytes | None = None,
    clock: Callable[[], datetime] | None = None,
) -> Replica:
    """The replica at `path`.

    - with `key`: opened (created when missing) with it;
    - without, when there is no file yet: created with a new random key, held in memory
      until enrollment wraps it in the escrow slot;
    - without, when this process opened it before: opened with the key it used then;
    - without, otherwise: returned *locked* (see `Replica.unlock` and `operators.login`).

    Raises `ReplicaLocked`: `plaintext_replica` for a file from before encryption,
    `no_key_slots` for a file nobody can ever open (see `open_desk_replica`).
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    replica = Replica(path, None, clock or utc_now)
    key = key or cipher.known_key(path)
    if key is None and not path.exists():
        # A stale slots file would wrap some other key: it goes with the file it opened.
        keyslots.destroy(keyslots.slots_path(path))
        key = cipher.new_key()
    if key is not None:
        replica.unlock(key)
        return replica
    if cipher.is_plaintext(path):
        raise ReplicaLocked("plaintext_replica", "This replica predates encryption")
    slots = replica.keyslots()
    if slots is None or slots.empty:
        raise ReplicaLocked("no_key_slots", "No key slot opens this replica")
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
    """The desk's own replica (locked when it exists): under `data_dir` (`--data-dir`), else
    where the settings say. A file without key slots is what a wipe or an enrollment cut
    short leaves: nothing can ever read it, so a new replica takes its place."""
    from desk import settings

    path = settings.load().replica_path(data_dir)
    try:
        return open_replica(path)
    except ReplicaLocked as error:
        if error.code != "no_key_slots":
            raise
    log.warning("the replica file has no key slots and cannot be read: starting a new one")
    for leftover in cipher.replica_files(path):
        leftover.unlink(missing_ok=True)
    return open_replica(path)
