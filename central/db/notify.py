"""Wake long-polling pulls as soon as a new version commits.

Each process keeps the highest committed version it knows of. Its own commits report it at
once; on PostgreSQL a listener thread hears every process's `NOTIFY`; and a light poll of the
counter row (one query per process, only while someone waits) covers what neither can see:
other processes on SQLite, or a LISTEN connection that dropped.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections.abc import Callable

import psycopg
from sqlalchemy import Engine

from central.db.versioning import NOTIFY_CHANNEL

log = logging.getLogger(__name__)


class ChangeNotifier:
    def __init__(self, read_version: Callable[[], int], *, recheck_s: float) -> None:
        self._read_version = read_version
        self._recheck_s = recheck_s
        self._lock = threading.Lock()
        self._latest = 0
        self._waiters: list[tuple[asyncio.AbstractEventLoop, asyncio.Future[None], int]] = []
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []

    @property
    def latest(self) -> int:
        return self._latest

    def bump(self, version: int) -> None:
        """A version `version` is committed: wake every waiter whose cursor is below it."""
        with self._lock:
            if version <= self._latest:
                return
            self._latest = version
            ready = [w for w in self._waiters if w[2] < version]
            self._waiters = [w for w in self._waiters if w[2] >= version]
        for loop, future, _cursor in ready:
            loop.call_soon_threadsafe(_resolve, future)

    async def wait_newer(self, cursor: int, timeout: float) -> bool:
        """Wait until a version above `cursor` is known to be committed, or `timeout` passes."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future[None] = loop.create_future()
        entry = (loop, future, cursor)
        with self._lock:
            if self._latest > cursor:
                return True
            self._waiters.append(entry)
        try:
            await asyncio.wait_for(future, timeout)
            return True
        except TimeoutError:
            return False
        finally:
            with self._lock:
                if entry in self._waiters:
                    self._waiters.remove(entry)

    def start(self, engine: Engine | None = None) -> None:
        self._stop.clear()
        try:
            self.bump(self._read_version())
        except Exception:  # the database may not be there yet; the poller retries
            log.warning("could not read the version counter at start", exc_info=True)
        poller = threading.Thread(target=self._poll, name="version-poller", daemon=True)
        self._threads.append(poller)
        if engine is not None and engine.dialect.name == "postgresql":
            dsn = engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
            listener = threading.Thread(
                target=self._listen, args=(dsn,), name="version-listener", daemon=True
            )
            self._threads.append(listener)
        for thread in self._threads:
            thread.start()

    def stop(self) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=3)
        self._threads.clear()

    def _poll(self) -> None:
        while not self._stop.wait(self._recheck_s):
            with self._lock:
                idle = not self._waiters
            if idle:
                continue
            try:
                self.bump(self._read_version())
            except Exception:
                log.warning("version poll failed", exc_info=True)

    def _listen(self, dsn: str) -> None:
        backoff = 0.5
        while not self._stop.is_set():
            try:
                with psycopg.connect(dsn, autocommit=True) as conn:
                    conn.execute(f"LISTEN {NOTIFY_CHANNEL}")
                    # Anything committed before LISTEN took effect is caught by this read.
                    self.bump(self._read_version())
                    backoff = 0.5
                    while not self._stop.is_set():
                        for note in conn.notifies(timeout=1.0):
                            try:
                                self.bump(int(note.payload))
                            except ValueError:
                                continue
            except Exception:
                if self._stop.is_set():
                    return
                log.warning("LISTEN connection lost; retrying in %.1f s", backoff)
                time.sleep(backoff)
                backoff = min(backoff * 2, 10.0)


def _resolve(future: asyncio.Future[None]) -> None:
    if not future.done():
        future.set_result(None)
