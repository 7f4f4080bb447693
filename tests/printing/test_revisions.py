"""Revision counters: monotonic per desk, kept across restarts, never repeated."""

from __future__ import annotations

import json
import re
import threading
import uuid
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from desk.models.schema import Badge
from desk.printing.revisions import (
    JsonCounterStore,
    MemoryCounterStore,
    Revision,
    RevisionAllocator,
    badge_code,
    highest_counter,
)


def test_counters_grow_and_survive_a_restart(tmp_path: Path) -> None:
    desk = str(uuid.uuid4())
    path = tmp_path / "data" / "badge-revisions.json"
    first = RevisionAllocator(desk, JsonCounterStore(path))
    assert [first.next().counter for _ in range(3)] == [1, 2, 3]
    restarted = RevisionAllocator(desk, JsonCounterStore(path))
    assert restarted.next() == Revision(desk, 4)
    assert json.loads(path.read_text()) == {desk: 4}
    assert [p.name for p in path.parent.iterdir()] == ["badge-revisions.json"]


def test_two_offline_desks_never_issue_the_same_revision(tmp_path: Path) -> None:
    store = JsonCounterStore(tmp_path / "shared-file.json")
    a = RevisionAllocator(str(uuid.uuid4()), store)
    b = RevisionAllocator(str(uuid.uuid4()), MemoryCounterStore())
    issued = [a.next() for _ in range(5)] + [b.next() for _ in range(5)]
    assert len(set(issued)) == 10
    assert {r.counter for r in issued} == {1, 2, 3, 4, 5}  # same counters, different desks


def test_a_restored_desk_does_not_go_back(session: Session) -> None:
    # The counter file was lost (a new laptop); the replica pulled this desk's badges back.
    desk = str(uuid.uuid4())
    session.add(
        Badge(
            id=uuid.uuid4(),
            request_id=uuid.uuid4(),
            holder_id=uuid.uuid4(),
            code="D-1",
            revision_desk=desk,
            revision_counter=41,
        )
    )
    session.flush()
    assert highest_counter(session, desk) == 41
    assert highest_counter(session, str(uuid.uuid4())) == 0
    allocator = RevisionAllocator(
        desk, MemoryCounterStore(), floor=lambda: highest_counter(session, desk)
    )
    assert allocator.next().counter == 42
    assert allocator.next().counter == 43


def test_threads_get_distinct_counters() -> None:
    allocator = RevisionAllocator("D1", MemoryCounterStore())
    got: list[int] = []

    def take() -> None:
        for _ in range(50):
            got.append(allocator.next().counter)

    threads = [threading.Thread(target=take) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(got) == list(range(1, 201))


def test_a_damaged_counter_file_stops_printing(tmp_path: Path) -> None:
    # Better no badge than a repeated revision.
    path = tmp_path / "badge-revisions.json"
    path.write_text('{"D1": "seven"}')
    with pytest.raises(ValueError):
        RevisionAllocator("D1", JsonCounterStore(path)).next()


def test_a_desk_uuid_is_kept_in_its_canonical_spelling() -> None:
    desk = uuid.uuid4()
    allocator = RevisionAllocator(str(desk).upper(), MemoryCounterStore())
    assert allocator.next().desk == str(desk)


def test_badge_codes_say_the_type_and_differ_by_desk_and_revision() -> None:
    desk_a, desk_b = str(uuid.uuid4()), str(uuid.uuid4())
    code = badge_code("exhibitor", Revision(desk_a, 123))
    assert re.fullmatch(r"E[A-Z2-7]{5}-000123", code)
    assert badge_code("delegate", Revision(desk_a, 1)).startswith("D")
    assert badge_code("buyer", Revision(desk_a, 1)).startswith("B")
    assert badge_code("exhibitor", Revision(desk_b, 123)) != code
    assert badge_code("exhibitor", Revision(desk_a, 124)) != code
    assert len(badge_code("buyer", Revision(desk_a, 10**9))) <= 24  # the column's width


def test_the_store_lives_in_the_desk_data_folder(tmp_path: Path) -> None:
    store = JsonCounterStore.in_data_dir(tmp_path)
    RevisionAllocator("D1", store).next()
    assert (tmp_path / "badge-revisions.json").is_file()
