"""The latest changes, serialised once per process for every desk that pulls them.

Twenty desks pulling after each other's pushes ask for the same few hundred rows over and
over, each from its own cursor. `RecentChanges` keeps, as UTF-8 JSON texts in version order, every
change after `low` up to `high`: a pull whose snapshot's counter lies in between takes its
page from here instead of querying and serialising the rows again.

Why that is safe:
- Versions are taken from one counter at commit, so two snapshots that read the same
  counter value see the same synced rows, and a snapshot that read `top` sees exactly the
  changes with versions up to `top` that were not changed again by `top`.
- A row that changes again gets a higher version. Its old entry is kept, marked with the
  version that replaced it, so a snapshot older than that replacement still gets it and a
  newer one does not: the page is the one the database would have given.
- The run is extended from `high` to a snapshot's counter with every change in between,
  read in that snapshot. It is exact for the counters it was extended to (a row changed
  twice between two of them shows only its second version), so only those are served from
  it; other snapshots, and cursors older than the run, read the database as before
  (borrowing the texts the run holds: a committed version's content never changes).
- A database restored from an older backup reuses versions: restart the service after a
  restore (it also drops its connection pools then).
"""

from __future__ import annotations

import bisect
import threading
from typing import Any


class RecentChanges:
    def __init__(self, size: int = 20_000) -> None:
        self._size = size
        self._lock = threading.Lock()
        self._low = self._high = -1  # nothing kept yet
        self._versions: list[int] = []
        self._texts: dict[int, bytes] = {}
        self._rows: dict[int, tuple[str, Any]] = {}  # version -> (entity, id)
        self._where: dict[tuple[str, Any], int] = {}  # (entity, id) -> its latest version
        self._replaced: dict[int, int] = {}  # version -> the version that replaced it
        self._points: set[int] = set()  # counters the run was extended to

    @property
    def high(self) -> int:
        return self._high

    def text(self, version: int) -> bytes | None:
        return self._texts.get(version)

    def begin(self, top: int) -> None:
        """Start keeping changes after `top`, if nothing is kept yet."""
        with self._lock:
            if self._high < 0:
                self._restart(top)

    def page(self, top: int, cursor: int, limit: int) -> tuple[list[int], list[bytes]] | None:
        """Up to `limit + 1` (versions, texts) after `cursor` as a snapshot whose counter was
        `top` sees them; None when the run does not cover that (the caller reads the
        database)."""
        with self._lock:
            if not self._low <= cursor <= top <= self._high or top not in self._points:
                return None
            versions: list[int] = []
            index = bisect.bisect_right(self._versions, cursor)
            while index < len(self._versions) and len(versions) <= limit:
                version = self._versions[index]
                if version > top:
                    break
                if self._replaced.get(version, top + 1) > top:
                    versions.append(version)
                index += 1
            return versions, [self._texts[v] for v in versions]

    def extend(self, since: int, top: int, changes: list[tuple[str, Any, int, bytes]]) -> None:
        """Bring the run from `since` to `top` with every change in between (version order),
        read in a snapshot whose counter was `top`. Ignored when another request moved the
        run meanwhile."""
        with self._lock:
            if self._high != since or top <= since:
                return
            for entity, row_id, version, text in changes:
                old = self._where.get((entity, row_id))
                if old is not None:
                    self._replaced[old] = version
                self._where[(entity, row_id)] = version
                self._rows[version] = (entity, row_id)
                self._versions.append(version)
                self._texts[version] = text
            self._high = top
            self._points.add(top)
            if len(self._versions) > self._size:
                # Trim a tenth at a time, so trimming is not a cost of every extension.
                excess = len(self._versions) - self._size * 9 // 10
                self._low = self._versions[excess - 1]
                for version in self._versions[:excess]:
                    self._forget(version)
                del self._versions[:excess]
                self._points = {p for p in self._points if p >= self._low}

    def restart(self, top: int) -> None:
        """Drop everything and keep changes after `top` (a delta too long to read)."""
        with self._lock:
            self._restart(top)

    def _restart(self, top: int) -> None:
        self._low = self._high = top
        self._versions.clear()
        self._texts.clear()
        self._rows.clear()
        self._where.clear()
        self._replaced.clear()
        self._points = {top}

    def _forget(self, version: int) -> None:
        self._texts.pop(version, None)
        self._replaced.pop(version, None)
        key = self._rows.pop(version, None)
        if key is not None and self._where.get(key) == version:
            del self._where[key]
