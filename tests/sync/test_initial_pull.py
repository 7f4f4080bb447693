"""An initial pull: empty tables load without their plain indexes and get every one back,
also when the pull stops half way; pulled pages commit without waiting for the disk, commands
with it; big pages travel packed (Zstandard, or gzip for clients without it)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import requests

from central.api.compression import accepted_codings, pack
from desk.sync import rows as pulled_rows
from desk.sync.client import Answer
from desk.sync.engine import FIRST_PAGE_LIMIT
from desk.sync.errors import Offline
from desk.sync.replica import open_replica
from desk.sync.rows import DECLARED_INDEXES
from tests.sync.bulk import fair_rows, fill
from tests.sync.checks import assert_converged, raw_connect
from tests.sync.harness import Desk, Fair, make_desk


def _index_sql(path: Path) -> dict[str, str]:
    """Every index of a replica on disk, as committed (name -> SQL)."""
    conn = raw_connect(path)
    try:
        found = conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
        ).fetchall()
        return {str(name): str(sql) for name, sql in found}
    finally:
        conn.close()


def _fresh_index_sql(tmp_path: Path) -> dict[str, str]:
    replica = open_replica(tmp_path / "fresh" / "replica.sqlite3")
    try:
        return _index_sql(replica.path)
    finally:
        replica.close()


def _table(index_name: str) -> str:
    table = DECLARED_INDEXES[index_name].table
    assert table is not None
    return str(table.name)


def _watch_pages(desk: Desk, fail_at: int | None = None) -> list[int]:
    """Count, at each page request, the declared indexes the replica holds (as committed);
    with `fail_at`, that request fails as a cut network would."""
    seen: list[int] = []
    pull = desk.engine.client.pull

    def watched(**kwargs: Any) -> Answer:
        seen.append(len(set(DECLARED_INDEXES) & set(_index_sql(desk.replica.path))))
        if fail_at is not None and len(seen) == fail_at:
            raise Offline("unreachable", "cut")
        return pull(**kwargs)

    desk.engine.client.pull = watched  # type: ignore[method-assign]
    return seen


@pytest.fixture
def big_fair(fair: Fair) -> Fair:
    fill(fair.service.db(), fair_rows(enterprises=600, people=3_000, badge_requests=2_000))
    return fair


def test_an_initial_pull_builds_every_index_again(big_fair: Fair, tmp_path: Path) -> None:
    desk = make_desk(big_fair, tmp_path / "desks", "bulk")
    desk.engine.page_limit = 700
    seen = _watch_pages(desk)
    try:
        result = desk.engine.sync_once()
        assert result.ok, result.error
        assert result.pages >= 5
        # Pages after the first were written while the tables had no plain indexes...
        assert min(seen[2:]) < len(DECLARED_INDEXES)
        # ...and the last page built them all, exactly as the schema makes them.
        assert _index_sql(desk.replica.path) == _fresh_index_sql(tmp_path)
        assert_converged(big_fair.service, [desk])
        # A later pull from cursor 0 (a reset) into tables that have rows drops nothing
        # of theirs.
        with desk.replica.write() as session:
            dropped = pulled_rows.defer_indexes(session.connection())
            filled = {"enterprise", "person", "badge_request"}
            assert dropped and not [n for n in dropped if _table(n) in filled]
            assert sorted(pulled_rows.restore_indexes(session.connection())) == sorted(dropped)
    finally:
        desk.close()


def test_the_first_page_is_small_and_the_others_full(big_fair: Fair, tmp_path: Path) -> None:
    """Writing starts after a small first page; the rest come at the engine's page size."""
    desk = make_desk(big_fair, tmp_path / "desks", "paged")
    desk.engine.page_limit = FIRST_PAGE_LIMIT + 1000
    asked: list[tuple[int, int]] = []
    pull = desk.engine.client.pull

    def watched(**kwargs: Any) -> Answer:
        answer = pull(**kwargs)
        asked.append((kwargs["limit"], len(answer.data.get("changes") or [])))
        return answer

    desk.engine.client.pull = watched  # type: ignore[method-assign]
    try:
        result = desk.engine.sync_once()
        assert result.ok, result.error
        assert asked[0] == (FIRST_PAGE_LIMIT, FIRST_PAGE_LIMIT)
        assert {limit for limit, _ in asked[1:]} == {FIRST_PAGE_LIMIT + 1000}
        assert all(n == FIRST_PAGE_LIMIT + 1000 for _, n in asked[1:-1])
        assert result.pulled == sum(n for _, n in asked) > 5_600
        assert_converged(big_fair.service, [desk])
    finally:
        desk.close()


