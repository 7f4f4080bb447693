"""Reading a pull's pages ahead of writing them.

An initial pull is a few dozen pages of a hundred thousand rows or more. Three things happen
to each page: the service reads it (another process), the desk receives and decodes it, then
turns its rows into the values to store; and the replica writes it. Done one after another
they leave the machine's other core idle most of the time. Here the next page is requested
as soon as the previous answer is decoded (its cursor is in it), a page is prepared for
writing on a second thread while the following one is on the wire, and the writer takes
them in order. At most `depth` pages wait, so memory stays bounded.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from desk.sync import rebase
from desk.sync.client import Answer

Fetch = Callable[[int, int], Answer]  # (cursor, limit) -> the decoded answer
Prepared = tuple[Answer, rebase.PulledPage]

_DONE = object()


class PageReader:
    """Pages from `cursor` on, prepared, in order; the first with `first_limit` rows at most
    (a small one, so writing starts early), the others with `limit`. Stops after a page
    without `has_more` or a reset. An error while fetching is raised where that page is taken.
    """

    def __init__(
        self, fetch: Fetch, *, cursor: int, first_limit: int, limit: int, depth: int = 2
    ) -> None:
        self._fetch = fetch
        self._limit = limit
        self._waiting: queue.Queue[Any] = queue.Queue(maxsize=depth)
        self._stop = threading.Event()
        self._preparer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pull-prepare")
        self._thread = threading.Thread(
            target=self._read, args=(cursor, first_limit), name="pull-read", daemon=True
        )
        self._thread.start()

    def __iter__(self) -> Iterator[Prepared]:
        while True:
            item = self._waiting.get()
            if item is _DONE:
                return
            if isinstance(item, BaseException):
                raise item
            yield item.result()

    def close(self) -> None:
        """Stop reading ahead and wait for the threads (pages not taken are dropped)."""
        self._stop.set()
        while self._thread.is_alive():
            try:  # make room, so a reader blocked on a full queue sees the stop
                self._waiting.get(timeout=0.05)
            except queue.Empty:
                pass
        self._preparer.shutdown(wait=True)

    def __enter__(self) -> PageReader:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def _read(self, cursor: int, limit: int) -> None:
        try:
            while not self._stop.is_set():
                answer = self._fetch(cursor, limit)
                prepared: Future[Prepared] = self._preparer.submit(_prepare, answer)
                self._put(prepared)
                data = answer.data
                if data.get("reset") or not data.get("has_more"):
                    break
                cursor, limit = int(data["cursor"]), self._limit
        except BaseException as error:  # handed to the writer, which reports it
            self._put(error)
            return
        self._put(_DONE)

    def _put(self, item: Any) -> None:
        while not self._stop.is_set():
            try:
                self._waiting.put(item, timeout=0.1)
                return
            except queue.Full:
                continue


def _prepare(answer: Answer) -> Prepared:
    return answer, rebase.prepare(answer.data.get("changes") or [])
