"""Whether the service is reachable, decided from how the last calls went, and how long to
wait before the next try.

Online: a cycle every few seconds, and at once after a local command. Two failures in a row,
or answers slower than `SLOW_S` three times running, and the desk is offline: it then only
probes, backing off from 1 s up to a minute (with jitter, so desks coming back after a
venue-wide outage do not all knock at once), and comes back by itself on the first good
answer. Blocked (revoked, version, restored replica) stays until someone acts.
"""

from __future__ import annotations

import random
import threading
from dataclasses import dataclass

ONLINE = "online"
OFFLINE = "offline"
BLOCKED = "blocked"

INTERVAL_S = 3.0
SLOW_S = 8.0
FAILURES_TO_OFFLINE = 2
SLOW_TO_OFFLINE = 3
BACKOFF_FIRST_S = 1.0
BACKOFF_MAX_S = 60.0


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
