"""Whether the service is reachable, decided from how the last calls went, and how long to
wait before the next try.

Online: a cycle every few seconds, and at once after a local command. Two failures in a row,
or answers slower than `SLOW_S` three times running, and the desk is offline: it then only
probes, backing off from 1 s up to a minute (with jitter, so desks coming back after a
venue-wide outage do not all knock at once), and comes back by itself on the first good
answer. Blocked (revoked, version, restored replica) stays until someone acts.

A version block (`VERSION_BLOCK`: the service needs a newer desk, or speaks another protocol)
keeps its `UpdateNotice` in a small file beside the replica, so `fairdesk status` and the
status bar can say to which version and from where to update, engine running or not. It
holds no personal data and no secret, so it is plain JSON.
"""

from __future__ import annotations

import json
import logging
import os
import random
import threading
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

ONLINE = "online"
OFFLINE = "offline"
BLOCKED = "blocked"
# The block reason for "this desk must be updated"; the notice file says why and to what.
VERSION_BLOCK = "version_not_supported"

INTERVAL_S = 3.0
SLOW_S = 8.0
FAILURES_TO_OFFLINE = 2
SLOW_TO_OFFLINE = 3
BACKOFF_FIRST_S = 1.0
BACKOFF_MAX_S = 60.0

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class LinkView:
    state: str
    failures: int
    last_latency_s: float | None
    blocked: str | None


class Link:
    """Thread-safe link state; the engine reports each call's outcome here."""

    def __init__(self, *, interval_s: float = INTERVAL_S, rng: random.Random | None = None) -> None:
        self.interval_s = interval_s
        self._lock = threading.Lock()
        self._state = OFFLINE
        self._failures = 0
        self._slow = 0
        self._latency: float | None = None
        self._blocked: str | None = None
        self._rng = rng or random.Random()

    def view(self) -> LinkView:
        with self._lock:
            return LinkView(self._state, self._failures, self._latency, self._blocked)

    @property
    def state(self) -> str:
        with self._lock:
            return self._state

    @property
    def online(self) -> bool:
        return self.state == ONLINE

    def succeeded(self, latency_s: float) -> None:
        with self._lock:
            self._latency = latency_s
            self._failures = 0
            self._slow = self._slow + 1 if latency_s > SLOW_S else 0
            if self._blocked is None:
                self._state = OFFLINE if self._slow >= SLOW_TO_OFFLINE else ONLINE

    def failed(self) -> None:
        with self._lock:
            self._failures += 1
            if self._blocked is None and self._failures >= FAILURES_TO_OFFLINE:
                self._state = OFFLINE

    def block(self, reason: str) -> None:
        with self._lock:
            self._blocked = reason
            self._state = BLOCKED

    def unblock(self) -> None:
        with self._lock:
            self._blocked = None
            self._state = OFFLINE
            self._failures = 0

    def next_delay_s(self) -> float:
        """Seconds until the next cycle (or probe) when nothing pokes the worker."""
        with self._lock:
            if self._state == BLOCKED:
                return BACKOFF_MAX_S
            if self._failures == 0:
                return self.interval_s
            base = min(BACKOFF_MAX_S, BACKOFF_FIRST_S * 2 ** (self._failures - 1))
            return base * self._rng.uniform(0.8, 1.2)


@dataclass(frozen=True)
class UpdateNotice:
    """Why the service refused this desk's version: `code` is `desk_too_old` or
    `version_not_supported`; `min_desk_version` is None when the service named none, and
    `installer_url` is empty when it named no installer."""

    code: str
    min_desk_version: str | None
    installer_url: str


def notice_path(replica_path: Path) -> Path:
    return replica_path.with_name(replica_path.stem + ".update.json")


def save_update_notice(replica_path: Path, notice: UpdateNotice) -> None:
    """Write atomically: a crash leaves the old notice or the new one. A notice that cannot
    be written (disk full) only loses the details: the block itself is in the replica."""
    path = notice_path(replica_path)
    tmp = path.with_name(path.name + ".tmp")
    try:
        tmp.write_text(json.dumps(asdict(notice), ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, path)
    except OSError as error:
        log.warning("the update notice could not be written: %s", type(error).__name__)


def load_update_notice(replica_path: Path) -> UpdateNotice | None:
    """The last notice saved beside the replica; None when there is none or it is unreadable
    (then the desk still says it must be updated, without the details)."""
    try:
        data: Any = json.loads(notice_path(replica_path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict):
        return None

    def text(key: str) -> str | None:
        value = data.get(key)
        return value if isinstance(value, str) and value else None

    return UpdateNotice(
        code=text("code") or VERSION_BLOCK,
        min_desk_version=text("min_desk_version"),
        installer_url=text("installer_url") or "",
    )