def test_a_pull_cut_short_gets_its_indexes_back(big_fair: Fair, tmp_path: Path) -> None:
    desk = make_desk(big_fair, tmp_path / "desks", "cut")
    desk.engine.page_limit = 700
    seen = _watch_pages(desk, fail_at=4)
    path = desk.replica.path
    key = desk.replica.key()
    try:
        result = desk.engine.sync_once()
        assert not result.ok and result.error == "unreachable"
        assert result.pages >= 2
        assert len(set(DECLARED_INDEXES) & set(_index_sql(path))) < len(DECLARED_INDEXES)
    finally:
        desk.close()
    # Opened again (the desk restarted): the indexes are there before anything else runs.
    again = open_replica(path, key=key)
    try:
        assert _index_sql(path) == _fresh_index_sql(tmp_path)
    finally:
        again.close()
    assert len(seen) == 4


def test_the_next_cycle_finishes_a_pull_cut_short(big_fair: Fair, tmp_path: Path) -> None:
    desk = make_desk(big_fair, tmp_path / "desks", "resume")
    desk.engine.page_limit = 700
    _watch_pages(desk, fail_at=3)
    try:
        assert desk.engine.sync_once().error == "unreachable"
        result = desk.engine.sync_once()  # the cut was once: this one runs to the end
        assert result.ok, result.error
        assert _index_sql(desk.replica.path) == _fresh_index_sql(tmp_path)
        assert_converged(big_fair.service, [desk])
    finally:
        desk.close()


def test_pulled_pages_commit_lazily_and_commands_durably(tmp_path: Path) -> None:
    replica = open_replica(tmp_path / "r.sqlite3")
    try:
        with replica.write(durable=False) as session:
            assert session.connection().exec_driver_sql("PRAGMA synchronous").scalar() == 1
        for _ in range(3):  # whichever pooled connection comes next
            with replica.write() as session:
                assert session.connection().exec_driver_sql("PRAGMA synchronous").scalar() == 2
            with replica.read() as session:
                assert session.connection().exec_driver_sql("PRAGMA synchronous").scalar() == 2
    finally:
        replica.close()


def test_big_pages_travel_packed_in_what_the_desk_accepts(big_fair: Fair, tmp_path: Path) -> None:
    desk = make_desk(big_fair, tmp_path / "desks", "packed")
    identity = desk.replica.identity()
    body = {
        "protocol": 1,
        "schema": 1,
        "client_id": str(identity.client_id),
        "cursor": 0,
        "limit": 2000,
        "wait": 0,
    }
    answers = {}
    try:
        for coding in ("zstd", "gzip", "identity"):
            answer = requests.post(
                big_fair.service.url + "/sync/pull",
                json=body,
                headers={"X-Desk-Token": str(identity.token), "Accept-Encoding": coding},
                timeout=30,
            )
            assert answer.status_code == 200
            answers[coding] = answer
        # What the desk's own client asks for: the smaller one too.
        assert "zstd" in desk.engine.client._session.headers["Accept-Encoding"]
    finally:
        desk.close()
    plain = answers["identity"]
    assert "Content-Encoding" not in plain.headers
    for coding in ("zstd", "gzip"):
        assert answers[coding].headers["Content-Encoding"] == coding
        assert int(answers[coding].headers["Content-Length"]) < len(plain.content) / 4
    assert int(answers["zstd"].headers["Content-Length"]) < int(
        answers["gzip"].headers["Content-Length"]
    )
    # The same page every way (bar the service's clock).
    same = [answer.json() for answer in answers.values()]
    for data in same:
        data.pop("server_time")
    assert same[0] == same[1] == same[2]
    assert len(same[0]["changes"]) == 2000


@pytest.mark.parametrize(
    ("header", "coding"),
    [
        ("gzip, deflate, zstd", "zstd"),
        ("gzip, deflate", "gzip"),
        ("deflate, gzip;q=0.5", "gzip"),
        ("GZIP", "gzip"),
        ("ZSTD;q=0.1, gzip", "zstd"),
        ("zstd;q=0, gzip", "gzip"),
        ("gzip;q=0", None),
        ("gzip;q=0.000", None),
        ("identity", None),
        ("", None),
        ("br", None),
    ],
)
def test_packed_only_in_a_coding_the_desk_asks_for(header: str, coding: str | None) -> None:
    body = b'{"changes":[' + b",".join([b'{"a":"%d"}' % n for n in range(10_000)]) + b"]}"
    sent, headers = pack(body, header)
    assert headers.get("Content-Encoding") == coding
    assert headers["Vary"] == "Accept-Encoding"
    if coding is None:
        assert sent == body
    else:
        assert len(sent) < len(body) / 4
    assert ("zstd" in accepted_codings(header)) is (coding == "zstd")


def test_small_answers_go_as_they_are() -> None:
    body = b'{"changes":[]}'
    assert pack(body, "zstd, gzip") == (body, {"Vary": "Accept-Encoding"})
