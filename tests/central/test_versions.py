"""Versions become visible in order (P13) and long polls answer within a second of a commit."""

from __future__ import annotations

import threading
import time
import uuid

from sqlalchemy import select

from desk.models.schema import ENTITIES
from tests.central.harness import Harness
from tests.factories import account_form


def _all_versions(svc: Harness) -> set[int]:
    versions: set[int] = set()
    with svc.db.read() as session:
        for cls in ENTITIES.values():
            versions.update(session.scalars(select(cls.version)))  # type: ignore[attr-defined]
    return versions


def test_racing_reader_never_skips_a_version(pg_svc: Harness) -> None:
    svc = pg_svc
    svc.standard_fair()
    writers = [svc.enroll(f"W{i}", operator="op1") for i in range(4)]
    reader = svc.enroll("R", operator="op1")
    seen: set[int] = set()
    cursor = 0
    done = threading.Event()

    def write(index: int) -> None:
        desk = writers[index]
        for batch in range(6):
            commands = [
                desk.command(
                    "create_account",
                    {
                        "account_id": str(uuid.uuid4()),
                        "account": account_form(f"w{index}b{batch}n{n}"),
                    },
                )
                for n in range(5)
            ]
            assert desk.push(commands).status_code == 200

    threads = [threading.Thread(target=write, args=(i,)) for i in range(len(writers))]
    for t in threads:
        t.start()

    def read() -> None:
        nonlocal cursor
        while not done.is_set():
            page = reader.pull(cursor, limit=7)
            seen.update(c["version"] for c in page["changes"])
            cursor = page["cursor"]

    reading = threading.Thread(target=read)
    reading.start()
    for t in threads:
        t.join()
    done.set()
    reading.join()
    changes, _page = reader.pull_all(cursor)
    seen.update(c["version"] for c in changes)
    stored = _all_versions(svc)
    assert len(stored) > 120
    assert stored <= seen, f"skipped versions: {sorted(stored - seen)[:10]}"


def test_long_poll_answers_within_a_second_of_a_commit(fair: Harness) -> None:
    desk = fair.enroll("D1", operator="op1")
    other = fair.enroll("D2", operator="op1")
    cursor = other.pull(0)["cursor"]
    answered: dict[str, float] = {}

    def poll() -> None:
        page = other.pull(cursor, wait=10)
        answered["at"] = time.monotonic()
        answered["changes"] = len(page["changes"])

    waiting = threading.Thread(target=poll)
    waiting.start()
    time.sleep(0.7)
    assert "at" not in answered  # nothing new yet: still waiting
    desk.run(
        "create_account", {"account_id": str(uuid.uuid4()), "account": account_form("longpoll")}
    )
    committed = time.monotonic()
    waiting.join(timeout=5)
    assert answered["changes"] >= 1
    assert answered["at"] - committed < 1.0


def test_long_poll_gives_up_after_wait(fair: Harness) -> None:
    desk = fair.enroll("D1", operator="op1")
    cursor = desk.pull(0)["cursor"]
    started = time.monotonic()
    page = desk.pull(cursor, wait=1.0)
    assert page["changes"] == [] and 0.9 <= time.monotonic() - started < 3
