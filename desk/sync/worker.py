"""The sync worker: plain threads that keep a replica in step with its service.

- The cycle thread runs `engine.sync_once()` every few seconds while online, at once when
  poked (a local command, news from the watcher), and with backoff while offline (then a
  cheap probe first).
- The watcher thread long-polls the service while online and idle, so a decision made
  anywhere reaches this desk within a second or two rather than at the next tick.

Both stop for good once a cycle reports the desk wiped (`CycleResult.wiped`).

No Qt here: the desk's UI wraps this and turns `on_cycle` callbacks into signals.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from desk.sync.engine import CycleResult, SyncEngine
from desk.sync.errors import SyncError
from desk.sync.link import ONLINE

log = logging.getLogger(__name__)

LONG_POLL_S = 25.0


class SyncWorker:
    """Owns the two threads; `start`, `poke`, `stop`. Callbacks run on the cycle thread."""

    def __init__(self, engine: SyncEngine, *, long_poll_s: float = LONG_POLL_S) -> None:
        self.engine = engine
        self.long_poll_s = long_poll_s
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._cycle_done = threading.Event()
        self._callbacks: list[Callable[[CycleResult], None]] = []
        self._threads: list[threading.Thread] = []
        self.last_result: CycleResult | None = None
        engine.replica.on_recorded(self.poke)

    def on_cycle(self, callback: Callable[[CycleResult], None]) -> None:
        self._callbacks.append(callback)

    def start(self) -> None:
        self._stop.clear()
        for target, name in ((self._run, "sync-cycle"), (self._watch, "sync-watch")):
            thread = threading.Thread(target=target, name=name, daemon=True)
            self._threads.append(thread)
            thread.start()

    def poke(self) -> None:
        """Run a cycle now (after a local command, or when the watcher heard of news)."""
        self._wake.set()

    def stop(self, timeout_s: float = 5.0) -> None:
        self._stop.set()
        self._wake.set()
        self._cycle_done.set()
        for thread in self._threads:
            thread.join(timeout=timeout_s)
        self._threads.clear()

    def _run(self) -> None:
        delay = 0.0
        while not self._stop.is_set():
            self._wake.wait(timeout=delay)
            self._wake.clear()
            if self._stop.is_set():
                break
            if self.engine.link.state != ONLINE and self.engine.link.view().failures:
                if not self.engine.probe():
                    delay = self.engine.link.next_delay_s()
                    continue
            result = self.engine.sync_once()
            self.last_result = result
            self._cycle_done.set()
            for callback in list(self._callbacks):
                try:
                    callback(result)
                except Exception:
                    log.exception("a sync callback failed")
            if result.wiped:  # nothing left to sync; the callbacks told the desk
                self._stop.set()
                break
            delay = self.engine.link.next_delay_s()

    def _watch(self) -> None:
        while not self._stop.is_set() and not self.engine.wiped:
            if self.engine.link.state != ONLINE:
                self._stop.wait(1.0)
                continue
            try:
                news = self.engine.watch(self.long_poll_s)
            except SyncError:
                self._stop.wait(2.0)
                continue
            except Exception:  # never let the watcher die silently
                log.exception("the long poll failed")
                self._stop.wait(5.0)
                continue
            if news and not self._stop.is_set():
                # Wait for the cycle that takes the news in, so an old cursor does not make
                # the next long poll return at once, again and again.
                self._cycle_done.clear()
                self.poke()
                self._cycle_done.wait(timeout=30.0)
