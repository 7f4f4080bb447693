"""Reading a pull's pages ahead of writing them.

An initial pull is a few dozen pages of a hundred thousand rows or more. Three things happen
to each page: the service reads it (another process), the desk receives, decodes and turns its
rows into the values to store; and the replica writes it. Done one after another they leave
the machine's other core idle most of the time. Here one thread requests the next page as
soon as the previous answer is decoded (its cursor is in it) and prepares each page for
writing, while the writer writes the one before. At most `depth` pages are fetched and not
yet taken by the writer, so memory stays bounded.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterator
from typing import Any

from desk.sync import rebase
from desk.sync.client import Answer

Fetch = Callable[[int, int], Answer]  # (cursor, limit) -> the decoded answer
Prepared = tuple[Answer, rebase.PulledPage]

_DONE = object()


class PageReader:
    """Pages from `cursor` on, prepared, in order; the first with `first_limit` rows at most
    (a small one, so writing starts early), the others with `limit`. Stops after a page
    without `has_more` or a reset. An error while fetching or preparing a page is raised where
    that page would have been taken.
    """

    def __init__(
        self, fetch: Fetch, *, cursor: int, first_limit: int, limit: int, depth: int = 1
    ) -> None:
        self._fetch = fetch
        self._limit = limit
        self._waiting: queue.Queue[Any] = queue.Queue()
        self._slots = threading.Semaphore(depth)  # one per page fetched and not yet taken
        self._stop = threading.Event()
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
            self._slots.release()
            yield item

    def close(self) -> None:
        """Stop reading ahead and wait for the reading thread (pages not taken are dropped). A fetch
        under way ends first (within the client's timeouts)."""
        self._stop.set()
        self._thread.join()

    def __enter__(self) -> PageReader:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def _read(self, cursor: int, limit: int) -> None:
        try:
            while self._take_slot():
                answer = self._fetch(cursor, limit)
                if self._stop.is_set():
                    return
                self._waiting.put((answer, rebase.prepare(answer.data.get("changes") or [])))
                data = answer.data
                if data.get("reset") or not data.get("has_more"):
                    break
                cursor, limit = int(data["cursor"]), self._limit
        except BaseException as error:  # handed to the writer, which reports it
            self._waiting.put(error)
            return
        self._waiting.put(_DONE)

    def _take_slot(self) -> bool:
        """Wait until fewer than `depth` pages are waiting; False once stopped."""
        while not self._stop.is_set():
            if self._slots.acquire(timeout=0.1):
                return True
        return False

