"""Reading pull pages ahead: in order, the first one small, errors where they belong, and a
writer that stops early does not leave a reader behind."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest

from desk.sync.client import Answer
from desk.sync.errors import Offline
from desk.sync.pages import PageReader


def _page(cursor: int, limit: int, top: int) -> Answer:
    high = min(cursor + limit, top)
    changes: list[dict[str, Any]] = [
        {"entity": "host_org", "id": f"00000000-0000-0000-0000-{v:012d}", "op": "del", "version": v}
        for v in range(cursor + 1, high + 1)
    ]
    data = {"changes": changes, "cursor": high, "has_more": high < top, "version": top}
    return Answer(data, 0.0, None)


def test_pages_come_in_order_and_prepared_with_a_small_first_one() -> None:
    asked: list[tuple[int, int]] = []

    def fetch(cursor: int, limit: int) -> Answer:
        asked.append((cursor, limit))
        return _page(cursor, limit, top=95)

    with PageReader(fetch, cursor=0, first_limit=5, limit=30) as reader:
        taken = [(answer.data["cursor"], page.effect.dels) for answer, page in reader]
    assert asked == [(0, 5), (5, 30), (35, 30), (65, 30)]
    assert taken == [(5, 5), (35, 30), (65, 30), (95, 30)]


def test_an_error_arrives_with_its_page_after_the_pages_before_it() -> None:
    def fetch(cursor: int, limit: int) -> Answer:
        if cursor >= 20:
            raise Offline("unreachable", "ConnectionError")
        return _page(cursor, limit, top=100)

    taken = []
    with PageReader(fetch, cursor=0, first_limit=10, limit=10) as reader:
        with pytest.raises(Offline):
            for answer, _prepared in reader:
                taken.append(answer.data["cursor"])
    assert taken == [10, 20]


def test_a_reset_ends_the_reading() -> None:
    calls = []

    def fetch(cursor: int, limit: int) -> Answer:
        calls.append(cursor)
        return Answer({"reset": True, "cursor": 0, "version": 9}, 0.0, None)

    with PageReader(fetch, cursor=40, first_limit=10, limit=10) as reader:
        assert [answer.data.get("reset") for answer, _ in reader] == [True]
    assert calls == [40]


def test_no_more_pages_wait_than_the_depth() -> None:
    asked: list[int] = []

    def fetch(cursor: int, limit: int) -> Answer:
        asked.append(cursor)
        return _page(cursor, limit, top=10**9)

    with PageReader(fetch, cursor=0, first_limit=10, limit=10, depth=2) as reader:
        pages = iter(reader)
        next(pages)
        time.sleep(0.3)
        # The one taken, and two more read ahead: no further request until one is taken.
        assert asked == [0, 10, 20]
        next(pages)
        time.sleep(0.3)
        assert asked == [0, 10, 20, 30]


def test_stopping_early_does_not_wait_for_the_rest() -> None:
    fetched = threading.Event()

    def fetch(cursor: int, limit: int) -> Answer:
        fetched.set()
        # Endless: the reader fills its queue and waits.
        return _page(cursor, limit, top=10**9)

    started = time.monotonic()
    with PageReader(fetch, cursor=0, first_limit=3, limit=3, depth=2) as reader:
        first = next(iter(reader))
        assert first[0].data["cursor"] == 3
        time.sleep(0.2)  # the reader is now blocked on a full queue
    assert fetched.is_set()
    assert time.monotonic() - started < 2.0
