"""Photo checks are CPU-heavy: a service process runs only a few at once, and an upload that
would wait too long for its turn is answered 503 with Retry-After instead of queueing.

The checks are held at a gate (the real check runs once the gate opens), so the test sees
exactly how many run at once without depending on how fast this machine checks a photo."""

from __future__ import annotations

import hashlib
import os
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

import pytest
import requests

from central.api.routes.blobs import CheckTurns
from central.services import blobs as blob_service
from tests.central.harness import Desk, Harness


class Gate:
    """Wraps the real photo check: counts the checks running, holds them until opened."""

    def __init__(self, check: Callable[[bytes, str], Any]) -> None:
        self.check = check
        self.opened = threading.Event()
        self.lock = threading.Lock()
        self.running = 0
        self.most = 0
        self.entered = 0

    def __call__(self, data: bytes, kind: str) -> Any:
        with self.lock:
            self.running += 1
            self.entered += 1
            self.most = max(self.most, self.running)
        try:
            assert self.opened.wait(60), "the test never opened the gate"
            return self.check(data, kind)
        finally:
            with self.lock:
                self.running -= 1


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch) -> Iterator[Gate]:
    gate = Gate(blob_service.check_blob)
    monkeypatch.setattr(blob_service, "check_blob", gate)
    yield gate
    gate.opened.set()


def upload(svc: Harness, desk: Desk, data: bytes) -> requests.Response:
    sha = hashlib.sha256(data).hexdigest()
    return requests.put(
        f"{svc.url}/blobs/{sha}",
        params={"kind": "badge"},
        data=data,
        headers=desk.headers(),
        timeout=60,
    )


def until(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + 30
    while not condition():
        assert time.monotonic() < deadline, f"never happened: {what}"
        time.sleep(0.01)


def turns(svc: Harness) -> CheckTurns:
    found = getattr(svc.service.app.state, "photo_check_turns", None)
    assert isinstance(found, CheckTurns)
    return found


def test_at_most_the_configured_checks_run_and_a_long_wait_is_a_503(
    sq: Harness, gate: Gate
) -> None:
    sq.settings.photo_checks_at_once = 2
    sq.settings.photo_check_wait_s = 0.3
    desk = sq.enroll("T1")
    with ThreadPoolExecutor(max_workers=2) as pool:
        held = [pool.submit(upload, sq, desk, os.urandom(2000)) for _ in range(2)]
        until(lambda: gate.running == 2, "two checks running")
        late_bytes = os.urandom(2000)
        late = upload(sq, desk, late_bytes)
        assert late.status_code == 503, late.text
        assert late.json()["error"] == "photo_checks_busy"
        assert int(late.headers["retry-after"]) >= 1
        assert gate.entered == 2  # the refused upload never started a check
        gate.opened.set()
        answers = [f.result(timeout=60) for f in held]
    assert [a.status_code for a in answers] == [422, 422]  # random bytes: refused photos
    assert gate.most == 2
    # Nothing was kept of the refused upload: sent again, it is checked like any other.
    sha = hashlib.sha256(late_bytes).hexdigest()
    assert requests.head(f"{sq.url}/blobs/{sha}", headers=desk.headers()).status_code == 404
    assert upload(sq, desk, late_bytes).status_code == 422
    assert sq.http.get(f"{sq.url}/healthz").status_code == 200


def test_the_queue_is_bounded_whatever_the_wait(sq: Harness, gate: Gate) -> None:
    sq.settings.photo_checks_at_once = 1
    sq.settings.photo_check_wait_s = 8  # one turn running, at most 8 waiting
    desk = sq.enroll("T2")
    pending: list[Future[requests.Response]] = []
    with ThreadPoolExecutor(max_workers=9) as pool:
        pending.append(pool.submit(upload, sq, desk, os.urandom(1000)))
        until(lambda: gate.running == 1, "one check running")
        for _ in range(8):
            pending.append(pool.submit(upload, sq, desk, os.urandom(1000)))
        until(lambda: turns(sq).waiting == 8, "eight uploads waiting")
        over = upload(sq, desk, os.urandom(1000))
        # Refused at once: all eight still wait, none timed out.
        assert over.status_code == 503, over.text
        assert turns(sq).waiting == 8 and gate.entered == 1
        gate.opened.set()
        answers = [f.result(timeout=60) for f in pending]
    assert [a.status_code for a in answers] == [422] * 9
    assert gate.most == 1 and gate.entered == 9
