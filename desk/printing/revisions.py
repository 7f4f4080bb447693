"""Badge revisions: a counter per desk, monotonic and kept on disk, and the badge code.

A revision is (desk id, counter). The desk id makes two desks printing offline issue
different revisions; the counter only has to grow on one desk. It is saved before it is used,
so a crash between saving and printing leaves a gap, never a repeat; and after a desk is
restored from an old copy, the highest counter in the replica's badge table (its own prints,
pulled back from the service) keeps it from going back.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desk.models.badge_token import Revision, normalize_desk
from desk.models.schema import Badge

__all__ = [
    "CounterStore",
    "JsonCounterStore",
    "MemoryCounterStore",
    "Revision",
    "RevisionAllocator",
    "badge_code",
    "highest_counter",
]

# The letter a badge code starts with, so staff tell the types apart by ear and eye.
TYPE_LETTERS = {"exhibitor": "E", "delegate": "D", "buyer": "B"}


class CounterStore(Protocol):
    """Where the last counter of each desk is kept."""

    def load(self, desk: str) -> int:
        """The last counter issued for `desk` (0 when none was)."""
        ...

    def save(self, desk: str, counter: int) -> None:
        """Keep `counter` as the last one issued for `desk`, durably, before returning."""
        ...


class MemoryCounterStore:
    """A store for tests and for tools that print nothing for real."""

    def __init__(self) -> None:
        self.counters: dict[str, int] = {}

    def load(self, desk: str) -> int:
        return self.counters.get(desk, 0)

    def save(self, desk: str, counter: int) -> None:
        self.counters[desk] = counter


class JsonCounterStore:
    """A small JSON file in the desk's data folder: `{desk id: last counter}`.

    Written to a temporary file, flushed to disk and renamed over the old one, so a power cut
    leaves either the old or the new file, never half of one.
    """

    FILE_NAME = "badge-revisions.json"

    def __init__(self, path: Path) -> None:
        self.path = Path(path)

    @classmethod
    def in_data_dir(cls, data_dir: str | Path) -> JsonCounterStore:
        return cls(Path(data_dir) / cls.FILE_NAME)

    def _read(self) -> dict[str, int]:
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return {}
        data = json.loads(text)
        if not isinstance(data, dict) or not all(
            isinstance(v, int) and not isinstance(v, bool) for v in data.values()
        ):
            raise ValueError(f"{self.path} is not a revision counter file")
        return {str(k): int(v) for k, v in data.items()}

    def load(self, desk: str) -> int:
        return self._read().get(desk, 0)

    def save(self, desk: str, counter: int) -> None:
        data = self._read()
        data[desk] = counter
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".revisions-", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(data, handle, indent=1, sort_keys=True)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


class RevisionAllocator:
    """Issues this desk's revisions: each one greater than every one issued before.

    `floor` answers the highest counter known elsewhere (`highest_counter` on the replica);
    the allocator never issues one at or below it.
    """

    def __init__(
        self, desk: str, store: CounterStore, *, floor: Callable[[], int] | None = None
    ) -> None:
        self.desk = normalize_desk(str(desk))
        self.store = store
        self.floor = floor
        self._lock = threading.Lock()

    def next(self) -> Revision:
        with self._lock:
            last = self.store.load(self.desk)
            if self.floor is not None:
                last = max(last, self.floor())
            counter = last + 1
            self.store.save(self.desk, counter)
            return Revision(self.desk, counter)


def highest_counter(session: Session, desk: str) -> int:
    """The highest counter of `desk` among the badge rows this database holds."""
    desk = normalize_desk(str(desk))
    value = session.scalar(
        select(func.max(Badge.revision_counter)).where(Badge.revision_desk == desk)
    )
    return int(value or 0)


def desk_tag(desk: str) -> str:
    """Five base32 characters from the desk id: short, and distinct across a fair's desks
    (one clash in about 30 million pairs)."""
    digest = hashlib.sha256(normalize_desk(str(desk)).encode("utf-8")).digest()
    return base64.b32encode(digest).decode("ascii")[:5]


def badge_code(badge_type: str, revision: Revision) -> str:
    """The code printed on a badge and typed to find it: type letter, desk tag, counter,
    e.g. `E7KQ2M-000123`. Each revision has its own code, so a voided badge is told apart
    at a glance too."""
    letter = TYPE_LETTERS.get(badge_type, "X")
    return f"{letter}{desk_tag(revision.desk)}-{revision.counter:06d}"
