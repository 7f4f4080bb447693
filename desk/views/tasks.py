"""One background-task helper: `op` runs off the UI thread, `success` or `failure` back on it.

Three pools, as the work differs: database writes on a single worker (SQLite has one writer;
queueing them here keeps the UI's own writes in order), reads on a small pool, network calls
on another, so a slow service never delays a search or a hand-out.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, Literal

import shiboken6
from PySide6.QtCore import QObject, Qt, Signal, Slot

log = logging.getLogger(__name__)

Pool = Literal["write", "read", "net"]
Success = Callable[[Any], None]
Failure = Callable[[BaseException], None]


class TaskManager(QObject):
    """Runs `op()` in a pool and calls `success(result)` or `failure(error)` on the UI thread.

    A failure without a handler goes to `unhandled_failure`, which the main window shows as
    an error dialog. When `owner` (a widget) is deleted before the op ends, no callback runs.

    Signals:
        unhandled_failure(object): an op failed and its caller gave no `failure` handler.
        busy_changed(int): the number of ops still running changed.
    """

    unhandled_failure = Signal(object)
    busy_changed = Signal(int)
    _finished = Signal(object)  # a closure to run on the UI thread

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pools: dict[str, ThreadPoolExecutor] = {
            "write": ThreadPoolExecutor(max_workers=1, thread_name_prefix="db-write"),
            "read": ThreadPoolExecutor(max_workers=2, thread_name_prefix="db-read"),
            "net": ThreadPoolExecutor(max_workers=3, thread_name_prefix="net"),
        }
        self._running = 0
        self._closed = False
        self._finished.connect(self._run_on_ui, Qt.ConnectionType.QueuedConnection)

    def run(
        self,
        op: Callable[[], Any],
        *,
        success: Success | None = None,
        failure: Failure | None = None,
        pool: Pool = "read",
        owner: QObject | None = None,
    ) -> Future[Any]:
        if self._closed:  # the window is closing: late timers get nothing done
            ignored: Future[Any] = Future()
            ignored.cancel()
            return ignored
        self._running += 1
        self.busy_changed.emit(self._running)

        def finish(future: Future[Any]) -> None:
            self._finished.emit(lambda: self._deliver(future, success, failure, owner))

        future = self._pools[pool].submit(op)
        future.add_done_callback(finish)
        return future

    def _deliver(self, future: Future[Any], success: Success | None, failure: Failure | None,
                 owner: QObject | None) -> None:
        self._running -= 1
        self.busy_changed.emit(self._running)
        if owner is not None and not shiboken6.isValid(owner):
            return
        error = future.exception()
        if error is None:
            if success is not None:
                success(future.result())
            return
        if failure is not None:
            failure(error)
        else:
            log.error("a background task failed", exc_info=error)
            self.unhandled_failure.emit(error)

    @Slot(object)
    def _run_on_ui(self, closure: Callable[[], None]) -> None:
        closure()

    @property
    def running(self) -> int:
        return self._running

    def shutdown(self) -> None:
        self._closed = True
        for pool in self._pools.values():
            pool.shutdown(wait=True, cancel_futures=False)
