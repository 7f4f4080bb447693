"""Engines and sessions for SQLite (one laptop) and PostgreSQL (a real fair).

Three flavours of session over one connection pool:
- `write()`: on SQLite it starts with BEGIN IMMEDIATE, taking the write lock up front. A
  deferred transaction that reads first and then writes fails at once with SQLITE_BUSY when
  another writer committed in between (WAL snapshot upgrade), ignoring the busy timeout.
- `read()`: on PostgreSQL, REPEATABLE READ, so every query of a pull page sees one snapshot
  (the rows, `last_command_id` and the counter agree). A SQLite read transaction is a
  snapshot already.
- `write()` on PostgreSQL stays READ COMMITTED: a command that loses a race re-reads the
  winner's row after a unique violation instead of failing with a serialisation error.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from central.core.config import Settings
from central.db import versioning


def normalise_url(url: str) -> str:
    """Accept `postgresql://` and `postgres://` URLs and use the psycopg 3 driver for them."""
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://") :]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    return url


def make_engine(url: str, settings: Settings | None = None) -> Engine:
    settings = settings or Settings(db=url)
    url = normalise_url(url)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(url, settings)
    return create_engine(
        url,
        pool_size=settings.db_pool_size,
        max_overflow=settings.db_max_overflow,
        # No ping before each checkout: it is one more round trip on every request. A
        # connection the database dropped (a restart, a failover) fails its request instead,
        # answered 503, and the pool then replaces every connection older than the failure;
        # desks send again after a 503.
        pool_pre_ping=False,
        future=True,
    )


def _sqlite_engine(url: str, settings: Settings) -> Engine:
    database = make_url(url).database
    if database and database != ":memory:":
        Path(database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(
        url,
        connect_args={
            "check_same_thread": False,
            "timeout": settings.sqlite_busy_timeout_ms / 1000,
        },
        pool_size=settings.db_pool_size,
        max_overflow=settings.db_max_overflow,
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event emit BEGIN, so writers can ask for IMMEDIATE.
        dbapi_conn.isolation_level = None
        cursor = dbapi_conn.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={int(settings.sqlite_busy_timeout_ms)}")
        cursor.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL: durable at checkpoint, fast
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        if conn.get_execution_options().get("fairdesk_write"):
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            conn.exec_driver_sql("BEGIN")

    return engine


class Database:
    """The engine and the session factories the service and the CLI use."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.dialect = engine.dialect.name
        write_engine = engine.execution_options(fairdesk_write=True)
        read_engine = (
            engine.execution_options(isolation_level="REPEATABLE READ")
            if self.is_postgres
            else engine
        )
        self._write = sessionmaker(write_engine, expire_on_commit=False)
        self._read = sessionmaker(read_engine, expire_on_commit=False)
        # Called with the new highest version after each commit that stamped versions.
        self.on_committed: list[Callable[[int], None]] = []
        for factory in (self._write, self._read):
            versioning.install(factory, postgres=self.is_postgres, on_committed=self._committed)

    def _committed(self, version: int) -> None:
        for listener in self.on_committed:
            listener(version)

    @classmethod
    def from_url(cls, url: str, settings: Settings | None = None) -> Database:
        return cls(make_engine(url, settings))

    @property
    def is_postgres(self) -> bool:
        return self.dialect == "postgresql"

    def write_session(self) -> Session:
        return self._write()

    def read_session(self) -> Session:
        return self._read()

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A write transaction: committed when the block ends, rolled back on an exception."""
        with self._write() as session, session.begin():
            yield session

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._read() as session, session.begin():
            yield session

    def dispose(self) -> None:
        self.engine.dispose()
